"""The benchmark runs end to end on a tiny catalog and writes its figures (no timing asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from optout_tui import bench


def test_bench_runs_on_a_tiny_catalog(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert bench.main(["--sizes", "3", "--runs", "1", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))["3"]
    assert set(figures) >= {"first_frame_app_ms", "first_frame_bare_ms", "key_p95_ms",
                            "load_cold_ms", "load_warm_ms", "list_ms", "rss_app_mb"}
    assert figures["first_frame_app_ms"] > 0 and figures["rss_app_mb"] > 0
    printed = capsys.readouterr().out
    assert "first frame" in printed and "benchmark took" in printed
