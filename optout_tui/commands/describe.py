"""Catalog entries as plain text lines and as JSON data, for show, list and walk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from optout_tui.catalog.model import (
    STALE_AFTER_DAYS,
    UNKNOWN_DATE,
    Action,
    LocalText,
    Platform,
    Step,
    Surface,
)
from optout_tui.commands.common import Styler
from optout_tui.history import change_lines, changed_heading, former_note
from optout_tui.i18n import translator
from optout_tui.text import quoted
from optout_tui.wording import CONFIDENCE, SET_TO, SOURCE_TYPE, SURFACE, meta_words


def label(text: LocalText, lang: str) -> str:
    mark = "" if text.is_confirmed(lang) else " (?)"
    former = former_note(text, lang)
    return quoted(text.get(lang), lang) + mark + (f" — {former}" if former else "")


def choose_surface(action: Action, wanted: str | None) -> Surface | None:
    if wanted:
        return action.surface(wanted)
    available = action.available_surfaces
    return available[0] if available else (action.surfaces[0] if action.surfaces else None)


def step_lines(number: int, step: Step, lang: str) -> list[str]:
    _ = translator(lang).gettext
    lines = [f"{number}. {step.text.get(lang)}"]
    if step.path:
        lines.append("   " + _("Go to: ") + " › ".join(label(p, lang) for p in step.path))
    if step.setting:
        value = f" {label(step.setting.value, lang)}" if step.setting.value else ""
        lines.append(
            "   " + _("Set: ") + f"{label(step.setting.label, lang)} → "
            f"{SET_TO.get(step.setting.set_to, lang)}{value}"
        )
    if step.link:
        lines.append("   " + _("Link: ") + step.link)
    return lines


def action_lines(
    platform: Platform,
    action: Action,
    surface: Surface | None,
    lang: str,
    style: Styler,
    today: dt.date | None = None,
) -> list[str]:
    """The whole action as a numbered checklist for one surface, with its sources."""
    _ = translator(lang).gettext
    today = today or dt.date.today()
    heading = style.bold(f"{platform.name}: {action.title.get(lang)}")
    lines = [
        f"{heading}  [{platform.id}/{action.id}]",
        " · ".join(meta_words(action, lang)),
        action.controls.get(lang),
    ]
    others = []
    state = {"yes": "✓", "no": "✗ " + _("not available"), "unknown": "? " + _("not known")}
    for s in action.surfaces:
        others.append(f"{SURFACE.get(s.id, lang)} {state[s.available]}")
    lines.append(" | ".join(others))
    if surface is not None:
        lines.append("")
        lines.append(
            style.bold(_("Steps on {surface}:").format(surface=SURFACE.get(surface.id, lang)))
        )
        if surface.note:
            lines.append(surface.note.get(lang))
        if surface.link:
            lines.append(_("Link: ") + surface.link)
        if surface.address:
            lines.append(_("Write to: ") + surface.address)
        for n, step in enumerate(surface.steps, start=1):
            lines.extend(step_lines(n, step, lang))
        if surface.template:
            lines.append(style.bold(_("Text to send (fill in each {{blank}}):")))
            lines.extend("    " + line for line in surface.template.get(lang).splitlines())
    for caveat in action.caveats:
        lines.append(f"! {caveat.get(lang)}")
    if action.check:
        lines.append(_("Check: ") + action.check.get(lang))
    if action.changes:
        lines.append(f"{changed_heading(lang)}:")
        lines.extend(f"  - {line}" for line in change_lines(action, lang))
    verified = _("Verified {date}").format(date=action.verified.isoformat())
    if (today - action.verified).days > STALE_AFTER_DAYS:
        verified += "  " + _("⚠ may be out of date")
    confidence = _("confidence: {c}").format(c=CONFIDENCE.get(action.confidence, lang))
    lines.append(style.dim(f"{verified} · {confidence}"))
    lines.append(style.dim(_("Sources:")))
    for source in action.sources:
        published = _("date unknown") if source.published == UNKNOWN_DATE else source.published
        lines.append(
            style.dim(
                f"  - {source.publisher} ({SOURCE_TYPE.get(source.type, lang)}, "
                f"{published}): {source.url}"
            )
        )
    return lines


def _text(text: LocalText | None) -> dict[str, Any] | None:
    if text is None:
        return None
    data: dict[str, Any] = {"en": text.en}
    if text.fr is not None:
        data["fr"] = text.fr
    if text.unconfirmed:
        data["unconfirmed"] = sorted(text.unconfirmed)
    if text.formerly:
        data["formerly"] = [
            {"en": f.en, **({"fr": f.fr} if f.fr else {}), "until": f.until} for f in text.formerly
        ]
    return data


def action_json(action: Action) -> dict[str, Any]:
    return {
        "id": action.id,
        "title": _text(action.title),
        "controls": _text(action.controls),
        "kind": action.kind,
        "default": action.default,
        "regions": list(action.regions),
        "plans": list(action.plans),
        "excluded_plans": list(action.excluded_plans),
        "difficulty": action.difficulty,
        "future_only": action.future_only,
        "information_only": action.information_only,
        "priority": action.priority,
        "surfaces": {
            s.id: {
                "available": s.available,
                "note": _text(s.note),
                "link": s.link,
                "address": s.address,
                "template": _text(s.template),
                "steps": [
                    {
                        "id": st.id,
                        "text": _text(st.text),
                        "path": [_text(p) for p in st.path],
                        "setting": None
                        if st.setting is None
                        else {
                            "label": _text(st.setting.label),
                            "set_to": st.setting.set_to,
                            "value": _text(st.setting.value),
                        },
                        "link": st.link,
                    }
                    for st in s.steps
                ],
            }
            for s in action.surfaces
        },
        "caveats": [_text(c) for c in action.caveats],
        "check": _text(action.check),
        "sources": [
            {
                "url": s.url,
                "publisher": s.publisher,
                "title": s.title,
                "published": s.published,
                "type": s.type,
                "supports": s.supports,
            }
            for s in action.sources
        ],
        "verified": action.verified.isoformat(),
        "confidence": action.confidence,
        "confidence_note": action.confidence_note,
        "minutes": action.minutes,
        "changes": [{"date": c.date, "what": _text(c.what)} for c in action.changes],
    }


def platform_json(
    platform: Platform, actions: list[Action] | None = None, full: bool = False
) -> dict[str, Any]:
    chosen = platform.actions if actions is None else actions
    return {
        "id": platform.id,
        "name": platform.name,
        "aliases": list(platform.aliases),
        "domains": list(platform.domains),
        "categories": list(platform.categories),
        "languages": list(platform.languages),
        "origin": platform.origin,
        "actions": [
            action_json(a)
            if full
            else {
                "id": a.id,
                "title": _text(a.title),
                "kind": a.kind,
                "default": a.default,
                "regions": list(a.regions),
                "priority": a.priority,
                "verified": a.verified.isoformat(),
                "confidence": a.confidence,
            }
            for a in chosen
        ],
    }
