"""`optout catalog check-links`: is every deep link and source of the catalog still there?

Each distinct URL is fetched once (GET, body not read), with a cap on requests in flight, one
request at a time per host and a pause between two requests to the same host, a timeout, and
retries with exponential backoff for what may pass (timeouts, lost connections, HTTP 429 and
5xx, honouring Retry-After). Each use of a URL in the catalog then gets its verdict:

    ok           the page answers (perhaps after a redirect to the same page)
    redirected   it now lands elsewhere; suspicious when that is a home page or a login wall
    gone         HTTP 404 or 410
    unreachable  no answer, or an error the site keeps giving (403, 500…)
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from optout_tui import __version__
from optout_tui.catalog.model import Platform

STATUSES = ("ok", "redirected", "gone", "unreachable")
USER_AGENT = f"Mozilla/5.0 (compatible; optout-tui/{__version__} catalog link check)"
MAX_RETRY_AFTER = 60.0
_LANGUAGE_HOME = re.compile(r"^/?(?:[a-z]{2}(?:[-_][a-z]{2})?)?/?$", re.IGNORECASE)
_LOGIN_PATH = re.compile(
    r"log-?in|sign-?_?in|signon|/auth\b|authwall|/sso\b|/checkpoint|"
    r"/session|/challenge",
    re.IGNORECASE,
)
_LOGIN_HOST = re.compile(r"^(?:login|signin|auth|sso|accounts?|id)\.", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkUse:
    """One place the catalog uses a URL."""

    url: str
    platform: str
    action: str
    part: str  # "link (web)", "step link (ios/open-settings)", "source"
    origin: str  # the platform file


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What fetching one URL found."""

    url: str
    status: str
    http_status: int | None = None
    final_url: str | None = None
    suspicious: str | None = None  # "home page" or "login wall"
    detail: str = ""
    attempts: int = 1
    retry_after: float | None = field(default=None, compare=False)

    @property
    def transient(self) -> bool:
        """Worth another try: no answer, or an answer that says "later"."""
        return self.status == "unreachable" and (
            self.http_status is None or self.http_status == 429 or self.http_status >= 500
        )


@dataclass(frozen=True, slots=True)
class Settings:
    concurrency: int = 8
    host_delay: float = 1.0  # seconds between two requests to the same host
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0  # first pause before a retry; doubled each time
    max_redirects: int = 10


def collect(platforms: Iterable[Platform]) -> list[LinkUse]:
    """Every deep link (surface and step links) and every source URL, in catalog order."""
    uses: list[LinkUse] = []
    for platform in platforms:
        for action in platform.actions:
            found: list[tuple[str | None, str]] = []
            for surface in action.surfaces:
                found.append((surface.link, f"link ({surface.id})"))
                found.extend(
                    (step.link, f"step link ({surface.id}/{step.id})") for step in surface.steps
                )
            found.extend((source.url, "source") for source in action.sources)
            uses.extend(
                LinkUse(url, platform.id, action.id, part, platform.origin)
                for url, part in found
                if url
            )
    return uses


