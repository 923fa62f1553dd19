"""The progress store: ticked steps in SQLite, keyed by stable catalog ids. No Textual."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "progress.sqlite3"
SCHEMA_VERSION = 1
DEFAULT_PROFILE = "default"

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS step_state (
    profile    TEXT NOT NULL,
    platform   TEXT NOT NULL,
    action     TEXT NOT NULL,
    surface    TEXT NOT NULL,
    step       TEXT NOT NULL,
    done       INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (profile, platform, action, surface, step)
) WITHOUT ROWID;
"""


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
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute(_SCHEMA_V1)
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("SELECT count(*) FROM step_state").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def set_step(self, key: StepKey, done: bool) -> None:
        """Save one tick (or untick) at once; raises StoreError when it cannot be saved."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT INTO step_state (profile, platform, action, surface, step, done,"
                    " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (profile, platform, action, surface, step)"
                    " DO UPDATE SET done = excluded.done, changed_at = excluded.changed_at",
                    (self.profile, key.platform, key.action, key.surface, key.step,
                     int(done), now))
        except sqlite3.Error as error:
            raise StoreError(f"could not save to {self.path}: {error}") from None

    def done_steps(self, platform: str | None = None) -> set[StepKey]:
        """Every ticked step of this profile (of one platform, when given)."""
        query = "SELECT platform, action, surface, step FROM step_state " \
                "WHERE profile = ? AND done = 1"
        args: tuple[str, ...] = (self.profile,)
        if platform is not None:
            query += " AND platform = ?"
            args += (platform,)
        try:
            return {StepKey(*row) for row in self._db.execute(query, args)}
        except sqlite3.Error as error:
            raise StoreError(f"could not read {self.path}: {error}") from None

    def close(self) -> None:
        self._db.close()
