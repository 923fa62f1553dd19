"""Installed catalog updates: which catalog is in use, installing one atomically, rollback.

Under the data folder (see paths.updates_dir):

    catalog/state.json             which update is current, and the previous one kept
    catalog/<version>-<hash>/      one installed bundle: platforms/*.yaml and manifest.json

An update is written to a hidden folder first and checked there; it becomes current in one
rename of `state.json`, so a crash leaves either the old catalog or the new one, never half.
The update is used instead of the bundled catalog only while it is newer: after a pip
upgrade that ships a newer catalog, the bundled one wins again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from optout_tui.i18n import N_, Localised
from optout_tui.paths import UPDATES_STATE as STATE
from optout_tui.safe_files import atomic_write
from optout_tui.updates.manifest import CatalogInfo, ManifestError, bundled_info, parse_date

STATE_FORMAT = 1


class StateError(Localised):
    """state.json cannot be read or makes no sense; the message says where and why."""


@dataclass(frozen=True, slots=True)
class State:
    """The installed update in use (if any) and the one before it, kept for rollback."""

    current: CatalogInfo | None = None
    previous: CatalogInfo | None = None


def _entry(root: Path, raw: object, where: str) -> CatalogInfo | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise StateError(N_("{where}: expected an object"), where=where)
    name = raw.get("folder")
    if not isinstance(name, str) or not name or name != Path(name).name or name.startswith("."):
        raise StateError(N_("{where}: bad folder name {name!r}"), where=where, name=name)
    try:
        version = str(raw["version"])
        date = parse_date(raw.get("date"), where)
    except (KeyError, ManifestError):
        raise StateError(N_("{where}: no version or no date"), where=where) from None
    return CatalogInfo(
        version, date, root / name, "update", raw.get("origin"), raw.get("installed")
    )


def read_state(root: Path) -> State:
    """What is installed in `root` (the updates folder); an empty State when nothing is."""
    path = root / STATE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return State()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise StateError(N_("{path}: cannot be read: {error}"), path=path, error=error) from None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise StateError(
            N_("{path}: not a catalog state file of format {format}"),
            path=path,
            format=STATE_FORMAT,
        )
    return State(
        _entry(root, data.get("current"), f"{path}: current"),
        _entry(root, data.get("previous"), f"{path}: previous"),
    )


def active_folder(bundled: Path, root: Path) -> Path:
    """The folder of the catalog in use. Cheap when no update was ever installed."""
    if not (root / STATE).exists():
        return bundled
    return in_use(bundled, root).folder


def in_use(bundled: Path, root: Path) -> CatalogInfo:
    """The installed update when it is newer than the bundled catalog and still on disk, else
    the bundled catalog. A damaged state file counts as no update."""
    base = bundled_info(bundled)
    try:
        current = read_state(root).current
    except StateError:
        return base
    if current is None or not (current.folder / "platforms").is_dir():
        return base
    try:
        return current if current.newer_than(base) else base
    except ManifestError:
        return base


def _as_entry(info: CatalogInfo | None) -> dict | None:
    if info is None:
        return None
    return {
        "folder": info.folder.name,
        "version": info.version,
        "date": info.date.isoformat() if info.date else None,
        "origin": info.origin,
        "installed": info.installed,
    }


def _write_state(root: Path, state: State) -> None:
    """Replace state.json in one rename, after its bytes reached the disk."""
    text = json.dumps(
        {
            "format": STATE_FORMAT,
            "current": _as_entry(state.current),
            "previous": _as_entry(state.previous),
        },
        indent=2,
    )
    atomic_write(root / STATE, text + "\n")  # 0600, as before
    _sync_dir(root)


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every system (Windows): the rename is what matters
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _prune(root: Path, state: State) -> None:
    """Remove installed folders that are neither current nor previous, and leftovers of
    installs that were interrupted."""
    keep = {e.folder.name for e in (state.current, state.previous) if e is not None}
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink() and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


@contextmanager
def staging(root: Path) -> Iterator[Path]:
    """A hidden folder in `root` to write and check an update in; removed unless installed
    (and `root` too when it was made for it), so a refused update leaves no trace."""
    made = [p for p in (root, *root.parents) if not p.exists()]  # innermost first
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=root, prefix=".incoming-"))
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        for created in made:
            try:
                created.rmdir()  # only when empty: an installed update stays
            except OSError:
                break


def install(root: Path, staged: Path, name: str, version: str, date: dt.date, origin: str) -> State:
    """Make the staged folder the current update; the current one becomes the previous."""
    try:
        old = read_state(root)
    except StateError:
        old = State()
    target = root / name
    if target.exists():  # an interrupted install of this same bundle: not in use
        shutil.rmtree(target)
    os.rename(staged, target)
    _sync_dir(root)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    new = State(CatalogInfo(version, date, target, "update", origin, now), old.current)
    _write_state(root, new)
    _prune(root, new)
    return new


def rollback(root: Path) -> tuple[CatalogInfo, CatalogInfo | None]:
    """Go back to the previous update (or to the bundled catalog when there is none).
    Returns (the update left, the update now current or None)."""
    state = read_state(root)
    if state.current is None:
        raise StateError(N_("no catalog update is installed: the bundled catalog is in use"))
    new = State(state.previous, None)
    _write_state(root, new)
    _prune(root, new)
    return state.current, state.previous
