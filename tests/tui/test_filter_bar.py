"""The filter bar on its own: labels until built, messages up, the chosen filters down."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Select

from optout_tui.catalog.filters import Filters
from optout_tui.tui.widgets.filter_bar import ANY, FilterBar

OPTIONS = {
    "category": [("All categories", ANY), ("Work (2)", "work")],
    "kind": [("All kinds", ANY), ("AI training (1)", "ai-training")],
    "region": [("All regions", ANY), ("FR (1)", "FR")],
    "status": [("All statuses", ANY), ("Done (0)", "done")],
}


class BarApp(App[None]):
    lang = "en"

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []
        self.changes: list[tuple[str, str | None]] = []

    def options_for(self, name: str) -> list[tuple[str, str]]:
        self.asked.append(name)
        return OPTIONS[name]

    def compose(self) -> ComposeResult:
        yield FilterBar(self.options_for)

    @on(FilterBar.Changed)
    def changed(self, event: FilterBar.Changed) -> None:
        assert event.control is self.query_one(FilterBar)
        self.changes.append((event.name, event.value))


async def test_labels_until_built_then_selects_counted_when_first_used() -> None:
    app = BarApp()
    async with app.run_test() as pilot:
        bar = app.query_one(FilterBar)
        assert not bar.query(Select)
        assert [w.strip() for w in str(bar.render()).split("▼")][:4] == [
            "All categories",
            "All kinds",
            "All regions",
            "All statuses",
        ]
        bar.build()
        await pilot.pause()
        assert [s.id for s in bar.query(Select)] == ["f-category", "f-kind", "f-region", "f-status"]
        assert "▼" not in str(bar.render()) and app.asked == []  # words gone, not counted
        bar.fill()  # not used yet: still nothing counted
        assert app.asked == []
        bar.query_one("#f-region", Select).focus()
        await pilot.pause()
        assert app.asked == ["category", "kind", "region", "status"]


async def test_a_select_set_posts_changed_and_filters_set_from_above_post_nothing() -> None:
    app = BarApp()
    async with app.run_test() as pilot:
        bar = app.query_one(FilterBar)
        bar.focus_first()  # builds the Selects first, then focuses (and so counts) them
        await pilot.pause()
        await pilot.pause()
        kind = bar.query_one("#f-kind", Select)
        assert app.focused is bar.query_one("#f-category", Select)
        assert set(app.changes) <= {(name, None) for name in OPTIONS}  # built at "All …"
        app.changes.clear()
        kind.value = "ai-training"
        await pilot.pause()
        assert app.changes == [("kind", "ai-training")]
        kind.value = ANY
        await pilot.pause()
        assert app.changes[-1] == ("kind", None)
        app.changes.clear()
        bar.filters = Filters(category="work", region="FR")
        await pilot.pause()
        assert [s.value for s in bar.query(Select)] == ["work", ANY, "FR", ANY]
        bar.filters = Filters()
        await pilot.pause()
        assert [s.value for s in bar.query(Select)] == [ANY] * 4
        assert app.changes == []  # what came down does not go back up


async def test_the_labels_sit_where_the_selects_come_and_a_click_opens_that_one() -> None:
    """The first frame's words and arrows stand where each Select then draws them (nothing
    moves when they take the labels' place); a click on one before they are built builds
    them and focuses the one clicked (not the first)."""
    app = BarApp()
    async with app.run_test(size=(80, 5)) as pilot:
        bar = app.query_one(FilterBar)
        columns = bar.columns(bar.size.width)
        before = _row(app, bar)
        await pilot.click(FilterBar, offset=(columns[2][0] + 2, 0))
        await pilot.pause()
        await pilot.pause()
        selects = list(bar.query(Select))
        assert [(s.region.x - bar.region.x, s.region.width) for s in selects] == columns
        assert _row(app, bar) == before
        assert "All categories" in before and before.count("▼") == 4
        assert app.focused is bar.query_one("#f-region", Select)


def _row(app: App, bar: FilterBar) -> str:
    """The characters the screen shows on the filter bar's line."""
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for segment in strips[bar.region.y])
