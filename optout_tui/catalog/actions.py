"""An action and its parts, as typed, immutable values: what a platform's actions are made of
(Action, its surfaces and steps, their texts and sources) and what the list needs of one
(ActionFacts). The model names them too (catalog.model), importing this module the first time
one is asked for: a launch shows platforms, not their actions.
"""

import datetime as dt
from typing import NamedTuple, Self

from optout_tui.catalog.model import Availability, Kind

# The values below (the small ones, and Step, Surface and Action) are NamedTuples rather than
# frozen dataclasses: as immutable, far cheaper to define when the module is imported (every
# command and every start of the app pays it: a frozen dataclass costs half a millisecond to
# define, a NamedTuple a tenth of that) and to create by the tens of thousands when a catalog
# loads.


class FormerLabel(NamedTuple):
    """A platform's earlier wording of a label, and until when it was shown."""

    en: str
    until: str  # YYYY-MM or YYYY-MM-DD
    fr: str | None = None

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" and self.fr else self.en

    @property
    def year(self) -> str:
        return self.until[:4]


class LocalText(NamedTuple):
    """A text in English and maybe French; `unconfirmed` lists languages nobody saw on screen.

    A label (a menu entry or switch the platform shows) may list its earlier wordings in
    `formerly`, newest first, so a person holding an old guide recognises it.
    """

    en: str
    fr: str | None = None
    unconfirmed: frozenset[str] = frozenset()
    formerly: tuple[FormerLabel, ...] = ()

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to English."""
        if lang == "fr" and self.fr:
            return self.fr
        return self.en

    def is_confirmed(self, lang: str) -> bool:
        """Whether the wording shown for `lang` was seen in a source."""
        shown = lang if (lang == "fr" and self.fr) else "en"
        return shown not in self.unconfirmed


class Setting(NamedTuple):
    """The switch, box or option a step changes, and the state to leave it in."""

    label: LocalText
    set_to: str
    value: LocalText | None = None


class Step(NamedTuple):
    """One instruction; its id is where progress is saved, so it never changes."""

    id: str
    text: LocalText
    path: tuple[LocalText, ...] = ()
    setting: Setting | None = None
    link: str | None = None


class Surface(NamedTuple):
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
        return self.available == Availability.YES


class Source(NamedTuple):
    """Where a fact comes from."""

    url: str
    publisher: str
    published: str
    type: str
    title: str | None = None
    supports: str | None = None


class Change(NamedTuple):
    """A dated change of an action's label, path, default or terms."""

    date: str  # YYYY-MM-DD or YYYY-MM
    what: LocalText


class Action(NamedTuple):
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
    minutes: int = 5  # the time a person needs on the easiest available surface (an estimate)
    regions: tuple[str, ...] = ("all",)
    plans: tuple[str, ...] = ()
    excluded_plans: tuple[str, ...] = ()
    priority: str = "medium"
    caveats: tuple[LocalText, ...] = ()
    check: LocalText | None = None
    confidence_note: str | None = None
    changes: tuple[Change, ...] = ()  # newest first
    information_only: bool = False  # advice (use a temporary chat), not a setting to change

    def surface(self, surface_id: str) -> Surface | None:
        for surface in self.surfaces:
            if surface.id == surface_id:
                return surface
        return None

    @property
    def is_task(self) -> bool:
        """Something a person can do, as ActionFacts.is_task says from the facts: not when no
        opt-out exists, nor when the control exists on no surface, nor when it is advice."""
        return (
            self.kind != Kind.NO_OPT_OUT
            and bool(self.available_surfaces)
            and not self.information_only
        )

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


class ActionFacts(NamedTuple):
    """What the platform list, search, filters and "what next" need of an action, without its
    surfaces, steps and sources: a big catalog can list thousands of platforms from these and
    read a platform's full actions only when it is opened."""

    id: str
    title: LocalText
    kind: str
    default: str
    priority: str
    difficulty: str
    regions: tuple[str, ...]
    doable: bool  # the control exists on at least one surface
    minutes: int = 5
    formerly: tuple[str, ...] = ()  # earlier wordings of its labels, for search

    @property
    def is_task(self) -> bool:
        """Something a person can do: not when no opt-out exists (its steps are what one can
        do instead), nor when the control exists on no surface, nor when it is advice
        (`doable` is False for those two)."""
        return self.kind != Kind.NO_OPT_OUT and self.doable

    @classmethod
    def of(cls, action: Action) -> Self:
        return cls(
            action.id,
            action.title,
            action.kind,
            action.default,
            action.priority,
            action.difficulty,
            action.regions,
            bool(action.available_surfaces) and not action.information_only,
            action.minutes,
            former_wordings(action),
        )


def former_wordings(action: Action) -> tuple[str, ...]:
    """Every earlier wording of the action's labels, English and French, once each."""
    found: dict[str, None] = {}
    for surface in action.surfaces:
        for step in surface.steps:
            labels = list(step.path)
            if step.setting is not None:
                labels.append(step.setting.label)
                if step.setting.value is not None:
                    labels.append(step.setting.value)
            for label in labels:
                for former in label.formerly:
                    found[former.en] = None
                    if former.fr:
                        found[former.fr] = None
    return tuple(found)
