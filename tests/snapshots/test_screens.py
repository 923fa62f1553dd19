"""Snapshots of every screen at 80×24 and 120×40, in English and in French.

They run on a fixed three-platform catalog (tests/fixtures/screens) and a fixed date, so the
bundled catalog's growth and the calendar never churn them. Update them on purpose with
`pytest tests/snapshots --snapshot-update` and look at snapshot_report.html.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import TextArea

from optout_tui.progress import ProgressStore, StepKey
from tests.conftest import SCREENS_CATALOG
from tests.tui.helpers import make_app

TODAY = dt.date(2026, 12, 1)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


async def _no_blink(pilot) -> None:
    """A steady cursor, drawn once the text box has taken the focus (later on a loaded
    machine: without it the cursor is missing from the picture now and then)."""
    for _ in range(100):
        areas = list(pilot.app.screen.query(TextArea))
        if areas and areas[0].has_focus:
            break
        await pilot.pause()
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


SCREENS = {
    # name: (keys to press, set-up before the keys)
    "browse": ((), None),
    "browse-filter-open": (("f", "f2", "enter"), None),
    "browse-search": (("slash", "t", "r", "a", "i", "n"), None),
    "platform": (("enter",), None),
    "platform-email": (("down", "enter"), None),
    "platform-ios-missing": (("enter", "s"), None),
    "qr": (("enter", "r"), None),
    "template": (("down", "enter", "t"), _no_blink),
    "what-next": (("w",), None),
    "help": (("f1",), None),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path: Path, screen: str, size: str, lang: str) -> None:
    data = tmp_path / "data"
    store = ProgressStore(data)
    store.set_step(StepKey("alpha", "ai-training", "web", "open-settings"), True)
    store.close()
    keys, after = SCREENS[screen]
    app = make_app(data, SCREENS_CATALOG, lang=lang, today=TODAY)

    async def run_before(pilot) -> None:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        if after:
            await after(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
