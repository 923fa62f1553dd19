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

    DEFAULT_CSS = """
    HelpScreen #help-body { width: 76; }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close-q"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close-help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown(help_text(self.app.lang) + self._catalog_age(), open_links=False)

    def _catalog_age(self) -> str:
        """The catalog's version, date and age (its version is digits and dots: no markup)."""
        from optout_tui.tui.catalog_age import age_line, stale_hint

        app = self.app
        info = getattr(app, "catalog_info", None)
        today = getattr(app, "today", None)
        line = age_line(info, today, app.lang) if today else None
        if line is None:
            return ""
        hint = stale_hint(info, today, app.lang)
        return f"\n{line}" + (f" {hint}" if hint else "") + "\n"
