"""The one gateway for untrusted catalog text: strip what must never reach a terminal."""

from __future__ import annotations

import re

# The patterns are compiled on first use (the `re` module keeps them): compiling the four at
# import cost every launch half a millisecond, though most text never reaches them.

# C0 controls except newline, DEL, and the C1 range: ESC/CSI/OSC sequences start here.
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"


# A printable text (str.isprintable, one pass in C) holds none of what the functions below
# remove: controls, tabs, line breaks and the invisible characters are all unprintable
# (categories Cc, Cf, Zl and Zp). Most catalog text is printable, and is returned as it is
# without the regular expressions' passes; a test checks every character they remove.


def clean(text: str) -> str:
    """Return `text` with control characters removed and tabs turned into spaces."""
    if text.isprintable():
        return text
    return re.sub(_CONTROL, "", text.replace("\t", " "))


def has_control(text: str) -> bool:
    """True when `text` holds a character `clean` would remove (a tab does not count)."""
    return not text.isprintable() and re.search(_CONTROL, text.replace("\t", " ")) is not None


# Characters that change how the text around them is drawn without being seen: bidi
# overrides and isolates (which can make "moc.evil" read as "evil.com"), zero-width ones.
_INVISIBLE = "[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
_LINE_BREAKS = "[\n\r\u2028\u2029]+"


def has_invisible(text: str) -> bool:
    """True when `text` holds a bidi override or isolate, or a zero-width character."""
    return re.search(_INVISIBLE, text) is not None


def one_line(text: str) -> str:
    """`text` cleaned for a plain-text output of one line per record: control and invisible
    characters removed, line breaks turned into spaces (so a name cannot forge a line)."""
    if text.isprintable():
        return text
    return re.sub(_INVISIBLE, "", re.sub(_LINE_BREAKS, " ", clean(text)))


_MARKDOWN_SPECIAL = r"([\\`*_\[\]|~])"


def markdown_text(text: str) -> str:
    """`text` as literal Markdown on one line: HTML made inert (&lt; &gt; &amp;), and the
    characters that make emphasis, code, links, tables and strike-through escaped with a
    backslash (those that start a heading or a list only do so at the start of a line)."""
    flat = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(_MARKDOWN_SPECIAL, r"\\\1", flat)


def markdown_link(url: str) -> str:
    """A link as a Markdown autolink, `<url>`, with nothing in it that could end it early."""
    safe = re.sub(r"[\s<>]", lambda m: "%{:02X}".format(ord(m.group())), one_line(url))
    return f"<{safe}>"


QUOTES = {"en": ("“", "”"), "fr": ("« ", " »")}  # French puts spaces inside its guillemets


def quoted(text: str, lang: str = "en") -> str:
    """A label between the quotation marks of `lang`."""
    opening, closing = QUOTES.get(lang, QUOTES["en"])
    return f"{opening}{text}{closing}"
