"""A side panel on wide terminals: the highlighted platform's actions at a glance."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from optout_tui.catalog.model import Action, Platform

StatusOf = Callable[[Platform, Action], str]
STATUS_MARK = {
    "done": "✔",
    "in-progress": "◐",
    "needs-recheck": "⟳",
    "not-possible": "✗",
    "not-started": "○",
    "done-as-far-as-possible": "✔",
    "information": "ℹ",
}


class PlatformPreview(Static):
    """Each action of `platform`: its state in a mark and a word, kind, default, difficulty."""

    DEFAULT_CSS = """
    PlatformPreview {
        display: none;
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        border-left: vkey $border-blurred;
    }
    """

    platform: reactive[Platform | None] = reactive(None)

    def __init__(self, status_of: StatusOf, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._status_of = status_of

    def watch_platform(self, platform: Platform | None) -> None:
        self.update(self.describe(platform) if platform else "")

    def describe(self, platform: Platform) -> Content:
        from optout_tui.wording import DEFAULT, DIFFICULTY, KIND, STATUS  # (not on start)

        lang = self.app.lang
        lines = [Content.styled(platform.name, "bold")]
        for action in platform.actions:
            status = self._status_of(platform, action)
            state = f"{STATUS_MARK[status]} {STATUS.get(status, lang)}"
            meta = " · ".join(
                (
                    KIND.get(action.kind, lang),
                    DEFAULT.get(action.default, lang),
                    DIFFICULTY.get(action.difficulty, lang),
                )
            )
            lines.append(Content(""))
            lines.append(Content.assemble((action.title.get(lang), "bold")))
            lines.append(Content.assemble(state, "  ", (meta, "dim")))
        return Content("\n").join(lines)
