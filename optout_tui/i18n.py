"""The one way the program's own words reach a person: standard gettext catalogs.

Messages live in `optout_tui/locale/<lang>/LC_MESSAGES/optout.po` (compiled to `.mo`);
`translator(lang)` returns the translation for one language, bound once and cached, so an
English and a French app can run in the same process. Catalog text never goes through here.

    _ = translator("fr").gettext
    _("Whose progress?")
    translator(lang).ngettext("{n} platform", "{n} platforms", n).format(n=n)

Module-level constants are marked with `N_()` (or `NC_(context, message)`) and translated
where they are shown. Errors raised far from the person (the store, the commands) carry
their English template and its values (`Localised`), and are put into words at the edge,
in the language of whoever reads them.

To change a message: edit the English in the source, run `python scripts/messages.py`
(extracts `optout.pot` with Babel, updates each `.po`, compiles the `.mo`), translate the
new entries in `locale/fr/LC_MESSAGES/optout.po`, and run the script again.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Protocol

DOMAIN = "optout"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")

# What Babel extracts, besides gettext's own names (_, gettext, ngettext, pgettext…): the
# N_ markers, the English templates of our errors, and the descriptions of Textual bindings
# (their third argument), which are translated when a screen is shown.
KEYWORDS = {
    "N_": None,
    "NC_": ((1, "c"), 2),
    "Localised": None,
    "Phrase": None,
    "StoreError": None,
    "CommandError": None,
    "Binding": (3,),
}


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it here."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark `message` (in `context`, for pgettext) for extraction without translating it."""
    return message


SOURCE_LANGUAGE = "en"
"""The language the messages are written in: its catalog repeats each message as it is
(scripts/messages.py fills it from the sources, and a test checks it), so its words are the
messages themselves, and no catalog is read for it (every command would pay for that)."""


class Words(Protocol):
    """What the program asks of a translation (gettext's, or the source language's own)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


class _SourceWords:
    """The source language's words: each message as it is, as gettext.NullTranslations
    gives it, without importing gettext (a launch in English needs nothing else of it)."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str, /) -> str:
        return message


@lru_cache(maxsize=None)
def translator(lang: str) -> Words:
    """The translation for `lang` (English, the source language, when there is none)."""
    if lang == SOURCE_LANGUAGE:
        return _SourceWords()
    import gettext

    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def help_text(lang: str) -> str:
    """The help page (Markdown) in `lang`, or in English when there is none."""
    for each in (lang, "en"):
        path = LOCALE_DIR / each / "help.md"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(LOCALE_DIR / "en" / "help.md")  # pragma: no cover - packaged


class Phrase(str):
    """English text (an extracted template, filled in) that can be said again in another
    language with `text(lang)`; for words made far from the person who reads them."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Phrase:
        self = super().__new__(cls, _fill(template, values))
        self.template = template
        self.values = values
        return self

    def text(self, lang: str) -> str:
        return _fill(translator(lang).gettext(self.template), self.values)


def _fill(template: str, values: dict[str, object]) -> str:
    """`template` with its {placeholders} filled; a message without values is taken as it is
    (it may be text made elsewhere, with braces of its own)."""
    return template.format(**values) if values else template


class Localised(Exception):
    """An error whose message is an English template (extracted for translation) and the
    values to fill it with; `str()` is the English, `text(lang)` the translation."""

    def __init__(self, message: str, /, **values: object) -> None:
        super().__init__(_fill(message, values))
        self.template = message
        self.values = values

    def text(self, lang: str) -> str:
        return _fill(translator(lang).gettext(self.template), self.values)
