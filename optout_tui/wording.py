"""Catalog values in words (kinds, defaults, surfaces…), shared by the app, the commands and
the exports; the English here is the gettext source, translated through `i18n`."""

from __future__ import annotations

from dataclasses import dataclass

from optout_tui.catalog.model import Action
from optout_tui.i18n import NC_, translator


@dataclass(frozen=True, slots=True)
class Words:
    """The words for the values of one field; `context` tells translators which field."""

    context: str
    english: dict[str, str]

    def get(self, value: str, lang: str) -> str:
        """`value` in words in `lang` (the value itself when it has no words)."""
        message = self.english.get(value)
        return translator(lang).pgettext(self.context, message) if message else value


KIND = Words(
    "kind",
    {
        "ai-training": NC_("kind", "AI training"),
        "third-party-sharing": NC_("kind", "Third-party sharing"),
        "personalisation": NC_("kind", "Personalisation"),
        "biometrics": NC_("kind", "Biometrics"),
        "advertising": NC_("kind", "Advertising"),
        "history-deletion": NC_("kind", "History deletion"),
        "no-opt-out": NC_("kind", "No opt-out available"),
        "other": NC_("kind", "Other"),
    },
)
DEFAULT = Words(
    "default",
    {
        "on": NC_("default", "on by default"),
        "off": NC_("default", "off by default"),
        "unknown": NC_("default", "default unknown"),
        "none": NC_("default", "no control"),
    },
)
DIFFICULTY = Words(
    "difficulty",
    {
        "easy": NC_("difficulty", "easy"),
        "medium": NC_("difficulty", "medium"),
        "hard": NC_("difficulty", "hard"),
    },
)
REGION = Words("region", {"all": NC_("region", "everywhere")})
CATEGORY = Words(
    "category",
    {
        "social": NC_("category", "Social"),
        "messaging": NC_("category", "Messaging"),
        "video": NC_("category", "Video"),
        "publishing": NC_("category", "Publishing"),
        "ai-assistant": NC_("category", "AI assistants"),
        "work": NC_("category", "Work"),
        "creative": NC_("category", "Creative"),
        "developer": NC_("category", "Developer"),
        "devices": NC_("category", "Devices"),
        "voice": NC_("category", "Voice"),
        "search": NC_("category", "Search"),
        "shopping": NC_("category", "Shopping"),
        "entertainment": NC_("category", "Entertainment"),
        "education": NC_("category", "Education"),
        "operating-system": NC_("category", "Operating systems"),
        "browser": NC_("category", "Browsers"),
        "tv": NC_("category", "TVs"),
        "smart-home": NC_("category", "Smart home"),
        "car": NC_("category", "Cars"),
        "finance": NC_("category", "Money"),
        "health": NC_("category", "Health"),
        "gaming": NC_("category", "Gaming"),
        "travel": NC_("category", "Travel"),
    },
)
SET_TO = Words(
    "set to",
    {
        "off": NC_("set to", "turn off"),
        "on": NC_("set to", "turn on"),
        "unticked": NC_("set to", "untick"),
        "ticked": NC_("set to", "tick"),
        "submitted": NC_("set to", "submit"),
        "deleted": NC_("set to", "delete"),
        "chosen": NC_("set to", "choose"),
    },
)
SURFACE_TAB = Words(
    "surface tab",
    {
        "web": NC_("surface tab", "Web"),
        "ios": NC_("surface tab", "iPhone"),
        "android": NC_("surface tab", "Android"),
        "form": NC_("surface tab", "Form"),
        "email": NC_("surface tab", "Email"),
    },
)
SURFACE = Words(
    "surface",
    {
        "web": NC_("surface", "Desktop web"),
        "ios": NC_("surface", "iPhone app"),
        "android": NC_("surface", "Android app"),
        "form": NC_("surface", "Web form"),
        "email": NC_("surface", "Email"),
    },
)
STATUS = Words(
    "status",
    {
        "not-started": NC_("status", "Not started"),
        "in-progress": NC_("status", "In progress"),
        "done": NC_("status", "Done"),
        "needs-recheck": NC_("status", "Needs re-check"),
        "not-possible": NC_("status", "Not possible here"),
        "done-as-far-as-possible": NC_("status", "Done as far as possible"),
        "information": NC_("status", "Information only"),
    },
)
CONFIDENCE = Words(
    "confidence",
    {
        "high": NC_("confidence", "high"),
        "medium": NC_("confidence", "medium"),
        "low": NC_("confidence", "low"),
    },
)
SOURCE_TYPE = Words(
    "source type",
    {
        "official": NC_("source type", "official"),
        "press": NC_("source type", "press"),
        "guide": NC_("source type", "guide"),
        "community": NC_("source type", "community"),
    },
)


def meta_words(action: Action, lang: str) -> list[str]:
    """Kind, default, difficulty, regions, future-only and excluded plans, in words."""
    _ = translator(lang).gettext
    regions = ", ".join(REGION.get(r, lang) for r in action.regions)
    parts = [
        KIND.get(action.kind, lang),
        DEFAULT.get(action.default, lang),
        _("difficulty: {d}").format(d=DIFFICULTY.get(action.difficulty, lang)),
        _("where: {r}").format(r=regions),
    ]
    if action.future_only:
        parts.append(_("stops future use only"))
    if action.excluded_plans:
        parts.append(_("not for: {p}").format(p=", ".join(action.excluded_plans)))
    if action.information_only:
        parts.append(_("advice, not a setting: not counted as a task"))
    return parts
