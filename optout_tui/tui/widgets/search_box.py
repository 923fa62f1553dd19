"""The search box of the first screen: an Input whose typing never lays the screen out again.

Textual's Input sets its virtual size to the text's width on every key, and the virtual size
is a layout reactive, so each keystroke re-arranges every widget on the screen (milliseconds
with a long list). A one-line box with no scrollbars needs only a repaint: the same reactive,
without `layout`.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchBox(Input):
    """A single-line Input that repaints, rather than lays out, as its text changes."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)
