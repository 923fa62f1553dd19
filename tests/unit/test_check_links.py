"""`optout catalog check-links` against local servers only: good, moved, gone and slow pages."""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time

import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

from optout_tui.catalog.loader import load_platform
from optout_tui.cli import main
from optout_tui.updates.links import Checker, Settings, collect, suspicious
from tests.unit.bundles import EXAMPLE


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Name lookups outside this machine fail: a test can never reach the internet."""
    real = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name != "localhost" and not name.startswith("127."):
            raise socket.gaierror(f"test: no lookups of {name}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


async def no_wait(seconds: float) -> None:
    """Instead of asyncio.sleep: the checker's pauses are recorded, not waited for."""


# -- the command, over HTTPS -------------------------------------------------------------------
@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def site(ca, tmp_path, monkeypatch):
    """An HTTPS server with good, moved, gone and slow pages, trusted via SSL_CERT_FILE."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("localhost").configure_cert(context)
    server = HTTPServer(host="localhost", ssl_context=context, threaded=True)
    server.start()
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))
    base = server.url_for("/").rstrip("/")
    server.expect_request("/good").respond_with_data("ok")
    server.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": f"{base}/new-place"}
    )
    server.expect_request("/new-place").respond_with_data("here now")
    server.expect_request("/slash").respond_with_data(
        "", status=301, headers={"Location": f"{base}/slash/"}
    )
    server.expect_request("/slash/").respond_with_data("same page")
    server.expect_request("/article").respond_with_data(
        "", status=302, headers={"Location": f"{base}/en-us/"}
    )
    server.expect_request("/en-us/").respond_with_data("home")
    server.expect_request("/settings").respond_with_data(
        "", status=302, headers={"Location": f"{base}/accounts/login?next=/settings"}
    )
    server.expect_request("/accounts/login").respond_with_data("sign in")
    server.expect_request("/gone").respond_with_data("", status=404)
    server.expect_request("/gone-for-good").respond_with_data("", status=410)
    server.expect_request("/forbidden").respond_with_data("", status=403)

    def slow(request):
        time.sleep(1.0)
        return Response("too late")

    server.expect_request("/slow").respond_with_handler(slow)
    yield server, base
    server.clear()
    server.stop()


PAGES = (
    "good",
    "moved",
    "slash",
    "article",
    "settings",
    "gone",
    "gone-for-good",
    "forbidden",
    "slow",
)


def catalog_with_sources(folder, base: str):
    """The example platform, its sources pointing at the local site (no deep link: a deep
    link must be on the platform's own domain, which is not this machine)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("        link: https://example.com/settings/ai\n", "")
    sources = "".join(
        f"      - url: {base}/{page}\n        publisher: Local\n"
        "        published: unknown\n        type: official\n"
        for page in PAGES
    )
    start = text.index("    sources:\n") + len("    sources:\n")
    end = text.index("    verified:")
    (folder / "platforms").mkdir(parents=True)
    (folder / "platforms" / "example.yaml").write_text(
        text[:start] + sources + text[end:], encoding="utf-8"
    )
    return folder


def check(capsys, *argv):
    code = main(["catalog", "check-links", *argv])
    out, err = capsys.readouterr()
    return code, out, err


FAST = ("--timeout", "0.3", "--delay", "0", "--retries", "0")


def test_each_link_gets_its_verdict(site, tmp_path, capsys):
    _, base = site
    folder = catalog_with_sources(tmp_path / "cat", base)
    code, out, _ = check(capsys, str(folder), "--json", *FAST)
    report = json.loads(out)
    assert report["format_version"] == 1
    verdict = {r["url"].rsplit("/", 1)[1]: r for r in report["results"]}
    assert verdict["good"]["status"] == "ok"
    assert verdict["slash"]["status"] == "ok"  # a trailing slash is the same page
    assert verdict["moved"]["status"] == "redirected"
    assert verdict["moved"]["final_url"] == f"{base}/new-place"
    assert verdict["moved"]["suspicious"] is None
    assert verdict["article"]["status"] == "redirected"
    assert verdict["article"]["suspicious"] == "home page"
    assert verdict["settings"]["suspicious"] == "login wall"
    assert verdict["gone"]["status"] == "gone" and verdict["gone"]["http_status"] == 404
    assert verdict["gone-for-good"]["status"] == "gone"
    assert verdict["forbidden"]["status"] == "unreachable"
    assert verdict["forbidden"]["detail"] == "HTTP 403"
    assert verdict["slow"]["status"] == "unreachable" and "0.3 s" in verdict["slow"]["detail"]
    assert report["counts"] == {"ok": 2, "redirected": 3, "gone": 2, "unreachable": 2}
    assert verdict["gone"]["platform"] == "example" and verdict["gone"]["field"] == "source"
    assert code == 1  # something is gone


def test_text_output_and_exit_status_for_ci(site, tmp_path, capsys):
    _, base = site
    folder = catalog_with_sources(tmp_path / "cat", base)
    code, out, _ = check(capsys, str(folder), *FAST)
    lines = out.splitlines()
    assert any(
        line.startswith("gone ")
        and f"{base}/gone " in line
        and "example.yaml: example/ai-training source" in line
        for line in lines
    )
    assert any(f"{base}/settings" in line and "[suspicious: login wall]" in line for line in lines)
    assert not any(f"{base}/good" in line for line in lines)  # fine links only with --all
    assert lines[-1].startswith(
        "9 link(s) checked (9 distinct URL(s)): 2 ok, 3 redirected "
        "(2 suspicious), 2 gone, 2 unreachable"
    )
    assert code == 1


def test_exit_status_follows_fail_on(site, tmp_path, capsys):
    _, base = site
    folder = tmp_path / "cat"
    (folder / "platforms").mkdir(parents=True)
    text = EXAMPLE.read_text().replace("        link: https://example.com/settings/ai\n", "")
    (folder / "platforms" / "example.yaml").write_text(
        text.replace("https://example.com/help/ai", f"{base}/article")
    )
    assert check(capsys, str(folder), *FAST)[0] == 0  # a redirect alone does not fail CI
    assert check(capsys, str(folder), *FAST, "--fail-on", "gone,suspicious")[0] == 1
    code, _, err = check(capsys, str(folder), "--fail-on", "typo")
    assert code == 2 and "unknown typo" in err


def test_a_missing_path_is_a_usage_error(tmp_path, capsys):
    code, _, err = check(capsys, str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err


# -- the checker: politeness, bounded concurrency, retries ------------------------------------
class Counting:
    """A handler that counts requests in flight, overall and per host."""

    def __init__(self, pause: float = 0.15) -> None:
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.total = 0
        self.most_total = 0
        self.pause = pause

    def __call__(self, request):
        host = request.host.split(":")[0]
        with self.lock:
            self.now[host] = self.now.get(host, 0) + 1
            self.total += 1
            self.most[host] = max(self.most.get(host, 0), self.now[host])
            self.most_total = max(self.most_total, self.total)
        time.sleep(self.pause)
        with self.lock:
            self.now[host] -= 1
            self.total -= 1
        return Response("ok")


@pytest.fixture
def loopback():
    """A plain HTTP server on every loopback address: 127.0.0.1, .2, .3… are other hosts."""
    server = HTTPServer(host="0.0.0.0", threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_requests_in_flight_are_bounded(loopback):
    counting = Counting()
    loopback.expect_request("/page").respond_with_handler(counting)
    urls = [f"http://127.0.0.{i}:{loopback.port}/page" for i in range(1, 9)]
    results = Checker(Settings(concurrency=3, host_delay=0), sleep=no_wait).run(urls)
    assert all(r.status == "ok" for r in results.values())
    assert counting.most_total <= 3


def test_one_request_at_a_time_per_host_with_a_pause_between(loopback):
    counting = Counting(pause=0.05)
    loopback.expect_request("/page").respond_with_handler(counting)
    urls = [f"http://127.0.0.1:{loopback.port}/page?n={i}" for i in range(5)]
    checker = Checker(Settings(concurrency=8, host_delay=30), sleep=no_wait)
    results = checker.run(urls)
    assert all(r.status == "ok" for r in results.values())
    assert counting.most == {"127.0.0.1": 1}
    host_pauses = [s for why, s in checker.pauses if why == "host"]
    assert len(host_pauses) == 4 and all(25 < s <= 30 for s in host_pauses)


def flaky(answers: list[tuple[int, dict]]):
    """Answers in turn, then the last one again."""

    def handler(request):
        status, headers = answers.pop(0) if len(answers) > 1 else answers[0]
        return Response("", status=status, headers=headers)

    return handler


def test_retries_back_off_and_then_succeed(loopback):
    loopback.expect_request("/flaky").respond_with_handler(flaky([(503, {}), (503, {}), (200, {})]))
    checker = Checker(Settings(host_delay=0, retries=2, backoff=1.5), sleep=no_wait)
    [result] = checker.run([loopback.url_for("/flaky")]).values()
    assert result.status == "ok" and result.attempts == 3
    assert checker.pauses == [("retry", 1.5), ("retry", 3.0)]


def test_retry_after_is_honoured_and_retries_end(loopback):
    loopback.expect_request("/busy").respond_with_handler(flaky([(429, {"Retry-After": "7"})]))
    checker = Checker(Settings(host_delay=0, retries=2), sleep=no_wait)
    [result] = checker.run([loopback.url_for("/busy")]).values()
    assert result.status == "unreachable" and result.http_status == 429
    assert result.attempts == 3
    assert checker.pauses == [("retry", 7.0), ("retry", 7.0)]


def test_a_gone_page_is_not_retried(loopback):
    loopback.expect_request("/gone").respond_with_data("", status=404)
    checker = Checker(Settings(host_delay=0, retries=3), sleep=no_wait)
    [result] = checker.run([loopback.url_for("/gone")]).values()
    assert result.status == "gone" and result.attempts == 1 and checker.pauses == []


def test_a_closed_port_is_unreachable(loopback):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens once it is closed
    checker = Checker(Settings(host_delay=0, retries=1, backoff=0.5), sleep=no_wait)
    [result] = checker.run([f"http://127.0.0.1:{port}/x"]).values()
    assert result.status == "unreachable" and "cannot connect" in result.detail
    assert result.attempts == 2 and checker.pauses == [("retry", 0.5)]


# -- what is collected, what is suspicious ------------------------------------------------------
def test_collects_deep_links_step_links_and_sources():
    uses = collect([load_platform(EXAMPLE)])
    assert [(u.url, u.part) for u in uses] == [
        ("https://example.com/settings/ai", "link (web)"),
        ("https://example.com/help/ai", "source"),
    ]
    assert uses[0].platform == "example" and uses[0].action == "ai-training"


@pytest.mark.parametrize(
    "original, final, verdict",
    [
        ("https://x.com/settings/grok", "https://x.com/i/flow/login?redirect=1", "login wall"),
        (
            "https://www.linkedin.com/mypreferences/d/data",
            "https://www.linkedin.com/authwall?x",
            "login wall",
        ),
        ("https://help.example.com/article/123", "https://help.example.com/", "home page"),
        ("https://help.example.com/article/123", "https://help.example.com/fr-fr", "home page"),
        ("https://help.example.com/article/123", "https://help.example.com/article/456", None),
        ("https://example.com/", "https://example.com/en/", None),  # it was a home page already
        (
            "https://accounts.example.com/privacy",
            "https://accounts.example.com/login",
            "login wall",
        ),
        ("https://example.com/privacy", "https://accounts.example.com/?continue=x", "login wall"),
        ("https://example.com/login-help", "https://example.com/login-help/new", None),
    ],
)
def test_suspicious_redirects(original, final, verdict):
    assert suspicious(original, final) == verdict
