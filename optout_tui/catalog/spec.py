"""The catalog format's fields, declared once: the loader checks keys against this and the
JSON Schema for contributors' editors is generated from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from optout_tui.catalog import model as m

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DOMAIN_PATTERN = r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$"
REGION_PATTERN = r"^-?(?:[A-Z]{2}|EU|EEA|all)$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PUBLISHED_PATTERN = r"^(?:\d{4}-\d{2}(?:-\d{2})?|unknown)$"
PUBLISHED_DATE_PATTERN = r"^\d{4}-\d{2}(?:-\d{2})?$"
STAMP_PATTERN = r"^[0-9a-f]{8}$"


@dataclass(frozen=True, slots=True)
class Field:
    """One key: its type (a name below, or an object name) and whether it is required."""

    type: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    items: str | None = None  # for type "list": the type of each entry
    description: str = ""


def _f(type_: str, required: bool = False, **kw: Any) -> Field:
    return Field(type_, required, **kw)


OBJECTS: dict[str, dict[str, Field]] = {
    "platform": {
        "format": _f("format", True, description="The format version: 2"),
        "id": _f("string", True, pattern=ID_PATTERN, description="Equal to the file name"),
        "name": _f("string", True),
        "aliases": _f("list", items="string"),
        "domains": _f("list", True, items="domain"),
        "categories": _f("list", True, items="category"),
        "languages": _f("list", True, items="language"),
        "actions": _f("list", True, items="action"),
    },
    "action": {
        "id": _f("string", True, pattern=ID_PATTERN),
        "title": _f("text", True),
        "controls": _f("text", True),
        "kind": _f("string", True, enum=m.KINDS),
        "default": _f("string", True, enum=m.DEFAULTS),
        "regions": _f("list", items="region"),
        "plans": _f("list", items="string"),
        "excluded_plans": _f("list", items="string"),
        "difficulty": _f("string", True, enum=m.DIFFICULTIES),
        "future_only": _f("boolean", True),
        "information_only": _f(
            "boolean",
            description="true for advice rather than a setting "
            "to change (e.g. use a temporary chat): "
            "shown, never counted as a task",
        ),
        "priority": _f("string", enum=m.PRIORITIES),
        "surfaces": _f("surfaces", True),
        "caveats": _f("list", items="text"),
        "check": _f("text"),
        "sources": _f("list", True, items="source"),
        "verified": _f("string", True, pattern=DATE_PATTERN),
        "confidence": _f("string", True, enum=m.CONFIDENCE),
        "confidence_note": _f("string"),
        "minutes": _f(
            "minutes",
            True,
            description="Minutes a person needs on the easiest "
            "available surface (an estimate, 1-240)",
        ),
        "changes": _f(
            "list",
            items="change",
            description="Dated changes of the label, path, default or terms, newest first",
        ),
    },
    "change": {
        "date": _f("string", True, pattern=PUBLISHED_DATE_PATTERN),
        "what": _f("text", True),
    },
    "surfaces": {sid: _f("surface") for sid in m.SURFACES},
    "surface": {
        "available": _f("string", True, enum=m.AVAILABILITY),
        "note": _f("text"),
        "link": _f("url"),
        "template": _f(
            "text",
            description="form and email surfaces: the text to send, blanks written {{like this}}",
        ),
        "address": _f(
            "string",
            pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
            description="email surface: the address to write to",
        ),
        "steps": _f("list", items="step"),
    },
    "step": {
        "id": _f("string", True, pattern=ID_PATTERN),
        "text": _f("text", True),
        "path": _f("list", items="text"),
        "setting": _f("setting"),
        "link": _f("url"),
    },
    "setting": {
        "label": _f("text", True),
        "set_to": _f("string", True, enum=m.SET_TO),
        "value": _f("text"),
    },
    "source": {
        "url": _f("url", True),
        "publisher": _f("string", True),
        "title": _f("string"),
        "published": _f("string", True, pattern=PUBLISHED_PATTERN),
        "type": _f("string", True, enum=m.SOURCE_TYPES),
        "supports": _f("string"),
    },
    "text": {
        "en": _f("string", True),
        "fr": _f("string"),
        "fr_from": _f(
            "string",
            pattern=STAMP_PATTERN,
            description="Stamp of the English text the French was translated from",
        ),
        "unconfirmed": _f("list", items="language"),
        "formerly": _f(
            "list",
            items="former",
            description="labels only: the platform's earlier wordings, newest first",
        ),
    },
    "former": {
        "en": _f("string", True),
        "fr": _f("string"),
        "until": _f(
            "string",
            True,
            pattern=PUBLISHED_DATE_PATTERN,
            description="When the old wording stopped: YYYY-MM or YYYY-MM-DD",
        ),
    },
}


def required(obj: str) -> tuple[str, ...]:
    return tuple(k for k, f in OBJECTS[obj].items() if f.required)


def optional(obj: str) -> tuple[str, ...]:
    return tuple(k for k, f in OBJECTS[obj].items() if not f.required)
