"""Load catalog files into the model, reporting every problem as `file:line:column: message`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from optout_tui.catalog import model as m
from optout_tui.catalog import spec
from optout_tui.catalog.files import platform_files
from optout_tui.catalog.links import LinkProblem, check_link, replacement_notice
from optout_tui.catalog.problems import CatalogError, Problem
from optout_tui.catalog.regions import is_region
from optout_tui.catalog.yamlnodes import Node, YamlProblem, parse
from optout_tui.heap import collector_paused
from optout_tui.safe_files import FileTooLarge, read_regular
from optout_tui.text import clean, has_control, has_invisible

MAX_FILE_BYTES = 2_000_000
MAX_STRING = 4_000
MAX_LIST = 200
STALE_AFTER_DAYS = m.STALE_AFTER_DAYS
_ID = re.compile(spec.ID_PATTERN)
_DOMAIN = re.compile(spec.DOMAIN_PATTERN)
_YES = {"yes", "true"}
_NO = {"no", "false"}


_YAML_TYPE_WORDS = {
    "bool": "true/false value",
    "int": "number",
    "float": "number",
    "null": "empty value",
    "timestamp": "date",
}


# The longest plain value starting with a letter that YAML 1.1 types: "false" (a bool, like
# yes, on, no, off, true; null and its cases are the other words), and its patterns' final $
# also allows a line break after it. (A test checks the resolvers agree on longer ones.)
_LONGEST_WORD = len("false\n")


@lru_cache(maxsize=8192)
def yaml_type(value: str) -> str:
    """The type a standard (YAML 1.1) reader gives a plain scalar: str, bool, int, float,
    null or timestamp, from PyYAML's own implicit resolvers. (Cached: the same words, such
    as yes, official or a date, come back in every file.)"""
    first = value[:1]
    if first not in _resolver().yaml_implicit_resolvers:
        return "str"  # no implicit type starts with this character
    if len(value) > _LONGEST_WORD and first.isalpha():
        return "str"  # a sentence: only words (true, no, null…) are typed and start with a letter
    import yaml  # only a file being parsed gets here, and the parser imported it already

    tag: str = _resolver().resolve(yaml.ScalarNode, value, (True, False))
    return tag.rsplit(":", 1)[-1]


@lru_cache(maxsize=1)
def _resolver() -> Any:
    """One resolver for every value (making one per value cost more than resolving)."""
    import yaml

    return yaml.resolver.Resolver()


class _Invalid(Exception):
    """Raised inside the builder to abandon one field after recording its problem."""


# Fields whose text is a label the platform shows (they may list former wordings).
LABELS = frozenset({("step", "path"), ("setting", "label"), ("setting", "value")})
# How each object names its fields in messages ("action 'x': title", "source url", "text.fr").
_JOIN = {
    "action": ": ",
    "surface": ": ",
    "step": ": ",
    "setting": ": ",
    "source": " ",
    "text": ".",
    "former": ".",
    "change": ".",
}
_SETTING_NAMES = {"label": "setting label", "value": "setting value"}
# Lists whose entries are simple values may be empty; lists of objects or choices may not.
_EMPTY_ALLOWED = frozenset({"string", "text", "region", "domain"})


class _Builder:
    """Turns one file's node tree into a Platform, collecting problems as it goes.

    Fields are read generically, by the type spec.OBJECTS gives them (`read`); what involves
    more than one field is a named rule run on the object once its fields are read (`RULES`).
    """

    def __init__(self, path: str, today: dt.date, file_id: str) -> None:
        self.path = path
        self.today = today
        self.file_id = file_id
        self.surface_id = ""  # the surface being read (its rules depend on it)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.domains: tuple[str, ...] = ()
        self.languages: tuple[str, ...] = ("en",)

    # -- reporting -------------------------------------------------------------------
    def fail(self, node: Node, message: str) -> _Invalid:
        self.problems.append(Problem(self.path, node.line, node.column, message))
        return _Invalid()

    def warn(self, node: Node, message: str) -> None:
        self.warnings.append(Problem(self.path, node.line, node.column, message, "warning"))

    def guarded(
        self, fn: Callable[..., Any], *args: Any, default: Any = None, **kwargs: Any
    ) -> Any:
        """Call a field reader; on a recorded problem return `default` and carry on."""
        try:
            return fn(*args, **kwargs)
        except _Invalid:
            return default

    # -- shapes ----------------------------------------------------------------------
    def mapping(self, node: Node, where: str, obj: str) -> dict[str, Node]:
        """The keys of a mapping of object type `obj` (see spec.OBJECTS), checked."""
        if node.kind != "map":
            raise self.fail(node, f"{where} must be a mapping of keys, not {node.describe}")
        fields_spec = spec.OBJECTS[obj]
        fields: dict[str, Node] = {}
        for key, value in node.pairs:
            if key.kind != "scalar" or key.value is None:
                self.fail(key, f"{where}: keys must be plain names")
                continue
            if key.value in fields:
                self.fail(key, f"{where}: {key.value!r} is given twice")
            elif key.value not in fields_spec:
                hint = ", ".join(sorted(fields_spec))
                self.fail(key, f"{where}: unknown key {key.value!r} (expected one of: {hint})")
            else:
                fields[key.value] = value
        for name in spec.required(obj):
            if name not in fields:
                self.fail(node, f"{where}: missing required key {name!r}")
        return fields

    def seq(self, node: Node, where: str, *, allow_empty: bool = False) -> list[Node]:
        if node.kind != "seq":
            raise self.fail(node, f"{where} must be a list, not {node.describe}")
        if not node.items and not allow_empty:
            raise self.fail(node, f"{where} must not be empty")
        if len(node.items) > MAX_LIST:
            raise self.fail(node, f"{where} has {len(node.items)} entries (at most {MAX_LIST})")
        return node.items

    # -- values ----------------------------------------------------------------------
    def string(self, node: Node, where: str, *, typed: str = "str") -> str:
        """A text value; `typed` names the YAML type a plain (unquoted) value may have here
        ("str", "bool", "int" or "timestamp"); any other reading is refused, so every YAML
        reader gets the same value (YAML 1.1 reads a plain `on`, `no` or `NO` as a boolean)."""
        if node.kind == "scalar" and node.plain and node.value:
            found = yaml_type(node.value)
            if found != "str" and found != typed:
                raise self.fail(
                    node,
                    f"{where}: write {node.value} in quotes "
                    f'("{node.value}"): YAML readers take it as a '
                    f"{_YAML_TYPE_WORDS.get(found, found)}, not as text",
                )
        if node.kind != "scalar":
            raise self.fail(node, f"{where} must be text, not {node.describe}")
        if node.value is None or not node.value.strip():
            raise self.fail(node, f"{where} must not be empty")
        if len(node.value) > MAX_STRING:
            raise self.fail(
                node, f"{where} is {len(node.value)} characters long (at most {MAX_STRING})"
            )
        if has_control(node.value):
            self.fail(
                node,
                f"{where} contains control characters or terminal escape "
                "sequences, which are not allowed",
            )
        return clean(node.value.strip())

    def choice(self, node: Node, where: str, allowed: tuple[str, ...]) -> str:
        value = self.string(node, where)
        if value not in allowed:
            raise self.fail(node, f"{where}: {value!r} is not one of: {', '.join(allowed)}")
        return value

    def boolean(self, node: Node, where: str) -> bool:
        value = self.string(node, where, typed="bool").lower()
        if value in _YES:
            return True
        if value in _NO:
            return False
        raise self.fail(node, f"{where} must be true or false, not {value!r}")

    def ident(self, node: Node, where: str) -> str:
        value = self.string(node, where)
        if not _ID.match(value):
            raise self.fail(
                node, f"{where} {value!r} must be lowercase letters, digits and single hyphens"
            )
        return value

    def date(self, node: Node, where: str, *, partial: bool = False, dated: bool = False) -> str:
        """A date; `partial` allows YYYY-MM (and 'unknown', unless `dated`)."""
        value = self.string(node, where, typed="timestamp")
        if partial and not dated and value == m.UNKNOWN_DATE:
            return value
        formats = ("%Y-%m-%d", "%Y-%m") if partial else ("%Y-%m-%d",)
        for fmt in formats:
            try:
                parsed = dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
            if parsed > self.today:
                raise self.fail(node, f"{where} {value} is in the future")
            return value
        shape = (
            ("YYYY-MM-DD or YYYY-MM" if dated else "YYYY-MM-DD, YYYY-MM or 'unknown'")
            if partial
            else "YYYY-MM-DD"
        )
        raise self.fail(node, f"{where} {value!r} is not a date ({shape})")

    def url(self, node: Node, where: str, *, own_domain: bool) -> str:
        value = self.string(node, where)
        try:  # read as browsers read it (WHATWG), see catalog/links.py
            return check_link(value, self.domains if own_domain else None)
        except LinkProblem as problem:
            raise self.fail(node, f"{where}: {problem}") from None

    def domain(self, node: Node, where: str) -> str:
        value = self.string(node, where)
        if not _DOMAIN.match(value):
            raise self.fail(node, f"{where}: {value!r} is not a domain name like example.com")
        return value

    def minutes(self, node: Node, where: str) -> int:
        value = self.string(node, where, typed="int")
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 240:
            raise self.fail(
                node, f"{where} must be a whole number of minutes from 1 to 240, not {value!r}"
            )
        return int(value)

    def format(self, node: Node, where: str) -> str:
        version = self.string(node, where, typed="int")
        if version == "1":
            raise self.fail(
                node,
                f"this file is in catalog format 1; this version of optout "
                f"reads format {m.FORMAT_VERSION} (convert it with: python "
                f"scripts/migrate_format2.py FILE)",
            )
        if version != str(m.FORMAT_VERSION):
            raise self.fail(
                node,
                f"format must be {m.FORMAT_VERSION} (this version of optout "
                f"reads format {m.FORMAT_VERSION})",
            )
        return version

    # -- fields, by their spec -------------------------------------------------------
    def read(
        self, field: spec.Field, node: Node, where: str, obj: str, key: str, owner: str
    ) -> Any:
        """The value of one field, read as its spec says."""
        kind = field.type
        if kind == "list":
            return self.list(field.items or "string", node, where, obj, key, owner)
        if kind == "string":
            if field.enum:
                return self.choice(node, where, field.enum)
            reader = _STRING_READERS.get(field.pattern or "")
            return reader(self, node, where) if reader else self.string(node, where)
        if kind == "text":
            return self.text(node, where, label=(obj, key) in LABELS)
        if kind == "url":
            return self.url(node, where, own_domain=obj != "source")
        if kind == "surfaces":
            return self.surfaces(node, where, owner)
        if kind in spec.OBJECTS:
            return self.object(node, kind, where, owner)
        return _LEAF_READERS[kind](self, node, where)

    def list(
        self, items: str, node: Node, where: str, obj: str, key: str, owner: str
    ) -> tuple[Any, ...]:
        entries = self.seq(node, where, allow_empty=items in _EMPTY_ALLOWED)
        item_field = spec.Field(items)
        found = []
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            at = (
                where
                if items not in spec.OBJECTS and items != "text"
                else "action"
                if items == "action"
                else f"{owner}: source"
                if items == "source"
                else f"{owner}: step"
                if items == "step"
                else f"{where}[{i + 1}]"
            )
            value = self.guarded(self.read, item_field, entry, at, obj, key, owner)
            if value is None:
                continue
            if items in _UNIQUE_IDS:
                unique_id(self, entry, value.id, seen, _UNIQUE_IDS[items].format(where=owner))
            found.append(value)
        return tuple(found)

    def object(self, node: Node, obj: str, where: str, owner: str = "") -> Any:
        """An object of spec.OBJECTS: its fields read by type, its rules applied, then built.
        Abandoned (after its problems are recorded) when a required field is unusable."""
        fields = self.mapping(node, where, obj)
        base = owner if obj == "setting" else where
        if obj in ("action", "step"):  # named by their id (read first), '?' without one
            base = "action '?'" if obj == "action" else f"{owner}, step '?'"
        values: dict[str, Any] = {}
        for key, field in spec.OBJECTS[obj].items():
            if key not in fields:
                continue
            if key == "id" and obj in ("action", "step"):
                at = "action id" if obj == "action" else f"{owner}: step id"
            elif obj == "platform":
                at = key
            else:
                name = _SETTING_NAMES.get(key, key) if obj == "setting" else key
                at = f"{base}{_JOIN[obj]}{name}"
            value = self.guarded(self.read, field, fields[key], at, obj, key, base)
            if value is not None:
                values[key] = value
            if key == "id" and obj in ("action", "step"):
                ident = values.get("id", "?")
                base = f"action {ident!r}" if obj == "action" else f"{owner}, step {ident!r}"
            if obj == "platform" and key == "domains":
                self.domains = tuple(d.lower() for d in values.get("domains", ()))
            if obj == "platform" and key == "languages":
                self.languages = values.get("languages", ())
        for rule in RULES.get(obj, ()):
            rule(self, node, fields, values, base)
        if any(name not in values for name in spec.required(obj)):
            raise _Invalid()
        return BUILD[obj](values)

    def text(self, node: Node, where: str, *, label: bool = False) -> m.LocalText:
        """A text in English and French: a plain string is English alone."""
        if node.kind == "scalar":
            return m.LocalText(en=self.string(node, where))
        fields = self.mapping(node, where, "text")
        values: dict[str, Any] = {}
        for key, field in spec.OBJECTS["text"].items():
            if key in fields and not (key == "formerly" and not label):
                value = self.guarded(
                    self.read, field, fields[key], f"{where}.{key}", "text", key, where
                )
                if value is not None:
                    values[key] = value
        for rule in TEXT_RULES:
            rule(self, node, fields, values, where, label)
        if "en" not in values:
            raise _Invalid()
        return m.LocalText(
            en=values["en"],
            fr=values.get("fr"),
            unconfirmed=frozenset(values.get("unconfirmed", ())),
            formerly=values.get("formerly", ()),
        )

    def surfaces(self, node: Node, where: str, owner: str) -> tuple[m.Surface, ...]:
        fields = self.mapping(node, where, "surfaces")
        if not fields:
            raise self.fail(
                node, f"{owner}: surfaces must name at least one of: {', '.join(m.SURFACES)}"
            )
        found = []
        for sid in m.SURFACES:
            if sid in fields:
                self.surface_id = sid
                values = self.guarded(
                    self.object, fields[sid], "surface", f"{owner}, surface {sid!r}"
                )
                if values is not None:
                    found.append(m.Surface(id=sid, **values))
        return tuple(found)


# -- how the spec's types are read ------------------------------------------------------
_STRING_READERS: dict[str, Callable[..., Any]] = {
    spec.ID_PATTERN: _Builder.ident,
    spec.DATE_PATTERN: _Builder.date,
    spec.PUBLISHED_PATTERN: partial(_Builder.date, partial=True),
    spec.PUBLISHED_DATE_PATTERN: partial(_Builder.date, partial=True, dated=True),
}
_LEAF_READERS: dict[str, Callable[..., Any]] = {
    "string": _Builder.string,
    "boolean": _Builder.boolean,
    "minutes": _Builder.minutes,
    "format": _Builder.format,
    "domain": _Builder.domain,
    "region": _Builder.string,
    "category": lambda b, node, where: b.choice(node, where, m.CATEGORIES),
    "language": lambda b, node, where: b.choice(node, where, m.LANGUAGES),
}


# -- rules over more than one field -----------------------------------------------------
Fields = dict[str, Node]
Values = dict[str, Any]


def id_is_file_name(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if "id" in v and v["id"] != b.file_id:
        b.fail(f["id"], f"id {v['id']!r} must equal the file name ({b.file_id!r})")


def names_are_visible(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    """No bidi override or zero-width character in the name or an alias: they can make one
    platform look like another."""
    for key in ("name", "aliases"):
        for item in (f[key].items or [f[key]]) if key in f else []:
            if item.kind == "scalar" and has_invisible(item.value or ""):
                b.fail(
                    item,
                    f"{key}: bidi overrides and zero-width characters are not "
                    "allowed (they can disguise a name)",
                )


def languages_include_english(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if "languages" in f and "en" not in v.get("languages", ()):
        b.fail(f["languages"], "languages must include en")


def unique_id(b: _Builder, entry: Node, ident: str, seen: set[str], message: str) -> None:
    """Entries of a list of actions or steps have different ids: progress is saved under them."""
    if ident in seen:
        b.fail(entry, message.format(id=ident))
    seen.add(ident)


_UNIQUE_IDS = {
    "action": "action id {{id!r}} is used twice",
    "step": "{where}: step id {{id!r}} is used twice",
}


def platform_is_whole(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if b.problems:
        raise _Invalid()


def verified_recently(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if "verified" in v:
        age = (b.today - dt.date.fromisoformat(v["verified"])).days
        if age > STALE_AFTER_DAYS:
            b.warn(
                f["verified"],
                f"{where}: verified {v['verified']}, {age} days ago: may be "
                "out of date (check it again)",
            )


def regions_are_known(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if "regions" in v:
        for item, region in zip(f["regions"].items, v["regions"]):
            if not is_region(region):
                b.fail(
                    item,
                    f"{where}: region {region!r} must be an ISO 3166 code (GB, FR…), "
                    "EU, EEA or all, optionally with a leading -",
                )


def action_has_surfaces_and_sources(
    b: _Builder, node: Node, f: Fields, v: Values, where: str
) -> None:
    if not v.get("surfaces") or not v.get("sources"):
        raise _Invalid()


def available_surface_has_steps(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if "steps" not in f and v.get("available") == m.Availability.YES:
        b.fail(node, f"{where}: a surface that is available needs steps")


def blanks_only_on_form_or_email(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    """A text with {{blanks}} belongs to a form or an email, and its braces pair up."""
    if "template" not in f:
        return
    if b.surface_id not in (m.SurfaceId.FORM, m.SurfaceId.EMAIL):
        b.fail(f["template"], f"{where}: template: only form and email surfaces have a template")
        v.pop("template", None)
        return
    text = v.get("template")
    for lang, value in (("en", text.en), ("fr", text.fr or "")) if text else ():
        if value.count("{{") != value.count("}}"):
            b.fail(
                f["template"], f"{where}: template ({lang}): unbalanced {{{{ }}}} around a blank"
            )


def address_only_on_email(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if "address" not in f:
        return
    at = f"{where}: address"
    if b.surface_id != m.SurfaceId.EMAIL:
        b.fail(f["address"], f"{at}: only an email surface has an address")
        v.pop("address", None)
    elif "address" in v and not re.fullmatch(
        spec.OBJECTS["surface"]["address"].pattern or "", v["address"]
    ):
        b.fail(f["address"], f"{at}: {v.pop('address')!r} is not an email address")


def chosen_needs_a_value(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    if v.get("set_to") == m.SetTo.CHOSEN and "value" not in f:
        b.fail(node, f"{where}: set_to 'chosen' needs a value (the option to choose)")


def newest_change_first(b: _Builder, node: Node, f: Fields, v: Values, where: str) -> None:
    dates = [c.date for c in v.get("changes", ())]
    if dates != sorted(dates, reverse=True):
        b.fail(f["changes"], f"{where}: changes must list the newest change first")


RULES: dict[str, tuple[Callable[..., None], ...]] = {
    "platform": (id_is_file_name, names_are_visible, languages_include_english, platform_is_whole),
    "action": (
        verified_recently,
        regions_are_known,
        newest_change_first,
        action_has_surfaces_and_sources,
    ),
    "surface": (blanks_only_on_form_or_email, address_only_on_email, available_surface_has_steps),
    "setting": (chosen_needs_a_value,),
}


def formerly_only_on_labels(
    b: _Builder, node: Node, f: Fields, v: Values, where: str, label: bool
) -> None:
    if "formerly" in f and not label:
        b.fail(
            f["formerly"],
            f"{where}: only a label (a path entry, a setting's label or value) has former wordings",
        )


def french_is_stamped(
    b: _Builder, node: Node, f: Fields, v: Values, where: str, label: bool
) -> None:
    """fr_from holds a stamp of the English the French was made from: missing, it cannot
    show a later change; different, the French is stale."""
    if "fr" in v and "fr_from" not in f:
        b.warn(
            node,
            f"{where}: the French text has no fr_from stamp, so a later change to "
            "the English cannot be noticed (run: optout stamp FILE)",
        )
    if "fr_from" in v and "en" in v and v["fr_from"] != m.source_stamp(v["en"]):
        b.warn(
            f["fr_from"],
            f"{where}: the French text is stale: it was translated from an "
            "earlier English text; update it, delete its fr_from line and "
            "run optout stamp",
        )


def french_when_the_platform_has_it(
    b: _Builder, node: Node, f: Fields, v: Values, where: str, label: bool
) -> None:
    if "fr" in b.languages and "fr" not in v:
        b.fail(
            node, f"{where}: missing the French text (fr); the platform lists fr in its languages"
        )


TEXT_RULES = (formerly_only_on_labels, french_is_stamped, french_when_the_platform_has_it)


def platform_from(v: Values, origin: str = "") -> m.Platform:
    """The platform of a file's checked values (the slow path and the fast one share it)."""
    return m.Platform(
        id=v["id"],
        name=v["name"],
        domains=tuple(d.lower() for d in v["domains"]),
        categories=v["categories"],
        languages=v["languages"],
        actions=v["actions"],
        aliases=v.get("aliases", ()),
        origin=origin,
    )


