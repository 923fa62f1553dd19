"""The catalog as typed, immutable values: platforms, their actions, surfaces and steps.

Knows nothing of YAML files, Textual or progress: the loader builds these, every face reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from threading import Lock
from typing import TYPE_CHECKING, Any, Protocol, Self, overload

from optout_tui.digest import sha256

if TYPE_CHECKING:
    from optout_tui.catalog.actions import Action as Action
    from optout_tui.catalog.actions import ActionFacts as ActionFacts
    from optout_tui.catalog.actions import Change as Change
    from optout_tui.catalog.actions import FormerLabel as FormerLabel
    from optout_tui.catalog.actions import LocalText as LocalText
    from optout_tui.catalog.actions import Setting as Setting
    from optout_tui.catalog.actions import Source as Source
    from optout_tui.catalog.actions import Step as Step
    from optout_tui.catalog.actions import Surface as Surface
    from optout_tui.catalog.actions import former_wordings as former_wordings

LANGUAGES = ("en", "fr")


class SurfaceId:
    """Where a control lives."""

    WEB = "web"
    IOS = "ios"
    ANDROID = "android"
    FORM = "form"
    EMAIL = "email"


class Kind:
    """What an action controls."""

    AI_TRAINING = "ai-training"
    THIRD_PARTY_SHARING = "third-party-sharing"
    PERSONALISATION = "personalisation"
    BIOMETRICS = "biometrics"
    ADVERTISING = "advertising"
    HISTORY_DELETION = "history-deletion"
    NO_OPT_OUT = "no-opt-out"
    OTHER = "other"


class Default:
    """How the control is set before the person touches it."""

    ON = "on"
    OFF = "off"
    UNKNOWN = "unknown"
    NONE = "none"  # there is no control


class Level:
    """A difficulty, priority or confidence."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    HIGH = "high"
    LOW = "low"


