"""The list of platforms on the first screen: one line each, and only the visible lines drawn.

A Line-API widget (Toolong's pattern): `render_line` builds the few rows on screen, so a search
keystroke over thousands of platforms only swaps a Python list and repaints one screenful,
where an `OptionList` would rebuild and measure an option for every platform. Its scrollbar is
drawn into those lines (drawn_scrollbar), so a search that changes the list's length neither
renders a ScrollBar widget again nor, when the bar comes or goes, lays the screen out.
"""

from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from optout_tui.catalog.model import Platform
from optout_tui.tui.widgets.drawn_scrollbar import BAR_META, bar_strips, offset_for

Describe = Callable[[Platform], Content]


class _Frame(NamedTuple):
    """What every line of one paint shares."""

    top: int  # the first row shown
    width: int  # of a row, without the gap and the bar
    state: tuple[bool, str]  # focus and theme: a row drawn in another state is drawn again
    blank: Strip  # a line below the last row
    tails: list[Strip]  # per line: the gap and the bar's cell


class PlatformList(ScrollView, can_focus=True):
    """Platforms, one per line; Enter or a click chooses one."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    COMPONENT_CLASSES = {
        "platform-list--row",
        "platform-list--row-highlighted",
        "platform-list--row-hover",
    }
    DEFAULT_CSS = """
    PlatformList {
        height: 1fr;
        border: tall $border-blurred;
        padding: 0 0 0 1;  /* the right one is drawn, between the rows and the bar */
        background: $surface;
        overflow-x: hidden;
        overflow-y: hidden;  /* the bar is drawn by the list itself */
        & > .platform-list--row-highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .platform-list--row-hover { background: $block-hover-background; }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .platform-list--row-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)
    """Index of the highlighted row, or None when the list is empty."""

    class Highlighted(Message):
        """The highlight moved to another platform."""

        def __init__(self, platform: Platform) -> None:
            super().__init__()
            self.platform = platform

    class Chosen(Message):
        """The person chose a platform (Enter or a click)."""

        def __init__(self, platform: Platform) -> None:
            super().__init__()
            self.platform = platform

    def __init__(self, describe: Describe, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._describe = describe
        self._rows: Sequence[Platform] = ()
        self._hover: int | None = None
        self._strips: LRUCache[tuple, Strip] = LRUCache(512)
        self._bar: tuple[tuple, list[Strip]] = ((), [])
        self._frame: _Frame | None = None
        self._bar_hover = False
        self._dragging = False

    # -- what it shows ----------------------------------------------------------------
    @property
    def rows(self) -> Sequence[Platform]:
        return self._rows

    @property
    def highlighted_platform(self) -> Platform | None:
        if self.highlighted is None or not self._rows:
            return None
        return self._rows[self.highlighted]

    def show(self, rows: Sequence[Platform], keep: str | None = None) -> None:
        """Show these platforms; keep the highlight on the platform with id `keep`, if shown."""
        self._rows = rows  # drawn rows are cached by platform, so they survive a new search
        self._set_height(len(rows))
        index = 0 if rows else None
        if keep is not None and rows:
            for i, platform in enumerate(rows):
                if platform.id == keep:
                    index = i
                    break
        self.highlighted = index
        self.refresh()

    def _set_height(self, rows: int) -> None:
        """Set the virtual height. The bar is drawn in the list's own lines, so a new length
        needs no layout of the screen, only the scroll offset kept within it (a search
        keystroke over thousands of rows stays within a frame)."""
        new = Size(self.scrollable_content_region.width, rows)
        if self.virtual_size.width == new.width and self.scrollable_content_region.height:
            self.set_reactive(PlatformList.virtual_size, new)
            self._scroll_update(new)
        else:
            self.virtual_size = new

    @property
    def allow_vertical_scroll(self) -> bool:
        """The mouse wheel scrolls the list whenever it is longer than the view (Textual
        allows it only with a ScrollBar widget shown)."""
        return self.max_scroll_y > 0

    def redescribe(self) -> None:
        """Draw every row again (progress changed)."""
        self._strips.clear()
        self.refresh()

    # -- drawing ----------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """What every line of this paint shares is worked out once, not per line."""
        self._frame = self._frame_now()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_now(self) -> _Frame:
        bar = self.styles.scrollbar_size_vertical
        content = self.scrollable_content_region
        width = max(content.width - bar - 1, 1)  # 1: the gap between the rows and the bar
        base = self.get_visual_style("platform-list--row").rich_style
        return _Frame(
            top=self.scroll_offset.y,
            width=width,
            state=(self.has_focus, self.app.current_theme.name),
            blank=Strip.blank(width, base),
            tails=self._tails(bar, content.height, base),
        )

    def render_line(self, y: int) -> Strip:
        frame = self._frame or self._frame_now()
        return Strip.join([self._row_line(frame.top + y, frame), frame.tails[y]])

    def _tails(self, bar: int, height: int, base: Style) -> list[Strip]:
        """The end of each line: the gap, then the scrollbar's cells; drawn again when the
        list's length, its scroll offset, the mouse over the bar, the focus (it tints the
        background) or the theme changed."""
        state = "active" if self._dragging else "hover" if self._bar_hover else ""
        key = (height, len(self._rows), self.scroll_offset.y, bar, state, base)
        if self._bar[0] != key:
            styles = self.styles
            back, color = {
                "active": (styles.scrollbar_background_active, styles.scrollbar_color_active),
                "hover": (styles.scrollbar_background_hover, styles.scrollbar_color_hover),
                "": (styles.scrollbar_background, styles.scrollbar_color),
            }[state]
            if back.a < 1:  # as Textual's ScrollBar blends them
                back = self.background_colors[0] + back
            gap = Strip.blank(1, base)
            cells = bar_strips(
                height, len(self._rows), self.scroll_offset.y, bar, back, back + color, base
            )
            self._bar = (key, [Strip.join([gap, cell]) for cell in cells])
        return self._bar[1]

    def _row_line(self, index: int, frame: _Frame) -> Strip:
        if index >= len(self._rows):
            return frame.blank
        component = (
            "platform-list--row-highlighted"
            if index == self.highlighted
            else "platform-list--row-hover"
            if index == self._hover
            else ""
        )
        key = (self._rows[index].id, component, frame.width, frame.state)
        strip = self._strips.get(key)
        if strip is None:
            classes = ("platform-list--row", component) if component else ("platform-list--row",)
            style = self.get_visual_style(*classes)
            content = self._describe(self._rows[index])
            content = content.truncate(frame.width, ellipsis=True, pad=True)
            strip = Strip(content.render_segments(style), frame.width)
            self._strips[key] = strip
        return strip

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is None:
            return
        width = self.scrollable_content_region.width
        self.scroll_to_region(Region(0, new, max(width, 1), 1), animate=False, immediate=True)
        self.refresh()
        platform = self.highlighted_platform
        if platform is not None:
            self.post_message(self.Highlighted(platform))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows))
        self._strips.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- keys and mouse --------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        if self._rows:
            self.highlighted = max(0, min(len(self._rows) - 1, (self.highlighted or 0) + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        if self._rows:
            self.highlighted = where % len(self._rows)

    def action_choose(self) -> None:
        platform = self.highlighted_platform
        if platform is not None:
            self.post_message(self.Chosen(platform))

    def _row_at(self, event: events.MouseEvent) -> int | None:
        """The row under the pointer (None over the bar, the gap or below the last row)."""
        where = event.get_content_offset(self)
        if where is None or self._on_bar(event):
            return None
        row = self.scroll_offset.y + where.y
        return row if 0 <= row < len(self._rows) else None

    def _on_bar(self, event: events.MouseEvent) -> bool:
        return bool(event.style and event.style.meta.get(BAR_META) is not None)

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is not None:
            self.highlighted = row
            self.action_choose()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self._drag_to(event)
            return
        row = self._row_at(event)
        on_bar = self._on_bar(event)
        if row != self._hover or on_bar != self._bar_hover:  # rows are cached per state
            self._hover = row
            self._bar_hover = on_bar
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None or self._bar_hover:
            self._hover = None
            self._bar_hover = False
            self.refresh()

    # -- the scrollbar: a press on it scrolls there, and dragging follows the pointer ---
    def on_mouse_down(self, event: events.MouseDown) -> None:
        if self._on_bar(event):
            self._dragging = True
            self.capture_mouse()
            self._drag_to(event)
            event.stop()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            self.refresh()
            event.stop()

    def _drag_to(self, event: events.MouseEvent) -> None:
        line = event.get_content_offset_capture(self).y
        height = self.scrollable_content_region.height
        offset = offset_for(line, height, len(self._rows))
        self.scroll_to(y=offset, animate=False, immediate=True)
        self.refresh()
