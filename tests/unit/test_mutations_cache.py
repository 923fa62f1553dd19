"""The catalog cache's protections, one per test: so removing any single check fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from optout_tui.catalog.cache import _cache_file, load_catalog_cached
from tests.conftest import EXAMPLE_CATALOG, SCREENS_CATALOG


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    return folder


def test_a_cache_folder_of_another_user_is_never_written_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(tmp_path)
    cache_dir = _cache_file([folder]).parent
    cache_dir.mkdir(parents=True, mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache_dir).st_uid + 1)
    assert load_catalog_cached([folder]).get("example") is not None  # loaded all the same
    assert list(cache_dir.iterdir()) == []  # nothing written where another account could read


def test_no_cache_env_neither_reads_nor_writes_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(tmp_path)
    monkeypatch.setenv("OPTOUT_NO_CACHE", "1")
    assert load_catalog_cached([folder]).get("example") is not None
    assert not _cache_file([folder]).exists()


# -- a cache file rewritten consistently (digests recomputed), as a hostile or buggy writer would


def _rewrite(
    cache: Path,
    *,
    magic: bytes | None = None,
    length: bytes | None = None,
    block=None,
    facts_of=None,
    section_of=None,
    header_of=None,
) -> None:
    """Rewrite the cache file, replacing its magic line, its header length field, the
    first platform's block (`block(actions_as_json) -> new_json`), its facts (`facts_of`,
    likewise) or a section
    (`section_of(name, data) -> new data`) or a header field (`header_of(header)`, in
    place), with every digest made to match again, so only
    the check under test can notice."""
    import json

    from optout_tui.catalog import cache as c
    from optout_tui.digest import checksum

    raw = cache.read_bytes()
    lead_len = len(c.MAGIC) + 65 + c._HEADER_DIGITS + 1
    header_len = int(raw[len(c.MAGIC) + 65 : lead_len - 1])
    header = json.loads(raw[lead_len : lead_len + header_len])
    old = raw[lead_len + header_len :]

    def section(name: str) -> bytes:
        start, size, _ = header["sections"][name]
        return old[start : start + size]

    rows = [
        c._ROW.unpack_from(section("rows"), at)
        for at in range(0, len(section("rows")), c._ROW.size)
    ]
    facts = [old[r[0] : r[0] + r[1]] for r in rows]
    actions = [old[r[2] : r[2] + r[3]] for r in rows]
    if block is not None:
        actions[0] = json.dumps(block(json.loads(actions[0]))).encode()
    if facts_of is not None:
        facts[0] = json.dumps(facts_of(json.loads(facts[0]))).encode()
    body: list[bytes] = []

    def add(data: bytes) -> tuple[int, int]:
        body.append(data)
        end = sum(map(len, body))
        return end - len(data), len(data)

    packed = b"".join(
        c._ROW.pack(
            *add(f),
            *add(a),
            r[4],
            r[5],
            checksum(f).digest(),
            checksum(a).digest(),
        )
        for r, f, a in zip(rows, facts, actions)
    )
    sections = {"rows": packed}
    sections.update({n: section(n) for n in header["sections"] if n != "rows"})
    if section_of is not None:
        sections = {name: section_of(name, data) for name, data in sections.items()}
    for name, data in sections.items():
        header["sections"][name] = [*add(data), checksum(data).hexdigest()]
    if header_of is not None:
        header_of(header)
    blobs = body
    head = json.dumps(header).encode()
    digits = length or str(len(head)).zfill(c._HEADER_DIGITS).encode()
    data = (
        (magic or c.MAGIC)
        + checksum(head).hexdigest().encode()
        + b"\n"
        + digits
        + b"\n"
        + head
        + b"".join(blobs)
    )
    cache.write_bytes(data)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import optout_tui.catalog.cache as cache

    calls: list[int] = []
    real = cache.load_catalog
    monkeypatch.setattr(cache, "load_catalog", lambda folders: calls.append(1) or real(folders))
    return calls


def _warm(tmp_path: Path) -> Path:
    folder = _copy(tmp_path)
    load_catalog_cached([folder])
    return folder


def test_the_file_still_loads_from_cache_when_rewritten_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rewriting helper itself keeps a valid cache valid (so the tests below are fair)."""
    folder = _warm(tmp_path)
    _rewrite(_cache_file([folder]))
    parsed = _counting(monkeypatch)
    assert load_catalog_cached([folder]).get("example").actions
    assert parsed == []