class Availability:
    """Whether the control exists on a surface."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class SetTo:
    """What to do with a setting."""

    OFF = "off"
    ON = "on"
    UNTICKED = "unticked"
    TICKED = "ticked"
    SUBMITTED = "submitted"
    DELETED = "deleted"
    CHOSEN = "chosen"


class SourceType:
    """Who published a source."""

    OFFICIAL = "official"
    PRESS = "press"
    GUIDE = "guide"
    COMMUNITY = "community"


class Category:
    """What a platform is."""

    SOCIAL = "social"
    MESSAGING = "messaging"
    VIDEO = "video"
    PUBLISHING = "publishing"
    AI_ASSISTANT = "ai-assistant"
    WORK = "work"
    CREATIVE = "creative"
    DEVELOPER = "developer"
    DEVICES = "devices"
    VOICE = "voice"
    SEARCH = "search"
    SHOPPING = "shopping"
    ENTERTAINMENT = "entertainment"
    EDUCATION = "education"
    OPERATING_SYSTEM = "operating-system"
    BROWSER = "browser"
    TV = "tv"
    SMART_HOME = "smart-home"
    CAR = "car"
    FINANCE = "finance"
    HEALTH = "health"
    GAMING = "gaming"
    TRAVEL = "travel"


UNKNOWN_DATE = "unknown"  # a source's `published` when the page shows no date


def _values(names: type) -> tuple[str, ...]:
    """The values a class of names above holds, in the order it lists them."""
    return tuple(v for k, v in vars(names).items() if k.isupper())


# The values each field allows, in the order the format lists them, as plain strings (what
# the loader reads). The classes above are plain names for them, not enums: `kind ==
# Kind.NO_OPT_OUT` compares two strings, and eight enums cost every launch 2-6 ms to define.
SURFACES = _values(SurfaceId)
KINDS = _values(Kind)
DEFAULTS = _values(Default)
DIFFICULTIES = (Level.EASY, Level.MEDIUM, Level.HARD)
PRIORITIES = (Level.HIGH, Level.MEDIUM, Level.LOW)
AVAILABILITY = _values(Availability)
SET_TO = _values(SetTo)
SOURCE_TYPES = _values(SourceType)
CONFIDENCE = PRIORITIES
CATEGORIES = _values(Category)
FORMAT_VERSION = 2  # what this version of optout reads; catalog/FORMAT.md describes it


def source_stamp(english: str) -> str:
    """A short fingerprint of an English text, stored beside its translation (`fr_from`)."""
    return sha256(" ".join(english.split()).encode("utf-8")).hexdigest()[:8]


STALE_AFTER_DAYS = 180  # an entry not checked for longer "may be out of date"

BLANK = r"(?s)\{\{(.*?)\}\}"  # compiled on first use (`re` keeps it), not at every launch


def blanks(text: str) -> list[str]:
    """The blanks still to fill in a template text, as written between {{ and }}."""
    return [m.group(1).strip() for m in re.finditer(BLANK, text)]


# An action and its parts (Action, ActionFacts, Surface, Step, LocalText…) are defined in
# catalog/actions.py and named here too: imported the first time one is asked for (a launch
# shows platforms, not their actions, and a NamedTuple costs a tenth of a millisecond to
# define), and typed here for the checker.
_ACTION_PARTS = frozenset(
    {
        "Action",
        "ActionFacts",
        "Change",
        "FormerLabel",
        "LocalText",
        "Setting",
        "Source",
        "Step",
        "Surface",
        "former_wordings",
    }
)


def __getattr__(name: str) -> Any:
    if name in _ACTION_PARTS:
        from optout_tui.catalog import actions

        return getattr(actions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Shelf(Protocol):
    """Where a platform served from the cache reads, on first use, what it does not hold:
    the facts and the full actions of its row, and the file it came from."""

    def facts(self, row: int) -> tuple[ActionFacts, ...]: ...

    def actions(self, row: int) -> tuple[Action, ...]: ...

    def origin(self, row: int) -> str: ...


LIST_SEPARATOR = "\x1e"
"""Between the items of a list a shelved platform is given as text (catalog text holds no
control character: the loader refuses them)."""

_SHARED_LISTS: dict[str, tuple[str, ...]] = {}
"""One tuple per set of categories or languages, shared by the platforms that have it."""


def _items(text: str) -> tuple[str, ...]:
    return tuple(text.split(LIST_SEPARATOR)) if text else ()


def _shared_items(text: str) -> tuple[str, ...]:
    found = _SHARED_LISTS.get(text)
    if found is None:
        found = _SHARED_LISTS.setdefault(text, _items(text))
    return found


class _ListGivenAsText:
    """A platform's list (domains, categories…) that a shelved platform is given as text:
    split (by `split`) when first asked for, and kept (in the slot of the same name with an
    underscore)."""

    def __init__(self, split: Callable[[str], tuple[str, ...]]) -> None:
        self.split = split
        self.slot = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, platform: Platform, owner: type | None = None) -> tuple[str, ...]:
        value = getattr(platform, self.slot)
        if type(value) is str:
            value = self.split(value)
            setattr(platform, self.slot, value)
        return value  # type: ignore[no-any-return]


class Platform:
    """A service and its opt-out actions, as read from one catalog file.

    `actions` may be read lazily: a platform served from the cache holds its names and
    counts, and reads its `facts`, its full actions and its `origin` from a shared shelf
    (the open cache file) the first time they are asked for: thousands of platforms cost a
    few hundred bytes each until they are looked at. Treat it as immutable, like the other
    model classes.
    """

    __slots__ = (
        "id",
        "name",
        "_domains",
        "_categories",
        "_languages",
        "_aliases",
        "doable",
        "tasks",
        "task_minutes",
        "_origin",
        "_facts",
        "_actions",
        "_shelf",
        "_row",
    )

    def __init__(
        self,
        id: str,
        name: str,
        domains: tuple[str, ...],  # noqa: A002
        categories: tuple[str, ...],
        languages: tuple[str, ...],
        actions: tuple[Action, ...],
        aliases: tuple[str, ...] = (),
        origin: str = "",
    ) -> None:
        self.id = id
        self.name = name
        self._domains: tuple[str, ...] | str = domains
        self._categories: tuple[str, ...] | str = categories
        self._languages: tuple[str, ...] | str = languages
        self._aliases: tuple[str, ...] | str = aliases
        self._origin: str | None = origin
        self._actions: tuple[Action, ...] | None = tuple(actions)
        self._shelf: Shelf | None = None
        self._row = 0
        from optout_tui.catalog.actions import ActionFacts

        self._facts: tuple[ActionFacts, ...] | None = tuple(
            ActionFacts.of(a) for a in self._actions
        )
        self.doable: int = sum(f.doable for f in self._facts)
        """How many actions can be done somewhere."""
        kept = [f for f in self._facts if f.is_task]
        self.tasks: int = len(kept)
        """How many of its actions are tasks (ActionFacts.is_task): a row's "3 to do" and the
        overall count of a platform nobody has touched, without reading its facts."""
        self.task_minutes: int = sum(f.minutes for f in kept)
        """The minutes its tasks take, for "about 25 minutes left"."""

    @classmethod
    def shelved(
        cls,
        id: str,  # noqa: A002
        name: str,
        domains: str,
        categories: str,
        languages: str,
        aliases: str,
        counts: tuple[int, int, int],
        shelf: Shelf,
        row: int,
    ) -> Self:
        """A platform whose facts, actions and origin are read from `shelf` (row `row`)
        when first asked for; `counts` are doable, tasks and task minutes. Its domains,
        categories, languages and aliases are given as text, the items joined by
        LIST_SEPARATOR, and split when first asked for (a launch over thousands of platforms
        shows a screenful of them)."""
        self = cls.__new__(cls)
        self.id = id
        self.name = name
        self._domains = domains
        self._categories = categories
        self._languages = languages
        self._aliases = aliases
        self.doable, self.tasks, self.task_minutes = counts
        self._origin = None
        self._facts = None
        self._actions = None
        self._shelf = shelf
        self._row = row
        return self

    domains = _ListGivenAsText(_items)
    categories = _ListGivenAsText(_shared_items)
    languages = _ListGivenAsText(_shared_items)
    aliases = _ListGivenAsText(_items)

    @property
    def origin(self) -> str:
        """The file it was read from."""
        if self._origin is None:
            assert self._shelf is not None
            self._origin = self._shelf.origin(self._row)
        return self._origin

    @property
    def facts(self) -> tuple[ActionFacts, ...]:
        if self._facts is None:
            self._facts = self.read_facts()
        return self._facts

    def read_facts(self) -> tuple[ActionFacts, ...]:
        """The facts, without keeping them when they were not in memory already (an index
        over thousands of platforms reads each once and needs them no more)."""
        if self._facts is None:
            if self._actions is not None:
                from optout_tui.catalog.actions import ActionFacts

                return tuple(ActionFacts.of(a) for a in self._actions)
            assert self._shelf is not None
            return self._shelf.facts(self._row)
        return self._facts

    @property
    def actions(self) -> tuple[Action, ...]:
        if self._actions is None:
            assert self._shelf is not None
            self._actions = self._shelf.actions(self._row)
        return self._actions

    @property
    def is_loaded(self) -> bool:
        """Whether the full actions are in memory (for tests and the benchmark)."""
        return self._actions is not None

    def action(self, action_id: str) -> Action | None:
        for action in self.actions:
            if action.id == action_id:
                return action
        return None

    def __repr__(self) -> str:
        return f"Platform(id={self.id!r}, name={self.name!r})"

    def __getstate__(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "domains": self.domains,
            "categories": self.categories,
            "languages": self.languages,
            "aliases": self.aliases,
            "origin": self.origin,
            "actions": self.actions,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        Platform.__init__(self, **state)


ONE_BY_ONE = 100
"""A catalog served from the cache makes the platforms asked for one by one up to this many
(a screenful, the platforms someone has progress on), then the rest in one pass."""


class ShelvedPlatforms(Sequence[Platform]):
    """A catalog's platforms served from the cache, in order, each made the first time it is
    asked for (and the same object every time after): a launch over thousands of platforms
    shows a screenful of them. Reads as the tuple of them (equal to it, iterated in order)."""

    __slots__ = (
        "_made",
        "_make",
        "_make_all",
        "_lock",
        "_totals",
        "_index",
        "_ids",
        "_read_ids",
        "_asked",
    )

    def __init__(
        self,
        count: int,
        ids: Callable[[], list[str]],
        make: Callable[[int], Platform],
        make_all: Callable[[], Sequence[Platform]],
        totals: Callable[[], tuple[int, int]],
    ) -> None:
        self._make_all = make_all
        """Every platform, made in one pass (when the whole catalog is read: the search)."""
        self._read_ids = ids
        self._ids: list[str] | None = None
        self._made: list[Platform | None] = [None] * count
        self._make: Callable[[int], Platform] | None = make
        self._lock = Lock()  # the search is built in a thread while the list is drawn
        self._totals = totals
        self._index: dict[str, int] | None = None
        self._asked = 0

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> Platform: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Platform, ...]: ...

    def __getitem__(self, index: int | slice) -> Platform | tuple[Platform, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        made = self._made[index]
        if made is None:
            with self._lock:
                made = self._made[index]
                if made is None:
                    assert self._make is not None
                    made = self._made[index] = self._make(index % len(self._made))
                    self._asked += 1
            if self._asked > ONE_BY_ONE:  # a search's results: make the rest in one pass
                self._make_every()
        return made

    def __iter__(self) -> Iterator[Platform]:
        self._make_every()
        return iter(self._made)  # type: ignore[arg-type]

    def _make_every(self) -> None:
        """Make the platforms not made yet, in one pass (one by one is five times slower)."""
        if self._make is None:
            return
        with self._lock:
            if self._make is not None:
                made = self._made
                every = self._make_all()
                for row, platform in enumerate(made):
                    if platform is None:
                        made[row] = every[row]
                self._make = None  # every one made (the columns stay: `ids` may still read them)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, ShelvedPlatforms)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def task_totals(self) -> tuple[int, int]:
        """Every platform's tasks and their minutes, summed (Platform.tasks and
        task_minutes), without making a platform."""
        return self._totals()

    @property
    def ids(self) -> list[str]:
        """Each platform's id, in order, without making one (read when first asked for)."""
        if self._ids is None:
            self._ids = self._read_ids()
        return self._ids

    def index_of(self, platform_id: str) -> int | None:
        """Where the platform with this id is, without making one."""
        if self._index is None:
            self._index = {pid: row for row, pid in enumerate(self.ids)}
        return self._index.get(platform_id)


