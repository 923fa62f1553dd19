"""Filters by category, kind, region and status; counts per option; priority order."""

from __future__ import annotations

from optout_tui.catalog import load_catalog
from optout_tui.catalog import filters as flt
from tests.conftest import SCREENS_CATALOG

CATALOG = load_catalog([SCREENS_CATALOG])
PLATFORMS = CATALOG.platforms


def ids(platforms) -> list[str]:
    return [p.id for p in platforms]


def test_no_filter_keeps_every_platform_in_name_order() -> None:
    assert ids(flt.apply(PLATFORMS, flt.Filters())) == ["alpha", "beta", "gamma"]


def test_category_and_kind() -> None:
    assert ids(flt.apply(PLATFORMS, flt.Filters(category="work"))) == ["beta"]
    assert ids(flt.apply(PLATFORMS, flt.Filters(kind="ai-training"))) == ["alpha", "beta"]
    assert ids(flt.apply(PLATFORMS, flt.Filters(kind="no-opt-out"))) == ["gamma"]
    assert flt.apply(PLATFORMS, flt.Filters(category="work", kind="no-opt-out")) == []


def test_region_keeps_actions_that_apply_there() -> None:
    alpha = CATALOG.get("alpha")
    in_us = flt.matching_actions(alpha, flt.Filters(region="US"))
    in_fr = flt.matching_actions(alpha, flt.Filters(region="FR"))
    assert [a.id for a in in_us] == ["ai-training"]
    assert [a.id for a in in_fr] == ["ai-training", "partner-sharing"]
    only_eu_kind = flt.Filters(kind="third-party-sharing", region="US")
    assert flt.apply(PLATFORMS, only_eu_kind) == []


def test_status_uses_the_callers_progress() -> None:
    done = {("alpha", "ai-training")}

    def status_of(platform, action) -> str:
        return "done" if (platform.id, action.id) in done else "not-started"

    assert ids(flt.apply(PLATFORMS, flt.Filters(status="done"), status_of)) == ["alpha"]
    assert ids(flt.apply(PLATFORMS, flt.Filters(status="not-started"), status_of)) == [
        "alpha",
        "beta",
        "gamma",
    ]  # alpha still has its partner-sharing action to do


def test_option_counts_follow_the_other_filters() -> None:
    counts = flt.option_counts(
        PLATFORMS, flt.Filters(), "kind", ["ai-training", "no-opt-out", "biometrics"]
    )
    assert counts == {"ai-training": 2, "no-opt-out": 1, "biometrics": 0}
    in_work = flt.option_counts(
        PLATFORMS, flt.Filters(category="work"), "kind", ["ai-training", "no-opt-out"]
    )
    assert in_work == {"ai-training": 1, "no-opt-out": 0}


def test_priority_sort_puts_high_priority_first() -> None:
    ordered = ids(flt.apply(PLATFORMS, flt.Filters(sort="priority")))
    assert ordered[0] == "alpha"  # the only platform with a high-priority action
    assert ordered[-1] == "beta"  # low priority only


def test_regions_offered_start_with_home_and_include_named_ones() -> None:
    offered = flt.regions_offered(PLATFORMS, home="BE")
    assert offered[0] == "BE"
    assert "EU" in offered and len(offered) == len(set(offered))
