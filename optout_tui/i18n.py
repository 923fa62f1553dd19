"""The one way the program's own words reach a person: standard gettext catalogs.

Messages live in `optout_tui/locale/<lang>/LC_MESSAGES/optout.po` (compiled to `.mo`);
`translator(lang)` returns the translation for one language, bound once and cached, so an
English and a French app can run in the same process. Catalog text never goes through here.

    tr = translator("fr")
    tr.gettext("Whose progress?")
    tr.ngettext("{n} platform", "{n} platforms", n).format(n=n)

Module-level constants are marked with `N_()` (extracted, not translated at import) and
translated where they are shown.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "optout"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it here."""
    return message


@lru_cache(maxsize=None)
def translator(lang: str) -> gettext.NullTranslations:
    """The translation for `lang` (English, the source language, when there is none)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
