"""The footer with whose progress it is always in view, at its right end."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static


class PersonFooter(Footer):
    """Textual's footer (the keys), and the person whose progress is kept."""

    DEFAULT_CSS = """
    PersonFooter > #footer-person {
        dock: right;
        width: auto;
        padding: 0 1;
        max-width: 24;
        text-style: bold;
        color: $footer-key-foreground;
        background: $footer-background;
    }
    """

    person: reactive[str] = reactive("", recompose=True)

    def __init__(self, person: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(PersonFooter.person, person)
        self._keys_shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        """Textual's footer composes its keys again whenever the focus moves; here only when
        the keys it shows changed. On the first screen, the first letter typed moves the
        focus from the list to the search box (the same keys): composing and laying out a
        dozen keys then cost that keystroke, or the next one, 10-20 ms."""
        shown = tuple(
            (binding.key, binding.key_display, binding.description, binding.action)
            + (binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._keys_shown and self._bindings_ready:
            return
        self._keys_shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        if self.person:
            # A name is typed text: shown literally, never as markup. (A Static sized as a
            # Label is: the first screen then has no Label, whose CSS is parsed on first use.)
            yield Static(Content(self.person), id="footer-person")
