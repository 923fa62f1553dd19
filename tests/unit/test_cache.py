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
    assert _cache_file().exists()

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
    _cache_file().parent.mkdir(parents=True, exist_ok=True)
    _cache_file().write_bytes(b"not a pickle")
    assert load_catalog_cached([EXAMPLE_CATALOG]).get("example") is not None
