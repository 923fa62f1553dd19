"""The plain commands on a fixed catalog: output, JSON shapes, exit codes, overlays."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from optout_tui.cli import main
from optout_tui.commands import common
from tests.conftest import EXAMPLE_CATALOG, MARKUP_CATALOG

LOCAL = """\
format: 2
id: example
name: Example Local
domains: [example.com]
categories: [work]
languages: [en]
actions:
  - id: local-only
    title: A helpdesk's own action
    controls: Something local.
    kind: other
    default: unknown
    difficulty: easy
    minutes: 2
    future_only: false
    surfaces:
      email:
        available: "yes"
        steps:
          - id: write
            text: Write to the helpdesk.
    sources:
      - url: https://example.com/local
        publisher: Helpdesk
        published: unknown
        type: community
    verified: 2026-11-20
    confidence: low
"""


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled catalog is replaced by the fixture, so catalog growth changes nothing."""
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_plain(capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[1] == (
        "  example/ai-training  ai-training  Turn off AI training on your posts"
    )


def test_list_json_shape(capsys) -> None:
    code, out, _ = run(capsys, "list", "--json")
    data = json.loads(out)
    assert code == 0 and data["format_version"] == 1
    [platform] = data["platforms"]
    assert set(platform) == {
        "id",
        "name",
        "aliases",
        "domains",
        "categories",
        "languages",
        "origin",
        "actions",
    }
    assert platform["actions"] == [
        {
            "id": "ai-training",
            "title": {
                "en": "Turn off AI training on your posts",
                "fr": "Désactiver l'entraînement de l'IA sur vos publications",
            },
            "kind": "ai-training",
            "default": "on",
            "regions": ["all"],
            "priority": "medium",
            "verified": "2026-11-24",
            "confidence": "high",
        }
    ]


@pytest.mark.parametrize(
    ("option", "value", "found"),
    [
        ("--kind", "ai-training", True),
        ("--kind", "biometrics", False),
        ("--region", "FR", True),
        ("--category", "social", True),
        ("--category", "work", False),
    ],
)
def test_list_filters(capsys, option: str, value: str, found: bool) -> None:
    code, out, _ = run(capsys, "list", option, value)
    assert code == 0
    assert ("example/ai-training" in out) is found


def test_list_status_reads_the_profile(capsys, data_dir: Path) -> None:
    from optout_tui.progress import ProgressStore, StepKey

    store = ProgressStore(data_dir, profile="visitor")
    for step in ("open-settings", "untick"):
        store.set_step(StepKey("example", "ai-training", "web", step), True)
    store.close()
    args = ["--data-dir", str(data_dir), "--profile", "visitor"]
    assert "example/ai-training" in run(capsys, "list", "--status", "done", *args)[1]
    assert "example/ai-training" not in run(capsys, "list", "--status", "not-started", *args)[1]


def test_list_status_not_possible_and_recheck(capsys, data_dir: Path) -> None:
    from optout_tui.progress import ProgressStore, StepKey

    store = ProgressStore(data_dir)
    store.set_state(StepKey("example", "ai-training", "web", "untick"), "not-possible")
    args = ["--data-dir", str(data_dir)]
    assert "example/ai-training" in run(capsys, "list", "--status", "in-progress", *args)[1]
    store.set_state(StepKey("example", "ai-training", "web", "open-settings"), "done")
    assert (
        "example/ai-training"
        in run(capsys, "list", "--status", "done-as-far-as-possible", *args)[1]
    )
    store.set_state(StepKey("example", "ai-training", "web", "open-settings"), "not-possible")
    store.close()
    assert "example/ai-training" in run(capsys, "list", "--status", "not-possible", *args)[1]


def test_walk_to_the_end_records_done(monkeypatch, capsys, data_dir: Path) -> None:
    answers = iter(["d", "d"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["walk", "example/ai-training", "--data-dir", str(data_dir)]) == 0
    assert "✔ This action is done." in capsys.readouterr().out
    from optout_tui.progress import ProgressStore

    assert ("example", "ai-training", "web") in ProgressStore(data_dir).done_records()
    assert (
        "example/ai-training"
        in run(capsys, "list", "--status", "done", "--data-dir", str(data_dir))[1]
    )


def test_show_checklist(capsys) -> None:
    code, out, _ = run(capsys, "show", "example/ai-training")
    assert code == 0
    assert "1. Open the AI settings page." in out
    assert "   Go to: “Settings”" in out
    assert "   Set: “Allow AI training” → untick" in out
    assert "Link: https://example.com/settings/ai" in out
    assert "Example Help Center (official, 2024-07-26): https://example.com/help/ai" in out
    assert "Verified 2026-11-24" in out


def test_show_in_french_marks_unconfirmed_labels(capsys) -> None:
    _, out, _ = run(capsys, "show", "example/ai-training", "--lang", "fr")
    assert "Régler : « Autoriser l'entraînement de l'IA » (?) → décocher" in out


def test_show_surface_without_the_control(capsys) -> None:
    _, out, _ = run(capsys, "show", "example", "--surface", "ios")
    assert "iPhone app ✗ not available" in out
    assert "The app has no such setting; use the website." in out


def test_show_json_has_everything(capsys) -> None:
    _, out, _ = run(capsys, "show", "example/ai-training", "--json")
    data = json.loads(out)
    action = data["platform"]["actions"][0]
    assert data["format_version"] == 1
    assert [s["id"] for s in action["surfaces"]["web"]["steps"]] == ["open-settings", "untick"]
    assert action["surfaces"]["ios"]["available"] == "no"
    assert action["sources"][0]["url"] == "https://example.com/help/ai"


def test_unknown_platform_suggests(capsys) -> None:
    code, _, err = run(capsys, "show", "exampel")
    assert code == 1 and "Did you mean: example?" in err
    code, _, err = run(capsys, "show", "example/ai-trainin")
    assert code == 1 and "Did you mean: ai-training?" in err


def test_search(capsys) -> None:
    code, out, _ = run(capsys, "search", "exmaple")
    assert code == 0 and out.startswith("example  Example")
    code, out, _ = run(capsys, "search", "zzqqxx")
    assert code == 1
    data = json.loads(run(capsys, "search", "posts", "--json")[1])
    assert data["hits"][0]["action"] == "ai-training"


def test_qr_piped_is_blocks_only(capsys) -> None:
    code, out, _ = run(capsys, "qr", "example/ai-training")
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "https://example.com/settings/ai"
    assert set("".join(lines[:-1])) <= {" ", "▀", "▄", "█"}
    assert "\x1b" not in out


def test_qr_refuses_other_schemes(capsys) -> None:
    assert run(capsys, "qr", "javascript://alert(1)")[0] == 1


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["list", "--kind", "nonsense"])
    assert exited.value.code == 2


def test_overlay_replaces_same_id_and_shows_origin(capsys, tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(LOCAL, encoding="utf-8")
    code, out, _ = run(capsys, "--catalog", str(tmp_path), "list")
    assert code == 0
    assert "Example Local" in out and str(tmp_path) in out
    assert "example/local-only" in out and "example/ai-training" not in out


def test_user_catalog_folder_is_picked_up(capsys, tmp_path: Path) -> None:
    from optout_tui.paths import user_catalog_dir

    folder = user_catalog_dir()
    folder.mkdir(parents=True)
    (folder / "example.yaml").write_text(LOCAL, encoding="utf-8")
    assert "example/local-only" in run(capsys, "list")[1]


def test_walk_saves_answers(monkeypatch: pytest.MonkeyPatch, capsys, data_dir: Path) -> None:
    answers = iter(["x", "d", "b", "n", "n"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code = main(["walk", "example/ai-training", "--data-dir", str(data_dir)])
    out = capsys.readouterr().out
    assert code == 0
    assert "s = skip it for now" in out  # "x" is not an answer: the help is shown
    from optout_tui.progress import ProgressStore

    states = ProgressStore(data_dir).states()
    assert {k.step: v for k, v in states.items()} == {
        "open-settings": "not-possible",
        "untick": "not-possible",
    }
    assert "None of these steps is possible for you" in out
    assert "1 of 1 action(s) finished" in out


def test_walk_quits_cleanly_at_end_of_input(monkeypatch, capsys, data_dir: Path) -> None:
    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    assert main(["walk", "example", "--data-dir", str(data_dir)]) == 0


def test_piped_output_has_no_escape_sequences(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    for argv in (
        ["list"],
        ["--catalog", str(EXAMPLE_CATALOG), "show", "example"],
        ["--catalog", str(MARKUP_CATALOG), "show", "markup"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "optout_tui", *argv],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout
    markup = subprocess.run(
        [sys.executable, "-m", "optout_tui", "--catalog", str(MARKUP_CATALOG), "show", "markup"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Title [b]not bold[/b] [@click=app.quit]quit[/]" in markup


def test_show_gives_the_address_and_the_text_with_its_blanks(capsys) -> None:
    from tests.conftest import SCREENS_CATALOG

    assert main(["--catalog", str(SCREENS_CATALOG), "show", "beta"]) == 0
    out = capsys.readouterr().out
    assert "Write to: privacy@beta.example" in out
    assert "{{workspace URL}}" in out and "{{your name}}" in out
    assert main(["--catalog", str(SCREENS_CATALOG), "show", "beta", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    email = data["platform"]["actions"][0]["surfaces"]["email"]
    assert email["address"] == "privacy@beta.example" and "{{your name}}" in email["template"]["en"]


def test_list_shows_where_a_platform_comes_from_only_for_overlays(capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and out.splitlines()[0] == "Example [formerly Sample]  [example]"


def test_list_follows_links_to_say_where_a_platform_comes_from(capsys, tmp_path: Path) -> None:
    """An overlay's file that is a link into the catalog in use is not shown as an overlay
    (its folder is elsewhere, the file is not); a real file beside it is."""
    linked, real = tmp_path / "links", tmp_path / "real"
    linked.mkdir()
    real.mkdir()
    [bundled] = sorted((EXAMPLE_CATALOG / "platforms").glob("*.yaml"))[:1]
    (linked / bundled.name).symlink_to(bundled)
    (real / "local-one.yaml").write_text(
        LOCAL.replace("id: example", "id: local-one"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "--catalog", str(linked), "--catalog", str(real), "list")
    assert code == 0
    assert str(linked) not in out and str(real / "local-one.yaml") in out


def test_list_refuses_an_unknown_region(capsys) -> None:
    code, out, err = run(capsys, "list", "--region", "XX")
    assert code == 2 and out == "" and "unknown region 'XX'" in err
    assert run(capsys, "list", "--region", "fr")[0] == 0


def test_qr_invert_flips_dark_and_light(capsys) -> None:
    assert main(["qr", "example/ai-training"]) == 0
    plain = capsys.readouterr().out.splitlines()
    assert main(["qr", "example/ai-training", "--invert"]) == 0
    flipped = capsys.readouterr().out.splitlines()
    assert plain[-1] == flipped[-1] == "https://example.com/settings/ai"
    assert plain[0] != flipped[0] and plain[0].startswith(" ") and flipped[0].startswith("█")


def test_profiles_delete_asks_at_a_terminal(monkeypatch, capsys, data_dir: Path) -> None:
    from optout_tui.progress import ProgressStore, StepKey

    store = ProgressStore(data_dir, profile="Ada")
    store.set_step(StepKey("example", "ai-training", "web", "untick"), True)
    store.close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    assert main(["profiles", "delete", "Ada", "--data-dir", str(data_dir)]) == 1
    assert "Ada" in ProgressStore(data_dir).profiles()
    monkeypatch.setattr("builtins.input", lambda prompt="": "yes")
    assert main(["profiles", "delete", "Ada", "--data-dir", str(data_dir)]) == 0
    assert "Ada" not in ProgressStore(data_dir).profiles()