class Catalog:
    """Every platform, sorted by name, with lookup by id. Treat it as immutable, like the
    other model classes (a plain class: every start defines it, and a frozen dataclass costs
    half a millisecond to define)."""

    __slots__ = ("platforms", "notices", "prepared", "_by_id")

    def __init__(
        self,
        platforms: tuple[Platform, ...] | ShelvedPlatforms,
        notices: tuple[str, ...] = (),
        prepared: Callable[[str], Any] | None = None,
    ) -> None:
        self.platforms = platforms
        self.notices = notices
        """Warnings about the catalog as a whole (an overlay replacing a platform's domains)."""
        self.prepared = prepared
        """Work done ahead by the cache, by name ("search-en": a language's folded search
        texts), or None when there is none; the search builds what it is not given."""
        self._by_id: dict[str, Platform] | None = None  # made on the first `get`

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (self.platforms, self.notices) == (other.platforms, other.notices)

    def __hash__(self) -> int:
        return hash((self.platforms, self.notices))

    def __repr__(self) -> str:
        return f"Catalog(platforms={self.platforms!r}, notices={self.notices!r})"

    def get(self, platform_id: str) -> Platform | None:
        platforms = self.platforms
        if isinstance(platforms, ShelvedPlatforms):
            row = platforms.index_of(platform_id)
            return None if row is None else platforms[row]
        if self._by_id is None:
            self._by_id = {p.id: p for p in platforms}
        return self._by_id.get(platform_id)

    def __len__(self) -> int:
        return len(self.platforms)
