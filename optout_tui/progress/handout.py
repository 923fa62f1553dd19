"""The printable handout: a guide that stands on its own once the visitor has left the desk.

For each setting still to do: the steps on the surface the person chose (labels as in the
app, with what is already ticked), where and for whom it applies, their note, the caveats,
the sources' dates and a QR code of its link; then what was done (and what only as far as
possible), what was not possible and why, and the platforms with no opt-out in a section of
their own. Every QR code is printed the same size, at least 25 mm, and never split across
pages. Every catalog text and the person's own words are escaped. No Textual.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

from optout_tui.catalog.model import Action, Catalog, LocalText, Platform, Step, Surface
from optout_tui.i18n import translator
from optout_tui.progress.status import (  # summary: also for those who import it from here
    ActionProgress,
    ActionState,
    Standing,
    is_task,
    summary,
)
from optout_tui.progress.store import DEFAULT_PROFILE, DONE, NOT_POSSIBLE, ProgressStore, StepKey
from optout_tui.text import quoted
from optout_tui.wording import REGION, SET_TO, SURFACE

CODE_MM = 30.0  # the printed side of every QR code, quiet zone not counted (≥ 25 mm to scan)
QUIET_ZONE = 4  # modules of light margin drawn around each code (qr.svg_code's)

CSS = """
body{font-family:sans-serif;font-size:11pt;line-height:1.35;max-width:50em;margin:1.5em auto;
  color:#000;background:#fff}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.2em 0 .3em;
  border-bottom:2px solid #000;break-after:avoid;page-break-after:avoid}
.summary{font-size:1.1em;font-weight:bold}
.action{border-top:1px solid #888;padding:.5em 0 .6em;overflow:hidden}
.action h3{font-size:1.05em;margin:.1em 0 .2em;break-after:avoid;page-break-after:avoid}
.qr{float:right;margin:0 0 .5em 1em;text-align:center;font-size:.8em;
  break-inside:avoid;page-break-inside:avoid}
.qr svg{display:block}
.meta{color:#333;font-size:.9em}
ol.steps{padding-left:1.4em;margin:.3em 0}ol.steps li{margin:.2em 0}
.label{font-weight:bold}
.state{font-weight:bold}
.note{font-style:italic}
pre.text{white-space:pre-wrap;border:1px solid #888;padding:.4em;font-size:.9em}
code{word-break:break-all}
.small{font-size:.85em;color:#333}
@media print{body{margin:0 auto}a{color:#000}}
"""


class _Codes:
    """QR codes for one handout: each link drawn once, the mask picked once, every code
    printed CODE_MM wide whatever its number of modules."""

    def __init__(self) -> None:
        self._mask: int | None = None
        self._drawn: dict[str, str | None] = {}

    def __call__(self, url: str) -> str | None:
        if url not in self._drawn:
            from qrcode.exceptions import DataOverflowError

            from optout_tui.qr import svg_code

            try:
                svg, self._mask = svg_code(url, mask=self._mask)
            except (DataOverflowError, ValueError):  # too long for any QR version
                self._drawn[url] = None
            else:
                found = re.search(r'viewBox="0 0 (\d+) ', svg)
                if found is None:  # not qr.svg_code's drawing: leave it as drawn
                    self._drawn[url] = svg
                    return svg
                modules = int(found.group(1))
                side = CODE_MM * modules / (modules - 2 * QUIET_ZONE)
                self._drawn[url] = re.sub(
                    r'width="\d+" height="\d+"',
                    f'width="{side:.2f}mm" height="{side:.2f}mm"',
                    svg,
                    count=1,
                )
        return self._drawn[url]


def _link(action: Action, surface: Surface | None) -> str | None:
    """Where a phone should go for this action on this surface (else anywhere it exists)."""
    if surface is not None and surface.is_available:
        if surface.link:
            return surface.link
        for step in surface.steps:
            if step.link:
                return step.link
    return action.link


class Handout:
    """The handout of one person's progress, in one language."""

    def __init__(
        self,
        catalog: Catalog,
        store: ProgressStore,
        lang: str = "en",
        recheck_days: int | None = None,
        today: dt.date | None = None,
        platforms: Callable[[Platform], bool] | None = None,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.lang = lang
        self._ = translator(lang).gettext
        self.today = today or dt.date.today()
        self.standing = Standing.read(store, recheck_days)
        self.notes = store.notes()
        self.codes = _Codes()
        used = store.used()  # the platforms the person said they use, and those touched
        chosen = platforms or (lambda p: p.id in self.standing.busy or p.id in used)
        self.platforms = [p for p in catalog.platforms if chosen(p)]

    # -- small pieces ----------------------------------------------------------------
    def esc(self, text: str) -> str:
        return html.escape(text, quote=True)

    def label(self, text: LocalText) -> str:
        mark = "" if text.is_confirmed(self.lang) else " (?)"
        return (
            f'<span class="label">{self.esc(quoted(text.get(self.lang), self.lang))}</span>{mark}'
        )

    def step(self, platform: Platform, action: Action, surface: Surface, step: Step) -> str:
        _ = self._
        state = self.standing.states.get(StepKey(platform.id, action.id, surface.id, step.id))
        marks: dict[str | None, str] = {DONE: _("✔ done"), NOT_POSSIBLE: _("✗ not possible")}
        mark = marks.get(state, "☐")
        parts = [
            f'<span class="state">{self.esc(mark)}</span> {self.esc(step.text.get(self.lang))}'
        ]
        if step.path:
            parts.append(
                "<br>" + self.esc(_("Go to: ")) + " › ".join(self.label(p) for p in step.path)
            )
        if step.setting:
            value = f" {self.label(step.setting.value)}" if step.setting.value else ""
            parts.append(
                "<br>"
                + self.esc(_("Set: "))
                + self.label(step.setting.label)
                + " → "
                + self.esc(SET_TO.get(step.setting.set_to, self.lang))
                + value
            )
        if step.link:
            parts.append("<br>" + self.esc(_("Link: ")) + f"<code>{self.esc(step.link)}</code>")
        return "<li>" + "".join(parts) + "</li>"

    def where(self, action: Action) -> str:
        """Region and plan limits, in words."""
        _ = self._
        regions = ", ".join(REGION.get(r, self.lang) for r in action.regions)
        parts = [_("Applies: {regions}").format(regions=regions)]
        if action.plans:
            parts.append(_("only on: {plans}").format(plans=", ".join(action.plans)))
        if action.excluded_plans:
            parts.append(_("not for: {plans}").format(plans=", ".join(action.excluded_plans)))
        if action.future_only:
            parts.append(_("stops future use only"))
        return self.esc(" · ".join(parts))

    def sources(self, action: Action) -> str:
        _ = self._
        dated = "; ".join(f"{s.publisher} ({s.published})" for s in action.sources)
        return self.esc(
            _("Checked {date} against: {sources}").format(
                date=action.verified.isoformat(), sources=dated
            )
        )

    def note(self, platform: Platform, action: Action) -> str:
        found = self.notes.get((platform.id, action.id))
        if not found:
            return ""
        words = self._("Your note: {note}").format(note=found[0])
        return f'<p class="note">{self.esc(words)}</p>'

    def surface_of(self, action: Action, progress: ActionProgress) -> Surface | None:
        """The surface the person worked on, else the first where the control exists."""
        if progress.surface:
            return action.surface(progress.surface)
        available = action.available_surfaces
        return available[0] if available else None

    def state_words(self, progress: ActionProgress) -> str:
        _ = self._
        if progress.state == ActionState.IN_PROGRESS:
            return (
                _("Started: {done} of {total} steps done, {blocked} not possible").format(
                    done=progress.done, total=progress.total, blocked=progress.blocked
                )
                if progress.blocked
                else _("Started: {done} of {total} steps done").format(
                    done=progress.done, total=progress.total
                )
            )
        if progress.state == ActionState.NEEDS_RECHECK:
            why = progress.recheck.reason_in(self.lang) if progress.recheck else ""
            return _("Done, but look again: {why}").format(why=why)
        return _("Not started")

    # -- sections --------------------------------------------------------------------
    def to_do(self, platform: Platform, action: Action, progress: ActionProgress) -> str:
        _ = self._
        surface = self.surface_of(action, progress)
        link = _link(action, surface)
        code = self.codes(link) if link else None
        parts = ['<div class="action">']
        if link:
            caption = (
                self.esc(_("Scan to open"))
                if code
                else self.esc(_("This link is too long for a QR code; type it in."))
            )
            parts.append(
                f'<div class="qr" data-link="{self.esc(link)}">{code or ""}{caption}</div>'
            )
        parts.append(f"<h3>{self.esc(platform.name)}: {self.esc(action.title.get(self.lang))}</h3>")
        minutes = _("about {n} min").format(n=action.minutes)
        parts.append(
            f'<p class="meta"><span class="state">{self.esc(self.state_words(progress))}'
            f"</span> · {self.esc(minutes)}<br>{self.where(action)}</p>"
        )
        parts.append(f"<p>{self.esc(action.controls.get(self.lang))}</p>")
        if surface is not None:
            heading = _("Steps on {surface}:").format(surface=SURFACE.get(surface.id, self.lang))
            parts.append(f"<p><strong>{self.esc(heading)}</strong></p>")
            if surface.note:
                parts.append(f"<p>{self.esc(surface.note.get(self.lang))}</p>")
            if surface.address:
                write_to = _("Write to: ")
                parts.append(f"<p>{self.esc(write_to)}<code>{self.esc(surface.address)}</code></p>")
            parts.append(
                '<ol class="steps">'
                + "".join(self.step(platform, action, surface, s) for s in surface.steps)
                + "</ol>"
            )
            if surface.template:
                filled = self.store.filled(platform.id).get((action.id, surface.id))
                text = filled if filled is not None else surface.template.get(self.lang)
                send = _("Text to send (fill in each {{blank}}):")
                parts.append(f'<p>{self.esc(send)}</p><pre class="text">{self.esc(text)}</pre>')
            others = [
                SURFACE.get(s.id, self.lang)
                for s in action.available_surfaces
                if s.id != surface.id
            ]
            if others:
                also = _("Also possible on: {where}").format(where=", ".join(others))
                parts.append(f'<p class="small">{self.esc(also)}</p>')
        if link:
            link_word = _("Link: ")
            parts.append(f"<p>{self.esc(link_word)}<code>{self.esc(link)}</code></p>")
        for caveat in action.caveats:
            parts.append(f'<p class="small">! {self.esc(caveat.get(self.lang))}</p>')
        if action.check:
            check = _("Check: ") + action.check.get(self.lang)
            parts.append(f"<p>{self.esc(check)}</p>")
        parts.append(self.note(platform, action))
        parts.append(f'<p class="small">{self.sources(action)}</p></div>')
        return "".join(parts)

    def finished(self, platform: Platform, action: Action, progress: ActionProgress) -> str:
        _ = self._
        words = {
            ActionState.DONE: _("✔ done"),
            ActionState.AS_FAR_AS_POSSIBLE: _("✔ done as far as possible"),
        }
        extra = ""
        if progress.state == ActionState.AS_FAR_AS_POSSIBLE:
            surface = self.surface_of(action, progress)
            blocked = (
                []
                if surface is None
                else [
                    s.text.get(self.lang)
                    for s in surface.steps
                    if self.standing.states.get(StepKey(platform.id, action.id, surface.id, s.id))
                    == NOT_POSSIBLE
                ]
            )
            extra = "<br>" + self.esc(
                _("Not possible for you: {steps}").format(steps=" · ".join(blocked))
            )
        return (
            f"<li><strong>{self.esc(words[progress.state])}</strong> "
            f"{self.esc(platform.name)}: {self.esc(action.title.get(self.lang))}{extra}"
            f"{self.note(platform, action)}</li>"
        )

    def impossible(self, platform: Platform, action: Action, progress: ActionProgress) -> str:
        _ = self._
        surface = self.surface_of(action, progress)
        why = []
        if surface is not None:
            why.append(
                _("every step on {surface} was marked not possible for you").format(
                    surface=SURFACE.get(surface.id, self.lang)
                )
            )
        others = [
            SURFACE.get(s.id, self.lang)
            for s in action.available_surfaces
            if surface is None or s.id != surface.id
        ]
        if others:
            why.append(_("it may still be possible on: {where}").format(where=", ".join(others)))
        return (
            f"<li><strong>{self.esc(platform.name)}: "
            f"{self.esc(action.title.get(self.lang))}</strong><br>"
            f"{self.esc('; '.join(why))}<br>{self.where(action)}"
            f"{self.note(platform, action)}</li>"
        )

    def no_opt_out(self, platform: Platform, action: Action) -> str:
        _ = self._
        surface = self.surface_of(action, ActionProgress(ActionState.INFORMATION))
        steps = "".join(
            f"<li>{self.esc(s.text.get(self.lang))}</li>"
            for s in (surface.steps if surface else ())
        )
        instead_word = _("What you can do instead:")
        instead = f"<p>{self.esc(instead_word)}</p><ul>{steps}</ul>" if steps else ""
        return (
            f'<div class="action"><h3>{self.esc(platform.name)}: '
            f"{self.esc(action.title.get(self.lang))}</h3>"
            f"<p>{self.esc(action.controls.get(self.lang))}</p>{instead}"
            f'<p class="small">{self.sources(action)}</p></div>'
        )

    # -- the page --------------------------------------------------------------------
    def html(self) -> str:
        _ = self._
        todo, done, impossible, info = [], [], [], []
        for platform in self.platforms:
            for action in platform.actions:
                if not is_task(action):
                    if action.kind == "no-opt-out":
                        info.append((platform, action))
                    continue
                progress = self.standing.action(platform.id, action)
                if progress.state in (ActionState.DONE, ActionState.AS_FAR_AS_POSSIBLE):
                    done.append((platform, action, progress))
                elif progress.state == ActionState.NOT_POSSIBLE:
                    impossible.append((platform, action, progress))
                else:
                    todo.append((platform, action, progress))
        overall = self.standing.overall(self.platforms)
        person = self.store.profile
        if person == DEFAULT_PROFILE:
            person = translator(self.lang).pgettext("person", "default")
        title = self.esc(_("Opt-out guide for {person}").format(person=person))
        parts = [
            "<!doctype html>",
            f'<html lang="{self.esc(self.lang)}"><head><meta charset="utf-8">',
            f"<title>{title}</title>",
            f"<style>{CSS}</style></head><body>",
            f"<h1>{title}</h1>",
            f'<p class="summary">{self.esc(summary(overall, self.lang))}</p>',
            "<p>"
            + self.esc(
                _(
                    "Printed {date}. Scan a code with your phone's camera to "
                    "open the setting, or type the link below it."
                ).format(date=self.today.isoformat())
            )
            + "</p>",
            "<h2>" + self.esc(_("Still to do")) + "</h2>",
        ]
        parts += [self.to_do(*item) for item in todo] or [
            "<p>" + self.esc(_("Nothing left. Well done.")) + "</p>"
        ]
        parts.append("<h2>" + self.esc(_("Done")) + "</h2><ul>")
        parts += [self.finished(*item) for item in done] or [
            "<li>" + self.esc(_("(none yet)")) + "</li>"
        ]
        parts.append("</ul>")
        if impossible:
            parts.append("<h2>" + self.esc(_("Not possible for you")) + "</h2><ul>")
            parts += [self.impossible(*item) for item in impossible]
            parts.append("</ul>")
        if info:
            parts.append("<h2>" + self.esc(_("No opt-out exists")) + "</h2>")
            parts += [self.no_opt_out(*item) for item in info]
        parts.append("</body></html>")
        return "\n".join(parts) + "\n"


def to_html(
    catalog: Catalog,
    store: ProgressStore,
    lang: str = "en",
    recheck_days: int | None = None,
    today: dt.date | None = None,
) -> str:
    """The printable handout of `store`'s person, in `lang`."""
    return Handout(catalog, store, lang, recheck_days, today).html()
