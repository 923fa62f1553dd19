"""Write a note on an action: what happened, what to try next time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from optout_tui.i18n import translator
from optout_tui.tui.screens.dialog import Dialog


class NoteScreen(Dialog[str | None]):
    """Dismisses with the note (empty to remove it), or None when cancelled."""

    DEFAULT_CSS = """
    NoteScreen #note-box { width: 70; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="note.cancel")]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.heading = title
        self.note = note

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="note-box", classes="dialog"):
            yield Static(Content.assemble((_("Note: "), "bold"), self.heading))
            yield Input(
                self.note,
                placeholder=_("e.g. no such menu on my phone; did it on the laptop"),
                id="note-input",
            )
            yield Static(_("Enter saves (empty removes the note) · Escape cancels"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
