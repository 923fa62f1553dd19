"""The JSON Schema of a platform file, generated from catalog/spec.py (never edited by hand).

`optout schema` prints it; catalog/schema.json is the committed copy editors read through the
`# yaml-language-server: $schema=` line, and a test keeps that copy up to date.
"""

from __future__ import annotations

import json
import re
from typing import Any

from optout_tui.catalog import model as m
from optout_tui.catalog import spec
from optout_tui.catalog.yamlnodes import Node

_LEAVES: dict[str, dict[str, Any]] = {
    "string": {"type": "string", "minLength": 1},
    "boolean": {"type": "boolean"},
    "format": {"enum": [m.FORMAT_VERSION]},
    "minutes": {"type": "integer", "minimum": 1, "maximum": 240},
    "url": {"type": "string", "pattern": "^https://[^\\s/]+"},
    "domain": {"type": "string", "pattern": spec.DOMAIN_PATTERN},
    "category": {"enum": list(m.CATEGORIES)},
    "language": {"enum": list(m.LANGUAGES)},
    "region": {"type": "string", "pattern": spec.REGION_PATTERN},
}


def _type(name: str) -> dict[str, Any]:
    if name in spec.OBJECTS:
        return {"$ref": f"#/$defs/{name}"}
    return dict(_LEAVES[name])


def _field(field: spec.Field) -> dict[str, Any]:
    if field.type == "list":
        schema: dict[str, Any] = {"type": "array", "items": _type(field.items or "string")}
        if field.required:
            schema["minItems"] = 1
    else:
        schema = _type(field.type)
        if field.enum:
            schema = {"enum": list(field.enum)}
        if field.pattern:
            schema["pattern"] = field.pattern
    if field.description:
        schema["description"] = field.description
    return schema


def _object(fields: dict[str, spec.Field]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {key: _field(f) for key, f in fields.items()},
        "additionalProperties": False,
    }
    required = [key for key, f in fields.items() if f.required]
    if required:
        schema["required"] = required
    return schema


def json_schema() -> dict[str, Any]:
    defs = {name: _object(fields) for name, fields in spec.OBJECTS.items()}
    defs["surfaces"]["minProperties"] = 1
    defs["text"] = {"anyOf": [{"type": "string", "minLength": 1}, defs["text"]]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"optout-tui platform file (catalog format {m.FORMAT_VERSION})",
        "description": "One platform's opt-out actions. See catalog/FORMAT.md.",
        "$ref": "#/$defs/platform",
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


_INT = re.compile(r"^-?[0-9]+$")


def as_json_value(node: Node) -> Any:
    """A node tree as JSON data, read as a YAML 1.2 editor reads it (yes/on stay words)."""
    if node.kind == "map":
        return {k.value: as_json_value(v) for k, v in node.pairs}
    if node.kind == "seq":
        return [as_json_value(item) for item in node.items]
    value = node.value
    if not node.plain:
        return value
    if value in ("true", "false"):
        return value == "true"
    if value is not None and _INT.match(value):
        return int(value)
    return value
