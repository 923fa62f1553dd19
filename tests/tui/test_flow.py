"""The spine, as a person uses it: open X, tick a Grok step, quit, come back: it is there."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from optout_tui.progress import ProgressStore, StepKey
from optout_tui.tui.screens.help import HelpScreen
from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.screens.qr import QrScreen
from optout_tui.tui.widgets.action_detail import ActionDetail
from optout_tui.tui.widgets.step_checklist import StepChecklist
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.tui.helpers import make_app, shown_text


async def open_x(pilot) -> PlatformScreen:
    platforms = pilot.app.screen.query_one("#platforms", PlatformList)
    platforms.highlighted = [p.id for p in platforms.rows].index("x")
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlatformScreen) and screen.platform.id == "x"
    return screen


async def test_tick_survives_restart(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_x(pilot)
        actions = screen.query_one("#actions", OptionList)
        actions.highlighted = actions.get_option_index("grok-training")
        await pilot.press("enter")  # go to the steps
        await pilot.pause()
        checklist = screen.query_one(StepChecklist)
        assert checklist.has_focus
        first = checklist.steps[0].id
        await pilot.press("space")
        await pilot.pause()
        assert first in checklist.done
        assert "✔ done" in shown_text(checklist)
        await pilot.press("q")
    app.progress.close()

    again = make_app(data_dir, bundled=True)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_x(pilot)
        actions = screen.query_one("#actions", OptionList)
        actions.highlighted = actions.get_option_index("grok-training")
        await pilot.pause()
        assert first in screen.query_one(StepChecklist).done
    again.progress.close()
    store = ProgressStore(data_dir)
    assert StepKey("x", "grok-training", "web", first) in store.done_steps()


async def test_enter_and_click_toggle_too(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_x(pilot)
        await pilot.press("enter")
        checklist = screen.query_one(StepChecklist)
        await pilot.press("enter")
        await pilot.pause()
        assert checklist.steps[0].id in checklist.done
        assert checklist.highlighted == 1  # a tick moves on to the next step
        await pilot.press("up", "enter")
        await pilot.pause()
        assert checklist.steps[0].id not in checklist.done
        assert checklist.highlighted == 0  # an untick stays
        await pilot.click(checklist, offset=(4, 1))  # row 0 is the border
        await pilot.pause()
        assert checklist.steps[0].id in checklist.done


async def test_step_shows_path_and_setting(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_x(pilot)
        detail = screen.query_one(ActionDetail)
        assert detail.action.id == screen.platform.actions[0].id
        checklist = screen.query_one(StepChecklist)
        text = shown_text(checklist)
        assert "Go to:" in text and "Set:" in text


async def test_switching_surface_shows_that_surfaces_steps(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_x(pilot)
        before = screen.surface
        await pilot.press("s")
        await pilot.pause()
        assert screen.surface != before
        assert screen.query_one(ActionDetail).surface == screen.surface


async def test_qr_help_and_back(data_dir: Path, _no_real_browser: list[str]) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_x(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QrScreen)
        await pilot.press("o", "c")
        await pilot.pause()
        assert _no_real_browser == [app.screen.url]
        assert app.clipboard == app.screen.url
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#platforms")
