"""The start screen: search, filters, and every platform with how many of its actions are done."""

from __future__ import annotations

import os

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from optout_tui.catalog import filters as flt
from optout_tui.catalog.model import CATEGORIES, KINDS, Catalog, Platform
from optout_tui.i18n import translator
from optout_tui.progress import platform_counts
from optout_tui.progress.status import STATUSES, overall_status, touched
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.widgets.filter_bar import ANY, ANY_WORDS, FilterBar
from optout_tui.tui.widgets.platform_list import PlatformList
from optout_tui.tui.widgets.platform_preview import PlatformPreview
from optout_tui.tui.widgets.search_box import SearchBox
from optout_tui.wording import CATEGORY, KIND, STATUS



def platform_prompt(platform: Platform, done: int, total: int, lang: str = "en") -> Content:
    """Progress first, in a mark and words (never colour alone), then name and aliases, so a
    long alias list is what gets cut at the edge, not the progress."""
    _ = translator(lang).gettext
    all_done, n_done = _("✔ all done"), _("{n}/{t} done")
    if total and done == total:
        state = (all_done, "bold $text-success")
    elif done:
        state = ("◐ " + n_done.format(n=done, t=total), "bold")
    elif total:
        state = ("○ " + n_done.format(n=0, t=total), "")
    else:
        state = ("– " + _("no opt-out"), "dim")
    width = max(len(all_done), len("○ " + n_done.format(n=0, t=9)))
    aliases = (f"  ({', '.join(platform.aliases)})", "dim") if platform.aliases else ""
    gap = " " * max(width - len(state[0]) + 2, 1)  # "– no opt-out" is wider: still a space
    return Content.assemble(state, gap, (platform.name, "bold"), aliases)


