"""A cache of the parsed catalog, so repeated runs skip YAML parsing.

The file holds plain values only (JSON text, text and byte strings), so reading it can never
run code, whoever wrote it. It is a header (the key, where each section is) followed by
sections: every platform's id, name, domains, categories, languages, aliases and counts, as
columns of text split by separators, with where each value ends (a launch slices the values of
the platforms it shows); a table with one fixed-size row per platform (where its
facts, its full actions and its file name are, and their digests); the facts and the full
actions of each platform; and the folded texts the search looks in (one byte string per
language, with offsets). Loading reads the header, the columns and the table only; a
platform's facts and actions are read the first time they are asked for, from the file as it
was when the header was read (the descriptor stays open), so a later rewrite by another run
cannot mix two versions.

Nothing in it is trusted:
- the folder is created 0700, and a file not owned by the user, or writable by others, or not
  a regular file, is ignored (another account could have planted it);
- the header, the table, each platform's facts and actions and each search text carry a
  256-bit digest (BLAKE2b, optout_tui.digest): a truncated or bit-flipped file is treated as
  absent and rebuilt, a damaged platform is read from its YAML file instead, a damaged search
  text is built again;
- the key is a hash of the content of every platform file and of the list of folders and files
  (plus the program version, the model's shape and the search's folding): any edit, even one
  that keeps a file's size and modification time, a new file and a deleted overlay all
  rebuild it.

Hashing every file's bytes at every launch costs more than the rest of a launch with
thousands of platforms, so the content digests are kept beside the cache (`.files`), each
with the file's stat record: size, mtime, ctime, inode and device. A file is read and hashed
again when its record differs (an edit changes the ctime, which `touch` cannot set back), and
a file changed less than RACY_NS before it was hashed is never recorded (git's racy-timestamp
rule: a change in the same clock tick as the hash would leave the record unchanged), so it is
hashed again at the next launch. The key is still made from the content digests.

`OPTOUT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import re
import stat
import struct
import sys
import time
import types
import typing
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optout_tui import __version__
from optout_tui.catalog import model as m
from optout_tui.catalog.files import stat_each
from optout_tui.catalog.model import Catalog, Platform
from optout_tui.digest import checksum
from optout_tui.heap import collector_paused
from optout_tui.safe_files import open_regular, read_fd

if TYPE_CHECKING:
    from optout_tui.catalog.actions import Action, ActionFacts

CACHE_ENV = "OPTOUT_NO_CACHE"
MAGIC = b"optout-catalog-cache-10\n"
FILES_MAGIC = b"optout-catalog-files-3\n"
SUFFIX = ".cache"
MODEL_SOURCES = ("model.py", "actions.py")
FILES_SUFFIX = ".files"
KEEP = 6  # cache files kept: one per set of catalog folders (--catalog) used lately
MAX_PLATFORM_FILE = 2_000_000  # the loader's own cap: a bigger file is never hashed whole
RACY_NS = 2_000_000_000
"""A file whose mtime or ctime is less than this before the moment its content was hashed is
not recorded: file times are coarse (a clock tick; seconds on some file systems), and a change
in the same tick as the hash would keep the same record."""
_HEADER_DIGITS = 12
_ROW = struct.Struct("<QIQIQI32s32s")
"""A platform's row: facts, actions and file name (offset and length each), then the digest
of its facts and of its actions."""
_STAT = struct.Struct("<qqqqq")
_GONE = b"\xff" * _STAT.size  # the record of a file that went away while listed
_NO_PRINT = "-" * 64  # the fingerprint of a record set that is not whole (a racy file)
_clock = time.time_ns  # the wall clock file times are compared with (tests move it)


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("optout-tui", appauthor=False)


def _cache_file(folders: Iterable[Path] = ()) -> Path:
    """One cache file per set of catalog folders, so switching --catalog back and forth does
    not rebuild it every time."""
    names = "\n".join(str(Path(f).resolve()) for f in folders)
    tag = checksum(names.encode("utf-8")).hexdigest()[:12]
    return _cache_dir() / f"catalog-{tag}{SUFFIX}"


def _files_file(cache: Path) -> Path:
    """Where the content digests of the catalog files of `cache` are kept."""
    return cache.with_suffix(FILES_SUFFIX)


def _model_shape() -> str:
    """The model's classes and fields: a change of the model invalidates every cache."""
    from optout_tui.catalog import actions

    shapes = [
        f"{name}:{','.join(_field_names(cls))}"
        for name, cls in sorted({**vars(m), **vars(actions)}.items())
        if isinstance(cls, type)
        and (dataclasses.is_dataclass(cls) or issubclass(cls, tuple) and hasattr(cls, "_fields"))
    ]
    return ";".join(shapes) + ";facts:" + ",".join(actions.ActionFacts._fields)