def test_a_cache_of_another_format_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _warm(tmp_path)
    from optout_tui.catalog import cache as c

    older = c.MAGIC[:-2] + bytes([c.MAGIC[-2] ^ 1]) + b"\n"  # same length, another version
    _rewrite(_cache_file([folder]), magic=older)
    parsed = _counting(monkeypatch)
    assert load_catalog_cached([folder]).get("example") is not None
    assert parsed == [1]


def test_a_header_length_beyond_the_file_is_damage_not_a_huge_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _warm(tmp_path)
    reads: list[int] = []
    real_pread = os.pread

    def pread(fd: int, n: int, offset: int) -> bytes:
        reads.append(n)
        return real_pread(fd, n, offset)

    _rewrite(_cache_file([folder]), length=b"9" * 12)
    monkeypatch.setattr(os, "pread", pread)
    parsed = _counting(monkeypatch)
    assert load_catalog_cached([folder]).get("example") is not None
    assert parsed == [1]
    assert max(reads) < 10_000_000  # never asked the system for a terabyte


def _yaml_fallbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import optout_tui.catalog.loader as loader

    calls: list[str] = []
    real = loader.load_platform
    monkeypatch.setattr(
        loader, "load_platform", lambda path, **kw: calls.append(str(path)) or real(path, **kw)
    )
    return calls


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda actions: [a[:-1] for a in actions], id="one value short"),
        pytest.param(lambda actions: [[*a, "extra"] for a in actions], id="one value too many"),
        pytest.param(lambda actions: 7, id="not a list"),
        pytest.param(lambda actions: [{"id": 1}], id="a mapping"),
    ],
)
def test_a_block_of_the_wrong_shape_is_read_from_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    folder = _warm(tmp_path)
    from optout_tui.catalog.loader import load_platform

    expected = load_platform(folder / "platforms" / "example.yaml").actions
    _rewrite(_cache_file([folder]), block=damage)
    fallbacks = _yaml_fallbacks(monkeypatch)
    catalog = load_catalog_cached([folder])
    assert catalog.get("example").actions == expected
    assert len(fallbacks) == 1


