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
