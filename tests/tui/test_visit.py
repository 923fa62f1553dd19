"""Beyond the list: which platforms the person uses (kept per person), overall progress and
time left, and the end of a visit (handout first, then erasing the person on a clear yes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from optout_tui.progress import ProgressStore, StepKey
from optout_tui.progress.next_up import next_up
from optout_tui.progress.status import Standing
from optout_tui.tui.screens.uses import UsesScreen
from optout_tui.tui.screens.visit import ConfirmScreen, VisitScreen
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.conftest import SCREENS_CATALOG
from tests.tui.helpers import make_app, shown_text


def rows(app) -> list[str]:
    return [p.id for p in app.screen.query_one(PlatformList).rows]


async def test_which_platforms_you_use_narrows_the_list_and_is_kept(data_dir: Path) -> None:
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "3 platforms · 0 of 3 settings done · about 22 minutes left" in shown_text(
            app.screen.query_one("#shown", Static)
        )
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, UsesScreen)
        await pilot.press(*"beta", "down", "space")
        await pilot.pause()
        from textual.widgets import OptionList

        assert shown_text(app.screen.query_one(OptionList)) == "☑ Beta Work"  # a glyph
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows(app) == ["beta"]
        assert "Your 1 platform (F7) · 0 of 1 setting done · about 15 minutes left" in shown_text(
            app.screen.query_one("#shown", Static)
        )
        await pilot.press(*"alpha")  # a search still finds every platform
        await pilot.pause()
        assert rows(app) == ["alpha"]
    app.progress.close()
    store = ProgressStore(data_dir)
    assert store.used() == frozenset({"beta"})
    items = next_up(app.catalog, Standing.read(store), only=store.used())
    assert [i.platform.id for i in items] == ["beta"]


async def test_all_platforms_again(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.set_used({"beta"})
    store.close()
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert rows(app) == ["beta"]
        await pilot.press("f7", "ctrl+a")
        await pilot.pause()
        assert rows(app) == ["alpha", "beta", "gamma"]


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "documents"
    folder.mkdir()
    monkeypatch.setattr("platformdirs.user_documents_path", lambda: folder)
    return folder


async def test_end_of_visit_erases_only_after_the_handout_and_a_yes(
    data_dir: Path, documents: Path
) -> None:
    store = ProgressStore(data_dir, profile="Ada")
    store.set_step(StepKey("alpha", "ai-training", "web", "open-settings"), True)
    store.close()
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(100, 30)) as pilot:
        app.switch_profile("Ada")
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, VisitScreen)
        await pilot.press("down", "enter")  # erase this person…
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        [handout] = documents.glob("optout-Ada-*.html")  # …the handout was written first
        assert "Opt-out guide for Ada" in handout.read_text(encoding="utf-8")
        await pilot.press("enter")  # the first answer is "keep it"
        await pilot.pause()
        assert app.profile == "Ada"
        assert "Ada" in ProgressStore(data_dir).profiles()
        await pilot.press("f8", "down", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # "erase it"
        await pilot.pause()
        assert app.profile == "default"
    assert "Ada" not in ProgressStore(data_dir).profiles()
    assert ProgressStore(data_dir, profile="Ada").states() == {}
