"""Command palette entries: jump to any platform ("platform: X"). Names stay literal text."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

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
