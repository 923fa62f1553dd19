"""The progress store: ticked steps in SQLite, keyed by stable catalog ids. No Textual."""

import datetime as dt
import os
import sqlite3
from enum import StrEnum
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from optout_tui.i18n import N_, Localised
from optout_tui.text import clean, has_control

DB_NAME = "progress.sqlite3"
SCHEMA_VERSION = 6
APPLICATION_ID = 0x6F70746F  # "opto": PRAGMA application_id, so our files are known as ours
RECHECK_AFTER_DAYS = 90  # a finished action is looked at again after this many days
HISTORY_KEPT = 500  # changes kept per profile for undo
DEFAULT_PROFILE = "default"


class StepState(StrEnum):
    """What a person said about one step (saved as this text)."""

    DONE = "done"
    NOT_POSSIBLE = "not-possible"  # "not possible for me": region, plan, no such menu
    TODO = "todo"


DONE, NOT_POSSIBLE, TODO = StepState.DONE, StepState.NOT_POSSIBLE, StepState.TODO
STATES = tuple(StepState)

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
    # 6: the platforms a person said they use ("Which of these do you use?").
    """
    CREATE TABLE platform_used (
        profile    TEXT NOT NULL,
        platform   TEXT NOT NULL,
        PRIMARY KEY (profile, platform)
    ) WITHOUT ROWID;
    """,
]


class StoreError(Localised):
    """The store cannot be opened or written; the message says where and why."""


# SQLite result codes (sqlite3.SQLITE_* from Python 3.11) and what to tell the person.
_FULL, _READONLY, _CANTOPEN, _PERM, _IOERR, _BUSY, _LOCKED = 13, 8, 14, 3, 10, 5, 6
_CANNOT_WRITE = {_READONLY, _CANTOPEN, _PERM}
_WORDS = {
    _FULL: N_("the disk is full"),
    _READONLY: N_("the file or its folder is read-only"),
    _CANTOPEN: N_("the file cannot be opened for writing"),
    _PERM: N_("permission denied"),
    _BUSY: N_("another program is using the file"),
    _LOCKED: N_("another program is using the file"),
}


def _check_profile_name(name: str) -> None:
    """A profile name is shown on screens and in exports: no control characters, one line."""
    if not name.strip() or has_control(name) or "\n" in name or len(name) > 200:
        raise StoreError(
            "{name!r} cannot be a profile name (empty, too long, or with control characters)",
            name=name[:200],
        )


def _moment(text: str) -> dt.datetime:
    """A stored date and time; one that cannot be read (or has no zone) counts as the oldest."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _errorcode(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # the primary code of an extended one


def _explain(error: sqlite3.Error) -> str:
    """SQLite's message, in plain words when it is one a person can act on."""
    code = _errorcode(error)
    words = _WORDS.get(code) if code is not None else None
    return f"{words} ({error})" if words else str(error)


class StepKey(NamedTuple):
    """Where a tick is saved: stable ids, never positions in a list. (A NamedTuple: hashed,
    compared and sorted as a tuple, and cheap to create by the thousand.)"""

    platform: str
    action: str
    surface: str
    step: str


# Every table holding a person's data, and the column naming the person: renaming a person
# moves all of it, erasing a person deletes all of it (a new table must be added here).
PROFILE_COLUMNS = (
    ("profile", "name"),
    ("step_state", "profile"),
    ("history", "profile"),
    ("action_done", "profile"),
    ("action_note", "profile"),
    ("filled_template", "profile"),
    ("platform_used", "profile"),
)


