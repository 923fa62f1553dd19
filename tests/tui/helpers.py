"""Helpers for Pilot tests: build an app on a catalog folder, read what a widget shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget

from optout_tui.catalog import load_catalog
from optout_tui.paths import bundled_catalog_dir
from optout_tui.tui.app import OptOutApp


def make_app(
    data_dir: Path,
    *folders: Path,
    bundled: bool = False,
    lang: str = "en",
    today: dt.date | None = None,
) -> OptOutApp:
    dirs = ([bundled_catalog_dir()] if bundled else []) + list(folders)
    return OptOutApp(load_catalog(dirs), data_dir, lang=lang, today=today)


def shown_text(widget: Widget) -> str:
    """The characters a widget paints, lines joined and runs of spaces folded."""
    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    text = " ".join("".join(segment.text for segment in strip) for strip in strips)
    return " ".join(text.split())


def all_text(root: Widget) -> str:
    """The text of every shown leaf widget inside `root` (containers draw nothing themselves)."""
    leaves = [w for w in root.query("*") if w.display and not w.children and w.size.area]
    return " ".join(shown_text(w) for w in leaves)


def layouts_asked(widget: Widget) -> list[bool]:
    """From now on, each refresh `widget` asks for: whether it asked for a layout (of the
    whole screen) rather than a repaint."""
    asked: list[bool] = []
    refresh = widget.refresh

    def spy(*regions, layout: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(layout)
        return refresh(*regions, layout=layout, **kwargs)

    widget.refresh = spy  # type: ignore[method-assign]
    return asked
