"""Checks of the catalog files that no test exercised before (issue 13): each is seen failing
through `optout validate`, whatever the loader's inner shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from optout_tui.cli import main
from tests.conftest import EXAMPLE_CATALOG, SCREENS_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
BETA = (SCREENS_CATALOG / "platforms" / "beta.yaml").read_text(encoding="utf-8")


def _validate(path: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["validate", *extra, str(path)])
    return code, capsys.readouterr().out


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fixtures_are_valid(tmp_path: Path, capsys) -> None:
    """The baseline of the cases below: unchanged, both files pass."""
    assert _validate(_write(tmp_path, "example.yaml", EXAMPLE), capsys)[0] == 0
    assert _validate(_write(tmp_path, "beta.yaml", BETA), capsys)[0] == 0


def test_an_action_id_used_twice_is_refused(tmp_path: Path, capsys) -> None:
    start = EXAMPLE.index("  - id: ai-training")
    twice = EXAMPLE + EXAMPLE[start:]
    code, out = _validate(_write(tmp_path, "example.yaml", twice), capsys)
    assert code == 1 and "action id 'ai-training' is used twice" in out


def test_a_key_given_twice_is_refused(tmp_path: Path, capsys) -> None:
    text = EXAMPLE.replace(
        "name: Example [formerly Sample]\n", "name: Example [formerly Sample]\nname: Another name\n"
    )
    code, out = _validate(_write(tmp_path, "example.yaml", text), capsys)
    assert code == 1 and "'name' is given twice" in out


@pytest.mark.parametrize("broken", ["{{your name} and more", "your name}}", "{{a}} {{b"])
def test_unbalanced_blanks_in_a_template_are_refused(broken: str, tmp_path: Path, capsys) -> None:
    text = BETA.replace("Owner: {{your name}}.", f"Owner: {broken}.")
    assert text != BETA
    code, out = _validate(_write(tmp_path, "beta.yaml", text), capsys)
    assert code == 1 and "unbalanced {{ }}" in out


def test_the_same_platform_id_in_two_files_is_refused(tmp_path: Path, capsys) -> None:
    _write(tmp_path / "a", "example.yaml", EXAMPLE)
    _write(tmp_path / "b", "example.yaml", EXAMPLE)
    code = main(["validate", str(tmp_path / "a"), str(tmp_path / "b")])
    out = capsys.readouterr().out
    assert code == 1 and "platform id 'example' is also used by" in out
