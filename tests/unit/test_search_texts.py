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
