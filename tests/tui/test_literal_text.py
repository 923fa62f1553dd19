"""Catalog text is data: brackets, markup and $variables appear character for character."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from optout_tui.catalog import load_catalog
from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.screens.qr import QrScreen
from optout_tui.tui.widgets.step_checklist import StepChecklist
from tests.conftest import MARKUP_CATALOG
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.tui.helpers import make_app, shown_text

PLATFORM = load_catalog([MARKUP_CATALOG]).get("markup")
ACTION = PLATFORM.actions[0]
STEP = ACTION.surfaces[0].steps[0]


async def test_every_widget_shows_catalog_text_literally(data_dir: Path) -> None:
    app = make_app(data_dir, MARKUP_CATALOG)
    async with app.run_test(size=(200, 60)) as pilot:
        browse = shown_text(app.screen.query_one("#platforms", PlatformList))
        assert PLATFORM.name in browse and PLATFORM.aliases[0] in browse

        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlatformScreen)
        assert PLATFORM.name in shown_text(screen.query_one("#platform-title", Static))
        assert ACTION.title.en in shown_text(screen.query_one("#actions", OptionList))
        assert ACTION.title.en in shown_text(screen.query_one("#action-title", Static))
        assert ACTION.controls.en in shown_text(screen.query_one("#action-controls", Static))
        notes = shown_text(screen.query_one("#action-notes", Static))
        assert ACTION.caveats[0].en in notes and ACTION.check.en in notes
        assert ACTION.surfaces[0].note.en in shown_text(screen.query_one("#surface-note", Static))
        assert ACTION.sources[0].publisher in shown_text(
            screen.query_one("#action-sources", Static)
        )
        steps = shown_text(screen.query_one(StepChecklist))
        for text in [STEP.text.en, STEP.setting.label.en, *(p.en for p in STEP.path)]:
            assert text in steps

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QrScreen)
        title = shown_text(app.screen.query_one("#qr-title", Static))
        assert f"{PLATFORM.name}: {ACTION.title.en}" in title
        assert app.is_running  # [@click=app.quit] never became an action


async def test_what_next_shows_catalog_text_literally(data_dir: Path) -> None:
    from optout_tui.tui.screens.what_next import WhatNextScreen

    app = make_app(data_dir, MARKUP_CATALOG)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, WhatNextScreen)
        listed = shown_text(app.screen.query_one("#next", OptionList))
        assert f"{PLATFORM.name} — {ACTION.title.en}" in listed
        assert app.is_running


async def test_palette_help_lines_show_aliases_literally(data_dir: Path) -> None:
    from textual.command import CommandPalette

    app = make_app(data_dir, MARKUP_CATALOG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"markup")
        commands = app.screen.query_one("CommandList", OptionList)
        for _ in range(100):  # until the search has listed its hits
            await pilot.pause(0.05)
            if commands.option_count:
                break
        prompt = str(commands.get_option_at_index(0).prompt)  # the name, then the help line
        assert PLATFORM.aliases[0] == "[b]Bold[/b]"
        assert prompt.splitlines()[1:] == ["[b]Bold[/b]"]
