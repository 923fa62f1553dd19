"""An action done against catalog text that later changed, or done long ago, needs a re-check."""

from __future__ import annotations

import datetime as dt

from optout_tui.catalog import load_platform
from optout_tui.catalog.model import LocalText, Setting
from optout_tui.progress.recheck import recheck, snapshot
from tests.conftest import EXAMPLE_CATALOG

ACTION = load_platform(EXAMPLE_CATALOG / "platforms" / "example.yaml").actions[0]
WEB = ACTION.surface("web")
NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)


def records(action=ACTION, days_ago: int = 1):
    done_at = (NOW - dt.timedelta(days=days_ago)).isoformat()
    return {("example", action.id, "web"): (snapshot(action, action.surface("web")), done_at)}


def with_steps(steps):
    web = WEB._replace(steps=tuple(steps))
    return ACTION._replace(surfaces=(web, *ACTION.surfaces[1:]))


def test_unchanged_and_recent_needs_nothing() -> None:
    assert recheck(ACTION, records(), "example", now=NOW) is None
    assert recheck(ACTION, {}, "example", now=NOW) is None


def test_renamed_setting_is_named() -> None:
    old = records()
    step = WEB.steps[1]
    renamed = step._replace(setting=Setting(LocalText("Use data for AI"), "off"))
    found = recheck(with_steps([WEB.steps[0], renamed]), old, "example", now=NOW)
    assert found is not None
    assert found.changed == ("setting changed: “Allow AI training” → “Use data for AI” (off)",)


def test_added_step_is_named() -> None:
    old = records()
    extra = WEB.steps[0]._replace(id="confirm", text=LocalText("Confirm."))
    found = recheck(with_steps([*WEB.steps, extra]), old, "example", now=NOW)
    assert found is not None and found.changed == ("new step: Confirm.",)


def test_old_done_is_flagged_by_age() -> None:
    found = recheck(ACTION, records(days_ago=120), "example", now=NOW)
    assert found is not None and found.changed == () and found.days_since == 120
    assert recheck(ACTION, records(days_ago=120), "example", now=NOW, after_days=365) is None


def test_changed_instruction_text_is_named() -> None:
    old = records()
    reworded = WEB.steps[1]._replace(text=LocalText("Untick the box, then save."))
    found = recheck(with_steps([WEB.steps[0], reworded]), old, "example", now=NOW)
    assert found is not None
    assert found.changed == ("instruction changed: Untick the box, then save.",)


def test_changed_menu_path_is_named() -> None:
    old = records()
    moved = WEB.steps[0]._replace(path=(LocalText("Privacy"), LocalText("AI")))
    found = recheck(with_steps([moved, WEB.steps[1]]), old, "example", now=NOW)
    assert found is not None and found.changed == ("path changed: Privacy › AI",)
