"""A cache of the parsed catalog, so repeated runs skip YAML parsing.

The cache file holds a header (every platform's name, aliases, categories and the facts of its
actions, as plain tuples that unpickle at C speed) followed by one pickled block of full actions
per platform. Loading reads the header only; a platform's block is read the first time its
actions are asked for. So starting on a catalog of thousands of platforms costs the header, not
hundreds of thousands of objects.

The key is the package version plus the size and modification time of every platform file: any
edit (or a new version of the format) rebuilds it. `OPTOUT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from optout_tui import __version__
from optout_tui.catalog.files import yaml_entries
from optout_tui.catalog.model import ActionFacts, Catalog, LocalText, Platform

CACHE_ENV = "OPTOUT_NO_CACHE"
MAGIC = "optout-catalog-cache-4"
KEEP = 6  # cache files kept: one per set of catalog folders (--catalog) used lately


def _cache_file(folders: Iterable[Path] = ()) -> Path:
    """One cache file per set of catalog folders, so switching --catalog back and forth does
    not rebuild it every time."""
    from platformdirs import user_cache_path

    names = "\n".join(str(Path(f).resolve()) for f in folders)
    tag = hashlib.sha256(names.encode("utf-8")).hexdigest()[:12]
    return user_cache_path("optout-tui", appauthor=False) / f"catalog-{tag}.pickle"


def _key(folders: list[Path]) -> str:
    parts: list[str] = [__version__, MAGIC]
    for folder in folders:
        parts.append(f"folder {folder.resolve()}")
        for entry in yaml_entries(folder):
            st = entry.stat()
            parts.append(f"{entry.name} {st.st_size} {st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _facts_row(fact: ActionFacts) -> tuple:
    title = fact.title
    return (fact.id, title.en, title.fr, tuple(sorted(title.unconfirmed)), fact.kind,
            fact.default, fact.priority, fact.difficulty, fact.regions, fact.doable,
            fact.minutes, fact.formerly)


def _facts(row: tuple) -> ActionFacts:
    aid, en, fr, unconfirmed, *rest = row
    return ActionFacts(aid, LocalText(en, fr, frozenset(unconfirmed)), *rest)


def _write(cache: Path, key: str, catalog: Catalog) -> None:
    header = []
    blobs = []
    offset = 0
    for platform in catalog.platforms:
        blob = pickle.dumps((key, platform.id, platform.actions),
                            protocol=pickle.HIGHEST_PROTOCOL)
        facts = pickle.dumps(tuple(_facts_row(f) for f in platform.facts),
                             protocol=pickle.HIGHEST_PROTOCOL)
        header.append((platform.id, platform.name, platform.domains, platform.categories,
                       platform.languages, platform.aliases, platform.origin,
                       platform.doable, facts, offset, len(blob)))
        blobs.append(blob)
        offset += len(blob)
    cache.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".catalog.")
    try:
        with os.fdopen(fd, "wb") as stream:
            pickle.dump((MAGIC, key, header), stream, protocol=pickle.HIGHEST_PROTOCOL)
            for blob in blobs:
                stream.write(blob)
        os.replace(tmp, cache)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fetch(cache: Path, key: str, platform_id: str, origin: str, start: int, length: int):
    """A platform's full actions from its block; from its YAML file if the cache changed."""
    try:
        with cache.open("rb") as stream:
            stream.seek(start)
            stored_key, stored_id, actions = pickle.loads(stream.read(length))
        if stored_key == key and stored_id == platform_id:
            return actions
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
        pass
    from optout_tui.catalog.loader import load_platform

    return load_platform(Path(origin)).actions


def _read(cache: Path, key: str) -> Catalog | None:
    with cache.open("rb") as stream:
        magic, stored_key, header = pickle.load(stream)
        base = stream.tell()
    if magic != MAGIC or stored_key != key:
        return None
    platforms = []
    for pid, name, domains, categories, languages, aliases, origin, doable, facts, offset, \
            length in header:
        platforms.append(Platform(
            pid, name, domains, categories, languages, aliases=aliases, origin=origin,
            doable=doable, fetch_facts=partial(_decode_facts, facts),
            fetch=partial(_fetch, cache, key, pid, origin, base + offset, length)))
    return Catalog(tuple(platforms))


def _decode_facts(blob: bytes) -> tuple[ActionFacts, ...]:
    return tuple(_facts(row) for row in pickle.loads(blob))


def load_catalog(folders: list[Path]) -> Catalog:
    """Parse the YAML files (the parser is imported only when the cache cannot serve)."""
    from optout_tui.catalog.loader import load_catalog as parse

    return parse(folders)


def load_catalog_cached(folders: Iterable[Path]) -> Catalog:
    """load_catalog, served from the cache when no file changed since it was written."""
    folders = [Path(f) for f in folders]
    if os.environ.get(CACHE_ENV):
        return load_catalog(folders)
    cache = _cache_file(folders)
    key = _key(folders)
    try:
        catalog = _read(cache, key)
        if catalog is not None:
            return catalog
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError,
            ImportError):
        pass
    catalog = load_catalog(folders)  # raises CatalogError: nothing is cached then
    try:
        _write(cache, key, catalog)
        _prune(cache.parent)
    except (OSError, pickle.PickleError):
        pass
    return catalog


def _prune(folder: Path, keep: int = KEEP) -> None:
    """Keep the caches of the `keep` catalog-folder sets used most recently."""
    files = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime,
                   reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
