"""One way to replace a file: whole or not at all, with the permissions asked for."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from optout_tui.catalog.stamp import stamp_file
from optout_tui.safe_files import atomic_write


def test_written_whole_with_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "héllo", mode=0o644)
    assert target.read_text(encoding="utf-8") == "héllo"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    atomic_write(target, b"again")
    assert target.read_bytes() == b"again" and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        atomic_write(target, 12345)  # type: ignore[arg-type]  # fails while writing
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_stamp_keeps_the_files_own_permissions(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "fixtures" / "catalog" / "platforms" / "example.yaml"
    text = source.read_text(encoding="utf-8")
    target = tmp_path / "example.yaml"
    target.write_text(
        "\n".join(line for line in text.splitlines() if "fr_from" not in line) + "\n",
        encoding="utf-8",
    )
    target.chmod(0o664)
    assert stamp_file(target).added > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
