"""The programs run in the pseudo-terminal: the app, and two bare Textual apps to compare with.

Each records its garbage-collector pauses (start time on the system's monotonic clock, length,
generation) to the file named by OPTOUT_BENCH_GC when it exits, so pauses that fall while keys
are being typed can be picked out.
"""

from __future__ import annotations

import sys

GC_LOG_ENV = "OPTOUT_BENCH_GC"

_PRELUDE = f'''
import atexit, gc, json, os, sys, time
_pauses, _began = [], [0.0]
def _timed(phase, info):
    if phase == "start":
        _began[0] = time.monotonic()
    else:
        _pauses.append((_began[0], time.monotonic() - _began[0], info["generation"]))
gc.callbacks.append(_timed)
def _save():
    with open(os.environ["{GC_LOG_ENV}"], "w") as out:
        json.dump(_pauses, out)
atexit.register(_save)
'''

APP = (
    _PRELUDE
    + """
from optout_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""
)

# What a straightforward Textual app does: a header, a search box, the rows, a footer. The
# rows are the app's own first rows, as text; "screen" shows one screenful of them in a
# Static, "options" all of them in an OptionList.
BARE = (
    _PRELUDE
    + """
from textual.app import App
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
mode, rows = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().splitlines()
class Bare(App):
    CSS = "Static, OptionList { text-wrap: nowrap; text-overflow: ellipsis; }"
    def compose(self):
        yield Header()
        yield Input(placeholder="type here", compact=True)
        if mode == "screen":
            yield Static(Content("\\n".join(rows[:24])))
        else:
            yield OptionList(*(Content(row) for row in rows))
        yield Footer()
Bare().run()
"""
)


def app_argv(catalog: str | None, data_dir: str) -> list[str]:
    extra = ["--catalog", catalog] if catalog else []
    return [sys.executable, "-c", APP, *extra, "--data-dir", data_dir, "--lang", "en"]


def bare_argv(mode: str, rows_file: str) -> list[str]:
    return [sys.executable, "-c", BARE, mode, rows_file]
