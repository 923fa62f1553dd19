"""The start screen: every platform, with how many of its actions are done."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.catalog.model import Catalog, Platform
from optout_tui.catalog.search import search
from optout_tui.progress import platform_counts
from optout_tui.tui.words import t


def platform_prompt(platform: Platform, done: int, total: int, lang: str = "en") -> Content:
    """Name, aliases and progress in words (never colour alone)."""
    if total and done == total:
        state = (t(lang, "all_done"), "bold $text-success")
    elif done:
        state = ("◐ " + t(lang, "n_done", n=done, t=total), "bold")
    else:
        state = ("○ " + t(lang, "n_done", n=0, t=total), "")
    aliases = f"  ({', '.join(platform.aliases)})" if platform.aliases else ""
    return Content.assemble((platform.name, "bold"), aliases, "  ", state)


class BrowseScreen(Screen):
    """Choose a platform; Enter or a click opens its checklist."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=True, id="browse.open"),
        Binding("n", "new_person", "New person", id="browse.new-person"),
        Binding("p", "profiles", "Profiles", id="browse.profiles"),
        Binding("e", "export", "Export", id="browse.export"),
        Binding("slash", "search", "Search", key_display="/", id="browse.search"),
    ]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(t(self.app.lang, "hint"), id="hint")
        yield Input(placeholder=t(self.app.lang, "search"), id="search", compact=True)
        yield OptionList(id="platforms")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_counts()
        self.query_one("#platforms", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        done = self.app.store.done_steps()
        options = self.query_one("#platforms", OptionList)
        highlighted = options.highlighted
        options.set_options(
            Option(platform_prompt(p, *platform_counts(p, done), self.app.lang), id=p.id)
            for p in self._shown())
        if self.catalog.platforms:
            options.highlighted = highlighted or 0

    def _shown(self) -> list[Platform]:
        """The platforms matching the search text (all of them when it is empty)."""
        query = self.query_one("#search", Input).value.strip()
        if not query:
            return list(self.catalog.platforms)
        shown: list[Platform] = []
        for hit in search(self.catalog, query):
            if hit.platform not in shown:
                shown.append(hit.platform)
        return shown

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_counts()
        options = self.query_one("#platforms", OptionList)
        if options.option_count:
            options.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#platforms", OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0
            options.action_select()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_open(self) -> None:
        options = self.query_one("#platforms", OptionList)
        if options.highlighted is not None:
            options.action_select()

    def action_new_person(self) -> None:
        self.app.new_person()

    def action_export(self) -> None:
        from optout_tui.tui.screens.export import ExportScreen

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.app.export_progress(fmt)

        self.app.push_screen(ExportScreen(), chosen)

    def action_profiles(self) -> None:
        from optout_tui.tui.screens.profiles import NEW_PERSON, ProfilesScreen

        store = self.app.store.store
        names = store.profiles() if store else []
        if self.app.profile not in names:
            names.append(self.app.profile)

        def chosen(name: str | None) -> None:
            if name == NEW_PERSON:
                self.app.new_person()
            elif name and name != self.app.profile:
                self.app.switch_profile(name)

        self.app.push_screen(ProfilesScreen(names, self.app.profile), chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.open_platform(event.option.id)
