"""Advice that is not a setting ("use a temporary chat") is shown but never counted as a task:
not in a platform's row, not in the overall count or time, and its state is "information"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from optout_tui.catalog import CatalogError, load_platform
from optout_tui.catalog.model import ActionFacts
from optout_tui.paths import bundled_catalog_dir
from optout_tui.progress.status import ActionState, Standing, is_task
from optout_tui.wording import meta_words
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 3)


def advice(tmp_path: Path, value: str = "true"):
    assert "    future_only: true\n" in EXAMPLE
    text = EXAMPLE.replace(
        "    future_only: true\n", f"    future_only: true\n    information_only: {value}\n", 1
    )
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return load_platform(path, today=TODAY)


def test_advice_is_not_a_task(tmp_path: Path) -> None:
    platform = advice(tmp_path)
    action = platform.actions[0]
    assert action.information_only and action.available_surfaces
    assert not is_task(action)
    assert not is_task(ActionFacts.of(action))
    standing = Standing({})
    assert standing.state(platform, action) is ActionState.INFORMATION
    tasks = sum(is_task(f) for f in platform.facts)
    assert standing.counts(platform) == (0, tasks)
    overall = standing.overall([platform])
    assert overall.tasks == tasks  # the advice is neither a task nor time left
    assert "advice, not a setting: not counted as a task" in meta_words(action, "en")


def test_a_setting_stays_a_task(tmp_path: Path) -> None:
    platform = advice(tmp_path, "false")
    action = platform.actions[0]
    assert not action.information_only and is_task(action)
    assert is_task(ActionFacts.of(action))
    with_advice = advice(tmp_path, "true")
    as_setting, as_advice = Standing({}).overall([platform]), Standing({}).overall([with_advice])
    assert as_advice.tasks == as_setting.tasks - 1
    assert as_advice.minutes_left == as_setting.minutes_left - action.minutes


def test_information_only_must_be_a_boolean(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="information_only"):
        advice(tmp_path, "maybe")


@pytest.mark.parametrize(
    ("pid", "aid"),
    [("chatgpt", "temporary-chat"), ("claude", "incognito-chat"), ("gemini", "temporary-chat")],
)
def test_the_bundled_temporary_chats_are_advice(pid: str, aid: str) -> None:
    platform = load_platform(bundled_catalog_dir() / "platforms" / f"{pid}.yaml")
    action = platform.action(aid)
    assert action is not None and not is_task(action)
