"""One platform: its actions on the left, the chosen action's checklist on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.catalog.model import SURFACES, Action, Platform, blanks
from optout_tui.i18n import N_, translator
from optout_tui.progress import (
    ActionProgress,
    ActionState,
    StepState,
    StoreError,
    action_progress,
    changes,
)
from optout_tui.progress.recheck import Recheck, recheck
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.widgets.person_footer import PersonFooter
from optout_tui.tui.widgets.action_detail import ActionDetail
from optout_tui.tui.widgets.step_checklist import StepChecklist


MARKS = {
    ActionState.NEEDS_RECHECK: (N_("⟳ re-check "), "bold $text-warning"),
    ActionState.DONE: ("✔ ", "bold $text-success"),
    ActionState.AS_FAR_AS_POSSIBLE: ("✔ ", "bold $text-success"),
    ActionState.NOT_POSSIBLE: ("✗ ", "bold $text-warning"),
    ActionState.IN_PROGRESS: ("◐ ", "bold"),
    ActionState.NOT_STARTED: ("○ ", ""),
    ActionState.INFORMATION: ("ℹ ", "dim"),
}


def action_prompt(action: Action, progress: ActionProgress, lang: str = "en") -> Content:
    """An action in the list: its state as a mark (and a word for re-checks), its title."""
    mark, style = MARKS[progress.state]
    return Content.assemble(
        (translator(lang).gettext(mark) if mark.strip() else mark, style), action.title.get(lang)
    )


class PlatformScreen(Screen):
    """Follow a platform's actions step by step; every tick is saved at once."""

    DEFAULT_CSS = """
    PlatformScreen {
        & #platform-title { padding: 0 1; background: $boost; }
        & #platform-body { height: 1fr; }
        & #actions {
            width: 28;
            height: 100%;
            border: none;
            border-right: vkey $foreground 30%;
        }
        & #detail { width: 1fr; }
    }
    """

    # The footer fits 80 columns with the person's name: keys that do nothing for the chosen
    # action (no link, no text to fill in, one surface) are hidden; u and m are in the help
    # and the palette.
    BINDINGS = [
        Binding("escape", "back", "Back", id="platform.back"),
        Binding("r", "qr", "QR code", id="platform.qr"),
        Binding("o", "open_link", "Open link", id="platform.open"),
        Binding("c", "copy_link", "Copy link", show=False, id="platform.copy"),
        Binding("s", "next_surface", "Surface", show=False, id="platform.surface"),
        Binding("u", "undo", "Undo", show=False, id="platform.undo"),
        Binding("m", "note", "Note", show=False, id="platform.note"),
        Binding("t", "fill_template", "Text to send", id="platform.template"),
        Binding("space", "steps", "Steps", show=False, id="platform.steps"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would only say "this action has none" are not offered."""
        current = self.current_action if self.is_mounted else None
        if current is None:
            return True
        if action in ("qr", "open_link", "copy_link"):
            return self._link() is not None
        if action == "fill_template":
            return any(s.template for s in current.surfaces)
        if action == "next_surface":
            return len(current.surfaces) > 1
        if action == "steps":
            return self.focused is self.query_one("#actions", OptionList)
        return True

    def action_back(self) -> None:
        """From the steps, back to the actions; from the actions, back to the list."""
        checklist = self.query_one(StepChecklist)
        if checklist.has_focus or self.query_one(ActionDetail).has_focus_within:
            self.query_one("#actions", OptionList).focus()
        else:
            self.app.pop_screen()

    def action_steps(self) -> None:
        checklist = self.query_one(StepChecklist)
        if checklist.display:
            checklist.focus()

    surface: reactive[str] = reactive("web", init=False)
    """The chosen surface (web, ios…): the action detail panel shows it (bound with
    data_bind), and ticks are saved for it."""

    def __init__(self, platform: Platform, start_action: str | None = None) -> None:
        super().__init__()
        self.platform = platform
        self.start_action = start_action

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(Content.assemble((self.platform.name, "bold")), id="platform-title")
        with Horizontal(id="platform-body"):
            yield OptionList(id="actions")
            yield ActionDetail(today=self.app.today, id="detail").data_bind(PlatformScreen.surface)
        yield PersonFooter(self.app.person_name(), show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        localise_bindings(self, self.app.lang)
        self.query_one(ActionDetail).lang = self.app.lang
        self._refresh_actions()
        actions = self.query_one("#actions", OptionList)
        ids = [a.id for a in self.platform.actions]
        actions.highlighted = ids.index(self.start_action) if self.start_action in ids else 0
        actions.focus()

    def _(self, message: str) -> str:
        """`message` in the app's language."""
        return translator(self.app.lang).gettext(message)

    # -- state pushed down -----------------------------------------------------------
    @property
    def current_action(self) -> Action | None:
        index = self.query_one("#actions", OptionList).highlighted
        return self.platform.actions[index] if index is not None else None

    def _progress(self, action: Action) -> ActionProgress:
        progress = self.app.progress
        return action_progress(
            self.platform.id,
            action,
            progress.states(self.platform.id),
            progress.done_records(self.platform.id),
            recheck_days=self.app.recheck_days,
        )

    def _refresh_actions(self) -> None:
        actions = self.query_one("#actions", OptionList)
        highlighted = actions.highlighted
        prompts = [
            Option(action_prompt(action, self._progress(action), self.app.lang), id=action.id)
            for action in self.platform.actions
        ]
        actions.set_options(prompts)
        if highlighted is not None:
            actions.highlighted = highlighted

    def _show(self, action: Action) -> None:
        detail = self.query_one(ActionDetail)
        surface = self.surface
        if action.surface(surface) is None or not action.surface(surface).is_available:
            available = action.available_surfaces
            if available:
                surface = available[0].id
            elif action.surfaces:
                surface = action.surfaces[0].id
        detail.action = action
        self.surface = surface  # the detail panel follows, after it has the action
        self._push_states(action)
        found = self._recheck(action)
        detail.recheck = found.reason_in(self.app.lang) if found else ""
        detail.note = self.app.progress.notes().get((self.platform.id, action.id), ("", ""))[0]
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _recheck(self, action: Action) -> Recheck | None:
        return recheck(
            action,
            self.app.progress.done_records(self.platform.id),
            self.platform.id,
            after_days=self.app.recheck_days,
        )

    def _done_ids(self, action: Action, state: str = "done") -> frozenset[str]:
        return frozenset(
            k.step
            for k, v in self.app.progress.states(self.platform.id).items()
            if v == state and k.action == action.id and k.surface == self.surface
        )

    def _push_states(self, action: Action) -> None:
        detail = self.query_one(ActionDetail)
        detail.done = self._done_ids(action)
        detail.blocked = self._done_ids(action, "not-possible")

    # -- messages from below ---------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#actions")
    def action_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        action = self.platform.action(event.option.id or "")
        if action is not None:
            self._show(action)

    @on(OptionList.OptionSelected, "#actions")
    def action_chosen(self, event: OptionList.OptionSelected) -> None:
        checklist = self.query_one(StepChecklist)
        if checklist.display:
            checklist.focus()

    def on_action_detail_surface_chosen(self, event: ActionDetail.SurfaceChosen) -> None:
        self._set_surface(event.surface)

    def on_step_checklist_step_toggled(self, event: StepChecklist.StepToggled) -> None:
        self._change(event.step_id, StepState.DONE if event.done else StepState.TODO)

    def _change(self, step_id: str, state: StepState) -> None:
        """Ask the progress rules to save a step's new state, and say why if they refuse."""
        action = self.current_action
        if action is None:
            return
        outcome = changes.change_step(
            self.app.progress, self.platform.id, action, self.surface, step_id, state
        )
        if outcome.refused is not None:
            self.notify(
                outcome.refused.message(self.app.lang)
                + " "
                + self._("Press t to fill it in and copy it."),
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        self.app.saved(outcome.saved)
        self._after_change(action)
        checklist = self.query_one(StepChecklist)
        if (
            state != StepState.TODO
            and checklist.highlighted is not None
            and checklist.highlighted + 1 < len(checklist.steps)
        ):
            checklist.highlighted += 1  # on to the next step

    def action_fill_template(self) -> None:
        from optout_tui.tui.screens.template import TemplateScreen

        action = self.current_action
        surface = action.surface(self.surface) if action else None
        if surface is None or surface.template is None:
            templated = [s for s in (action.surfaces if action else ()) if s.template]
            if not templated:
                self.notify(self._("This action has no text to fill in."), severity="warning")
                return
            self._set_surface(templated[0].id)
            surface = templated[0]
        saved = self.app.progress.filled(self.platform.id).get((action.id, surface.id))
        text = saved if saved is not None else surface.template.get(self.app.lang)

        def copy(result: str | None) -> None:
            if result is None:
                return
            self.app.copy_to_clipboard(result)
            self.app.saved(
                self.app.progress.set_filled(self.platform.id, action.id, surface.id, result)
            )
            left = blanks(result)
            if left:
                self.notify(
                    self._("Still to fill: ") + " · ".join(left), severity="warning", markup=False
                )
            else:
                self.notify(
                    self._(
                        "Text copied, if your terminal lets programs copy (if "
                        "pasting gives nothing, copy it from the screen), and kept "
                        "for this person."
                    ),
                    markup=False,
                )

        self.app.push_screen(
            TemplateScreen(action.title.get(self.app.lang), text, surface.address), copy
        )

    def on_step_checklist_step_not_possible(self, event: StepChecklist.StepNotPossible) -> None:
        self._change(event.step_id, StepState.NOT_POSSIBLE if event.blocked else StepState.TODO)

    def _after_change(self, action: Action) -> None:
        detail = self.query_one(ActionDetail)
        self._push_states(action)
        found = self._recheck(action)
        detail.recheck = found.reason_in(self.app.lang) if found else ""
        self._refresh_actions()

    def action_note(self) -> None:
        from optout_tui.tui.screens.note import NoteScreen

        action = self.current_action
        if action is None:
            return
        current = self.app.progress.notes().get((self.platform.id, action.id), ("", ""))[0]

        def save(note: str | None) -> None:
            if note is None:
                return
            self.app.saved(self.app.progress.set_note(self.platform.id, action.id, note))
            self.query_one(ActionDetail).note = note.strip()

        self.app.push_screen(NoteScreen(action.title.get(self.app.lang), current), save)

    def action_undo(self) -> None:
        try:
            key = changes.undo(self.app.progress, self.app.catalog)
        except StoreError as error:
            self.notify(
                error.text(self.app.lang), title=self._("Not saved"), severity="error", markup=False
            )
            return
        if key is None:
            self.notify(self._("Nothing to undo in this session."))
            return
        action = self.current_action
        if action is not None:
            self._after_change(action)
        undone = self.platform.action(key.action)
        surface = undone.surface(key.surface) if undone else None
        ids = [step.id for step in surface.steps] if surface else []
        number = ids.index(key.step) + 1 if key.step in ids else "?"
        title = undone.title.get(self.app.lang) if undone else key.action
        # The person's words: step number and title, never the catalog's internal ids.
        self.notify(
            self._("Undone: step {step} of “{action}”.").format(step=number, action=title),
            markup=False,
        )

    # -- actions ---------------------------------------------------------------------
    def _set_surface(self, surface: str) -> None:
        action = self.current_action
        if action is None or action.surface(surface) is None:
            return
        self.surface = surface  # the detail panel follows
        self._push_states(action)

    def action_next_surface(self) -> None:
        action = self.current_action
        if action is None:
            return
        present = [s for s in SURFACES if action.surface(s) is not None]
        if len(present) > 1:
            index = present.index(self.surface) if self.surface in present else -1
            self._set_surface(present[(index + 1) % len(present)])

    def _link(self) -> str | None:
        action = self.current_action
        if action is None:
            return None
        surface = action.surface(self.surface)
        if surface is not None and surface.is_available:
            checklist = self.query_one(StepChecklist)
            index = checklist.highlighted
            if index is not None and index < len(surface.steps) and surface.steps[index].link:
                return surface.steps[index].link
            if surface.link:
                return surface.link
        return action.link

    def action_qr(self) -> None:
        link = self._link()
        action = self.current_action
        if link is None or action is None:
            self.notify(self._("This action has no link."), severity="warning")
            return
        from optout_tui.tui.screens.qr import QrScreen

        self.app.push_screen(
            QrScreen(link, f"{self.platform.name}: {action.title.get(self.app.lang)}")
        )

    def action_open_link(self) -> None:
        link = self._link()
        if link is None:
            self.notify(self._("This action has no link."), severity="warning")
            return
        self.app.open_url(link)
        self.notify(self._("Asked your browser to open {url}").format(url=link), markup=False)

    def action_copy_link(self) -> None:
        link = self._link()
        if link is None:
            self.notify(self._("This action has no link."), severity="warning")
            return
        self.app.copy_to_clipboard(link)
        self.notify(
            self._(
                "Link copied, if your terminal lets programs copy (if pasting gives "
                "nothing, copy it from the screen or use the QR code: r)."
            ),
            markup=False,
        )
