"""A cache of the parsed catalog, so repeated runs skip YAML parsing.

The file holds plain values only (JSON: text, numbers, lists), so reading it can never run
code, whoever wrote it. It is a header (every platform's name, aliases, categories and the
facts of its actions) followed by one block of full actions per platform. Loading reads the
header only; a platform's block is read the first time its actions are asked for, from the
file as it was when the header was read (the descriptor stays open), so a later rewrite by
another run cannot mix two versions.

Nothing in it is trusted:
- the folder is created 0700, and a file not owned by the user, or writable by others, or not
  a regular file, is ignored (another account could have planted it);
- the header and each block carry a SHA-256 digest: a truncated or bit-flipped file is treated
  as absent and rebuilt, a damaged block is read from its YAML file instead;
- the key is a hash of the content of every platform file and of the list of folders and files
  (plus the program version and the model's shape): any edit, even one that keeps a file's size
  and modification time, a new file and a deleted overlay all rebuild it.

`OPTOUT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import stat
import sys
import types
import typing
from typing import Any
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from optout_tui import __version__
from optout_tui.catalog import model as m
from optout_tui.catalog.files import yaml_entries
from optout_tui.catalog.model import ActionFacts, Catalog, Platform
from optout_tui.safe_files import open_regular, read_fd

CACHE_ENV = "OPTOUT_NO_CACHE"
MAGIC = b"optout-catalog-cache-6\n"
SUFFIX = ".cache"
KEEP = 6  # cache files kept: one per set of catalog folders (--catalog) used lately
MAX_PLATFORM_FILE = 2_000_000  # the loader's own cap: a bigger file is never hashed whole
_HEADER_DIGITS = 12


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("optout-tui", appauthor=False)


def _cache_file(folders: Iterable[Path] = ()) -> Path:
    """One cache file per set of catalog folders, so switching --catalog back and forth does
    not rebuild it every time."""
    names = "\n".join(str(Path(f).resolve()) for f in folders)
    tag = hashlib.sha256(names.encode("utf-8")).hexdigest()[:12]
    return _cache_dir() / f"catalog-{tag}{SUFFIX}"


def _model_shape() -> str:
    """The model's classes and fields: a change of the model invalidates every cache."""
    shapes = [
        f"{name}:{','.join(_field_names(cls))}"
        for name, cls in sorted(vars(m).items())
        if isinstance(cls, type)
        and (dataclasses.is_dataclass(cls) or issubclass(cls, tuple) and hasattr(cls, "_fields"))
    ]
    return ";".join(shapes) + ";facts:" + ",".join(ActionFacts._fields)


def _field_names(cls: type) -> list[str]:
    """A model class's fields: a dataclass's, or a NamedTuple's (LocalText and the small
    values are NamedTuples)."""
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls)]
    return list(cls._fields)  # type: ignore[attr-defined]


