"""Fill in the blanks of a form or email text, then copy it: the blanks left are listed live."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from optout_tui.catalog.model import blanks
from optout_tui.i18n import translator
from optout_tui.tui.screens.dialog import Dialog


class TemplateScreen(Dialog[str | None]):
    """Dismisses with the text to copy (Ctrl+S or the Copy button), or None (Escape)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="template.cancel"),
        Binding("ctrl+s", "copy", "Copy", priority=True, id="template.copy"),
    ]
    DEFAULT_CSS = """
    TemplateScreen > #template-box {
        width: 90%; max-width: 100; height: 90%; border: thick $primary;
    }
    TemplateScreen TextArea { height: 1fr; }
    TemplateScreen #template-buttons { height: auto; align-horizontal: right; }
    TemplateScreen #template-buttons Button { margin-left: 1; }
    """

    def __init__(self, heading: str, text: str, address: str | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.text = text
        self.address = address

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="template-box", classes="dialog"):
            yield Static(Content.assemble((self.heading, "bold")))
            if self.address:
                yield Static(Content.assemble(_("Write to: "), (self.address, "bold")))
            yield Static(
                _(
                    "Replace every {{…}} with your own details, then Ctrl+S (or Copy) "
                    "copies the text. Escape cancels."
                )
            )
            yield TextArea(self.text, soft_wrap=True, id="template-text")
            yield Static(id="template-blanks")
            with Horizontal(id="template-buttons"):
                yield Button(_("Copy text"), variant="primary", id="copy")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()
        self._show_blanks()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._show_blanks()

    def _show_blanks(self) -> None:
        left = blanks(self.query_one(TextArea).text)
        _ = translator(self.app.lang).gettext
        box = self.query_one("#template-blanks", Static)
        if left:
            box.update(
                Content.assemble((_("Still to fill: "), "bold $text-warning"), " · ".join(left))
            )
        else:
            box.update(Content.styled(_("✔ Every blank is filled in."), "bold $text-success"))

    def action_copy(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy()
        else:
            self.dismiss(None)
