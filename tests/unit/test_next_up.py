"""What next: re-checks and half-done first, then priority, default on, easiest."""

from __future__ import annotations

from optout_tui.catalog import load_catalog
from optout_tui.progress.next_up import next_up
from optout_tui.progress.status import Standing
from optout_tui.progress.store import StepKey
from tests.conftest import SCREENS_CATALOG

CATALOG = load_catalog([SCREENS_CATALOG])


def pairs(items) -> list[tuple[str, str]]:
    return [(i.platform.id, i.action.id) for i in items]


def test_priority_order_and_no_opt_out_left_out() -> None:
    items = next_up(CATALOG, Standing({}))
    assert pairs(items) == [
        ("alpha", "ai-training"),
        ("alpha", "partner-sharing"),
        ("beta", "object-by-email"),
    ]


def test_half_done_comes_first_and_done_or_not_possible_go() -> None:
    states = {
        StepKey("beta", "object-by-email", "email", "send"): "done",
        StepKey("alpha", "partner-sharing", "web", "turn-off"): "not-possible",
        StepKey("alpha", "ai-training", "web", "open-settings"): "done",
    }
    items = next_up(CATALOG, Standing(states))
    assert pairs(items) == [("alpha", "ai-training")]
    assert items[0].status == "in-progress"
    assert next_up(CATALOG, Standing({}), limit=1)[0].action.id == "ai-training"
