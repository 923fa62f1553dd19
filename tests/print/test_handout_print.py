"""The handout as it is used: printed. Headless Chromium prints it to PDF (A4 and Letter),
pdftoppm rasterises each page, and zxing-cpp (inversion off: dark on light, as printed)
must decode every QR code, once, with the link it stands for, at least 25 mm wide and all
the same size. A code split across two pages, shrunk by the layout or drawn too small
would fail one of these."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from optout_tui.catalog import load_catalog
from optout_tui.paths import bundled_catalog_dir
from optout_tui.progress import ProgressStore, StepKey
from optout_tui.progress.export import to_html

DPI = 150
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOPPM = shutil.which("pdftoppm")
# CI installs both (.ci/run) and sets this, so the check can never be skipped there.
REQUIRED = os.environ.get("OPTOUT_REQUIRE_PRINT") == "1"
VISITOR_USES = (
    "linkedin",
    "chatgpt",
    "x",
    "meta-ai",
    "instagram",
    "google-account",
    "reddit",
    "slack",
    "adobe",
    "tiktok",
)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and PDFTOPPM) and not REQUIRED,
    reason="needs chromium and pdftoppm (Debian: chromium poppler-utils; .ci/run installs them)",
)


def visitor_handout(data_dir: Path, lang: str) -> str:
    """The handout of a visitor who started on ten platforms (one step ticked on each)."""
    catalog = load_catalog([bundled_catalog_dir()])
    store = ProgressStore(data_dir)
    for pid in VISITOR_USES:
        action = next(a for a in catalog.get(pid).actions if a.available_surfaces)
        surface = action.available_surfaces[0]
        store.set_step(StepKey(pid, action.id, surface.id, surface.steps[0].id), True)
    try:
        return to_html(catalog, store, lang)
    finally:
        store.close()


def print_pdf(page: Path, pdf: Path, profile: Path) -> None:
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def decoded_codes(pdf: Path, folder: Path) -> list[tuple[str, float]]:
    """(payload, printed width in mm) of every QR code on every page."""
    subprocess.run(
        [PDFTOPPM, "-r", str(DPI), "-png", str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    found = []
    pages = sorted(folder.glob("page*.png"))
    assert pages, "nothing was printed"
    for png in pages:
        image = Image.open(png).convert("L")
        for code in zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False
        ):
            p = code.position
            width_px = (
                (p.top_right.x - p.top_left.x) ** 2 + (p.top_right.y - p.top_left.y) ** 2
            ) ** 0.5
            found.append((code.text, width_px / DPI * 25.4))
    return found


@pytest.mark.parametrize(("paper", "lang"), [("A4", "en"), ("letter", "fr")])
def test_every_printed_code_scans_and_is_big_enough(tmp_path: Path, paper: str, lang: str) -> None:
    page = visitor_handout(tmp_path / "data", lang)
    links = [match.replace("&amp;", "&") for match in re.findall(r'data-link="([^"]+)"', page)]
    assert len(links) >= 10, "the scenario should print a code for each setting left to do"
    sized = page.replace("<style>", f"<style>@page{{size:{paper}}}", 1)
    (tmp_path / "handout.html").write_text(sized, encoding="utf-8")
    print_pdf(tmp_path / "handout.html", tmp_path / "handout.pdf", tmp_path / "profile")
    found = decoded_codes(tmp_path / "handout.pdf", tmp_path)
    assert sorted(text for text, _ in found) == sorted(links)  # each once, none split
    widths = [mm for _, mm in found]
    assert min(widths) >= 25.0, widths
    assert max(widths) - min(widths) <= 1.0, widths  # the same size, whatever the link
