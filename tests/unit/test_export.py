"""Export and import: JSON round trip is lossless and merges; Markdown and HTML handouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore, StepKey
from tests.conftest import EXAMPLE_CATALOG, MARKUP_CATALOG

OPEN = StepKey("example", "ai-training", "web", "open-settings")
UNTICK = StepKey("example", "ai-training", "web", "untick")


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)


def test_json_round_trip_is_lossless(tmp_path: Path, capsys) -> None:
    source = ProgressStore(tmp_path / "a", profile="p")
    source.set_step(OPEN, True)
    source.set_state(UNTICK, "not-possible")
    source.record_done("example", "ai-training", "web", '{"s": 1}')
    source.set_note("example", "ai-training", "Done on the laptop.")
    source.close()
    out = tmp_path / "p.json"
    assert (
        main(["export", "--data-dir", str(tmp_path / "a"), "--profile", "p", "-o", str(out)]) == 0
    )
    assert main(["import", str(out), "--data-dir", str(tmp_path / "b"), "--profile", "p"]) == 0
    a, b = ProgressStore(tmp_path / "a", profile="p"), ProgressStore(tmp_path / "b", profile="p")
    assert a.step_rows() == b.step_rows() and a.done_records() == b.done_records()
    assert a.notes() == b.notes()
    assert b.notes()[("example", "ai-training")][0] == "Done on the laptop."


def test_import_merges_and_the_later_change_wins(tmp_path: Path) -> None:
    from optout_tui.progress.export import merge_json, to_json

    here = ProgressStore(tmp_path / "here")
    here.set_step(OPEN, True)
    there = ProgressStore(tmp_path / "there")
    there.set_step(UNTICK, True)
    exported = json.loads(to_json(there))
    exported["steps"].append(
        {
            "platform": "example",
            "action": "ai-training",
            "surface": "web",
            "step": "open-settings",
            "state": "todo",
            "changed_at": "2000-01-01T00:00:00+00:00",
        }
    )
    merge_json(here, json.dumps(exported), "x.json")
    assert here.done_steps() == {OPEN, UNTICK}  # the older "todo" did not undo a newer tick


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        '{"format_version": 1, "steps": [1]}',
        '{"format_version": 1, "steps": [{"platform": 1}]}',
    ],
)
def test_bad_import_is_refused_with_a_message(tmp_path: Path, text: str, capsys) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    assert main(["import", str(path), "--data-dir", str(tmp_path)]) == 1
    assert "bad.json" in capsys.readouterr().err


def test_markdown_and_html_handouts(tmp_path: Path, capsys) -> None:
    store = ProgressStore(tmp_path, profile="Visitor <b>14:30</b>")
    store.set_step(OPEN, True)
    store.close()
    args = [
        "--data-dir",
        str(tmp_path),
        "--profile",
        "Visitor <b>14:30</b>",
        "--catalog",
        str(MARKUP_CATALOG),
    ]
    assert main(["export", "--format", "md", *args]) == 0
    md = capsys.readouterr().out
    assert "## Still to do" in md and "https://example.com/settings/ai" in md
    assert main(["export", "--format", "html", *args]) == 0
    page = capsys.readouterr().out
    assert "Visitor &lt;b&gt;14:30&lt;/b&gt;" in page and "<b>14:30" not in page
    assert page.count("<svg") == 1 and "https://example.com/settings/ai" in page


def test_profiles_command(tmp_path: Path, capsys) -> None:
    ProgressStore(tmp_path, profile="one").set_step(OPEN, True)
    assert main(["profiles", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.split() == ["one"]
    assert main(["profiles", "rename", "one", "two", "--data-dir", str(tmp_path)]) == 0
    assert main(["profiles", "delete", "two", "--data-dir", str(tmp_path)]) == 0
    assert main(["profiles", "delete", "two", "--data-dir", str(tmp_path)]) == 1
