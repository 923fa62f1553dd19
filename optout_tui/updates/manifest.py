"""Catalog versions and dates: the bundled catalog's `catalog.toml`, a bundle's manifest."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from optout_tui.i18n import N_, Localised

BUNDLED_MANIFEST = "catalog.toml"
BUNDLE_MANIFEST = "manifest.json"
BUNDLE_FORMAT = 1
_VERSION = re.compile(r"^[0-9]{1,9}(?:\.[0-9]{1,9}){0,3}$")
NO_VERSION = "0"  # a catalog folder without a manifest: any real version is newer


class ManifestError(Localised):
    """A manifest that is missing, unreadable or malformed; the message says where and why."""


def version_key(version: str) -> tuple[int, ...]:
    """`2026.12.1` as (2026, 12, 1, 0), so versions compare as numbers and 2026.12 == 2026.12.0."""
    if not isinstance(version, str) or not _VERSION.match(version):
        raise ManifestError(
            N_("{version!r} is not a catalog version (numbers and dots, such as 2026.12.1)"),
            version=version,
        )
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (4 - len(parts))


def parse_date(value: object, where: str) -> dt.date:
    """A date as TOML gives it, or as YYYY-MM-DD text (JSON)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ManifestError(
        N_("{where}: the date must be YYYY-MM-DD, not {value!r}"), where=where, value=value
    )


@dataclass(frozen=True, slots=True)
class CatalogInfo:
    """Which catalog a folder holds: its version and date, and for an update where it came
    from and when it was installed."""

    version: str
    date: dt.date | None
    folder: Path
    source: str = "bundled"  # or "update"
    origin: str | None = None
    installed: str | None = None

    def age_days(self, today: dt.date) -> int | None:
        return None if self.date is None else max(0, (today - self.date).days)

    def newer_than(self, other: CatalogInfo) -> bool:
        return version_key(self.version) > version_key(other.version)

    def as_dict(self) -> dict:
        return {
            "version": self.version,
            "date": self.date.isoformat() if self.date else None,
            "folder": str(self.folder),
            "source": self.source,
            "origin": self.origin,
            "installed": self.installed,
        }


def read_catalog_toml(folder: Path) -> tuple[str, dt.date]:
    """The version and date written in a catalog folder's `catalog.toml`."""
    import tomllib

    path = folder / BUNDLED_MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(
            N_("{path}: no such file (it says the catalog's version and date)"), path=path
        ) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ManifestError(N_("{path}: cannot be read: {error}"), path=path, error=error) from None
    version = data.get("version")
    if not isinstance(version, str) or not _VERSION.match(version):
        raise ManifestError(
            N_(
                "{path}: {version!r} is not a catalog version (numbers and dots, such as 2026.12.1)"
            ),
            path=path,
            version=version,
        )
    return version, parse_date(data.get("date"), str(path))


def bundled_info(folder: Path) -> CatalogInfo:
    """The bundled catalog's version and date (version 0, no date, when it has no manifest)."""
    try:
        version, date = read_catalog_toml(folder)
    except ManifestError:
        return CatalogInfo(NO_VERSION, None, folder)
    return CatalogInfo(version, date, folder)
