"""A real pseudo-terminal (the standard library's pty) at 80×24, read as a person sees it.

The program under test runs on the slave side with TERM=xterm-256color; everything it writes
is read at once from the master side and time-stamped when read. What is on screen is worked
out by a terminal emulator (pyte), but only after a cheap look at the raw bytes says the
awaited text has arrived, so the emulator's own cost never delays a time stamp.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence

COLUMNS, LINES = 80, 24
KEYS = {"backspace": b"\x7f", "ctrl+q": b"\x11", "escape": b"\x1b"}


class TimedOut(Exception):
    """The awaited screen did not show in time."""


class Terminal:
    """One program in a pseudo-terminal; `wait` returns when a condition on the screen holds."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        import pyte

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)},
        )
        os.close(slave)
        self.fd = master
        self.screen = pyte.Screen(COLUMNS, LINES)
        self._stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()  # everything written since `mark()`
        self._unfed = bytearray()
        self.closed = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def mark(self) -> None:
        """Forget the bytes read so far (the next `wait` looks at what comes after)."""
        self._feed()
        self.raw.clear()

    def send(self, data: bytes) -> float:
        """Type `data`; returns when it was written."""
        os.write(self.fd, data)
        return time.perf_counter()

    def _read(self, timeout: float) -> float | None:
        """Read what is there (waiting up to `timeout`); the time of the last read, if any."""
        got = None
        while True:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                return got
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the program ended and closed its side
                data = b""
            if not data:
                self.closed = True
                return got
            got = time.perf_counter()
            self.raw += data
            self._unfed += data
            timeout = 0  # drain what is already there, then judge

    def _feed(self) -> None:
        if self._unfed:
            self._stream.feed(bytes(self._unfed))
            self._unfed.clear()

    def wait(
        self,
        raw_check: Callable[[bytes], bool],
        screen_check: Callable[[list[str]], bool],
        timeout: float = 30.0,
    ) -> float:
        """Read until the raw bytes since `mark()` pass `raw_check` and then the emulated
        screen passes `screen_check`; returns the time the deciding bytes were read."""
        deadline = time.perf_counter() + timeout
        last = None
        while not self.closed:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                break
            got = self._read(min(remaining, 0.05))
            if got is not None:
                last = got
            if last is not None and raw_check(bytes(self.raw)):
                self._feed()
                if screen_check(self.screen.display):
                    return last
                last = None
        self._feed()
        raise TimedOut("\n".join(self.screen.display))

    def idle(self, seconds: float) -> None:
        """Keep reading (so the program never blocks on a full terminal) for `seconds`."""
        deadline = time.perf_counter() + seconds
        while not self.closed and (left := deadline - time.perf_counter()) > 0:
            self._read(min(left, 0.05))
        self._feed()

    def rss_kib(self) -> int:
        """The program's resident memory now (VmRSS), in KiB; 0 when it is gone."""
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def close(self) -> None:
        """Quit with Ctrl+Q; kill the program if it does not leave within five seconds."""
        if self.process.poll() is None:
            try:
                self.send(KEYS["ctrl+q"])
            except OSError:
                pass
            deadline = time.perf_counter() + 5
            while self.process.poll() is None and time.perf_counter() < deadline:
                self._read(0.05)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        os.close(self.fd)
