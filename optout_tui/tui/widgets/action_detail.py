"""Everything about one action: what it controls, where, its steps, caveats and sources."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, Tab, Tabs

from optout_tui.catalog.model import BLANK, STALE_AFTER_DAYS, SURFACES, Action, Surface
from optout_tui.tui import words
from optout_tui.tui.words import t
from optout_tui.history import change_lines, changed_heading
from optout_tui.tui.widgets.step_checklist import StepChecklist



def meta_content(action: Action, lang: str = "en") -> Content:
    """Kind, default, difficulty, regions and future-only, in words."""
    regions = ", ".join(words.LEVEL[lang].get(r, r) for r in action.regions)
    parts = [words.KIND[lang][action.kind], words.DEFAULT[lang][action.default],
             t(lang, "difficulty", d=words.LEVEL[lang][action.difficulty]),
             t(lang, "where", r=regions)]
    if action.future_only:
        parts.append(t(lang, "future"))
    if action.excluded_plans:
        parts.append(t(lang, "not_for", p=", ".join(action.excluded_plans)))
    return Content(" · ".join(parts))


def sources_content(action: Action, today: dt.date, lang: str = "en") -> Content:
    """The sources, the verified date (with an out-of-date mark) and the confidence."""
    age = (today - action.verified).days
    verified: list[str | tuple[str, str]] = [t(lang, "verified",
                                               date=action.verified.isoformat())]
    if age > STALE_AFTER_DAYS:
        verified.append(("  " + t(lang, "stale"), "bold $text-warning"))
    verified.append(" · " + t(lang, "confidence", c=action.confidence))
    lines = [Content.assemble(*verified)]
    for source in action.sources:
        date = t(lang, "date_unknown") if source.published == "unknown" else source.published
        lines.append(Content.assemble("• ", source.publisher, f" ({source.type}, {date}): ",
                                      source.url))
    return Content("\n").join(lines)


def notes_content(action: Action, lang: str) -> Content:
    lines: list[Content] = []
    for caveat in action.caveats:
        lines.append(Content.assemble("! ", caveat.get(lang)))
    if action.check:
        lines.append(Content.assemble((t(lang, "check"), "bold"), action.check.get(lang)))
    if action.changes:
        lines.append(Content.styled(changed_heading(lang), "bold"))
        lines.extend(Content(f"  {line}") for line in change_lines(action, lang))
    return Content("\n").join(lines)


def surface_content(action: Action, surface: Surface, lang: str) -> Content:
    """What to say above the steps: where the control is missing (and where it is instead),
    notes, the link."""
    lines: list[Content] = []
    if not surface.is_available:
        key = "missing" if surface.available == "no" else "unknown_here"
        lines.append(Content.styled(t(lang, key), "bold $text-error"))
        elsewhere = [words.SURFACE_TAB[lang][s.id] for s in action.available_surfaces]
        if elsewhere:
            lines.append(Content(t(lang, "available_on", where=", ".join(elsewhere))))
    if surface.note:
        lines.append(Content(surface.note.get(lang)))
    if surface.link:
        lines.append(Content.assemble(t(lang, "link"), surface.link,
                                      ("  " + t(lang, "qr_hint"), "dim")))
    if surface.address:
        lines.append(Content.assemble(t(lang, "write_to"), (surface.address, "bold")))
    if surface.template:
        lines.append(Content.styled(t(lang, "template_hint"), "bold"))
        lines.append(template_content(surface.template.get(lang)))
    return Content("\n").join(lines)


def template_content(text: str) -> Content:
    """The template with each {{blank}} in reverse video, so it stands out without colour."""
    parts: list[str | tuple[str, str]] = []
    at = 0
    for match in BLANK.finditer(text):
        parts.append(text[at:match.start()])
        parts.append((match.group(0), "reverse bold"))
        at = match.end()
    parts.append(text[at:])
    return Content.assemble(*parts)


class ActionDetail(VerticalScroll):
    """Shows `action` on `surface`; `done` holds the ticked step ids of that surface."""

    DEFAULT_CSS = """
    ActionDetail {
        padding: 0 1;
        & > Static { margin-bottom: 1; }
        & > #action-title { text-style: bold; margin-bottom: 0; }
        & > Tabs { margin-bottom: 1; }
    }
    """

    class SurfaceChosen(Message):
        """The person switched to another surface's tab."""

        def __init__(self, surface: str) -> None:
            super().__init__()
            self.surface = surface

    action: reactive[Action | None] = reactive(None, init=False)
    surface: reactive[str] = reactive("web", init=False)
    done: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    blocked: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    lang: reactive[str] = reactive("en", init=False)
    recheck: reactive[str] = reactive("", init=False)
    note: reactive[str] = reactive("", init=False)
    """The person's own note on this action (m to edit)."""
    """Why this finished action should be checked again ("" when it need not)."""

    def __init__(self, *, today: dt.date | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today or dt.date.today()

    def compose(self) -> ComposeResult:
        yield Static(id="action-title")
        yield Static(id="action-meta")
        yield Static(id="action-controls")
        yield Static(id="action-recheck")
        yield Static(id="action-note")
        yield Tabs(*(Tab(words.SURFACE_TAB["en"][s], id=f"surface-{s}") for s in SURFACES),
                   id="surface-tabs")
        yield Static(id="surface-note")
        yield StepChecklist(id="steps")
        yield Static(id="action-notes")
        yield Static(id="action-sources")

    def on_mount(self) -> None:
        self.query_one("#action-recheck", Static).display = False
        self.query_one("#action-note", Static).display = False

    def watch_action(self, action: Action | None) -> None:
        if action is None:
            return
        self.query_one("#action-title", Static).update(Content(action.title.get(self.lang)))
        self.query_one("#action-meta", Static).update(meta_content(action, self.lang))
        self.query_one("#action-controls", Static).update(
            Content(action.controls.get(self.lang)))
        self.query_one("#action-notes", Static).update(notes_content(action, self.lang))
        self.query_one("#action-sources", Static).update(
            sources_content(action, self.today, self.lang))
        tabs = self.query_one(Tabs)
        for sid in SURFACES:
            surface = action.surface(sid)
            tab = tabs.query_one(f"#surface-{sid}", Tab)
            if surface is None:
                tabs.hide(tab.id)
                continue
            tabs.show(tab.id)
            mark = {"yes": "", "no": " ✗", "unknown": " ?"}[surface.available]
            tab.label = words.SURFACE_TAB[self.lang][sid] + mark
        self.scroll_home(animate=False)
        self._show_surface()

    def watch_recheck(self, reason: str) -> None:
        box = self.query_one("#action-recheck", Static)
        box.update(Content.assemble((t(self.lang, "recheck"), "bold $text-warning"), reason)
                   if reason else Content(""))
        box.display = bool(reason)

    def watch_note(self, note: str) -> None:
        box = self.query_one("#action-note", Static)
        box.update(Content.assemble(("✎ ", "bold"), note) if note else Content(""))
        box.display = bool(note)

    def watch_surface(self) -> None:
        self._show_surface()

    def watch_done(self, done: frozenset[str]) -> None:
        self.query_one(StepChecklist).done = done

    def watch_blocked(self, blocked: frozenset[str]) -> None:
        self.query_one(StepChecklist).blocked = blocked

    def _show_surface(self) -> None:
        if self.action is None:
            return
        surface = self.action.surface(self.surface)
        tabs = self.query_one(Tabs)
        if surface is not None and tabs.active != f"surface-{surface.id}":
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = f"surface-{surface.id}"
        note = self.query_one("#surface-note", Static)
        text = surface_content(self.action, surface, self.lang) if surface else Content("")
        note.update(text)
        note.display = bool(text)
        checklist = self.query_one(StepChecklist)
        checklist.lang = self.lang
        checklist.steps = surface.steps if surface and surface.is_available else ()
        checklist.display = bool(checklist.steps)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab is not None and event.tab.id:
            self.post_message(self.SurfaceChosen(event.tab.id.removeprefix("surface-")))