@functools.cache
def _model_version() -> str:
    """What the cache's values are made of: the model's two modules (model.py, actions.py),
    their bytes hashed, which costs a launch less than importing the classes of an action
    (it shows platforms, not their actions); their classes' fields (_model_shape) when the
    sources are not there. Either way, a change of a field rebuilds every cache."""
    try:
        sources = [Path(m.__file__).with_name(name).read_bytes() for name in MODEL_SOURCES]
    except OSError:  # pragma: no cover - an installation without its sources
        return _model_shape()
    return checksum(b"\0".join(sources)).hexdigest()


def _field_names(cls: type) -> list[str]:
    """A model class's fields: a dataclass's, or a NamedTuple's (LocalText and the small
    values are NamedTuples)."""
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls)]
    return list(cls._fields)  # type: ignore[attr-defined]


@functools.cache
def _search_source() -> str:
    """The search module's own bytes, hashed: the cache ships the search's folded texts, so a
    change in how they are folded must rebuild it. Read once per process (a start asks twice:
    before its first frame and in the check after it)."""
    try:
        return checksum(Path(__file__).with_name("search.py").read_bytes()).hexdigest()
    except OSError:  # pragma: no cover - an installation without its sources
        return "no source"


# -- the key ------------------------------------------------------------------------------


Record = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def _record(st: os.stat_result) -> Record:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _hash_file(path: str) -> tuple[str, Record | None]:
    """The digest of a file's bytes and its stat record as it was read (None when it could
    not be read: the loader will say why)."""
    try:
        fd = open_regular(path)
        try:
            record = _record(os.fstat(fd))
            data = read_fd(fd, MAX_PLATFORM_FILE, path)
        finally:
            os.close(fd)
    except OSError as error:  # unreadable or too big
        return checksum(f"unreadable {error.errno}".encode()).hexdigest(), None
    return checksum(data).hexdigest(), record


class _Known:
    """The digests kept from an earlier launch: the fingerprint of the files' stat records
    they were made for, the key that came out, the start of the fingerprint (this version of
    the cache and the folders, see _start), and each file's record and digest."""

    def __init__(self, fingerprint: str, key: str, start: str, records: bytes, digest: str) -> None:
        self.fingerprint = fingerprint
        self.key = key
        self.start = start
        self._records = records
        self._digest = digest

    def records(self) -> dict[str, Any]:
        if checksum(self._records).hexdigest() != self._digest:
            return {}
        try:
            found = json.loads(self._records)
        except ValueError:
            return {}
        return found if type(found) is dict else {}


_FILES_LEAD = len(FILES_MAGIC) + 3 * 65 + _HEADER_DIGITS + 1 + 64 + 1 + 64 + 1


