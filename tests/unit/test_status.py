"""What ticks mean: an action is done when one surface's steps are all ticked."""

from __future__ import annotations

from optout_tui.catalog import load_platform
from optout_tui.progress import StepKey, action_status, platform_counts
from tests.conftest import EXAMPLE_CATALOG

PLATFORM = load_platform(EXAMPLE_CATALOG / "platforms" / "example.yaml")
ACTION = PLATFORM.actions[0]


def key(step: str) -> StepKey:
    return StepKey("example", "ai-training", "web", step)


def test_nothing_ticked() -> None:
    status = action_status("example", ACTION, set())
    assert (status.done_steps, status.total_steps, status.is_done) == (0, 2, False)
    assert platform_counts(PLATFORM, set()) == (0, 1)


def test_partly_then_fully_done() -> None:
    assert action_status("example", ACTION, {key("open-settings")}).is_started
    done = {key("open-settings"), key("untick")}
    assert action_status("example", ACTION, done).is_done
    assert platform_counts(PLATFORM, done) == (1, 1)


def test_ticks_of_another_platform_do_not_count() -> None:
    other = {StepKey("other", "ai-training", "web", "untick")}
    assert action_status("example", ACTION, other).done_steps == 0
