"""The QR matrix: quiet zone, error correction, and fitting the terminal."""

from __future__ import annotations

from optout_tui.qr import QUIET_ZONE, half_block_lines, qr_matrix

GROK = "https://x.com/settings/grok_settings"
LONG = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"


def test_quiet_zone_is_light() -> None:
    matrix = qr_matrix(GROK)
    assert matrix is not None and matrix.level == "M"
    for row in matrix.rows[:QUIET_ZONE] + matrix.rows[-QUIET_ZONE:]:
        assert not any(row)
    assert all(not any(row[:QUIET_ZONE]) for row in matrix.rows)


def test_long_url_fits_80x24_with_footer() -> None:
    matrix = qr_matrix(LONG, max_cell_rows=23, max_columns=56)
    assert matrix is not None and matrix.cell_rows <= 23


def test_drops_to_level_l_before_giving_up() -> None:
    at_m = qr_matrix(LONG)
    at_l = qr_matrix(LONG, max_cell_rows=at_m.cell_rows - 1)
    assert at_l is not None and at_l.level == "L"
    assert qr_matrix(LONG, max_cell_rows=10) is None


def test_half_block_text_has_one_line_per_two_rows() -> None:
    matrix = qr_matrix(GROK)
    lines = half_block_lines(matrix)
    assert len(lines) == matrix.cell_rows
    assert set("".join(lines)) <= {" ", "▀", "▄", "█"}


def test_block_text_scans_when_printed() -> None:
    """Draw the text the way a printer would (each glyph = two stacked cells) and decode it."""
    import zxingcpp
    from PIL import Image

    matrix = qr_matrix(GROK)
    lines = half_block_lines(matrix)
    scale = 8
    image = Image.new("L", (len(lines[0]) * scale, len(lines) * 2 * scale), 255)
    ink = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}
    for y, line in enumerate(lines):
        for x, char in enumerate(line):
            for half, dark in enumerate(ink[char]):
                if dark:
                    top = (2 * y + half) * scale
                    image.paste(0, (x * scale, top, (x + 1) * scale, top + scale))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [GROK]


def test_handout_codes_scan_with_the_mask_picked_once() -> None:
    """The handout draws its own SVG and reuses the first code's mask: every code, whatever
    its length and version, must still decode to its link (and carry its quiet zone)."""
    import io

    import cairosvg
    import zxingcpp
    from PIL import Image

    from optout_tui.qr import svg_code

    urls = [
        GROK,
        "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
        "https://example.com/a",
        "https://help.example.org/" + "x" * 120,
    ]
    mask = None
    for url in urls:
        svg, mask = svg_code(url, mask=mask)
        png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=900)
        image = Image.open(io.BytesIO(png)).convert("L")
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]
        assert image.getpixel((5, 5)) == 255  # light quiet zone around the code
