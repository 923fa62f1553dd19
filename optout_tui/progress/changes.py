"""What a person's change to a step may do, decided once for the app and for `optout walk`:
a tick that would finish an email or form action is refused while the text to send was not
filled in and copied; a change that finishes an action records what it was done against
(for re-checks); undo does the same for the step it brings back. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from optout_tui.catalog.model import Action, Catalog, Surface, blanks
from optout_tui.i18n import translator
from optout_tui.progress.keeper import ProgressKeeper
from optout_tui.progress.recheck import snapshot
from optout_tui.progress.status import ActionProgress, action_progress, surface_counts
from optout_tui.progress.store import DONE, StepKey, StepState


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a tick was not saved: the text to send was never filled in (`blanks` empty), or
    still has blanks."""

    blanks: tuple[str, ...] = ()

    def message(self, lang: str) -> str:
        _ = translator(lang).gettext
        if not self.blanks:
            return _("Not marked done: the text to send has not been filled in and copied yet.")
        return _("Not marked done: the text to send still has blanks: {blanks}").format(
            blanks=" · ".join(self.blanks)
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a change."""

    progress: ActionProgress  # the action's state after it (before it, when refused)
    saved: bool = True  # False: kept in memory for now, saved as soon as possible
    refused: Refusal | None = None
    finished_now: bool = False  # this change finished the action


def refusal(
    progress: ProgressKeeper,
    platform_id: str,
    action: Action,
    surface: Surface,
    states: dict[StepKey, str],
) -> Refusal | None:
    """A Refusal when `states` would finish the surface's steps while its text to send was
    not filled in without blanks; None otherwise (also for surfaces with no such text)."""
    if surface.template is None:
        return None
    done, blocked, total = surface_counts(platform_id, action.id, surface, states)
    if blocked or done < total:  # not sent as written: nothing to check
        return None
    filled = progress.filled(platform_id).get((action.id, surface.id))
    if filled is None:
        return Refusal()
    left = blanks(filled)
    return Refusal(tuple(left)) if left else None


def change_step(
    progress: ProgressKeeper,
    platform_id: str,
    action: Action,
    surface_id: str,
    step_id: str,
    state: StepState | str,
) -> Outcome:
    """Save one step's new state, if the rules allow it."""
    state = StepState(state)
    key = StepKey(platform_id, action.id, surface_id, step_id)
    before = progress.states(platform_id)
    was = action_progress(platform_id, action, before)
    after = {k: v for k, v in before.items() if k != key}
    if state != StepState.TODO:
        after[key] = state
    surface = action.surface(surface_id)
    if state == DONE and surface is not None:
        refused = refusal(progress, platform_id, action, surface, after)
        if refused is not None:
            return Outcome(was, refused=refused)
    saved = progress.set_state(key, state)
    now = action_progress(platform_id, action, after)
    if now.finished and state != StepState.TODO:
        saved = _record(progress, platform_id, action, now) and saved
    return Outcome(now, saved, finished_now=now.finished and not was.finished)


def _record(
    progress: ProgressKeeper, platform_id: str, action: Action, now: ActionProgress
) -> bool:
    """Remember the catalog text a finished action was done against (see recheck)."""
    surface = action.surface(now.surface or "")
    if surface is None:
        return True
    return progress.record_done(platform_id, action.id, surface.id, snapshot(action, surface))


def undo(progress: ProgressKeeper, catalog: Catalog) -> StepKey | None:
    """Undo this session's last change; the step it touched (None: nothing to undo)."""
    key = progress.undo()
    if key is None:
        return None
    platform = catalog.get(key.platform)
    action = platform.action(key.action) if platform else None
    if action is not None:
        now = action_progress(key.platform, action, progress.states(key.platform))
        if now.finished:
            _record(progress, key.platform, action, now)
    return key
