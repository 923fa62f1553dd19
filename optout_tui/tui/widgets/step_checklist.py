"""The steps of one action on one surface, as a checklist ticked with space, enter or a click."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from optout_tui.catalog.model import LocalText, Step
from optout_tui.history import former_note
from optout_tui.text import quoted
from optout_tui.i18n import translator
from optout_tui.tui.widgets.link_wrap import LinkWrap
from optout_tui.wording import SET_TO


def label_content(label: LocalText, lang: str) -> Content:
    """A platform label in quotes, marked (?) when its wording in `lang` is unconfirmed."""
    parts: list[str | tuple[str, str]] = [(quoted(label.get(lang), lang), "bold")]
    if not label.is_confirmed(lang):
        parts.append(" (?)")
    former = former_note(label, lang)
    if former:
        parts.append((f" — {former}", "italic"))
    return Content.assemble(*parts)


def step_content(number: int, step: Step, done: bool, lang: str, blocked: bool = False) -> Content:
    """One checklist entry: state in words and glyph, the instruction, path and setting."""
    _ = translator(lang).gettext
    if blocked:
        mark = (_("✗ not possible"), "bold $text-warning")
    elif done:
        mark = (_("✔ done"), "bold $text-success")
    else:
        mark = (_("○ to do"), "bold")
    lines = [Content.assemble(mark, f"  {number}. ", step.text.get(lang))]
    if step.path:
        crumbs = Content(" › ").join(label_content(label, lang) for label in step.path)
        lines.append(Content.assemble("     " + _("Go to: "), crumbs))
    if step.setting:
        action = SET_TO.get(step.setting.set_to, lang)
        setting = [
            ("     " + _("Set: "), ""),
            label_content(step.setting.label, lang),
            (f" → {action}", "bold"),
        ]
        if step.setting.value is not None:
            setting += [" ", label_content(step.setting.value, lang)]
        lines.append(Content.assemble(*setting))
    if step.link:
        lines.append(Content.assemble("     " + _("Link: "), step.link))
    return Content("\n").join(lines)


class StepChecklist(OptionList):
    """Steps as options; the highlighted one is toggled with space, enter or a click."""

    DEFAULT_CSS = """
    StepChecklist {
        height: auto;
        max-height: 100%;
        border: none;
        padding: 0;
        & > .option-list--option { padding: 0 0 1 0; }
    }
    """

    BINDINGS = [
        Binding("space", "toggle", "Tick", id="checklist.toggle"),
        Binding("x", "not_possible", "Not possible", id="checklist.not-possible"),
        # The caveats and sources are below the steps: Page Down reaches them from here.
        Binding("pagedown", "page_pane(1)", "Page down", show=False, id="checklist.page-down"),
        Binding("pageup", "page_pane(-1)", "Page up", show=False, id="checklist.page-up"),
    ]

    class StepToggled(Message):
        """A step was ticked or unticked by the person."""

        def __init__(self, step_id: str, done: bool) -> None:
            super().__init__()
            self.step_id = step_id
            self.done = done

    steps: reactive[tuple[Step, ...]] = reactive((), init=False)
    done: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    blocked: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    """Steps the person marked "not possible for me" (region, plan, no such menu)."""
    lang: reactive[str] = reactive("en", init=False)

    class StepNotPossible(Message):
        """A step was marked (or unmarked) "not possible for me"."""

        def __init__(self, step_id: str, blocked: bool) -> None:
            super().__init__()
            self.step_id = step_id
            self.blocked = blocked

    def _rebuild(self, keep_place: bool = True) -> None:
        highlighted = self.highlighted if keep_place else 0
        self.set_options(
            Option(
                LinkWrap(
                    step_content(n, step, step.id in self.done, self.lang, step.id in self.blocked)
                ),
                id=step.id,
            )
            for n, step in enumerate(self.steps, start=1)
        )
        if self.steps:
            self.highlighted = min(highlighted or 0, len(self.steps) - 1)

    def watch_steps(self) -> None:
        self._rebuild(keep_place=False)

    def watch_done(self) -> None:
        self._rebuild()

    def watch_lang(self) -> None:
        self._rebuild()

    def watch_blocked(self) -> None:
        self._rebuild()

    def action_page_pane(self, direction: int) -> None:
        """Scroll the pane the steps sit in (with the caveats and sources below them) by a
        page; when it does not scroll, move through the steps a page at a time instead."""
        pane = self.parent
        if isinstance(pane, ScrollableContainer) and pane.max_scroll_y:
            if direction > 0:
                pane.scroll_page_down(animate=False)
            else:
                pane.scroll_page_up(animate=False)
        elif direction > 0:
            self.action_page_down()
        else:
            self.action_page_up()

    def action_not_possible(self) -> None:
        if self.highlighted is None or not self.steps:
            return
        step = self.steps[self.highlighted]
        self.post_message(self.StepNotPossible(step.id, step.id not in self.blocked))

    def action_toggle(self) -> None:
        if self.highlighted is None or not self.steps:
            return
        step = self.steps[self.highlighted]
        self.post_message(self.StepToggled(step.id, step.id not in self.done))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()