BUILD: dict[str, Callable[[Values], Any]] = {
    "platform": lambda v: v,  # its file's name is added by platform_from, below
    "action": lambda v: m.Action(**{**v, "verified": dt.date.fromisoformat(v["verified"])}),
    "surface": lambda v: v,  # the id is its key in `surfaces`: built there
    "step": lambda v: m.Step(**v),
    "setting": lambda v: m.Setting(**v),
    "source": lambda v: m.Source(**v),
    "change": lambda v: m.Change(**v),
    "former": lambda v: m.FormerLabel(**v),
}


def load_platform(path: Path, *, today: dt.date | None = None) -> m.Platform:
    """Load one platform file; raise CatalogError listing every error found in it."""
    platform, findings = _checked(path, today, warnings=False)
    if platform is None:
        raise CatalogError([p for p in findings if p.severity == "error"])
    return platform


def check_platform(
    path: Path, *, today: dt.date | None = None
) -> tuple[m.Platform | None, list[Problem]]:
    """Load one platform file: the platform (None when it has errors) and every finding."""
    return _checked(path, today, warnings=True)


def _checked(
    path: Path, today: dt.date | None, *, warnings: bool
) -> tuple[m.Platform | None, list[Problem]]:
    try:
        return _check_platform(path, today, warnings)
    except CatalogError as error:
        return None, error.problems
    except Exception as error:  # never a traceback for a bad file, whatever it holds
        return None, [
            Problem(str(path), 1, 1, f"could not be read ({type(error).__name__}: {error})")
        ]


