"""A cache of the loaded catalog, so plain commands do not parse every YAML file each time.

Keyed by the optout version and each platform file's path, size and modification time: any
edit, added or removed file reloads from YAML. Only a catalog that loaded without errors is
cached, and a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path

from optout_tui import __version__
from optout_tui.catalog.loader import load_catalog, platform_files
from optout_tui.catalog.model import Catalog

CACHE_ENV = "OPTOUT_NO_CACHE"


def _cache_file() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("optout-tui", appauthor=False) / "catalog.pickle"


def _key(folders: list[Path]) -> str:
    parts: list[str] = [__version__]
    for folder in folders:
        parts.append(f"folder {folder.resolve()}")
        if folder.is_dir():
            for path in platform_files(folder):
                st = path.stat()
                parts.append(f"{path.name} {st.st_size} {st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def load_catalog_cached(folders: Iterable[Path]) -> Catalog:
    """load_catalog, served from the cache when no file changed since it was written."""
    folders = [Path(f) for f in folders]
    if os.environ.get(CACHE_ENV):
        return load_catalog(folders)
    try:
        key = _key(folders)
        cache = _cache_file()
        with cache.open("rb") as stream:
            stored_key, catalog = pickle.load(stream)
        if stored_key == key and isinstance(catalog, Catalog):
            return catalog
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError,
            ImportError):
        pass
    catalog = load_catalog(folders)  # raises CatalogError: nothing is cached then
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".catalog.")
        with os.fdopen(fd, "wb") as stream:
            pickle.dump((key, catalog), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except (OSError, pickle.PickleError, NameError):
        pass
    return catalog
