"""The keys, and what the marks on screen mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# optout: keys

| Key | What it does |
|---|---|
| / | search platforms and settings as you type |
| ↑ ↓, mouse | move through platforms, actions and steps |
| Enter, click | open a platform; on an action, go to its steps |
| Space, Enter, click | tick or untick a step (saved at once) |
| x | mark a step "not possible for me" (your region, your plan, no such menu) |
| Tab, Shift+Tab | move between the action list and the steps |
| s | switch surface: desktop web, iPhone, Android, form, email |
| u | undo your last change (in this session) |
| m | write a note on the action (saved with your progress, exported too) |
| n | on the platform list: new person (a fresh profile, for a helpdesk) |
| p | on the platform list: choose whose progress (profiles) |
| e | on the platform list: export a printable handout (HTML, with QR codes) |
| r | show a QR code of the link, to open it on a phone |
| o | open the link in your browser |
| c | copy the link (through the terminal's clipboard) |
| i | on the QR code: invert it, when a phone cannot read it |
| Escape | go back |
| ? or F1 | this help |
| Ctrl+P | command palette: jump to a platform, change theme (high contrast) |
| q, Ctrl+Q | quit (your ticks are already saved) |

## Marks

- **✔ done**, **○ to do**, **◐** started, **✗ not possible**: the state of a step, action
  or platform.
- **“Label”**: the exact words to look for on the platform's screen.
- **(?)**: that wording was not confirmed in a source, so look for something close.
- **✗**: the control does not exist on that surface (the iPhone app, say).
- **⟳ re-check**: you finished this, but the instructions changed since, or it was more
  than 90 days ago; platforms reset settings, so look again.
- **⚠ may be out of date**: nobody has checked this entry for more than 180 days.

Press Escape to close.
"""


class HelpScreen(ModalScreen[None]):
    """A modal with the key table; any of Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close-q"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close-help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP, open_links=False)