def _same_page(a: str, b: str) -> bool:
    """http→https, www. added or dropped, a trailing slash: the same page."""

    def norm(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        return host, parts.path.rstrip("/") or "/", parts.query

    return norm(a) == norm(b)


def suspicious(original: str, final: str) -> str | None:
    """Why a redirect looks like the page is gone: it lands on a home page or a login wall."""
    before, after = urlsplit(original), urlsplit(final)
    for pattern, old, new in (
        (_LOGIN_PATH, before.path, after.path),
        (_LOGIN_HOST, before.hostname or "", after.hostname or ""),
    ):
        if pattern.search(new) and not pattern.search(old):
            return "login wall"
    if (
        _LANGUAGE_HOME.match(after.path)
        and not after.query
        and not _LANGUAGE_HOME.match(before.path)
    ):
        return "home page"
    return None


def classify(url: str, code: int, final: str, redirected: bool) -> LinkResult:
    if code in (404, 410):
        where = f" (after a redirect to {final})" if redirected else ""
        return LinkResult(
            url, "gone", code, final if redirected else None, detail=f"HTTP {code}{where}"
        )
    if code == 429 or code >= 400:
        return LinkResult(
            url, "unreachable", code, final if redirected else None, detail=f"HTTP {code}"
        )
    if not redirected or _same_page(url, final):
        return LinkResult(url, "ok", code, final if redirected else None)
    return LinkResult(url, "redirected", code, final, suspicious(url, final), detail=f"to {final}")


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return None


async def _fetch_once(client, url: str, settings: Settings) -> LinkResult:
    import httpx

    try:
        async with client.stream("GET", url) as response:
            result = classify(url, response.status_code, str(response.url), bool(response.history))
            if result.transient:
                return replace(
                    result, retry_after=_retry_after(response.headers.get("retry-after"))
                )
            return result
    except httpx.TimeoutException:
        return LinkResult(url, "unreachable", detail=f"no answer within {settings.timeout:g} s")
    except httpx.TooManyRedirects:
        return LinkResult(
            url, "unreachable", detail=f"more than {settings.max_redirects} redirects"
        )
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
        return LinkResult(url, "unreachable", detail=f"not a web address ({error})")
    except httpx.ConnectError as error:
        return LinkResult(url, "unreachable", detail=f"cannot connect ({error or 'refused'})")
    except httpx.HTTPError as error:
        return LinkResult(url, "unreachable", detail=f"{type(error).__name__}: {error}")


class Checker:
    """Fetches URLs politely; `sleep` and `clock` can be replaced (tests count the pauses)."""

    def __init__(
        self,
        settings: Settings = Settings(),
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.pauses: list[tuple[str, float]] = []  # (why, seconds) for every pause taken

    async def _pause(self, why: str, seconds: float) -> None:
        if seconds > 0:
            self.pauses.append((why, seconds))
            await self.sleep(seconds)

    async def check_all(self, urls: Iterable[str], **client_options) -> dict[str, LinkResult]:
        import httpx

        s = self.settings
        clock = self.clock or asyncio.get_running_loop().time
        in_flight = asyncio.Semaphore(max(1, s.concurrency))
        host_locks: dict[str, asyncio.Lock] = {}
        last_request: dict[str, float] = {}

        async def check(client, url: str) -> LinkResult:
            host = (urlsplit(url).hostname or url).lower()
            lock = host_locks.setdefault(host, asyncio.Lock())
            attempt = 0
            while True:
                attempt += 1
                async with lock:  # one request at a time per host, spaced out
                    if host in last_request:
                        await self._pause("host", last_request[host] + s.host_delay - clock())
                    async with in_flight:
                        result = await _fetch_once(client, url, s)
                    last_request[host] = clock()
                if not result.transient or attempt > s.retries:
                    return replace(result, attempts=attempt)
                wait = result.retry_after
                await self._pause(
                    "retry", wait if wait is not None else s.backoff * 2 ** (attempt - 1)
                )

        # The semaphore bounds the requests in flight; a pool limit as well would make the
        # requests queued behind it time out on a slow site.
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=s.concurrency)
        async with httpx.AsyncClient(
            timeout=s.timeout,
            follow_redirects=True,
            max_redirects=s.max_redirects,
            limits=limits,
            headers={"User-Agent": USER_AGENT},
            **client_options,
        ) as client:
            unique = list(dict.fromkeys(urls))
            results = await asyncio.gather(*(check(client, u) for u in unique))
        return dict(zip(unique, results))

    def run(self, urls: Iterable[str], **client_options) -> dict[str, LinkResult]:
        return asyncio.run(self.check_all(urls, **client_options))


def as_json(uses: list[LinkUse], results: dict[str, LinkResult]) -> dict:
    counts = dict.fromkeys(STATUSES, 0)
    links = []
    for use in uses:
        r = results[use.url]
        counts[r.status] += 1
        links.append(
            {
                "platform": use.platform,
                "action": use.action,
                "field": use.part,
                "file": use.origin,
                "url": use.url,
                "status": r.status,
                "http_status": r.http_status,
                "final_url": r.final_url,
                "suspicious": r.suspicious,
                "detail": r.detail,
                "attempts": r.attempts,
            }
        )
    return {
        "urls": len(results),
        "links": len(uses),
        "counts": counts,
        "suspicious": sum(1 for u in uses if results[u.url].suspicious),
        "results": links,
    }
