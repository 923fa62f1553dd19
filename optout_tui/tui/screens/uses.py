"""Which of these do you use? The person (or the helpdesk, for the visitor) picks the
platforms they have accounts on; the list, what next, the counts and the handout are then
about those. Kept per person."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.catalog.model import Catalog
from optout_tui.i18n import translator
from optout_tui.tui.bindings import localise_bindings

# The platforms most people have an account on: offered first.
MOST_USED = (
    "google-account",
    "youtube",
    "facebook",
    "instagram",
    "whatsapp",
    "microsoft-account",
    "apple-account",
    "amazon",
    "linkedin",
    "x",
    "tiktok",
    "chatgpt",
    "snapchat",
    "reddit",
    "gemini",
    "netflix",
    "spotify",
    "messenger",
)


class UsesScreen(ModalScreen[frozenset[str] | None]):
    """Dismisses with the chosen platform ids (empty: all of them), or None (cancelled)."""

    DEFAULT_CSS = """
    UsesScreen {
        align: center middle;
        & #uses-box {
            width: 64;
            max-width: 100%;
            height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
            & > .dim { color: $text-muted; }
            & > OptionList { height: 1fr; border: none; }
        }
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="uses.cancel"),
        Binding("ctrl+s", "save", "Save", id="uses.save"),
        Binding("ctrl+a", "everything", "All platforms", id="uses.all"),
        Binding("space", "toggle", "Tick", show=False, id="uses.toggle"),
    ]

    def __init__(self, catalog: Catalog, chosen: frozenset[str]) -> None:
        super().__init__()
        self.catalog = catalog
        self.chosen = set(chosen)
        self._ticked_since_typing = False
        rank = {pid: i for i, pid in enumerate(MOST_USED)}
        self.order = sorted(
            catalog.platforms, key=lambda p: (rank.get(p.id, len(rank)), p.name.casefold())
        )

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="uses-box"):
            yield Static(Content.styled(_("Which of these do you use?"), "bold"))
            yield Static(
                _(
                    "Space or Enter ticks a platform · type to find one · Ctrl+S keeps "
                    "the choice · Ctrl+A: all platforms · Escape cancels"
                ),
                classes="dim",
            )
            yield Input(
                placeholder=_("Find a platform"),
                id="uses-find",
                select_on_focus=False,
                compact=True,
            )
            yield OptionList(id="uses-list")

    def on_mount(self) -> None:
        localise_bindings(self, self.app.lang)
        self._fill("")
        self.query_one(OptionList).focus()

    def _prompt(self, platform_id: str, name: str) -> Content:
        """A box ticked or not, in a glyph (never colour alone), then the name (literal)."""
        ticked = platform_id in self.chosen
        return Content.assemble(("☑ " if ticked else "☐ ", "bold" if ticked else ""), name)

    def _fill(self, text: str) -> None:
        wanted = text.casefold().strip()
        shown = [
            p
            for p in self.order
            if not wanted
            or wanted in p.name.casefold()
            or any(wanted in a.casefold() for a in p.aliases)
        ]
        options = self.query_one(OptionList)
        # Names are catalog text: shown literally (Content), never as markup.
        options.set_options(Option(self._prompt(p.id, p.name), id=p.id) for p in shown)
        if shown:
            options.highlighted = 0

    @on(Input.Changed, "#uses-find")
    def find(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionSelected, "#uses-list")
    def toggled(self, event: OptionList.OptionSelected) -> None:
        self._toggle()

    def action_toggle(self) -> None:
        self._toggle()

    def _toggle(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        pid = option.id or ""
        if pid in self.chosen:
            self.chosen.discard(pid)
        else:
            self.chosen.add(pid)
        self._ticked_since_typing = True
        platform = self.catalog.get(pid)
        if platform is not None:
            options.replace_option_prompt(pid, self._prompt(pid, platform.name))

    def on_key(self, event) -> None:
        """Letters typed on the list go to the finder, as on the first screen."""
        finder = self.query_one("#uses-find", Input)
        if (
            self.focused is not finder
            and event.is_printable
            and event.character
            and event.character != " "
        ):
            if self._ticked_since_typing:  # after a tick, typing looks for the next one
                finder.value = ""
                self._ticked_since_typing = False
            finder.insert_text_at_cursor(event.character)
            finder.focus()
            event.stop()
            event.prevent_default()
        elif self.focused is finder and event.key == "down":
            self.query_one(OptionList).focus()
            event.stop()
            event.prevent_default()

    def action_save(self) -> None:
        self.dismiss(frozenset(self.chosen))

    def action_everything(self) -> None:
        self.dismiss(frozenset())
