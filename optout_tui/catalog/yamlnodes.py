"""Read YAML into a plain tree of positioned nodes, safely.

Built from PyYAML's event stream with an explicit stack, so there is no recursion to blow up,
no constructor that could run code, and every value keeps its line and column for messages.
Anchors and aliases are refused (they are how "billion laughs" bombs are built, and a catalog
never needs them), and so is any tag beyond YAML's standard scalar and collection tags.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 32
_STANDARD_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULLS = {"", "~", "null", "Null", "NULL"}


class YamlProblem(Exception):
    """The file is not YAML we accept; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class Node:
    """A scalar (`value` is a str, or None for null), a mapping or a sequence.

    A plain class with slots rather than a dataclass: a catalog has tens of thousands of
    nodes, and a scalar shares one empty tuple for its `items` and `pairs`."""

    __slots__ = ("kind", "line", "column", "value", "items", "pairs", "end", "flow", "plain")
    items: list[Node]  # a scalar's and a mapping's are one shared empty tuple
    pairs: list[tuple[Node, Node]]  # a scalar's and a sequence's too

    def __init__(
        self,
        kind: str,
        line: int,
        column: int,
        value: str | None = None,
        items: Any = (),
        pairs: Any = (),
        end: tuple[int, int] = (0, 0),
        flow: bool = False,
        plain: bool = False,
    ) -> None:
        self.kind = kind  # "scalar" | "map" | "seq"
        self.line = line  # 1-based, as are columns
        self.column = column
        self.value = value
        self.items = items  # seq items
        self.pairs = pairs  # map entries
        self.end = end  # 0-based line and column just after the node
        self.flow = flow  # written [a, b] or {a: b} rather than as indented lines
        self.plain = plain  # a scalar written without quotes (so `1` may be read as a number)

    @property
    def describe(self) -> str:
        return {"scalar": "a single value", "map": "a mapping", "seq": "a list"}[self.kind]

    def __repr__(self) -> str:
        return f"Node({self.kind!r}, line={self.line}, column={self.column}, value={self.value!r})"


def _where(mark: Any) -> tuple[int, int]:
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
    from optout_tui.heap import collector_paused

    with collector_paused():  # every node made here stays alive: nothing for it to free
        return _parse(data)


def _parse(data: bytes | str) -> Node | None:
    import yaml  # here, not at the top: a cached catalog needs no YAML at all
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    try:  # the C parser when PyYAML was built with libyaml: same events, faster
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - depends on the PyYAML build
        from yaml import SafeLoader as loader  # type: ignore[assignment]
    stack: list[Node] = []
    keys: list[Node | None] = []  # per open mapping, the key waiting for its value
    root: Node | None = None
    documents = 0
    standard, nulls = _STANDARD_TAGS, _NULLS
    parser = loader(data)
    get_event: Any = parser.get_event  # events typed loosely: their fields depend on the class
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.anchor is not None:
                    raise YamlProblem(
                        "anchors (&name) are not allowed in catalog files", line, column
                    )
                tag = event.tag
                if tag not in standard:
                    raise YamlProblem(f"the tag {tag!r} is not allowed", line, column)
                if cls is ScalarEvent:
                    value: str | None = event.value
                    if tag is None and event.implicit[0] and value in nulls:
                        value = None
                    elif tag == "tag:yaml.org,2002:null":
                        value = None
                    end = event.end_mark
                    node = Node(
                        "scalar",
                        line,
                        column,
                        value,
                        (),
                        (),
                        (end.line, end.column),
                        False,
                        not event.style and tag is None,
                    )
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line, column)
                    if cls is SequenceStartEvent:
                        node = Node(
                            "seq", line, column, None, [], (), (0, 0), bool(event.flow_style)
                        )
                    else:
                        node = Node(
                            "map", line, column, None, (), [], (0, 0), bool(event.flow_style)
                        )
                if stack:  # attach to the open collection
                    parent = stack[-1]
                    if parent.kind == "seq":
                        parent.items.append(node)
                    elif keys[-1] is None:
                        keys[-1] = node
                    else:
                        parent.pairs.append((keys[-1], node))
                        keys[-1] = None
                else:
                    root = node
                if cls is not ScalarEvent:
                    stack.append(node)
                    keys.append(None)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                end = event.end_mark
                stack.pop().end = (end.line, end.column)
                keys.pop()
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, column = _where(event.start_mark)
                    raise YamlProblem(
                        "only one YAML document per file (found a second '---')", line, column
                    )
            elif cls is AliasEvent:
                line, column = _where(event.start_mark)
                raise YamlProblem("aliases (*name) are not allowed in catalog files", line, column)
            elif cls is StreamEndEvent:
                break
    except yaml.MarkedYAMLError as error:
        line, column = _where(error.problem_mark or error.context_mark)
        text = error.problem or error.context or "invalid YAML"
        raise YamlProblem(f"YAML syntax error: {text}", line, column) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses (NUL, a control…)
        line, column = _position(data, error.position)
        raise YamlProblem(
            f"not readable as YAML: {error.reason} (character U+{error.character:04X})"
            if isinstance(error.character, int)
            else f"not readable as YAML: {error.reason}",
            line,
            column,
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = _where(mark)
        raise YamlProblem(f"not readable as YAML: {error}", line, column) from None
    finally:
        parser.dispose()
    return root
