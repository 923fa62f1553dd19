"""Exit codes: the app's and the commands', each failure path on its own, so turning any of
them into a success fails a test."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from optout_tui import cli
from optout_tui.cli import main
from optout_tui.commands import common
from tests.conftest import EXAMPLE_CATALOG


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)


def _fake_app(monkeypatch: pytest.MonkeyPatch, *, return_code: int | None, pending: list) -> None:
    import optout_tui.tui.app as app_module

    class FakeApp:
        def __init__(self, catalog, data, **kwargs) -> None:
            self.return_code = return_code
            self.progress = SimpleNamespace(pending=pending, pending_done=[], last_error=None)
            self.catalog_changed = False  # (the catalog shown is the files': no second start)

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "OptOutApp", FakeApp)


def test_the_app_stopping_on_an_error_is_a_failure(tmp_path: Path, monkeypatch, capsys) -> None:
    _fake_app(monkeypatch, return_code=3, pending=[])
    assert main(["--data-dir", str(tmp_path)]) == 3
    assert "unexpected error" in capsys.readouterr().err


def test_changes_left_unsaved_are_a_failure(tmp_path: Path, monkeypatch, capsys) -> None:
    _fake_app(monkeypatch, return_code=None, pending=["a tick"])
    assert main(["--data-dir", str(tmp_path)]) == 1
    assert "could not be saved" in capsys.readouterr().err


def test_a_clean_app_exit_is_a_success(tmp_path: Path, monkeypatch, capsys) -> None:
    _fake_app(monkeypatch, return_code=None, pending=[])
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_handler", lambda name: interrupted)
    assert main(["list"]) == 130


def test_a_command_error_keeps_its_code(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def failing(args):
        raise common.CommandError("nothing here", code=4)

    monkeypatch.setattr(cli, "_handler", lambda name: failing)
    assert main(["list"]) == 4
    assert "nothing here" in capsys.readouterr().err


def test_validate_of_a_missing_path_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "missing")]) == 2


def test_validate_of_a_bad_file_exits_1(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1


@pytest.mark.parametrize("json", [[], ["--json"]])
def test_a_search_without_hits_exits_1(json: list[str], capsys) -> None:
    assert main(["search", "zzqqxxnothing", *json]) == 1
    assert main(["search", "example", *json]) == 0
