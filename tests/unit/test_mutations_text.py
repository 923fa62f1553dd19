"""The text gateway, one protection per test: so removing any single one of them fails."""

from __future__ import annotations

import re

import pytest

from optout_tui.text import (
    clean,
    has_control,
    has_invisible,
    markdown_link,
    markdown_text,
    one_line,
)


@pytest.mark.parametrize("brk", ["\n", "\u2028", "\u2029", "\r\n"])
def test_one_line_turns_every_line_break_into_a_space(brk: str) -> None:
    assert one_line(f"first{brk}second") == "first second"
    assert "\n" not in markdown_text(f"x{brk}# heading") and "\u2028" not in markdown_text(
        f"x{brk}# heading"
    )


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\x9f"])
def test_every_c0_and_c1_control_is_stripped(char: str) -> None:
    assert has_control(f"a{char}b")
    assert clean(f"a{char}b") == "ab"


@pytest.mark.parametrize(
    "char",
    [
        "\u061c",
        "\u180e",
        "\u200b",
        "\u200d",
        "\u200f",
        "\u202a",
        "\u202e",
        "\u2060",
        "\u2064",
        "\u2066",
        "\u2069",
        "\ufeff",
    ],
)
def test_every_bidi_and_zero_width_character_is_invisible(char: str) -> None:
    assert has_invisible(f"a{char}b")
    assert one_line(f"a{char}b") == "ab"


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("a & b", "a &amp; b"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("[x](https://evil.example)", "\\[x\\](https://evil.example)"),
        ("*a* _b_ `c` ~d~ |e|", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\|e\\|"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_text_is_literal(text: str, escaped: str) -> None:
    assert markdown_text(text) == escaped


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.example.com/a>b", "<https://www.example.com/a%3Eb>"),
        ("https://www.example.com/a<b", "<https://www.example.com/a%3Cb>"),
        ("https://www.example.com/a b", "<https://www.example.com/a%20b>"),
    ],
)
def test_markdown_link_cannot_be_ended_early(url: str, expected: str) -> None:
    assert markdown_link(url) == expected


def test_what_the_gateway_removes_is_never_printable() -> None:
    """clean, has_control and one_line return a printable text as it is (str.isprintable, in
    C) without running their regular expressions: that is right only while every character
    those remove is unprintable."""
    from optout_tui import text

    every = "".join(map(chr, range(0x110000)))
    removed = (
        re.findall(text._CONTROL, every)
        + re.findall(text._INVISIBLE, every)
        + re.findall(text._LINE_BREAKS, every)
        + ["\t"]
    )
    assert len(removed) > 70
    assert [c for c in removed if c.isprintable()] == []
    for char in removed:  # and each one is caught however printable the text around it
        assert one_line(f"name{char}x") != f"name{char}x"
