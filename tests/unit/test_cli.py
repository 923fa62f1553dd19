"""The command line: version, list, validate, and staying free of Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from optout_tui import __version__
from optout_tui.cli import main
from tests.conftest import EXAMPLE_CATALOG


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"optout {__version__}"


def test_list_reads_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--catalog", str(EXAMPLE_CATALOG), "list"]) == 0
    out = capsys.readouterr().out
    assert "example/ai-training" in out
    assert "x/grok-training" in out


def test_validate_clean_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE_CATALOG)]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:1:1: error: the platform: missing required key 'name'" in out


def test_validate_missing_path_is_usage_error(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2


def test_bad_catalog_stops_the_app_with_a_message(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "--catalog", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "the app did not start" in err and "broken.yaml:" in err
    assert "Traceback" not in err


def test_plain_commands_do_not_import_textual() -> None:
    code = (
        "import sys; from optout_tui.cli import main; main(['list']); "
        "import optout_tui.catalog, optout_tui.progress, optout_tui.qr; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'qrcode')]; "
        "sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "optout_tui", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.strip() == f"optout {__version__}"


def test_the_warm_cache_path_of_list_reads_no_yaml_and_no_textual() -> None:
    """The second `optout list` is served from the cache: neither the YAML parser nor the
    loader, Textual, Rich, qrcode or the URL parser are imported."""
    code = (
        "import sys; from optout_tui.cli import main; main(['list']); "
        "heavy = ('textual', 'rich', 'qrcode', 'yaml', 'ada_url'); "
        "bad = [m for m in sys.modules if m.split('.')[0] in heavy "
        "or m == 'optout_tui.catalog.loader']; "
        "print(' '.join(bad)); sys.exit(1 if bad else 0)"
    )
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert cold.returncode == 1 and "yaml" in cold.stdout  # the first run parses the YAML
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert warm.returncode == 0, warm.stdout + warm.stderr


def test_the_collector_is_paused_for_a_quick_command_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """list, search and show run with the collector paused (what they make lives until the
    exit); the app must find it running, or its own pause until the first frame, and the
    freeze that ends it, would never happen; it runs again once main returns."""
    import gc

    from optout_tui import cli

    seen: dict[str | None, bool] = {}

    def handler(name: str | None):
        def run(args: object) -> int:
            seen[name] = gc.isenabled()
            return 0

        return run

    monkeypatch.setattr(cli, "_handler", handler)
    at_exit: list[object] = []
    monkeypatch.setattr("atexit.register", at_exit.append)
    assert gc.isenabled()
    for argv in (["stats"], ["validate"], []):
        assert main(argv) == 0
        assert gc.isenabled()
    assert at_exit == []  # the app's objects are not frozen at its exit
    for argv in (["list"], ["search", "x"], ["show", "x"]):
        assert main(argv) == 0
        assert gc.isenabled()
    assert at_exit == [gc.freeze] * 3
    assert seen == {
        "list": False,
        "search": False,
        "show": False,
        "stats": True,
        "validate": True,
        None: True,
    }


def test_as_the_command_itself_a_quick_command_leaves_the_collector_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Run as the `optout` command (no argv given: the process is the command's), list
    returns with the collector still paused, as the process ends; the app and the other
    commands do not; a caller passing argv gets it back running."""
    import gc

    from optout_tui import cli

    monkeypatch.setattr(cli, "_handler", lambda name: lambda args: 0)
    monkeypatch.setattr("atexit.register", lambda function: None)
    try:
        for argv, left_running in ((["list"], False), (["stats"], True), ([], True)):
            monkeypatch.setattr(sys, "argv", ["optout", *argv])
            assert main() == 0
            assert gc.isenabled() is left_running
            gc.enable()
        assert main(["list"]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
