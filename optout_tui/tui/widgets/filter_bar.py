"""The four filters of the platform list: category, kind, region and status.

The first frame shows look-alike labels: four Selects cost tens of milliseconds to build, so
they replace the labels just after it (`build`), and their counted options come when the
filters are first used (`fill`, asking the screen for them through `options_for`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Select, Static

from optout_tui.i18n import N_, translator

ANY = "*"
ANY_WORDS = {"category": N_("All categories"), "kind": N_("All kinds"),
             "region": N_("All regions"), "status": N_("All statuses")}

OptionsFor = Callable[[str], list[tuple[str, str]]]


class FilterBar(Horizontal):
    """One Select per filter; posts FilterBar.Changed when one is set."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        margin: 0 1;
        & > Select { width: 1fr; margin-right: 1; }
        /* What the first frame shows until the Selects are built: their look, compact. */
        & > .filter-label {
            width: 1fr;
            margin-right: 1;
            padding: 0 1;
            background: $surface;
            text-wrap: nowrap;
        }
        & > Select > SelectOverlay { width: 34; max-height: 16; }
    }
    """

    class Changed(Message):
        """The filter `name` was set to `value` (None: all)."""

        def __init__(self, bar: FilterBar, name: str, value: str | None) -> None:
            super().__init__()
            self.bar = bar
            self.name = name
            self.value = value

        @property
        def control(self) -> FilterBar:
            return self.bar

    def __init__(self, options_for: OptionsFor, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._options_for = options_for
        self.built = False
        """Whether the Selects have replaced the first frame's labels."""
        self.filled = False
        """Whether the options (with their counts) have been asked for."""

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        for name, word in ANY_WORDS.items():
            yield Static(Content.assemble(_(word), " ", ("▼", "dim")),
                         classes="filter-label", id=f"l-{name}")

    def build(self) -> None:
        """Put the filter Selects (only "All …" for now) in place of their labels."""
        if self.built:
            return
        self.built = True
        _ = translator(self.app.lang).gettext
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(Select([(_(word), ANY)], value=ANY, allow_blank=False,
                                  compact=True, id=f"f-{name}")
                           for name, word in ANY_WORDS.items())

    def fill(self, force: bool = False) -> None:
        """Give each filter its options with counts, keeping what is chosen. Done when the
        filters are first used (counting reads every platform's facts: a moment with
        thousands), then again whenever progress may have changed."""
        if not (force or self.filled) or not self.built:
            return
        self.filled = True
        for name in ANY_WORDS:
            options = self._options_for(name)
            select = self.query_one(f"#f-{name}", Select)
            value = select.value
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = value if any(v == value for _, v in options) else ANY

    def clear(self) -> None:
        """Every filter back to "All …" (no Changed messages: the screen clears its own)."""
        for select in self.query(Select):
            with select.prevent(Select.Changed):
                select.value = ANY

    def focus_first(self) -> None:
        if not self.built:  # f pressed within the first frame
            self.build()
            self.call_after_refresh(self.focus_first)
            return
        self.query_one("#f-category", Select).focus()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        name = (event.select.id or "").removeprefix("f-")
        value = None if event.value in (ANY, Select.BLANK) else str(event.value)
        self.post_message(self.Changed(self, name, value))

    @on(events.Click, ".filter-label")
    def _label_clicked(self, event: events.Click) -> None:
        """A click on a filter before its Select is built: build them, then focus it."""
        name = (event.widget.id or "").removeprefix("l-") if event.widget else ""
        self.build()
        if name:
            self.call_after_refresh(lambda: self.query_one(f"#f-{name}", Select).focus())

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Select) and not self.filled:
            self.fill(force=True)
