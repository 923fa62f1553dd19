"""The catalog as typed, immutable values: platforms, their actions, surfaces and steps.

Knows nothing of YAML files, Textual or progress: the loader builds these, every face reads them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

LANGUAGES = ("en", "fr")
SURFACES = ("web", "ios", "android", "form", "email")
SURFACE_NAMES = {
    "en": {"web": "Desktop web", "ios": "iPhone app", "android": "Android app",
           "form": "Web form", "email": "Email"},
    "fr": {"web": "Site (ordinateur)", "ios": "App iPhone", "android": "App Android",
           "form": "Formulaire", "email": "E-mail"},
}
KINDS = ("ai-training", "third-party-sharing", "personalisation", "biometrics",
         "advertising", "history-deletion", "no-opt-out", "other")
DEFAULTS = ("on", "off", "unknown", "none")
DIFFICULTIES = ("easy", "medium", "hard")
PRIORITIES = ("high", "medium", "low")
AVAILABILITY = ("yes", "no", "unknown")
SET_TO = ("off", "on", "unticked", "ticked", "submitted", "deleted", "chosen")
SOURCE_TYPES = ("official", "press", "guide", "community")
CONFIDENCE = ("high", "medium", "low")
CATEGORIES = ("social", "messaging", "video", "publishing", "ai-assistant", "work",
              "creative", "developer", "devices", "voice", "search", "shopping",
              "entertainment", "education")


def source_stamp(english: str) -> str:
    """A short fingerprint of an English text, stored beside its translation (`fr_from`)."""
    return hashlib.sha256(" ".join(english.split()).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class LocalText:
    """A text in English and maybe French; `unconfirmed` lists languages nobody saw on screen."""

    en: str
    fr: str | None = None
    unconfirmed: frozenset[str] = frozenset()

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to English."""
        if lang == "fr" and self.fr:
            return self.fr
        return self.en

    def is_confirmed(self, lang: str) -> bool:
        """Whether the wording shown for `lang` was seen in a source."""
        shown = lang if (lang == "fr" and self.fr) else "en"
        return shown not in self.unconfirmed


@dataclass(frozen=True, slots=True)
class Setting:
    """The switch, box or option a step changes, and the state to leave it in."""

    label: LocalText
    set_to: str
    value: LocalText | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One instruction; its id is where progress is saved, so it never changes."""

    id: str
    text: LocalText
    path: tuple[LocalText, ...] = ()
    setting: Setting | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Surface:
    """Where the control lives: desktop web, an app, a form or an email."""

    id: str
    available: str
    note: LocalText | None = None
    link: str | None = None
    steps: tuple[Step, ...] = ()
    template: LocalText | None = None
    address: str | None = None

    @property
    def is_available(self) -> bool:
        return self.available == "yes"


BLANK = re.compile(r"\{\{(.*?)\}\}", re.S)


def blanks(text: str) -> list[str]:
    """The blanks still to fill in a template text, as written between {{ and }}."""
    return [m.group(1).strip() for m in BLANK.finditer(text)]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from."""

    url: str
    publisher: str
    published: str
    type: str
    title: str | None = None
    supports: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """One distinct control on a platform, with how to change it on each surface."""

    id: str
    title: LocalText
    controls: LocalText
    kind: str
    default: str
    difficulty: str
    future_only: bool
    surfaces: tuple[Surface, ...]
    sources: tuple[Source, ...]
    verified: dt.date
    confidence: str
    regions: tuple[str, ...] = ("all",)
    plans: tuple[str, ...] = ()
    excluded_plans: tuple[str, ...] = ()
    priority: str = "medium"
    caveats: tuple[LocalText, ...] = ()
    check: LocalText | None = None
    confidence_note: str | None = None

    def surface(self, surface_id: str) -> Surface | None:
        for surface in self.surfaces:
            if surface.id == surface_id:
                return surface
        return None

    @property
    def available_surfaces(self) -> tuple[Surface, ...]:
        return tuple(s for s in self.surfaces if s.is_available)

    @property
    def link(self) -> str | None:
        """The first link of the first surface that has one: where a phone should go."""
        for surface in self.available_surfaces:
            if surface.link:
                return surface.link
            for step in surface.steps:
                if step.link:
                    return step.link
        return None


@dataclass(frozen=True, slots=True)
class Platform:
    """A service and its opt-out actions, as read from one catalog file."""

    id: str
    name: str
    domains: tuple[str, ...]
    categories: tuple[str, ...]
    languages: tuple[str, ...]
    actions: tuple[Action, ...]
    aliases: tuple[str, ...] = ()
    origin: str = ""

    def action(self, action_id: str) -> Action | None:
        for action in self.actions:
            if action.id == action_id:
                return action
        return None


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every platform, sorted by name, with lookup by id."""

    platforms: tuple[Platform, ...]
    _by_id: dict[str, Platform] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.platforms})

    def get(self, platform_id: str) -> Platform | None:
        return self._by_id.get(platform_id)

    def __len__(self) -> int:
        return len(self.platforms)