def _read_known(cache: Path, *, records: bool = True) -> _Known | None:
    """The kept digests, when the file is ours and whole; else None (every file is hashed).
    Without `records`, only the fingerprint, the key and the start are read."""
    fd = _trusted_fd(_files_file(cache))
    if fd is None:
        return None
    try:
        lead = os.pread(fd, _FILES_LEAD, 0)
        if len(lead) != _FILES_LEAD or not lead.startswith(FILES_MAGIC):
            return None
        line, check = lead[len(FILES_MAGIC) : -1].split(b"\n")
        if checksum(line).hexdigest().encode() != check:
            return None
        fingerprint, key, start, length, digest = line.decode("ascii").split(" ")
        body = os.pread(fd, min(int(length), os.fstat(fd).st_size), _FILES_LEAD) if records else b""
        return _Known(fingerprint, key, start, body, digest)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def _write_known(
    cache: Path, fingerprint: str, key: str, start: str, records: dict[str, list[Any]]
) -> None:
    body = json.dumps(records, separators=(",", ":")).encode()
    line = " ".join(
        [fingerprint, key, start, str(len(body)).zfill(_HEADER_DIGITS), checksum(body).hexdigest()]
    ).encode("ascii")
    _replace(
        _files_file(cache),
        [FILES_MAGIC, line, b"\n", checksum(line).hexdigest().encode(), b"\n", body],
    )


def _old_digest(records: dict[str, Any], path: str, record: Record) -> str | None:
    """The digest kept for `path`, when its kept record is exactly `record`."""
    kept = records.get(path)
    if (
        type(kept) is list
        and len(kept) == 6
        and all(type(v) is int for v in kept[:5])
        and tuple(kept[:5]) == record
        and type(kept[5]) is str
        and len(kept[5]) == 64
    ):
        return kept[5]
    return None


Listing = list[tuple[bytes, str, list[str], list[os.stat_result | None]]]


def _start(folders: list[Path]) -> tuple[bytes, list[bytes], str]:
    """What the fingerprint starts with, without looking at any platform file: this version
    of the cache (program, model, search) and each folder (its path, and whether it is one);
    and its hash, kept beside the digests so that a launch can tell, before any file is
    looked at, that the cache it kept is for this program and these folders."""
    prefix = f"{__version__}\0{MAGIC!r}\0{_model_version()}\0{_search_source()}\0".encode()
    heads = []
    for folder in folders:
        head = b"\0folder\0" + os.fsencode(Path(folder).resolve())
        heads.append(head + (b"\0dir" if Path(folder).is_dir() else b"\0missing"))
    return prefix, heads, checksum(b"\0".join([prefix, *heads])).hexdigest()


def _fingerprint(folders: list[Path], *, listing: bool = True) -> tuple[str, bytes, Listing, str]:
    """A hash of the folders, their platform files' names and stat records (and of this
    version of the cache): equal to the kept one, no file changed. Also the hash's prefix and
    what was listed, for working out the key when it differs, and the start's hash. Without
    `listing`, nothing is listed and the records are hashed one by one as they are read
    (the check after the first frame, beside the app: thousands of records never held at
    once, and so no memory left scattered between what the app keeps)."""
    prefix, heads, start = _start(folders)
    digest = checksum(prefix)
    listed: Listing = []
    pack = _STAT.pack
    for folder, head in zip(folders, heads):
        where, names, each = stat_each(folder)
        # The count, the names, then each one's record in 40 bytes (all 0xff when it went
        # away): telling apart any two listings.
        digest.update(head + len(names).to_bytes(8, "little"))
        digest.update(b"\0".join(map(os.fsencode, names)) + b"\0")
        if listing:
            stats = list(each)
            listed.append((head, where, names, stats))
            digest.update(b"".join(_GONE if st is None else pack(*_record(st)) for st in stats))
        else:
            for st in each:
                digest.update(_GONE if st is None else pack(*_record(st)))
    return digest.hexdigest(), prefix, listed, start


