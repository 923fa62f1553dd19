"""The catalog cache serves unchanged files and notices every change."""

from __future__ import annotations

import os
import stat
import shutil
import sys
from pathlib import Path

import pytest

from optout_tui.catalog import CatalogError
from optout_tui.catalog.cache import _cache_file, load_catalog_cached
from tests.conftest import EXAMPLE_CATALOG


def test_second_load_comes_from_the_cache_and_edits_reload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    first = load_catalog_cached([folder])
    assert _cache_file([folder]).exists()

    import optout_tui.catalog.cache as cache

    def no_yaml(_folders):
        raise AssertionError("parsed YAML although nothing changed")

    with monkeypatch.context() as patched:  # (undo() would also undo the private dirs)
        patched.setattr(cache, "load_catalog", no_yaml)
        assert load_catalog_cached([folder]).get("example").name == first.get("example").name

    path = folder / "platforms" / "example.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: Example [formerly Sample]", "name: Example Renamed"
        ),
        encoding="utf-8",
    )
    os.utime(path, ns=(1, 1))  # even with an old mtime, the size changed
    assert load_catalog_cached([folder]).get("example").name == "Example Renamed"


def test_broken_file_is_reported_not_served_from_cache(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    load_catalog_cached([folder])
    (folder / "platforms" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalog_cached([folder])


def test_unreadable_cache_is_ignored(tmp_path: Path) -> None:
    _cache_file([EXAMPLE_CATALOG]).parent.mkdir(parents=True, exist_ok=True)
    _cache_file([EXAMPLE_CATALOG]).write_bytes(b"not a pickle")
    assert load_catalog_cached([EXAMPLE_CATALOG]).get("example") is not None


def test_platforms_from_the_cache_read_their_steps_only_when_asked(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    load_catalog_cached([folder])
    cached = load_catalog_cached([folder]).get("example")
    assert not cached.is_loaded
    assert cached.doable == 1 and cached.facts[0].id == "ai-training"
    assert not cached.is_loaded  # names and facts come from the header
    assert cached.actions[0].surfaces[0].steps[1].id == "untick"
    assert cached.is_loaded


def test_a_changed_cache_block_falls_back_to_the_yaml_file(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    load_catalog_cached([folder])
    cached = load_catalog_cached([folder]).get("example")
    data = _cache_file([folder]).read_bytes()
    _cache_file([folder]).write_bytes(data[:-200] + b"\0" * 200)  # the last block is damaged
    assert cached.actions[0].id == "ai-training"  # read from example.yaml instead


def test_only_the_most_recent_caches_are_kept(tmp_path: Path) -> None:
    from optout_tui.catalog.cache import KEEP

    for i in range(KEEP + 3):
        folder = tmp_path / f"cat{i}"
        shutil.copytree(EXAMPLE_CATALOG, folder)
        load_catalog_cached([folder])
    assert len(list(_cache_file([]).parent.glob("catalog-*.cache"))) == KEEP


# -- 13.1: a cache nobody can use against the person --------------------------------------


def _counting_parser(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count how often the YAML files are parsed (the cache was not used)."""
    import optout_tui.catalog.cache as cache

    parsed: list[int] = []
    real = cache.load_catalog

    def counting(folders):
        parsed.append(1)
        return real(folders)

    monkeypatch.setattr(cache, "load_catalog", counting)
    return parsed


def _warm(tmp_path: Path) -> Path:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    load_catalog_cached([folder])
    return folder


def test_a_planted_pickle_is_never_run(tmp_path: Path) -> None:
    import pickle

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'PWNED'}",))

    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    cache_file = _cache_file([folder])
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    for planted in (cache_file, cache_file.with_suffix(".pickle")):
        planted.write_bytes(pickle.dumps(Payload()))
    assert load_catalog_cached([folder]).get("example") is not None
    assert load_catalog_cached([folder]).get("example") is not None
    assert not (tmp_path / "PWNED").exists()
    assert cache_file.read_bytes().startswith(b"optout-catalog-cache")


def test_the_cache_folder_is_created_private(tmp_path: Path) -> None:
    _warm(tmp_path)
    folder = _cache_file([]).parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(_cache_file([tmp_path / "cat"]).stat().st_mode) == 0o600


def test_an_open_cache_folder_from_before_is_made_private(tmp_path: Path) -> None:
    folder = _cache_file([]).parent
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    _warm(tmp_path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_cache_writable_by_others_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _warm(tmp_path)
    _cache_file([folder]).chmod(0o666)
    parsed = _counting_parser(monkeypatch)
    load_catalog_cached([folder])
    assert parsed == [1]


def test_a_cache_owned_by_another_user_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _warm(tmp_path)
    parsed = _counting_parser(monkeypatch)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(_cache_file([folder])).st_uid + 1)
    load_catalog_cached([folder])
    assert parsed == [1]


def test_a_cache_that_is_a_link_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _warm(tmp_path)
    cache_file = _cache_file([folder])
    moved = cache_file.with_name("elsewhere")
    cache_file.rename(moved)
    cache_file.symlink_to(moved)
    parsed = _counting_parser(monkeypatch)
    load_catalog_cached([folder])
    assert parsed == [1]


def test_a_bit_flip_in_the_header_is_not_served(tmp_path: Path) -> None:
    """One changed byte in a name: the digest notices, the YAML is read again."""
    folder = _warm(tmp_path)
    cache_file = _cache_file([folder])
    data = cache_file.read_bytes()
    at = data.index(b"Example [formerly Sample]")
    cache_file.write_bytes(data[:at] + b"F" + data[at + 1 :])
    assert load_catalog_cached([folder]).get("example").name == "Example [formerly Sample]"


@pytest.mark.parametrize("damage", ["truncate", "flip-every", "empty"])
def test_a_damaged_cache_is_treated_as_absent(tmp_path: Path, damage: str) -> None:
    folder = _warm(tmp_path)
    cache_file = _cache_file([folder])
    data = cache_file.read_bytes()
    if damage == "truncate":
        cache_file.write_bytes(data[: len(data) // 3])
    elif damage == "empty":
        cache_file.write_bytes(b"")
    else:
        for at in range(0, len(data), 97):  # one flipped bit at a time, every 97 bytes
            cache_file.write_bytes(data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1 :])
            catalog = load_catalog_cached([folder])
            assert catalog.get("example").actions[0].surfaces[0].steps[1].id == "untick"
            cache_file.write_bytes(data)
        return
    catalog = load_catalog_cached([folder])
    assert catalog.get("example").actions[0].surfaces[0].steps[1].id == "untick"


def test_a_bit_flip_in_a_block_reads_the_yaml_instead(tmp_path: Path) -> None:
    folder = _warm(tmp_path)
    cache_file = _cache_file([folder])
    data = cache_file.read_bytes()
    at = data.rindex(b'"untick"')
    cache_file.write_bytes(data[: at + 1] + b"U" + data[at + 2 :])
    served = load_catalog_cached([folder]).get("example")
    assert served.actions[0].surfaces[0].steps[1].id == "untick"


def _rename_in_place(folder: Path) -> tuple[Path, os.stat_result]:
    """Example becomes Elpmaxe in its file, which keeps its size and modification time."""
    path = folder / "platforms" / "example.yaml"
    before = path.stat()
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: Example [formerly Sample]", "name: Elpmaxe [formerly Sample]"
        ),
        encoding="utf-8",
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return path, before


def test_an_edit_keeping_size_and_time_is_noticed(tmp_path: Path) -> None:
    folder = _warm(tmp_path)
    path, before = _rename_in_place(folder)
    assert path.stat().st_size == before.st_size
    assert load_catalog_cached([folder]).get("example").name == "Elpmaxe [formerly Sample]"


def test_a_removed_overlay_is_noticed(tmp_path: Path) -> None:
    folder = _warm(tmp_path)
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "example.yaml").write_text(
        (folder / "platforms" / "example.yaml")
        .read_text(encoding="utf-8")
        .replace("name: Example [formerly Sample]", "name: Overlaid"),
        encoding="utf-8",
    )
    assert load_catalog_cached([folder, overlay]).get("example").name == "Overlaid"
    (overlay / "example.yaml").rename(overlay / "example.yaml.off")
    assert load_catalog_cached([folder, overlay]).get("example").name != "Overlaid"
    shutil.rmtree(overlay)
    with pytest.raises(CatalogError, match="no such catalog folder"):
        load_catalog_cached([folder, overlay])


def test_blocks_are_read_from_the_file_as_it_was_loaded(tmp_path: Path) -> None:
    """Another run rewriting the cache (after an edit) never mixes into an open catalog, and
    a platform file broken while the app runs does not stop it from opening the platform."""
    folder = _warm(tmp_path)
    open_catalog = load_catalog_cached([folder])
    path = folder / "platforms" / "example.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Untick the box.", "Untick the box now."), encoding="utf-8")
    load_catalog_cached([folder])  # another run: the cache file is replaced
    path.write_text(text.replace("id: untick", "id: [broken"), encoding="utf-8")
    steps = open_catalog.get("example").actions[0].surfaces[0].steps
    assert steps[1].id == "untick" and steps[1].text.en == "Untick the box."


def test_the_key_covers_the_namedtuple_values_of_the_model() -> None:
    """LocalText and the other small values are NamedTuples: a change of their fields must
    invalidate every cache as a dataclass's does."""
    from optout_tui.catalog.cache import _model_shape

    shape = _model_shape()
    assert "LocalText:en,fr,unconfirmed,formerly" in shape
    assert "Source:url,publisher" in shape and "Step:id,text" in shape


# -- the key: content digests kept by stat record (issue 13 with issue 16's speed) ----------


def _later(monkeypatch: pytest.MonkeyPatch, seconds: int = 60) -> None:
    """Run the cache's clock ahead, so the files just written are old enough to be recorded
    (as any file is a few seconds after it was written)."""
    import time

    import optout_tui.catalog.cache as cache

    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + seconds * 1_000_000_000)


def _hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose bytes the key reads and hashes."""
    import optout_tui.catalog.cache as cache

    read: list[str] = []
    real = cache._hash_file
    monkeypatch.setattr(cache, "_hash_file", lambda path: read.append(path) or real(path))
    return read


def _recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _later(monkeypatch)
    load_catalog_cached([folder])
    return folder


def _ctime_moves_on(path: Path) -> None:
    """Wait until a change made now gets another ctime than `path` has (file times move by
    clock ticks): the edit below is then one a person makes later, not in the same tick."""
    probe = path.with_name("probe")
    probe.write_bytes(b"")
    while os.stat(probe).st_ctime_ns <= path.stat().st_ctime_ns:
        probe.write_bytes(b"")
    probe.unlink()


def test_unchanged_files_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _recorded(tmp_path, monkeypatch)
    read = _hashes(monkeypatch)
    parsed = _counting_parser(monkeypatch)
    assert load_catalog_cached([folder]).get("example") is not None
    assert read == [] and parsed == []


def test_an_edit_keeping_size_and_mtime_is_noticed_when_the_digest_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept digest is for the file's old stat record: the edit changes its ctime (which
    `touch` cannot set back), so the file is read and hashed again."""
    folder = _recorded(tmp_path, monkeypatch)
    path = folder / "platforms" / "example.yaml"
    before = path.stat()
    _ctime_moves_on(path)
    with open(path, "r+b") as stream:  # in place: same inode, same size
        data = stream.read()
        stream.seek(0)
        stream.write(data.replace(b"name: Example [formerly", b"name: Elpmaxe [formerly"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert load_catalog_cached([folder]).get("example").name == "Elpmaxe [formerly Sample]"


def test_a_file_changed_in_the_tick_it_was_hashed_is_hashed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git's racy-timestamp rule. File times move by clock ticks: an edit in the same tick as
    the hash keeps the whole stat record (simulated: each file's record stays the first one
    seen). A file that changed this close to its hash is not recorded, so it is hashed again
    at the next launch."""
    import optout_tui.catalog.cache as cache

    real = cache._record
    first: dict[tuple[int, int], tuple[int, int, int, int, int]] = {}
    monkeypatch.setattr(
        cache, "_record", lambda st: first.setdefault((st.st_ino, st.st_dev), real(st))
    )
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    load_catalog_cached([folder])  # right after the files were written: racy
    _rename_in_place(folder)
    assert load_catalog_cached([folder]).get("example").name == "Elpmaxe [formerly Sample]"


def _second_file(folder: Path) -> None:
    text = (folder / "platforms" / "example.yaml").read_text(encoding="utf-8")
    (folder / "platforms" / "other.yaml").write_text(
        text.replace("id: example", "id: other").replace("name: Example", "name: Other"),
        encoding="utf-8",
    )


def test_a_new_file_is_noticed_when_the_digests_were_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _recorded(tmp_path, monkeypatch)
    _second_file(folder)
    assert load_catalog_cached([folder]).get("other") is not None


def test_a_renamed_file_is_noticed_even_with_its_record_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a rename leaves the file's times alone (simulated: each file's record stays the
    first one seen), the names listed still tell the catalog changed: its origin moves."""
    import optout_tui.catalog.cache as cache

    real = cache._record
    first: dict[tuple[int, int], tuple[int, int, int, int, int]] = {}
    monkeypatch.setattr(
        cache, "_record", lambda st: first.setdefault((st.st_ino, st.st_dev), real(st))
    )
    folder = _recorded(tmp_path, monkeypatch)
    platforms = folder / "platforms"
    (platforms / "example.yaml").rename(platforms / "renamed.yaml")
    with pytest.raises(CatalogError, match="must equal the file name"):
        load_catalog_cached([folder])


def test_a_removed_file_is_noticed_when_the_digests_were_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _recorded(tmp_path, monkeypatch)
    _second_file(folder)
    assert load_catalog_cached([folder]).get("other") is not None
    (folder / "platforms" / "other.yaml").unlink()
    assert load_catalog_cached([folder]).get("other") is None


def test_a_removed_overlay_is_noticed_when_the_digests_were_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _later(monkeypatch)
    test_a_removed_overlay_is_noticed(tmp_path)


def test_damaged_kept_digests_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from optout_tui.catalog.cache import _files_file

    """A flipped bit anywhere in the kept digests: they are not used (every file is hashed),
    and the cache itself is still served: a damaged digest never costs a rebuild."""
    folder = _recorded(tmp_path, monkeypatch)
    _second_file(folder)
    load_catalog_cached([folder])
    kept = _files_file(_cache_file([folder]))
    data = kept.read_bytes()
    os.utime(folder / "platforms" / "other.yaml")  # touched: the kept digests are looked at
    parsed = _counting_parser(monkeypatch)
    for at in range(0, len(data), 7):
        kept.write_bytes(data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1 :])
        assert load_catalog_cached([folder]).get("example").name == "Example [formerly Sample]"
        kept.write_bytes(data)
    assert parsed == []


def test_kept_digests_are_private_and_pruned_with_their_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from optout_tui.catalog.cache import KEEP, _files_file

    _later(monkeypatch)
    for i in range(KEEP + 2):
        folder = tmp_path / f"cat{i}"
        shutil.copytree(EXAMPLE_CATALOG, folder)
        load_catalog_cached([folder])
    kept = _files_file(_cache_file([folder]))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert len(list(kept.parent.glob("catalog-*.files"))) == KEEP


# -- facts and search texts from the cache ------------------------------------------------


def test_search_texts_come_from_the_cache_and_find_what_the_yaml_does(tmp_path: Path) -> None:
    from optout_tui.catalog.loader import load_catalog
    from optout_tui.catalog.search import SearchIndex

    folder = _warm(tmp_path)
    cached = load_catalog_cached([folder])
    assert cached.prepared is not None and cached.prepared("titles-fr") is not None
    parsed = load_catalog([folder])
    queries = [("en", "ai training"), ("fr", "entraînement"), ("en", "sample"), ("en", "exmaple")]
    for lang, query in queries + [("fr", "entrainemnt")]:  # the last two: typos
        found = SearchIndex(cached, lang).search(query)
        assert found and [(h.platform.id, h.action) for h in found] == [
            (h.platform.id, h.action) for h in SearchIndex(parsed, lang).search(query)
        ]
    assert not cached.get("example").is_loaded


def test_a_damaged_search_text_is_built_again(tmp_path: Path) -> None:
    """A bit flipped in the shipped titles (after the header was checked): the index notices
    it by the digest and folds the titles from the facts instead."""
    from optout_tui.catalog.search import SearchIndex

    folder = _warm(tmp_path)
    cached = load_catalog_cached([folder])
    cache_file = _cache_file([folder])
    data = cache_file.read_bytes()
    at = data.rindex(b"turn off ai training on your posts")  # folded, in the titles
    with open(cache_file, "r+b") as stream:  # the catalog's descriptor sees the change
        stream.seek(at)
        stream.write(b"T")
    assert [p.id for p in SearchIndex(cached, "en").platforms("turn off ai")] == ["example"]


def test_a_damaged_fact_is_read_from_the_yaml(tmp_path: Path) -> None:
    folder = _warm(tmp_path)
    cached = load_catalog_cached([folder])
    cache_file = _cache_file([folder])
    data = cache_file.read_bytes()
    at = data.index(b'[["ai-training",')
    with open(cache_file, "r+b") as stream:
        stream.seek(at + 3)
        stream.write(b"b")
    assert cached.get("example").facts[0].id == "ai-training"


def test_counts_from_the_cache_are_the_counts_of_the_facts(tmp_path: Path) -> None:
    from optout_tui.catalog.loader import load_catalog

    folder = _warm(tmp_path)
    cached = load_catalog_cached([folder]).get("example")
    parsed = load_catalog([folder]).get("example")
    tasks = [f for f in parsed.facts if f.is_task]
    assert (cached.doable, cached.tasks, cached.task_minutes) == (
        parsed.doable,
        len(tasks),
        sum(f.minutes for f in tasks),
    )
    assert not cached.is_loaded


def test_a_damaged_vocabulary_is_built_again(tmp_path: Path) -> None:
    """A bit flipped in the shipped vocabulary (the words typos are matched against): the
    digest notices, and the words are read from the search texts instead."""
    from optout_tui.catalog.search import SearchIndex

    folder = _warm(tmp_path)
    cached = load_catalog_cached([folder])
    cache_file = _cache_file([folder])
    data = cache_file.read_bytes()
    at = data.rindex(b"\nexample\n")  # the vocabulary is the last section
    with open(cache_file, "r+b") as stream:
        stream.seek(at + 1)
        stream.write(b"q")
    assert [p.id for p in SearchIndex(cached, "en").platforms("exmaple")] == ["example"]


def test_the_bundled_catalog_from_the_cache_is_the_catalog_from_the_yaml() -> None:
    """Every platform's names, counts, facts, full actions and file, read back."""
    from optout_tui.catalog.loader import load_catalog
    from optout_tui.paths import bundled_catalog_dir

    load_catalog_cached([bundled_catalog_dir()])
    cached = load_catalog_cached([bundled_catalog_dir()])
    parsed = load_catalog([bundled_catalog_dir()])
    assert not cached.platforms[0].is_loaded  # really from the cache
    assert [p.id for p in cached.platforms] == [p.id for p in parsed.platforms]
    assert cached.notices == parsed.notices
    for got, want in zip(cached.platforms, parsed.platforms):
        assert (got.name, got.domains, got.categories, got.languages, got.aliases) == (
            want.name,
            want.domains,
            want.categories,
            want.languages,
            want.aliases,
        )
        assert (got.doable, got.tasks, got.task_minutes, got.origin) == (
            want.doable,
            want.tasks,
            want.task_minutes,
            want.origin,
        )
        assert got.facts == want.facts and got.actions == want.actions


def test_columns_that_disagree_with_the_count_are_a_damaged_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The columns are checked against the platform count (a column short of a value, even
    with its digest right, would shift every platform after it): such a cache is absent."""
    import optout_tui.catalog.cache as cache

    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _second_file(folder)
    real = cache._columns

    def one_name_short(platforms):
        ids, names, *rest = real(platforms).split(b"\x1d")
        return b"\x1d".join([ids, names.rsplit(b"\x1f", 1)[0], *rest])

    with monkeypatch.context() as patched:
        patched.setattr(cache, "_columns", one_name_short)
        load_catalog_cached([folder])  # written with the short column (digests right)
    parsed = _counting_parser(monkeypatch)
    catalog = load_catalog_cached([folder])
    assert parsed == [1]  # not served: read from the YAML again
    assert len(catalog.platforms) == 2 and catalog.get("other") is not None


def test_catalog_text_holding_a_separator_is_not_cached() -> None:
    from optout_tui.catalog.cache import _columns
    from optout_tui.catalog.model import Platform

    for name in ("Ex\x1fample", "Ex\x1eample", "Ex\x1dample"):
        with pytest.raises(ValueError):
            _columns((Platform("example", name, ("example.com",), ("social",), ("en",), ()),))
    with pytest.raises(ValueError):  # ("",) would read back as ()
        _columns((Platform("example", "Example", ("",), ("social",), ("en",), ()),))
    assert _columns((Platform("example", "Example", ("a.com", "b.com"), (), ("en",), ()),))


@pytest.mark.parametrize(
    "damage",
    [
        lambda ends: ends[:-4],  # one value short
        lambda ends: ends + ends[-4:],  # one value too many
        lambda ends: (
            ends[:-4] + (int.from_bytes(ends[-4:], sys.byteorder) + 1).to_bytes(4, sys.byteorder)
        ),  # the last value past the text's end
    ],
    ids=["short", "long", "past-the-end"],
)
def test_column_ends_that_disagree_with_the_text_are_a_damaged_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    """Where each value ends is kept beside the columns' text (a launch slices the values
    it shows): ends that do not fit the text, even with their digest right, are a damaged
    cache, read from the YAML again."""
    import optout_tui.catalog.cache as cache

    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _second_file(folder)
    real = cache._column_ends
    with monkeypatch.context() as patched:
        patched.setattr(cache, "_column_ends", lambda columns, count: damage(real(columns, count)))
        load_catalog_cached([folder])  # written with the damaged ends (digests right)
    parsed = _counting_parser(monkeypatch)
    catalog = load_catalog_cached([folder])
    assert parsed == [1]  # not served: read from the YAML again
    assert [p.id for p in catalog.platforms] == ["example", "other"]
    assert catalog.get("other") is not None and catalog.get("other").name


def test_a_served_platform_s_values_are_sliced_from_the_columns(tmp_path: Path) -> None:
    """Each platform of a served catalog, first or last, with its own id, name and lists."""
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _second_file(folder)
    parsed = load_catalog_cached([folder])
    served = load_catalog_cached([folder])
    assert not served.platforms[0].is_loaded
    for got, want in zip(reversed(served.platforms), reversed(parsed.platforms)):
        assert (got.id, got.name, got.domains, got.categories, got.languages, got.aliases) == (
            want.id,
            want.name,
            want.domains,
            want.categories,
            want.languages,
            want.aliases,
        )


def test_a_column_text_with_a_value_more_than_its_ends_is_a_damaged_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ends fit the text (as many as there should be, the last at its end) but the text
    holds one value more: a damaged cache, not platforms with shifted names."""
    import optout_tui.catalog.cache as cache

    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _second_file(folder)
    real_columns, real_ends = cache._columns, cache._column_ends

    def one_more(platforms):
        return real_columns(platforms) + b"\x1fextra"

    def one_end_fewer(columns, count):
        ends = real_ends(columns, count)
        return ends[:4] + ends[8:]  # the second value's end dropped: lengths agree again

    with monkeypatch.context() as patched:
        patched.setattr(cache, "_columns", one_more)
        patched.setattr(cache, "_column_ends", one_end_fewer)
        load_catalog_cached([folder])
    parsed = _counting_parser(monkeypatch)
    catalog = load_catalog_cached([folder])
    assert parsed == [1]
    from optout_tui.catalog.loader import load_catalog

    assert [p.name for p in catalog.platforms] == [p.name for p in load_catalog([folder]).platforms]


def _section_at(cache_file: Path, name: str) -> int:
    """Where a section of the cache file starts (its header read as the cache reads it)."""
    import json as json_module

    import optout_tui.catalog.cache as cache

    data = cache_file.read_bytes()
    lead = len(cache.MAGIC) + 65 + cache._HEADER_DIGITS + 1
    length = int(data[len(cache.MAGIC) + 65 : lead - 1])
    header = json_module.loads(data[lead : lead + length])
    return lead + length + header["sections"][name][0]


def test_a_damaged_table_of_rows_is_found_when_first_read_and_the_yaml_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A launch reads no platform's row (it shows names and counts); the table is checked
    when a platform's facts, actions or file are first asked for, and when damaged, the
    catalog's files answer (read once), never the damaged table."""
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _second_file(folder)
    load_catalog_cached([folder])
    cache_file = _cache_file([folder])
    at = _section_at(cache_file, "rows") + 3
    data = bytearray(cache_file.read_bytes())
    data[at] ^= 0x40
    cache_file.write_bytes(bytes(data))
    parsed = _counting_parser(monkeypatch)
    served = load_catalog_cached([folder])
    assert parsed == []  # served: the table is not read at launch
    example, other = served.get("example"), served.get("other")
    assert example is not None and other is not None
    assert example.actions[0].surfaces[0].steps[1].id == "untick"
    assert other.facts and other.facts[0].id == example.facts[0].id
    assert Path(other.origin).name == "other.yaml"
    assert parsed == [1]  # the files read once, for every platform asked


def test_a_table_of_rows_of_another_size_than_the_count_is_a_damaged_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows of another width (its digest right) would put every platform's facts at the
    wrong place: the size is checked against the count at launch, without reading it."""
    import struct

    import optout_tui.catalog.cache as cache

    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _second_file(folder)
    with monkeypatch.context() as patched:
        patched.setattr(cache, "_ROW", struct.Struct(cache._ROW.format + "x"))
        load_catalog_cached([folder])
    parsed = _counting_parser(monkeypatch)
    catalog = load_catalog_cached([folder])
    assert parsed == [1]
    assert catalog.get("other").actions[0].surfaces[0].steps[1].id == "untick"


def test_a_value_moved_from_one_column_to_the_next_is_a_damaged_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As many values in all, but the ids one too many and the names one short: every name
    would be read one platform off. A damaged cache, read from the YAML again."""
    import optout_tui.catalog.cache as cache

    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _second_file(folder)
    real = cache._columns

    def shifted(platforms):
        ids, names, *rest = real(platforms).split(b"\x1d")
        first, others = names.split(b"\x1f", 1)
        return b"\x1d".join([ids + b"\x1f" + first, others, *rest])

    with monkeypatch.context() as patched:
        patched.setattr(cache, "_columns", shifted)
        load_catalog_cached([folder])
    parsed = _counting_parser(monkeypatch)
    catalog = load_catalog_cached([folder])
    assert parsed == [1]
    from optout_tui.catalog.loader import load_catalog

    assert [(p.id, p.name) for p in catalog.platforms] == [
        (p.id, p.name) for p in load_catalog([folder]).platforms
    ]
