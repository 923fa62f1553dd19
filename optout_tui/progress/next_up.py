"""What to do next: the most important actions a person has not done, across every platform."""

from __future__ import annotations

import re
from dataclasses import dataclass

from optout_tui.catalog.filters import PRIORITY_RANK
from optout_tui.catalog.model import ActionFacts, Catalog, Platform
from optout_tui.progress.status import ActionState, Standing

DEFAULT = {"on": 0, "unknown": 1, "off": 2, "none": 3}
DIFFICULTY = {"easy": 0, "medium": 1, "hard": 2}
STATUS = {ActionState.NEEDS_RECHECK: 0, ActionState.IN_PROGRESS: 1, ActionState.NOT_STARTED: 2}


GROUPS = ("setting", "admin", "account")
"""What next's groups, in the order shown: settings a person changes themselves, settings
only an organisation's administrator can change, and deleting or closing the whole account."""

_ADMIN = re.compile(r"\b(admins?|administrators?|owners\s+only)\b", re.IGNORECASE)
_ACCOUNT = re.compile(
    r"\b(delete|close|erase)\b.*(?<!\bin )\byour(\s+[\w-]+){0,2}\s+account\b", re.IGNORECASE
)  # "delete your (Apple) account", not "… in your Account"


def group_of(action: ActionFacts) -> str:
    """ "admin" when only an administrator or owner can do it (its title says so), "account"
    when it deletes or closes the account, else "setting"."""
    title = action.title.en
    if _ADMIN.search(title) or "admin" in action.id.split("-"):
        return "admin"
    if _ACCOUNT.search(title) or re.search(r"(delete|close)-account", action.id):
        return "account"
    return "setting"


@dataclass(frozen=True, slots=True)
class NextUp:
    platform: Platform
    action: ActionFacts  # platform.action(action.id) is the full action
    status: ActionState

    @property
    def group(self) -> str:
        return group_of(self.action)


def next_up(
    catalog: Catalog,
    standing: Standing,
    limit: int | None = None,
    only: frozenset[str] = frozenset(),
) -> list[NextUp]:
    """Actions still to do, most important first: re-checks and half-done ones, then by
    priority, then switches that are on by default, then the easiest. Information-only
    actions (no opt-out, no surface where the control exists) and finished ones (done, or as
    far as possible) are left out; so are platforms not in `only`, when it names some (the
    ones the person uses)."""
    found: list[tuple[tuple[int, int, int, int, str, str], NextUp]] = []
    for platform in catalog.platforms:
        if only and platform.id not in only:
            continue
        for action in platform.facts:  # the full action is read only where progress is saved
            status = standing.state(platform, action)
            if status not in STATUS:
                continue
            key = (
                STATUS[status],
                PRIORITY_RANK.get(action.priority, 1),
                DEFAULT.get(action.default, 1),
                DIFFICULTY.get(action.difficulty, 1),
                platform.name.casefold(),
                action.id,
            )
            found.append((key, NextUp(platform, action, status)))
    found.sort(key=lambda pair: pair[0])
    items = [item for _, item in found]
    return items[:limit] if limit else items
