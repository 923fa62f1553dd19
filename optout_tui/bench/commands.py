"""The command-line figures, each beside its floor measured in the same run: catalog load
against libyaml's event parser, `optout validate` against a bare CSafeLoader pass, `optout
list` against `python -c "import yaml"`, `optout search` at each size, the HTML handout."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

# CPU time (time.process_time) of parsing every file: libyaml's events alone, then our loader.
COLD = """
import sys, time
from pathlib import Path
import yaml
from optout_tui.catalog.files import platform_files
from optout_tui.catalog.loader import load_catalog
folder, runs = Path(sys.argv[1]), int(sys.argv[2])
files = platform_files(folder)
datas = [f.read_bytes() for f in files]
for _ in range(runs):
    start = time.process_time()
    for data in datas:
        for _event in yaml.parse(data, Loader=yaml.CSafeLoader):
            pass
    events = time.process_time() - start
    start = time.process_time()
    load_catalog([folder])
    print(len(files), events, time.process_time() - start, flush=True)
"""
BARE_LOAD = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
# The handout built in a process that has loaded the catalog and opened the store: the
# export's own time (the command adds interpreter start and imports, shown beside it).
EXPORT = """
import sys, time
from pathlib import Path
from optout_tui.catalog.cache import load_catalog_cached
from optout_tui.paths import bundled_catalog_dir
from optout_tui.progress import ProgressStore
from optout_tui.progress.export import to_html, to_markdown
catalog = load_catalog_cached([bundled_catalog_dir()])
store = ProgressStore(Path(sys.argv[1]), profile="bench")
for platform in catalog.platforms:
    platform.actions  # read from the cache beforehand, as the app has
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    to_html(catalog, store)
    html = time.perf_counter() - start
    start = time.perf_counter()
    to_markdown(catalog, store)
    print(html, time.perf_counter() - start, flush=True)
"""
IMPORT_YAML = [sys.executable, "-c", "import yaml"]


def optout(*args: str) -> list[str]:
    return [sys.executable, "-m", "optout_tui", *args]


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds one run of a command takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def interleaved(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall time of each command in ms, the commands taking turns run after run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(wall(argv, env))
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def _script_rows(what: str, script: str, args: list[str], env: dict[str, str]) -> list[list[str]]:
    """Run a measuring script in a fresh Python; its output lines split into fields."""
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, check=False
    )
    rows = [line.split() for line in out.stdout.splitlines() if line.strip()]
    if not rows:
        raise RuntimeError(f"the {what} run failed:\n{out.stderr}")
    return rows


def cold_load(folder: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """CPU ms per file: libyaml's events, and our loader building the model."""
    rows = _script_rows("cold-load", COLD, [str(folder), str(runs)], env)
    files = int(rows[0][0])
    return {
        "files": files,
        "events_ms_per_file": statistics.median(float(r[1]) for r in rows) * 1000 / files,
        "load_ms_per_file": statistics.median(float(r[2]) for r in rows) * 1000 / files,
    }


def cli_figures(bundled: Path, data_dir: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """validate, list and the HTML export on the bundled catalog, with their floors."""
    platforms = bundled / "platforms" if (bundled / "platforms").is_dir() else bundled
    wall(optout("list"), env)  # fills the cache
    common = ["--data-dir", str(data_dir), "--profile", "bench"]
    figures = interleaved(
        {
            "validate_ms": optout("validate", str(platforms)),
            "bare_load_ms": [sys.executable, "-c", BARE_LOAD, str(platforms)],
            "list_ms": optout("list"),
            "import_yaml_ms": IMPORT_YAML,
            "export_html_ms": optout(*common, "export", "--format", "html"),
            "export_md_ms": optout(*common, "export", "--format", "md"),
        },
        env,
        runs,
    )
    return figures


def export_figure(data_dir: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """Median ms of building the HTML handout and the Markdown one, in process; the first
    run (imports of qrcode) included as a run like the others."""
    rows = _script_rows("export", EXPORT, [str(data_dir), str(runs)], env)
    return {
        "html_ms": statistics.median(float(r[0]) for r in rows) * 1000,
        "md_ms": statistics.median(float(r[1]) for r in rows) * 1000,
        "html_first_ms": float(rows[0][0]) * 1000,
    }


def search_figure(
    folder: Path | None, env: dict[str, str], runs: int, query: str = "platform 123"
) -> tuple[float, float]:
    """The first `optout list` over a catalog, with an empty cache (seconds), then the median
    ms of `optout search` once the cache is filled, over at least SEARCH_RUNS runs: whether
    the search grows linearly is judged from differences of some 20 ms between sizes, which
    the medians of five runs of a 60 ms command on a shared machine do not settle."""
    extra = ["--catalog", str(folder)] if folder else []
    first = wall(optout(*extra, "list"), env)
    search = optout(*extra, "search", query)
    return first, interleaved({"search": search}, env, max(runs, SEARCH_RUNS))["search"]


SEARCH_RUNS = 15


def person_with_progress(data_dir: Path, platforms: int = 10) -> int:
    """A profile 'bench' that has started `platforms` bundled platforms (one step ticked in
    the first action of each): the handout then lists what is left, with a code per link.
    Returns how many actions are left to do."""
    from optout_tui.catalog.cache import load_catalog_cached
    from optout_tui.paths import bundled_catalog_dir
    from optout_tui.progress import ProgressStore, StepKey

    catalog = load_catalog_cached([bundled_catalog_dir()])
    store = ProgressStore(data_dir, profile="bench")
    left = 0
    try:
        for platform in catalog.platforms[:platforms]:
            for number, action in enumerate(platform.actions):
                surface = next((s for s in action.surfaces if s.steps), None)
                if number == 0 and surface is not None:
                    store.set_step(
                        StepKey(platform.id, action.id, surface.id, surface.steps[0].id), True
                    )
                left += 1
    finally:
        store.close()
    return left