def _key(folders: list[Path], cache: Path | None = None) -> str:
    """A hash of everything the catalog is made of: the folders, their files, their bytes.

    With `cache`, the digests kept beside it serve every file whose stat record is unchanged
    (and was recorded when no longer racy); the others are read and hashed, and what was
    learnt is kept for the next launch."""
    began = _clock()
    fingerprint, prefix, listed, start = _fingerprint(folders)
    known = _read_known(cache) if cache is not None else None
    if known is not None and known.fingerprint == fingerprint:
        return known.key
    records = known.records() if known is not None else {}
    parts: list[tuple[bytes, str, Record | None]] = []
    for head, where, names, stats in listed:
        parts.append((head, "", None))
        parts += [
            (
                b"\0file\0" + name.encode("utf-8", "surrogateescape") + b"\0",
                os.path.join(where, name),
                None if st is None else _record(st),
            )
            for name, st in zip(names, stats)
        ]
    digest = checksum(prefix)
    kept: dict[str, list[Any]] = {}
    whole = True
    for name, path, record in parts:
        if not path:  # a folder
            digest.update(name)
            continue
        content = _old_digest(records, path, record) if record is not None else None
        if content is None:
            content, record = _hash_file(path)
        if record is not None and max(record[1], record[2]) < began - RACY_NS:
            kept[path] = [*record, content]
        else:  # racy: hashed again next time
            whole = False
        digest.update(name + content.encode("ascii"))
    key = digest.hexdigest()
    if cache is not None:
        try:
            _write_known(cache, fingerprint if whole else _NO_PRINT, key, start, kept)
        except (OSError, ValueError):
            pass
    return key


# -- the model as plain values and back ------------------------------------------------


_FIELDS: dict[type, tuple[str, ...]] = {}


def _rest(value: Any) -> Any:
    """What json's C encoder cannot write by itself (it writes text, numbers, lists and
    tuples, NamedTuples included): a dataclass as the list of its fields, a set sorted, a
    date as text."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return [getattr(value, name) for name in names]
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot cache a {kind.__name__}")


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_rest).encode


def _model_json(value: Any) -> bytes:
    """A model value as plain JSON values (the decoders below read it back)."""
    return _ENCODE(value).encode("utf-8")


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
    elif isinstance(kind, type) and issubclass(kind, dt.date) and kind is not dt.datetime:
        # (the model's hints are the classes themselves, and dt.date may be a stand-in)

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


def _replace(target: Path, parts: list[bytes]) -> None:
    """Write `parts` to `target` all at once: a private temporary file renamed over it."""
    import tempfile

    _private_dir(target.parent)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".catalog.")  # created 0600
    try:
        with os.fdopen(fd, "wb") as stream:
            for part in parts:
                stream.write(part)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# The columns every launch reads (each platform's id, name, domains, categories, languages,
# aliases and counts) as text split by separators rather than JSON: str.split in C reads
# thousands of values several times faster than a JSON array of them. Catalog text holds no
# control character (the loader refuses them), so none of these appears in a value; a
# catalog where one did would not be cached (ValueError), and a column of the wrong length
# is a damaged cache.
_COLUMN, _VALUE, _ITEM = "\x1d", "\x1f", m.LIST_SEPARATOR


def _columns(platforms: Sequence[Platform]) -> bytes:
    """The columns (see above); ValueError when a value holds a separator, or a list holds
    an empty value (it would be read back as no value): such a catalog is not cached."""
    for p in platforms:
        lists = p.domains + p.categories + p.languages + p.aliases
        if "" in lists or any(
            _COLUMN in value or _VALUE in value or _ITEM in value
            for value in (p.id, p.name, *lists)
        ):
            raise ValueError("catalog text the cache's columns cannot hold")

    def column(values: Iterable[str]) -> str:
        return _VALUE.join(values)

    return _COLUMN.join(
        [
            column(p.id for p in platforms),
            column(p.name for p in platforms),
            *(
                column(_ITEM.join(getattr(p, name)) for p in platforms)
                for name in ("domains", "categories", "languages", "aliases")
            ),
        ]
    ).encode("utf-8")


def _column_ends(columns: bytes, count: int) -> bytes:
    """Where each value of the columns ends in their text (in characters; the value after it
    starts one further), as 32-bit unsigned integers: a launch slices the values of the
    platforms it shows, rather than splitting every column into thousands of strings."""
    if not count:
        return b""
    text = columns.decode("utf-8")
    ends = [found.start() for found in re.finditer(f"[{_VALUE}{_COLUMN}]", text)]
    return array("I", [*ends, len(text)]).tobytes()


def _counts(platforms: Sequence[Platform]) -> bytes:
    """Each platform's doable actions, tasks and task minutes, as 32-bit unsigned integers in
    this machine's byte order (the header says which): read back in one C call."""
    return array("I", [n for p in platforms for n in (p.doable, p.tasks, p.task_minutes)]).tobytes()


