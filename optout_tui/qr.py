"""URL → QR module matrix, with its quiet zone, at the best error correction that fits.
No Textual."""

from __future__ import annotations

from dataclasses import dataclass

QUIET_ZONE = 4  # modules of light border a phone camera needs around the code


@dataclass(frozen=True, slots=True)
class QrMatrix:
    """Rows of modules (True = dark), quiet zone included, and the error correction used."""

    rows: tuple[tuple[bool, ...], ...]
    level: str

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def cell_rows(self) -> int:
        """Terminal rows needed when two modules share one cell (half blocks)."""
        return (len(self.rows) + 1) // 2


def qr_matrix(
    url: str, *, max_cell_rows: int | None = None, max_columns: int | None = None
) -> QrMatrix | None:
    """The QR code of `url` at level M, or L when M does not fit; None when neither fits
    (the limits given, or the largest QR code: see `too_long`)."""
    import qrcode  # imported here: the command line stays fast when no code is drawn
    from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
    from qrcode.exceptions import DataOverflowError

    for level, constant in (("M", ERROR_CORRECT_M), ("L", ERROR_CORRECT_L)):
        code = qrcode.QRCode(error_correction=constant, border=QUIET_ZONE)
        code.add_data(url)
        try:
            code.make(fit=True)
        except (DataOverflowError, ValueError):  # more than the largest code holds here
            continue
        matrix = QrMatrix(tuple(tuple(bool(m) for m in row) for row in code.get_matrix()), level)
        fits_rows = max_cell_rows is None or matrix.cell_rows <= max_cell_rows
        fits_cols = max_columns is None or matrix.width <= max_columns
        if fits_rows and fits_cols:
            return matrix
    return None


def too_long(url: str) -> bool:
    """True when no QR code can hold `url`, whatever the room to draw it."""
    return qr_matrix(url) is None


def svg_code(url: str, *, mask: int | None = None, box: int = 6) -> tuple[str, int]:
    """The code of `url` at level M as a small SVG (one path of dark runs, quiet zone
    included), and the mask pattern used. `mask` None picks the best of the eight by the
    standard's penalty rules, which costs eight trial codes; a handout picks it for its first
    code and reuses it, as every mask reads alike to a decoder."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(url)
    code.best_fit()
    code.mask_pattern = code.best_mask_pattern() if mask is None else mask
    code.make(fit=False)
    matrix = code.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size * box}" height="{size * box}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{"".join(runs)}" fill="#000"/></svg>'
    )
    return svg, code.mask_pattern


def half_block_lines(matrix: QrMatrix, *, invert: bool = False) -> list[str]:
    """The code as text: one line per two module rows, drawn with block characters alone.

    Dark modules are drawn as ink (█, ▀, ▄), so it reads as dark-on-light on paper or on a
    light terminal; `invert` swaps that for light text on a dark terminal.
    """
    glyphs = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
    rows = list(matrix.rows)
    if len(rows) % 2:
        rows.append(tuple(False for _ in rows[0]))
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2]):
        lines.append("".join(glyphs[(t != invert, b != invert)] for t, b in zip(top, bottom)))
    return lines
