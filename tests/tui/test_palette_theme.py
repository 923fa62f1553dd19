"""The palette jumps to a platform and shows its name literally; the high-contrast theme."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from optout_tui.tui.screens.platform import PlatformScreen
from tests.conftest import MARKUP_CATALOG
from tests.tui.helpers import make_app, shown_text


async def test_palette_opens_a_platform_named_with_markup(data_dir: Path) -> None:
    app = make_app(data_dir, MARKUP_CATALOG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"markup")
        await pilot.pause(0.5)
        listed = shown_text(app.screen.query_one("CommandList"))
        assert "platform: Markup [formerly X] $accent" in listed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen)
        assert app.screen.platform.id == "markup"


async def test_high_contrast_theme_is_available(data_dir: Path) -> None:
    app = make_app(data_dir, MARKUP_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "optout-high-contrast"
        await pilot.pause()
        assert app.current_theme.background == "#000000"


async def test_palette_switches_surface_and_reaches_what_next(data_dir: Path) -> None:
    from tests.conftest import SCREENS_CATALOG
    from optout_tui.tui.screens.what_next import WhatNextScreen

    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"what to do")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhatNextScreen)
        await pilot.press("enter")  # Alpha's AI-training action
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen) and app.screen.surface == "web"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"steps for: iphone")
        await pilot.pause(0.5)
        assert "Show steps for: iPhone" in shown_text(app.screen.query_one("CommandList"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen) and app.screen.surface == "ios"
