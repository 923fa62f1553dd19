"""The QR code on screen scans: the app's own SVG screenshot, rasterised, read by a decoder."""

from __future__ import annotations

import io
from pathlib import Path

import cairosvg
import pytest
import zxingcpp
from PIL import Image, ImageOps
from textual.widgets import Static

from optout_tui.tui.screens.qr import QrScreen
from optout_tui.tui.widgets.qr_code import QrCode
from tests.conftest import EXAMPLE_CATALOG
from tests.tui.helpers import make_app, shown_text

GROK = "https://x.com/settings/grok_settings"
LONG = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"


def decode(svg: str, *, swapped: bool = False) -> list[str]:
    """What a phone reads, with dark and light as drawn (the decoder is not allowed to try
    the other way round); `swapped` reads the picture with dark and light swapped."""
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=1600)
    image = Image.open(io.BytesIO(png)).convert("L")
    if swapped:
        image = ImageOps.invert(image)
    return [result.text for result in zxingcpp.read_barcodes(image, try_invert=False)]


async def screenshot_of_code(
    data_dir: Path, url: str, size: tuple[int, int], invert: bool = False
) -> tuple[str, QrCode, str]:
    """The SVG screenshot, the code widget and the message shown beside it."""
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(QrScreen(url, "Test"))
        await pilot.pause()
        screen = app.screen
        if invert:
            await pilot.press("i")
            await pilot.pause()
        assert shown_text(screen.query_one("#qr-url", Static)).replace(" ", "") == url
        message = shown_text(screen.query_one("#qr-message", Static))
        return app.export_screenshot(), screen.query_one(QrCode), message


@pytest.mark.parametrize("url", [GROK, LONG])
async def test_code_decodes_at_80x24(
    data_dir: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    svg, code, message = await screenshot_of_code(data_dir, url, (80, 24))
    assert not code.glyph_mode
    assert decode(svg) == [url]  # dark modules drawn dark, on light
    assert decode(svg, swapped=True) == []


@pytest.mark.parametrize("url", [GROK, LONG])
async def test_no_color_fallback_decodes(
    data_dir: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    svg, code, message = await screenshot_of_code(data_dir, url, (80, 24))
    assert code.glyph_mode
    assert decode(svg) == [url]
    assert decode(svg, swapped=True) == []


async def test_no_color_inverted_still_decodes(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    svg, code, message = await screenshot_of_code(data_dir, GROK, (80, 24), invert=True)
    assert code.invert
    assert decode(svg) == []  # `i` really swapped dark and light…
    assert decode(svg, swapped=True) == [GROK]  # …and the code is whole the other way round


async def test_too_small_terminal_shows_the_url_instead(data_dir: Path) -> None:
    svg, code, message = await screenshot_of_code(data_dir, LONG, (50, 16))
    assert not code.display
    assert "too small" in message
    assert decode(svg) == []
