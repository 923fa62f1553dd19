"""Erasing or renaming a person covers every table that holds their data: a table added later
with a person column and forgotten in PROFILE_COLUMNS would keep an erased person's data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from optout_tui.progress.store import PROFILE_COLUMNS, ProgressStore


def test_every_table_with_a_person_column_is_erased_and_renamed(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.close()
    db = sqlite3.connect(tmp_path / "progress.sqlite3")
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    holding = set()
    for table in tables:
        columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        if "profile" in columns:
            holding.add((table, "profile"))
        elif table == "profile":
            holding.add((table, "name"))
    db.close()
    assert holding, "the store has tables"
    assert holding <= set(PROFILE_COLUMNS)
