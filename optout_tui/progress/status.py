"""Where a person stands with an action and a platform: the one place that turns saved step
states into an action's state, a platform's count and the overall progress. No Textual.

The rules:
- An action is finished on a surface when none of that surface's steps is left to do: every
  step ticked ("done"), some ticked and the rest "not possible for me" ("done as far as
  possible"), or every step not possible ("not possible").
- An action that is information only (no opt-out exists, or the control exists on no
  surface) is not a task: it is never counted, whatever is ticked on it.
- A finished action needs re-checking when its catalog entry changed since, or after the
  person's re-check delay (progress.recheck).
- A platform's row counts the tasks finished against the tasks there are; the overall
  progress adds the minutes of what is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol, Self

from optout_tui.catalog.model import Platform, ShelvedPlatforms
from optout_tui.i18n import translator
from optout_tui.progress.store import DONE, NOT_POSSIBLE, RECHECK_AFTER_DAYS, StepKey

if TYPE_CHECKING:
    from optout_tui.catalog.actions import Action, ActionFacts, Surface
    from optout_tui.progress.recheck import Recheck


class Readable(Protocol):
    """What a Standing reads progress from: a ProgressStore or a ProgressKeeper."""

    def states(self, platform: str | None = None) -> dict[StepKey, str]: ...

    def done_records(
        self, platform: str | None = None
    ) -> dict[tuple[str, str, str], tuple[str, str]]: ...


States = Mapping[StepKey, str]
Records = Mapping[tuple[str, str, str], tuple[str, str]]


class ActionState(StrEnum):
    """Where a person stands with one action (also the values of the status filter and of
    `optout list --status`)."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    AS_FAR_AS_POSSIBLE = "done-as-far-as-possible"
    NOT_POSSIBLE = "not-possible"
    NEEDS_RECHECK = "needs-recheck"
    INFORMATION = "information"


STATUSES = tuple(ActionState)
FINISHED = frozenset(
    {
        ActionState.DONE,
        ActionState.AS_FAR_AS_POSSIBLE,
        ActionState.NOT_POSSIBLE,
        ActionState.NEEDS_RECHECK,
    }
)


def is_task(action: Action | ActionFacts) -> bool:
    """Whether the action is something a person can do: not when no opt-out exists (its steps
    are what one can do instead), nor when the control exists on no surface, nor when it is
    advice rather than a setting (information_only: "use a temporary chat")."""
    return action.is_task


class ActionProgress(NamedTuple):
    """An action's state, on the surface where the person got furthest."""

    state: ActionState
    surface: str | None = None
    done: int = 0
    blocked: int = 0
    total: int = 0
    recheck: Recheck | None = None  # why, when the state is NEEDS_RECHECK

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def left(self) -> int:
        """Steps neither done nor marked not possible on that surface."""
        return self.total - self.done - self.blocked

    @property
    def is_started(self) -> bool:
        return bool(self.done or self.blocked)


def surface_counts(
    platform_id: str, action_id: str, surface: Surface, states: States
) -> tuple[int, int, int]:
    """(done, not possible, total) steps of one surface."""
    done = blocked = 0
    for step in surface.steps:
        state = states.get(StepKey(platform_id, action_id, surface.id, step.id))
        if state == DONE:
            done += 1
        elif state == NOT_POSSIBLE:
            blocked += 1
    return done, blocked, len(surface.steps)


def _rank(done: int, blocked: int, total: int) -> int:
    """Which surface speaks for the action: a finished one first (done, then as far as
    possible), then one with steps done, then one where nothing at all was possible."""
    if not total:
        return 6
    if done + blocked == total:
        return 0 if not blocked else 1 if done else 3
    return 2 if done else 4 if blocked else 5


_STATE_OF_RANK = {
    0: ActionState.DONE,
    1: ActionState.AS_FAR_AS_POSSIBLE,
    2: ActionState.IN_PROGRESS,
    3: ActionState.NOT_POSSIBLE,
    4: ActionState.IN_PROGRESS,
    5: ActionState.NOT_STARTED,
    6: ActionState.NOT_STARTED,
}


def action_progress(
    platform_id: str,
    action: Action,
    states: States,
    records: Records | None = None,
    *,
    recheck_days: int | None = None,
    now: dt.datetime | None = None,
) -> ActionProgress:
    """The action's state from the saved step states (and, to notice re-checks, the records
    of what finished actions were done against)."""
    best: tuple[tuple[int, float, int], ActionProgress] | None = None
    for surface in action.available_surfaces:
        done, blocked, total = surface_counts(platform_id, action.id, surface, states)
        rank = _rank(done, blocked, total)
        key = (rank, -((done + blocked) / total if total else 0), -done)
        if best is None or key < best[0]:
            best = (key, ActionProgress(_STATE_OF_RANK[rank], surface.id, done, blocked, total))
    if best is None:
        return ActionProgress(ActionState.INFORMATION)
    found = best[1]
    if not is_task(action):
        return ActionProgress(
            ActionState.INFORMATION, found.surface, found.done, found.blocked, found.total
        )
    if found.finished and records:
        from optout_tui.progress.recheck import recheck

        why = recheck(
            action,
            dict(records),
            platform_id,
            now=now,
            after_days=recheck_days or RECHECK_AFTER_DAYS,
        )
        if why is not None:
            return ActionProgress(
                ActionState.NEEDS_RECHECK,
                found.surface,
                found.done,
                found.blocked,
                found.total,
                why,
            )
    return found