def home_region() -> str | None:
    """The country of the person's locale (fr_BE.UTF-8 → BE), if it names one."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if "_" in value:
            code = value.split("_", 1)[1][:2].upper()
            if code.isalpha() and len(code) == 2:
                return code
    return None


class BrowseScreen(Screen):
    """Choose a platform; Enter or a click opens its checklist."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=True, id="browse.open"),
        Binding("slash", "search", "Search", key_display="/", id="browse.search"),
        Binding("f", "filters", "Filters", id="browse.filters"),
        # o, p and e stay off the footer so that it fits 80 columns with ? and q; the status
        # line names o, and all three are in the help (?) and the palette (Ctrl+P).
        Binding("o", "sort", "Order", show=False, id="browse.sort"),
        Binding("w", "what_next", "What next", id="browse.what-next"),
        Binding("n", "new_person", "New person", id="browse.new-person"),
        Binding("p", "profiles", "Profiles", show=False, id="browse.profiles"),
        Binding("e", "export", "Export", show=False, id="browse.export"),
        Binding("escape", "clear", "Clear", show=False, id="browse.clear"),
    ]

    filters: reactive[flt.Filters] = reactive(flt.Filters(sort="name"), init=False)
    """What the list is narrowed to and how it is sorted; the list follows it."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self._states: dict = {}
        self._records: dict = {}
        self._done: set = set()
        self._touched: frozenset[str] = frozenset()
        self._typing_to_search = False
        self.shown_query = ""
        """The search text the list was last filtered with."""

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        yield Header(icon="")
        yield Static(
            _("↑↓ Enter: open a platform · / search · f filters · w what next · ? help"),
            id="hint")
        yield SearchBox(placeholder=_("Search platforms and settings (/)"), id="search",
                        compact=True)
        yield FilterBar(self._options_for, id="filters")
        yield Static(id="shown")
        with Horizontal(id="browse-body"):
            yield PlatformList(self._describe, id="platforms")
            yield PlatformPreview(self._status_of, id="preview")
        yield Footer()

    def on_mount(self) -> None:
        # The list is filled by on_screen_resume, which also runs when the screen first shows.
        self.app.progress_replaced.subscribe(self, lambda profile: self.refresh_counts())
        localise_bindings(self, self.app.lang)
        self.query_one(PlatformList).focus()
        # The list follows the search box from inside the keystroke's own handler (a watcher
        # runs at once; Input.Changed would arrive after the echo was painted), so the key
        # and the new rows go out in the same frame.
        self.watch(self.query_one("#search", Input), "value", self._search_changed, init=False)
        self.call_after_refresh(self.query_one(FilterBar).build)
        self.call_after_refresh(self._warm_search)


    def _warm_search(self) -> None:
        """Build the search index after the first frame, so the first keystroke is quick (a
        key arriving meanwhile waits for this build rather than starting another), then
        freeze what lives as long as the app out of the garbage collector's walks."""
        def build() -> None:
            from optout_tui.catalog.search import index_for
            from optout_tui.heap import collector_paused, settle

            with collector_paused():
                index_for(self.catalog, self.app.lang).warm()
            settle()

        self.run_worker(build, thread=True, exit_on_error=False)

    def on_screen_resume(self) -> None:
        self.refresh_counts()
        self.query_one(FilterBar).fill()

    # -- options with counts ---------------------------------------------------------
    def _options_for(self, name: str) -> list[tuple[str, str]]:
        """The options of filter `name`, with how many platforms each would leave."""
        return {"category": self._category_options, "kind": self._kind_options,
                "region": self._region_options, "status": self._status_options}[name]()

    def _counted(self, name: str, values, word) -> list[tuple[str, str]]:
        """The options of one filter: "All …", then each value in words with its count."""
        lang = self.app.lang
        counts = flt.option_counts(self.catalog.platforms, self.filters, name, values,
                                   self._status_of if name == "status" else None)
        any_word = translator(lang).gettext(ANY_WORDS[name])
        return [(any_word, ANY)] + [(f"{word(v, lang)} ({counts[v]})", v) for v in values
                                    if counts[v] or name == "status"]

    def _category_options(self) -> list[tuple[str, str]]:
        present = {c for p in self.catalog.platforms for c in p.categories}
        used = [c for c in CATEGORIES if c in present]
        return self._counted("category", used, CATEGORY.get)

    def _kind_options(self) -> list[tuple[str, str]]:
        return self._counted("kind", KINDS, KIND.get)

    def _region_options(self) -> list[tuple[str, str]]:
        regions = flt.regions_offered(self.catalog.platforms, home_region())
        return self._counted("region", regions, lambda value, lang: value)

    def _status_options(self) -> list[tuple[str, str]]:
        return self._counted("status", STATUSES, STATUS.get)

    # -- progress --------------------------------------------------------------------
    def _read_progress(self) -> None:
        store = self.app.store
        self._states = store.states()
        self._records = store.done_records()
        self._done = {k for k, v in self._states.items() if v == "done"}
        self._touched = touched(self._states)

    def _status_of(self, platform: Platform, action) -> str:
        """One of STATUSES for an action (or its facts); a platform nobody has touched is
        answered without reading its steps."""
        if platform.id not in self._touched:
            return "not-started"
        full = platform.action(action.id)
        return overall_status(platform.id, full, self._states, self._records,
                              self.app.recheck_days)

    def _describe(self, platform: Platform) -> Content:
        return platform_prompt(platform, *platform_counts(platform, self._done), self.app.lang)

    def refresh_counts(self) -> None:
        """Progress changed somewhere: read it again and redraw."""
        self._read_progress()
        self.query_one(PlatformList).redescribe()
        self.show_platforms()

    # -- what is shown ---------------------------------------------------------------
    def show_platforms(self) -> None:
        query = self.query_one("#search", Input).value.strip()
        self.shown_query = query
        if query:
            from optout_tui.catalog.search import index_for

            found = index_for(self.catalog, self.app.lang).platforms(query)
            rows = flt.apply(found, flt.Filters(**{**self._filter_fields(), "sort": "name"}),
                             self._status_of)
        else:
            rows = flt.apply(self.catalog.platforms, self.filters, self._status_of)
        platforms = self.query_one(PlatformList)
        current = platforms.highlighted_platform
        platforms.show(rows, keep=None if query else (current.id if current else None))
        _ = translator(self.app.lang).gettext
        if rows and query:
            text = _("Found: {n} of {t}, best first · Enter opens the first · Esc clears").format(
                n=len(rows), t=len(self.catalog.platforms))
        elif rows:
            order = _("by priority") if self.filters.sort == "priority" else _("by name")
            text = _("Platforms: {n} of {t}, {s} (o to change)").format(
                n=len(rows), t=len(self.catalog.platforms), s=order)
        else:
            text = _("No platform matches. Clear the search or a filter (Esc clears all).")
        self.query_one("#shown", Static).update(Content(text), layout=False)  # height 1

    def _filter_fields(self) -> dict[str, str | None]:
        return {"category": self.filters.category, "kind": self.filters.kind,
                "region": self.filters.region, "status": self.filters.status}

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self.filters = flt.Filters(**{**self._filter_fields(), event.name: event.value,
                                      "sort": self.filters.sort})

    def watch_filters(self) -> None:
        self.show_platforms()

    def _search_changed(self, value: str) -> None:
        if value.strip() != self.shown_query:
            self.show_platforms()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        platforms = self.query_one(PlatformList)
        if platforms.rows:
            platforms.focus()
            platforms.highlighted = 0
            platforms.action_choose()

    def on_platform_list_highlighted(self, event: PlatformList.Highlighted) -> None:
        self._preview(event.platform)

    def _preview(self, platform: Platform | None) -> None:
        """Show the platform beside the list, when the terminal is wide enough for it (a
        hidden preview is not kept up to date: that would cost every keystroke a layout)."""
        preview = self.query_one(PlatformPreview)
        if preview.display and platform is not None:
            preview.platform = platform

    def on_resize(self) -> None:
        self.call_after_refresh(
            lambda: self._preview(self.query_one(PlatformList).highlighted_platform))

    def on_platform_list_chosen(self, event: PlatformList.Chosen) -> None:
        self.app.open_platform(event.platform.id)

    def on_key(self, event) -> None:
        """Keys typed right after / (before the search box has taken focus) belong to the
        search, even letters that are shortcuts elsewhere: a fast typist's "/slack" must not
        open the list's first platform."""
        search = self.query_one("#search", Input)
        if event.key == "slash" and self.focused is not search:
            # Handled here, not only by the binding (which runs once the key has bubbled up
            # to the app): keys already queued behind it then see the flag.
            self.action_search()
            event.stop()
            event.prevent_default()
            return
        # The search box stops every printable key it handles, so one arriving here came
        # through another widget: queued for the list before the focus moved (even if the
        # focus has moved since). It belongs to the search all the same.
        if self._typing_to_search and event.is_printable and event.character:
            search.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def on_paste(self, event) -> None:
        """Text pasted (or typed faster than the terminal delivers keys one by one, which
        arrives as one paste) goes into the search: "/slack" searches for "slack"."""
        search = self.query_one("#search", Input)
        if self.focused is search:
            return
        text = " ".join(event.text.split())
        if text:
            search.value = search.value + text.removeprefix("/")
            search.cursor_position = len(search.value)
            self.action_search()
            event.stop()

    def on_descendant_focus(self, event) -> None:
        if not isinstance(event.widget, (Input, PlatformList)):
            # Letters go to the search until the person moves to another control (a filter).
            # Neither the search box's focus (keys queued for the list before it arrive
            # after it) nor the list's (its focus from mounting can arrive after a / typed
            # at the first frame) ends it: in both races the letters were lost.
            self._typing_to_search = False

    # -- actions ---------------------------------------------------------------------
    def action_search(self) -> None:
        self._typing_to_search = True
        self.query_one("#search", Input).focus()

    def action_filters(self) -> None:
        self.query_one(FilterBar).focus_first()

    def action_sort(self) -> None:
        self.filters = flt.Filters(**self._filter_fields(),
                                   sort="name" if self.filters.sort == "priority" else "priority")

    def action_clear(self) -> None:
        self.query_one("#search", Input).value = ""
        self.query_one(FilterBar).clear()
        self.filters = flt.Filters(sort=self.filters.sort)  # the list follows both
        self.query_one(PlatformList).focus()

    def action_open(self) -> None:
        self.query_one(PlatformList).action_choose()

    def action_what_next(self) -> None:
        from optout_tui.tui.screens.what_next import WhatNextScreen

        self.app.push_screen(WhatNextScreen(self.catalog))

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
