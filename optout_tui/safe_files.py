"""Reading and writing the user's files without hanging, filling memory or leaking them.

Every file the program reads by name (a catalog file, an import, `settings.json`, the cache)
goes through `read_regular`: a FIFO, a device or a directory is refused before anything is
read (so `/dev/zero` or a named pipe cannot hang the program), and the size cap is applied to
the open file itself before a byte is read. Every file it writes for the person (an export,
the settings) goes through `write_private`: created 0600 under a temporary name and renamed
into place, or removed when the write fails.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from optout_tui.i18n import N_

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class FileRefused(OSError):
    """The file is not a regular file, or is larger than allowed; `strerror` says which."""


class FileTooLarge(FileRefused):
    """The file is larger than the cap; `size` is its size in bytes."""

    def __init__(self, size: int, limit: int, filename: str) -> None:
        super().__init__(
            errno.EFBIG,
            N_("the file is {size} bytes (at most {limit})").format(
                size=f"{size:,}", limit=f"{limit:,}"
            ),
            filename,
        )
        self.size = size
        self.limit = limit


def open_regular(path: str | os.PathLike[str], *, follow_symlinks: bool = True) -> int:
    """A read-only descriptor of `path` when it is a regular file; FileRefused otherwise.

    Opened without blocking, so a FIFO never waits for a writer; checked on the descriptor,
    so the file cannot be swapped between the check and the read.
    """
    flags = _OPEN_FLAGS | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            why = (
                N_("a folder, not a regular file")
                if stat.S_ISDIR(mode)
                else N_("a named pipe (FIFO), not a regular file")
                if stat.S_ISFIFO(mode)
                else N_("a device, not a regular file")
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else N_("a socket, not a regular file")
                if stat.S_ISSOCK(mode)
                else N_("not a regular file")
            )
            raise FileRefused(errno.EINVAL, why, os.fspath(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_fd(fd: int, limit: int, filename: str) -> bytes:
    """At most `limit` bytes of an open regular file; FileTooLarge when it holds more."""
    size = os.fstat(fd).st_size
    if size > limit:
        raise FileTooLarge(size, limit, filename)
    chunks: list[bytes] = []
    total = 0
    while True:  # the file may grow while it is read: never read past the cap
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise FileTooLarge(total, limit, filename)
    return b"".join(chunks)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileRefused (an OSError) for a
    FIFO, device, folder or larger file, before anything is read."""
    fd = open_regular(path)
    try:
        return read_fd(fd, limit, os.fspath(path))
    finally:
        os.close(fd)


def write_private(target: Path, data: str | bytes) -> None:
    """Write `data` to `target`, readable only by the user (0600), all at once."""
    atomic_write(target, data, mode=0o600)


def atomic_write(target: Path, data: str | bytes, mode: int = 0o600) -> None:
    """Write `data` (text as UTF-8) to `target` with permissions `mode`, all at once: a
    temporary file in the same folder, flushed to the disk, renamed over the target, and
    removed again when anything fails, so a reader sees the old file or the new, never half."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
