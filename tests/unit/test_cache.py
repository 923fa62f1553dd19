"""The catalog cache serves unchanged files and notices every change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from optout_tui.catalog import CatalogError
from optout_tui.catalog.cache import _cache_file, load_catalog_cached
from tests.conftest import EXAMPLE_CATALOG


def test_second_load_comes_from_the_cache_and_edits_reload(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOG, folder)
    first = load_catalog_cached([folder])
    assert _cache_file([folder]).exists()

    import optout_tui.catalog.cache as cache

    def no_yaml(_folders):
        raise AssertionError("parsed YAML although nothing changed")

    monkeypatch.setattr(cache, "load_catalog", no_yaml)
    assert load_catalog_cached([folder]).get("example").name == first.get("example").name
    monkeypatch.undo()

    path = folder / "platforms" / "example.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name: Example [formerly Sample]", "name: Example Renamed"), encoding="utf-8")
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
    assert len(list(_cache_file([]).parent.glob("catalog-*.pickle"))) == KEEP
