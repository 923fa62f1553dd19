"""Search as you type on the first screen, with typos, and keys that still work."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from optout_tui.tui.screens.browse import BrowseScreen
from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.tui.helpers import layouts_asked, make_app


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


async def test_typing_on_the_list_goes_to_the_search_and_fires_no_command(data_dir: Path) -> None:
    """Typing a name without / first: every letter lands in the search (type-to-find); none
    switches the person, opens a dialog or quits (issue: "linkedin" made a new person)."""
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.focused, PlatformList)
        await pilot.press(*"linkedin", "q", "?", "w", "e", "n", "p", "f")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, BrowseScreen)
        assert app.screen.query_one("#search", Input).value == "linkedinq?wenpf"
        assert app.profile == "default"
        await pilot.press("escape")
        await pilot.press(*"linkedin")
        await pilot.pause()
        assert app.screen.query_one("#platforms", PlatformList).rows[0].id == "linkedin"
        await pilot.press("down", "enter")  # from the search to the results, then open
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen) and app.screen.platform.id == "linkedin"


async def test_typing_again_after_a_platform_starts_a_new_search(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"linkedin", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*"chatgpt")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "chatgpt"
        assert app.screen.query_one("#platforms", PlatformList).rows[0].id == "chatgpt"


async def test_the_list_follows_the_box_within_the_keys_own_handler(data_dir: Path) -> None:
    """The rows change while the key is handled (a watcher), not when Input.Changed is
    delivered later: so the key's echo and the new rows go out in one frame."""
    from tests.conftest import SCREENS_CATALOG

    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        search.insert_text_at_cursor("gam")  # no pause: nothing else has run yet
        assert [p.id for p in app.screen.query_one(PlatformList).rows] == ["gamma"]


async def test_typing_in_the_search_box_lays_nothing_out(data_dir: Path) -> None:
    """Textual's Input asks for a layout of the whole screen on every key (its virtual size
    is a layout reactive); the search box only repaints itself."""
    from tests.conftest import SCREENS_CATALOG

    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        layouts = layouts_asked(search)
        for letter in "bet":
            search.insert_text_at_cursor(letter)
        assert layouts and not any(layouts)
