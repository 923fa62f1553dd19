"""`optout catalog export --json`: the whole catalog as JSON, the same values a YAML reader
gets from the files, for tools that read no YAML."""

from __future__ import annotations

import json

import pytest
import yaml

from optout_tui.cli import main
from optout_tui.commands import common
from tests.conftest import EXAMPLE_CATALOG


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)


def test_export_gives_every_platform_and_action_in_full(capsys) -> None:
    assert main(["catalog", "export", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format_version"] == 1 and data["catalog_format"] == 2
    source = yaml.safe_load(
        (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
    )
    [platform] = data["platforms"]
    assert platform["id"] == source["id"] and platform["name"] == source["name"]
    assert [a["id"] for a in platform["actions"]] == [a["id"] for a in source["actions"]]
    for ours, theirs in zip(platform["actions"], source["actions"]):
        assert ours["default"] == theirs["default"]  # "on" stays a word for both
        assert ours["minutes"] == theirs["minutes"]
        assert ours["title"]["en"] == theirs["title"]["en"]
        for sid, surface in theirs["surfaces"].items():
            assert ours["surfaces"][sid]["available"] == surface["available"]
            assert [s["id"] for s in ours["surfaces"][sid]["steps"]] == [
                s["id"] for s in surface.get("steps", [])
            ]
        assert [s["url"] for s in ours["sources"]] == [s["url"] for s in theirs["sources"]]
