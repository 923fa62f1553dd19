"""Catalog entries as plain text lines and as JSON data, for show, list and walk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from optout_tui.catalog.model import STALE_AFTER_DAYS, SURFACE_NAMES, Action, LocalText, Platform, Step, Surface
from optout_tui.commands.common import Styler
from optout_tui.history import change_lines, changed_heading, former_note
from optout_tui.text import quoted

SET_TO = {"en": {"off": "turn off", "on": "turn on", "unticked": "untick", "ticked": "tick",
                 "submitted": "submit", "deleted": "delete", "chosen": "choose"},
          "fr": {"off": "désactiver", "on": "activer", "unticked": "décocher", "ticked": "cocher",
                 "submitted": "envoyer", "deleted": "supprimer", "chosen": "choisir"}}
WORDS = {
    "en": {"go": "Go to", "set": "Set", "link": "Link", "check": "Check", "sources": "Sources",
           "verified": "Verified", "stale": "may be out of date", "missing": "not available",
           "unknown": "not known", "steps_on": "Steps on", "caveat": "Note",
           "unconfirmed": "(?) wording not confirmed", "where": "Where",
           "default": "Default", "future": "stops future use only",
           "write_to": "Write to", "template": "Text to send (fill in each {{blank}}):"},
    "fr": {"go": "Aller à", "set": "Régler", "link": "Lien", "check": "Vérifier",
           "sources": "Sources", "verified": "Vérifié le", "stale": "peut-être périmé",
           "missing": "indisponible", "unknown": "inconnu", "steps_on": "Étapes sur",
           "caveat": "À savoir", "unconfirmed": "(?) libellé non confirmé", "where": "Où",
           "default": "Par défaut", "future": "n'arrête que l'utilisation future",
           "write_to": "Écrire à", "template": "Texte à envoyer (remplissez chaque {{blanc}}) :"},
}


ENUMS = {
    "en": {"on": "on", "off": "off", "unknown": "unknown", "none": "no control",
           "easy": "easy", "medium": "medium", "hard": "hard", "all": "everywhere"},
    "fr": {"on": "activé", "off": "désactivé", "unknown": "inconnu", "none": "aucun réglage",
           "easy": "facile", "medium": "moyen", "hard": "difficile", "all": "partout"},
}


def word(value: str, lang: str) -> str:
    return ENUMS[lang].get(value, value)


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
    w = WORDS[lang]
    lines = [f"{number}. {step.text.get(lang)}"]
    if step.path:
        lines.append(f"   {w['go']}: " + " › ".join(label(p, lang) for p in step.path))
    if step.setting:
        value = f" {label(step.setting.value, lang)}" if step.setting.value else ""
        lines.append(f"   {w['set']}: {label(step.setting.label, lang)} → "
                     f"{SET_TO[lang][step.setting.set_to]}{value}")
    if step.link:
        lines.append(f"   {w['link']}: {step.link}")
    return lines


def action_lines(platform: Platform, action: Action, surface: Surface | None, lang: str,
                 style: Styler, today: dt.date | None = None) -> list[str]:
    """The whole action as a numbered checklist for one surface, with its sources."""
    w = WORDS[lang]
    today = today or dt.date.today()
    lines = [style.bold(f"{platform.name}: {action.title.get(lang)}") + f"  [{platform.id}/{action.id}]",
             f"{action.kind} · {w['default']}: {word(action.default, lang)} · "
             f"{word(action.difficulty, lang)} · "
             f"{w['where']}: {', '.join(word(r, lang) for r in action.regions)}"
             + (f" · {w['future']}" if action.future_only else ""),
             action.controls.get(lang)]
    others = []
    for s in action.surfaces:
        state = {"yes": "✓", "no": "✗ " + w["missing"], "unknown": "? " + w["unknown"]}
        others.append(f"{SURFACE_NAMES[lang][s.id]} {state[s.available]}")
    lines.append(" | ".join(others))
    if surface is not None:
        lines.append("")
        lines.append(style.bold(f"{w['steps_on']} {SURFACE_NAMES[lang][surface.id]}:"))
        if surface.note:
            lines.append(surface.note.get(lang))
        if surface.link:
            lines.append(f"{w['link']}: {surface.link}")
        if surface.address:
            lines.append(f"{w['write_to']}: {surface.address}")
        for n, step in enumerate(surface.steps, start=1):
            lines.extend(step_lines(n, step, lang))
        if surface.template:
            lines.append(style.bold(w["template"]))
            lines.extend("    " + line for line in surface.template.get(lang).splitlines())
    for caveat in action.caveats:
        lines.append(f"! {caveat.get(lang)}")
    if action.check:
        lines.append(f"{w['check']}: {action.check.get(lang)}")
    if action.changes:
        lines.append(f"{changed_heading(lang)}:")
        lines.extend(f"  - {line}" for line in change_lines(action, lang))
    age = (today - action.verified).days
    stale = f" ⚠ {w['stale']}" if age > STALE_AFTER_DAYS else ""
    lines.append(style.dim(f"{w['verified']} {action.verified.isoformat()}{stale} · "
                           f"confidence: {action.confidence}"))
    lines.append(style.dim(f"{w['sources']}:"))
    for source in action.sources:
        lines.append(style.dim(f"  - {source.publisher} ({source.type}, {source.published}): "
                               f"{source.url}"))
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
        data["formerly"] = [{"en": f.en, **({"fr": f.fr} if f.fr else {}), "until": f.until}
                            for f in text.formerly]
    return data


def action_json(action: Action) -> dict[str, Any]:
    return {
        "id": action.id, "title": _text(action.title), "controls": _text(action.controls),
        "kind": action.kind, "default": action.default, "regions": list(action.regions),
        "plans": list(action.plans), "excluded_plans": list(action.excluded_plans),
        "difficulty": action.difficulty, "future_only": action.future_only,
        "priority": action.priority,
        "surfaces": {s.id: {
            "available": s.available, "note": _text(s.note), "link": s.link,
            "address": s.address, "template": _text(s.template),
            "steps": [{"id": st.id, "text": _text(st.text),
                       "path": [_text(p) for p in st.path],
                       "setting": None if st.setting is None else {
                           "label": _text(st.setting.label), "set_to": st.setting.set_to,
                           "value": _text(st.setting.value)},
                       "link": st.link} for st in s.steps]} for s in action.surfaces},
        "caveats": [_text(c) for c in action.caveats], "check": _text(action.check),
        "sources": [{"url": s.url, "publisher": s.publisher, "title": s.title,
                     "published": s.published, "type": s.type, "supports": s.supports}
                    for s in action.sources],
        "verified": action.verified.isoformat(), "confidence": action.confidence,
        "confidence_note": action.confidence_note, "minutes": action.minutes,
        "changes": [{"date": c.date, "what": _text(c.what)} for c in action.changes],
    }


def platform_json(platform: Platform, actions: list[Action] | None = None,
                  full: bool = False) -> dict[str, Any]:
    chosen = platform.actions if actions is None else actions
    return {
        "id": platform.id, "name": platform.name, "aliases": list(platform.aliases),
        "domains": list(platform.domains), "categories": list(platform.categories),
        "languages": list(platform.languages), "origin": platform.origin,
        "actions": [action_json(a) if full else {
            "id": a.id, "title": _text(a.title), "kind": a.kind, "default": a.default,
            "regions": list(a.regions), "priority": a.priority,
            "verified": a.verified.isoformat(), "confidence": a.confidence} for a in chosen],
    }
