"""The garbage collector's part in speed: off while big immutable structures are built, and
what is built once frozen out of later collections, so a collection never walks it again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, to_the_end: bool = False) -> Iterator[None]:
    """No collection while the block builds objects that all stay alive (a parse, an index):
    the collector would walk them again and again and find nothing to free. With
    `to_the_end`, the process ends after the block: collecting is not started again (it
    would walk everything once more on the way out)."""
    was_enabled = gc.isenabled()
    gc.disable()
    finished = False
    try:
        yield
        finished = True
    finally:
        if was_enabled and not (to_the_end and finished):
            gc.enable()


def settle() -> None:
    """Move every object alive now out of the collector's reach (gc.freeze): the catalog,
    the index and the widgets live as long as the app, and a full collection while typing
    then walks only what was made since, in a millisecond rather than tens."""
    gc.freeze()


_paused_for_start = False


def pause_for_start() -> None:
    """No collection while the app starts: importing Textual, reading the catalog and
    building the first screen make objects that all stay alive, and the collections they
    set off (a full one among them) would walk them for nothing before the first frame.
    `started` ends the pause."""
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def started() -> None:
    """The first frame is shown: what the start made lives as long as the app, so it is
    frozen out of the collector's walks (as `settle` does), and collecting resumes. Does
    nothing when `pause_for_start` did not pause (or the pause is already over)."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.freeze()
        gc.enable()


def resume() -> None:
    """The start is over without a first frame (the app ended, or never ran): collecting
    resumes, and nothing is frozen (what was made may well be garbage by now)."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.enable()
