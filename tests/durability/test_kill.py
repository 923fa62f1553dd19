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

ROUNDS = 80
LONGEST_RUN = 500  # saves before the latest kill: the kills spread over this many saves


def _kill_plan(rng: random.Random) -> list[tuple[int, float]]:
    """For each round: after how many reported saves to kill (0: during start-up, while the
    file is created or opened), then how long to wait after that before the kill."""
    plan = []
    for n in range(ROUNDS):
        if n % 4 == 0:
            plan.append((0, rng.uniform(0.0, 0.4)))  # anywhere in start-up and first saves
        else:
            plan.append((rng.randint(1, LONGEST_RUN), rng.uniform(0.0, 0.005)))  # mid-save
    return plan


def test_kill_dash_nine_at_random_moments_never_loses_a_reported_save(tmp_path: Path) -> None:
    rng = random.Random(20261124)
    plan = _kill_plan(rng)
    assert any(after == 0 for after, _ in plan) and max(a for a, _ in plan) > 0.8 * LONGEST_RUN
    reported: set[int] = set()
    for round_number, (after, wait) in enumerate(plan):
        start = round_number * 10_000
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), "kill", str(start), str(LONGEST_RUN * 2)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(after):  # wait until this many saves were reported…
            line = child.stdout.readline()
            if not line:
                break
            reported.add(int(line))
        time.sleep(wait)  # …then a random moment later: in the middle of some save
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate()
        reported.update(int(x) for x in rest.split())
        store = ProgressStore(tmp_path, profile="kill")  # always opens, never damaged
        assert store.moved_aside is None, f"round {round_number}: the file was damaged"
        saved = {int(k.step[1:]) for k in store.done_steps()}
        store.close()
        missing = reported - saved
        assert not missing, f"round {round_number}: saves reported but lost: {sorted(missing)[:5]}"
    print(f"kill -9: {ROUNDS} kills, {len(reported)} saves reported, all present")
    assert len(reported) >= ROUNDS


def test_two_processes_ticking_at_once_lose_nothing(tmp_path: Path) -> None:
    ProgressStore(tmp_path).close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), "shared", str(start), "300"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for start in (0, 100_000)
    ]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert all(child.returncode == 0 for child in children)
    reported = {int(x) for out in outputs for x in out.split()}
    assert len(reported) == 600
    store = ProgressStore(tmp_path, profile="shared")
    assert {int(k.step[1:]) for k in store.done_steps()} == reported
    assert StepKey("p", "a", "web", "s100299") in store.done_steps()
