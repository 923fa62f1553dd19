"""What to do next: the most important actions a person has not done, across every platform."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from optout_tui.catalog.filters import PRIORITY_RANK
from optout_tui.catalog.model import ActionFacts, Catalog, Kind, Platform
from optout_tui.progress.status import overall_status, touched
from optout_tui.progress.store import StepKey

DEFAULT = {"on": 0, "unknown": 1, "off": 2, "none": 3}
DIFFICULTY = {"easy": 0, "medium": 1, "hard": 2}
STATUS = {"needs-recheck": 0, "in-progress": 1, "not-started": 2}


@dataclass(frozen=True, slots=True)
class NextUp:
    platform: Platform
    action: ActionFacts  # platform.action(action.id) is the full action
    status: str


def next_up(catalog: Catalog, states: dict[StepKey, str],
            records: dict[tuple[str, str, str], tuple[str, str]], recheck_days: int | None = None,
            limit: int | None = None) -> list[NextUp]:
    """Actions still to do, most important first: re-checks and half-done ones, then by
    priority, then switches that are on by default, then the easiest. Actions with nothing
    to do (no opt-out, no surface where the control exists) and ones the person marked not
    possible are left out."""
    found: list[tuple[tuple[Any, ...], NextUp]] = []
    busy = touched(states)
    for platform in catalog.platforms:
        for action in platform.facts:  # the full action is read only where progress is saved
            if action.kind == Kind.NO_OPT_OUT or not action.doable:
                continue
            full = platform.action(action.id)
            assert full is not None  # the facts are those of the actions
            status = "not-started" if platform.id not in busy else overall_status(
                platform.id, full, states, records, recheck_days)
            if status not in STATUS:
                continue
            key = (STATUS[status], PRIORITY_RANK.get(action.priority, 1),
                   DEFAULT.get(action.default, 1),
                   DIFFICULTY.get(action.difficulty, 1), platform.name.casefold(), action.id)
            found.append((key, NextUp(platform, action, status)))
    found.sort(key=lambda pair: pair[0])
    items = [item for _, item in found]
    return items[:limit] if limit else items
