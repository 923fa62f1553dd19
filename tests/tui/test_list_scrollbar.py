"""The platform list draws its own scrollbar: it shows where the view is, follows the wheel, a
press and a drag, and a search that changes the list's length lays nothing out."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from optout_tui.tui.widgets.drawn_scrollbar import BAR_META, bar_strips, offset_for
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.tui.helpers import layouts_asked, make_app


def bar_cells(platforms: PlatformList) -> list[str]:
    """Per line of the list: 'thumb', 'track' or 'none' (no bar drawn)."""
    kinds = []
    for y in range(platforms.scrollable_content_region.height):
        last = list(platforms.render_line(y))[-1]
        if not (last.style and last.style.meta.get(BAR_META) is not None):
            kinds.append("none")
        elif last.style.reverse or last.text.strip():
            kinds.append("thumb")
        else:
            kinds.append("track")
    return kinds


def test_the_thumb_follows_the_offset() -> None:
    from textual.color import Color

    back, bar = Color(0, 0, 0), Color(0, 0, 255)
    top = bar_strips(10, 100, 0, 2, back, bar)
    bottom = bar_strips(10, 100, 90, 2, back, bar)
    reversed_top = [bool(list(s)[0].style.reverse) for s in top]
    reversed_bottom = [bool(list(s)[0].style.reverse) for s in bottom]
    assert reversed_top[0] and not reversed_top[-1]
    assert reversed_bottom[-1] and not reversed_bottom[0]
    assert all(s.cell_length == 2 for s in top)
    # all of it shows: no bar at all, and a drag goes nowhere
    short = bar_strips(10, 5, 0, 2, back, bar)
    assert all(not (list(s)[0].style and list(s)[0].style.meta) for s in short)
    assert offset_for(9, 10, 5) == 0
    # a press on the first line goes to the start, on the last to the end, in between between
    assert offset_for(0, 10, 100) == 0
    assert offset_for(9, 10, 100) == 90
    assert 30 < offset_for(5, 10, 100) < 60


async def test_the_bar_shows_the_view_and_the_wheel_press_and_drag_move_it(
    data_dir: Path,
) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        platforms = app.screen.query_one(PlatformList)
        height = platforms.scrollable_content_region.height
        total = len(platforms.rows)
        assert total > height
        cells = bar_cells(platforms)
        assert cells[0] == "thumb" and cells[-1] == "track"
        assert not platforms.show_vertical_scrollbar  # no ScrollBar widget
        # the wheel
        assert platforms.allow_vertical_scroll
        platforms.scroll_down(animate=False, immediate=True)
        await pilot.pause()
        assert platforms.scroll_offset.y > 0
        # a press on the bar's last line: the end of the list
        width = platforms.size.width
        await pilot.click(PlatformList, offset=(width - 1, platforms.size.height - 1))
        await pilot.pause()
        assert platforms.scroll_offset.y == total - height
        cells = bar_cells(platforms)
        assert cells[-1] == "thumb" and cells[0] == "track"
        # a drag from the bottom back to the top
        await pilot.mouse_down(PlatformList, offset=(width - 1, platforms.size.height - 1))
        await pilot.hover(PlatformList, offset=(width - 1, 0))
        await pilot.mouse_up(PlatformList, offset=(width - 1, 0))
        await pilot.pause()
        assert platforms.scroll_offset.y == 0
        # End moves the highlight to the last row and scrolls it into view
        platforms.focus()
        await pilot.press("end")
        await pilot.pause()
        assert platforms.scroll_offset.y == total - height


async def test_a_search_that_changes_the_lists_length_lays_nothing_out(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        platforms = app.screen.query_one(PlatformList)
        search = app.screen.query_one("#search", Input)
        layouts = layouts_asked(platforms)
        search.insert_text_at_cursor("slack")  # 122 rows, a bar → one row, no bar
        assert [p.id for p in platforms.rows][:1] == ["slack"]
        assert bar_cells(platforms)[0] == "none"
        search.value = ""  # and back (kept on Slack: the thumb is where Slack is)
        assert "thumb" in bar_cells(platforms)
        assert layouts and not any(layouts)
        assert not platforms._layout_required
