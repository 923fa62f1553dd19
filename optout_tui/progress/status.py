"""What ticked steps mean for an action and a platform. No Textual."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from optout_tui.catalog.model import Action, Platform
from optout_tui.progress.store import StepKey


@dataclass(frozen=True, slots=True)
class ActionStatus:
    """How far a person got with an action, on the surface where they got furthest."""

    done_steps: int
    total_steps: int
    surface: str | None

    @property
    def is_done(self) -> bool:
        return self.total_steps > 0 and self.done_steps == self.total_steps

    @property
    def is_started(self) -> bool:
        return self.done_steps > 0


def action_status(platform_id: str, action: Action, done: set[StepKey]) -> ActionStatus:
    """An action is done when every step of one surface where it exists is ticked."""
    best = ActionStatus(0, 0, None)
    for surface in action.available_surfaces:
        total = len(surface.steps)
        ticked = sum(StepKey(platform_id, action.id, surface.id, step.id) in done
                     for step in surface.steps)
        candidate = ActionStatus(ticked, total, surface.id)
        if best.surface is None or (ticked / total if total else 0) > (
                best.done_steps / best.total_steps if best.total_steps else 0):
            best = candidate
    return best


def touched(states: Mapping[StepKey, str]) -> frozenset[str]:
    """The ids of platforms with any saved step state: the others are all "not started"."""
    return frozenset(k.platform for k in states)


def platform_counts(platform: Platform, done: set[StepKey]) -> tuple[int, int]:
    """(actions done, actions that can be done) for a platform."""
    if not any(k.platform == platform.id for k in done):  # no need to read its steps
        return 0, platform.doable
    doable = [a for a in platform.actions if a.available_surfaces]
    finished = sum(action_status(platform.id, a, done).is_done for a in doable)
    return finished, len(doable)


STATUSES = ("not-started", "in-progress", "done", "needs-recheck", "not-possible")


def overall_status(platform_id: str, action: Action, states: dict[StepKey, str],
                   records: dict[tuple[str, str, str], tuple[str, str]],
                   recheck_days: int | None = None) -> str:
    """One word for where a person stands with an action (one of STATUSES)."""
    from optout_tui.progress.recheck import recheck
    from optout_tui.progress.store import RECHECK_AFTER_DAYS

    done = {k for k, v in states.items() if v == "done"}
    status = action_status(platform_id, action, done)
    if status.is_done:
        found = recheck(action, records, platform_id,
                        after_days=recheck_days or RECHECK_AFTER_DAYS)
        return "needs-recheck" if found else "done"
    if any(k.platform == platform_id and k.action == action.id and v == "not-possible"
           for k, v in states.items()):
        return "not-possible"
    return "in-progress" if status.is_started else "not-started"
