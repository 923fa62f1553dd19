"""The progress store: ticks survive, the file is private, damage is moved aside."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from optout_tui.progress import ProgressStore, StepKey
from optout_tui.progress.store import DB_NAME, SCHEMA_VERSION

KEY = StepKey("x", "grok-training", "web", "untick-training")


def test_ticks_survive_reopening(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.set_step(KEY, True)
    store.set_step(StepKey("x", "grok-training", "web", "other"), True)
    store.set_step(StepKey("x", "grok-training", "web", "other"), False)
    store.close()
    again = ProgressStore(data_dir)
    assert again.done_steps() == {KEY}
    assert again.done_steps("linkedin") == set()


def test_file_is_private_and_versioned(data_dir: Path) -> None:
    ProgressStore(data_dir).close()
    path = data_dir / DB_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_profiles_do_not_see_each_other(data_dir: Path) -> None:
    ProgressStore(data_dir, profile="a").set_step(KEY, True)
    assert ProgressStore(data_dir, profile="b").done_steps() == set()


def test_damaged_file_is_moved_aside_not_overwritten(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    junk = b"this is not a database, but it is somebody's file" * 100
    (data_dir / DB_NAME).write_bytes(junk)
    store = ProgressStore(data_dir)
    assert store.moved_aside is not None
    assert store.moved_aside.read_bytes() == junk
    store.set_step(KEY, True)
    assert store.done_steps() == {KEY}


def test_not_possible_is_a_state_of_its_own(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.set_state(KEY, "not-possible")
    assert store.states() == {KEY: "not-possible"}
    assert store.done_steps() == set()


def test_migrates_a_version_1_database(data_dir: Path) -> None:
    from optout_tui.progress.store import MIGRATIONS

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        db.executescript(MIGRATIONS[0])
        db.execute(
            "INSERT INTO step_state VALUES ('default', 'x', 'grok-training', 'web', "
            "'untick-training', 1, '2026-01-01T00:00:00+00:00')"
        )
        db.execute(
            "INSERT INTO step_state VALUES ('default', 'x', 'grok-training', 'web', "
            "'other', 0, '2026-01-01T00:00:00+00:00')"
        )
        db.execute("PRAGMA user_version = 1")
    store = ProgressStore(data_dir)
    assert store.done_steps() == {KEY}
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_migrates_a_version_2_database(data_dir: Path) -> None:
    from optout_tui.progress.store import MIGRATIONS

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        for script in MIGRATIONS[:2]:
            db.executescript(script)
        db.execute(
            "INSERT INTO step_state VALUES ('visitor', 'x', 'grok-training', 'web', "
            "'untick-training', 'done', '2026-01-01T00:00:00+00:00')"
        )
        db.execute("PRAGMA user_version = 2")
    store = ProgressStore(data_dir, profile="visitor")
    assert store.done_steps() == {KEY}
    assert store.profiles() == ["visitor"]
    assert store.undo() is None  # nothing was changed in this session


def test_undo_takes_back_this_sessions_changes_in_order(data_dir: Path) -> None:
    other = StepKey("x", "grok-training", "web", "other")
    earlier = ProgressStore(data_dir)
    earlier.set_step(other, True)
    earlier.close()
    store = ProgressStore(data_dir)
    store.set_step(KEY, True)
    store.set_state(KEY, "not-possible")
    assert store.undo() == KEY and store.states()[KEY] == "done"
    assert store.undo() == KEY and KEY not in store.states()
    assert store.undo() is None  # the earlier session's tick stays
    assert store.done_steps() == {other}


def test_profiles_list_rename_delete(data_dir: Path) -> None:
    store = ProgressStore(data_dir, profile="Visitor 14:30")
    store.set_step(KEY, True)
    ProgressStore(data_dir, profile="Visitor 15:00").set_step(KEY, True)
    assert store.profiles() == ["Visitor 14:30", "Visitor 15:00"]
    store.rename_profile("Visitor 14:30", "Ada")
    assert store.profile == "Ada" and store.done_steps() == {KEY}
    store.delete_profile("Visitor 15:00")
    assert store.profiles() == ["Ada"]
    store.close()
    raw = (data_dir / DB_NAME).read_bytes()
    assert b"Visitor 15:00" not in raw  # erased for real, not just unlinked


def test_done_records(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.record_done("x", "grok-training", "web", '{"v": 1}')
    store.record_done("x", "grok-training", "web", '{"v": 2}')
    [(where, (snapshot, _))] = store.done_records("x").items()
    assert where == ("x", "grok-training", "web") and snapshot == '{"v": 2}'


def test_notes_per_action(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.set_note("x", "grok-training", "No Grok entry on my phone; did it on the laptop.")
    [(where, (note, _))] = store.notes().items()
    assert where == ("x", "grok-training") and note.startswith("No Grok entry")
    store.set_note("x", "grok-training", "  ")
    assert store.notes() == {}


def test_migrates_a_version_3_database(data_dir: Path) -> None:
    from optout_tui.progress.store import MIGRATIONS

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        for script in MIGRATIONS[:3]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 3")
    store = ProgressStore(data_dir)
    store.set_note("x", "grok-training", "kept")
    assert store.notes()[("x", "grok-training")][0] == "kept"


def test_filled_templates_kept_per_profile_migrated_and_deleted(data_dir: Path) -> None:
    from optout_tui.progress.store import MIGRATIONS

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        for script in MIGRATIONS[:4]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 4")
    store = ProgressStore(data_dir, profile="Ada")
    assert store.filled("slack") == {}
    store.set_filled("slack", "opt-out", "email", "Dear Slack, I am Ada Lovelace.")
    assert store.filled("slack") == {("opt-out", "email"): "Dear Slack, I am Ada Lovelace."}
    assert ProgressStore(data_dir, profile="other").filled("slack") == {}
    store.delete_profile("Ada")
    store.close()
    raw = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.is_file())
    assert b"Ada Lovelace" not in raw


# -- 13.3: only our own files are written ---------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_new_file_is_stamped_as_ours(data_dir: Path) -> None:
    from optout_tui.progress.store import APPLICATION_ID

    ProgressStore(data_dir).close()
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_unstamped_file_of_an_earlier_version_is_adopted(data_dir: Path) -> None:
    from optout_tui.progress.store import APPLICATION_ID, MIGRATIONS

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        for script in MIGRATIONS:
            db.executescript(script)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    store = ProgressStore(data_dir)
    store.set_step(KEY, True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_another_programs_database_is_refused_untouched(data_dir: Path) -> None:
    import pytest

    from optout_tui.progress import StoreError

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    before = _snapshot(data_dir)
    with pytest.raises(StoreError, match="not an optout-tui progress file"):
        ProgressStore(data_dir)
    assert _snapshot(data_dir) == before  # no table, no user_version, no WAL


def test_a_database_stamped_by_another_program_is_refused_untouched(data_dir: Path) -> None:
    import pytest

    from optout_tui.progress import StoreError

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        db.execute("PRAGMA application_id = 1234")
    before = _snapshot(data_dir)
    with pytest.raises(StoreError, match="not an optout-tui progress file"):
        ProgressStore(data_dir)
    assert _snapshot(data_dir) == before


def test_a_newer_version_is_refused_before_anything_is_written(data_dir: Path, monkeypatch) -> None:
    import pytest

    from optout_tui.progress import StoreError
    from optout_tui.progress.store import APPLICATION_ID

    ProgressStore(data_dir).close()
    with sqlite3.connect(data_dir / DB_NAME) as db:
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    before = _snapshot(data_dir)
    opened: list[str] = []
    real_connect = sqlite3.connect

    def spy(target, *args, **kwargs):
        opened.append(str(target))
        return real_connect(target, *args, **kwargs)

    import optout_tui.progress.store as store_module

    monkeypatch.setattr(store_module.sqlite3, "connect", spy)
    with pytest.raises(StoreError, match="newer optout-tui"):
        ProgressStore(data_dir)
    assert _snapshot(data_dir) == before  # the header was not rewritten (no switch to WAL)
    assert opened and all(t.endswith("?mode=ro") for t in opened)  # never opened for writing


def test_a_failed_migration_leaves_the_file_as_it_was(data_dir: Path) -> None:
    """A conflicting table stops the migration from version 1: nothing of it is kept, not
    even the steps before the conflict."""
    import pytest

    from optout_tui.progress import StoreError
    from optout_tui.progress.store import MIGRATIONS

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("CREATE TABLE history (x)")  # in the way of migration 3
        db.execute(
            "INSERT INTO step_state VALUES ('default', 'x', 'grok-training', 'web', "
            "'untick-training', 1, '2026-01-01T00:00:00+00:00')"
        )
        db.execute("PRAGMA user_version = 1")
    with pytest.raises(StoreError, match="history already exists"):
        ProgressStore(data_dir)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        columns = [row[1] for row in db.execute("PRAGMA table_info(step_state)")]
        assert "done" in columns and "state" not in columns  # migration 2 was undone too


# -- 13.10: messages that say what happened -------------------------------------------------


def test_a_full_disk_is_called_a_full_disk(data_dir: Path) -> None:
    import pytest

    from optout_tui.progress import StoreError

    store = ProgressStore(data_dir)
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: "full"
    with pytest.raises(StoreError, match="the disk is full") as raised:
        for n in range(50):
            store.set_note("x", f"a{n}", "y" * 100_000)
    assert "rollback" not in str(raised.value)
    store._db.execute("PRAGMA max_page_count = 1073741823")
    store.set_step(KEY, True)  # the connection is still usable
    assert store.done_steps() == {KEY}


def test_a_store_that_cannot_be_written_is_opened_read_only(data_dir: Path, monkeypatch) -> None:
    """Its progress is shown (and can be exported); a save says why it failed."""
    import pytest

    from optout_tui.progress import StoreError

    store = ProgressStore(data_dir)
    store.set_step(KEY, True)
    store.close()

    def refuse(self):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode = 8  # SQLITE_READONLY, as on a read-only file or mount
        raise error

    monkeypatch.setattr(ProgressStore, "_connect", refuse)
    store = ProgressStore(data_dir)
    assert store.read_only and "read-only" in store.read_only
    assert store.done_steps() == {KEY}
    with pytest.raises(StoreError, match="can only be read"):
        store.set_step(KEY, False)
    assert store.done_steps() == {KEY}


def test_the_data_folder_is_private(data_dir: Path) -> None:
    import stat as st

    ProgressStore(data_dir).close()
    assert st.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_a_damaged_file_is_moved_with_its_wal_and_shm(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).write_bytes(b"not a database at all" * 100)
    (data_dir / f"{DB_NAME}-wal").write_bytes(b"old wal")
    (data_dir / f"{DB_NAME}-shm").write_bytes(b"old shm")
    store = ProgressStore(data_dir)
    assert store.moved_aside is not None
    assert Path(f"{store.moved_aside}-wal").read_bytes() == b"old wal"
    assert Path(f"{store.moved_aside}-shm").exists()  # (SQLite may rewrite its index)
    store.set_step(KEY, True)
    assert store.done_steps() == {KEY}


def test_a_relative_data_folder_works(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = ProgressStore(Path("visitor"))
    store.set_step(KEY, True)
    assert store.done_steps() == {KEY}
