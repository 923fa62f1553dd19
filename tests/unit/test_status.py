"""Where a person stands: an action is finished when no step of one surface is left to do
(done, done as far as possible, not possible); information-only actions are no tasks."""

from __future__ import annotations

import datetime as dt

from optout_tui.catalog import load_catalog, load_platform
from optout_tui.progress import ActionState, Standing, StepKey, action_progress, platform_counts
from optout_tui.progress.recheck import snapshot
from tests.conftest import EXAMPLE_CATALOG, SCREENS_CATALOG

PLATFORM = load_platform(EXAMPLE_CATALOG / "platforms" / "example.yaml")
ACTION = PLATFORM.actions[0]
SCREENS = load_catalog([SCREENS_CATALOG])


def key(step: str) -> StepKey:
    return StepKey("example", "ai-training", "web", step)


def state(**steps: str) -> ActionState:
    return action_progress(
        "example", ACTION, {key(k.replace("_", "-")): v for k, v in steps.items()}
    ).state


def test_nothing_ticked() -> None:
    progress = action_progress("example", ACTION, {})
    assert (progress.state, progress.done, progress.total) == (ActionState.NOT_STARTED, 0, 2)
    assert platform_counts(PLATFORM, {}) == (0, 1)


def test_partly_then_fully_done() -> None:
    assert state(open_settings="done") == ActionState.IN_PROGRESS
    done = {key("open-settings"): "done", key("untick"): "done"}
    assert action_progress("example", ACTION, done).state == ActionState.DONE
    assert platform_counts(PLATFORM, done) == (1, 1)


def test_ticks_of_another_platform_do_not_count() -> None:
    other = {StepKey("other", "ai-training", "web", "untick"): "done"}
    assert action_progress("example", ACTION, other).done == 0


def test_remaining_steps_not_possible_finish_the_action() -> None:
    assert state(open_settings="done", untick="not-possible") == ActionState.AS_FAR_AS_POSSIBLE
    states = {key("open-settings"): "done", key("untick"): "not-possible"}
    assert action_progress("example", ACTION, states).finished
    assert platform_counts(PLATFORM, states) == (1, 1)


def test_every_step_not_possible_is_finished_too() -> None:
    states = {key("open-settings"): "not-possible", key("untick"): "not-possible"}
    progress = action_progress("example", ACTION, states)
    assert progress.state == ActionState.NOT_POSSIBLE and progress.finished
    assert platform_counts(PLATFORM, states) == (1, 1)


def test_a_step_not_possible_with_steps_left_is_not_finished() -> None:
    states = {key("open-settings"): "not-possible"}
    progress = action_progress("example", ACTION, states)
    assert progress.state == ActionState.IN_PROGRESS and not progress.finished
    assert progress.left == 1
    assert platform_counts(PLATFORM, states) == (0, 1)


def test_information_only_actions_are_not_tasks() -> None:
    gamma = SCREENS.get("gamma")
    ticked = {StepKey("gamma", "no-opt-out", "web", "delete-chats"): "done"}
    assert platform_counts(gamma, {}) == (0, 0)
    assert platform_counts(gamma, ticked) == (0, 0)
    assert action_progress("gamma", gamma.actions[0], ticked).state == ActionState.INFORMATION
    standing = Standing({})
    assert standing.state(gamma, gamma.facts[0]) == ActionState.INFORMATION


def test_overall_counts_tasks_and_minutes_left() -> None:
    standing = Standing(
        {
            StepKey("alpha", "ai-training", "web", "open-settings"): "done",
            StepKey("alpha", "ai-training", "web", "untick"): "done",
        }
    )
    overall = standing.overall(SCREENS.platforms)
    tasks = [
        (p.id, f) for p in SCREENS.platforms for f in p.facts if f.kind != "no-opt-out" and f.doable
    ]
    assert overall.tasks == len(tasks) == 3
    assert overall.finished == 1
    left = sum(f.minutes for pid, f in tasks if (pid, f.id) != ("alpha", "ai-training"))
    assert overall.minutes_left == left


def test_finished_actions_ask_for_a_recheck_after_the_delay() -> None:
    done = {key("open-settings"): "done", key("untick"): "done"}
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    records = {
        ("example", "ai-training", "web"): (
            snapshot(ACTION, ACTION.surface("web")),
            when.isoformat(),
        )
    }
    later = when + dt.timedelta(days=20)
    assert (
        action_progress("example", ACTION, done, records, recheck_days=10, now=later).state
        == ActionState.NEEDS_RECHECK
    )
    assert (
        action_progress("example", ACTION, done, records, recheck_days=30, now=later).state
        == ActionState.DONE
    )
    half = {key("open-settings"): "done"}
    assert (
        action_progress("example", ACTION, half, records, recheck_days=10, now=later).state
        == ActionState.IN_PROGRESS
    )


def test_cli_status_choices_are_the_states() -> None:
    from optout_tui.cli_parser import STATUSES

    assert STATUSES == tuple(ActionState)
