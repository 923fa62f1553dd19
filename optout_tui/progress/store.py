"""The progress store: ticked steps in SQLite, keyed by stable catalog ids. No Textual."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "progress.sqlite3"
SCHEMA_VERSION = 2
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
]


class StoreError(Exception):
    """The store cannot be opened or written; the message says where and why."""


@dataclass(frozen=True, slots=True, order=True)
class StepKey:
    """Where a tick is saved: stable ids, never positions in a list."""

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
            raise StoreError(f"cannot create the progress folder {self.data_dir}: "
                             f"{error.strerror}") from None
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as error:
            if not self._is_damage(error):
                raise StoreError(f"cannot open the progress file {self.path}: {error}") from None
            self.moved_aside = self._move_aside()
            try:
                self._db = self._connect()
            except sqlite3.Error as again:
                raise StoreError(f"cannot open the progress file {self.path}: {again}") from None

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
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by a newer optout-tui (schema "
                                 f"{version}); update optout-tui to use it")
            if version < SCHEMA_VERSION:
                self._migrate(db)
            db.execute("SELECT count(*) FROM step_state").fetchone()
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

    def set_state(self, key: StepKey, state: str) -> None:
        """Save one step's state at once; raises StoreError when it cannot be saved."""
        if state not in STATES:
            raise ValueError(f"unknown step state {state!r}")
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT INTO step_state (profile, platform, action, surface, step, state,"
                    " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (profile, platform, action, surface, step)"
                    " DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at",
                    (self.profile, key.platform, key.action, key.surface, key.step, state, now))
        except sqlite3.Error as error:
            raise StoreError(f"could not save to {self.path}: {error}") from None

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
        try:
            return {StepKey(*row[:4]): row[4] for row in self._db.execute(query, args)}
        except sqlite3.Error as error:
            raise StoreError(f"could not read {self.path}: {error}") from None

    def done_steps(self, platform: str | None = None) -> set[StepKey]:
        """Every ticked step of this profile (of one platform, when given)."""
        return {k for k, state in self.states(platform).items() if state == DONE}

    def close(self) -> None:
        self._db.close()