def touched(states: Iterable[StepKey]) -> frozenset[str]:
    """The ids of platforms with any saved step state: the others are all "not started"."""
    return frozenset(k.platform for k in states)


class Overall(NamedTuple):
    """Progress across the platforms a person uses."""

    finished: int
    tasks: int
    minutes_left: int


def summary(overall: Overall, lang: str) -> str:
    """ "12 of 30 settings done · about 25 minutes left", in `lang` (the first screen shows
    it: here rather than in handout.py, which the first frame does not need)."""
    _ = translator(lang)
    done = _.ngettext(
        "{done} of {tasks} setting done", "{done} of {tasks} settings done", overall.tasks
    ).format(done=overall.finished, tasks=overall.tasks)
    if not overall.minutes_left:
        return done
    minutes = overall.minutes_left
    if minutes >= 120:  # "about 17 hours left" reads better than "1023 minutes"
        hours = round(minutes / 60)
        left = _.ngettext("about {n} hour left", "about {n} hours left", hours).format(n=hours)
    else:
        left = _.ngettext("about {n} minute left", "about {n} minutes left", minutes).format(
            n=minutes
        )
    return f"{done} · {left}"


class Standing:
    """Where one person stands with every action: their saved states and records, read
    once, and the rules above applied to them. The app, `walk`, `list --status`, what next
    and the exports all ask this."""

    def __init__(
        self,
        states: States,
        records: Records | None = None,
        recheck_days: int | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.states = dict(states)
        self.records = dict(records or {})
        self.recheck_days = recheck_days or RECHECK_AFTER_DAYS
        self.now = now
        self.busy = touched(self.states)

    @classmethod
    def read(cls, progress: Readable, recheck_days: int | None = None) -> Self:
        """From a ProgressStore or ProgressKeeper (anything with states and done_records)."""
        return cls(progress.states(), progress.done_records(), recheck_days)

    def action(self, platform_id: str, action: Action) -> ActionProgress:
        return action_progress(
            platform_id,
            action,
            self.states,
            self.records,
            recheck_days=self.recheck_days,
            now=self.now,
        )

    def state(self, platform: Platform, action: Action | ActionFacts) -> ActionState:
        """The action's state; an untouched platform is answered without reading its steps."""
        if not is_task(action):
            return ActionState.INFORMATION
        if platform.id not in self.busy:
            return ActionState.NOT_STARTED
        from optout_tui.catalog.actions import Action  # (someone's progress is read: it is)

        full = action if isinstance(action, Action) else platform.action(action.id)
        if full is None:  # facts always have their action; never counted otherwise
            return ActionState.INFORMATION
        return self.action(platform.id, full).state

    def _finished(self, platform: Platform, fact: ActionFacts) -> bool:
        full = platform.action(fact.id)
        return full is not None and self.action(platform.id, full).finished

    def counts(self, platform: Platform) -> tuple[int, int]:
        """(tasks finished, tasks) on a platform: what its row shows."""
        if platform.id not in self.busy:  # counted ahead: its facts are not read
            return 0, platform.tasks
        finished, tasks, _ = self._progress_on(platform)
        return finished, tasks

    def overall(self, platforms: Iterable[Platform]) -> Overall:
        """Tasks finished, tasks, and the minutes the unfinished ones would take."""
        if isinstance(platforms, ShelvedPlatforms):  # made only where someone has progress
            tasks, minutes = platforms.task_totals()
            finished = 0
            for platform_id in self.busy:
                row = platforms.index_of(platform_id)
                if row is not None:
                    platform = platforms[row]
                    done, counted, left = self._progress_on(platform)
                    finished += done
                    tasks += counted - platform.tasks
                    minutes += left - platform.task_minutes
            return Overall(finished, tasks, minutes)
        finished = tasks = minutes = 0
        for platform in platforms:
            if platform.id not in self.busy:  # counted ahead: its facts are not read
                tasks += platform.tasks
                minutes += platform.task_minutes
                continue
            done, counted, left = self._progress_on(platform)
            finished += done
            tasks += counted
            minutes += left
        return Overall(finished, tasks, minutes)

    def _progress_on(self, platform: Platform) -> tuple[int, int, int]:
        """Tasks finished, tasks, and the minutes of the unfinished ones, on one platform
        someone has progress on."""
        finished = tasks = minutes = 0
        for fact in platform.facts:
            if not is_task(fact):
                continue
            tasks += 1
            if self._finished(platform, fact):
                finished += 1
            else:
                minutes += fact.minutes
        return finished, tasks, minutes


def platform_counts(platform: Platform, states: States) -> tuple[int, int]:
    """(tasks finished, tasks) for a platform, from its saved step states."""
    return Standing(states).counts(platform)
