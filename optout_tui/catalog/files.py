"""Which files of a catalog folder are platform files (shared by the loader and the cache)."""

from __future__ import annotations

import os
from pathlib import Path


def yaml_entries(folder: Path) -> list[os.DirEntry[str]]:
    """The platform files of a catalog folder (its `platforms/` subfolder when there is one),
    sorted by name; strings are compared, not Paths, which is much faster for thousands."""
    if (folder / "platforms").is_dir():
        folder = folder / "platforms"
    try:
        with os.scandir(folder) as entries:
            found = [e for e in entries if e.name.endswith(".yaml") and e.is_file()]
    except OSError:
        return []
    found.sort(key=lambda e: e.name)
    return found


def platform_files(folder: Path) -> list[Path]:
    """The platform files of a catalog folder (its `platforms/` subfolder when there is one)."""
    return [Path(e.path) for e in yaml_entries(folder)]
