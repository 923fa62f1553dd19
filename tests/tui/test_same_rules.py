"""The app and `optout walk` follow the same progress rules: one scenario through each face
leaves the same thing in the store (states, records for re-checks, filled-in texts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore
from optout_tui.tui.widgets.step_checklist import StepChecklist
from tests.conftest import SCREENS_CATALOG
from tests.tui.helpers import make_app


def stored(data_dir: Path) -> tuple:
    """What the store holds, without the times of the changes."""
    store = ProgressStore(data_dir)
    try:
        return (
            {row[:5] for row in store.step_rows()},
            {where: snapshot for where, (snapshot, _) in store.done_records().items()},
            store.filled("beta"),
        )
    finally:
        store.close()


async def through_the_app(data_dir: Path) -> None:
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_platform("alpha")
        await pilot.pause()
        await pilot.press("enter")  # to the steps
        checklist = app.screen.query_one(StepChecklist)
        checklist.highlighted = 0
        await pilot.press("space")  # step 1 done
        await pilot.pause()
        checklist.highlighted = 1
        await pilot.press("x")  # step 2 not possible: finished as far as possible
        await pilot.pause()
        app.open_platform("beta")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press("space")  # refused: the text was never filled in
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.text = area.text.replace("{{workspace URL}}", "acme.beta.example").replace(
            "{{your name}}", "Ada"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("space")  # now it may be done
        await pilot.pause()
    app.progress.close()


def through_walk(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: SCREENS_CATALOG)
    for target, answers in (
        ("alpha/ai-training", ["d", "n"]),
        ("beta/object-by-email", ["d", "t", "acme.beta.example", "Ada", "d"]),
    ):
        given = iter(answers)
        monkeypatch.setattr("builtins.input", lambda prompt="", given=given: next(given))
        assert main(["walk", target, "--data-dir", str(data_dir)]) == 0


async def test_the_app_and_walk_store_the_same(tmp_path: Path, monkeypatch) -> None:
    await through_the_app(tmp_path / "app")
    through_walk(tmp_path / "walk", monkeypatch)
    by_app, by_walk = stored(tmp_path / "app"), stored(tmp_path / "walk")
    assert by_app == by_walk
    states, records, filled = by_app
    assert states == {
        ("alpha", "ai-training", "web", "open-settings", "done"),
        ("alpha", "ai-training", "web", "untick", "not-possible"),
        ("beta", "object-by-email", "email", "send", "done"),
    }
    assert set(records) == {("alpha", "ai-training", "web"), ("beta", "object-by-email", "email")}
    assert filled[("object-by-email", "email")].endswith("Owner: Ada.")