def _write(cache: Path, key: str, catalog: Catalog) -> None:
    from optout_tui.catalog.search import name_texts, title_texts, vocabulary_text

    body: list[bytes] = []
    size = 0

    def add(data: bytes) -> tuple[int, int]:
        nonlocal size
        body.append(data)
        size += len(data)
        return size - len(data), len(data)

    sections: dict[str, list[Any]] = {}

    def section(name: str, data: bytes) -> None:
        sections[name] = [*add(data), checksum(data).hexdigest()]

    rows = bytearray()
    origins = bytearray()
    for platform in catalog.platforms:
        facts = _model_json(platform.facts)
        actions = _model_json(platform.actions)
        origin = os.fsencode(platform.origin)
        rows += _ROW.pack(
            *add(facts),
            *add(actions),
            len(origins),
            len(origin),
            checksum(facts).digest(),
            checksum(actions).digest(),
        )
        origins += origin
    section("rows", bytes(rows))
    section("origins", bytes(origins))
    names = name_texts(catalog.platforms)
    section("names", names.blob)
    section("names-at", names.offsets())
    for lang in m.LANGUAGES:
        titles = title_texts(catalog.platforms, lang)
        section(f"titles-{lang}", titles.blob)
        section(f"titles-{lang}-at", titles.offsets())
        section(f"vocabulary-{lang}", vocabulary_text(names, titles))
    columns = _columns(catalog.platforms)
    section("columns", columns)
    section("column-ends", _column_ends(columns, len(catalog.platforms)))
    section("counts", _counts(catalog.platforms))
    header = _json(
        {
            "key": key,
            "notices": list(catalog.notices),
            "count": len(catalog.platforms),
            "sections": sections,
            "byteorder": sys.byteorder,
        }
    )
    _replace(
        cache,
        [
            MAGIC
            + checksum(header).hexdigest().encode()
            + b"\n"
            + str(len(header)).zfill(_HEADER_DIGITS).encode()
            + b"\n",
            header,
            *body,
        ],
    )


# -- reading ------------------------------------------------------------------------------


_WORDS: dict[str, str] = {}
"""One copy of each value of a kind, default, priority, difficulty or region."""


def _word(value: Any) -> str:
    """A text of a few values (a kind, a region), one copy kept however many actions have it."""
    if type(value) is not str:
        raise TypeError("expected str")
    return _WORDS.setdefault(value, value)


