"""Preferences: saved atomically, other keys kept, a damaged file ignored."""

from __future__ import annotations

from pathlib import Path

from optout_tui.settings import FILE_NAME, load_settings, save_setting


def test_save_and_load(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == {}
    save_setting(tmp_path / "new", "theme", "optout-high-contrast")
    save_setting(tmp_path / "new", "other", "x")
    assert load_settings(tmp_path / "new") == {"theme": "optout-high-contrast", "other": "x"}
    assert [p.name for p in (tmp_path / "new").iterdir()] == [FILE_NAME]  # no temp left


def test_damaged_file_is_ignored_then_replaced(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == {}
    (tmp_path / FILE_NAME).write_text('["a list"]', encoding="utf-8")
    assert load_settings(tmp_path) == {}
    save_setting(tmp_path, "theme", "textual-light")
    assert load_settings(tmp_path) == {"theme": "textual-light"}


def _in_a_thread(fn, *args):
    """Run `fn` where a hang shows as a failure instead of stopping the test run."""
    import threading

    result: list = []
    worker = threading.Thread(target=lambda: result.append(fn(*args)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "hung"
    return result[0]


def test_a_fifo_named_settings_json_does_not_hang(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / FILE_NAME)
    assert _in_a_thread(load_settings, tmp_path) == {}


def test_deep_or_huge_settings_are_ignored(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("[" * 30_000 + "]" * 30_000, encoding="utf-8")
    assert load_settings(tmp_path) == {}
    padding = "x" * 100_000
    (tmp_path / FILE_NAME).write_text(
        f'{{"theme": "textual-light", "pad": "{padding}"}}', encoding="utf-8"
    )
    assert load_settings(tmp_path) == {}


def test_settings_are_private(tmp_path: Path) -> None:
    import stat

    save_setting(tmp_path / "new", "theme", "textual-light")
    assert stat.S_IMODE((tmp_path / "new" / FILE_NAME).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
