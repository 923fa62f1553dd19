"""How old the catalog in use is, in the app's words. The app never checks for updates itself:
past 90 days it only suggests `optout catalog update`, which the person runs when they choose."""

from __future__ import annotations

import datetime as dt

from optout_tui.updates.manifest import CatalogInfo

STALE_AFTER_DAYS = 90

WORDS = {
    "en": {"bundled": "bundled with optout", "update": "an installed update",
           "age": "Catalog {version} of {date} ({source}): {days} day(s) old.",
           "stale": "This catalog is {days} days old; settings move. To fetch a newer one, "
                    "quit and run: optout catalog update",
           "stale_title": "An old catalog"},
    "fr": {"bundled": "fourni avec optout", "update": "une mise à jour installée",
           "age": "Catalogue {version} du {date} ({source}) : il a {days} jour(s).",
           "stale": "Ce catalogue a {days} jours ; les réglages changent. Pour en obtenir un "
                    "plus récent, quittez et lancez : optout catalog update",
           "stale_title": "Un catalogue ancien"},
}


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def age_line(info: CatalogInfo | None, today: dt.date, lang: str = "en") -> str | None:
    """"Catalog 2026.12.1 of 2026-12-03 (bundled with optout): 12 day(s) old." (None when the
    catalog carries no date)."""
    days = info.age_days(today) if info else None
    if info is None or days is None:
        return None
    words = _words(lang)
    return words["age"].format(version=info.version, date=info.date.isoformat(),
                               source=words[info.source if info.source in words else "bundled"],
                               days=days)


def stale_hint(info: CatalogInfo | None, today: dt.date, lang: str = "en") -> str | None:
    """The suggestion to update, when the catalog is more than 90 days old."""
    days = info.age_days(today) if info else None
    if days is None or days <= STALE_AFTER_DAYS:
        return None
    return _words(lang)["stale"].format(days=days)


def stale_title(lang: str = "en") -> str:
    return _words(lang)["stale_title"]
