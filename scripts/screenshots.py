"""Render SVG screenshots of the main screens from the real app and the bundled catalog.

    python scripts/screenshots.py [OUTPUT_DIR]    (default: screenshots/)

Progress goes to a temporary folder, so your own is never touched.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path


from optout_tui.catalog import load_catalog
from optout_tui.paths import bundled_catalog_dir
from optout_tui.tui.app import OptOutApp
from optout_tui.tui.widgets.platform_list import PlatformList


async def render(out: Path, size: tuple[int, int] = (80, 24)) -> list[Path]:
    catalog = load_catalog([bundled_catalog_dir()])
    with tempfile.TemporaryDirectory() as data:
        app = OptOutApp(catalog, Path(data))
        written: list[Path] = []

        def shot(name: str) -> None:
            written.append(Path(app.save_screenshot(f"{name}.svg", path=str(out))))

        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            shot("browse")
            await pilot.press("f7", *"linkedin", "down", "space")  # which do you use?
            await pilot.pause()
            finder = app.screen.query_one("#uses-find")
            finder.value = "chatgpt"
            await pilot.pause()
            await pilot.press("down", "space")
            finder.value = ""
            await pilot.pause()
            shot("uses")
            await pilot.press("ctrl+s")
            await pilot.pause()
            shot("browse-mine")
            platforms = app.screen.query_one(PlatformList)
            platforms.highlighted = [p.id for p in platforms.rows].index("linkedin")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter", "space")
            await pilot.pause()
            shot("platform-linkedin")
            await pilot.press("r")
            await pilot.pause()
            shot("qr-linkedin")
            await pilot.press("escape", "f1")
            await pilot.pause()
            shot("help")
            await pilot.press("escape", "escape", "escape", "f4")
            await pilot.pause()
            shot("what-next")
            await pilot.press("escape", "f5")
            await pilot.pause()
            shot("whose-progress")
            await pilot.press("escape", "f8")
            await pilot.pause()
            shot("end-of-visit")
        app.progress.close()
    with tempfile.TemporaryDirectory() as data:  # a wide terminal, in French
        app = OptOutApp(catalog, Path(data), lang="fr")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("f2", "tab", "enter", "down", "enter")  # kind: AI training
            await pilot.pause()
            written.append(Path(app.save_screenshot("browse-wide-fr.svg", path=str(out))))
        app.progress.close()
    return written


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for path in asyncio.run(render(out)):
        print(path)


if __name__ == "__main__":
    main()