class ProgressStore:
    """Ticks for one profile, saved at once in an SQLite database under `data_dir`.

    Only a file that is ours is ever written: stamped with APPLICATION_ID (or an unstamped
    file of an earlier version, with our tables), checked read-only before anything is
    written. A file from a newer version, or another program's database, is refused untouched.
    When the file can be read but not written, it is opened read-only (`read_only`).
    """

    def __init__(self, data_dir: Path, profile: str = DEFAULT_PROFILE) -> None:
        _check_profile_name(profile)
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self.profile = profile
        self.moved_aside: Path | None = None
        """Where a damaged database was moved before a fresh one was started, if it was."""
        self.read_only: str | None = None
        """Why the file could only be opened for reading, when it could not be written."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            if not self.path.is_file():
                raise StoreError(
                    "cannot create the progress folder {folder}: {error}",
                    folder=self.data_dir,
                    error=error.strerror,
                ) from None
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            if not self._is_damage(error):
                raise StoreError(
                    "cannot open the progress file {path}: {error}",
                    path=self.path,
                    error=_explain(error),
                ) from None
            self.moved_aside = self._move_aside()
            try:
                self._db = self._open()
            except sqlite3.Error as again:
                raise StoreError(
                    "cannot open the progress file {path}: {error}",
                    path=self.path,
                    error=_explain(again),
                ) from None
        self._identity = self._file_identity()

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino)

    @property
    def gone(self) -> bool:
        """The progress file (or its folder) was deleted or replaced since it was opened:
        a write would go to a file nobody reads again."""
        return self._file_identity() != self._identity

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

    def _check_ours(self) -> bool:
        """Read-only look at an existing file, before anything is written to it.

        True when it is ours and needs nothing; False when it is ours (or empty) and needs
        creating or migrating; StoreError when it is another program's or a newer version's.
        """
        probe = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0]
                for row in probe.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
            }
        finally:
            probe.close()
        if app_id not in (0, APPLICATION_ID) or (
            app_id == 0
            and tables
            and not (0 < version <= SCHEMA_VERSION and "step_state" in tables)
        ):
            raise StoreError(
                "{path} is not an optout-tui progress file (it belongs to another "
                "program); it was left untouched. Use --data-dir to choose another "
                "folder",
                path=self.path,
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                "{path} was written by a newer optout-tui (schema {version}); "
                "update optout-tui to use it. It was left untouched",
                path=self.path,
                version=version,
            )
        return bool(app_id == APPLICATION_ID and version == SCHEMA_VERSION)

    def _open(self) -> sqlite3.Connection:
        """The database for reading and writing, or for reading only when it cannot be
        written (a read-only file, folder or disk)."""
        try:
            return self._connect()
        except sqlite3.OperationalError as error:
            if not self.path.is_file() or _errorcode(error) not in _CANNOT_WRITE:
                raise
            reason = _explain(error)
        db = self._connect_read_only()
        self.read_only = reason
        return db

    def _connect(self) -> sqlite3.Connection:
        new = not self.path.exists()
        if new:  # create it private before SQLite writes anything into it
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        ready = self._check_ours()
        db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 5000")
            db.execute("PRAGMA secure_delete = ON")  # deleted data is overwritten, not left
            if not ready:
                self._migrate(db)
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("SELECT count(*) FROM step_state").fetchone()
            self._session_start = db.execute(
                "SELECT coalesce(max(seq), 0) FROM history"
            ).fetchone()[0]
        except BaseException:
            db.close()
            raise
        return db

    def _connect_read_only(self) -> sqlite3.Connection:
        self._check_ours()
        db = None
        for mode in ("mode=ro", "immutable=1"):  # immutable: when not even -shm can be made
            try:
                db = sqlite3.connect(
                    f"{self.path.absolute().as_uri()}?{mode}", uri=True, isolation_level=None
                )
                if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    db.close()
                    raise StoreError(
                        "{path} needs updating to this version of optout-tui, "
                        "but it cannot be written",
                        path=self.path,
                    )
                db.execute("SELECT count(*) FROM step_state").fetchone()
                self._session_start = db.execute(
                    "SELECT coalesce(max(seq), 0) FROM history"
                ).fetchone()[0]
                return db
            except sqlite3.OperationalError:
                if db is not None:
                    db.close()
                if mode == "immutable=1":
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Bring the schema up to date and stamp the file as ours, in one transaction: a
        failure at any step leaves the file as it was."""
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:  # a newer version got there first
                raise StoreError(
                    "the progress file was written by a newer optout-tui (schema "
                    "{version}); update optout-tui to use it",
                    version=version,
                )
            for script in MIGRATIONS[version:]:
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @staticmethod
    def _now() -> str:
        return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run `work(db)` in one immediate transaction; StoreError when it cannot be saved."""
        if self.read_only is not None:
            raise StoreError(
                "could not save to {path}: it can only be read ({why})",
                path=self.path,
                why=self.read_only,
            )
        if self.gone:
            raise StoreError(
                "could not save to {path}: it was deleted or replaced while the app was running",
                path=self.path,
            )
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                work(db)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:  # SQLite may have rolled back already (disk full)
                    try:
                        db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise
        except sqlite3.Error as error:
            raise StoreError(
                "could not save to {path}: {error}", path=self.path, error=_explain(error)
            ) from None

    def _read(self, query: str, args: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query; StoreError when the file cannot be read."""
        try:
            return self._db.execute(query, args).fetchall()
        except sqlite3.Error as error:
            raise StoreError(
                "could not read {path}: {error}", path=self.path, error=_explain(error)
            ) from None

    def _state_of(self, db: sqlite3.Connection, key: StepKey) -> str:
        row = db.execute(
            "SELECT state FROM step_state WHERE profile = ? AND platform = ? AND "
            "action = ? AND surface = ? AND step = ?",
            (self.profile, *self._key(key)),
        ).fetchone()
        return row[0] if row else TODO

    @staticmethod
    def _key(key: StepKey) -> tuple[str, str, str, str]:
        return key.platform, key.action, key.surface, key.step

    def _put(self, db: sqlite3.Connection, key: StepKey, state: str, now: str) -> None:
        db.execute(
            "INSERT INTO step_state (profile, platform, action, surface, step, state,"
            " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (profile, platform, action, surface, step)"
            " DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at",
            (self.profile, *self._key(key), state, now),
        )

    def set_state(self, key: StepKey, state: str) -> None:
        """Save one step's state at once, with a history entry for undo."""
        if state not in STATES:
            raise ValueError(f"unknown step state {state!r}")

        def work(db: sqlite3.Connection) -> None:
            now = self._now()
            before = self._state_of(db, key)
            if before == state:
                return
            db.execute(
                "INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                (self.profile, now),
            )
            self._put(db, key, state, now)
            db.execute(
                "INSERT INTO history (profile, platform, action, surface, step, before,"
                " after, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (self.profile, *self._key(key), before, state, now),
            )
            db.execute(
                "DELETE FROM history WHERE profile = ? AND seq <= (SELECT max(seq) FROM "
                "history WHERE profile = ?) - ?",
                (self.profile, self.profile, HISTORY_KEPT),
            )

        self._write(work)

    def undo(self) -> StepKey | None:
        """Undo this session's last change (not other sessions'); the step it touched."""
        undone: list[StepKey] = []

        def work(db: sqlite3.Connection) -> None:
            row = db.execute(
                "SELECT seq, platform, action, surface, step, before FROM history "
                "WHERE profile = ? AND seq > ? ORDER BY seq DESC LIMIT 1",
                (self.profile, self._session_start),
            ).fetchone()
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
        self._write(
            lambda db: db.execute(
                "INSERT INTO action_done (profile, platform, action, surface, snapshot, done_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (profile, platform, action, surface)"
                " DO UPDATE SET snapshot = excluded.snapshot, done_at = excluded.done_at",
                (self.profile, platform, action, surface, snapshot, self._now()),
            )
        )

    def done_records(
        self, platform: str | None = None
    ) -> dict[tuple[str, str, str], tuple[str, str]]:
        """(platform, action, surface) → (snapshot, done_at) for this profile."""
        query = (
            "SELECT platform, action, surface, snapshot, done_at FROM action_done WHERE profile = ?"
        )
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
            "WHERE profile = ? ORDER BY platform, action, surface, step",
            (self.profile,),
        )

    def merge(
        self,
        steps: list[tuple[str, str, str, str, str, str]],
        done: list[tuple[str, str, str, str, str]],
        notes: Sequence[tuple[str, str, str, str]] = (),
    ) -> int:
        """Merge exported rows (checked by progress.export.parse_export): for each step the
        later change wins, compared as moments in time, not as text; nothing else is lost.

        Returns how many steps changed here.
        """
        changed = [0]

        def later(stored: str | None, incoming: str) -> bool:
            return stored is None or _moment(stored) < _moment(incoming)

        def work(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                (self.profile, self._now()),
            )
            for platform, action, surface, step, state, changed_at in steps:
                if state not in STATES:
                    raise StoreError("unknown step state {state!r} in the import", state=state)
                row = db.execute(
                    "SELECT changed_at FROM step_state WHERE profile = ? AND "
                    "platform = ? AND action = ? AND surface = ? AND step = ?",
                    (self.profile, platform, action, surface, step),
                ).fetchone()
                if later(row and row[0], changed_at):
                    db.execute(
                        "INSERT OR REPLACE INTO step_state (profile, platform, action,"
                        " surface, step, state, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (self.profile, platform, action, surface, step, state, changed_at),
                    )
                    changed[0] += 1
            for platform, action, surface, snapshot, done_at in done:
                row = db.execute(
                    "SELECT done_at FROM action_done WHERE profile = ? AND "
                    "platform = ? AND action = ? AND surface = ?",
                    (self.profile, platform, action, surface),
                ).fetchone()
                if later(row and row[0], done_at):
                    db.execute(
                        "INSERT OR REPLACE INTO action_done VALUES (?, ?, ?, ?, ?, ?)",
                        (self.profile, platform, action, surface, snapshot, done_at),
                    )
            for platform, action, note, changed_at in notes:
                row = db.execute(
                    "SELECT changed_at FROM action_note WHERE profile = ? AND "
                    "platform = ? AND action = ?",
                    (self.profile, platform, action),
                ).fetchone()
                if later(row and row[0], changed_at):
                    db.execute(
                        "INSERT OR REPLACE INTO action_note VALUES (?, ?, ?, ?, ?)",
                        (self.profile, platform, action, clean(note), changed_at),
                    )

        self._write(work)
        return changed[0]

    # -- notes -----------------------------------------------------------------------
    def set_note(self, platform: str, action: str, note: str) -> None:
        """Save (or, when empty, remove) the person's note on an action."""

        def work(db: sqlite3.Connection) -> None:
            if note.strip():
                db.execute(
                    "INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                    (self.profile, self._now()),
                )
                db.execute(
                    "INSERT OR REPLACE INTO action_note VALUES (?, ?, ?, ?, ?)",
                    (self.profile, platform, action, clean(note), self._now()),
                )
            else:
                db.execute(
                    "DELETE FROM action_note WHERE profile = ? AND platform = ? AND action = ?",
                    (self.profile, platform, action),
                )

        self._write(work)

    def notes(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(platform, action) → (note, changed_at) for this profile."""
        return {
            row[:2]: row[2:]
            for row in self._read(
                "SELECT platform, action, note, changed_at FROM action_note WHERE profile = ?",
                (self.profile,),
            )
        }

    # -- filled-in templates ----------------------------------------------------------
    def set_filled(self, platform: str, action: str, surface: str, text: str) -> None:
        """Save the template text as the person filled it in (and copied it)."""

        def work(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                (self.profile, self._now()),
            )
            db.execute(
                "INSERT OR REPLACE INTO filled_template VALUES (?, ?, ?, ?, ?, ?)",
                (self.profile, platform, action, surface, clean(text), self._now()),
            )

        self._write(work)

    def filled(self, platform: str) -> dict[tuple[str, str], str]:
        """(action, surface) → the filled-in text saved for this profile on `platform`."""
        return {
            (a, s): text
            for a, s, text in self._read(
                "SELECT action, surface, text FROM filled_template WHERE profile = ? AND "
                "platform = ?",
                (self.profile, platform),
            )
        }

    # -- profiles --------------------------------------------------------------------
    def profiles(self) -> list[str]:
        """Every profile with saved progress, oldest first."""
        return [row[0] for row in self._read("SELECT name FROM profile ORDER BY created_at, name")]

    # -- the platforms a person uses ------------------------------------------------
    def used(self) -> frozenset[str]:
        """The ids of the platforms this person said they use (empty: not said, or all)."""
        return frozenset(
            row[0]
            for row in self._read(
                "SELECT platform FROM platform_used WHERE profile = ?", (self.profile,)
            )
        )

    def set_used(self, platforms: set[str] | frozenset[str]) -> None:
        """Keep the platforms this person uses (empty: every platform)."""

        def work(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                (self.profile, self._now()),
            )
            db.execute("DELETE FROM platform_used WHERE profile = ?", (self.profile,))
            db.executemany(
                "INSERT INTO platform_used VALUES (?, ?)",
                [(self.profile, p) for p in sorted(platforms)],
            )

        self._write(work)

    def add_profile(self) -> None:
        """Register this profile even before anything is ticked (a new visitor)."""
        self._write(
            lambda db: db.execute(
                "INSERT OR IGNORE INTO profile (name, created_at) VALUES (?, ?)",
                (self.profile, self._now()),
            )
        )

    def rename_profile(self, old: str, new: str) -> None:
        _check_profile_name(new)
        if new in self.profiles():
            raise StoreError("a profile named {name!r} exists already", name=new)

        def work(db: sqlite3.Connection) -> None:
            for table, column in PROFILE_COLUMNS:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))

        self._write(work)
        if self.profile == old:
            self.profile = new

    def delete_profile(self, name: str) -> None:
        """Erase a profile's data for real: rows deleted, freed pages zeroed, WAL emptied."""

        def work(db: sqlite3.Connection) -> None:
            for table, column in PROFILE_COLUMNS:
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))

        self._write(work)
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:  # another instance holds the WAL: emptied at its next checkpoint
            pass

    def set_step(self, key: StepKey, done: bool) -> None:
        """Tick or untick a step."""
        self.set_state(key, DONE if done else TODO)

    def states(self, platform: str | None = None) -> dict[StepKey, str]:
        """The state of every step this profile has touched (of one platform, when given)."""
        query = (
            "SELECT platform, action, surface, step, state FROM step_state "
            "WHERE profile = ? AND state != 'todo'"
        )
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
