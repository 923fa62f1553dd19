"""Import refuses what would lose later changes or crash later (issue 13.2, 13.5, 13.10)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore, StepKey, StoreError
from optout_tui.progress.export import parse_export
from tests.conftest import EXAMPLE_CATALOG

OPEN = StepKey("example", "ai-training", "web", "open-settings")
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)


def _export(steps=(), done=(), notes=(), version=1) -> str:
    return json.dumps(
        {
            "format_version": version,
            "profile": "p",
            "steps": list(steps),
            "done": list(done),
            "notes": list(notes),
        }
    )


def _step(changed_at="2026-11-30T10:00:00+00:00", state="done", **overrides) -> dict:
    record = {
        "platform": "example",
        "action": "ai-training",
        "surface": "web",
        "step": "open-settings",
        "state": state,
        "changed_at": changed_at,
    }
    record.update(overrides)
    return record


@pytest.mark.parametrize(
    "changed_at, why",
    [
        ("9999-12-31T23:59:59+00:00", "in the future"),
        ("2026-12-01T14:00:00+00:00", "in the future"),  # two hours ahead: beyond clock skew
        ("~~~~", "not a date"),
        ("2026-13-01T00:00:00+00:00", "not a date"),
        ("2026-11-30T10:00:00", "no time zone"),
    ],
)
def test_dates_that_would_win_forever_or_crash_are_refused(changed_at: str, why: str) -> None:
    with pytest.raises(StoreError, match=why):
        parse_export(_export([_step(changed_at)]), "in.json", now=NOW)


def test_a_date_within_clock_skew_is_accepted() -> None:
    steps, _, _ = parse_export(_export([_step("2026-12-01T12:20:00+00:00")]), "in.json", now=NOW)
    assert steps[0][-1] == "2026-12-01T12:20:00+00:00"


def test_dates_are_compared_as_moments_not_as_text(data_dir: Path) -> None:
    """10:30 at +01:00 is 09:30 UTC: earlier than the tick saved at 10:00 UTC."""
    store = ProgressStore(data_dir)
    store.merge([(*OPEN, "done", "2026-03-01T10:00:00+00:00")], [])
    assert store.merge([(*OPEN, "todo", "2026-03-01T10:30:00+01:00")], []) == 0
    assert store.done_steps() == {OPEN}
    assert store.merge([(*OPEN, "todo", "2026-03-01T11:30:00+01:00")], []) == 1
    assert store.done_steps() == set()


def test_dates_are_stored_in_utc(data_dir: Path) -> None:
    steps, _, _ = parse_export(_export([_step("2026-03-01T10:30:00+01:00")]), "in.json", now=NOW)
    assert steps[0][-1] == "2026-03-01T09:30:00+00:00"


@pytest.mark.parametrize(
    "record, why",
    [
        (_step(state="finished"), "unknown state"),
        (_step(platform=7), "platform must be text"),
        (_step(step="open\x1b]52;c;aGk=\x07"), "control characters"),
        (_step(action=""), "empty"),
        (_step(surface="w" * 500), "characters long"),
    ],
)
def test_record_checks(record: dict, why: str) -> None:
    with pytest.raises(StoreError, match=why):
        parse_export(_export([record]), "in.json", now=NOW)


def test_a_newer_format_is_refused() -> None:
    with pytest.raises(StoreError, match="format_version 2"):
        parse_export(_export([_step()], version=2), "in.json", now=NOW)


@pytest.mark.parametrize("snapshot", ["not json", "[1, 2]", '{"steps": 3}', "[" * 50_000])
def test_a_malformed_snapshot_is_refused(snapshot: str) -> None:
    done = {
        "platform": "example",
        "action": "ai-training",
        "surface": "web",
        "snapshot": snapshot,
        "done_at": "2026-11-30T10:00:00+00:00",
    }
    with pytest.raises(StoreError, match="snapshot"):
        parse_export(_export([], [done]), "in.json", now=NOW)


def test_notes_lose_their_control_characters_on_the_way_in(data_dir: Path) -> None:
    note = {
        "platform": "example",
        "action": "ai-training",
        "note": "done\x1b]52;c;cm0gLXJmIH4=\x07 on the \x9blaptop",
        "changed_at": "2026-11-30T10:00:00+00:00",
    }
    _, _, notes = parse_export(_export([], [], [note]), "in.json", now=NOW)
    assert notes[0][2] == "done]52;c;cm0gLXJmIH4= on the laptop"
    store = ProgressStore(data_dir)
    store.merge([], [], [("example", "ai-training", "a\x1b[2Jb", "2026-11-30T10:00:00+00:00")])
    store.set_note("example", "other", "c\x07d")
    assert {k: v[0] for k, v in store.notes().items()} == {
        ("example", "ai-training"): "a[2Jb",
        ("example", "other"): "cd",
    }


def test_a_huge_note_is_refused_not_silently_merged(tmp_path: Path, capsys) -> None:
    note = {
        "platform": "example",
        "action": "ai-training",
        "note": "x" * 50_000,
        "changed_at": "2026-11-30T10:00:00+00:00",
    }
    path = tmp_path / "in.json"
    path.write_text(_export([], [], [note]), encoding="utf-8")
    assert main(["import", str(path), "--data-dir", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "in.json" in err and "note is 50,000 characters long" in err


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, capsys, monkeypatch) -> None:
    from optout_tui.progress import export

    monkeypatch.setattr(export, "MAX_IMPORT_BYTES", 1_000)
    path = tmp_path / "in.json"
    path.write_text(_export([_step()] * 20), encoding="utf-8")
    assert main(["import", str(path), "--data-dir", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "cannot read" in err and "(at most 1,000)" in err
    assert not (tmp_path / "d").exists()  # refused before the store was even opened


def test_deeply_nested_import_is_a_message(tmp_path: Path, capsys) -> None:
    path = tmp_path / "in.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["import", str(path), "--data-dir", str(tmp_path / "d")]) == 1
    assert "nested too deeply" in capsys.readouterr().err


def test_a_fifo_import_is_refused(tmp_path: Path, capsys) -> None:
    import os

    os.mkfifo(tmp_path / "in.json")
    assert main(["import", str(tmp_path / "in.json"), "--data-dir", str(tmp_path / "d")]) == 1
    assert "named pipe" in capsys.readouterr().err


def test_a_bad_record_already_saved_does_not_stop_list(data_dir: Path, capsys) -> None:
    """A record saved by an earlier version with an unreadable date is flagged for a
    re-check rather than crashing `list --status` (and the app) on every start."""
    store = ProgressStore(data_dir)
    for step in ("open-settings", "untick"):
        store.set_step(StepKey("example", "ai-training", "web", step), True)
    store.close()
    with sqlite3.connect(data_dir / "progress.sqlite3") as db:
        db.execute(
            "INSERT INTO action_done VALUES ('default', 'example', 'ai-training', "
            "'web', '{}', '~~~~')"
        )
    assert main(["list", "--status", "needs-recheck", "--data-dir", str(data_dir)]) == 0
    assert "example/ai-training" in capsys.readouterr().out
