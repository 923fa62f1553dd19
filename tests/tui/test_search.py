"""Search as you type on the first screen, with typos, and keys that still work."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.tui.helpers import make_app


async def test_typing_filters_and_enter_opens(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"linkdin")  # a typo, and q-free so no key is a binding
        await pilot.pause()
        options = app.screen.query_one("#platforms", PlatformList)
        assert options.rows[0].id == "linkedin"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen) and app.screen.platform.id == "linkedin"


async def test_letters_typed_into_search_are_not_shortcuts(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"quit", "n", "p", "e")
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#search", Input).value == "quitnpe"
        assert app.profile == "default"
