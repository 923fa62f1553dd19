"""The catalog: typed model, safe loader and the location of the bundled files. No Textual.

Names are imported on first use, so `from optout_tui.catalog.cache import ...` on a warm start
never loads the YAML parser.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "CatalogError": "problems",
    "Problem": "problems",
    "load_catalog": "loader",
    "load_platform": "loader",
    "Action": "model",
    "Catalog": "model",
    "LocalText": "model",
    "Platform": "model",
    "Step": "model",
    "Surface": "model",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(f"optout_tui.catalog.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'optout_tui.catalog' has no attribute {name!r}")
