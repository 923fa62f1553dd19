"""Choose how to export this person's progress: a printable handout, Markdown or JSON."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.i18n import N_, translator
from optout_tui.tui.screens.dialog import Dialog

FORMATS = [
    ("html", N_("Printable handout (HTML, a QR code per link left to do)")),
    ("md", N_("Markdown (plain text with links)")),
    ("json", N_("JSON (to import on another machine: optout import FILE)")),
]


class ExportScreen(Dialog[str | None]):
    """Dismisses with "html", "md", "json" or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="export.cancel")]

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="export-box", classes="dialog"):
            yield Static(Content.styled(_("Export this person's progress as…"), "bold"))
            yield OptionList(*(Option(Content(_(text)), id=fmt) for fmt, text in FORMATS))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
