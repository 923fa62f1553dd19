"""What to do next: the most important settings not done yet, across every platform."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.catalog.model import Catalog
from optout_tui.progress.next_up import GROUPS, NextUp, next_up
from optout_tui.i18n import N_, translator
from optout_tui.progress.status import Standing
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.widgets.person_footer import PersonFooter
from optout_tui.tui.widgets.platform_preview import STATUS_MARK
from optout_tui.wording import DEFAULT, DIFFICULTY, KIND, STATUS


def next_prompt(item: NextUp, lang: str) -> Content:
    action = item.action
    mark = f"{STATUS_MARK[item.status]} {STATUS.get(item.status, lang)}"
    meta = " · ".join(
        (
            KIND.get(action.kind, lang),
            DEFAULT.get(action.default, lang),
            DIFFICULTY.get(action.difficulty, lang),
        )
    )
    return Content.assemble(
        (item.platform.name, "bold"),
        " — ",
        action.title.get(lang),
        "\n  ",
        mark,
        "  ",
        (meta, "dim"),
    )


SHOWN_PER_GROUP = 200
"""A long list stays quick to draw; the heading still counts them all."""

GROUP_HEADING = {
    "setting": N_("Settings you can change ({n})"),
    "admin": N_("Only an administrator can change these ({n})"),
    "account": N_("Deleting or closing the whole account ({n})"),
}


def grouped_options(items: list[NextUp], lang: str) -> list[Option]:
    """The items under a heading per group (settings, admin-only, account deletion), each
    heading with its count; an item's option id is its index in `items`."""
    _ = translator(lang).gettext
    options: list[Option] = []
    for group in GROUPS:
        members = [(i, item) for i, item in enumerate(items) if item.group == group]
        if not members:
            continue
        heading = _(GROUP_HEADING[group]).format(n=len(members))
        options.append(Option(Content.styled(heading, "bold underline"), disabled=True))
        options.extend(
            Option(next_prompt(item, lang), id=str(i)) for i, item in members[:SHOWN_PER_GROUP]
        )
        if len(members) > SHOWN_PER_GROUP:
            more = len(members) - SHOWN_PER_GROUP
            options.append(
                Option(
                    Content.styled(
                        translator(lang)
                        .ngettext(
                            "… and {n} more (search or filter the platform list to reach it)",
                            "… and {n} more (search or filter the platform list to reach them)",
                            more,
                        )
                        .format(n=more),
                        "dim",
                    ),
                    disabled=True,
                )
            )
    return options


class WhatNextScreen(Screen):
    """A list of actions; Enter opens the platform at that action."""

    DEFAULT_CSS = """
    WhatNextScreen #next { height: 1fr; }
    """

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="next.back")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.items: list[NextUp] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="hint")
        yield OptionList(id="next")
        yield PersonFooter(self.app.person_name(), show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        localise_bindings(self, self.app.lang)
        self.title = translator(self.app.lang).gettext("What to do next")
        self.query_one(OptionList).focus()
        self.refresh_items()

    def on_screen_resume(self) -> None:
        self.refresh_items()

    def refresh_items(self) -> None:
        standing = Standing.read(self.app.progress, self.app.recheck_days)
        self.items = next_up(self.catalog, standing, only=self.app.progress.used())
        options = self.query_one(OptionList)
        lang = self.app.lang
        words = translator(lang)
        self.query_one("#hint", Static).update(
            words.ngettext(
                "{n} thing you have not done yet, the most important first. Enter opens one.",
                "{n} things you have not done yet, the most important first. Enter opens one.",
                len(self.items),
            ).format(n=len(self.items))
        )
        if self.items:
            options.set_options(grouped_options(self.items, lang))
            options.highlighted = next(
                i
                for i in range(options.option_count)
                if not options.get_option_at_index(i).disabled
            )
        else:
            options.set_options(
                [Option(translator(lang).gettext("Nothing left to do. Well done!"), disabled=True)]
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        item = self.items[int(event.option.id)]
        self.app.open_platform(item.platform.id, item.action.id)
