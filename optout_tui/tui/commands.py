"""Command palette entries: jump to any platform ("platform: X"; names stay literal text),
and one entry for everything the current screen can do."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from optout_tui.tui.words import SURFACE_TAB, t

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
            yield DiscoveryHit(display, partial(self.app.open_platform, platform.id),
                               help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for platform, display, help_text in self._entries():
            names = [platform.name, platform.id, *platform.aliases]
            score = max(matcher.match(name) for name in names)
            if score > 0:
                # The display is built from Content, never from markup: a name such as
                # "X [formerly Twitter]" shows as written.
                yield Hit(score, display, partial(self.app.open_platform, platform.id),
                          help=help_text)


def screen_commands(screen) -> Iterator[SystemCommand]:
    """Palette entries for what the current screen can do, in the app's language: every key
    in the footer has one, and the platform screen adds one per surface of the action."""
    from optout_tui.tui.screens.browse import BrowseScreen
    from optout_tui.tui.screens.platform import PlatformScreen

    lang = screen.app.lang
    if isinstance(screen, BrowseScreen):
        for key, action in (("cmd_next", screen.action_what_next),
                            ("cmd_filters", screen.action_filters),
                            ("cmd_sort", screen.action_sort),
                            ("cmd_clear", screen.action_clear),
                            ("cmd_export", screen.action_export),
                            ("cmd_new_person", screen.action_new_person),
                            ("cmd_profiles", screen.action_profiles)):
            title, help_text = t(lang, key).split("|")
            yield SystemCommand(title, help_text, action)
    elif isinstance(screen, PlatformScreen):
        current = screen.current_action
        if current is not None:
            for surface in current.surfaces:
                label = SURFACE_TAB[lang][surface.id]
                title, help_text = t(lang, "cmd_surface", s=label).split("|")
                yield SystemCommand(title, help_text, partial(screen._set_surface, surface.id))
        for key, action in (("cmd_qr", screen.action_qr), ("cmd_open", screen.action_open_link),
                            ("cmd_copy", screen.action_copy_link),
                            ("cmd_template", screen.action_fill_template),
                            ("cmd_note", screen.action_note), ("cmd_undo", screen.action_undo)):
            title, help_text = t(lang, key).split("|")
            yield SystemCommand(title, help_text, action)
