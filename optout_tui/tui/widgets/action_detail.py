"""Everything about one action: what it controls, where, its steps, caveats and sources."""

from __future__ import annotations

import datetime as dt
import re

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, Tab, Tabs

from optout_tui.catalog.model import (
    BLANK,
    STALE_AFTER_DAYS,
    SURFACES,
    UNKNOWN_DATE,
    Action,
    Availability,
    Surface,
)
from optout_tui import wording
from optout_tui.history import change_lines, changed_heading
from optout_tui.i18n import translator
from optout_tui.text import clean
from optout_tui.tui.widgets.link_wrap import LinkWrap
from optout_tui.tui.widgets.step_checklist import StepChecklist
from optout_tui.wording import meta_words


def meta_content(action: Action, lang: str = "en") -> Content:
    """Kind, default, difficulty, regions and future-only, in words."""
    return Content(" · ".join(meta_words(action, lang)))


def sources_content(action: Action, today: dt.date, lang: str = "en") -> Content:
    """The sources, the verified date (with an out-of-date mark) and the confidence."""
    _ = translator(lang).gettext
    age = (today - action.verified).days
    verified: list[str | tuple[str, str]] = [
        _("Verified {date}").format(date=action.verified.isoformat())
    ]
    if age > STALE_AFTER_DAYS:
        verified.append(("  " + _("⚠ may be out of date"), "bold $text-warning"))
    verified.append(
        " · " + _("confidence: {c}").format(c=wording.CONFIDENCE.get(action.confidence, lang))
    )
    lines = [Content.assemble(*verified)]
    for source in action.sources:
        date = _("date unknown") if source.published == UNKNOWN_DATE else source.published
        kind = wording.SOURCE_TYPE.get(source.type, lang)
        lines.append(Content.assemble("• ", source.publisher, f" ({kind}, {date}): ", source.url))
    return Content("\n").join(lines)


def notes_content(action: Action, lang: str) -> Content:
    lines: list[Content] = []
    for caveat in action.caveats:
        lines.append(Content.assemble("! ", caveat.get(lang)))
    if action.check:
        lines.append(
            Content.assemble((translator(lang).gettext("Check: "), "bold"), action.check.get(lang))
        )
    if action.changes:
        lines.append(Content.styled(changed_heading(lang), "bold"))
        lines.extend(Content(f"  {line}") for line in change_lines(action, lang))
    return Content("\n").join(lines)


def surface_content(action: Action, surface: Surface, lang: str) -> Content:
    """What to say above the steps: where the control is missing (and where it is instead),
    notes, the link."""
    _ = translator(lang).gettext
    lines: list[Content] = []
    if not surface.is_available:
        missing = (
            _("✗ Not available here.")
            if surface.available == Availability.NO
            else _("? Nobody has confirmed whether it exists here.")
        )
        lines.append(Content.styled(missing, "bold $text-error"))
        elsewhere = [wording.SURFACE_TAB.get(s.id, lang) for s in action.available_surfaces]
        if elsewhere:
            lines.append(
                Content(
                    _(
                        "Available on: {where}. Press r for a QR code to open it on another device."
                    ).format(where=", ".join(elsewhere))
                )
            )
    if surface.note:
        lines.append(Content(surface.note.get(lang)))
    if surface.link:
        lines.append(Content.assemble(_("Link: "), surface.link, ("  " + _("(r: QR code)"), "dim")))
    if surface.address:
        lines.append(Content.assemble(_("Write to: "), (surface.address, "bold")))
    if surface.template:
        lines.append(Content.styled(_("Text to send (t: fill in the blanks and copy it):"), "bold"))
        lines.append(template_content(surface.template.get(lang)))
    return Content("\n").join(lines)


def template_content(text: str) -> Content:
    """The template with each {{blank}} in reverse video, so it stands out without colour."""
    parts: list[str | tuple[str, str]] = []
    at = 0
    for match in re.finditer(BLANK, text):
        parts.append(text[at : match.start()])
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
        /* The chosen surface is underlined, not only brighter: it shows under NO_COLOR too. */
        & > Tabs Tab.-active { text-style: not dim bold underline; }
        & > Tabs:focus Tab.-active { text-style: bold underline; }
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
        yield Tabs(
            *(Tab(wording.SURFACE_TAB.get(s, "en"), id=f"surface-{s}") for s in SURFACES),
            id="surface-tabs",
        )
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
        self.query_one("#action-controls", Static).update(Content(action.controls.get(self.lang)))
        self.query_one("#action-notes", Static).update(notes_content(action, self.lang))
        self.query_one("#action-sources", Static).update(
            LinkWrap(sources_content(action, self.today, self.lang))
        )
        tabs = self.query_one(Tabs)
        for sid in SURFACES:
            surface = action.surface(sid)
            tab = tabs.query_one(f"#surface-{sid}", Tab)
            if surface is None:
                tabs.hide(tab.id)
                continue
            tabs.show(tab.id)
            mark = {"yes": "", "no": " ✗", "unknown": " ?"}[surface.available]
            tab.label = wording.SURFACE_TAB.get(sid, self.lang) + mark
        self.scroll_home(animate=False)
        self._show_surface()

    def watch_recheck(self, reason: str) -> None:
        box = self.query_one("#action-recheck", Static)
        box.update(
            Content.assemble(
                (translator(self.lang).gettext("⟳ Needs re-check: "), "bold $text-warning"), reason
            )
            if reason
            else Content("")
        )
        box.display = bool(reason)

    def watch_note(self, note: str) -> None:
        box = self.query_one("#action-note", Static)
        # The person's own text, maybe imported: no control character reaches the terminal.
        box.update(Content.assemble(("✎ ", "bold"), clean(note)) if note else Content(""))
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
        note.update(LinkWrap(text))
        note.display = bool(text)
        checklist = self.query_one(StepChecklist)
        checklist.lang = self.lang
        checklist.steps = surface.steps if surface and surface.is_available else ()
        checklist.display = bool(checklist.steps)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab is not None and event.tab.id:
            self.post_message(self.SurfaceChosen(event.tab.id.removeprefix("surface-")))
