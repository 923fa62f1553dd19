"""A vertical scrollbar drawn into a Line-API widget's own lines, rather than a ScrollBar widget.

Textual's ScrollBar is a widget of its own: every change of the list's length (each search
keystroke) renders it again through Rich, and showing or hiding it lays the whole screen out
again. Drawn as the last cells of each line the list draws anyway, it costs a list lookup per
line. The glyphs and the thumb's eighths of a cell are Textual's (ScrollBarRender), so it looks
the same.
"""

from __future__ import annotations

from math import ceil

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip

BAR_META = "scrollbar"
"""Meta key of the bar's cells: a mouse event on the bar carries it (value: the line)."""


def bar_strips(
    height: int,
    total: int,
    offset: int,
    width: int,
    back: Color,
    bar: Color,
    empty: Style | None = None,
) -> list[Strip]:
    """One strip per line of a vertical scrollbar `width` cells wide: Textual's drawing, with
    the thumb's ends in eighths of a cell. When all `total` lines show, blank cells of style
    `empty` (as if there were no bar)."""
    blank = " " * width
    if total <= height or height <= 0:  # everything shows: no bar (the list's background)
        return [Strip.blank(width, empty)] * max(height, 0)
    bars = ScrollBarRender.VERTICAL_BARS
    eighths = len(bars)
    thumb = max(1, height * height / total)
    position = (height - thumb) * offset / (total - height)
    start = int(position * eighths)
    end = start + ceil(thumb * eighths)
    start_index, start_bar = divmod(max(0, start), eighths)
    end_index, end_bar = divmod(max(0, end), eighths)
    track = Style(bgcolor=back.rich_color)
    solid = Style(color=bar.rich_color, reverse=True)
    cells = [Segment(blank, track)] * height
    cells[start_index:end_index] = [Segment(blank, solid)] * (end_index - start_index)
    if start_index < height and bars[eighths - 1 - start_bar] != " ":
        glyph = bars[eighths - 1 - start_bar] * width
        cells[start_index] = Segment(glyph, Style(bgcolor=back.rich_color, color=bar.rich_color))
    if end_index < height and bars[eighths - 1 - end_bar] != " ":
        glyph = bars[eighths - 1 - end_bar] * width
        cells[end_index] = Segment(
            glyph, Style(bgcolor=back.rich_color, color=bar.rich_color, reverse=True)
        )
    return [Strip([cell], width).apply_meta({BAR_META: y}) for y, cell in enumerate(cells)]


def offset_for(line: int, height: int, total: int) -> int:
    """The scroll offset that puts the thumb's middle on `line` (a click or drag on the bar)."""
    if total <= height or height <= 0:
        return 0
    thumb = max(1.0, height * height / total)
    room = height - thumb
    if room <= 0:
        return 0
    share = min(max(line + 0.5 - thumb / 2, 0.0), room) / room
    return round(share * (total - height))
