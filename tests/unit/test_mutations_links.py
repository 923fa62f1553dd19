"""Each link protection on its own: a test per check, so removing any one of them fails."""

from __future__ import annotations

import pytest

from optout_tui.catalog.links import LinkProblem, check_link


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/a b",
        "https://www.example.com/a\tb",  # a tab is not a control character for has_control
        "https://www.example.com/a\u00a0b",  # a no-break space
    ],
)
def test_a_link_with_a_space_or_tab_is_refused(url: str) -> None:
    with pytest.raises(LinkProblem, match="spaces"):
        check_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "https:www.example.com/page",  # browsers add the slashes; other programs see no host
        "http://www.example.com/page",
        "ftp://www.example.com/page",
        "javascript:alert(1)",
    ],
)
def test_a_link_not_written_https_slash_slash_is_refused_as_such(url: str) -> None:
    with pytest.raises(LinkProblem, match=r"must be an https:// link"):
        check_link(url)


def test_a_password_alone_before_the_host_is_refused() -> None:
    with pytest.raises(LinkProblem, match="user name or password"):
        check_link("https://:secret@www.example.com/")
