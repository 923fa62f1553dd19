"""The keys, and what the marks on screen mean (locale/<lang>/help.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from optout_tui.i18n import help_text
from optout_tui.tui.screens.dialog import Dialog


class HelpScreen(Dialog[None]):
    """A modal with the key table; any of Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close-q"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close-help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown(help_text(self.app.lang), open_links=False)
