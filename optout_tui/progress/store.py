"""The progress store: ticked steps in SQLite, keyed by stable catalog ids. No Textual."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from optout_tui.i18n import Localised

DB_NAME = "progress.sqlite3"
SCHEMA_VERSION = 5
RECHECK_AFTER_DAYS = 90  # a finished action is looked at again after this many days
HISTORY_KEPT = 500  # changes kept per profile for undo
DEFAULT_PROFILE = "default"
DONE, NOT_POSSIBLE, TODO = "done", "not-possible", "todo"
STATES = (DONE, NOT_POSSIBLE, TODO)

# Each migration takes the database from version N-1 to N; index 0 creates version 1.
MIGRATIONS = [
    # 1: a tick per step, keyed by stable ids.
    """
    CREATE TABLE step_state (
        profile    TEXT NOT NULL,
        platform   TEXT NOT NULL,
        action     TEXT NOT NULL,
        surface    TEXT NOT NULL,
        step       TEXT NOT NULL,
        done       INTEGER NOT NULL,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (profile, platform, action, surface, step)
    ) WITHOUT ROWID;
    """,
    # 2: a state instead of a tick, so a step can be "not possible for me".
    """
    CREATE TABLE step_state_v2 (
        profile    TEXT NOT NULL,
        platform   TEXT NOT NULL,
        action     TEXT NOT NULL,
        surface    TEXT NOT NULL,
        step       TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('done', 'not-possible', 'todo')),
        changed_at TEXT NOT NULL,
        PRIMARY KEY (profile, platform, action, surface, step)
    ) WITHOUT ROWID;
    INSERT INTO step_state_v2
        SELECT profile, platform, action, surface, step,
               CASE done WHEN 1 THEN 'done' ELSE 'todo' END, changed_at
        FROM step_state;
    DROP TABLE step_state;
    ALTER TABLE step_state_v2 RENAME TO step_state;
    """,
    # 3: named profiles, a history of changes (undo), and what a finished action was done
    #    against (to notice when the catalog entry changes).
    """
    CREATE TABLE profile (
        name       TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO profile SELECT profile, min(changed_at) FROM step_state GROUP BY profile;
    CREATE TABLE history (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        profile    TEXT NOT NULL,
        platform   TEXT NOT NULL,
        action     TEXT NOT NULL,
        surface    TEXT NOT NULL,
        step       TEXT NOT NULL,
        before     TEXT NOT NULL,
        after      TEXT NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX history_by_profile ON history (profile, seq);
    CREATE TABLE action_done (
        profile    TEXT NOT NULL,
        platform   TEXT NOT NULL,
        action     TEXT NOT NULL,
        surface    TEXT NOT NULL,
        snapshot   TEXT NOT NULL,
        done_at    TEXT NOT NULL,
        PRIMARY KEY (profile, platform, action, surface)
    ) WITHOUT ROWID;
    """,
    # 4: a free-text note per action ("asked for the form by post", "no such menu on my phone").
    """
    CREATE TABLE action_note (
        profile    TEXT NOT NULL,
        platform   TEXT NOT NULL,
        action     TEXT NOT NULL,
        note       TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (profile, platform, action)
    ) WITHOUT ROWID;
    """,
    # 5: the text of a form or email template as the person filled it in and copied it.
    """
    CREATE TABLE filled_template (
        profile    TEXT NOT NULL,
        platform   TEXT NOT NULL,
        action     TEXT NOT NULL,
        surface    TEXT NOT NULL,
        text       TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (profile, platform, action, surface)
    ) WITHOUT ROWID;
    """,
]


class StoreError(Localised):
    """The store cannot be opened or written; the message says where and why."""


class StepKey(NamedTuple):
    """Where a tick is saved: stable ids, never positions in a list. (A NamedTuple: hashed,
    compared and sorted as a tuple, and cheap to create by the thousand.)"""

    platform: str
    action: str
    surface: str
    step: str


class ProgressStore:
    """Ticks for one profile, saved at once in an SQLite database under `data_dir`."""

    def __init__(self, data_dir: Path, profile: str = DEFAULT_PROFILE) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self.profile = profile
        self.moved_aside: Path | None = None
        """Where a damaged database was moved before a fresh one was started, if it was."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise StoreError("cannot create the progress folder {folder}: {error}",
                             folder=self.data_dir, error=error.strerror) from None
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as error:
            if not self._is_damage(error):
                raise StoreError("cannot open the progress file {path}: {error}",
                                 path=self.path, error=error) from None
            self.moved_aside = self._move_aside()
            try:
                self._db = self._connect()
            except sqlite3.Error as again:
                raise StoreError("cannot open the progress file {path}: {error}",
                                 path=self.path, error=again) from None

    @staticmethod
    def _is_damage(error: sqlite3.DatabaseError) -> bool:
        text = str(error).lower()
        return "not a database" in text or "malformed" in text or "corrupt" in text

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
        return target

    def _connect(self) -> sqlite3.Connection:
        new = not self.path.exists()
        if new:  # create it private before SQLite writes anything into it
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 5000")
            db.execute("PRAGMA secure_delete = ON")  # deleted data is overwritten, not left
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError("{path} was written by a newer optout-tui (schema {version}); "
                                 "update optout-tui to use it", path=self.path,
                                 version=version)
            if version < SCHEMA_VERSION:
                self._migrate(db)
            db.execute("SELECT count(*) FROM step_state").fetchone()
            self._session_start = db.execute(
                "SELECT coalesce(max(seq), 0) FROM history").fetchone()[0]
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Bring the schema up to date, one version at a time, each step all or nothing."""
        while True:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                return
            script = MIGRATIONS[version]
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute("PRAGMA user_version").fetchone()[0] == version:
                    for statement in filter(str.strip, script.split(";")):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {version + 1}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @staticmethod
    def _now() -> str:
        return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

    def _write(self, work) -> None:
        """Run `work(db)` in one immediate transaction; StoreError when it cannot be saved."""
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                work(self._db)
        except sqlite3.Error as error:
            raise StoreError("could not save to {path}: {error}", path=self.path,
                             error=error) from None

    def _read(self, query: str, args: tuple[str, ...] = ()) -> list[tuple]:
        """The rows of one query; StoreError when the file cannot be read."""
        try:
            return self._db.execute(query, args).fetchall()
        except sqlite3.Error as error:
            raise StoreError("could not read {path}: {error}", path=self.path,
                             error=error) from None

    def _state_of(self, db: sqlite3.Connection, key: StepKey) -> str:
        row = db.execute("SELECT state FROM step_state WHERE profile = ? AND platform = ? AND "
                         "action = ? AND surface = ? AND step = ?",
                         (self.profile, *self._key(key))).fetchone()
        return row[0] if row else TODO

    @staticmethod
    def _key(key: StepKey) -> tuple[str, str, str, str]:
        return key.platform, key.action, key.surface, key.step

    def _put(self, db: sqlite3.Connection, key: StepKey, state: str, now: str) -> None:
        db.execute("INSERT INTO step_state (profile, platform, action, surface, step, state,"
                   " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                   " ON CONFLICT (profile, platform, action, surface, step)"
                   " DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at",
                   (self.profile, *self._key(key), state, now))

    def set_state(self, key: StepKey, state: str) -> None:
        """Save one step's state at once, with a history entry for undo."""
        if state not in STATES:
            raise ValueError(f"unknown step state {state!r}")

        def work(db: sqlite3.Connection) -> None:
            now = self._now()
            before = self._state_of(db, key)
            if before == state:
                return
            db.execute("INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                       (self.profile, now))
            self._put(db, key, state, now)
            db.execute("INSERT INTO history (profile, platform, action, surface, step, before,"
                       " after, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (self.profile, *self._key(key), before, state, now))
            db.execute("DELETE FROM history WHERE profile = ? AND seq <= (SELECT max(seq) FROM "
                       "history WHERE profile = ?) - ?", (self.profile, self.profile,
                                                          HISTORY_KEPT))

        self._write(work)

    def undo(self) -> StepKey | None:
        """Undo this session's last change (not other sessions'); the step it touched."""
        undone: list[StepKey] = []

        def work(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT seq, platform, action, surface, step, before FROM history "
                             "WHERE profile = ? AND seq > ? ORDER BY seq DESC LIMIT 1",
                             (self.profile, self._session_start)).fetchone()
            if row is None:
                return
            key = StepKey(*row[1:5])
            self._put(db, key, row[5], self._now())
            db.execute("DELETE FROM history WHERE seq = ?", (row[0],))
            undone.append(key)

        self._write(work)
        return undone[0] if undone else None

    def record_done(self, platform: str, action: str, surface: str, snapshot: str) -> None:
        """Remember the catalog text an action was finished against (see progress.recheck)."""
        self._write(lambda db: db.execute(
            "INSERT INTO action_done (profile, platform, action, surface, snapshot, done_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (profile, platform, action, surface)"
            " DO UPDATE SET snapshot = excluded.snapshot, done_at = excluded.done_at",
            (self.profile, platform, action, surface, snapshot, self._now())))

    def done_records(self, platform: str | None = None
                     ) -> dict[tuple[str, str, str], tuple[str, str]]:
        """(platform, action, surface) → (snapshot, done_at) for this profile."""
        query = "SELECT platform, action, surface, snapshot, done_at FROM action_done " \
                "WHERE profile = ?"
        args: tuple[str, ...] = (self.profile,)
        if platform is not None:
            query += " AND platform = ?"
            args += (platform,)
        return {row[:3]: row[3:] for row in self._read(query, args)}

    # -- export and merge ------------------------------------------------------------
    def step_rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """(platform, action, surface, step, state, changed_at) of every touched step."""
        return self._read(
            "SELECT platform, action, surface, step, state, changed_at FROM step_state "
            "WHERE profile = ? ORDER BY platform, action, surface, step", (self.profile,))

    def merge(self, steps: list[tuple[str, str, str, str, str, str]],
              done: list[tuple[str, str, str, str, str]],
              notes: list[tuple[str, str, str, str]] = ()) -> int:
        """Merge exported rows: for each step the later change wins, nothing else is lost.

        Returns how many steps changed here.
        """
        changed = [0]

        def work(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                       (self.profile, self._now()))
            for platform, action, surface, step, state, changed_at in steps:
                if state not in STATES:
                    raise StoreError("unknown step state {state!r} in the import", state=state)
                row = db.execute("SELECT changed_at FROM step_state WHERE profile = ? AND "
                                 "platform = ? AND action = ? AND surface = ? AND step = ?",
                                 (self.profile, platform, action, surface, step)).fetchone()
                if row is None or row[0] < changed_at:
                    db.execute("INSERT OR REPLACE INTO step_state (profile, platform, action,"
                               " surface, step, state, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (self.profile, platform, action, surface, step, state,
                                changed_at))
                    changed[0] += 1
            for platform, action, surface, snapshot, done_at in done:
                row = db.execute("SELECT done_at FROM action_done WHERE profile = ? AND "
                                 "platform = ? AND action = ? AND surface = ?",
                                 (self.profile, platform, action, surface)).fetchone()
                if row is None or row[0] < done_at:
                    db.execute("INSERT OR REPLACE INTO action_done VALUES (?, ?, ?, ?, ?, ?)",
                               (self.profile, platform, action, surface, snapshot, done_at))
            for platform, action, note, changed_at in notes:
                row = db.execute("SELECT changed_at FROM action_note WHERE profile = ? AND "
                                 "platform = ? AND action = ?",
                                 (self.profile, platform, action)).fetchone()
                if row is None or row[0] < changed_at:
                    db.execute("INSERT OR REPLACE INTO action_note VALUES (?, ?, ?, ?, ?)",
                               (self.profile, platform, action, note, changed_at))

        self._write(work)
        return changed[0]

    # -- notes -----------------------------------------------------------------------
    def set_note(self, platform: str, action: str, note: str) -> None:
        """Save (or, when empty, remove) the person's note on an action."""
        def work(db: sqlite3.Connection) -> None:
            if note.strip():
                db.execute("INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                           (self.profile, self._now()))
                db.execute("INSERT OR REPLACE INTO action_note VALUES (?, ?, ?, ?, ?)",
                           (self.profile, platform, action, note, self._now()))
            else:
                db.execute("DELETE FROM action_note WHERE profile = ? AND platform = ? AND "
                           "action = ?", (self.profile, platform, action))

        self._write(work)

    def notes(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(platform, action) → (note, changed_at) for this profile."""
        return {row[:2]: row[2:] for row in self._read(
            "SELECT platform, action, note, changed_at FROM action_note WHERE profile = ?",
            (self.profile,))}

    # -- filled-in templates ----------------------------------------------------------
    def set_filled(self, platform: str, action: str, surface: str, text: str) -> None:
        """Save the template text as the person filled it in (and copied it)."""
        def work(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                       (self.profile, self._now()))
            db.execute("INSERT OR REPLACE INTO filled_template VALUES (?, ?, ?, ?, ?, ?)",
                       (self.profile, platform, action, surface, text, self._now()))

        self._write(work)

    def filled(self, platform: str) -> dict[tuple[str, str], str]:
        """(action, surface) → the filled-in text saved for this profile on `platform`."""
        return {(a, s): text for a, s, text in self._read(
            "SELECT action, surface, text FROM filled_template WHERE profile = ? AND "
            "platform = ?", (self.profile, platform))}

    # -- profiles --------------------------------------------------------------------
    def profiles(self) -> list[str]:
        """Every profile with saved progress, oldest first."""
        return [row[0] for row in self._read("SELECT name FROM profile ORDER BY created_at, "
                                              "name")]

    def rename_profile(self, old: str, new: str) -> None:
        if new in self.profiles():
            raise StoreError("a profile named {name!r} exists already", name=new)

        def work(db: sqlite3.Connection) -> None:
            for table, column in (("profile", "name"), ("step_state", "profile"),
                                  ("history", "profile"), ("action_done", "profile"),
                                  ("action_note", "profile"), ("filled_template", "profile")):
                db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))

        self._write(work)
        if self.profile == old:
            self.profile = new

    def delete_profile(self, name: str) -> None:
        """Erase a profile's data for real: rows deleted, freed pages zeroed, WAL emptied."""
        def work(db: sqlite3.Connection) -> None:
            for table, column in (("profile", "name"), ("step_state", "profile"),
                                  ("history", "profile"), ("action_done", "profile"),
                                  ("action_note", "profile"), ("filled_template", "profile")):
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))

        self._write(work)
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:  # another instance holds the WAL: it is emptied at its next checkpoint
            pass

    def set_step(self, key: StepKey, done: bool) -> None:
        """Tick or untick a step."""
        self.set_state(key, DONE if done else TODO)

    def states(self, platform: str | None = None) -> dict[StepKey, str]:
        """The state of every step this profile has touched (of one platform, when given)."""
        query = "SELECT platform, action, surface, step, state FROM step_state " \
                "WHERE profile = ? AND state != 'todo'"
        args: tuple[str, ...] = (self.profile,)
        if platform is not None:
            query += " AND platform = ?"
            args += (platform,)
        return {StepKey(*row[:4]): row[4] for row in self._read(query, args)}

    def done_steps(self, platform: str | None = None) -> set[StepKey]:
        """Every ticked step of this profile (of one platform, when given)."""
        return {k for k, state in self.states(platform).items() if state == DONE}

    def close(self) -> None:
        self._db.close()