def test_a_boolean_where_a_number_belongs_is_not_taken_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`true` is an int to isinstance; the decoder wants the exact type."""
    folder = _warm(tmp_path)
    from optout_tui.catalog import model as m

    index = m.Action._fields.index("minutes")

    def bool_minutes(actions):
        for a in actions:
            a[index] = True
        return actions

    _rewrite(_cache_file([folder]), block=bool_minutes)
    fallbacks = _yaml_fallbacks(monkeypatch)
    action = load_catalog_cached([folder]).get("example").actions[0]
    assert type(action.minutes) is int and len(fallbacks) == 1


def test_a_fifo_named_like_a_platform_file_is_skipped_not_opened(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    os.mkfifo(folder / "platforms" / "zz-pipe.yaml")
    catalog = load_catalog_cached([folder])  # would block or fail if the FIFO were opened
    assert "zz-pipe" not in [p.id for p in catalog.platforms]
    assert catalog.get("example") is not None


def _offsets(change):
    """A section_of that changes the offsets of the shipped names (an array of int64)."""
    from array import array

    def rewrite(name: str, data: bytes) -> bytes:
        if name != "names-at":
            return data
        at = array("q")
        at.frombytes(data)
        return change(at).tobytes()

    return rewrite


def test_a_shipped_vocabulary_without_its_separators_is_searched_all_the_same(
    tmp_path: Path,
) -> None:
    from optout_tui.catalog.search import SearchIndex

    folder = _warm(tmp_path)
    _rewrite(
        _cache_file([folder]),
        section_of=lambda name, data: data.strip() if name.startswith("vocabulary-") else data,
    )
    catalog = load_catalog_cached([folder])
    index = SearchIndex(catalog, "en")
    last = catalog.prepared("vocabulary-en")[-1:].decode()  # a word ending the vocabulary
    assert [p.id for p in index.platforms(last)] == ["example"]  # not an endless search
    assert [p.id for p in index.platforms("exmaple")] == ["example"]


@pytest.mark.parametrize(
    "section_of",
    [
        pytest.param(_offsets(lambda at: at[:-1]), id="one offset short"),
        pytest.param(_offsets(lambda at: type(at)("q", [1]) + at[1:]), id="not from the start"),
        pytest.param(_offsets(lambda at: at[:-1] + at[-2:-1]), id="not to the end"),
        pytest.param(_offsets(lambda at: at[:1] + at[2:3] + at[1:2] + at[3:]), id="unordered"),
        pytest.param(
            lambda name, data: data[:-1] + b" " if name == "names" else data, id="no last SEP"
        ),
    ],
)
def test_shipped_search_texts_that_do_not_fit_are_built_again(tmp_path: Path, section_of) -> None:
    from optout_tui.catalog.search import SearchIndex

    folder = tmp_path / "cat"
    shutil.copytree(SCREENS_CATALOG, folder)
    load_catalog_cached([folder])
    _rewrite(_cache_file([folder]), section_of=section_of)
    catalog = load_catalog_cached([folder])
    index = SearchIndex(catalog, "en")
    for name in ("alpha social", "beta work", "gamma ai"):
        assert [p.name.casefold() for p in index.platforms(name)][:1] == [name]


def _first_fact(change):
    def rewrite(facts):
        change(facts[0])
        return facts

    return rewrite


@pytest.mark.parametrize(
    "facts_of",
    [
        pytest.param(_first_fact(lambda f: f.__setitem__(0, 7)), id="id a number"),
        pytest.param(_first_fact(lambda f: f.__setitem__(1, [7, None, [], []])), id="title en"),
        pytest.param(_first_fact(lambda f: f.__setitem__(1, ["x", 7, [], []])), id="title fr"),
        pytest.param(_first_fact(lambda f: f.__setitem__(1, ["x", None, [7], []])), id="title"),
        pytest.param(_first_fact(lambda f: f.__setitem__(2, 7)), id="kind a number"),
        pytest.param(_first_fact(lambda f: f.__setitem__(6, "all")), id="regions a text"),
        pytest.param(_first_fact(lambda f: f.__setitem__(7, "yes")), id="doable a text"),
        pytest.param(_first_fact(lambda f: f.__setitem__(8, True)), id="minutes a boolean"),
        pytest.param(_first_fact(lambda f: f.__setitem__(9, [7])), id="formerly a number"),
        pytest.param(_first_fact(lambda f: f.__setitem__(9, "abc")), id="formerly a text"),
        pytest.param(lambda facts: ["abcdefghij"], id="a row a text"),
        pytest.param(_first_fact(lambda f: f.pop()), id="one value short"),
        pytest.param(lambda facts: {"id": 1}, id="a mapping"),
    ],
)
def test_facts_of_the_wrong_shape_are_read_from_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, facts_of
) -> None:
    folder = _warm(tmp_path)
    from optout_tui.catalog.loader import load_platform

    expected = load_platform(folder / "platforms" / "example.yaml").facts
    _rewrite(_cache_file([folder]), facts_of=facts_of)
    fallbacks = _yaml_fallbacks(monkeypatch)
    catalog = load_catalog_cached([folder])
    assert catalog.get("example").facts == expected
    assert len(fallbacks) == 1


@pytest.mark.parametrize(
    "field, value",
    [("notices", [1]), ("notices", "a notice"), ("count", "1"), ("count", 1.0)],
)
def test_a_header_field_of_the_wrong_type_is_read_from_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: object
) -> None:
    """The header's notices (a list of text) and platform count (an integer), written wrong
    with every digest right: the cache is not served."""
    folder = _warm(tmp_path)
    _rewrite(_cache_file([folder]), header_of=lambda header: header.update({field: value}))
    calls = _counting(monkeypatch)
    assert load_catalog_cached([folder]).get("example") is not None
    assert calls == [1]
