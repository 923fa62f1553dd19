"""Benchmark: start-up, search keystrokes, catalog load, `optout list` and memory.

    python -m optout_tui.bench [--sizes 60,1000,5000] [--runs 3] [--json FILE]

Synthetic catalogs (3 actions × 4 steps per platform, English and French) are written to a
temporary folder. Every figure is a median over --runs, and each is printed beside its
baseline measured in the same run (a bare Textual app, `python -c pass`), because this
machine is shared and noisy. Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTION = """\
  - id: action-{a}
    title:
      en: Turn off setting {a} of platform {i}
      fr: Désactiver le réglage {a} de la plateforme {i}
    controls:
      en: Whether platform {i} may use your data for thing {a}.
      fr: Si la plateforme {i} peut utiliser vos données pour la chose {a}.
    kind: ai-training
    default: "on"
    difficulty: easy
    future_only: true
    surfaces:
      web:
        available: "yes"
        link: https://p{i}.example.com/settings/{a}
        steps:
{steps}
    sources:
      - url: https://p{i}.example.com/help
        publisher: Platform {i} Help
        published: 2026-01-01
        type: official
    verified: 2026-11-01
    confidence: high
"""
STEP = """\
          - id: step-{s}
            text:
              en: Do step {s} for setting {a}.
              fr: Faites l'étape {s} pour le réglage {a}.
            path:
              - en: Settings {s}
                fr: Paramètres {s}"""

FIRST_FRAME = """
import sys, time
from pathlib import Path
start = float(sys.argv[3])
mode, folder = sys.argv[1], sys.argv[2]
if mode == "app":
    from optout_tui.catalog.cache import load_catalog_cached
    from optout_tui.tui.app import OptOutApp
    import tempfile
    catalog = load_catalog_cached([Path(folder)])
    app = OptOutApp(catalog, Path(tempfile.mkdtemp()))
else:
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList, Static
    count = int(folder)
    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("hint")
            yield OptionList(*[f"Platform {i}  ○ 0/3 done" for i in range(count)])
            yield Footer()
    app = Bare()
def painted():
    print(f"{time.time() - start:.4f}", flush=True)
    app.exit()
app.call_after_refresh(painted)
app.run(headless=True, size=(80, 24))
import resource
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def write_catalog(folder: Path, count: int) -> None:
    platforms = folder / "platforms"
    platforms.mkdir(parents=True)
    for i in range(count):
        actions = "".join(
            ACTION.format(i=i, a=a, steps="\n".join(STEP.format(s=s, a=a) for s in range(4)))
            for a in range(3))
        (platforms / f"p{i}.yaml").write_text(
            f"format: 1\nid: p{i}\nname: Platform {i}\ndomains: [p{i}.example.com]\n"
            f"categories: [social]\nlanguages: [en]\nactions:\n{actions}", encoding="utf-8")


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def time_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=False)
    return time.perf_counter() - start


def first_frame(mode: str, arg: str, env: dict[str, str]) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", FIRST_FRAME, mode, arg, str(time.time())],
                         capture_output=True, text=True, env=env, check=False).stdout.split()
    if len(out) < 2:
        return float("nan"), 0
    return float(out[0]), int(out[1])


async def keystrokes(folder: Path, presses: int = 12) -> list[float]:
    from optout_tui.catalog.cache import load_catalog_cached
    from optout_tui.tui.app import OptOutApp

    catalog = load_catalog_cached([folder])
    app = OptOutApp(catalog, Path(tempfile.mkdtemp()))
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        for key in ("p", "l", "a", "t", "f", "o", "r", "m", " ", "1", "2", "3")[:presses]:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m optout_tui.bench")
    parser.add_argument("--sizes", default="60,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
               "XDG_CONFIG_HOME": str(Path(tmp) / "config"), "TEXTUAL_ANIMATIONS": "none"}
        os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME")})
        baseline = median_ms([time_process([sys.executable, "-c", "pass"], env)
                              for _ in range(args.runs * 3)])
        for size in sizes:
            folder = Path(tmp) / f"cat{size}"
            write_catalog(folder, size)
            from optout_tui.catalog.cache import load_catalog_cached
            from optout_tui.catalog.loader import load_catalog

            cold = []
            for _ in range(args.runs):
                start = time.perf_counter()
                load_catalog([folder])
                cold.append(time.perf_counter() - start)
            load_catalog_cached([folder])
            warm = []
            for _ in range(args.runs):
                start = time.perf_counter()
                load_catalog_cached([folder])
                warm.append(time.perf_counter() - start)
            listing = [time_process([sys.executable, "-m", "optout_tui", "--catalog",
                                     str(folder), "list"], env) for _ in range(args.runs)]
            app_runs = [first_frame("app", str(folder), env) for _ in range(args.runs)]
            bare_runs = [first_frame("bare", str(size), env) for _ in range(args.runs)]
            keys = asyncio.run(keystrokes(folder))
            keys.sort()
            results[str(size)] = {
                "load_cold_ms": median_ms(cold), "load_warm_ms": median_ms(warm),
                "list_ms": median_ms(listing), "python_pass_ms": baseline,
                "first_frame_app_ms": median_ms([r[0] for r in app_runs]),
                "first_frame_bare_ms": median_ms([r[0] for r in bare_runs]),
                "rss_app_mb": statistics.median(r[1] for r in app_runs) / 1024,
                "rss_bare_mb": statistics.median(r[1] for r in bare_runs) / 1024,
                "key_p50_ms": keys[len(keys) // 2] * 1000,
                "key_p95_ms": keys[min(len(keys) - 1, int(len(keys) * 0.95))] * 1000,
            }
            row = results[str(size)]
            print(f"{size:>5} platforms: first frame {row['first_frame_app_ms']:.0f} ms "
                  f"(bare {row['first_frame_bare_ms']:.0f} ms, ×"
                  f"{row['first_frame_app_ms'] / row['first_frame_bare_ms']:.2f}); "
                  f"keystroke p50 {row['key_p50_ms']:.1f} ms p95 {row['key_p95_ms']:.1f} ms; "
                  f"load cold {row['load_cold_ms']:.0f} ms warm {row['load_warm_ms']:.0f} ms; "
                  f"optout list {row['list_ms']:.0f} ms (python -c pass {baseline:.0f} ms); "
                  f"RSS {row['rss_app_mb']:.0f} MB (bare {row['rss_bare_mb']:.0f} MB)",
                  flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
