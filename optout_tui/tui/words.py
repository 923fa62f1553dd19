"""Short app-authored words for catalog enums, shown next to catalog text."""

from __future__ import annotations

SET_TO = {
    "off": "turn off", "on": "turn on", "unticked": "untick", "ticked": "tick",
    "submitted": "submit", "deleted": "delete", "chosen": "choose",
}
KIND = {
    "ai-training": "AI training", "third-party-sharing": "Third-party sharing",
    "personalisation": "Personalisation", "biometrics": "Biometrics",
    "advertising": "Advertising", "history-deletion": "History deletion",
    "no-opt-out": "No opt-out available", "other": "Other",
}
DEFAULT = {"on": "on by default", "off": "off by default", "unknown": "default unknown",
           "none": "no control"}
SURFACE_TAB = {"web": "Web", "ios": "iPhone", "android": "Android", "form": "Form",
               "email": "Email"}
DONE_MARK = "✔ done"
TODO_MARK = "○ to do"
