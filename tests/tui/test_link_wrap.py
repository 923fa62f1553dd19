"""Links in the steps and the action's detail wrap after a "/" (or "?", "&", "#"), never
mid-word, so that what a person copies by hand or reads aloud stays whole."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget

from optout_tui.tui.screens.platform import PlatformScreen
from optout_tui.tui.widgets.step_checklist import StepChecklist
from tests.tui.helpers import make_app

SEPARATORS = "/?&#"
SOFT = "-._="
"""A piece too long for a line on its own is folded after one of these, like a hyphenated word."""


def painted_lines(widget: Widget) -> list[str]:
    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    return ["".join(segment.text for segment in strip).strip() for strip in strips]


def url_pieces(lines: list[str], url: str) -> list[str]:
    """The pieces `url` is painted in, one per line, starting where it starts."""
    for at, line in enumerate(lines):
        start = line.find(url[:20])
        if start < 0:
            continue
        pieces = [line[start : start + len(url)]]
        while len(shown := "".join(pieces)) < len(url) and pieces[-1] == line[start:]:
            at, start, line = at + 1, 0, lines[at + 1]
            pieces.append(line[: len(url) - len(shown)])
        return pieces
    raise AssertionError(f"{url} is not shown in {lines}")


async def test_long_links_break_only_after_a_separator(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        platform = app.catalog.get("temu")
        action = next(a for a in platform.actions if a.id == "targeted-advertising-us")
        surface = action.surface("web")
        assert surface is not None and surface.link and len(surface.link) > 80
        await app.push_screen(PlatformScreen(platform, start_action=action.id))
        await pilot.pause()
        screen = app.screen
        checklist = screen.query_one(StepChecklist)
        checklist.styles.max_height = 60  # all the steps on screen, to read them
        screen.query_one("#surface-note").styles.height = "auto"
        await pilot.pause()
        step_link = next(step.link for step in surface.steps if step.link)
        for widget, url in (
            (screen.query_one("#surface-note"), surface.link),
            (checklist, step_link),
        ):
            pieces = url_pieces(painted_lines(widget), url)
            assert len(pieces) > 1, "the link fits on one line: the test shows nothing"
            assert "".join(pieces) == url
            for piece, after in zip(pieces, pieces[1:]):
                assert piece[-1] in SEPARATORS + SOFT or after[0] in SEPARATORS, (
                    f"{url} broken mid-word: {pieces}"
                )
