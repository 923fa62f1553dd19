"""optout stats counts what the catalog holds."""

from __future__ import annotations

import datetime as dt

from optout_tui.catalog import load_catalog
from optout_tui.catalog.stats import catalog_stats, render
from tests.conftest import EXAMPLE_CATALOG, MARKUP_CATALOG


def test_counts_of_the_fixtures() -> None:
    catalog = load_catalog([EXAMPLE_CATALOG, MARKUP_CATALOG])
    stats = catalog_stats(catalog, today=dt.date(2026, 11, 24))
    assert (stats.platforms, stats.actions, stats.sourced) == (2, 2, 2)
    assert stats.verified_recently == 2
    # example: 7 texts, all in French; markup: 9 texts, English only.
    assert (stats.texts, stats.texts_fr) == (16, 7)
    assert stats.labels == 5 and stats.labels_unconfirmed_fr == 4
    assert stats.kinds["ai-training"] == 2
    assert "Platforms:                     2" in render(stats)
    assert "French wording confirmed:    1/5 (20%)" in render(stats)


def test_old_entries_are_not_counted_as_recent() -> None:
    catalog = load_catalog([EXAMPLE_CATALOG])
    assert catalog_stats(catalog, today=dt.date(2027, 8, 1)).verified_recently == 0
