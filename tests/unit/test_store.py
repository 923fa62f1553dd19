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
        db.execute("INSERT INTO step_state VALUES ('default', 'x', 'grok-training', 'web', "
                   "'untick-training', 1, '2026-01-01T00:00:00+00:00')")
        db.execute("INSERT INTO step_state VALUES ('default', 'x', 'grok-training', 'web', "
                   "'other', 0, '2026-01-01T00:00:00+00:00')")
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
        db.execute("INSERT INTO step_state VALUES ('visitor', 'x', 'grok-training', 'web', "
                   "'untick-training', 'done', '2026-01-01T00:00:00+00:00')")
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
