"""One-shot migration of catalog files from format 1 to format 2, keeping their layout.

    python scripts/migrate_format2.py catalog/platforms/*.yaml

- quotes every plain value that a YAML 1.1 reader (PyYAML, most tools) takes for a boolean,
  number or null where the format wants text: `default: on` becomes `default: "on"`,
  `available: yes` becomes `available: "yes"`, a region `NO` becomes `"NO"`;
- adds `minutes:` after each action's `difficulty:` — an estimate from the difficulty and
  the number of steps on the easiest available surface (one switch: 2 minutes; a few screens:
  5; a form or an email: 15; information only: 1), to be corrected by hand where known;
- sets `format: 2`.
A file already in format 2 is left as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from optout_tui.catalog.loader import yaml_type
from optout_tui.catalog.yamlnodes import Node, parse

TYPED = {
    "format": "int",
    "future_only": "bool",
    "minutes": "int",
    "verified": "timestamp",
    "published": "timestamp",
    "until": "timestamp",
    "date": "timestamp",
}
BASE_MINUTES = {"easy": 2, "medium": 5, "hard": 15}


def _plain_values(node: Node, key: str | None, out: list[Node]) -> None:
    if node.kind == "map":
        for k, v in node.pairs:
            _plain_values(v, k.value, out)
    elif node.kind == "seq":
        for item in node.items:
            _plain_values(item, key, out)
    elif node.plain and node.value:
        found = yaml_type(node.value)
        if found != "str" and found != TYPED.get(key or "", "str"):
            out.append(node)


def _get(node: Node, key: str) -> Node | None:
    for k, v in node.pairs if node.kind == "map" else ():
        if k.value == key:
            return v
    return None


def estimate(action: Node) -> int:
    difficulty = (_get(action, "difficulty") or Node("scalar", 0, 0, "medium")).value
    default = (_get(action, "default") or Node("scalar", 0, 0, "")).value
    kind = (_get(action, "kind") or Node("scalar", 0, 0, "")).value
    surfaces = _get(action, "surfaces")
    counts = []
    for _, surface in surfaces.pairs if surfaces is not None else ():
        available = _get(surface, "available")
        steps = _get(surface, "steps")
        if available is not None and available.value == "yes" and steps is not None:
            counts.append(len(steps.items))
    if kind == "no-opt-out" or default == "none" or not counts:
        return 1
    base = BASE_MINUTES.get(difficulty, 5)
    return base + max(0, min(counts) - 4)


def migrate(text: str) -> str:
    root = parse(text)
    if root is None or root.kind != "map":
        raise ValueError("not a platform mapping")
    fmt = _get(root, "format")
    if fmt is not None and fmt.value == "2":
        return text
    lines = text.split("\n")
    quoted: list[Node] = []
    _plain_values(root, None, quoted)
    # edits from the end of the file backwards, so earlier positions stay valid
    edits: list[tuple[int, int, int, str]] = []  # (line, start column, end column, new)
    for node in quoted:
        line, col = node.line - 1, node.column - 1
        end_line, end_col = node.end
        assert end_line == line, "a multi-line plain value cannot be a boolean or number"
        edits.append((line, col, end_col, f'"{node.value}"'))
    if fmt is not None:
        edits.append((fmt.line - 1, fmt.column - 1, fmt.end[1], "2"))
    for line, start, end, new in sorted(edits, reverse=True):
        lines[line] = lines[line][:start] + new + lines[line][end:]
    inserts: list[tuple[int, str]] = []
    actions = _get(root, "actions")
    for action in actions.items if actions is not None else ():
        if _get(action, "minutes") is not None:
            continue
        for key, value in action.pairs:
            if key.value == "difficulty":
                indent = " " * (key.column - 1)
                inserts.append((value.end[0] + 1, f"{indent}minutes: {estimate(action)}"))
    for at, new in sorted(inserts, reverse=True):
        lines.insert(at, new)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        after = migrate(before)
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"{path}: migrated to format 2")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
