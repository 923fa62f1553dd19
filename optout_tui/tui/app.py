"""The optout app: owns the catalog and the progress store, and starts on the browse screen."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from optout_tui.catalog.model import Catalog
from optout_tui.progress import ProgressStore
from optout_tui.tui.screens.browse import BrowseScreen
from optout_tui.tui.screens.help import HelpScreen


class OptOutApp(App[None]):
    """Walks a person through opting out, platform by platform."""

    CSS_PATH = "app.tcss"
    TITLE = "optout"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("f1", "help", "Help", show=False, id="app.help-f1"),
    ]

    def __init__(self, catalog: Catalog, store: ProgressStore) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store

    def get_default_screen(self) -> BrowseScreen:
        return BrowseScreen(self.catalog)

    def on_mount(self) -> None:
        if self.store.moved_aside is not None:
            self.notify(f"The progress file was damaged. It was moved to "
                        f"{self.store.moved_aside} and a new one was started.",
                        title="Progress file damaged", severity="warning", timeout=30,
                        markup=False)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
