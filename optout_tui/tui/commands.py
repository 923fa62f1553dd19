"""Command palette entries: jump to any platform ("platform: X"; names stay literal text),
and one entry for everything the current screen can do."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from optout_tui.i18n import N_, translator
from optout_tui.wording import SURFACE_TAB

DISCOVER_AT_MOST = 20


class PlatformCommands(Provider):
    """Open a platform's checklist from the palette (ctrl+p)."""

    def _entries(self):
        for platform in self.app.catalog.platforms:
            display = Content.assemble(("platform: ", "dim"), platform.name)
            help_text = Content(", ".join(platform.aliases)) if platform.aliases else None
            yield platform, display, help_text

    async def discover(self) -> Hits:
        for index, (platform, display, help_text) in enumerate(self._entries()):
            if index >= DISCOVER_AT_MOST:
                break
            yield DiscoveryHit(
                display, partial(self.app.open_platform, platform.id), help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for platform, display, help_text in self._entries():
            names = [platform.name, platform.id, *platform.aliases]
            score = max(matcher.match(name) for name in names)
            if score > 0:
                # The display is built from Content, never from markup: a name such as
                # "X [formerly Twitter]" shows as written.
                yield Hit(
                    score, display, partial(self.app.open_platform, platform.id), help=help_text
                )


BROWSE_COMMANDS = (
    (
        "action_uses",
        N_("Which of these do you use?"),
        N_("Pick the platforms this person has accounts on (F7)"),
    ),
    (
        "action_end_visit",
        N_("End of the visit"),
        N_("What was done today, the handout, and erasing this person (F8)"),
    ),
    (
        "action_what_next",
        N_("What to do next"),
        N_("The most important settings not done yet, everywhere"),
    ),
    ("action_filters", N_("Filters"), N_("Narrow the list by category, kind, region or status")),
    ("action_sort", N_("Order by priority or by name"), N_("Switch how the platforms are sorted")),
    ("action_clear", N_("Clear search and filters"), N_("Show every platform again")),
    ("action_export", N_("Export progress"), N_("JSON, Markdown or a printable HTML handout")),
    (
        "action_profiles",
        N_("Whose progress?"),
        N_("Switch to another person, or start a new one (F5)"),
    ),
)
PLATFORM_COMMANDS = (
    ("action_qr", N_("QR code of the link"), N_("Open it on a phone")),
    ("action_open_link", N_("Open the link"), N_("In your browser")),
    ("action_copy_link", N_("Copy the link"), N_("Through the terminal's clipboard")),
    ("action_fill_template", N_("Fill in the text"), N_("Email or form text with blanks")),
    ("action_note", N_("Write a note"), N_("On this action")),
    ("action_undo", N_("Undo"), N_("Your last change")),
)


def screen_commands(screen) -> Iterator[SystemCommand]:
    """Palette entries for what the current screen can do, in the app's language: every key
    in the footer has one, and the platform screen adds one per surface of the action."""
    from optout_tui.tui.screens.browse import BrowseScreen
    from optout_tui.tui.screens.platform import PlatformScreen

    lang = screen.app.lang
    _ = translator(lang).gettext
    if isinstance(screen, BrowseScreen):
        commands = BROWSE_COMMANDS
    elif isinstance(screen, PlatformScreen):
        commands = PLATFORM_COMMANDS
        current = screen.current_action
        if current is not None:
            for surface in current.surfaces:
                label = SURFACE_TAB.get(surface.id, lang)
                yield SystemCommand(
                    _("Show steps for: {s}").format(s=label),
                    _("Switch surface"),
                    partial(screen._set_surface, surface.id),
                )
    else:
        return
    for method, title, help_text in commands:
        yield SystemCommand(_(title), _(help_text), getattr(screen, method))
