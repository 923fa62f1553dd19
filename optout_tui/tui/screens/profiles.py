"""Choose whose progress to keep: one profile per person, no personal data needed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.i18n import translator
from optout_tui.tui.screens.dialog import Dialog

NEW_PERSON = "\x00new"  # an option id no profile name can have (names are typed text)


class ProfilesScreen(Dialog[str | None]):
    """Dismisses with the chosen profile name, NEW_PERSON, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="profiles.cancel")]

    def __init__(self, profiles: list[str], current: str) -> None:
        super().__init__()
        self.profiles = profiles
        self.current = current

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="profiles-box", classes="dialog"):
            yield Static(Content.styled(_("Whose progress?"), "bold"))
            options = [Option(Content(_("+ New person (a fresh, empty profile)")),
                              id=NEW_PERSON)]
            for name in self.profiles:
                mark = "● " if name == self.current else "  "
                options.append(Option(Content.assemble(mark, self.app.person_name(name)), id=name))
            yield OptionList(*options, id="profiles-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
