"""The app's first frame shows the catalog as the cache served it at the last launch, before
any platform file is looked at; the check that runs after that frame tells whether the files
still make that catalog (issue 16: statting 5,000 files was most of a start's own work)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import optout_tui.catalog.cache as cache
from optout_tui.catalog.cache import load_catalog_cached, load_catalog_unconfirmed
from tests.conftest import EXAMPLE_CATALOG
from tests.unit.test_cache import (
    _counting_parser,
    _ctime_moves_on,
    _hashes,
    _later,
    _second_file,
)


def _served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalog folder loaded once, long enough after its files were written to be kept
    with its fingerprint (as at any launch but the one right after an edit)."""
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    _later(monkeypatch)
    load_catalog_cached([folder])
    return folder


def _no_file_looked_at(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(folder):
        raise AssertionError(f"looked at the files of {folder}")

    monkeypatch.setattr(cache, "stat_each", refused)


def _checked(folder: Path) -> bool:
    """What the check run after the first frame says of the catalog served unlooked-at."""
    served = load_catalog_unconfirmed([folder])
    assert served is not None  # served (without looking at the files) whatever changed
    return served[1]()


def _edit(path: Path, old: bytes, new: bytes) -> None:
    _ctime_moves_on(path)
    path.write_bytes(path.read_bytes().replace(old, new))


def test_the_last_launchs_catalog_is_served_without_looking_at_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    parsed = _counting_parser(monkeypatch)
    with monkeypatch.context() as patched:
        _no_file_looked_at(patched)
        served = load_catalog_unconfirmed([folder])
    assert served is not None and parsed == []
    catalog, confirm = served
    assert catalog.get("example").name == "Example [formerly Sample]"
    assert catalog.get("example").actions[0].id == "ai-training"
    read = _hashes(monkeypatch)
    digests: list[bool] = []
    real = cache._read_known
    monkeypatch.setattr(
        cache,
        "_read_known",
        lambda c, records=True: digests.append(records) or real(c, records=records),
    )
    assert confirm() is True  # nothing changed: the stat records say so, no file is read,
    assert read == [] and True not in digests  # nor the kept digests of every file


def test_an_edit_since_the_last_launch_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    _edit(folder / "platforms" / "example.yaml", b"name: Example [", b"name: Elpmaxe [")
    served = load_catalog_unconfirmed([folder])
    assert served is not None  # the first frame shows the last launch's catalog …
    assert served[0].get("example").name == "Example [formerly Sample]"
    assert served[1]() is False  # … and the check says it changed
    assert load_catalog_cached([folder]).get("example").name == "Elpmaxe [formerly Sample]"


def test_an_edit_keeping_size_and_time_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    path = folder / "platforms" / "example.yaml"
    before = path.stat()
    _edit(path, b"name: Example [", b"name: Elpmaxe [")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _checked(folder) is False


def test_a_file_touched_but_not_changed_passes_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    path = folder / "platforms" / "example.yaml"
    _ctime_moves_on(path)
    os.utime(path)  # the same bytes, a new time: the content (and so the key) is the same
    assert _checked(folder) is True


@pytest.mark.parametrize("change", ["added", "removed"])
def test_a_file_added_or_removed_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    folder = _served(tmp_path, monkeypatch)
    if change == "removed":
        _second_file(folder)
        load_catalog_cached([folder])
        (folder / "platforms" / "other.yaml").unlink()
    else:
        _second_file(folder)
    assert _checked(folder) is False


def test_a_catalog_that_broke_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check says "changed" and the usual load (the app started again) reports it."""
    folder = _served(tmp_path, monkeypatch)
    (folder / "platforms" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert _checked(folder) is False


def test_nothing_is_served_before_a_first_load(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    assert load_catalog_unconfirmed([folder]) is None


def test_nothing_is_served_when_the_last_launch_was_racy(tmp_path: Path) -> None:
    """Files written in the tick before the last launch hashed them have no trusted record:
    that launch's catalog is not served unlooked-at (the usual load hashes them again)."""
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    load_catalog_cached([folder])  # right after the copy: racy
    assert load_catalog_unconfirmed([folder]) is None


def test_nothing_is_served_to_another_version_of_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert load_catalog_unconfirmed([folder]) is None


def test_nothing_is_served_when_the_model_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    monkeypatch.setattr(cache, "_model_version", lambda: "another model")
    assert load_catalog_unconfirmed([folder]) is None


def test_nothing_is_served_when_a_folder_went_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same folder list, but the overlay is gone: the kept catalog is not for it."""
    folder = _served(tmp_path, monkeypatch)
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    load_catalog_cached([folder, overlay])
    assert load_catalog_unconfirmed([folder, overlay]) is not None
    overlay.rmdir()
    assert load_catalog_unconfirmed([folder, overlay]) is None


def test_nothing_is_served_with_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    monkeypatch.setenv("OPTOUT_NO_CACHE", "1")
    assert load_catalog_unconfirmed([folder]) is None


def test_nothing_is_served_when_the_cache_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _served(tmp_path, monkeypatch)
    path = cache._cache_file([folder])
    data = bytearray(path.read_bytes())
    data[len(cache.MAGIC) + 100] ^= 1  # a bit of the header
    path.write_bytes(bytes(data))
    assert load_catalog_unconfirmed([folder]) is None


@pytest.mark.parametrize("case", ["as it is", "a file gone", "a folder missing"])
def test_the_check_hashes_the_records_as_the_listing_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """The check after the first frame hashes the records one by one, holding none; its
    fingerprint must be the one a launch keeps (made from the whole listing), or every
    check would say "changed"."""
    folder = _served(tmp_path, monkeypatch)
    _second_file(folder)
    folders = [folder, tmp_path / "missing"] if case == "a folder missing" else [folder]
    real = os.stat

    def gone(name, *args, **kwargs):
        if case == "a file gone" and str(name).endswith("other.yaml"):
            raise FileNotFoundError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(os, "stat", gone)
    whole, streamed = cache._fingerprint(folders), cache._fingerprint(folders, listing=False)
    assert streamed[0] == whole[0] and streamed[2] == [] and whole[2]


def test_the_model_s_version_is_its_sources_and_follows_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field added to an action's class changes the model's version (so no cache made
    before is served); without the sources, the classes' fields stand for them."""
    from optout_tui.catalog import model

    for name in cache.MODEL_SOURCES:
        shutil.copy(Path(model.__file__).with_name(name), tmp_path / name)
    monkeypatch.setattr(model, "__file__", str(tmp_path / "model.py"))
    version = cache._model_version
    try:
        version.cache_clear()
        before = version()
        actions = tmp_path / "actions.py"
        text = actions.read_text(encoding="utf-8")
        assert "    minutes: int = 5\n" in text
        actions.write_text(
            text.replace("    minutes: int = 5\n", "    minutes: int = 5\n    extra: int = 0\n", 1),
            encoding="utf-8",
        )
        version.cache_clear()
        assert version() != before
        actions.unlink()
        version.cache_clear()
        assert version() == cache._model_shape()
    finally:
        version.cache_clear()


def test_a_launch_reads_the_catalog_and_counts_without_the_actions_module() -> None:
    """The first frame shows platforms and counts: defining the classes of an action (a
    tenth of a millisecond each) waits until one is read."""
    warm = (
        "from optout_tui.catalog.cache import load_catalog_cached\n"
        "from optout_tui.paths import bundled_catalog_dir\n"
        "load_catalog_cached([bundled_catalog_dir()])\n"
    )
    launch = (
        "import sys\n"
        "from optout_tui.catalog.cache import load_catalog_unconfirmed\n"
        "from optout_tui.catalog.filters import Filters, apply\n"
        "from optout_tui.paths import bundled_catalog_dir\n"
        "from optout_tui.progress.status import Standing\n"
        "catalog, confirm = load_catalog_unconfirmed([bundled_catalog_dir()])\n"
        "rows = apply(catalog.platforms, Filters(sort='name'))\n"
        "overall = Standing({}).overall(rows)\n"
        "print(rows[0].name, rows[0].tasks, overall.tasks > 0, "
        "'optout_tui.catalog.actions' in sys.modules)\n"
    )
    for program in (warm, warm, launch):
        out = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True
        ).stdout
    assert out.split()[-2:] == ["True", "False"]
