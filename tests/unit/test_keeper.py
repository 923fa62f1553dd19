"""When the disk refuses a save, the change is kept in memory, shown, and saved later."""

from __future__ import annotations

from pathlib import Path

import pytest

from optout_tui.progress import ProgressStore, StepKey, StoreError
from optout_tui.progress.keeper import ProgressKeeper

KEY = StepKey("example", "ai-training", "web", "untick")


def test_refused_save_is_kept_and_retried(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keeper = ProgressKeeper(lambda: ProgressStore(data_dir))
    real = ProgressStore.set_state

    def full_disk(self, key, state):
        raise StoreError("database or disk is full")

    monkeypatch.setattr(ProgressStore, "set_state", full_disk)
    assert keeper.set_step(KEY, True) is False
    assert keeper.done_steps() == {KEY}  # shown as done while it waits
    assert "disk is full" in str(keeper.last_error)
    assert keeper.retry() is False
    monkeypatch.setattr(ProgressStore, "set_state", real)
    assert keeper.retry() is True and keeper.pending == {}
    assert ProgressStore(data_dir).done_steps() == {KEY}


def test_store_that_cannot_open_is_tried_again(data_dir: Path) -> None:
    attempts = []

    def opener() -> ProgressStore:
        attempts.append(1)
        if len(attempts) < 3:
            raise StoreError("cannot create the progress folder: read-only file system")
        return ProgressStore(data_dir)

    keeper = ProgressKeeper(opener)
    assert keeper.store is None and "read-only" in str(keeper.last_error)
    assert keeper.set_step(KEY, True) is False
    assert keeper.done_steps() == {KEY}
    assert keeper.retry() is True
    assert ProgressStore(data_dir).done_steps() == {KEY}


def test_a_refused_done_record_is_kept_and_saved_later(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a finished action was done against must not be lost when the disk refuses it
    (without it, a later change in the catalog could not be noticed)."""
    keeper = ProgressKeeper(lambda: ProgressStore(data_dir))
    real = ProgressStore.record_done

    def full_disk(self, *args):
        raise StoreError("database or disk is full")

    monkeypatch.setattr(ProgressStore, "record_done", full_disk)
    assert keeper.record_done("example", "ai-training", "web", '{"steps": []}') is False
    assert keeper.pending_done == {("example", "ai-training", "web"): '{"steps": []}'}
    assert ("example", "ai-training", "web") in keeper.done_records()  # shown meanwhile
    monkeypatch.setattr(ProgressStore, "record_done", real)
    assert keeper.retry() is True and keeper.pending_done == {}
    [(snapshot, _)] = ProgressStore(data_dir).done_records().values()
    assert snapshot == '{"steps": []}'


@pytest.mark.parametrize("how", ["folder deleted", "file replaced"])
def test_a_progress_file_deleted_under_the_app_is_noticed(data_dir: Path, how: str) -> None:
    """SQLite writes happily into a deleted file (nobody reads it again): the keeper notices,
    says so, keeps the change in memory and saves it into the file that is there on retry."""
    import shutil

    keeper = ProgressKeeper(lambda: ProgressStore(data_dir, profile="Ada"))
    assert keeper.set_step(KEY, True) is True
    if how == "folder deleted":
        shutil.rmtree(data_dir)
    else:
        path = keeper.path
        assert path is not None
        other = ProgressStore(data_dir.parent / "elsewhere", profile="Ada")
        other.close()
        for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            side.unlink(missing_ok=True)
        shutil.copy(other.path, path)
    later = StepKey("example", "ai-training", "web", "save")
    assert keeper.set_step(later, True) is False  # not claimed as saved
    assert "deleted or replaced" in keeper.last_error.text("en")
    assert later in keeper.done_steps() and keeper.profile == "Ada"  # still shown, same person
    assert keeper.retry() is True and keeper.pending == {}
    keeper.close()
    again = ProgressStore(data_dir, profile="Ada")
    assert later in again.done_steps()
    again.close()
