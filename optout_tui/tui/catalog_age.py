"""How old the catalog in use is, in the app's words. The app never checks for updates itself:
past 90 days it only suggests `optout catalog update`, which the person runs when they choose."""

from __future__ import annotations

import datetime as dt

from optout_tui.i18n import N_, translator
from optout_tui.updates.manifest import CatalogInfo

STALE_AFTER_DAYS = 90
SOURCES = {"bundled": N_("bundled with optout"), "update": N_("an installed update")}


def age_line(info: CatalogInfo | None, today: dt.date, lang: str = "en") -> str | None:
    """ "Catalog 2026.12.1 of 2026-12-03 (bundled with optout): 12 day(s) old." (None when the
    catalog carries no date)."""
    days = info.age_days(today) if info else None
    if info is None or days is None:
        return None
    tr = translator(lang)
    source = tr.gettext(SOURCES.get(info.source, SOURCES["bundled"]))
    return tr.gettext("Catalog {version} of {date} ({source}): {days} day(s) old.").format(
        version=info.version, date=info.date.isoformat(), source=source, days=days
    )


def stale_hint(info: CatalogInfo | None, today: dt.date, lang: str = "en") -> str | None:
    """The suggestion to update, when the catalog is more than 90 days old."""
    days = info.age_days(today) if info else None
    if days is None or days <= STALE_AFTER_DAYS:
        return None
    return (
        translator(lang)
        .gettext(
            "This catalog is {days} days old, and settings move. To fetch a newer one, quit and "
            "run: optout catalog update"
        )
        .format(days=days)
    )


def stale_title(lang: str = "en") -> str:
    return translator(lang).gettext("An old catalog")
