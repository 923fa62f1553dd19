"""One platform: its actions on the left, the chosen action's checklist on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.catalog.model import SURFACES, Action, Platform, blanks
from optout_tui.i18n import translator
from optout_tui.progress import StepKey, StoreError, action_status
from optout_tui.progress.recheck import Recheck, recheck, snapshot
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.widgets.action_detail import ActionDetail
from optout_tui.tui.widgets.step_checklist import StepChecklist


def action_prompt(action: Action, done_steps: int, total: int,
                  needs_recheck: bool = False, lang: str = "en") -> Content:
    if needs_recheck:
        state = (translator(lang).gettext("⟳ re-check "), "bold $text-warning")
    elif total and done_steps == total:
        state = ("✔ ", "bold $text-success")
    elif done_steps:
        state = ("◐ ", "bold")
    else:
        state = ("○ ", "")
    return Content.assemble(state, action.title.get(lang))


class PlatformScreen(Screen):
    """Follow a platform's actions step by step; every tick is saved at once."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="platform.back"),
        Binding("r", "qr", "QR code", id="platform.qr"),
        Binding("o", "open_link", "Open link", id="platform.open"),
        Binding("c", "copy_link", "Copy link", show=False, id="platform.copy"),
        Binding("s", "next_surface", "Surface", id="platform.surface"),
        Binding("u", "undo", "Undo", id="platform.undo"),
        Binding("m", "note", "Note", id="platform.note"),
        Binding("t", "fill_template", "Fill in text", id="platform.template"),
    ]

    def __init__(self, platform: Platform, start_action: str | None = None) -> None:
        super().__init__()
        self.platform = platform
        self.start_action = start_action
        self.surface = "web"

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(Content.assemble((self.platform.name, "bold")), id="platform-title")
        with Horizontal(id="platform-body"):
            yield OptionList(id="actions")
            yield ActionDetail(today=self.app.today, id="detail")
        yield Footer()

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

    def _done(self) -> set[StepKey]:
        return self.app.store.done_steps(self.platform.id)

    def _refresh_actions(self) -> None:
        done = self._done()
        actions = self.query_one("#actions", OptionList)
        highlighted = actions.highlighted
        prompts = []
        for action in self.platform.actions:
            status = action_status(self.platform.id, action, done)
            prompts.append(Option(action_prompt(action, status.done_steps, status.total_steps,
                                                self._recheck(action) is not None,
                                                self.app.lang),
                                  id=action.id))
        actions.set_options(prompts)
        if highlighted is not None:
            actions.highlighted = highlighted

    def _show(self, action: Action) -> None:
        detail = self.query_one(ActionDetail)
        if action.surface(self.surface) is None or not action.surface(self.surface).is_available:
            available = action.available_surfaces
            if available:
                self.surface = available[0].id
            elif action.surfaces:
                self.surface = action.surfaces[0].id
        detail.action = action
        detail.surface = self.surface
        self._push_states(action)
        found = self._recheck(action)
        detail.recheck = found.reason_in(self.app.lang) if found else ""
        detail.note = self.app.store.notes().get((self.platform.id, action.id), ("", ""))[0]

    def _recheck(self, action: Action) -> Recheck | None:
        return recheck(action, self.app.store.done_records(self.platform.id), self.platform.id,
                       after_days=self.app.recheck_days)

    def _done_ids(self, action: Action, state: str = "done") -> frozenset[str]:
        return frozenset(k.step for k, v in self.app.store.states(self.platform.id).items()
                         if v == state and k.action == action.id and k.surface == self.surface)

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
        action = self.current_action
        if action is None:
            return
        key = StepKey(self.platform.id, action.id, self.surface, event.step_id)
        surface = action.surface(self.surface)
        if event.done and surface is not None and surface.template is not None:
            refusal = self._blanks_refusal(action, surface, key)
            if refusal:
                self.notify(refusal, severity="warning", timeout=8, markup=False)
                return
        self.app.saved(self.app.store.set_step(key, event.done))
        if event.done and surface is not None and \
                action_status(self.platform.id, action, self._done()).is_done:
            self.app.saved(self.app.store.record_done(self.platform.id, action.id, surface.id,
                                                      snapshot(action, surface)))
        self._after_change(action)

    def _blanks_refusal(self, action: Action, surface, key: StepKey) -> str | None:
        """Why ticking `key` may not finish this action yet: the text the person copied still
        has blanks, or was never filled in. None when it may."""
        done = self._done() | {key}
        if not action_status(self.platform.id, action, done).is_done:
            return None
        filled = self.app.store.filled(self.platform.id).get((action.id, surface.id))
        _ = translator(self.app.lang).gettext
        if filled is None:
            return _("Not marked done: press t to fill in and copy the text first.")
        left = blanks(filled)
        if not left:
            return None
        return _("Not marked done: fill in the text first (press t). Still to fill: {left}"
                 ).format(left=" · ".join(left))

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
        saved = self.app.store.filled(self.platform.id).get((action.id, surface.id))
        text = saved if saved is not None else surface.template.get(self.app.lang)

        def copy(result: str | None) -> None:
            if result is None:
                return
            self.app.copy_to_clipboard(result)
            self.app.saved(self.app.store.set_filled(self.platform.id, action.id, surface.id,
                                                     result))
            left = blanks(result)
            if left:
                self.notify(self._("Still to fill: ") + " · ".join(left),
                            severity="warning", markup=False)
            else:
                self.notify(self._("Text copied (where the terminal supports OSC 52) and kept "
                                   "for this person."), markup=False)

        self.app.push_screen(TemplateScreen(action.title.get(self.app.lang), text,
                                            surface.address), copy)

    def on_step_checklist_step_not_possible(self, event: StepChecklist.StepNotPossible) -> None:
        action = self.current_action
        if action is None:
            return
        key = StepKey(self.platform.id, action.id, self.surface, event.step_id)
        self.app.saved(self.app.store.set_state(key, "not-possible" if event.blocked
                                                else "todo"))
        self._after_change(action)

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
        current = self.app.store.notes().get((self.platform.id, action.id), ("", ""))[0]

        def save(note: str | None) -> None:
            if note is None:
                return
            self.app.saved(self.app.store.set_note(self.platform.id, action.id, note))
            self.query_one(ActionDetail).note = note.strip()

        self.app.push_screen(NoteScreen(action.title.get(self.app.lang), current), save)

    def action_undo(self) -> None:
        try:
            key = self.app.store.undo()
        except StoreError as error:
            self.notify(error.text(self.app.lang), title=self._("Not saved"), severity="error",
                        markup=False)
            return
        if key is None:
            self.notify(self._("Nothing to undo in this session."))
            return
        action = self.current_action
        if action is not None:
            self._after_change(action)
        self.notify(self._("Undone: step {step} of {action}.").format(step=key.step,
                                                                    action=key.action),
                    markup=False)

    # -- actions ---------------------------------------------------------------------
    def _set_surface(self, surface: str) -> None:
        action = self.current_action
        if action is None or action.surface(surface) is None:
            return
        self.surface = surface
        detail = self.query_one(ActionDetail)
        detail.surface = surface
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

        self.app.push_screen(QrScreen(link, f"{self.platform.name}: "
                                            f"{action.title.get(self.app.lang)}"))

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
        self.notify(self._("Link sent to the terminal's clipboard (works where the terminal "
                           "supports OSC 52)."), markup=False)
