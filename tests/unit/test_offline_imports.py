"""Offline by default: the app and the commands other than `optout catalog update` and
`check-links` never import an HTTP client (nor the cryptography library), checked in a fresh
interpreter's sys.modules."""

from __future__ import annotations

import pytest

from tests.unit.harness import fresh_run

NETWORK = (
    "httpx",
    "httpcore",
    "h11",
    "h2",
    "anyio",
    "certifi",
    "cryptography",
    "http.client",
    "urllib.request",
)

HARNESS = """
import asyncio, json, sys
from optout_tui.tui.app import OptOutApp

def run_headless(self, **kwargs):  # `optout` starts the app: drive it instead of a terminal
    async def drive():
        async with self.run_test() as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.press("enter")
            await pilot.pause()
    asyncio.run(drive())

OptOutApp.run = run_headless
from optout_tui.cli import main
codes = [main(argv) for argv in json.loads(sys.argv[1])]
print(json.dumps({"codes": codes, "loaded": sorted(
    m for m in sys.modules if m in NETWORK or m.split(".")[0] in NETWORK)}))
""".replace("NETWORK", repr(NETWORK))


def loaded_by(tmp_path, *commands: list[str]) -> tuple[list[int], list[str]]:
    argv = [[*c, "--data-dir", str(tmp_path / "data")] for c in commands]
    report = fresh_run(HARNESS, argv)
    return report["codes"], report["loaded"]


@pytest.mark.parametrize(
    "commands",
    [
        [[]],  # `optout`: the app, with its help screen and a platform opened
        [["list"], ["show", "x/grok-training"], ["search", "grok"], ["stats"]],
        [["catalog", "status"], ["catalog", "rollback"]],
    ],
    ids=["app", "list-show-search-stats", "catalog-status-rollback"],
)
def test_no_http_client_is_imported(tmp_path, commands):
    codes, loaded = loaded_by(tmp_path, *commands)
    assert loaded == [], f"{commands} imported {loaded}"
    assert codes[0] == 0  # the app, `list`, `status` did run


def test_the_probe_sees_an_http_client_when_one_is_used(tmp_path):
    """The same harness does see httpx when `catalog update` goes online (a closed port)."""
    codes, loaded = loaded_by(
        tmp_path, ["catalog", "update", "--url", "https://127.0.0.1:9/optout-catalog.tar.gz"]
    )
    assert codes == [1]
    assert "httpx" in loaded
