"""The template in CONTRIBUTING.md is a valid platform file, so contributors start right."""

from __future__ import annotations

from pathlib import Path

from optout_tui.catalog.loader import check_platform

ROOT = Path(__file__).resolve().parents[2]


def test_template_validates(tmp_path: Path) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    template = text.split("<!-- template -->\n```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "template.yaml"
    path.write_text(template, encoding="utf-8")
    platform, findings = check_platform(path)
    assert platform is not None, [str(f) for f in findings]
    # Only the missing translation stamps are reported: `optout stamp` adds them.
    assert findings and all("no fr_from stamp" in f.message for f in findings)
