"""What the commands say when the progress file or the files given to them are not right
(issue 13): a clear message, a non-zero exit where it failed, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore, StepKey
from optout_tui.progress.store import DB_NAME
from tests.conftest import EXAMPLE_CATALOG

OPEN = StepKey("example", "ai-training", "web", "open-settings")


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)


def test_the_cli_says_where_a_damaged_file_went(tmp_path: Path, capsys) -> None:
    tmp_path.joinpath(DB_NAME).write_bytes(b"garbage, not a database" * 50)
    assert main(["profiles", "--data-dir", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "the progress file was damaged; it was moved to" in err
    assert f"{DB_NAME}.damaged-" in err


def test_a_read_only_store_is_listed_and_exported_with_a_notice(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    store = ProgressStore(tmp_path, profile="p")
    store.set_step(OPEN, True)
    store.close()

    def refuse(self):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode = 8
        raise error

    monkeypatch.setattr(ProgressStore, "_connect", refuse)
    assert main(["export", "--data-dir", str(tmp_path), "--profile", "p"]) == 0
    captured = capsys.readouterr()
    assert '"step": "open-settings"' in captured.out
    assert "can only be read" in captured.err


def test_another_programs_database_is_a_clear_error(tmp_path: Path, capsys) -> None:
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("CREATE TABLE mail (subject TEXT)")
    assert main(["list", "--status", "done", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "not an optout-tui progress file" in err and "Traceback" not in err


def test_an_unreadable_overlay_folder_is_a_clear_error(tmp_path: Path, capsys, monkeypatch) -> None:
    import os

    overlay = tmp_path / "overlay"
    overlay.mkdir()
    real_scandir = os.scandir

    def refuse(path="."):  # a path, or an open folder's descriptor (passed on)
        if not isinstance(path, int) and Path(path) == overlay:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert main(["list", "--catalog", str(overlay)]) == 1
    err = capsys.readouterr().err
    assert f"{overlay}:1:1: error: cannot read the catalog folder: Permission denied" in err
    assert main(["validate", str(overlay)]) == 1
    assert "cannot read the catalog folder" in capsys.readouterr().out
