"""Instructions run up to the first frame (valgrind's callgrind): the first-frame ratio
without the machine's noise.

Medians of a dozen starts in wall time move by several percent between runs on a shared
machine; the number of instructions a program runs up to its first frame moves by a few
hundredths of a percent, so it tells whether a change made the start cheaper, and by how
much, where the time cannot. A diagnostic printed beside the budget (`--instructions`, when
valgrind is installed): a person feels time, not instructions, and the budget is judged on
time. The program stops itself right after its first refresh (the frame the budget times).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

STOP_AT_FIRST_FRAME = """
import os as _os, sys as _sys
import textual.screen as _screen
_refresh = _screen.Screen._compositor_refresh
def _first_frame_then_stop(self):
    _refresh(self)
    _sys.stderr.flush()
    _os._exit(0)
_screen.Screen._compositor_refresh = _first_frame_then_stop
"""


def available() -> bool:
    return shutil.which("valgrind") is not None


def stopping(argv: list[str]) -> list[str]:
    """`python -c PROGRAM ARGS…` that ends right after its first frame, under callgrind
    (which writes its count to the file named after `--callgrind-out-file=`)."""
    if len(argv) < 3 or argv[1] != "-c":
        raise ValueError("expected: python -c PROGRAM [ARG…]")
    return [argv[0], "-c", STOP_AT_FIRST_FRAME + argv[2], *argv[3:]]


def total(report: str) -> int | None:
    """The instruction count of a callgrind output file (its `summary:` or `totals:` line)."""
    found = re.search(r"^(?:summary|totals): (\d+)", report, re.MULTILINE)
    return int(found.group(1)) if found else None


def first_frame_instructions(argv: list[str], env: dict[str, str]) -> int | None:
    """The instructions `argv` (`python -c …`) runs up to its first frame, or None when it
    could not be counted."""
    from optout_tui.bench.terminal import Terminal

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        term = Terminal(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *stopping(argv)],
            env,
        )
        try:
            while term.process.poll() is None and not term.closed:
                term.idle(0.2)
        finally:
            term.close()
        return total(out.read_text(errors="replace")) if out.exists() else None
