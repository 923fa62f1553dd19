"""The four filters of the platform list: category, kind, region and status.

The first frame shows look-alike labels: four Selects cost tens of milliseconds to build, so
they replace the labels just after it (`build`, which the screen calls after its first
refresh, or a click or F2 calls sooner), and their counted options come when the filters are
first used (`fill`, asking the screen for them through `options_for`).

Messages up, state down: a Select set by the person posts `FilterBar.Changed`; the screen
decides, and what it decides comes back down in `filters` (bound with `data_bind`), which
the Selects then show.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from rich.text import Text
from textual import events, on
from textual.app import RenderResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Select
from textual.widgets.select import InvalidSelectValueError

from optout_tui.catalog import filters as flt
from optout_tui.i18n import N_, translator
from optout_tui.tui.bindings import localise_bindings

ANY = "*"
"""The value of each filter's "All …" option."""
N_("Dismiss menu")  # Textual's Select: the Escape of its open menu, shown in the footer
ANY_WORDS = {
    "category": N_("All categories"),
    "kind": N_("All kinds"),
    "region": N_("All regions"),
    "status": N_("All statuses"),
}
NAMES = tuple(ANY_WORDS)
"""The filters, in the order they are shown (each one a field of `catalog.filters.Filters`)."""

OptionsFor = Callable[[str], list[tuple[str, str]]]
"""Given a filter's name, its options: ("All …", ANY) first, then (words with count, value)."""


class FilterBar(Horizontal):
    """One Select per filter; posts FilterBar.Changed when the person sets one. Until they
    are built, the bar draws their words itself, in four columns where the Selects will be
    (each followed by a cell, their margin): a widget of its own would be mounted, styled and
    laid out before the first frame."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        margin: 0 1;
        & > .filter-bar--label { background: $surface; }
        & > .filter-bar--arrow { text-style: dim; }
        & > Select { width: 1fr; margin-right: 1; }
        & > Select > SelectOverlay { width: 34; max-height: 16; }
    }
    """
    COMPONENT_CLASSES = {"filter-bar--label", "filter-bar--arrow"}

    filters: reactive[flt.Filters] = reactive(flt.Filters(), init=False)
    """What is chosen, as the screen decided it; the Selects show it."""

    class Changed(Message):
        """The filter `name` was set to `value` (None: all) by the person, or to "All …"
        when its Select was built; the screen's reactive `filters` ignores a value it
        already has."""

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
        """Whether the Selects have taken the place of the first frame's labels."""
        self.filled = False
        """Whether the options (with their counts) have been asked for."""

    # -- the words, until the Selects are built -----------------------------------------
    def columns(self, width: int) -> list[tuple[int, int]]:
        """Where each Select will be, (x, width): equal shares of `width` (the Selects are
        1fr each), a cell between them (their right margin)."""
        share = max(width - len(NAMES), 0)
        edges = [share * i // len(NAMES) for i in range(len(NAMES) + 1)]
        return [(edges[i] + i, edges[i + 1] - edges[i]) for i in range(len(NAMES))]

    def render(self) -> RenderResult:
        if self.built:
            return super().render()
        _ = translator(self.app.lang).gettext
        label = self.get_component_rich_style("filter-bar--label")
        arrow = label + self.get_component_rich_style("filter-bar--arrow", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        words = [_(word) for word in ANY_WORDS.values()]
        for word, (x, width) in zip(words, self.columns(self.size.width)):
            line.pad_right(x - line.cell_len)
            # As a compact Select draws itself: the word from its first cell, the arrow in
            # its last but one (so nothing moves when the Selects take the words' place).
            cell = Text(word, style=label, no_wrap=True, overflow="crop", end="")
            cell.truncate(max(width - 3, 0), pad=True)  # (the padding takes the cell's style)
            cell.append(" ")
            cell.append("▼", arrow)
            cell.append(" ")
            cell.truncate(width)
            line.append_text(cell)
        line.pad_right(self.size.width - line.cell_len)
        return line

    def column_at(self, x: int) -> int | None:
        """Which column is at `x` (None between two)."""
        for index, (left, width) in enumerate(self.columns(self.size.width)):
            if left <= x < left + width:
                return index
        return None

    def build(self) -> None:
        """Put the filter Selects (only "All …" for now) in place of their labels."""
        if self.built:
            return
        self.built = True
        _ = translator(self.app.lang).gettext
        with self.app.batch_update():
            self.refresh()  # its own words go: the Selects draw them from now on
            self.mount_all(
                Select([(_(word), ANY)], value=ANY, allow_blank=False, compact=True, id=f"f-{name}")
                for name, word in ANY_WORDS.items()
            )
        # The Selects' own keys (an open menu's Escape, in the footer) in the app's language:
        # the screen's were translated when it was mounted, before these existed.
        self.call_after_refresh(localise_bindings, self, self.app.lang)

    def fill(self, force: bool = False) -> None:
        """Give each filter its options with counts, keeping what is chosen. Done when the
        filters are first used (counting reads every platform's facts: a moment with
        thousands), then again whenever progress may have changed."""
        if not (force or self.filled) or not self.built:
            return
        self.filled = True
        for name in NAMES:
            options = self._options_for(name)
            select = self.query_one(f"#f-{name}", Select)
            value = select.value
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = value if any(v == value for _, v in options) else ANY

    def watch_filters(self, filters: flt.Filters) -> None:
        """Show what the screen chose (Esc clears them all): no Changed goes back up."""
        if not self.built:
            return  # the Selects start at "All …" when they are built
        for name in NAMES:
            select = self.query_one(f"#f-{name}", Select)
            value = getattr(filters, name) or ANY
            if select.value != value:
                with select.prevent(Select.Changed), suppress(InvalidSelectValueError):
                    select.value = value  # one not offered (yet) is not shown

    def focus_first(self) -> None:
        """To the first filter (F2), building the Selects first if they are not yet."""
        if not self.built:  # F2 pressed within the first frame
            self.build()
            self.call_after_refresh(self.focus_first)
            return
        self.query_one(f"#f-{NAMES[0]}", Select).focus()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        name = (event.select.id or "").removeprefix("f-")
        if name in NAMES:
            value = None if event.value in (ANY, Select.BLANK) else str(event.value)
            self.post_message(self.Changed(self, name, value))

    def on_click(self, event: events.Click) -> None:
        """A click on a filter before its Select is built: build them, then focus it."""
        if self.built or event.widget is not self:
            return
        index = self.column_at(event.x)
        self.build()
        if index is not None:
            name = NAMES[index]
            self.call_after_refresh(lambda: self.query_one(f"#f-{name}", Select).focus())

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Select) and not self.filled:
            self.fill(force=True)
