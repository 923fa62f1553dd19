"""The end of a visit: what was done today for this person, the handout, and erasing the
person (after the handout is written), each behind its own choice."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.i18n import translator
from optout_tui.progress.status import summary
from optout_tui.progress.status import Standing
from optout_tui.tui.screens.dialog import Dialog

HANDOUT, ERASE, BACK = "handout", "erase", "back"


def done_today(app, today: dt.date) -> list[str]:
    """ "Platform: action" of every action finished today (by the record of when)."""
    found = []
    for (pid, aid, _surface), (_snapshot, done_at) in sorted(app.progress.done_records().items()):
        try:
            when = dt.datetime.fromisoformat(done_at).astimezone().date()
        except ValueError:
            continue
        platform = app.catalog.get(pid)
        action = platform.action(aid) if platform else None
        if when == today and action is not None:
            found.append(f"{platform.name}: {action.title.get(app.lang)}")
    return list(dict.fromkeys(found))


class VisitScreen(Dialog[str | None]):
    """Dismisses with HANDOUT, ERASE, or None."""

    DEFAULT_CSS = """
    VisitScreen #visit-box {
        width: 70;
        max-height: 90%;
        & > OptionList { height: auto; border: none; margin-top: 1; }
        & > #visit-today { margin-top: 1; max-height: 12; }
    }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="visit.back")]

    def compose(self) -> ComposeResult:
        app = self.app
        _ = translator(app.lang).gettext
        standing = Standing.read(app.progress, app.recheck_days)
        used = app.progress.used()
        mine = [p for p in app.catalog.platforms if not used or p.id in used]
        finished = done_today(app, dt.date.today())
        with Vertical(id="visit-box", classes="dialog"):
            yield Static(Content.assemble((_("End of the visit: "), "bold"), app.person_name()))
            yield Static(summary(standing.overall(mine), app.lang))
            lines = (
                [_("Done today:")] + [f"  ✔ {line}" for line in finished]
                if finished
                else [_("Nothing was finished today.")]
            )
            yield Static(Content("\n".join(lines)), id="visit-today")
            yield OptionList(
                Option(_("Print the handout (HTML, with a QR code per setting left)"), id=HANDOUT),
                Option(_("Erase this person's progress (the handout is written first)"), id=ERASE),
                Option(_("Back"), id=BACK),
                id="visit-choices",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#visit-choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None if event.option.id == BACK else event.option.id)


class ConfirmScreen(Dialog[bool]):
    """A yes/no question; only the first entry (an explicit yes) says yes."""

    DEFAULT_CSS = """
    ConfirmScreen #confirm-box {
        width: 70;
        max-height: 90%;
        & > OptionList { height: auto; border: none; margin-top: 1; }
    }
    """

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel", id="confirm.cancel")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(Content(self.question))
            yield OptionList(
                Option(self.no, id="no"), Option(self.yes, id="yes"), id="confirm-choices"
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()  # on "no": Enter alone never erases

    @on(OptionList.OptionSelected, "#confirm-choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "yes")
