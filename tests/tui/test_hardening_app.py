"""The app under hostile or broken conditions (issue 13): it says what happened, keeps what
was saved, never crashes quietly, and nothing reaches the terminal raw."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Static

from optout_tui.catalog import CatalogError, Problem
from optout_tui.catalog.model import Catalog, Platform
from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore, StepKey, StoreError
from optout_tui.tui.app import OptOutApp
from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.screens.qr import QrScreen
from optout_tui.tui.widgets.action_detail import ActionDetail
from tests.conftest import EXAMPLE_CATALOG
from tests.tui.helpers import make_app, shown_text

OPEN = StepKey("example", "ai-training", "web", "open-settings")


def test_the_app_exits_non_zero_after_a_crash(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)
    real_run = OptOutApp.run

    def boom(self) -> None:
        raise RuntimeError("an unexpected failure")

    monkeypatch.setattr(OptOutApp, "run", lambda self, **kw: real_run(self, headless=True))
    monkeypatch.setattr(OptOutApp, "on_mount", boom)
    assert main(["--data-dir", str(tmp_path)]) == 1
    assert "unexpected error" in capsys.readouterr().err


def test_the_app_exits_non_zero_with_unsaved_changes(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)

    def run_and_leave_a_change_unsaved(self, **kw) -> None:
        self.progress.pending[OPEN] = "done"
        self.progress.last_error = StoreError("database or disk is full")

    monkeypatch.setattr(OptOutApp, "run", run_and_leave_a_change_unsaved)
    assert main(["--data-dir", str(tmp_path)]) == 1
    assert "1 change(s) could not be saved" in capsys.readouterr().err


async def test_saves_are_retried_while_the_app_runs(data_dir: Path, monkeypatch) -> None:
    """Nobody has to press anything: the app tries again on its own."""
    monkeypatch.setattr("optout_tui.tui.app.RETRY_SECONDS", 0.05)
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:

        def refuse(self, key, state):
            raise StoreError("database or disk is full")

        monkeypatch.setattr(ProgressStore, "set_state", refuse)
        await pilot.press("enter", "enter", "space")
        await pilot.pause()
        assert app.progress.pending
        monkeypatch.undo()
        monkeypatch.setattr("optout_tui.tui.app.RETRY_SECONDS", 0.05)
        for _ in range(200):  # until the interval has run (no key pressed meanwhile)
            await pilot.pause(0.05)
            if not app.progress.pending:
                break
        assert not app.progress.pending
    assert ProgressStore(data_dir).done_steps() == {OPEN}


async def test_a_platform_broken_while_the_app_runs_is_a_message(data_dir: Path) -> None:
    class EditedShelf:  # the file was edited since the cache was read: reading it fails
        def facts(self, row: int):
            return ()

        def actions(self, row: int):
            raise CatalogError([Problem("example.yaml", 3, 1, "edited while the app ran")])

        def origin(self, row: int) -> str:
            return "example.yaml"

    platform = Platform.shelved(
        "example",
        "Example",
        ("example.com",),
        ("social",),
        ("en",),
        (),
        (1, 1, 2),
        EditedShelf(),
        0,
    )
    app = OptOutApp(Catalog((platform,)), data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_platform("example")
        await pilot.pause()
        assert not isinstance(app.screen, PlatformScreen)
        assert any("edited while the app ran" in n.message for n in app._notifications)


async def test_a_read_only_store_shows_its_progress_and_says_so(
    data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    store = ProgressStore(data_dir)
    store.set_step(OPEN, True)
    store.close()

    def refuse(self):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode = 8
        raise error

    monkeypatch.setattr(ProgressStore, "_connect", refuse)
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.progress.store is not None and app.progress.store.read_only
        assert app.progress.done_steps() == {OPEN}  # not "0 done"
        assert any(n.title == "Progress is read-only" for n in app._notifications)
        monkeypatch.setattr("platformdirs.user_documents_path", lambda: tmp_path)
        exported = app.export_progress("json")  # it can be read, so exported…
        assert exported is not None and OPEN.step in exported.read_text(encoding="utf-8")
        assert exported.stat().st_mode & 0o777 == 0o600  # …readable only by its owner


async def test_an_overlay_replacing_domains_is_announced(data_dir: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    text = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
    (overlay / "example.yaml").write_text(
        text.replace("example.com", "examp1e.com"), encoding="utf-8"
    )
    app = make_app(data_dir, EXAMPLE_CATALOG, overlay)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("examp1e.com instead of example.com" in n.message for n in app._notifications)


async def test_a_note_is_shown_without_its_control_characters(data_dir: Path) -> None:
    """A note saved by an earlier version (or written into the file) may hold an OSC 52
    clipboard escape: it is drawn without it."""
    ProgressStore(data_dir).close()
    with sqlite3.connect(data_dir / "progress.sqlite3") as db:
        db.execute(
            "INSERT INTO action_note VALUES ('default', 'example', 'ai-training', "
            "?, '2026-11-30T10:00:00+00:00')",
            ("ok\x1b]52;c;cm0gLXJmIH4=\x07 done",),
        )
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        note = app.screen.query_one(ActionDetail).query_one("#action-note", Static)
        drawn = "".join(
            segment.text
            for strip in note.render_lines(note.region.reset_offset)
            for segment in strip
        )
        assert "\x1b" not in drawn and "\x07" not in drawn and "cm0gLXJmIH4= done" in drawn


async def test_the_qr_screen_says_when_a_link_is_too_long(data_dir: Path) -> None:
    long_link = "https://example.com/" + "a" * 3000
    app = make_app(data_dir, EXAMPLE_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QrScreen(long_link, "Too long"))
        await pilot.pause()
        message = shown_text(app.screen.query_one("#qr-message", Static))
        assert "too long for a QR code" in message
