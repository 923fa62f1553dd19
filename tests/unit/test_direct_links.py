"""Catalog links and sources name the page itself: no link shortener, no proxy or reader that
wraps another page's address (a person could not see where it goes); web archives are fine."""

from __future__ import annotations

import pytest

from optout_tui.catalog.links import LinkProblem, check_link


@pytest.mark.parametrize(
    "url",
    [
        "https://tinyurl.com/kzxy6r7u",
        "https://bit.ly/3abc",
        "https://www.bit.ly/3abc",
        "https://aka.ms/privacy",
        "https://BIT.LY/3abc",
    ],
)
def test_a_shortener_is_refused(url: str) -> None:
    with pytest.raises(LinkProblem, match="shortener"):
        check_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://mdsite.deno.dev/https://support.claude.com/en/articles/9028421",
        "https://hn.jakechampion.name/reader/https://support.anthropic.com/en/articles/1",
        "https://ibetubet.com/infinito/?x=https%3A%2F%2Fwww.apple.com%2Flegal%2Fprivacy%2F",
        "https://example.org/out?url=http://evil.example/",
        "https://example.org/r?u=HTTPS%3a%2f%2fevil.example",
    ],
)
def test_a_wrapped_address_is_refused(url: str) -> None:
    with pytest.raises(LinkProblem, match="wraps another address"):
        check_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://support.claude.com/en/articles/9028421-how-can-i-delete-my-claude-account",
        "https://web.archive.org/web/20240101000000/https://help.x.com/en/using-x/about-grok",
        "https://webarchive.library.unt.edu/web/20170125003726/https://info.yahoo.com/privacy/",
        "https://example.org/page?topic=https-setup",
        "https://notbit.ly.example.com/page",
    ],
)
def test_the_page_itself_and_web_archives_pass(url: str) -> None:
    assert check_link(url) == url


def test_a_platform_link_through_a_shortener_is_refused_even_on_its_domain() -> None:
    with pytest.raises(LinkProblem, match="shortener"):
        check_link("https://t.co/abc", ["t.co", "x.com"])
