"""What changed on a platform, in words a person reads: renamed labels and dated changes.

Both faces (the app and the command line) say it the same way, so a person holding an old
guide recognises the setting: « Grok & Third-party Collaborators » — renamed in 2025
(formerly « Grok »).
"""

from __future__ import annotations

from optout_tui.catalog.model import Action, LocalText
from optout_tui.i18n import translator
from optout_tui.text import quoted


def former_note(label: LocalText, lang: str) -> str:
    """'renamed in 2025 (formerly «…»)' for a label with an earlier wording, else ''."""
    if not label.formerly:
        return ""
    newest = label.formerly[0]
    older = ", ".join(quoted(f.get(lang), lang) for f in label.formerly)
    return (
        translator(lang)
        .gettext("renamed in {year} (formerly {old})")
        .format(year=newest.year, old=older)
    )


def change_lines(action: Action, lang: str) -> list[str]:
    """One line per dated change of the action, newest first: '2025-06: what changed'."""
    return [f"{change.date}: {change.what.get(lang)}" for change in action.changes]


def changed_heading(lang: str) -> str:
    return translator(lang).gettext("What changed")
