"""The benchmark runs end to end on a tiny catalog in a pseudo-terminal and writes its figures
(no timing is asserted: the figures are for people to read)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from optout_tui import bench


def test_bench_runs_on_a_tiny_catalog(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert bench.main(["--sizes", "3", "--runs", "1", "--starts", "1", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))["sizes"]["3"]
    assert figures["platforms"] > 3  # the synthetic ones on top of the bundled catalog
    for name in (
        "first_frame_ms",
        "bare_screen_first_frame_ms",
        "bare_options_first_frame_ms",
        "rss_settled_mb",
        "rss_typed_mb",
        "bare_screen_rss_mb",
        "key_p50_ms",
        "bare_echo_p50_ms",
        "first_key_ms",
        "load_ms_per_file",
        "events_ms_per_file",
        "search_ms",
    ):
        assert figures[name] > 0, name  # measured, not left at NaN or zero
    assert figures["key_samples"] > 0 and figures["keys_missed"] == 0
    printed = capsys.readouterr().out
    assert "first frame" in printed and "key → list" in printed and "benchmark took" in printed
    # Every budget is printed with a verdict and the floor it was judged against.
    cli = {
        "validate_ms": 2.0,
        "bare_load_ms": 1.0,
        "list_ms": 2.0,
        "import_yaml_ms": 1.0,
        "html_ms": 1.0,
        "html_first_ms": 1.0,
        "md_ms": 1.0,
        "export_html_ms": 1.0,
        "export_md_ms": 1.0,
    }
    checks = bench.budgets({"bundled": figures, "5000": figures}, cli)
    assert len(checks) == 12
    assert all(isinstance(ok, bool) and figures_text for _, figures_text, ok in checks)


def test_the_instruction_count_stops_the_program_at_its_first_frame() -> None:
    """`--instructions` runs each program under callgrind, ending it after its first
    refresh, and reads the count from callgrind's report."""
    from optout_tui.bench.instructions import STOP_AT_FIRST_FRAME, stopping, total
    from optout_tui.bench.programs import APP, app_argv, bare_argv

    argv = stopping(app_argv(None, "/tmp/data"))
    assert argv[1] == "-c" and argv[2] == STOP_AT_FIRST_FRAME + APP
    assert argv[3:] == ["--data-dir", "/tmp/data", "--lang", "en"]
    assert stopping(bare_argv("screen", "rows.txt"))[3:] == ["screen", "rows.txt"]
    assert "_os._exit(0)" in STOP_AT_FIRST_FRAME  # no shutdown counted after the frame
    report = "events: Ir\nsummary: 1128540231\n"
    assert total(report) == 1128540231
    assert total("events: Ir\ntotals: 42\n") == 42
    assert total("events: Ir\n") is None
    with pytest.raises(ValueError):
        stopping(["python", "script.py"])
