"""A helpdesk's day: new person in one key, switch back, undo, re-check, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from optout_tui.progress import ProgressStore
from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.screens.profiles import ProfilesScreen
from optout_tui.tui.widgets.action_detail import ActionDetail
from optout_tui.tui.widgets.step_checklist import StepChecklist
from tests.conftest import EXAMPLE_CATALOG
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.tui.helpers import make_app, shown_text


async def tick_all(pilot) -> StepChecklist:
    await pilot.press("enter")  # open the platform
    await pilot.pause()
    await pilot.press("enter")  # to the steps
    checklist = pilot.app.screen.query_one(StepChecklist)
    for _ in checklist.steps:
        await pilot.press("space")  # ticks and moves on to the next step
    await pilot.pause()
    return checklist


async def test_new_person_starts_empty_and_switching_back_restores(data_dir: Path) -> None:
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await tick_all(pilot)
        assert len(checklist.done) == 2
        await pilot.press("escape", "escape")  # steps → actions → the platform list
        await pilot.pause()
        assert "✔ all done" in shown_text(app.screen.query_one("#platforms", PlatformList))
        await pilot.press("f5")  # whose progress? The first entry is a new person
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen) and app.profile == "default"
        await pilot.press("enter")
        await pilot.pause()
        assert app.profile.startswith("Visitor ")
        assert "○ 1 to do" in shown_text(app.screen.query_one("#platforms", PlatformList))
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        profiles = app.screen.query_one(OptionList)
        profiles.highlighted = profiles.get_option_index("default")
        await pilot.press("enter")
        await pilot.pause()
        assert app.profile == "default"
        assert "✔ all done" in shown_text(app.screen.query_one("#platforms", PlatformList))


async def test_undo_takes_back_the_last_tick(data_dir: Path) -> None:
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await tick_all(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert checklist.done == frozenset({checklist.steps[0].id})
        said = [n.message for n in pilot.app._notifications][-1]
        assert said == "Undone: step 2 of “Turn off AI training on your posts”."


async def test_finished_action_whose_text_changed_asks_for_a_recheck(
    data_dir: Path, tmp_path: Path
) -> None:
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await tick_all(pilot)
    changed = tmp_path / "changed"
    (changed / "platforms").mkdir(parents=True)
    text = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
    (changed / "platforms" / "example.yaml").write_text(
        text.replace("en: Allow AI training", "en: Use your posts for AI"), encoding="utf-8"
    )
    again = make_app(data_dir, changed)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, PlatformScreen)
        assert "⟳ re-check" in shown_text(screen.query_one("#actions", OptionList))
        detail = screen.query_one(ActionDetail)
        assert "“Allow AI training” → “Use your posts for AI”" in detail.recheck


async def test_export_writes_a_handout(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("platformdirs.user_documents_path", lambda: tmp_path)
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("enter")  # the first format: the HTML handout
        await pilot.pause()
        await pilot.press("escape")  # closes the note that says where it went
        await pilot.press("f6", "down", "down", "enter")  # JSON
        await pilot.pause()
    [exported] = tmp_path.glob("optout-default-*.json")
    assert '"format_version": 1' in exported.read_text(encoding="utf-8")
    [handout] = tmp_path.glob("optout-default-*.html")
    assert "Opt-out guide for default" in handout.read_text(encoding="utf-8")


async def test_unsaved_changes_are_kept_and_announced(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from optout_tui.progress import StoreError

    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:

        def refuse(self, key, state):
            raise StoreError("attempt to write a readonly database")

        monkeypatch.setattr(ProgressStore, "set_state", refuse)
        checklist = await tick_all(pilot)
        assert len(checklist.done) == 2  # shown, though not saved yet
        assert any("Not saved yet" == n.title for n in app._notifications)
        monkeypatch.undo()
        app.retry_saves()
        assert not app.progress.pending
    assert len(ProgressStore(data_dir).done_steps()) == 2


async def test_a_data_folder_deleted_under_the_app_is_said_and_saved_again(data_dir: Path) -> None:
    import shutil

    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        shutil.rmtree(data_dir)  # a clean-up tool, or a person, removes the folder
        checklist = await tick_all(pilot)
        assert len(checklist.done) == 2  # shown, kept in memory
        [warning] = [n for n in app._notifications if n.title == "Not saved yet"]
        assert "deleted or replaced" in warning.message
        app.retry_saves()  # the app retries on a timer; the folder is made again
        assert not app.progress.pending
        assert any(n.title == "Saved" for n in app._notifications)
    assert len(ProgressStore(data_dir).done_steps()) == 2


async def test_not_possible_for_me_is_saved_and_shown(data_dir: Path) -> None:
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", "x")
        await pilot.pause()
        checklist = app.screen.query_one(StepChecklist)
        assert checklist.blocked == frozenset({"open-settings"})
        assert "✗ not possible" in shown_text(checklist)
        assert checklist.highlighted == 1  # on to the next step
        await pilot.press("up", "x")
        await pilot.pause()
        assert checklist.blocked == frozenset()
        await pilot.press("x")
        await pilot.pause()
    states = ProgressStore(data_dir).states()
    assert list(states.values()) == ["not-possible"]


async def test_note_on_an_action(data_dir: Path) -> None:
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"did it [b]on[/b] laptop", "enter")
        await pilot.pause()
        detail = app.screen.query_one(ActionDetail)
        assert detail.note == "did it [b]on[/b] laptop"
        assert "✎ did it [b]on[/b] laptop" in shown_text(detail.query_one("#action-note"))
    notes = ProgressStore(data_dir).notes()
    assert notes[("example", "ai-training")][0] == "did it [b]on[/b] laptop"


async def test_export_into_a_chosen_folder_shows_the_path_until_closed(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from optout_tui.tui.screens.export import ExportedScreen, ExportScreen

    documents = tmp_path / "documents"
    documents.mkdir()
    chosen = tmp_path / "usb stick"
    chosen.mkdir()
    monkeypatch.setattr("platformdirs.user_documents_path", lambda: documents)
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        folder = app.screen.query_one("#export-folder", Input)
        assert folder.value == str(documents)  # prefilled with the documents folder
        await pilot.press("tab")
        assert folder.has_focus
        folder.value = str(tmp_path / "no such folder")
        await pilot.press("enter", "down", "down", "enter")  # JSON, into a missing folder
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # refused, said why, nothing written
        assert "There is no folder" in shown_text(app.screen.query_one("#export-problem"))
        assert folder.has_focus
        folder.value = str(chosen)
        await pilot.press("enter", "enter")  # back on the formats, still on JSON
        await pilot.pause()
        [exported] = chosen.glob("optout-default-*.json")
        assert not list(documents.iterdir())
        note = app.screen
        assert isinstance(note, ExportedScreen)  # a note, not a toast that goes away
        shown = shown_text(note.query_one("#exported-path"))
        assert shown.replace(" ", "") == str(exported).replace(" ", "")
        await pilot.pause()
        assert app.screen is note
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportedScreen)
        await pilot.press("f6")  # the folder chosen is offered again
        await pilot.pause()
        assert app.screen.query_one("#export-folder", Input).value == str(chosen)
