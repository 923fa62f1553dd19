"""A QR code drawn with half blocks: two modules per cell, quiet zone included.

Colour mode (the default) paints dark modules black and light modules white whatever the
theme, so a phone reads it on any terminal. Under NO_COLOR, colours are stripped and
colour-drawn blocks would turn into stripes, so glyph mode draws with the terminal's own
two colours and reverse video instead; `invert` swaps which of them is dark.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from optout_tui.qr import QrMatrix

_DARK, _LIGHT = "#000000", "#ffffff"


class QrCode(Widget):
    """Shows a QrMatrix; set `matrix`, `glyph_mode` and `invert` to change it."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
    }
    """

    matrix: reactive[QrMatrix | None] = reactive(None, layout=True)
    glyph_mode: reactive[bool] = reactive(False)
    invert: reactive[bool] = reactive(False)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.matrix.width if self.matrix else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.matrix.cell_rows if self.matrix else 0

    def _modules(self, y: int) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
        rows = self.matrix.rows
        top = rows[2 * y]
        bottom = rows[2 * y + 1] if 2 * y + 1 < len(rows) else tuple(False for _ in top)
        return top, bottom

    def render_line(self, y: int) -> Strip:
        if self.matrix is None or y >= self.matrix.cell_rows:
            return Strip.blank(self.size.width)
        top, bottom = self._modules(y)
        if self.glyph_mode:
            segments = [self._glyph_cell(t, b) for t, b in zip(top, bottom)]
        else:
            segments = [
                Segment("▀", Style(color=_DARK if t else _LIGHT, bgcolor=_DARK if b else _LIGHT))
                for t, b in zip(top, bottom)
            ]
        return Strip(segments, self.matrix.width)

    def _glyph_cell(self, top_dark: bool, bottom_dark: bool) -> Segment:
        # Light modules take the terminal's foreground (text) colour, dark ones its
        # background; `invert` swaps them for light-on-dark terminals being read inverted.
        top_fg = top_dark == self.invert
        bottom_fg = bottom_dark == self.invert
        if top_fg == bottom_fg:
            return Segment(" ", Style(reverse=top_fg))
        return Segment("▀", Style(reverse=not top_fg))
