"""Checking a catalog link the way a browser will read it, and noticing look-alike overlays.

A link is parsed with the WHATWG URL rules browsers follow (ada-url), not with Python's
`urlsplit`, which reads `https://evil.example\\@www.linkedin.com/` as a LinkedIn link while a
browser opens evil.example. A link must be https, name a domain (no user name or password, no
IP address), be read the same by both parsers, and, for a platform's own links, be on one of
its domains or below one at a dot boundary (`notexample.com` is not `example.com`).
No Textual; ada-url is imported only when a link is checked (the YAML load, `optout qr URL`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from optout_tui.text import has_control, has_invisible

if TYPE_CHECKING:
    from optout_tui.catalog.model import Platform

MAX_LINK = 1_000  # characters; longer links do not fit a QR code a phone can read

# Link shorteners hide where a link goes: a person cannot see the site before opening it, and
# a shortened link can be pointed elsewhere later. Catalog links and sources name the page.
SHORTENERS = frozenset(
    {
        "a.co",
        "aka.ms",
        "amzn.to",
        "apple.co",
        "bit.ly",
        "bl.ink",
        "buff.ly",
        "cutt.ly",
        "fb.me",
        "g.co",
        "goo.gl",
        "is.gd",
        "lnkd.in",
        "msft.it",
        "ow.ly",
        "rb.gy",
        "rebrand.ly",
        "s.id",
        "short.io",
        "shorturl.at",
        "spoti.fi",
        "t.co",
        "t.ly",
        "tiny.cc",
        "tinyurl.com",
        "v.gd",
        "youtu.be",
    }
)
# Web archives keep dated copies of a page under an address that holds the page's own: those
# name the page they copy, and are a fair source for what a page said on a day.
ARCHIVES = (
    "web.archive.org",
    "archive.org",
    "archive.ph",
    "archive.is",
    "archive.today",
    "webarchive.library.unt.edu",
    "webarchive.nationalarchives.gov.uk",
)
_EMBEDDED = re.compile(r"https?(?::|%3a)(?:/|%2f){2}", re.IGNORECASE)


class LinkProblem(ValueError):
    """The link is refused; the message says why, without the field's name."""


# The parts of a link the checks read (asking ada-url for all of them costs twice as much).
_PARTS = ("protocol", "username", "password", "hostname", "host_type")
_SPACE = re.compile(r"\s")  # the characters str.isspace() calls spaces, found in C


def _parse(url: str) -> dict[str, Any]:
    from ada_url import parse_url

    try:
        return dict(parse_url(url, _PARTS))
    except ValueError:
        raise LinkProblem(f"is not a valid link: {url!r}") from None


@lru_cache(maxsize=4096)
def _ascii_domain(domain: str) -> str:
    """A domain as browsers compare it: IDNA (punycode), lower case, without a final dot."""
    try:
        return str(_parse(f"https://{domain}/")["hostname"]).rstrip(".")
    except LinkProblem:
        return domain.lower().rstrip(".")


def host_in(host: str, domains: Iterable[str]) -> bool:
    """True when `host` is one of `domains` or below one of them at a dot boundary."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in map(_ascii_domain, domains))


def check_link(
    url: str, domains: Iterable[str] | None = None, *, max_length: int | None = MAX_LINK
) -> str:
    """`url` when a browser would open it as an https link to a named host (on one of
    `domains`, when given); LinkProblem saying why not otherwise."""
    if has_control(url) or has_invisible(url) or _SPACE.search(url):
        raise LinkProblem("must not contain spaces, control or invisible characters")
    if max_length is not None and len(url) > max_length:
        raise LinkProblem(
            f"is {len(url):,} characters long (at most {max_length:,}, so that it fits a QR code)"
        )
    if not url.lower().startswith("https://"):
        raise LinkProblem(f"must be an https:// link, not {url!r}")
    if "\\" in url:
        raise LinkProblem(
            "must not contain a backslash (browsers read it as /, which can "
            "change the site the link opens)"
        )
    parts = _parse(url)
    if parts["protocol"] != "https:":
        raise LinkProblem(f"must be an https:// link, not {url!r}")
    naive_parts = urlsplit(url)
    if parts["username"] or parts["password"] or "@" in (naive_parts.netloc or ""):
        raise LinkProblem(
            "must not contain a user name or password before the host "
            "(user@host links can disguise the site they open)"
        )
    host = parts["hostname"]
    if parts.get("host_type", 0) != 0 or not host:
        raise LinkProblem(f"must name a domain, not the address {host!r}")
    naive = (naive_parts.hostname or "").rstrip(".")
    if (naive if naive.isascii() else _ascii_domain(naive)) != host.rstrip("."):
        raise LinkProblem(
            f"is read as {host!r} by browsers but as {naive!r} by other "
            "programs; write the link plainly"
        )
    check_direct(url, host)
    if domains is not None:
        domains = tuple(domains)
        if not host_in(host, domains):
            raise LinkProblem(
                f"{host.rstrip('.')} is not one of the platform's domains "
                f"({', '.join(domains) or 'none declared'})"
            )
    return url


def check_direct(url: str, host: str) -> None:
    """Refuse a link shortener, and a proxy or reader that wraps another page's address (cite
    the page itself); a web archive's dated copy is allowed."""
    host = host.lower().rstrip(".")
    if host.removeprefix("www.") in SHORTENERS:
        raise LinkProblem(
            f"goes through the link shortener {host}, which hides the page it "
            "opens: give the page's own address"
        )
    rest = url[len("https://") :]
    rest = rest[rest.find("/") :] if "/" in rest else ""
    # (an embedded address has a ":" or its escape "%3a": most paths have neither, and
    # are not searched with the expression)
    if (":" in rest or "%3" in rest) and _EMBEDDED.search(rest) and not host_in(host, ARCHIVES):
        raise LinkProblem(
            f"wraps another address in a link to {host} (a proxy, reader or "
            "redirect): give the page's own address"
        )


def replacement_notice(bundled: Platform, overlay: Platform) -> str | None:
    """A warning when `overlay` replaces the platform `bundled` (same id) with other domains:
    an overlay named like LinkedIn whose links go to linkedln.com should never be silent."""
    old = {_ascii_domain(d) for d in bundled.domains}
    new = {_ascii_domain(d) for d in overlay.domains}
    if old == new:
        return None
    return (
        f"{overlay.origin}: replaces the platform {overlay.id!r} of {bundled.origin} with "
        f"different domains: {', '.join(sorted(new)) or 'none'} instead of "
        f"{', '.join(sorted(old)) or 'none'}; its links go elsewhere"
    )
