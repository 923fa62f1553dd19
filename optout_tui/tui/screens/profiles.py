"""Choose whose progress to keep: one profile per person, no personal data needed. A person
can be renamed (F2) or erased (Delete, after a question) from here too."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.i18n import translator
from optout_tui.tui.screens.dialog import Dialog

NEW_PERSON = "\x00new"  # an option id no profile name can have (names are typed text)


class ProfilesScreen(Dialog[str | None]):
    """Dismisses with the chosen profile name, NEW_PERSON, or None."""

    DEFAULT_CSS = """
    ProfilesScreen {
        & #profiles-box { width: 60; max-height: 80%; }
        & #profiles-list { height: auto; max-height: 16; border: none; }
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="profiles.cancel"),
        Binding("f2", "rename", "Rename", key_display="F2", id="profiles.rename"),
        Binding("delete", "delete", "Erase", key_display="Del", id="profiles.delete"),
    ]

    def __init__(self, profiles: list[str], current: str) -> None:
        super().__init__()
        self.profiles = profiles
        self.current = current

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="profiles-box", classes="dialog"):
            yield Static(Content.styled(_("Whose progress?"), "bold"))
            yield OptionList(*self._options(), id="profiles-list")
            yield Static(
                Content.styled(_("Enter: choose · F2: rename · Del: erase · Esc: cancel"), "dim"),
                id="profiles-keys",
            )

    def _options(self) -> list[Option]:
        _ = translator(self.app.lang).gettext
        options = [Option(Content(_("+ New person (a fresh, empty profile)")), id=NEW_PERSON)]
        for name in self.profiles:
            mark = "● " if name == self.current else "  "
            options.append(Option(Content.assemble(mark, self.app.person_name(name)), id=name))
        return options

    def _refresh(self) -> None:
        """The list again, after a rename or an erase, the cursor near where it was."""
        store = self.app.progress.store
        self.current = self.app.profile
        self.profiles = store.profiles() if store else []
        if self.current not in self.profiles:
            self.profiles.append(self.current)
        options = self.query_one("#profiles-list", OptionList)
        at = options.highlighted or 0
        options.set_options(self._options())
        options.highlighted = min(at, options.option_count - 1)

    def _highlighted_person(self) -> str | None:
        options = self.query_one("#profiles-list", OptionList)
        if options.highlighted is None:
            return None
        name = options.get_option_at_index(options.highlighted).id
        return None if name in (None, NEW_PERSON) else name

    def action_rename(self) -> None:
        name = self._highlighted_person()
        if name is None:
            return

        def renamed(new: str | None) -> None:
            if new and new != name and self.app.rename_person(name, new):
                self._refresh()

        self.app.push_screen(RenameScreen(name), renamed)

    def action_delete(self) -> None:
        from optout_tui.tui.screens.visit import ConfirmScreen

        name = self._highlighted_person()
        if name is None:
            return
        _ = translator(self.app.lang).gettext
        question = _("Erase {name}'s progress for good? This cannot be undone.").format(
            name=self.app.person_name(name)
        )

        def answered(sure: bool | None) -> None:
            if sure and self.app.delete_person(name):
                self._refresh()

        self.app.push_screen(ConfirmScreen(question, _("Erase it"), _("Keep it")), answered)

    @on(OptionList.OptionSelected, "#profiles-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class RenameScreen(Dialog[str | None]):
    """Asks for a person's new name; dismisses with it (stripped), or None."""

    DEFAULT_CSS = """
    RenameScreen #rename-box { width: 50; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="rename.cancel")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.old = name

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="rename-box", classes="dialog"):
            yield Static(
                Content.styled(
                    _("New name for {name}:").format(name=self.app.person_name(self.old)), "bold"
                )
            )
            yield Input(self.old, id="rename-name")
            yield Static(Content.styled(_("Enter: rename · Esc: cancel"), "dim"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Input).focus()

    @on(Input.Submitted, "#rename-name")
    def named(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
