"""The search's texts: one byte string with offsets, searched whole or platform by platform."""

from __future__ import annotations

import pytest

from optout_tui.catalog.cache import load_catalog_cached
from optout_tui.catalog.search import SearchIndex, name_texts, title_texts
from optout_tui.paths import bundled_catalog_dir


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_cached([bundled_catalog_dir()])


NEEDLES = [b"a", b"e", b"\na", b"in", b"ai training", b"\nx\n", b"google", b"zzz", b"\n", b"-"]
NEEDLES += [b"training\n", b"sharing\n", b"\nlinkedin\n"]  # also at the end of a platform's texts


@pytest.mark.parametrize("which", ["names", "titles"])
def test_holding_finds_what_a_plain_substring_test_finds(catalog, which: str) -> None:
    """Dense needles (most platforms), sparse ones and absent ones; searched whole, and within
    a small and a large pool."""
    texts = (
        name_texts(catalog.platforms) if which == "names" else title_texts(catalog.platforms, "fr")
    )
    count = len(texts)
    entries = [texts.blob[texts.at[i] : texts.at[i + 1] + 1] for i in range(count)]
    large = list(range(0, count, 2))
    for needle in NEEDLES:
        expected = [i for i, entry in enumerate(entries) if needle in entry[:-1]]
        if needle.endswith(b"\n"):  # may end on the SEP that starts the next platform
            expected = [i for i, entry in enumerate(entries) if needle in entry]
        small = sorted(set(range(0, count, 9)) | set(expected[:3]))
        assert texts.holding(needle) == expected, needle
        assert texts.holding(needle, small) == [i for i in expected if i in small], needle
        assert set(texts.holding(needle, large)) >= {i for i in expected if i in large}


def test_typing_and_backspace_find_what_a_fresh_search_finds(catalog) -> None:
    typed = SearchIndex(catalog, "en")
    for query in [
        "l",
        "li",
        "lin",
        "link",
        "linkd",
        "link",
        "li",
        "",
        "x",
        "xa",
        "x",
        "g",
        "go",
        "goo",
        "gogl",
        "goo",
        "go",
        "ai",
        "ai t",
        "ai tr",
        "ai",
        "a",
    ]:
        fresh = SearchIndex(catalog, "en")
        assert [p.id for p in typed.platforms(query)] == [p.id for p in fresh.platforms(query)]


def test_a_needle_found_in_most_platforms_is_found_in_every_one_holding_it() -> None:
    """Past 64 matches in a quarter of the platforms seen, the rest are tested one by one:
    a text ending a platform's texts still ends on the SEP that follows."""
    from optout_tui.catalog.search import _Texts

    groups = [["common words", f"tail {i % 3}"] for i in range(400)]
    texts = _Texts.build(groups)
    assert texts.holding(b"tail 1\n") == [i for i in range(400) if i % 3 == 1]
    assert texts.holding(b"\ncommon") == list(range(400))


def test_one_letter_queries_found_ahead_are_what_a_search_finds(catalog) -> None:
    """warm() finds every one-letter query ahead (the first key of each search); what it
    kept is exactly what searching finds, and a one-letter query then searches nothing."""
    fresh = SearchIndex(catalog, "fr")
    warmed = SearchIndex(catalog, "fr")
    warmed.warm()
    assert {"a", "e", "x", "1"} <= set(warmed._singles)
    searched: list[str] = []
    find = warmed._find

    def spy(query, pool=None):  # type: ignore[no-untyped-def]
        searched.append(query)
        return find(query, pool)

    warmed._find = spy  # type: ignore[method-assign]
    for letter in sorted(warmed._singles):
        assert [p.id for p in warmed.platforms(letter)] == [p.id for p in fresh.platforms(letter)]
        assert [p.id for p in warmed.platforms(letter.upper())] == [
            p.id for p in fresh.platforms(letter.upper())
        ]
    assert searched == []
    # typing on from a letter narrows what it found ("a" → "ai"), as without warm()
    for query in ("a", "ai", "ai ", "ai t", "l", "li", "lin"):
        assert [p.id for p in warmed.platforms(query)] == [p.id for p in fresh.platforms(query)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_typing_on_finds_what_a_fresh_search_finds(catalog, lang: str) -> None:
    """A search narrows what the last query found as letters are typed, and Backspace shows
    a recent query again: each step finds exactly what a fresh index finds for it."""
    typed = SearchIndex(catalog, lang)
    typed.warm()
    words = ("x", "xa", "chat", "goo", "meta ai", "priv", "ai tr", "linked", "donn", "amaz")
    # and queries whose second letter leaves a few platforms, best first, whose third
    # letter orders them afresh ("aud": a narrowed pool is looked at in the platforms' order)
    words += ("aga", "aud", "bli", "but", "fil", "mod", "sur", "tch", "ude")
    for word in words:
        for end in [*range(1, len(word) + 1), *range(len(word) - 1, 0, -1)]:
            query = word[:end]
            expected = [p.id for p in SearchIndex(catalog, lang).platforms(query)]
            assert [p.id for p in typed.platforms(query)] == expected, query
