"""Progress that is never lost while the app runs, even when the disk refuses a save.

Wraps a ProgressStore (or its absence, when it could not be opened): a change that cannot be
saved is kept in memory, shown as if saved, and retried later. No Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from optout_tui.progress.store import (
    DEFAULT_PROFILE,
    DONE,
    TODO,
    ProgressStore,
    StepKey,
    StoreError,
)

T = TypeVar("T")


class ProgressKeeper:
    """The app's view of progress: the store's states with unsaved changes laid over them."""

    def __init__(self, opener: Callable[[], ProgressStore]) -> None:
        self._opener = opener
        self.store: ProgressStore | None = None
        self.pending: dict[StepKey, str] = {}
        self.pending_done: dict[tuple[str, str, str], str] = {}
        self.last_error: StoreError | None = None
        """Why the last save or read failed (its `text(lang)` says it in words)."""
        self._last_states: dict[StepKey, str] = {}
        self._profile = DEFAULT_PROFILE
        """Whose progress, also while the store is dropped (its file was deleted)."""
        self._open()

    def _open(self) -> bool:
        if self.store is not None:
            return True
        try:
            self.store = self._opener()
            return True
        except StoreError as error:
            self.last_error = error
            return False

    @property
    def profile(self) -> str:
        if self.store is not None:
            self._profile = self.store.profile
        return self._profile

    @property
    def path(self) -> Path | None:
        return self.store.path if self.store else None

    def set_state(self, key: StepKey, state: str) -> bool:
        """Save now if possible; False when it is only kept in memory for now."""
        self.pending[key] = state
        return self.retry()

    def set_step(self, key: StepKey, done: bool) -> bool:
        return self.set_state(key, DONE if done else TODO)

    def record_done(self, platform: str, action: str, surface: str, snapshot: str) -> bool:
        self.pending_done[(platform, action, surface)] = snapshot
        return self.retry()

    def retry(self) -> bool:
        """Write what is pending; True when nothing is left unsaved."""
        if not (self.pending or self.pending_done):
            return True
        if not self._open():
            return False
        assert self.store is not None
        try:
            for key, state in list(self.pending.items()):
                self.store.set_state(key, state)
                del self.pending[key]
            for where, snapshot in list(self.pending_done.items()):
                self.store.record_done(*where, snapshot)
                del self.pending_done[where]
        except StoreError as error:
            self.last_error = error
            self._forget_if_gone()
            return False
        self.last_error = None
        return True

    def _forget_if_gone(self) -> None:
        """When the file was deleted or replaced under us, drop it: the next retry opens the
        file that is there now (or makes a new one) and saves what is pending into it."""
        if self.store is not None and self.store.gone:
            self._profile = self.store.profile
            self.store.close()
            self.store = None

    def _read(self, read: Callable[[ProgressStore], T], failed: T) -> T:
        """`read(store)`, or `failed` when there is no store or it refuses (kept as
        `last_error`, for the app to show)."""
        if self.store is None:
            return failed
        try:
            return read(self.store)
        except StoreError as error:
            self.last_error = error
            return failed

    def _save(self, write: Callable[[ProgressStore], object]) -> bool:
        """`write(store)`, opening the store first if need be; False when it failed."""
        if not self._open():
            return False
        return self._read(lambda store: bool(write(store) or True), False)

    def states(self, platform: str | None = None) -> dict[StepKey, str]:
        self._last_states = self._read(lambda store: store.states(), self._last_states)
        merged = dict(self._last_states)
        merged.update(self.pending)
        return {
            k: v
            for k, v in merged.items()
            if v != TODO and (platform is None or k.platform == platform)
        }

    def done_steps(self, platform: str | None = None) -> set[StepKey]:
        return {k for k, v in self.states(platform).items() if v == DONE}

    def done_records(
        self, platform: str | None = None
    ) -> dict[tuple[str, str, str], tuple[str, str]]:
        empty: dict[tuple[str, str, str], tuple[str, str]] = {}
        records = self._read(lambda store: store.done_records(platform), empty)
        for where, snapshot in self.pending_done.items():
            if platform is None or where[0] == platform:
                records[where] = (snapshot, _now())
        return records

    def notes(self) -> dict[tuple[str, str], tuple[str, str]]:
        return self._read(lambda store: store.notes(), {})

    def set_note(self, platform: str, action: str, note: str) -> bool:
        return self._save(lambda store: store.set_note(platform, action, note))

    def filled(self, platform: str) -> dict[tuple[str, str], str]:
        return self._read(lambda store: store.filled(platform), {})

    def set_filled(self, platform: str, action: str, surface: str, text: str) -> bool:
        return self._save(lambda store: store.set_filled(platform, action, surface, text))

    def used(self) -> frozenset[str]:
        """The platforms this person uses (empty: not said, or every one)."""
        return self._read(lambda store: store.used(), frozenset())

    def set_used(self, platforms: frozenset[str]) -> bool:
        return self._save(lambda store: store.set_used(platforms))

    def undo(self) -> StepKey | None:
        if self.store is None:
            return None
        return self.store.undo()

    def close(self) -> None:
        self.retry()
        if self.store is not None:
            self.store.close()


def _now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
