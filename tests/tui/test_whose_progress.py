"""Whose progress: the app starts on the last person worked for, asks when several people
have progress, says whose it is at all times; a misspelt name is an error everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore, StepKey
from optout_tui.progress.people import last_person
from optout_tui.tui.screens.profiles import ProfilesScreen
from optout_tui.tui.widgets.person_footer import PersonFooter
from tests.conftest import SCREENS_CATALOG
from tests.tui.helpers import make_app, shown_text


def two_people(data_dir: Path) -> None:
    for name in ("Visitor 14:30", "Ada"):
        store = ProgressStore(data_dir, profile=name)
        store.set_step(StepKey("alpha", "ai-training", "web", "open-settings"), True)
        store.close()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list:
    """`optout` with no command builds the app; its run is replaced by a note of the app."""
    from optout_tui.tui.app import OptOutApp

    apps: list = []
    monkeypatch.setattr(OptOutApp, "run", lambda self: apps.append(self))
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: SCREENS_CATALOG)
    return apps


async def test_a_new_person_is_kept_and_the_app_starts_on_them_again(
    data_dir: Path, started: list
) -> None:
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "enter")  # whose progress? → + New person
        await pilot.pause()
        visitor = app.profile
        assert visitor.startswith("Visitor ")
        assert visitor in app.sub_title
        assert app.screen.query_one(PersonFooter).person == visitor
    app.progress.close()
    assert last_person(data_dir) == visitor
    assert visitor in ProgressStore(data_dir).profiles()  # kept, with nothing ticked yet
    assert main(["--data-dir", str(data_dir)]) == 0
    assert started[-1].profile == visitor and not started[-1].ask_whose


def test_several_people_are_asked_about_at_start(data_dir: Path, started: list) -> None:
    two_people(data_dir)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert started[-1].ask_whose
    assert main(["--data-dir", str(data_dir), "--profile", "Ada"]) == 0
    assert started[-1].profile == "Ada" and not started[-1].ask_whose


def test_the_app_goes_on_with_the_store_opened_to_choose_the_person(
    data_dir: Path, started: list
) -> None:
    """The command line opens the progress to find out whose it is; the app keeps that store
    (one opening, not two), so a damaged file moved aside on the way is still told about."""
    from optout_tui.progress.store import DB_NAME

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / DB_NAME).write_bytes(b"not a database at all " * 100)
    assert main(["--data-dir", str(data_dir)]) == 0
    store = started[-1].progress.store
    assert store is not None and store.moved_aside is not None
    store.close()
    two_people(data_dir)  # another person than the one the store was opened for: opened anew
    assert main(["--data-dir", str(data_dir), "--profile", "Ada"]) == 0
    assert started[-1].progress.store.profile == "Ada"
    started[-1].progress.close()


async def test_asking_at_start_shows_whose_progress(data_dir: Path) -> None:
    two_people(data_dir)
    app = make_app(data_dir, SCREENS_CATALOG)
    app.ask_whose = True
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        await pilot.press("escape")  # keep the one it started on
        await pilot.pause()
        assert app.profile == "default"


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "md"],
        ["list", "--status", "done"],
        ["walk", "alpha"],
        [],
    ],
)
def test_a_misspelt_person_is_an_error_with_close_names(
    argv: list[str], data_dir: Path, capsys, started: list
) -> None:
    two_people(data_dir)
    code = main([*argv, "--data-dir", str(data_dir), "--profile", "Vistor 14:30"])
    err = capsys.readouterr().err
    assert code == 1 and not started
    assert "no profile named 'Vistor 14:30'" in err and "'Visitor 14:30'" in err


def test_a_misspelt_person_is_an_error_in_french_too(data_dir: Path, capsys, started: list) -> None:
    two_people(data_dir)
    assert main(["export", "--lang", "fr", "--data-dir", str(data_dir), "--profile", "Adda"]) == 1
    assert "aucun profil nommé 'Adda'. Vouliez-vous dire : 'Ada' ?" in capsys.readouterr().err


async def test_rename_and_erase_a_person_from_whose_progress(data_dir: Path) -> None:
    from textual.widgets import Input, OptionList

    from optout_tui.tui.screens.profiles import RenameScreen
    from optout_tui.tui.screens.visit import ConfirmScreen

    two_people(data_dir)  # "Visitor 14:30" and "Ada", one tick each; the app is on Ada
    app = make_app(data_dir, SCREENS_CATALOG)
    app.switch_profile("Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        app.choose_person()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ProfilesScreen)
        people = dialog.query_one("#profiles-list", OptionList)

        def highlight(name: str) -> None:
            people.highlighted = [
                people.get_option_at_index(i).id for i in range(people.option_count)
            ].index(name)

        highlight("Visitor 14:30")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, RenameScreen)
        app.screen.query_one(Input).value = "Bea"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "Bea" in shown_text(people) and "Visitor 14:30" not in shown_text(people)
        bea = ProgressStore(data_dir, profile="Bea")
        assert bea.done_steps() and "Visitor 14:30" not in bea.profiles()  # ticks went along
        bea.close()

        highlight("Ada")  # the person being helped: renamed, and still the one shown
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one(Input).value = "Ada L."
        await pilot.press("enter")
        await pilot.pause()
        assert app.profile == "Ada L." and app.progress.done_steps()
        assert "Ada L." in app.sub_title and last_person(data_dir) == "Ada L."

        highlight("Bea")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the cursor starts on "keep it": nothing is erased
        await pilot.pause()
        assert app.screen is dialog and "Bea" in shown_text(people)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("down", "enter")  # "erase it", chosen on purpose
        await pilot.pause()
        assert app.screen is dialog and "Bea" not in shown_text(people)
        assert app.progress.store is not None
        assert "Bea" not in app.progress.store.profiles()
        assert app.profile == "Ada L."
