"""What a launch imports costs every launch: hashlib (OpenSSL, and a look-up of every
algorithm it offers, 3-10 ms) is not imported by the app up to its first frame, nor by a
warm `optout list`; the catalog cache's digests come from optout_tui.digest."""

from __future__ import annotations

from pathlib import Path

from tests.unit.harness import fresh_run

HARNESS = """
import asyncio, json, sys
from optout_tui.tui.app import OptOutApp

seen = {}

def run_headless(self, **kwargs):  # `optout` starts the app: stop at its first frame
    async def drive():
        async with self.run_test() as pilot:
            await pilot.pause()
            seen["app"] = "hashlib" in sys.modules
    asyncio.run(drive())

OptOutApp.run = run_headless
from optout_tui.cli import main
argv = json.loads(sys.argv[1])
code = main(argv)
seen.setdefault("command", "hashlib" in sys.modules)
print(json.dumps({"code": code, "seen": seen}))
"""


def imports_hashlib(data: Path, *argv: str) -> dict[str, bool]:
    report = fresh_run(HARNESS, [*argv, "--data-dir", str(data)])
    assert report["code"] == 0
    return report["seen"]


def test_the_app_and_a_warm_list_start_without_hashlib(tmp_path: Path) -> None:
    imports_hashlib(tmp_path, "list")  # the first run fills the cache
    assert imports_hashlib(tmp_path, "list") == {"command": False}
    assert imports_hashlib(tmp_path)["app"] is False


def test_the_digest_is_sha256() -> None:
    import hashlib

    from optout_tui.digest import sha256

    data = b"optout" * 1000
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert sha256(data).digest() == hashlib.sha256(data).digest()
