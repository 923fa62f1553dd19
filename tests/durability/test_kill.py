"""Progress survives kill -9 at any moment, and two processes never lose each other's ticks."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from optout_tui.progress import ProgressStore, StepKey

WRITER = """
import sys
from pathlib import Path
from optout_tui.progress.store import ProgressStore, StepKey
store = ProgressStore(Path(sys.argv[1]), profile=sys.argv[2])
start = int(sys.argv[3])
for i in range(start, start + int(sys.argv[4])):
    store.set_step(StepKey("p", "a", "web", f"s{i}"), True)
    print(i, flush=True)  # printed only after the save reported success
"""

ROUNDS = 200


def test_kill_dash_nine_in_a_loop_never_loses_a_reported_save(tmp_path: Path) -> None:
    rng = random.Random(20261124)
    reported: set[int] = set()
    next_index = 0
    for _ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "kill",
                                  str(next_index), "1000"], stdout=subprocess.PIPE, text=True)
        # Let it start and save a few, then kill it at a random moment mid-write.
        deadline = time.monotonic() + rng.uniform(0.0, 0.03)
        first = child.stdout.readline()
        if first:
            reported.add(int(first))
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            reported.add(int(line))
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate()
        reported.update(int(x) for x in rest.split())
        next_index += 1000
        store = ProgressStore(tmp_path, profile="kill")  # always opens
        saved = {int(k.step[1:]) for k in store.done_steps()}
        store.close()
        missing = reported - saved
        assert not missing, f"saves reported but lost: {sorted(missing)[:5]}"
    print(f"kill -9: {ROUNDS} kills, {len(reported)} saves reported, all present")
    assert len(reported) >= ROUNDS


def test_two_processes_ticking_at_once_lose_nothing(tmp_path: Path) -> None:
    ProgressStore(tmp_path).close()
    children = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "shared",
                                  str(start), "300"], stdout=subprocess.PIPE, text=True)
                for start in (0, 100_000)]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert all(child.returncode == 0 for child in children)
    reported = {int(x) for out in outputs for x in out.split()}
    assert len(reported) == 600
    store = ProgressStore(tmp_path, profile="shared")
    assert {int(k.step[1:]) for k in store.done_steps()} == reported
    assert StepKey("p", "a", "web", "s100299") in store.done_steps()
