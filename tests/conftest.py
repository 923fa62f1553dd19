"""Shared fixtures: the fixture catalogs, a fresh data dir, an app on them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE_CATALOG = FIXTURES / "catalog"
MARKUP_CATALOG = FIXTURES / "markup"
SCREENS_CATALOG = FIXTURES / "screens"  # three small platforms: filters, what next, snapshots


def _newest_catalog_date() -> dt.date:
    """The latest date written in the bundled catalog and the fixtures (a verification, a
    publication, a change): no file may be dated after the day the tests run on."""
    import re

    root = Path(__file__).resolve().parent.parent
    found = [dt.date(2026, 12, 1)]
    for path in [*(root / "catalog" / "platforms").glob("*.yaml"), *FIXTURES.rglob("*.yaml")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for year, month, day in re.findall(r"\b(20\d\d)-(\d\d)-(\d\d)\b", text):
            try:
                found.append(dt.date(int(year), int(month), int(day)))
            except ValueError:
                continue
    return max(found)


TODAY = _newest_catalog_date()
"""The day every test runs on, whatever the real date: the newest date in the catalog files,
so none is "in the future" and the fixtures (verified 2026-11-24) are not "out of date"
(180 days) however late the suite is run."""


_REAL_DATE = dt.date


class _AnyDate(type):
    """Real dates (from tomllib, sqlite3, the C library…) still count as dates."""

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, _REAL_DATE)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, _REAL_DATE)


class _PinnedDate(dt.date, metaclass=_AnyDate):
    """`datetime.date` whose `today()` is TODAY; everything else is the real class."""

    @classmethod
    def today(cls) -> dt.date:
        return TODAY


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Code calls `datetime.date.today()` through the module at call time: pin it."""
    monkeypatch.setattr(dt, "date", _PinnedDate)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(autouse=True)
def _private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the real user's config (its catalog folder) or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("OPTOUT_DATA_DIR", raising=False)


@pytest.fixture(autouse=True)
def _no_real_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """App.open_url calls webbrowser.open even headless: never let a test open one."""
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    return opened
