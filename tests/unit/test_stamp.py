"""optout stamp adds the missing fr_from stamps, keeps the file's layout and permissions,
and a later change to the English makes the French stale."""

from __future__ import annotations

import stat
from pathlib import Path

from optout_tui.catalog.loader import check_platform
from optout_tui.catalog.stamp import stamp_file
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")


def unstamped() -> str:
    return "".join(line for line in EXAMPLE.splitlines(keepends=True) if "fr_from:" not in line)


def test_stamps_what_is_missing_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(unstamped(), encoding="utf-8")
    path.chmod(0o644)
    _, before = check_platform(path)
    assert len(before) == 7 and all("no fr_from stamp" in p.message for p in before)
    assert stamp_file(path).added == 7
    assert path.read_text(encoding="utf-8") == EXAMPLE  # the committed fixture is stamped
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert check_platform(path)[1] == []
    assert stamp_file(path).added == 0


def test_changed_english_makes_the_french_stale(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(
        EXAMPLE.replace("en: Untick the box.", "en: Untick both boxes."), encoding="utf-8"
    )
    platform, findings = check_platform(path)
    assert platform is not None
    [stale] = findings
    assert stale.severity == "warning" and "the French text is stale" in stale.message
