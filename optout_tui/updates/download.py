"""Getting a bundle and its signature: over HTTPS (httpx, certificates checked) or from a file.

Only HTTPS addresses are accepted, redirects included; every download has a timeout and a
size cap, checked as the bytes arrive (whatever Content-Length claims).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from optout_tui import __version__
from optout_tui.i18n import N_, Localised
from optout_tui.updates import Refused

MAX_BUNDLE_BYTES = 32 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5
USER_AGENT = f"optout-tui/{__version__} catalog-update"


class FetchError(Localised):
    """The bundle could not be fetched (network, server or file); nothing was changed."""


class Missing(FetchError):
    """There is nothing at that address (HTTP 404, or no such file)."""


def is_url(source: str) -> bool:
    return "://" in source


def check_source(source: str) -> None:
    """Refuse anything but an https:// address or a local file path."""
    if is_url(source) and urlsplit(source).scheme.lower() != "https":
        raise Refused(
            N_(
                "only https:// addresses are accepted, not {source!r}: a plain "
                "download can be read and blocked on the way (for a bundle you carry, "
                "give its file path)"
            ),
            source=source,
        )


def _too_big(what: str, limit: int) -> Refused:
    return Refused(N_("{what} is larger than the limit of {limit:,} bytes"), what=what, limit=limit)


def read_file(path: Path, limit: int) -> bytes:
    """A local file, refused when larger than `limit`."""
    if not path.exists():
        raise Missing(N_("{path}: no such file"), path=path)
    if not path.is_file():
        raise FetchError(N_("{path} is not a file"), path=path)
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise FetchError(
            N_("{path}: cannot be read: {error}"), path=path, error=error.strerror
        ) from None
    if len(data) > limit:
        raise _too_big(str(path), limit)
    return data


def _require_https(request) -> None:
    """httpx event hook: every request, redirects included, goes over HTTPS."""
    if request.url.scheme != "https":
        raise Refused(N_("the server redirected to {url}, which is not https://"), url=request.url)


def download(url: str, limit: int, *, progress: bool = False) -> bytes:
    """The body at `url`, refused when larger than `limit`; a progress bar when asked."""
    import httpx

    timeout = httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_TIMEOUT_SECONDS)
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": USER_AGENT},
                event_hooks={"request": [_require_https]},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code in (404, 410):
                raise Missing(
                    N_("{url}: not found (HTTP {status})"), url=url, status=response.status_code
                )
            if response.status_code >= 400:
                raise FetchError(
                    N_("{url}: the server answered HTTP {status} {reason}"),
                    url=url,
                    status=response.status_code,
                    reason=response.reason_phrase,
                )
            declared = response.headers.get("content-length", "")
            total = int(declared) if declared.isdigit() else None
            return _read_body(response, url, limit, total, progress)
    except httpx.TimeoutException:
        raise FetchError(
            N_("{url}: no answer within {seconds:g} s (timed out)"),
            url=url,
            seconds=TIMEOUT_SECONDS,
        ) from None
    except httpx.TooManyRedirects:
        raise FetchError(N_("{url}: more than {n} redirects"), url=url, n=MAX_REDIRECTS) from None
    except httpx.ConnectError as error:
        if "CERTIFICATE_VERIFY_FAILED" in str(error):
            raise FetchError(
                N_("{url}: the server's certificate could not be verified ({reason})"),
                url=url,
                reason=_reason(error),
            ) from None
        raise FetchError(
            N_("{url}: cannot connect ({reason})"), url=url, reason=_reason(error)
        ) from None
    except httpx.HTTPError as error:
        raise FetchError(
            N_("{url}: the download failed ({reason})"), url=url, reason=_reason(error)
        ) from None


def _reason(error: Exception) -> str:
    return str(error) or type(error).__name__


def _read_body(response, url: str, limit: int, total: int | None, progress: bool) -> bytes:
    body = bytearray()
    bar = _progress_bar(url, total) if progress else None
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise _too_big(url, limit)
            if bar is not None:
                bar[0].update(bar[1], completed=len(body))
    finally:
        if bar is not None:
            bar[0].stop()
    return bytes(body)


def _progress_bar(url: str, total: int | None):
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TransferSpeedColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )
    task = bar.add_task(Path(urlsplit(url).path).name or "bundle", total=total)
    bar.start()
    return bar, task


def fetch(source: str, limit: int, *, progress: bool = False) -> bytes:
    """The bytes at an https:// address or a local file path."""
    check_source(source)
    if is_url(source):
        return download(source, limit, progress=progress)
    return read_file(Path(source).expanduser(), limit)
