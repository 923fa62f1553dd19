"""Read YAML into a plain tree of positioned nodes, safely.

Built from PyYAML's event stream with an explicit stack, so there is no recursion to blow up,
no constructor that could run code, and every value keeps its line and column for messages.
Anchors and aliases are refused (they are how "billion laughs" bombs are built, and a catalog
never needs them), and so is any tag beyond YAML's standard scalar and collection tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 32
_STANDARD_TAGS = {
    None, "!",
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}
_NULLS = {"", "~", "null", "Null", "NULL"}


class YamlProblem(Exception):
    """The file is not YAML we accept; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Node:
    """A scalar (`value` is a str, or None for null), a mapping or a sequence."""

    kind: str  # "scalar" | "map" | "seq"
    line: int
    column: int
    value: str | None = None
    items: list[Node] = field(default_factory=list)  # seq items
    pairs: list[tuple[Node, Node]] = field(default_factory=list)  # map entries
    end: tuple[int, int] = (0, 0)  # 0-based line and column just after the node
    flow: bool = False  # written [a, b] or {a: b} rather than as indented lines
    plain: bool = False  # a scalar written without quotes (so `1` may be read as a number)

    @property
    def describe(self) -> str:
        return {"scalar": "a single value", "map": "a mapping", "seq": "a list"}[self.kind]


def _where(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _position(data: bytes | str, index: int) -> tuple[int, int]:
    """The 1-based line and column of the `index`-th character of `data`."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def parse(data: bytes | str) -> Node | None:
    """Parse one YAML document into a Node tree; None for an empty document."""
    import yaml  # here, not at the top: a cached catalog needs no YAML at all

    try:  # the C parser when PyYAML was built with libyaml: same events, faster
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - depends on the PyYAML build
        from yaml import SafeLoader as loader  # type: ignore[assignment]
    stack: list[Node] = []
    pending_key: list[Node | None] = []
    root: Node | None = None
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.kind == "seq":
            parent.items.append(node)
        elif pending_key[-1] is None:
            pending_key[-1] = node
        else:
            parent.pairs.append((pending_key[-1], node))
            pending_key[-1] = None

    try:
        for event in yaml.parse(data, Loader=loader):
            line, column = _where(event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("only one YAML document per file (found a second '---')",
                                      line, column)
            elif isinstance(event, yaml.AliasEvent):
                raise YamlProblem("aliases (*name) are not allowed in catalog files", line, column)
            elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                                    yaml.MappingStartEvent)):
                if event.anchor is not None:
                    raise YamlProblem("anchors (&name) are not allowed in catalog files",
                                      line, column)
                if event.tag not in _STANDARD_TAGS:
                    raise YamlProblem(f"the tag {event.tag!r} is not allowed", line, column)
                if isinstance(event, yaml.ScalarEvent):
                    value: str | None = event.value
                    if event.tag is None and event.implicit[0] and event.value in _NULLS:
                        value = None
                    if event.tag == "tag:yaml.org,2002:null":
                        value = None
                    attach(Node("scalar", line, column, value=value,
                                end=(event.end_mark.line, event.end_mark.column),
                                plain=not event.style and event.tag is None))
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line, column)
                    kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
                    node = Node(kind, line, column, flow=bool(event.flow_style))
                    attach(node)
                    stack.append(node)
                    pending_key.append(None)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop().end = (event.end_mark.line, event.end_mark.column)
                pending_key.pop()
    except yaml.MarkedYAMLError as error:
        line, column = _where(error.problem_mark or error.context_mark)
        text = error.problem or error.context or "invalid YAML"
        raise YamlProblem(f"YAML syntax error: {text}", line, column) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses (NUL, a control…)
        line, column = _position(data, error.position)
        raise YamlProblem(f"not readable as YAML: {error.reason} (character "
                          f"U+{error.character:04X})" if isinstance(error.character, int)
                          else f"not readable as YAML: {error.reason}", line, column) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = _where(mark)
        raise YamlProblem(f"not readable as YAML: {error}", line, column) from None
    return root
