"""The one gateway for untrusted catalog text: strip what must never reach a terminal."""

from __future__ import annotations

import re

# C0 controls except newline, DEL, and the C1 range: ESC/CSI/OSC sequences start here.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Return `text` with control characters removed and tabs turned into spaces."""
    return _CONTROL.sub("", text.replace("\t", " "))


def has_control(text: str) -> bool:
    """True when `text` holds a character `clean` would remove (a tab does not count)."""
    return _CONTROL.search(text.replace("\t", " ")) is not None


QUOTES = {"en": ("“", "”"), "fr": ("« ", " »")}  # French puts spaces inside its guillemets


def quoted(text: str, lang: str = "en") -> str:
    """A label between the quotation marks of `lang`."""
    opening, closing = QUOTES.get(lang, QUOTES["en"])
    return f"{opening}{text}{closing}"
