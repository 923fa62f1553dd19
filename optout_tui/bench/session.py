"""One run of the app, or of a bare app, in the pseudo-terminal, timed the way a person feels it.

For the app: the first frame (the list's rows on screen), a key typed the moment the first
frame shows, memory once settled, then keys typed one by one: each is timed from the byte
being written to the bytes of the list's new rows being read, and only keys that change the
rows on screen are timed (a key that only echoes in the search box proves nothing about the
list). For a bare app: its first frame, memory, and how fast it echoes the same keys.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from optout_tui.bench.programs import GC_LOG_ENV
from optout_tui.bench.terminal import KEYS, LINES, Terminal, TimedOut

CHECKED_ROWS = 10  # rows compared on screen (a frame is judged by its first ten list rows)
SETTLE_SECONDS = 15.0
KEY_TIMEOUT = 5.0
PAUSE_BETWEEN_KEYS = 0.06  # so that each key gets its own frame, as a quick typist's would

Expect = Callable[[str], list[str]]  # query -> names of the list's rows, in order


@dataclass
class Run:
    """What one process showed."""

    first_frame: float = float("nan")
    rss_first_kib: int = 0
    rss_settled_kib: int = 0
    rss_typed_kib: int = 0
    first_key: float = float("nan")
    keys: list[float] = field(default_factory=list)
    gc_pauses: list[float] = field(default_factory=list)  # while typing, seconds
    gc_all: int = 0
    missed: int = 0  # keys whose rows did not show within KEY_TIMEOUT
    first_key_lost: str = ""  # the screen, when the first key's rows never showed


def _shows(line: str, name: str) -> bool:
    """Whether a row shows `name` as a whole (after the progress words, before two spaces
    or the end): "Platform 1" is not shown by a row of "Platform 10"."""
    text = line.rstrip() + "  "
    if len(name) > 40:  # a long name may be cut with "…"
        return " " + name[:40] in text
    return " " + name + "  " in text


def rows_check(names: list[str]):
    """Checks that the list shows `names` (its first CHECKED_ROWS) on consecutive rows."""
    names = names[:CHECKED_ROWS]
    needles = [n.encode() for n in names if len(n) <= 40]

    def raw(data: bytes) -> bool:
        return all(needle in data for needle in needles)

    def screen(display: list[str]) -> bool:
        for top in range(LINES - len(names) + 1):
            if all(_shows(display[top + i], name) for i, name in enumerate(names)):
                return True
        return False

    return raw, screen


def echo_check(text: str, placeholder: str):
    shown = text or placeholder
    needle = (text or placeholder[1:]).encode()  # the cursor is drawn over a placeholder's
    # first letter

    def raw(data: bytes) -> bool:
        return needle in data

    def screen(display: list[str]) -> bool:
        return any(line.strip() == shown for line in display[:4])

    return raw, screen


def changes(old: list[str], new: list[str]) -> bool:
    """Whether the first rows on screen differ in a way the new rows can show."""
    upto = min(CHECKED_ROWS, len(new))
    return upto > 0 and old[:upto] != new[:upto]


def key_script(pieces: list[str]) -> list[tuple[bytes, str]]:
    """Keys to type (each piece, then as many backspaces), with the query after each."""
    script, query = [], ""
    for piece in pieces:
        for char in piece:
            query += char
            script.append((char.encode(), query))
        for _ in piece:
            query = query[:-1]
            script.append((KEYS["backspace"], query))
    return script


def _settle(term: Terminal) -> int:
    """Wait until memory stops moving (half a second without change); the RSS then."""
    deadline = time.perf_counter() + SETTLE_SECONDS
    last, steady = term.rss_kib(), 0
    while steady < 5 and time.perf_counter() < deadline and not term.closed:
        term.idle(0.1)
        now = term.rss_kib()
        steady = steady + 1 if abs(now - last) < 64 else 0
        last = now
    return last


def _gc_log() -> str:
    fd, path = tempfile.mkstemp(prefix="optout-bench-gc-", suffix=".json")
    os.close(fd)
    return path


def _gc_while(path: str, began: float, ended: float, run: Run) -> None:
    try:
        with open(path, encoding="utf-8") as stream:
            pauses = json.load(stream)
    except (OSError, ValueError):
        pauses = []
    finally:
        os.unlink(path)
    run.gc_all = len(pauses)
    run.gc_pauses = [length for start, length, _ in pauses if began <= start <= ended]


def app_run(
    argv: list[str], env: dict[str, str], expect: Expect, script: list[tuple[bytes, str]]
) -> Run:
    """The app: first frame, a key at once, settled memory, then the typed keys."""
    run = Run()
    log = _gc_log()
    term = Terminal(argv, {**env, GC_LOG_ENV: log})
    began = ended = time.monotonic()
    try:
        unfiltered = expect("")
        run.first_frame = term.wait(*rows_check(unfiltered)) - term.started
        run.rss_first_kib = term.rss_kib()
        first = next(((k, q) for k, q in script if changes(unfiltered, expect(q))), None)
        if first is not None:  # "/" and a letter, the moment the list shows
            term.mark()
            term.send(b"/")
            sent = term.send(first[0])
            try:
                run.first_key = term.wait(*rows_check(expect(first[1])), timeout=KEY_TIMEOUT) - sent
            except TimedOut:  # reported as lost, with the screen it left
                run.first_key_lost = "\n".join(term.screen.display)
            term.send(KEYS["backspace"])  # back to the whole list, scrolled where the
            term.idle(0.3)  # highlight was: not timed
        run.rss_settled_kib = _settle(term)
        began = time.monotonic()
        shown = unfiltered
        for key, query in script:
            rows = expect(query)
            term.mark()
            sent = term.send(key)
            if query and changes(shown, rows):
                try:
                    run.keys.append(term.wait(*rows_check(rows), timeout=KEY_TIMEOUT) - sent)
                except TimedOut:
                    run.missed += 1
                term.idle(PAUSE_BETWEEN_KEYS)
            else:  # the whole list again (scrolled to the highlight), or the same rows
                term.idle(0.3)
            shown = rows
        ended = time.monotonic()
        run.rss_typed_kib = term.rss_kib()
    finally:
        term.close()
        _gc_while(log, began, ended, run)
    return run


def bare_run(
    argv: list[str], env: dict[str, str], first_rows: list[str], script: list[tuple[bytes, str]]
) -> Run:
    """A bare app: first frame, settled memory, and how fast the same keys echo."""
    run = Run()
    log = _gc_log()
    term = Terminal(argv, {**env, GC_LOG_ENV: log})
    began = ended = time.monotonic()
    try:
        run.first_frame = term.wait(*rows_check(first_rows)) - term.started
        run.rss_first_kib = term.rss_kib()
        run.rss_settled_kib = _settle(term)
        began = time.monotonic()
        for key, query in script:
            term.mark()
            sent = term.send(key)
            run.keys.append(term.wait(*echo_check(query, "type here")) - sent)
            term.idle(PAUSE_BETWEEN_KEYS)
        ended = time.monotonic()
        run.rss_typed_kib = term.rss_kib()
    finally:
        term.close()
        _gc_while(log, began, ended, run)
    return run
