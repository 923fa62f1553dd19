"""The app says how old its catalog is, and past 90 days suggests `optout catalog update`;
it never goes online for that (tests/unit/test_offline_imports.py checks no HTTP client)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Markdown

from optout_tui.catalog import load_catalog
from optout_tui.tui.app import OptOutApp
from optout_tui.tui.screens.help import HelpScreen
from optout_tui.updates.manifest import CatalogInfo
from tests.conftest import SCREENS_CATALOG

TODAY = dt.date(2027, 3, 1)


def app_with(
    data_dir: Path, catalog_date: dt.date | None, lang: str = "en", source: str = "bundled"
) -> OptOutApp:
    info = CatalogInfo("2026.12.1", catalog_date, SCREENS_CATALOG, source)
    return OptOutApp(
        load_catalog([SCREENS_CATALOG]), data_dir, lang=lang, today=TODAY, catalog_info=info
    )


async def help_text(app: OptOutApp, pilot) -> str:
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    return app.screen.query_one(Markdown).source


def notices(app: OptOutApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_recent_catalog_shows_its_age_in_the_help_and_nothing_else(data_dir):
    app = app_with(data_dir, TODAY - dt.timedelta(days=90))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("catalog update" in n for n in notices(app))
        text = await help_text(app, pilot)
        assert "Catalog 2026.12.1 of 2026-12-01 (bundled with optout): 90 day(s) old." in text
        assert "optout catalog update" not in text


async def test_an_old_catalog_suggests_an_update(data_dir):
    app = app_with(data_dir, TODAY - dt.timedelta(days=91), source="update")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [notice] = [n for n in notices(app) if "catalog update" in n]
        assert "91 days old" in notice and "optout catalog update" in notice
        text = await help_text(app, pilot)
        assert "(an installed update): 91 day(s) old." in text
        assert "optout catalog update" in text


async def test_in_french(data_dir):
    app = app_with(data_dir, TODAY - dt.timedelta(days=200), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("Ce catalogue a 200 jours" in n for n in notices(app))
        text = await help_text(app, pilot)
        assert "Catalogue 2026.12.1 du 2026-08-13 (fourni avec optout) : il a 200 jour(s)." in text


async def test_no_date_no_age(data_dir):
    app = app_with(data_dir, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("catalog" in n.lower() for n in notices(app))
        assert "Catalog " not in await help_text(app, pilot)
