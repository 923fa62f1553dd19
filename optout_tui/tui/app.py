"""The optout app: owns the catalog and the progress, and starts on the browse screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.signal import Signal

from optout_tui.catalog.model import Catalog
from optout_tui.heap import started
from optout_tui.i18n import LANGUAGES, translator
from optout_tui.progress.keeper import ProgressKeeper
from optout_tui.progress.people import LAST_PERSON, remember
from optout_tui.progress.store import DEFAULT_PROFILE, RECHECK_AFTER_DAYS, ProgressStore, StoreError
from optout_tui.safe_files import write_private
from optout_tui.settings import load_settings, save_setting
from optout_tui.tui.screens.browse import WIDE_COLUMNS, BrowseScreen
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from collections.abc import Callable

    from optout_tui.updates.manifest import CatalogInfo

RETRY_SECONDS = 5.0


def _platform_commands():
    """The palette's platform entries, imported when the palette first opens."""
    from optout_tui.tui.commands import PlatformCommands

    return PlatformCommands


class OptOutApp(App[None], inherit_bindings=False):
    """Walks a person through opting out, platform by platform."""

    CSS_PATH = "app.tcss"
    TITLE = "optout"
    COMMANDS = App.COMMANDS | {_platform_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]
    # F1 and Ctrl+Q work everywhere, also on the first screen where letters go to the search
    # (whose footer shows them); ? and q are kept as shortcuts on the other screens.
    BINDINGS = [
        Binding("f1", "help", "Help", key_display="F1", show=False, id="app.help-f1"),
        # Not a priority binding (Textual's own is), so that the first screen's footer can
        # show it while the other footers keep their room.
        Binding("ctrl+q", "quit", "Quit", key_display="^q", show=False, id="app.quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("q", "quit", "Quit", show=False, id="app.quit-q"),
        Binding("question_mark", "help", "Help", show=False, key_display="?", id="app.help"),
    ]

    def __init__(
        self,
        catalog: Catalog,
        data_dir: Path,
        profile: str = DEFAULT_PROFILE,
        recheck_days: int = RECHECK_AFTER_DAYS,
        lang: str = "en",
        today: dt.date | None = None,
        catalog_info: CatalogInfo | Callable[[], CatalogInfo] | None = None,
        ask_whose: bool = False,
        store: ProgressStore | None = None,
        confirm_catalog: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST)
        self.settings = load_settings(Path(data_dir))
        """The person's preferences as they were at start (the theme, the last person)."""
        self._start_in_theme(self.settings.get("theme"))
        self.ask_whose = ask_whose
        """Ask "whose progress?" at start (several people have progress here)."""
        self.today = today or dt.date.today()
        """The day that ages catalog entries ("may be out of date"); fixed in snapshot tests."""
        self.catalog = catalog
        self._catalog_info = catalog_info
        self._confirm_catalog = confirm_catalog
        self.catalog_changed = False
        """The catalog shown was the last launch's, and its files have changed since: the app
        ended at once, for the command line to start it again on the files as they are."""
        self.lang = lang if lang in LANGUAGES else "en"
        """The language of the app's words and of the catalog text (English as fallback)."""
        self.recheck_days = recheck_days
        self.data_dir = Path(data_dir)
        self.export_folder: Path | None = None
        """The folder the person last exported into, offered again (None: documents)."""
        self.progress = self._keeper(profile, store)
        self._unsaved_warned = False
        self.progress_replaced: Signal[str] = Signal(self, "progress-replaced")
        """Published (with the profile's name) when the progress shown is another person's:
        screens that show progress subscribe to it."""

    def _(self, message: str) -> str:
        """`message` in the app's language."""
        return translator(self.lang).gettext(message)

    def person_name(self, profile: str | None = None) -> str:
        """A profile's name as shown ("default" in the app's language)."""
        profile = self.profile if profile is None else profile
        if profile == DEFAULT_PROFILE:
            return translator(self.lang).pgettext("person", "default")
        return profile

    def _show_person(self) -> None:
        """Whose progress it is, in the title and in every footer."""
        self.sub_title = self._("Progress of: {name}").format(name=self.person_name())
        from optout_tui.tui.widgets.person_footer import PersonFooter

        for screen in self.screen_stack:
            for footer in screen.query(PersonFooter):
                footer.person = self.person_name()

    def _last_error(self) -> str:
        """Why progress could not be saved, in the app's language."""
        error = self.progress.last_error
        return error.text(self.lang) if error is not None else ""

    def get_system_commands(self, screen):
        """Textual's own entries (theme, keys, quit…) and this screen's."""
        from optout_tui.tui.commands import screen_commands

        yield from super().get_system_commands(screen)
        yield from screen_commands(screen)

    def _start_in_theme(self, name: str | None) -> None:
        """Start in the theme the person chose last time. Set before the app runs, while
        nothing is styled yet, as Textual sets its default theme: its CSS is then parsed
        once, in these colours (setting `theme` once the app runs parses all of it again,
        and restyles every widget, before the first frame)."""
        if not name or name == self.theme or name not in self.available_themes:
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    def _remember_theme(self, theme) -> None:
        """Keep the chosen theme for next time (a failure to save is shown, never fatal)."""
        try:
            save_setting(self.data_dir, "theme", theme.name)
        except OSError as error:
            self.notify(
                self._("The theme could not be saved: {error}").format(error=error),
                severity="warning",
                markup=False,
            )

    @property
    def catalog_info(self) -> CatalogInfo | None:
        """The catalog's version and date (the help shows its age), when known; read when
        first asked for (after the first frame) when the app was given a way to read it."""
        if callable(self._catalog_info):
            self._catalog_info = self._catalog_info()
        return self._catalog_info

    def _keeper(self, profile: str, store: ProgressStore | None = None) -> ProgressKeeper:
        """The progress of `profile`, going on with `store` when it is already open for
        them (the command line opened it to find out whose progress to show)."""

        def opener() -> ProgressStore:
            nonlocal store
            opened, store = store, None
            if opened is not None and opened.profile == profile:
                return opened
            if opened is not None:
                opened.close()
            return ProgressStore(self.data_dir, profile=profile)

        return ProgressKeeper(opener)

    @property
    def profile(self) -> str:
        return self.progress.profile

    def get_default_screen(self) -> BrowseScreen:
        return BrowseScreen(self.catalog)

    def on_mount(self) -> None:
        localise_bindings(self, self.lang)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._show_person()
        if self.settings.get(LAST_PERSON) != self.profile:  # (the same name: nothing to write)
            # Written (and synced to disk) after the first frame, which does not need it: the
            # person shown then (another may have been chosen meanwhile, and remembered).
            self.call_after_refresh(lambda: remember(self.data_dir, self.profile))
        store = self.progress.store
        _ = self._
        if store is None:
            self.notify(
                _(
                    "{error}. Your ticks are kept in memory while the app runs, and "
                    "saved as soon as the file can be written."
                ).format(error=self._last_error()),
                title=_("Progress cannot be saved"),
                severity="error",
                timeout=30,
                markup=False,
            )
        elif store.moved_aside is not None:
            self.notify(
                _(
                    "The progress file was damaged. It was moved to {path} and a new "
                    "one was started."
                ).format(path=store.moved_aside),
                title=_("Progress file damaged"),
                severity="warning",
                timeout=30,
                markup=False,
            )
        if store is not None and store.read_only is not None:
            self.notify(
                _(
                    "{path} can only be read ({why}). Your progress is shown; new "
                    "changes are kept in memory while the app runs."
                ).format(path=store.path, why=store.read_only),
                title=_("Progress is read-only"),
                severity="warning",
                timeout=30,
                markup=False,
            )
        for notice in self.catalog.notices:  # an overlay sending links elsewhere
            self.notify(
                notice, title=_("Catalog warning"), severity="warning", timeout=30, markup=False
            )
        self.call_after_refresh(started)  # the collector, paused by the command line
        if self._confirm_catalog is not None:
            self.call_after_refresh(self._check_catalog, self._confirm_catalog)
        self.set_interval(RETRY_SECONDS, self.retry_saves)
        self.call_after_refresh(self._suggest_update)  # a notice: after the first frame
        if self.ask_whose:
            self.call_after_refresh(self.choose_person)

    def _check_catalog(self, confirm: Callable[[], bool]) -> None:
        """The first frame showed the catalog as the cache served it at the last launch,
        before its files were looked at: look now, in a thread (statting thousands of files
        waits on the kernel, not on Python, so keys are answered meanwhile), and when they
        changed end the app for the command line to start it again on them. Within a
        moment of the first frame, so nothing but a search typed meanwhile is lost (a tick
        is saved as it is made)."""

        def check() -> None:
            try:
                same = confirm()
            except Exception:  # cannot tell: started again, the usual way says what is wrong
                same = False
            if not same:
                self.call_from_thread(self._restart_on_new_catalog)

        self.run_worker(check, thread=True, exit_on_error=False)

    def _restart_on_new_catalog(self) -> None:
        self.catalog_changed = True
        self.exit()

    def _suggest_update(self) -> None:
        """Past 90 days, say once that `optout catalog update` exists (never go online)."""
        from optout_tui.tui.catalog_age import stale_hint, stale_title

        hint = stale_hint(self.catalog_info, self.today, self.lang)
        if hint:
            self.notify(hint, title=stale_title(self.lang), timeout=20, markup=False)

    # -- saving ----------------------------------------------------------------------
    def saved(self, ok: bool) -> None:
        """Tell the person, once, when a change is only kept in memory (and when a later
        change saved everything, that it did)."""
        if (
            ok
            and self._unsaved_warned
            and not (self.progress.pending or self.progress.pending_done)
        ):
            self._unsaved_warned = False
            self.notify(self._("Every change is saved now."), title=self._("Saved"))
        if ok or self._unsaved_warned:
            return
        self._unsaved_warned = True
        self.notify(
            self._(
                "{error}. The change is kept in memory and saved as soon as "
                "possible; do not close the app yet."
            ).format(error=self._last_error()),
            title=self._("Not saved yet"),
            severity="error",
            timeout=20,
            markup=False,
        )

    def retry_saves(self) -> None:
        if self.progress.pending or self.progress.pending_done:
            if self.progress.retry() and self._unsaved_warned:
                self._unsaved_warned = False
                self.notify(self._("Every change is saved now."), title=self._("Saved"))

    # -- profiles and export ---------------------------------------------------------
    def switch_profile(self, profile: str) -> None:
        """Start working for another person: their own progress, nothing shared."""
        self.progress.close()
        self.progress = self._keeper(profile)
        if self.progress.store is not None:
            try:
                self.progress.store.add_profile()
            except StoreError:
                pass  # saved with its first tick; the keeper reports failures then
        remember(self.data_dir, profile)
        self._show_person()
        self.progress_replaced.publish(profile)
        self.notify(
            self._("Now keeping progress for {profile!r}.").format(
                profile=self.person_name(profile)
            ),
            markup=False,
        )

    def choose_person(self) -> None:
        """Ask whose progress to keep: a person with progress here, or a new one. Nothing
        changes unless the person picks an entry."""
        from optout_tui.tui.screens.profiles import NEW_PERSON, ProfilesScreen

        store = self.progress.store
        names = store.profiles() if store else []
        if self.profile not in names:
            names.append(self.profile)

        def chosen(name: str | None) -> None:
            if name == NEW_PERSON:
                self.new_person()
            elif name and name != self.profile:
                self.switch_profile(name)

        self.push_screen(ProfilesScreen(names, self.profile), chosen)

    def erase_person(self, handout: Path | None = None) -> None:
        """Erase this person's progress for good (after their handout was written), and go
        on with "default"."""
        store = self.progress.store
        name = self.profile
        if store is None:
            return
        try:
            store.delete_profile(name)
        except StoreError as error:
            self.notify(
                error.text(self.lang), title=self._("Not erased"), severity="error", markup=False
            )
            return
        self.switch_profile(DEFAULT_PROFILE)
        self.notify(self._("{name}'s progress was erased.").format(name=name), markup=False)

    def rename_person(self, old: str, new: str) -> bool:
        """Rename a person (their progress goes with the name); False, said why, if not."""
        store = self.progress.store
        if store is None:
            self.notify(
                self._("Nothing can be renamed while progress cannot be read."), severity="error"
            )
            return False
        current = old == self.profile
        try:
            store.rename_profile(old, new)
        except StoreError as error:
            self.notify(
                error.text(self.lang), title=self._("Not renamed"), severity="error", markup=False
            )
            return False
        if current:  # the keeper reopens the store under the new name, title and all
            self.switch_profile(new)
        return True

    def delete_person(self, name: str) -> bool:
        """Erase another person's progress for good (asked first by the caller); erasing the
        current person goes on with "default"."""
        if name == self.profile:
            self.erase_person()
            return True
        store = self.progress.store
        if store is None:
            return False
        try:
            store.delete_profile(name)
        except StoreError as error:
            self.notify(
                error.text(self.lang), title=self._("Not erased"), severity="error", markup=False
            )
            return False
        self.notify(
            self._("{name}'s progress was erased.").format(name=self.person_name(name)),
            markup=False,
        )
        return True

    def new_person(self) -> None:
        base = self._("Visitor {time}").format(time=dt.datetime.now().strftime("%H:%M"))
        existing = set(self.progress.store.profiles()) if self.progress.store else set()
        name, n = base, 1
        while name in existing or name == self.profile:
            n += 1
            name = f"{base} ({n})"
        self.switch_profile(name)

    def export_progress(
        self, fmt: str = "html", folder: Path | None = None, *, lasting: bool = False
    ) -> Path | None:
        """Write this profile's progress as html (handout), md or json into `folder` (the
        documents folder, else home, by default); where it went. `lasting` shows that path
        in a note the person closes, instead of a toast that goes away by itself."""
        from optout_tui.progress import export
        from optout_tui.tui.screens.export import ExportedScreen, default_folder

        if self.progress.store is None:
            self.notify(
                self._("Nothing can be exported while progress cannot be read."), severity="error"
            )
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        safe = "".join(c if c.isalnum() else "-" for c in self.profile).strip("-") or "profile"
        folder = folder or default_folder()
        target = folder / f"optout-{safe}-{stamp}.{fmt}"
        store = self.progress.store
        text = {
            "html": lambda: export.to_html(self.catalog, store, self.lang, self.recheck_days),
            "md": lambda: export.to_markdown(self.catalog, store, self.lang, self.recheck_days),
            "json": lambda: export.to_json(store),
        }[fmt]()
        try:
            write_private(target, text)  # 0600 and atomic: a failure leaves nothing behind
        except OSError as error:
            self.notify(
                self._("Could not write {path}: {error}").format(path=target, error=error.strerror),
                severity="error",
                markup=False,
            )
            return None
        if lasting:
            self.push_screen(ExportedScreen(target))
        else:
            self.notify(
                self._("Written to {path}").format(path=target),
                title=self._("Exported"),
                timeout=15,
                markup=False,
            )
        return target

    def open_platform(self, platform_id: str, action_id: str | None = None) -> None:
        """Show a platform's checklist on top of the platform list."""
        from optout_tui.tui.screens.platform import PlatformScreen

        platform = self.catalog.get(platform_id)
        if platform is None:
            return
        from optout_tui.tui.screens.browse import BrowseScreen
        from optout_tui.tui.screens.what_next import WhatNextScreen

        from optout_tui.catalog.problems import CatalogError

        try:  # read now: its file may have been broken since the app started
            platform.actions  # noqa: B018 (the property reads the file)
        except CatalogError as error:
            self.notify(
                "\n".join(str(p) for p in error.problems),
                title=self._("This platform cannot be opened"),
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        while len(self.screen_stack) > 2 and not isinstance(
            self.screen, (BrowseScreen, WhatNextScreen)
        ):
            self.pop_screen()  # back to the list it was chosen from
        self.push_screen(PlatformScreen(platform, action_id))

    def action_help(self) -> None:
        from optout_tui.tui.screens.help import HelpScreen  # Markdown: loaded when asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self.progress.close()
