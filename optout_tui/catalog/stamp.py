"""`optout stamp`: write `fr_from` beside each French text that has none.

The stamp fingerprints the English text the French was translated from; when the English
changes later, the validator reports the French as stale. Lines are inserted into the file
as it is, so comments and layout stay; texts written in flow style ({en: …}) are skipped.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from optout_tui.catalog import spec
from optout_tui.catalog.model import source_stamp
from optout_tui.catalog.yamlnodes import Node, parse
from optout_tui.safe_files import atomic_write


@dataclass(frozen=True, slots=True)
class StampResult:
    added: int
    skipped_flow: int


def _texts(node: Node, type_: str) -> list[Node]:
    """Every text mapping below `node`, guided by the format's declared types."""
    found: list[Node] = []
    stack: list[tuple[Node, str]] = [(node, type_)]
    while stack:
        current, kind = stack.pop()
        if kind == "text":
            if current.kind == "map":
                found.append(current)
        elif kind == "list" or current.kind == "seq":
            continue
        elif kind in spec.OBJECTS and current.kind == "map":
            fields = spec.OBJECTS[kind]
            for key, value in current.pairs:
                field = fields.get(key.value or "")
                if field is None:
                    continue
                if field.type == "list" and value.kind == "seq":
                    stack.extend((item, field.items or "") for item in value.items)
                else:
                    stack.append((value, field.type))
    return found


def stamp_file(path: Path) -> StampResult:
    """Add the missing stamps to one file, atomically; returns how many were added."""
    text = path.read_text(encoding="utf-8")
    root = parse(text)
    if root is None:
        return StampResult(0, 0)
    lines = text.splitlines(keepends=True)
    inserts: list[tuple[int, str]] = []
    skipped = 0
    for mapping in _texts(root, "platform"):
        keys = {k.value: (k, v) for k, v in mapping.pairs}
        if "fr" not in keys or "fr_from" in keys or "en" not in keys:
            continue
        if mapping.flow:
            skipped += 1
            continue
        fr_key, fr_value = keys["fr"]
        english = keys["en"][1].value or ""
        line, column = fr_value.end
        at = line if column == 0 else line + 1
        indent = " " * (fr_key.column - 1)
        inserts.append((at, f'{indent}fr_from: "{source_stamp(english.strip())}"\n'))
    if not inserts:
        return StampResult(0, skipped)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for at, new in sorted(inserts, reverse=True):
        lines.insert(at, new)
    # the file keeps its own permissions
    atomic_write(path, "".join(lines), mode=stat.S_IMODE(path.stat().st_mode))
    return StampResult(len(inserts), skipped)
