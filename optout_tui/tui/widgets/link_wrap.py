"""Text whose links wrap after a "/" (or "?", "&", "#") when they do not fit, never mid-word."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"\S+\s*|\s+")
_URL_PART = re.compile(r"[a-z]+://[^/?#]*[/?#]?|[^/?&#]*[/?&#]+|[^/?&#]+", re.IGNORECASE)
"""A link's pieces, each ending where a reader expects a break: "https://host/", "path/",
"page?", "a=1&", "b=2"."""


PATH = re.compile(r".+")
"""As LinkWrap's `links`: the whole text is one link (a file's path), broken at its slashes."""


def _pieces(plain: str, links: re.Pattern[str] = _URL) -> list[tuple[int, int]]:
    """(start, end) of each unbreakable piece of a line: words, and links cut at their slashes."""
    urls = [m.span() for m in links.finditer(plain)]
    pieces: list[tuple[int, int]] = []
    for word in _WORD.finditer(plain):
        start, end = word.span()
        url = next(((a, b) for a, b in urls if a < end and b > start), None)
        if url is None:
            pieces.append((start, end))
            continue
        if start < url[0]:
            pieces.append((start, url[0]))
        for part in _URL_PART.finditer(plain, url[0], url[1]):
            pieces.append(part.span())
        if url[1] < end:
            pieces.append((url[1], end))
    return pieces


def break_links(line: Content, width: int, links: re.Pattern[str] = _URL) -> list[Content]:
    """`line` cut into lines of at most `width` cells, breaking between words and inside links
    only after a separator; continuation lines keep the line's own indent."""
    plain = line.plain
    if width <= 0 or cell_len(plain) <= width or not links.search(plain):
        return [line]
    indent = len(plain) - len(plain.lstrip(" "))
    if indent >= width // 2:
        indent = 0
    cuts: list[int] = []
    column = 0
    for start, end in _pieces(plain, links):
        size = cell_len(plain[start:end].rstrip())
        if column and column + size > width:
            cuts.append(start)
            column = indent
        while column + size > width and end - start > 1:  # one piece wider than a line:
            room = max(1, width - column)  # fold it after a "-" or "_", else a "." or "="
            for marks in ("-_", ".="):
                soft = max(plain.rfind(mark, start, start + room) for mark in marks)
                if soft > start:
                    room = soft + 1 - start
                    break
            start += room
            size -= room
            cuts.append(start)
            column = indent
        column += cell_len(plain[start:end])
    lines = line.divide(cuts)
    return [lines[0].rstrip(), *(piece.rstrip().pad_left(indent) for piece in lines[1:])]


class LinkWrap(Visual):
    """Renders `content` like Content does, except that links break only at their separators."""

    def __init__(self, content: Content, links: re.Pattern[str] = _URL) -> None:
        self.content = content
        self.links = links
        self._fitted: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return str(self.content)

    @property
    def plain(self) -> str:
        return self.content.plain

    def fitted(self, width: int) -> Content:
        """The content with line breaks put in its links for `width` cells."""
        if self._fitted is None or self._fitted[0] != width:
            lines = [
                piece
                for line in self.content.split("\n", allow_blank=True)
                for piece in break_links(line, width, self.links)
            ]
            self._fitted = (width, Content("\n").join(lines))
        return self._fitted[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        pad = options.rules.get("line_pad", 0) * 2
        return self.fitted(width - pad).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        pad = rules.get("line_pad", 0) * 2
        return self.fitted(width - pad).get_height(rules, width)
