"""Under NO_COLOR the chosen surface tab is marked by more than brightness: it is underlined."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Tab

from optout_tui.tui.screens.platform import PlatformScreen
from tests.tui.helpers import make_app


def underlined(tab: Tab) -> bool:
    """Whether every letter of the tab's label is drawn underlined."""
    width, height = tab.size
    segments = [
        segment
        for strip in tab.render_lines(Region(0, 0, width, height))
        for segment in strip
        if segment.text.strip()
    ]
    return bool(segments) and all(segment.style and segment.style.underline for segment in segments)


async def test_the_active_surface_tab_is_underlined_without_colour(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PlatformScreen(app.catalog.get("x"), start_action="grok-training"))
        await pilot.pause()
        tabs = [tab for tab in app.screen.query(Tab) if tab.display]
        assert len(tabs) > 1
        for focused in (False, True):
            if focused:
                app.screen.query_one("#surface-tabs").focus()
                await pilot.pause()
            active = [tab for tab in tabs if tab.has_class("-active")]
            assert len(active) == 1
            assert underlined(active[0])
            assert not any(underlined(tab) for tab in tabs if tab is not active[0])
