"""The progress store's transactions and damaged-file moves, and the loader's cleaning: one
protection per test, so removing any single check fails."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from optout_tui.progress import ProgressStore, StepKey
from optout_tui.progress import store as store_module

KEY = StepKey("example", "ai-training", "web", "open-settings")


def test_two_damaged_files_in_the_same_second_are_both_kept(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 1, 2, 3, 4, 5, tzinfo=tz)

    monkeypatch.setattr(store_module.dt, "datetime", Frozen)
    data_dir.mkdir(parents=True)
    path = data_dir / store_module.DB_NAME
    for garbage in (b"first damaged file " * 100, b"second damaged file " * 100):
        path.write_bytes(garbage)
        ProgressStore(data_dir).close()
    kept = sorted(
        p.read_bytes()[:6]
        for p in data_dir.glob(f"{store_module.DB_NAME}.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    )
    assert kept == [b"first ", b"second"]


def test_a_failed_save_is_rolled_back_and_the_next_one_works(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    bad = [("example", "ai-training", "web", "open-settings", "bogus", "2026-01-01T00:00:00+00:00")]
    with pytest.raises(store_module.StoreError):
        store.merge(bad, [])
    assert not store._db.in_transaction
    assert store.profiles() == []  # the profile row written before the failure is gone
    store.set_step(KEY, True)  # a new transaction can start
    assert store.done_steps() == {KEY}
    store.close()


def test_a_failed_migration_ends_its_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite3.connect(tmp_path / "p.sqlite3", isolation_level=None)
    monkeypatch.setattr(
        store_module, "MIGRATIONS", [*store_module.MIGRATIONS[:-1], "CREATE TABLE broken (;"]
    )
    with pytest.raises(sqlite3.Error):
        ProgressStore._migrate(db)
    assert not db.in_transaction
    assert db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    db.close()


def test_a_tab_in_catalog_text_becomes_a_space(tmp_path: Path) -> None:
    from optout_tui.catalog.loader import load_platform
    from tests.conftest import EXAMPLE_CATALOG

    text = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
    path = tmp_path / "example.yaml"
    path.write_text(
        text.replace("name: Example [formerly Sample]", 'name: "Exa\\tmple"'), encoding="utf-8"
    )
    assert load_platform(path, today=dt.date(2026, 12, 3)).name == "Exa mple"


def test_a_stored_date_without_a_zone_is_compared_as_utc(data_dir: Path) -> None:
    """An earlier version (or a hand edit) may have saved a date without its zone: merging an
    import must compare it as UTC, not crash on naive-versus-aware."""
    store = ProgressStore(data_dir)
    store.set_step(KEY, True)
    store._db.execute("UPDATE step_state SET changed_at = '2026-01-01T10:00:00'")
    later = [(*KEY, "todo", "2026-01-01T11:00:00+00:00")]
    earlier = [(*KEY, "todo", "2026-01-01T09:00:00+00:00")]
    assert store.merge(earlier, []) == 0
    assert store.merge(later, []) == 1
    assert store.done_steps() == set()
    store.close()


def test_an_unknown_state_is_never_saved(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    with pytest.raises(ValueError, match="unknown step state"):
        store.set_state(KEY, "maybe")
    with pytest.raises(store_module.StoreError, match="unknown step state"):
        store.merge([(*KEY, "maybe", "2026-01-01T00:00:00+00:00")], [])
    assert store.step_rows() == []
    store.close()


def test_renaming_onto_an_existing_profile_is_refused_and_merges_nothing(data_dir: Path) -> None:
    a = ProgressStore(data_dir, profile="a")
    a.set_step(KEY, True)
    b = ProgressStore(data_dir, profile="b")
    b.set_note("example", "ai-training", "b's note")
    with pytest.raises(store_module.StoreError, match="exists already"):
        a.rename_profile("a", "b")
    assert a.profile == "a" and a.done_steps() == {KEY}
    assert sorted(a.profiles()) == ["a", "b"] and b.done_steps() == set()
    a.close()
    b.close()


def test_deleted_data_is_overwritten_not_left_in_the_file(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    assert store._db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    store.close()


def test_an_import_without_steps_is_refused() -> None:
    from optout_tui.progress.export import parse_export

    with pytest.raises(store_module.StoreError, match="it has no steps"):
        parse_export('{"format_version": 1, "done": [], "notes": []}', "x.json")


def test_the_html_handout_escapes_the_link_and_the_controls_text(tmp_path: Path) -> None:
    from optout_tui.catalog.loader import load_catalog
    from optout_tui.progress.export import to_html
    from tests.conftest import EXAMPLE_CATALOG

    text = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "link: https://example.com/settings/ai", "link: https://example.com/settings/ai?a=1&b=2", 1
    )
    text = text.replace(
        "en: Whether Example may use your posts to train its AI models.",
        'en: "Whether <img src=x onerror=alert(1)> & co may train."',
        1,
    )
    folder = tmp_path / "cat" / "platforms"
    folder.mkdir(parents=True)
    (folder / "example.yaml").write_text(text, encoding="utf-8")
    store = ProgressStore(tmp_path / "d")
    store.set_step(StepKey("example", "ai-training", "web", "open-settings"), True)  # started
    page = to_html(load_catalog([folder.parent]), store)
    store.close()
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; co" in page
    assert "<code>https://example.com/settings/ai?a=1&amp;b=2</code>" in page


@pytest.mark.parametrize("name", ["", "   ", "a\x1b[31mred", "two\nlines", "x" * 201, "bell\x07"])
def test_a_profile_name_that_cannot_be_shown_is_refused(data_dir: Path, name: str) -> None:
    with pytest.raises(store_module.StoreError, match="cannot be a profile name"):
        ProgressStore(data_dir, profile=name)
    store = ProgressStore(data_dir, profile="ok")
    store.set_step(KEY, True)
    with pytest.raises(store_module.StoreError, match="cannot be a profile name"):
        store.rename_profile("ok", name)
    assert store.profiles() == ["ok"] and store.profile == "ok"
    store.close()


def test_a_long_but_acceptable_profile_name_is_kept(data_dir: Path) -> None:
    store = ProgressStore(data_dir, profile="x" * 200)
    store.set_step(KEY, True)
    assert store.profiles() == ["x" * 200]
    store.close()


def test_a_filled_template_loses_its_control_characters(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.set_filled("example", "ai-training", "email", "Dear\x1b]52;c;evil\x07 team")
    assert store.filled("example") == {("ai-training", "email"): "Dear]52;c;evil team"}
    store.close()


def test_secure_delete_is_asked_for_not_left_to_the_build(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Debian's SQLite has secure_delete on by default, others do not: the store must ask."""
    statements: list[str] = []
    real_connect = sqlite3.connect

    class Recording:
        def __init__(self, db: sqlite3.Connection) -> None:
            self._db = db

        def execute(self, sql: str, *args):
            statements.append(" ".join(sql.split()).lower())
            return self._db.execute(sql, *args)

        def __getattr__(self, name: str):
            return getattr(self._db, name)

    monkeypatch.setattr(
        store_module.sqlite3, "connect", lambda *a, **k: Recording(real_connect(*a, **k))
    )
    store = ProgressStore(data_dir)
    store.set_step(KEY, True)
    store.close()
    assert "pragma secure_delete = on" in statements
