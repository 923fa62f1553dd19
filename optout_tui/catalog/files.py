"""Which files of a catalog folder are platform files (shared by the loader and the cache)."""

from __future__ import annotations

import os
from pathlib import Path


def platform_folder(folder: Path) -> Path:
    """Where a catalog folder keeps its platform files: its `platforms/` subfolder, if any."""
    return folder / "platforms" if (folder / "platforms").is_dir() else folder


def yaml_entries(folder: Path) -> list[os.DirEntry[str]]:
    """The platform files of a catalog folder (its `platforms/` subfolder when there is one),
    sorted by name; strings are compared, not Paths, which is much faster for thousands.
    Only regular files (or links to one): a FIFO or a device is never opened."""
    try:
        with os.scandir(platform_folder(folder)) as entries:
            found = [e for e in entries if e.name.endswith(".yaml") and e.is_file()]
    except OSError:
        return []
    found.sort(key=lambda e: e.name)
    return found


def platform_files(folder: Path) -> list[Path]:
    """The platform files of a catalog folder (its `platforms/` subfolder when there is one);
    CatalogError when the folder cannot be read (rather than silently no platforms)."""
    try:
        os.scandir(platform_folder(folder)).close()
    except OSError as error:
        from optout_tui.catalog.problems import CatalogError, Problem

        raise CatalogError(
            [Problem(str(folder), 1, 1, f"cannot read the catalog folder: {error.strerror}")]
        ) from None
    return [Path(e.path) for e in yaml_entries(folder)]
