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


# -- the first frame shows the last launch's catalog; the files are checked just after ---------


async def test_the_app_ends_when_the_catalog_it_shows_has_changed(data_dir: Path) -> None:
    from optout_tui.catalog import load_catalog
    from optout_tui.tui.app import OptOutApp

    app = OptOutApp(load_catalog([SCREENS_CATALOG]), data_dir, confirm_catalog=lambda: False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if not app.is_running:
                break
    assert app.catalog_changed and not app.is_running


@pytest.mark.parametrize("same", [True, "raises"])
async def test_the_app_goes_on_only_when_the_catalog_is_confirmed(
    data_dir: Path, same: bool | str
) -> None:
    """Confirmed: the app goes on. A check that fails to run cannot confirm: the app ends,
    for the usual load to say what is wrong."""
    from optout_tui.catalog import load_catalog
    from optout_tui.tui.app import OptOutApp

    asked: list[int] = []

    def confirm() -> bool:
        asked.append(1)
        if same == "raises":
            raise OSError("gone")
        return True

    app = OptOutApp(load_catalog([SCREENS_CATALOG]), data_dir, confirm_catalog=confirm)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):
            await pilot.pause(0.02)
        assert asked == [1]
        assert app.is_running is (same is True)
    assert app.catalog_changed is (same != True)  # noqa: E712


def test_the_command_starts_the_app_again_on_a_changed_catalog(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, collecting
) -> None:
    """The first app shows the catalog the cache kept and is told it changed: the command
    starts a second one on the files as they are, checked before its first frame."""
    import shutil
    import time

    import optout_tui.catalog.cache as cache
    from optout_tui.tui.app import OptOutApp

    folder = tmp_path / "cat"
    shutil.copytree(SCREENS_CATALOG, folder)
    later = lambda: time.time_ns() + 60 * 1_000_000_000  # noqa: E731
    monkeypatch.setattr(cache, "_clock", later)  # the files are old enough to be recorded
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: folder)
    monkeypatch.setattr(OptOutApp, "run", lambda self: None)
    assert main(["--data-dir", str(data_dir)]) == 0  # a first launch: the cache is written

    name = next((folder / "platforms").glob("*.yaml"))
    text = name.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("name: "))
    probe = tmp_path / "probe"  # the edit gets a ctime of its own (file times move by ticks)
    probe.write_bytes(b"")
    while probe.stat().st_ctime_ns <= name.stat().st_ctime_ns:
        probe.write_bytes(b"")
    name.write_text(text.replace(old, "name: Renamed Since"), encoding="utf-8")

    runs: list[tuple[set[str], bool]] = []

    def run(self: OptOutApp) -> None:
        runs.append(({p.name for p in self.catalog.platforms}, self._confirm_catalog is None))
        if self._confirm_catalog is not None and not self._confirm_catalog():
            self.catalog_changed = True

    monkeypatch.setattr(OptOutApp, "run", run)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert len(runs) == 2
    assert "Renamed Since" not in runs[0][0] and not runs[0][1]  # the kept catalog, unchecked
    assert "Renamed Since" in runs[1][0] and runs[1][1]  # the files, checked before


def test_the_app_is_started_again_the_usual_way_when_the_check_cannot_run(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, collecting
) -> None:
    """A check that fails (a file unreadable for a moment) cannot confirm the kept catalog:
    the second start loads the files the usual way rather than serving it again."""
    import shutil
    import time

    import optout_tui.catalog.cache as cache
    from optout_tui.tui.app import OptOutApp

    folder = tmp_path / "cat"
    shutil.copytree(SCREENS_CATALOG, folder)
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 60 * 1_000_000_000)
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: folder)
    monkeypatch.setattr(OptOutApp, "run", lambda self: None)
    assert main(["--data-dir", str(data_dir)]) == 0

    checked: list[bool] = []

    def run(self: OptOutApp) -> None:
        checked.append(self._confirm_catalog is not None)
        if len(checked) > 3:
            raise AssertionError("started again and again")
        if self._confirm_catalog is not None:
            self._check_catalog(self._confirm_catalog)  # as the app does after its frame

    def check_now(self: OptOutApp, confirm) -> None:  # the worker's body, run at once
        try:
            same = confirm()
        except OSError:
            same = False
        if not same:
            self.catalog_changed = True

    real = cache._fingerprint
    calls: list[int] = []

    def failing_once(folders, **listing):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("busy")
        return real(folders, **listing)

    monkeypatch.setattr(cache, "_fingerprint", failing_once)
    monkeypatch.setattr(OptOutApp, "_check_catalog", check_now)
    monkeypatch.setattr(OptOutApp, "run", run)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert checked == [True, False]
