"""Search tolerates case and typos; regions resolve EU/EEA membership and exclusions."""

from __future__ import annotations

import pytest

from optout_tui.catalog import load_catalog
from optout_tui.catalog.regions import applies_in
from optout_tui.catalog.search import search
from tests.conftest import EXAMPLE_CATALOG, MARKUP_CATALOG

CATALOG = load_catalog([EXAMPLE_CATALOG, MARKUP_CATALOG])


@pytest.mark.parametrize("query", ["example", "EXAMPLE", "exmaple", "sample", "Exam"])
def test_platform_found(query: str) -> None:
    hits = search(CATALOG, query)
    assert hits and hits[0].platform.id == "example"


def test_action_titles_are_searched_in_both_languages() -> None:
    assert any(h.action and h.action.id == "ai-training" for h in search(CATALOG, "posts"))
    fr = search(CATALOG, "entraînement", lang="fr")
    assert any(h.action and h.action.id == "ai-training" for h in fr)


def test_nonsense_finds_nothing() -> None:
    assert search(CATALOG, "zzqqxx") == []
    assert search(CATALOG, "   ") == []


@pytest.mark.parametrize(
    ("regions", "country", "expected"),
    [
        (("all",), "US", True),
        (("EU", "EEA", "GB"), "FR", True),
        (("EU",), "NO", False),
        (("EEA",), "NO", True),
        (("EU", "GB"), "US", False),
        (("all", "-EU"), "DE", False),
        (("all", "-EU"), "US", True),
        (("GB",), "gb", True),
        (("all",), "EU", True),
        (("US",), "EU", False),
    ],
)
def test_applies_in(regions: tuple[str, ...], country: str, expected: bool) -> None:
    assert applies_in(regions, country) is expected


def test_index_platforms_multiword_in_any_order_and_typos() -> None:
    from optout_tui.catalog.search import index_for

    index = index_for(CATALOG)
    assert [p.id for p in index.platforms("training posts")][:1] == ["example"]
    assert [p.id for p in index.platforms("posts training")][:1] == ["example"]
    assert [p.id for p in index.platforms("exmaple")][:1] == ["example"]
    assert index.platforms("zzqqxx") == []
    assert len(index.platforms("")) == len(CATALOG.platforms)


def test_name_prefix_ranks_before_title_match(tmp_path) -> None:
    from optout_tui.catalog.search import SearchIndex
    from tests.conftest import SCREENS_CATALOG

    index = SearchIndex(load_catalog([SCREENS_CATALOG]))
    assert [p.id for p in index.platforms("beta")] == ["beta"]
    found = [p.id for p in index.platforms("training")]
    assert set(found) == {"alpha", "beta", "gamma"}
    assert [p.id for p in index.platforms("gam")] == ["gamma"]
