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
    "control-chars": (
        EXAMPLE.replace("Untick the box.", "Untick\x07 the box."),
        "control characters",
    ),
    "escape-sequence": (
        EXAMPLE.replace("Untick the box.", "Untick\x1b]0;pwned\x07 the box."),
        "control characters",
    ),
    "csi-in-name": (
        EXAMPLE.replace("name: Example [formerly Sample]", 'name: "Example\\e[31m red"'),
        "control characters",
    ),
    "javascript-url": (
        EXAMPLE.replace("https://example.com/settings/ai", "javascript:alert(1)"),
        "must be an https:// link",
    ),
    "data-url": (
        EXAMPLE.replace("https://example.com/settings/ai", "data:text/html,hi"),
        "must be an https:// link",
    ),
    "file-url": (
        EXAMPLE.replace("https://example.com/settings/ai", "file:///etc/passwd"),
        "must be an https:// link",
    ),
    "http-url": (
        EXAMPLE.replace("https://example.com/settings/ai", "http://example.com/settings/ai"),
        "must be an https:// link",
    ),
    "two-documents": ("id: a\n---\nid: b\n", "only one YAML document"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_with_a_message(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
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
    result = subprocess.run(
        [sys.executable, "-m", "optout_tui", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 1 and "not allowed" in result.stdout
    assert elapsed < 10, f"took {elapsed:.1f} s"


# -- 13.9: nothing that is not a regular file is read ---------------------------------------


def _validate_in_a_thread(args: list[str]) -> int:
    """`optout validate`, where a hang shows as a failure instead of stopping the run."""
    import threading

    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(main(["validate", *args])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "validate hung"
    return result[0]


def test_validate_refuses_a_fifo_given_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    fifo = tmp_path / "example.yaml"
    os.mkfifo(fifo)
    assert _validate_in_a_thread([str(fifo)]) == 1
    assert f"{fifo}:1:1: error: cannot read the file: a named pipe" in capsys.readouterr().out


def test_validate_refuses_a_link_to_dev_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "example.yaml"
    link.symlink_to("/dev/zero")
    assert _validate_in_a_thread([str(link)]) == 1
    assert "a device, not a regular file" in capsys.readouterr().out


def test_the_cap_holds_even_when_the_size_is_wrong(tmp_path: Path) -> None:
    from optout_tui.safe_files import FileTooLarge, read_regular

    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(FileTooLarge):
        read_regular(path, 1000)
    assert read_regular(path, 1001) == b"x" * 1001
    proc = Path("/proc/self/maps")  # a regular file that says it is empty, and is not
    if proc.is_file() and proc.stat().st_size == 0:
        with pytest.raises(FileTooLarge):
            read_regular(proc, 10)


def test_a_nul_byte_is_reported_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "example.yaml"
    path.write_text("id: example\nname: Example\naliases: [a\x00b]\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:3:12: error: not readable as YAML" in out and "U+0000" in out


# -- the project's own control-character check, not libyaml's -----------------------------


@pytest.mark.parametrize("escape", ["\\a", "\\e", "\\x9b", "\\x85", "\\x7f", "\\x1b[31m", "\\0"])
def test_escapes_that_yaml_accepts_are_refused_by_our_check(
    tmp_path: Path, escape: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written as YAML escapes in a quoted string, these pass libyaml's reader, so only the
    loader's own check stands between them and the terminal."""
    path = tmp_path / "example.yaml"
    path.write_text(
        EXAMPLE.replace("name: Example [formerly Sample]", f'name: "Example{escape} Sample"'),
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    assert "control characters" in capsys.readouterr().out


@pytest.mark.parametrize("code", [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
def test_every_c0_and_c1_control_is_found_and_stripped(code: int) -> None:
    from optout_tui.text import clean, has_control

    text = f"a{chr(code)}b"
    assert has_control(text)
    assert clean(text) == "ab"


def test_tabs_and_newlines_are_not_controls() -> None:
    from optout_tui.text import clean, has_control

    assert not has_control("a\tb\nc") and clean("a\tb\nc") == "a b\nc"
