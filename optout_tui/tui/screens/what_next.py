"""What to do next: the most important settings not done yet, across every platform."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.catalog.model import Catalog
from optout_tui.progress.next_up import NextUp, next_up
from optout_tui.i18n import translator
from optout_tui.progress.status import Standing
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.widgets.person_footer import PersonFooter
from optout_tui.tui.widgets.platform_preview import STATUS_MARK
from optout_tui.wording import DEFAULT, DIFFICULTY, KIND, STATUS


def next_prompt(item: NextUp, lang: str) -> Content:
    action = item.action
    mark = f"{STATUS_MARK[item.status]} {STATUS.get(item.status, lang)}"
    meta = " · ".join((KIND.get(action.kind, lang), DEFAULT.get(action.default, lang),
                       DIFFICULTY.get(action.difficulty, lang)))
    return Content.assemble((item.platform.name, "bold"), " — ", action.title.get(lang),
                            "\n  ", mark, "  ", (meta, "dim"))


class WhatNextScreen(Screen):
    """A list of actions; Enter opens the platform at that action."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="next.back")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.items: list[NextUp] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(translator(self.app.lang).gettext(
            "The most important settings you have not done yet, across every platform. "
            "Enter opens one."), id="hint")
        yield OptionList(id="next")
        yield PersonFooter(self.app.person_name(), show_command_palette=False,
                           compact=True)

    def on_mount(self) -> None:
        localise_bindings(self, self.app.lang)
        self.title = translator(self.app.lang).gettext("What to do next")
        self.query_one(OptionList).focus()
        self.refresh_items()

    def on_screen_resume(self) -> None:
        self.refresh_items()

    def refresh_items(self) -> None:
        standing = Standing.read(self.app.progress, self.app.recheck_days)
        self.items = next_up(self.catalog, standing, limit=200,
                             only=self.app.progress.used())
        options = self.query_one(OptionList)
        lang = self.app.lang
        if self.items:
            options.set_options(Option(next_prompt(item, lang), id=str(i))
                                for i, item in enumerate(self.items))
            options.highlighted = 0
        else:
            options.set_options([Option(translator(lang).gettext("Nothing left to do. Well done!"),
                                        disabled=True)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        item = self.items[int(event.option.id)]
        self.app.open_platform(item.platform.id, item.action.id)