def _check_platform(
    path: Path, today: dt.date | None, warnings: bool
) -> tuple[m.Platform | None, list[Problem]]:
    """The fast way first (catalog/fastpath.py); the slow way, which says what is wrong and
    where, when the fast way cannot vouch for the file (or, with `warnings`, when the file
    has something to warn about)."""
    shown = str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)  # a FIFO or /dev/zero is refused unread
    except FileTooLarge as error:
        raise CatalogError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f"the file is {error.size:,} bytes; a catalog "
                    f"file may be at most {MAX_FILE_BYTES:,}",
                )
            ]
        ) from None
    except OSError as error:
        raise CatalogError(
            [Problem(shown, 1, 1, f"cannot read the file: {error.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise CatalogError(
            [Problem(shown, line, column, "the file is not UTF-8 text (save it as UTF-8)")]
        ) from None
    today = today or dt.date.today()
    from optout_tui.catalog import fastpath  # here: it reads the loader's limits and rules

    with collector_paused():  # every object made here stays alive: nothing for it to free
        platform = fastpath.platform(raw, shown, today, path.stem, warnings=warnings)
    if platform is not None:
        return platform, []
    try:
        root = parse(text)
    except YamlProblem as problem:
        raise CatalogError(
            [Problem(shown, problem.line, problem.column, problem.message)]
        ) from None
    if root is None:
        raise CatalogError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "the file is empty; expected a platform mapping (see catalog/FORMAT.md)",
                )
            ]
        )
    builder = _Builder(shown, today, path.stem)
    try:
        values = builder.object(root, "platform", "the platform")
    except _Invalid:
        if not builder.problems:  # pragma: no cover - every _Invalid records a problem first
            builder.problems.append(Problem(shown, 1, 1, "invalid platform"))
        return None, builder.problems + builder.warnings
    return platform_from(values, shown), builder.warnings


def load_catalog(folders: Iterable[Path], *, today: dt.date | None = None) -> m.Catalog:
    """Load every platform file of `folders`; a later folder's platform replaces an earlier one.

    Raises CatalogError with the problems of every bad file, not only the first.
    """
    with collector_paused():  # a catalog is built to stay: no collection walks it meanwhile
        return _load_catalog(folders, today)


def _load_catalog(folders: Iterable[Path], today: dt.date | None) -> m.Catalog:
    platforms: dict[str, m.Platform] = {}
    problems: list[Problem] = []
    notices: list[str | None] = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            problems.append(Problem(str(folder), 1, 1, "no such catalog folder"))
            continue
        for path in platform_files(folder):
            try:
                platform = load_platform(path, today=today)
            except CatalogError as error:
                problems.extend(error.problems)
                continue
            if platform.id in platforms:
                notices.append(replacement_notice(platforms[platform.id], platform))
            platforms[platform.id] = platform
    if problems:
        raise CatalogError(problems)
    ordered = sorted(platforms.values(), key=lambda p: p.name.casefold())
    return m.Catalog(platforms=tuple(ordered), notices=tuple(filter(None, notices)))