def _words(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise TypeError("expected list")
    found = tuple(map(_word, value))
    return _TUPLES.setdefault(found, found)


_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _decode_facts(data: bytes) -> tuple[ActionFacts, ...]:
    """The facts of a platform's actions, every value checked for its exact type (by `type()
    is`, inline: `optout list` decodes the facts of every platform)."""
    from optout_tui.catalog.actions import ActionFacts, LocalText

    found = []
    for row in json.loads(data):  # a row not a list of ten has no title that is a list
        aid, title, kind, default, priority, difficulty, regions, doable, minutes, formerly = row
        if type(title) is list and len(title) == 4 and title[2] == [] and title[3] == []:
            en, fr = title[0], title[1]  # most titles: no unconfirmed language, no former one
            if type(en) is not str or (fr is not None and type(fr) is not str):
                raise TypeError("expected str")
            local = LocalText(en, fr)
        else:
            local = _decoder(LocalText)(title)
        if (
            type(doable) is not bool
            or type(minutes) is not int
            or type(aid) is not str
            or type(formerly) is not list
        ):
            raise TypeError("expected bool, int, str and list")
        for wording in formerly:
            if type(wording) is not str:
                raise TypeError("expected str")
        found.append(
            ActionFacts(
                aid,
                local,
                _word(kind),
                _word(default),
                _word(priority),
                _word(difficulty),
                _words(regions),
                doable,
                minutes,
                tuple(formerly),
            )
        )
    return tuple(found)


_DAMAGE = (ValueError, TypeError, KeyError, IndexError, RecursionError, UnicodeError)


class _RowsDamaged(OSError):
    """The table of rows failed its digest when first read."""


class _Shelf:
    """The open cache file the platforms of a catalog read their facts, actions and file
    names from, each checked against its digest; closed with the catalog."""

    def __init__(self, fd: int, folders: list[Path]) -> None:
        self.fd = fd
        self.size = os.fstat(fd).st_size
        self.base = 0
        self.sections: dict[str, tuple[int, int, str]] = {}
        self.rows: bytes | None = None
        """The table of rows, read and checked when a platform's row is first needed (a
        launch over thousands of platforms shows a screenful, and reads none)."""
        self.ids: Callable[[], list[str]] = list
        self._folders = folders
        self._parsed: Catalog | None = None
        self._origins: bytes | None = None

    def read(self, start: int, length: int, digest: bytes | str) -> bytes | None:
        """`length` bytes at `start` of the body, when their digest is `digest`."""
        try:
            data = os.pread(self.fd, length, self.base + start)
        except OSError:
            return None
        if len(data) != length:
            return None
        check = checksum(data)
        if (check.digest() if isinstance(digest, bytes) else check.hexdigest()) != digest:
            return None
        return data

    def section(self, name: str) -> bytes | None:
        where = self.sections.get(name)
        return None if where is None else self.read(*where)

    def _row(self, row: int) -> tuple[Any, ...]:
        rows = self.rows
        if rows is None:
            rows = self.section("rows")
            if rows is None:
                raise _RowsDamaged("the cache file was damaged since it was opened")
            self.rows = rows
        return _ROW.unpack_from(rows, row * _ROW.size)

    def _from_yaml(self, row: int) -> Platform:
        from optout_tui.catalog.loader import load_platform

        try:
            origin = self.origin(row)
        except _RowsDamaged:
            return self._from_catalog(row)
        return load_platform(Path(origin))

    def _from_catalog(self, row: int) -> Platform:
        """The platform as its YAML files make it, when the table of rows (where each
        platform's facts, actions and file are) turns out damaged: the whole catalog is
        read from the files once, as a damaged cache found at launch would be."""
        if self._parsed is None:
            self._parsed = load_catalog(self._folders)
        platform = self._parsed.get(self.ids()[row])
        if platform is None:
            raise OSError("the cache file was damaged since it was opened")
        return platform

    def facts(self, row: int) -> tuple[ActionFacts, ...]:
        """A platform's facts; from its YAML file if they are damaged."""
        try:
            start, length, *_, digest, _ = self._row(row)
        except _RowsDamaged:
            return self._from_catalog(row).facts
        data = self.read(start, length, digest)
        if data is not None:
            try:
                return _decode_facts(data)
            except _DAMAGE:
                pass
        return self._from_yaml(row).facts

    def actions(self, row: int) -> tuple[Action, ...]:
        """A platform's full actions; from its YAML file if they are damaged."""
        try:
            _, _, start, length, _, _, _, digest = self._row(row)
        except _RowsDamaged:
            return self._from_catalog(row).actions
        data = self.read(start, length, digest)
        if data is not None:
            try:
                from optout_tui.catalog.actions import Action

                decode = _decoder(Action)
                return tuple(decode(a) for a in _exactly(list)(json.loads(data)))
            except _DAMAGE:
                pass
        return self._from_yaml(row).actions

    def origin(self, row: int) -> str:
        """The file a platform was read from (the names are checked once, all together)."""
        if self._origins is None:
            origins = self.section("origins")
            if origins is None:
                raise OSError("the cache file was damaged since it was opened")
            self._origins = origins
        try:
            *_, start, length, _, _ = self._row(row)
        except _RowsDamaged:
            return self._from_catalog(row).origin
        return os.fsdecode(self._origins[start : start + length])

    def prepared(self, name: str) -> bytes | None:
        """A section made for the search ("names", "titles-en", "vocabulary-fr"…), when it
        is whole."""
        return self.section(name) if name not in ("rows", "origins") else None

    def __del__(self, _close: Callable[[int], None] = os.close) -> None:
        # os.close bound at definition: at interpreter exit the module's globals may already
        # be gone ("'NoneType' object has no attribute 'close'" on the way out).
        try:
            _close(self.fd)
        except OSError:
            pass


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


def _read_columns(
    data: bytes, ends: bytes, counts: bytes, count: int
) -> tuple[str, array[int], array[int]]:
    """The columns' text, where each value ends in it, and the counts (see _columns,
    _column_ends and _counts) of `count` platforms; ValueError when they do not agree."""
    text = data.decode("utf-8")
    at, numbers = array("I"), array("I")
    at.frombytes(ends)
    numbers.frombytes(counts)
    if len(at) != 6 * count or len(numbers) != 3 * count:
        raise ValueError("the columns are damaged")
    if count and (
        at[-1] != len(text)
        or text.count(_VALUE) + text.count(_COLUMN) != 6 * count - 1
        or any(text[at[column * count - 1]] != _COLUMN for column in range(1, 6))
    ):  # (each column ends where the next starts: `count` values each, none shifted)
        raise ValueError("the columns are damaged")
    return text, at, numbers


def _read(cache: Path, key: str, folders: list[Path]) -> Catalog | None:
    """The catalog from the cache file when it is ours, whole and for this key; else None."""
    fd = _trusted_fd(cache)
    if fd is None:
        return None
    shelf = _Shelf(fd, folders)  # closes the descriptor when the catalog is dropped
    lead = os.pread(fd, len(MAGIC) + 65 + _HEADER_DIGITS + 1, 0)
    if not lead.startswith(MAGIC) or len(lead) != len(MAGIC) + 65 + _HEADER_DIGITS + 1:
        return None
    digest = lead[len(MAGIC) : len(MAGIC) + 64].decode("ascii")
    length = int(lead[len(MAGIC) + 65 : -1])
    base = len(lead)
    if base + length > shelf.size:
        return None
    header = os.pread(fd, length, base)
    if checksum(header).hexdigest() != digest:
        return None
    data = json.loads(header)
    if data["key"] != key or data["byteorder"] != sys.byteorder:
        return None
    shelf.base = base + length
    for name, (start, size, check) in data["sections"].items():
        if type(start) is not int or type(size) is not int or type(check) is not str:
            return None
        if start < 0 or size < 0 or shelf.base + start + size > shelf.size:
            return None
        shelf.sections[name] = (start, size, check)
    count = data["count"]
    rows = shelf.sections.get("rows")  # read when first needed (_Shelf._row)
    columns, ends = shelf.section("columns"), shelf.section("column-ends")
    numbers = shelf.section("counts")
    if type(count) is not int or rows is None or rows[1] != count * _ROW.size:
        return None
    if columns is None or ends is None or numbers is None:
        return None
    text, at, counts = _read_columns(columns, ends, numbers, count)

    def value(column: int, row: int) -> str:
        index = column * count + row
        return text[at[index - 1] + 1 if index else 0 : at[index]]

    def make(row: int) -> Platform:
        three = 3 * row
        return Platform.shelved(
            value(0, row),
            value(1, row),
            value(2, row),
            value(3, row),
            value(4, row),
            value(5, row),
            (counts[three], counts[three + 1], counts[three + 2]),
            shelf,
            row,
        )

    def ids() -> list[str]:
        return text[: at[count - 1]].split(_VALUE) if count else []

    def make_all() -> list[Platform]:
        columns = [part.split(_VALUE) if count else [] for part in text.split(_COLUMN)]
        return list(
            map(
                Platform.shelved,
                *columns,
                zip(counts[0::3], counts[1::3], counts[2::3]),
                repeat(shelf, count),
                range(count),
            )
        )

    def totals() -> tuple[int, int]:
        return sum(counts[1::3]), sum(counts[2::3])

    shelf.ids = ids
    platforms = m.ShelvedPlatforms(count, ids, make, make_all, totals)
    notices = data["notices"]
    if type(notices) is not list or any(type(n) is not str for n in notices):
        raise TypeError("the notices are damaged")
    notices = tuple(notices)
    return Catalog(platforms, notices=notices, prepared=shelf.prepared)


def _served(cache: Path, key: str, folders: list[Path]) -> Catalog | None:
    """The catalog from the cache file for `key`, or None: absent, another key, damaged or
    foreign (treated alike: the caller loads the YAML files)."""
    try:
        with collector_paused():  # thousands of objects, all kept: nothing to collect
            return _read(cache, key, folders)
    except (OSError, *_DAMAGE):
        return None


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
    key = _key(folders, cache)
    catalog = _served(cache, key, folders)
    if catalog is not None:
        return catalog
    catalog = load_catalog(folders)  # raises CatalogError: nothing is cached then
    try:
        _write(cache, key, catalog)
        _prune(cache.parent)
    except (OSError, ValueError, TypeError):
        pass
    return catalog


def load_catalog_unconfirmed(
    folders: Iterable[Path],
) -> tuple[Catalog, Callable[[], bool]] | None:
    """The catalog the cache served last time, for the app's first frame, without looking at
    the platform files (statting thousands of them is most of a start's own work), and a
    check that none changed since, which the app runs right after that frame: True when the
    files still make the catalog served. None when no such cache is kept (none written yet,
    the last one was racy, another program version or other folders, damaged): the caller
    loads the catalog the usual way."""
    folders = [Path(f) for f in folders]
    if os.environ.get(CACHE_ENV):
        return None
    cache = _cache_file(folders)
    known = _read_known(cache, records=False)
    if known is None or known.fingerprint == _NO_PRINT or known.start != _start(folders)[2]:
        return None
    catalog = _served(cache, known.key, folders)
    if catalog is None:
        return None

    def confirm() -> bool:
        """Whether the files are still those the catalog served was made from (a file only
        touched, or its edit undone, keeps the content and so the key). When the stat
        records are those kept, nothing else is read: neither a file nor the kept digests."""
        if _fingerprint(folders, listing=False)[0] == known.fingerprint:
            return True
        return _key(folders, cache) == known.key

    return catalog, confirm


def _prune(folder: Path, keep: int = KEEP) -> None:
    """Keep the caches of the `keep` catalog-folder sets used most recently, with their
    kept digests; remove the pickled caches of earlier versions (never read)."""
    for old in folder.glob("catalog-*.pickle"):
        old.unlink(missing_ok=True)
    files = sorted(folder.glob(f"catalog-*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
    for digests in folder.glob(f"catalog-*{FILES_SUFFIX}"):
        if not digests.with_suffix(SUFFIX).exists():
            digests.unlink(missing_ok=True)
