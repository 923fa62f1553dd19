"""The start screen: search, filters, and every platform with how many of its actions are done."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Select, Static

from optout_tui.catalog import filters as flt
from optout_tui.catalog.model import CATEGORIES, KINDS, Catalog, Platform
from optout_tui.i18n import translator
from optout_tui.progress.status import STATUSES, Standing
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.widgets.filter_bar import ANY, ANY_WORDS, FilterBar
from optout_tui.tui.widgets.person_footer import PersonFooter
from optout_tui.tui.widgets.platform_list import PlatformList
from optout_tui.tui.widgets.search_box import SearchBox


def platform_prompt(
    platform: Platform, done: int, total: int, lang: str = "en", started: bool = False
) -> Content:
    """Progress first, in a mark and words (never colour alone): how many settings the person
    can still do there (finished ones, done or as far as possible, and information-only ones
    are not counted); then name and aliases, so a long alias list is what gets cut at the
    edge, not the progress."""
    _ = translator(lang).gettext
    all_done, to_do = _("✔ all done"), _("{n} to do")
    if total and done == total:
        state = (all_done, "bold $text-success")
    elif done or started:
        state = ("◐ " + to_do.format(n=total - done), "bold")
    elif total:
        state = ("○ " + to_do.format(n=total), "")
    else:
        state = ("– " + _("no opt-out"), "dim")
    width = max(len(all_done), len("○ " + to_do.format(n=99)), len("– " + _("no opt-out")))
    aliases = (f"  ({', '.join(platform.aliases)})", "dim") if platform.aliases else ""
    gap = " " * max(width - len(state[0]) + 2, 1)  # "– no opt-out" is wider: still a space
    return Content.assemble(state, gap, (platform.name, "bold"), aliases)


WIDE_COLUMNS = 110
"""From this width on (the app's "-wide" breakpoint) the preview shows beside the list."""


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

    # Type-to-find: every printable key typed here goes to the search, so commands are on
    # keys nobody types into a name (F-keys; Ctrl+P for the palette, Ctrl+Q to quit). F3, F7
    # and F8 stay off the footer so that it fits 80 columns; the help and the palette list
    # them. Nothing here changes whose progress it is without a question first (F5).
    BINDINGS = [
        Binding("enter", "open", "Open", show=False, id="browse.open"),
        Binding("f2", "filters", "Filters", key_display="F2", id="browse.filters"),
        Binding("f3", "sort", "Order", key_display="F3", show=False, id="browse.sort"),
        Binding("f4", "what_next", "What next", key_display="F4", id="browse.what-next"),
        Binding("f5", "profiles", "People", key_display="F5", id="browse.profiles"),
        Binding("f6", "export", "Export", key_display="F6", id="browse.export"),
        Binding("f7", "uses", "Your platforms", key_display="F7", show=False, id="browse.uses"),
        Binding(
            "f8", "end_visit", "End of visit", key_display="F8", show=False, id="browse.end-visit"
        ),
        Binding("escape", "clear", "Clear", show=False, id="browse.clear"),
        Binding("f1", "app.help", "Help", key_display="F1", show=False, id="browse.help"),
        Binding("ctrl+q", "app.quit", "Quit", key_display="^q", id="browse.quit"),
    ]

    filters: reactive[flt.Filters] = reactive(flt.Filters(sort="name"), init=False)
    """What the list is narrowed to and how it is sorted: the list and the filter bar follow
    it."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self._standing = Standing({})
        self._new_search = False
        """The next letter typed on the list replaces the search (after a platform or Down)."""
        self._used: frozenset[str] = frozenset()
        self.shown_query = ""
        """The search text the list was last filtered with."""

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        yield Header(icon="")
        yield Static(
            _("Type to search · Enter: open · F7 which you use · F4 what next · F1 help"), id="hint"
        )
        # Look-alike labels in the first frame; the Selects replace them just after it.
        yield FilterBar(self._options_for, id="filters").data_bind(BrowseScreen.filters)
        # The search box right above what it finds: a keystroke repaints its line, the count
        # and the rows, and (Textual repaints the rectangle around all three) nothing between.
        yield SearchBox(
            placeholder=_("Type a name or a setting to search"),
            id="search",
            select_on_focus=False,
            compact=True,
        )
        yield Static(id="shown")
        with Horizontal(id="browse-body"):
            yield PlatformList(self._describe, id="platforms")
            if self._wide():  # else made when the terminal grows wide enough
                yield self._new_preview()
        yield PersonFooter(self.app.person_name(), show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        # The list is filled by on_screen_resume, which also runs when the screen first shows.
        localise_bindings(self, self.app.lang)
        self.query_one(PlatformList).focus()
        # The list follows the search box from inside the keystroke's own handler (a watcher
        # runs at once; Input.Changed would arrive after the echo was painted), so the key
        # and the new rows go out in the same frame.
        self.watch(self.query_one("#search", Input), "value", self._search_changed, init=False)
        self.call_after_refresh(self.query_one(FilterBar).build)
        self.call_after_refresh(self._warm_search)
        # Whose progress is shown changed (another person chosen): count again.
        self.app.progress_replaced.subscribe(self, lambda _profile: self.refresh_counts())

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
        self._new_search = True
        self.refresh_counts()
        self.query_one(FilterBar).fill()

    # -- options with counts ---------------------------------------------------------
    def _options_for(self, name: str) -> list[tuple[str, str]]:
        """The options of filter `name`, with how many platforms each would leave."""
        return {
            "category": self._category_options,
            "kind": self._kind_options,
            "region": self._region_options,
            "status": self._status_options,
        }[name]()

    def _counted(self, name: str, values, word) -> list[tuple[str, str]]:
        """The options of one filter: "All …", then each value in words with its count."""
        lang = self.app.lang
        counts = flt.option_counts(
            self.catalog.platforms,
            self.filters,
            name,
            values,
            self._status_of if name == "status" else None,
        )
        any_word = translator(lang).gettext(ANY_WORDS[name])
        return [(any_word, ANY)] + [
            (f"{word(v, lang)} ({counts[v]})", v) for v in values if counts[v] or name == "status"
        ]

    # (the words of the options are imported when the filters are first filled, after the
    # first frame)
    def _category_options(self) -> list[tuple[str, str]]:
        from optout_tui.wording import CATEGORY

        present = {c for p in self.catalog.platforms for c in p.categories}
        used = [c for c in CATEGORIES if c in present]
        return self._counted("category", used, CATEGORY.get)

    def _kind_options(self) -> list[tuple[str, str]]:
        from optout_tui.wording import KIND

        return self._counted("kind", KINDS, KIND.get)

    def _region_options(self) -> list[tuple[str, str]]:
        regions = flt.regions_offered(self.catalog.platforms, home_region())
        return self._counted("region", regions, lambda value, lang: value)

    def _status_options(self) -> list[tuple[str, str]]:
        from optout_tui.wording import STATUS

        return self._counted("status", STATUSES, STATUS.get)

    # -- progress --------------------------------------------------------------------
    def _read_progress(self) -> None:
        self._standing = Standing.read(self.app.progress, self.app.recheck_days)
        self._used = self.app.progress.used()

    def _mine(self):
        """The platforms the person uses (every one, when they have not said)."""
        if not self._used:
            return self.catalog.platforms
        return [p for p in self.catalog.platforms if p.id in self._used]

    def _status_of(self, platform: Platform, action) -> str:
        """One of STATUSES for an action (or its facts); a platform nobody has touched is
        answered without reading its steps."""
        return self._standing.state(platform, action)

    def _describe(self, platform: Platform) -> Content:
        return platform_prompt(
            platform,
            *self._standing.counts(platform),
            self.app.lang,
            started=platform.id in self._standing.busy,
        )

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
            rows = flt.apply(
                found, flt.Filters(**{**self._filter_fields(), "sort": "name"}), self._status_of
            )
        else:
            rows = flt.apply(self._mine(), self.filters, self._status_of)
        platforms = self.query_one(PlatformList)
        current = platforms.highlighted_platform
        platforms.show(rows, keep=None if query else (current.id if current else None))
        _ = translator(self.app.lang).gettext
        if rows and query:
            text = _("Found: {n} of {t}, best first · Enter opens the first · Esc clears").format(
                n=len(rows), t=len(self.catalog.platforms)
            )
        elif rows:
            from optout_tui.progress.status import summary

            mine = self._mine()
            words = translator(self.app.lang)
            shown = (
                words.ngettext("Your {n} platform (F7)", "Your {n} platforms (F7)", len(rows))
                if self._used
                else words.ngettext("{n} platform", "{n} platforms", len(rows))
                if len(rows) == len(mine)
                else words.ngettext("{n} of {t} platform", "{n} of {t} platforms", len(mine))
            ).format(n=len(rows), t=len(mine))
            if self.filters.sort == "priority":
                shown += ", " + _("by priority")
            text = shown + " · " + summary(self._standing.overall(mine), self.app.lang)
        else:
            text = _("No platform matches. Clear the search or a filter (Esc clears all).")
        self.query_one("#shown", Static).update(Content(text), layout=False)  # height 1

    def _filter_fields(self) -> dict[str, str | None]:
        return {
            "category": self.filters.category,
            "kind": self.filters.kind,
            "region": self.filters.region,
            "status": self.filters.status,
        }

    @on(FilterBar.Changed)
    def filter_changed(self, event: FilterBar.Changed) -> None:
        self.filters = flt.Filters(
            **{**self._filter_fields(), event.name: event.value, "sort": self.filters.sort}
        )

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

    def _wide(self) -> bool:
        """Whether the terminal is wide enough for the preview beside the list."""
        return self.app.size.width >= WIDE_COLUMNS

    def _preview(self, platform: Platform | None) -> None:
        """Show the platform beside the list, when the terminal is wide enough for it (a
        hidden preview is not kept up to date: that would cost every keystroke a layout).
        The preview is made the first time it is wide enough: a narrow start never pays for
        it."""
        found = self.query("#preview")
        if found:
            self._show_in(found.first(), platform)
        elif self._wide():
            preview = self._new_preview()
            self.query_one("#browse-body").mount(preview)
            self.call_after_refresh(self._show_in, preview, platform)

    def _show_in(self, preview: Widget, platform: Platform | None) -> None:
        if preview.display and platform is not None:
            preview.platform = platform  # (a PlatformPreview)

    def _new_preview(self) -> Widget:
        from optout_tui.tui.widgets.platform_preview import PlatformPreview  # (wide only)

        return PlatformPreview(self._status_of, id="preview")

    def on_resize(self) -> None:
        self.call_after_refresh(
            lambda: self._preview(self.query_one(PlatformList).highlighted_platform)
        )

    def on_platform_list_chosen(self, event: PlatformList.Chosen) -> None:
        self.app.open_platform(event.platform.id)

    def on_key(self, event) -> None:
        """Type-to-find: a printable key typed on the list (or anywhere but an open menu)
        goes into the search, never to a command; Down from the search box moves to the
        results. The search box stops every printable key it handles, so one arriving here
        came through another widget, perhaps queued for the list before the focus moved: it
        belongs to the search all the same."""
        search = self.query_one("#search", Input)
        focused = self.focused
        if focused is search and event.key == "down":
            if self.query_one(PlatformList).rows:
                # At once (Widget.focus() waits for the queue): a Down and an Enter typed
                # before the next frame then go to the list, not to the search box again.
                self.set_focus(self.query_one(PlatformList))
                self._new_search = True
                event.stop()
                event.prevent_default()
            return
        if isinstance(focused, Select) or (
            focused is not None
            and focused.parent is not None
            and isinstance(focused.parent, Select)
        ):
            return  # an open menu: its letters jump to its entries
        if event.is_printable and event.character and event.character != " ":
            if self._new_search:  # back on the list: typing starts a new search
                search.value = ""
                self._new_search = False
            if event.character != "/" or search.value:  # "/" alone: the old way to search
                search.insert_text_at_cursor(event.character)
            if focused is not search:
                self.set_focus(search)
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

    # -- actions ---------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_filters(self) -> None:
        self.query_one(FilterBar).focus_first()

    def action_sort(self) -> None:
        self.filters = flt.Filters(
            **self._filter_fields(), sort="name" if self.filters.sort == "priority" else "priority"
        )

    def action_clear(self) -> None:
        """The search and every filter cleared: the list follows both, the filter bar
        follows `filters`."""
        self.query_one("#search", Input).value = ""
        self.filters = flt.Filters(sort=self.filters.sort)
        self.query_one(PlatformList).focus()

    def action_open(self) -> None:
        self.query_one(PlatformList).action_choose()

    def action_what_next(self) -> None:
        from optout_tui.tui.screens.what_next import WhatNextScreen

        self.app.push_screen(WhatNextScreen(self.catalog))

    def action_new_person(self) -> None:
        self.app.choose_person()  # never a new person without a question

    def action_export(self) -> None:
        from optout_tui.tui.screens.export import ExportScreen

        def chosen(choice: tuple[str, Path] | None) -> None:
            if choice:
                fmt, folder = choice
                self.app.export_folder = folder  # offered again next time, this session
                self.app.export_progress(fmt, folder, lasting=True)

        self.app.push_screen(ExportScreen(self.app.export_folder), chosen)

    def action_end_visit(self) -> None:
        """What was done today, the handout, and erasing the person (handout first)."""
        from optout_tui.tui.screens.visit import ERASE, HANDOUT, ConfirmScreen, VisitScreen

        app = self.app
        _ = translator(app.lang).gettext

        def erase(sure: bool | None, handout=None) -> None:
            if sure:
                app.erase_person(handout)

        def chosen(choice: str | None) -> None:
            if choice == HANDOUT:
                app.export_progress("html", app.export_folder, lasting=True)
            elif choice == ERASE:
                handout = app.export_progress("html", app.export_folder)
                if handout is None:
                    return  # not written: nothing is erased
                question = _(
                    "The handout is in {path}. Erase {name}'s progress for good? "
                    "This cannot be undone."
                ).format(path=handout, name=app.person_name())
                app.push_screen(
                    ConfirmScreen(question, _("Erase it"), _("Keep it")),
                    lambda sure: erase(sure, handout),
                )

        app.push_screen(VisitScreen(), chosen)

    def action_uses(self) -> None:
        """Which of these do you use? Kept for this person."""
        from optout_tui.tui.screens.uses import UsesScreen

        def chosen(platforms: frozenset[str] | None) -> None:
            if platforms is not None:
                self.app.saved(self.app.progress.set_used(platforms))
                self.refresh_counts()

        self.app.push_screen(UsesScreen(self.catalog, self.app.progress.used()), chosen)

    def action_profiles(self) -> None:
        self.app.choose_person()