def _key(folders: list[Path]) -> str:
    """A hash of everything the catalog is made of: the folders, their files, their bytes."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{MAGIC!r}\0{_model_shape()}\0".encode())
    for folder in folders:
        digest.update(b"\0folder\0" + os.fsencode(Path(folder).resolve()))
        digest.update(b"\0dir" if Path(folder).is_dir() else b"\0missing")
        for entry in yaml_entries(folder):
            digest.update(b"\0file\0" + os.fsencode(entry.name) + b"\0")
            try:
                fd = open_regular(entry.path)
                try:
                    data = read_fd(fd, MAX_PLATFORM_FILE, entry.path)
                finally:
                    os.close(fd)
            except OSError as error:  # unreadable or too big: the loader will say so
                data = f"unreadable {error.errno}".encode()
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
    return digest.hexdigest()


# -- the model as plain values and back ------------------------------------------------


def _plain(value: Any) -> Any:
    """A model value as JSON values: dataclasses and tuples as lists, dates as text."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, tuple):  # also ActionFacts, a NamedTuple
        return [_plain(v) for v in value]
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return [_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _exactly(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}")
        return value

    return check


_DECODERS: dict[object, Callable[[Any], Any]] = {}


def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function turning plain values back into `kind` (a type from the model's hints),
    checking every shape on the way: a mismatch raises TypeError or ValueError."""
    if kind in _DECODERS:
        return _DECODERS[kind]
    origin: Any = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind in (str, bool, int):
        decode = _exactly(kind)
    elif kind is dt.date:

        def decode(value: Any) -> Any:
            return dt.date.fromisoformat(_exactly(str)(value))
    elif origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in args if a is not type(None)))

        def decode(value: Any) -> Any:
            return None if value is None else inner(value)
    elif origin in (tuple, frozenset):
        inner = _decoder(args[0])
        build = origin

        def decode(value: Any) -> Any:
            return build(inner(v) for v in _exactly(list)(value))
    elif dataclasses.is_dataclass(kind) or hasattr(kind, "_fields"):
        hints = typing.get_type_hints(kind, vars(sys.modules[kind.__module__]))
        names = (
            [f.name for f in dataclasses.fields(kind)]
            if dataclasses.is_dataclass(kind)
            else list(kind._fields)
        )
        parts = [_decoder(hints[name]) for name in names]

        def decode(value: Any) -> Any:
            values = _exactly(list)(value)
            if len(values) != len(parts):
                raise ValueError(f"{kind.__name__}: {len(values)} values for {len(parts)}")
            return kind(*(part(v) for part, v in zip(parts, values)))
    else:  # pragma: no cover - only if the model gains a new kind of field
        raise TypeError(f"no cache decoder for {kind!r}")
    _DECODERS[kind] = decode
    return decode


# -- writing ------------------------------------------------------------------------------


def _private_dir(folder: Path) -> None:
    """Create the cache folder readable only by the user; tighten one we own already."""
    try:
        folder.mkdir(parents=True, mode=0o700)  # private from the start
        return
    except FileExistsError:
        pass
    st = folder.stat()
    if st.st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to another user")
    if stat.S_IMODE(st.st_mode) & 0o077:  # made by an earlier version: tighten it
        os.chmod(folder, 0o700)


def _write(cache: Path, key: str, catalog: Catalog) -> None:
    rows = []
    blobs = []
    offset = 0
    for platform in catalog.platforms:
        blob = json.dumps(
            [_plain(a) for a in platform.actions], ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        rows.append(
            [
                platform.id,
                platform.name,
                list(platform.domains),
                list(platform.categories),
                list(platform.languages),
                list(platform.aliases),
                platform.origin,
                platform.doable,
                # The facts as JSON text inside the header: one string per platform
                # held until they are asked for, not thousands of lists and strings.
                json.dumps(_plain(platform.facts), ensure_ascii=False, separators=(",", ":")),
                offset,
                len(blob),
                hashlib.sha256(blob).hexdigest(),
            ]
        )
        blobs.append(blob)
        offset += len(blob)
    header = json.dumps(
        {"key": key, "platforms": rows, "notices": list(catalog.notices)},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    import tempfile

    _private_dir(cache.parent)
    fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".catalog.")  # created 0600
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(
                MAGIC
                + hashlib.sha256(header).hexdigest().encode()
                + b"\n"
                + str(len(header)).zfill(_HEADER_DIGITS).encode()
                + b"\n"
            )
            stream.write(header)
            for blob in blobs:
                stream.write(blob)
        os.replace(tmp, cache)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- reading ------------------------------------------------------------------------------


class _Blocks:
    """The open cache file a catalog reads its platforms' blocks from; closed with it."""

    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, start: int, length: int, digest: str) -> bytes | None:
        try:
            data = os.pread(self.fd, length, start)
        except OSError:
            return None
        if len(data) != length or hashlib.sha256(data).hexdigest() != digest:
            return None
        return data

    def __del__(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


def _fetch(
    blocks: _Blocks, origin: str, start: int, length: int, digest: str
) -> tuple[m.Action, ...]:
    """A platform's full actions from its block; from its YAML file if the block is damaged."""
    data = blocks.read(start, length, digest)
    if data is not None:
        try:
            decode = _decoder(m.Action)
            return tuple(decode(a) for a in json.loads(data))
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            pass
    from optout_tui.catalog.loader import load_platform

    return load_platform(Path(origin)).actions


def _decode_facts(encoded: str) -> tuple[ActionFacts, ...]:
    """The facts of a platform's actions (from the header, whose digest was checked)."""
    rows = _exactly(list)(json.loads(encoded))
    text, facts = _decoder(m.LocalText), ActionFacts
    found = []
    for row in rows:
        aid, title, kind, default, priority, difficulty, regions, doable, minutes, formerly = row
        found.append(
            facts(
                aid,
                text(title),
                kind,
                default,
                priority,
                difficulty,
                tuple(regions),
                doable,
                minutes,
                tuple(formerly),
            )
        )
    return tuple(found)


def _trusted_fd(cache: Path) -> int | None:
    """The cache file opened for reading, or None when it must not be trusted: not ours,
    writable by others, a link, or not a regular file."""
    try:
        fd = open_regular(cache, follow_symlinks=False)
    except OSError:
        return None
    st = os.fstat(fd)
    if st.st_uid != os.getuid() or st.st_mode & 0o022:
        os.close(fd)
        return None
    return fd


def _read(cache: Path, key: str) -> Catalog | None:
    """The catalog from the cache file when it is ours, whole and for this key; else None."""
    fd = _trusted_fd(cache)
    if fd is None:
        return None
    blocks = _Blocks(fd)  # closes the descriptor when the catalog is dropped
    size = os.fstat(fd).st_size
    lead = os.pread(fd, len(MAGIC) + 65 + _HEADER_DIGITS + 1, 0)
    if not lead.startswith(MAGIC) or len(lead) != len(MAGIC) + 65 + _HEADER_DIGITS + 1:
        return None
    digest = lead[len(MAGIC) : len(MAGIC) + 64].decode("ascii")
    length = int(lead[len(MAGIC) + 65 : -1])
    base = len(lead)
    if base + length > size:
        return None
    header = os.pread(fd, length, base)
    if hashlib.sha256(header).hexdigest() != digest:
        return None
    data = json.loads(header)
    if data["key"] != key:
        return None
    base += length
    platforms = []
    strings = _exactly(str)
    for (
        pid,
        name,
        domains,
        categories,
        languages,
        aliases,
        origin,
        doable,
        facts,
        offset,
        blen,
        bdigest,
    ) in data["platforms"]:
        platforms.append(
            Platform(
                strings(pid),
                strings(name),
                tuple(domains),
                tuple(categories),
                tuple(languages),
                aliases=tuple(aliases),
                origin=strings(origin),
                doable=_exactly(int)(doable),
                fetch_facts=partial(_decode_facts, strings(facts)),
                fetch=partial(_fetch, blocks, origin, base + offset, blen, bdigest),
            )
        )
    return Catalog(tuple(platforms), notices=tuple(map(strings, data["notices"])))


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
    except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        pass  # damaged or foreign: treated as absent, and rebuilt below
    catalog = load_catalog(folders)  # raises CatalogError: nothing is cached then
    try:
        _write(cache, key, catalog)
        _prune(cache.parent)
    except (OSError, ValueError, TypeError):
        pass
    return catalog


def _prune(folder: Path, keep: int = KEEP) -> None:
    """Keep the caches of the `keep` catalog-folder sets used most recently; remove the
    pickled caches of earlier versions (never read)."""
    for old in folder.glob("catalog-*.pickle"):
        old.unlink(missing_ok=True)
    files = sorted(folder.glob(f"catalog-*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
