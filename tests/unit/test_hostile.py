"""Hostile and broken catalog files: each ends in a clear message naming the file, exit 1,
quickly, and nothing in a file is ever executed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from optout_tui.cli import main
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")


def _bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    return "\n".join(lines) + "\n"


CASES: dict[str, tuple[str | bytes, str]] = {
    "syntax-error": ("id: [unclosed\n", "YAML syntax error"),
    "empty": ("", "the file is empty"),
    "top-level-list": ("- 1\n- 2\n", "not a list"),
    "top-level-scalar": ("42\n", "not a single value"),
    "not-utf8": (b"id: \xc3\x28\n", "not UTF-8"),
    "billion-laughs": (_bomb(), "anchors (&name) are not allowed"),
    "python-tag": ("id: !!python/object/apply:os.system ['touch PWNED']\n", "is not allowed"),
    "python-name-tag": ("id: !!python/name:os.system\n", "is not allowed"),
    "custom-tag": ("id: !include other.yaml\n", "is not allowed"),
    "deep-nesting": ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nesting"),
    "huge-file": ("# padding\n" * 5_500_000, "a catalog file may be at most"),
    "huge-string": ("name: " + "x" * 1_000_000 + "\n", "characters long"),
    "control-chars": (EXAMPLE.replace("Untick the box.", "Untick\x07 the box."),
                      "control characters"),
    "escape-sequence": (EXAMPLE.replace("Untick the box.", "Untick\x1b]0;pwned\x07 the box."),
                        "control characters"),
    "csi-in-name": (EXAMPLE.replace("name: Example [formerly Sample]",
                                    'name: "Example\\e[31m red"'), "control characters"),
    "javascript-url": (EXAMPLE.replace("https://example.com/settings/ai",
                                       "javascript:alert(1)"), "must be an https:// link"),
    "data-url": (EXAMPLE.replace("https://example.com/settings/ai", "data:text/html,hi"),
                 "must be an https:// link"),
    "file-url": (EXAMPLE.replace("https://example.com/settings/ai", "file:///etc/passwd"),
                 "must be an https:// link"),
    "http-url": (EXAMPLE.replace("https://example.com/settings/ai",
                                 "http://example.com/settings/ai"), "must be an https:// link"),
    "two-documents": ("id: a\n---\nid: b\n", "only one YAML document"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_with_a_message(case: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    content, expected = CASES[case]
    path = tmp_path / "example.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out and expected in out
    assert "Traceback" not in out
    assert not (tmp_path / "PWNED").exists()


def test_bomb_in_a_real_process_ends_fast(tmp_path: Path) -> None:
    """The whole command, start to exit; the limit is generous, a bomb would take minutes."""
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(), encoding="utf-8")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "optout_tui", "validate", str(path)],
                            capture_output=True, text=True, timeout=30, check=False)
    elapsed = time.perf_counter() - start
    assert result.returncode == 1 and "not allowed" in result.stdout
    assert elapsed < 10, f"took {elapsed:.1f} s"
