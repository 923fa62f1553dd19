"""How the app starts: the garbage collector is paused while it starts (everything made then
stays alive) and always resumed, once the first frame is shown or when the app ends."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from optout_tui import heap
from optout_tui.cli import main
from optout_tui.commands import common
from tests.conftest import SCREENS_CATALOG
from tests.tui.helpers import make_app


@pytest.fixture
def collecting():
    """The collector on before and after each test, whatever the test did to it."""
    gc.enable()
    yield
    heap.resume()
    gc.unfreeze()  # (the first frame froze this test process's objects)
    gc.enable()


def test_the_collector_is_paused_while_the_app_starts_and_resumed_after(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, collecting
) -> None:
    from optout_tui.tui.app import OptOutApp

    seen: list[bool] = []
    monkeypatch.setattr(OptOutApp, "run", lambda self: seen.append(gc.isenabled()))
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: SCREENS_CATALOG)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert seen == [False]  # paused while starting
    assert gc.isenabled()  # and never left off once the app is over


def test_the_collector_is_resumed_when_the_app_fails_to_start(
    tmp_path: Path, data_dir: Path, collecting
) -> None:
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "--catalog", str(tmp_path)]) == 1
    assert gc.isenabled()


async def test_the_first_frame_resumes_the_collector(data_dir: Path, collecting) -> None:
    heap.pause_for_start()
    assert not gc.isenabled()
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
