"""safe_files, the store's in-transaction version check, the Markdown profile name and YAML
aliases: one protection per test, so removing any single check fails."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from optout_tui.safe_files import FileTooLarge, read_regular, write_private


def test_a_file_over_the_cap_is_refused_with_its_real_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 5_000)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(FileTooLarge) as caught:
        read_regular(path, 100)
    assert caught.value.size == 5_000  # the file's size, not "more than the cap"
    assert reads == []  # refused from its size, before a byte was read


def test_a_failed_private_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("kept", encoding="utf-8")
    with pytest.raises(TypeError):
        write_private(target, 12345)  # type: ignore[arg-type]  # not text: the write fails
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    assert target.read_text(encoding="utf-8") == "kept"


def test_a_private_write_reaches_the_disk_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: events.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: events.append("replace") or real_replace(a, b))
    write_private(tmp_path / "out.json", "{}")
    assert events == ["fsync", "replace"]


def test_a_newer_schema_found_inside_the_migration_transaction_is_refused(tmp_path: Path) -> None:
    """Another, newer optout may stamp the file between the read-only look and the write."""
    from optout_tui.progress.store import SCHEMA_VERSION, ProgressStore, StoreError

    path = tmp_path / "p.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        ProgressStore._migrate(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0
    db.close()


def test_the_profile_name_is_literal_in_the_markdown_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from optout_tui.catalog.loader import load_catalog
    from optout_tui.progress import ProgressStore, StepKey
    from optout_tui.progress.export import to_markdown
    from tests.conftest import EXAMPLE_CATALOG

    store = ProgressStore(tmp_path / "d", profile="<b>x</b> [y](https://evil.example)")
    store.set_step(StepKey("example", "ai-training", "web", "open-settings"), True)
    text = to_markdown(load_catalog([EXAMPLE_CATALOG]), store)
    store.close()
    first = text.splitlines()[0]
    assert "<b>" not in first
    assert "&lt;b&gt;x&lt;/b&gt; \\[y\\](https://evil.example)" in first


def test_an_alias_is_refused_even_without_its_anchor() -> None:
    from optout_tui.catalog.yamlnodes import YamlProblem, parse

    with pytest.raises(YamlProblem, match="aliases"):
        parse("a: *undefined\n")
    with pytest.raises(YamlProblem, match="aliases"):
        parse("- *x\n")


def test_a_private_write_is_readable_by_the_user_alone(tmp_path: Path) -> None:
    import stat

    write_private(tmp_path / "out.json", "{}")
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o600
