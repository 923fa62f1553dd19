"""From the steps, Page Down scrolls the action's pane down to its caveats and sources (no
Tab to the pane first); Page Up brings the steps back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.widgets.action_detail import ActionDetail
from optout_tui.tui.widgets.step_checklist import StepChecklist
from tests.tui.helpers import make_app


async def test_page_down_from_the_steps_reaches_the_sources(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PlatformScreen(app.catalog.get("x"), start_action="grok-training"))
        await pilot.pause()
        screen = app.screen
        await pilot.press("enter")  # from the actions to the steps
        await pilot.pause()
        checklist = screen.query_one(StepChecklist)
        assert checklist.has_focus
        pane = screen.query_one(ActionDetail)
        sources = screen.query_one("#action-sources")
        assert pane.max_scroll_y > 0
        assert not pane.region.overlaps(sources.region)  # below the fold at first
        for _ in range(10):
            if pane.scroll_y >= pane.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert checklist.has_focus  # no Tab needed, and the focus stays on the steps
        assert pane.region.overlaps(sources.region)
        for _ in range(10):
            await pilot.press("pageup")
            await pilot.pause()
        assert pane.scroll_y == 0
        assert screen.query_one("#actions", OptionList) is not screen.focused
