"""The one modal box: centred over the screen below, framed, its keys in the app's language."""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType

from optout_tui.tui.bindings import localise_bindings


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen whose content sits in one container with the class `dialog`; a
    subclass sets that container's width (and anything else it needs) by its id."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > .dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        localise_bindings(self, self.app.lang)
