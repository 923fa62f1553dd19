"""Rules that had drifted apart between the app and the commands (issue 15): each test
failed before the rule moved to one place in progress/."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore, StepKey
from tests.conftest import SCREENS_CATALOG


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: SCREENS_CATALOG)


def answer(monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
    given = iter(answers)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(given))


def test_walk_refuses_to_finish_an_email_action_with_its_text_not_filled(
    monkeypatch, capsys, data_dir: Path
) -> None:
    answer(monkeypatch, "d", "q")
    assert main(["walk", "beta/object-by-email", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    store = ProgressStore(data_dir)
    assert store.states() == {}, "the only step of an email action was ticked with no text"
    assert ("beta", "object-by-email", "email") not in store.done_records()
    assert "fill" in out.lower()


def test_walk_finishes_an_email_action_once_its_text_has_no_blanks(
    monkeypatch, capsys, data_dir: Path
) -> None:
    store = ProgressStore(data_dir)
    store.set_filled("beta", "object-by-email", "email", "Exclude acme. Owner: Ada.")
    store.close()
    answer(monkeypatch, "d")
    assert main(["walk", "beta/object-by-email", "--data-dir", str(data_dir)]) == 0
    store = ProgressStore(data_dir)
    assert store.states() == {StepKey("beta", "object-by-email", "email", "send"): "done"}
    assert ("beta", "object-by-email", "email") in store.done_records()


def _done_long_ago(data_dir: Path, days: int) -> None:
    store = ProgressStore(data_dir)
    for step in ("open-settings", "untick"):
        store.set_step(StepKey("alpha", "ai-training", "web", step), True)
    from optout_tui.catalog import load_platform
    from optout_tui.progress.recheck import snapshot

    action = load_platform(SCREENS_CATALOG / "platforms" / "alpha.yaml").action("ai-training")
    store.record_done("alpha", "ai-training", "web", snapshot(action, action.surface("web")))
    store.close()
    when = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).isoformat(
        timespec="seconds"
    )
    with sqlite3.connect(data_dir / "progress.sqlite3") as db:
        db.execute("UPDATE action_done SET done_at = ?", (when,))


def test_list_status_follows_recheck_days(capsys, data_dir: Path) -> None:
    _done_long_ago(data_dir, days=10)
    args = ["--data-dir", str(data_dir)]
    assert main(["--recheck-days", "5", "list", "--status", "needs-recheck", *args]) == 0
    assert "alpha/ai-training" in capsys.readouterr().out
    assert main(["--recheck-days", "30", "list", "--status", "needs-recheck", *args]) == 0
    assert "alpha/ai-training" not in capsys.readouterr().out
    assert main(["--recheck-days", "30", "list", "--status", "done", *args]) == 0
    assert "alpha/ai-training" in capsys.readouterr().out


async def test_the_apps_export_is_in_the_apps_language(
    data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from tests.tui.helpers import make_app

    monkeypatch.setattr("platformdirs.user_documents_path", lambda: tmp_path)
    store = ProgressStore(data_dir)
    store.set_step(StepKey("alpha", "ai-training", "web", "open-settings"), True)
    store.close()
    app = make_app(data_dir, SCREENS_CATALOG, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        target = app.export_progress("html")
    assert target is not None
    text = target.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text
    assert "Désactiver l&#x27;entraînement de l&#x27;IA" in text  # the catalog's French
    assert "Turn off AI training" not in text
