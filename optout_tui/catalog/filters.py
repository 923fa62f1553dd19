"""Narrowing and ordering the platforms: by category, kind of action, region and status.

Status comes from the person's progress, which the catalog knows nothing of: callers pass a
function `status_of(platform, action)` that returns one of progress.status.STATUSES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Self

from optout_tui.catalog.model import Platform
from optout_tui.catalog.regions import applies_in

if TYPE_CHECKING:
    from optout_tui.catalog.actions import ActionFacts

    StatusOf = Callable[[Platform, ActionFacts], str]

PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}
SORTS = ("priority", "name")
COMMON_REGIONS = ("EU", "EEA", "US", "GB", "CA", "AU", "FR", "DE", "BE", "CH", "IN")


class Filters(NamedTuple):
    """What the person chose to see; None means any."""

    category: str | None = None
    kind: str | None = None
    region: str | None = None
    status: str | None = None
    sort: str = "name"

    def without(self, name: str) -> Self:
        """The same filters with one of them cleared (for counting that filter's options)."""
        return self._replace(**{name: None})  # type: ignore[arg-type]  # a filter, not sort

    @property
    def active(self) -> bool:
        return any((self.category, self.kind, self.region, self.status))


def matching_actions(
    platform: Platform, filters: Filters, status_of: StatusOf | None = None
) -> list[ActionFacts]:
    """The facts of the platform's actions that pass the action filters (kind, region,
    status); `platform.action(fact.id)` gives the full action."""
    return [
        a
        for a in platform.facts
        if (not filters.kind or a.kind == filters.kind)
        and (not filters.region or applies_in(a.regions, filters.region))
        and (not filters.status or status_of is None or status_of(platform, a) == filters.status)
    ]


def passes(platform: Platform, filters: Filters, status_of: StatusOf | None = None) -> bool:
    if filters.category and filters.category not in platform.categories:
        return False
    if not (filters.kind or filters.region or filters.status):
        return True
    return bool(matching_actions(platform, filters, status_of))


def priority_key(platform: Platform) -> tuple[int, int]:
    """Sort key: platforms with a high-priority action first, then by how many they have."""
    ranks = [PRIORITY_RANK.get(a.priority, 1) for a in platform.facts] or [2]
    best = min(ranks)
    return best, -ranks.count(best)


def apply(
    platforms: Iterable[Platform], filters: Filters, status_of: StatusOf | None = None
) -> Sequence[Platform]:
    """The platforms passing `filters`, in the order `filters.sort` asks for (stable). With
    no filter, in the catalog's order, the sequence given is the answer (a catalog served
    from the cache makes a platform when it is shown)."""
    if not filters.active and filters.sort != "priority" and isinstance(platforms, Sequence):
        return platforms
    if not filters.active:
        shown = list(platforms)
    else:
        shown = [p for p in platforms if passes(p, filters, status_of)]
    if filters.sort == "priority":
        shown.sort(key=priority_key)
    return shown


def option_counts(
    platforms: Sequence[Platform],
    filters: Filters,
    name: str,
    values: Iterable[str],
    status_of: StatusOf | None = None,
) -> dict[str, int]:
    """For one filter, how many platforms each of its values would show, the other filters
    staying as they are. One pass over the platforms, whatever the number of values."""
    others = filters.without(name)
    counts = dict.fromkeys(values, 0)
    if name == "category":
        for platform in platforms:
            if passes(platform, others, status_of):
                for category in platform.categories:
                    if category in counts:
                        counts[category] += 1
        return counts
    regions_cache: dict[tuple[str, ...], set[str]] = {}
    for platform in platforms:
        if others.category and others.category not in platform.categories:
            continue
        found: set[str] = set()
        for action in matching_actions(platform, others, status_of):
            if name == "kind":
                found.add(action.kind)
            elif name == "status" and status_of is not None:
                found.add(status_of(platform, action))
            elif name == "region":
                where = regions_cache.get(action.regions)
                if where is None:
                    where = regions_cache[action.regions] = {
                        r for r in counts if applies_in(action.regions, r)
                    }
                found |= where
        for value in found:
            if value in counts:
                counts[value] += 1
    return counts


def regions_offered(platforms: Iterable[Platform], home: str | None = None) -> list[str]:
    """Regions worth offering in a filter: the person's own, common ones, and every region an
    action names."""
    named = {r.removeprefix("-") for p in platforms for a in p.facts for r in a.regions}
    named.discard("all")
    ordered = ([home] if home else []) + list(COMMON_REGIONS) + sorted(named)
    return list(dict.fromkeys(r for r in ordered if r))
