"""Which files of a catalog folder are platform files (shared by the loader and the cache)."""

from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Iterator
from typing import Any


def platform_folder(folder: Path) -> Path:
    """Where a catalog folder keeps its platform files: its `platforms/` subfolder, if any."""
    return folder / "platforms" if (folder / "platforms").is_dir() else folder


def _is_platform_file(entry: os.DirEntry[Any]) -> bool:
    """A platform file: a name ending in .yaml, and a regular file (or a link to one): a
    FIFO or a device is never opened."""
    return entry.name.endswith(".yaml") and entry.is_file()


def yaml_entries(folder: Path) -> list[os.DirEntry[str]]:
    """The platform files of a catalog folder (its `platforms/` subfolder when there is one),
    sorted by name; strings are compared, not Paths, which is much faster for thousands."""
    try:
        with os.scandir(platform_folder(folder)) as entries:
            found = [e for e in entries if _is_platform_file(e)]
    except OSError:
        return []
    found.sort(key=lambda e: e.name)
    return found


def stat_each(folder: Path) -> tuple[str, list[str], Iterator[os.stat_result | None]]:
    """The folder platform files are read from, their names (the files yaml_entries gives,
    in its order) and each one's stat record (None when it went away meanwhile), given one
    at a time as they are asked for: a caller that only hashes them never holds thousands.
    Take them all: the folder is closed after the last.

    The cache stats every file at each launch to know that none changed: the folder is
    opened once and each file is statted by its name within it, which spares the kernel a
    walk of the whole path and Python the building of one per file (thousands of files)."""
    where = os.fspath(platform_folder(folder))
    try:
        fd = os.open(where, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return where, [], iter(())
    try:
        with os.scandir(fd) as entries:
            names = sorted(e.name for e in entries if _is_platform_file(e))
    except OSError:
        os.close(fd)
        return where, [], iter(())

    def each() -> Iterator[os.stat_result | None]:
        stat = os.stat
        try:
            for name in names:
                try:
                    yield stat(name, dir_fd=fd)
                except OSError:
                    yield None
        finally:
            os.close(fd)

    return where, names, each()


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
