"""The fast way through a valid platform file: libyaml composes the node tree in C, and one
lean pass reads it into the model with every check of the loader but no bookkeeping for
messages (no positions, no field names, no problem lists).

It never reports anything: at the first thing it cannot vouch for (a refused value, an anchor,
a tag, a warning when warnings are asked for, or simply something unusual) it declines, and the
loader reads the file again the slow way (loader._Builder over yamlnodes), which finds every
problem with its file, line and column. So it only ever accepts a file the slow way accepts,
and builds the same platform from it; tests compare the two on the bundled catalog and on
thousands of edited variants, and check that each refusal is declined here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container
from functools import partial
from typing import Any

from optout_tui.catalog import model as m
from optout_tui.catalog import spec
from optout_tui.catalog.links import MAX_LINK, LinkProblem, check_direct, check_link, host_in
from optout_tui.catalog.regions import is_region
from optout_tui.text import has_control, has_invisible

# Anchors (&a), aliases (*a) and tags (!t, !!t) start a token, so they follow a space, a line
# break, a flow indicator or an indicator such as "-" or ":" (or a byte of a non-ASCII line
# break), and a name follows them; a directive (%TAG, %YAML) starts a line. Any of these
# sends the file the slow way, which refuses anchors, aliases and unknown tags with their
# position. Inside a word ("AT&T", "Hello!", "50%") they are text, and " & " is text too.
_INSIDE = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!\"#$%&'()*+./;<=>@\\^_`|~"
)
# libyaml's anchor and alias names are letters, digits, "_" and "-" (anything else after a
# & or * starting a token is a syntax error, which the composer raises); a tag is any
# character but a space or a line break.
_NAME = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_TAG = frozenset(range(256)) - frozenset(b" \t\r\n")
_DIRECTIVE = re.compile(rb"%(?<![^\n\r\x85\xa8\xa9\xbf]%)")


def unusual(raw: bytes) -> bool:
    """Whether the file may hold an anchor, an alias, a tag or a directive."""
    end = len(raw)
    for mark, names in ((b"&", _NAME), (b"*", _NAME), (b"!", _TAG)):
        at = raw.find(mark)
        while at != -1:
            if (at == 0 or raw[at - 1] not in _INSIDE) and (at + 1 == end or raw[at + 1] in names):
                return True
            at = raw.find(mark, at + 1)
    return b"%" in raw and _DIRECTIVE.search(raw) is not None


def may_hold_controls(raw: bytes) -> bool:
    """Whether a value of the file may hold a control character: a backslash is in the file
    (a double-quoted "\\e" or "\\x1b" makes one). Written as such, a control character never
    reaches a value: libyaml's reader refuses every one but tab and the line breaks (YAML's
    printable characters), so the file is declined when composed, and a carriage return or
    a next-line is read as a line break (a test writes each one in each kind of value)."""
    return b"\\" in raw


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}\Z")


Values = dict[str, Any]


class Decline(Exception):
    """The fast path cannot vouch for this file: read it the slow way."""


_DECLINE = Decline()


_COMPOSER: Any = None
_NAMES = ("ScalarNode", "SequenceNode", "MappingNode")
_PYYAML: tuple[Any, ...] = ()  # the node classes yaml._yaml names, put back after each file
_NAMESPACE: dict[str, Any] = {}  # yaml._yaml's globals


def _composer() -> Any:
    """libyaml's C parser composing nodes, with PyYAML's Python-level tag and path resolvers
    replaced by C built-ins that make nothing: for `resolve`, which gets three arguments,
    `object.__init__` bound to an int (int has its own __new__, so its __init__ accepts
    and ignores extra arguments); a dict's `get` for the two of `descend_resolver`, `int` for
    `ascend_resolver`, which gets none. A node's tag is then None: it is never read (explicit
    tags never get here, see `unusual`, and a plain value's YAML 1.1 type is looked up where
    text is read). (A `slice` as the tag cost a slice made and freed per node.)"""
    global _COMPOSER, _PYYAML, _NAMESPACE
    if _COMPOSER is None:
        import yaml._yaml as cyaml  # only with libyaml (else every file goes slow)

        nothing: Any = (0).__init__  # type: ignore[misc]

        class Composer(cyaml.CParser):
            resolve = nothing
            descend_resolver: Any = {}.get
            ascend_resolver = int

        _NAMESPACE = vars(cyaml)
        _PYYAML = tuple(_NAMESPACE[name] for name in _NAMES)
        _COMPOSER = Composer
    return _COMPOSER


# -- light nodes ---------------------------------------------------------------------------
# libyaml's composer makes each node by calling the class yaml._yaml names ScalarNode,
# SequenceNode or MappingNode with (tag, value, start mark, end mark, style): PyYAML's classes
# run a Python __init__ for each node, and making and freeing them was a fifth of composing
# a file. While the fast path composes, those names are given classes made in C, exceptions
# never raised, which keep the five arguments as `args`: the pass below reads a node's value
# as args[1] and a scalar's style as args[4]. PyYAML's classes are put back after each file.
# Nothing else in optout composes YAML with libyaml (the slow way reads events), so nothing
# else meets these nodes; and were two threads to load at once, one could find PyYAML's
# classes back while it composes: its pass then declines, and the slow way reads the file.


class _Scalar(BaseException):
    """A scalar node: args (tag, value, start mark, end mark, style)."""

    __slots__ = ()  # (no room for weak references either: smaller, quicker to free)


class _Sequence(BaseException):
    """A sequence node: args (tag, list of nodes, start mark, None, flow style)."""

    __slots__ = ("end_mark",)  # set by the composer at the end (a slot: no dict to make)


class _Mapping(BaseException):
    """A mapping node: args (tag, list of (key, value) nodes, start mark, None, flow style)."""

    __slots__ = ("end_mark",)


_LIGHT = (_Scalar, _Sequence, _Mapping)
_SCALAR: Any = _Scalar
_SEQ: Any = _Sequence
_MAP: Any = _Mapping


def compose(data: bytes) -> Any:
    """The C-composed node tree of one YAML document (light nodes, see above), or Decline."""
    try:
        composer = _composer()(data)
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        raise _DECLINE from None
    _NAMESPACE.update(zip(_NAMES, _LIGHT))
    try:
        return composer.get_single_node()
    except Exception:  # a syntax error, a second document…: the slow way says where
        raise _DECLINE from None
    finally:
        _NAMESPACE.update(zip(_NAMES, _PYYAML))


def _keyed(node: Any, allowed: Container[str]) -> dict[str, Any]:
    """A mapping's value nodes by key: declined unless it is a mapping of known text keys,
    each once."""
    if node.__class__ is not _MAP:
        raise _DECLINE
    fields: dict[str, Any] = {}
    for key, value in node.args[1]:
        if key.__class__ is not _SCALAR:
            raise _DECLINE
        name = key.args[1]
        if name not in allowed or name in fields:
            raise _DECLINE
        fields[name] = value
    return fields


class _Reader:
    """One file's reading: the platform-wide facts the checks depend on."""

    __slots__ = (
        "today",
        "file_id",
        "warnings",
        "controls",
        "domains",
        "languages",
        "surface",
        "links",
    )

    def __init__(self, today: dt.date, file_id: str, warnings: bool, controls: bool) -> None:
        self.today = today
        self.file_id = file_id
        self.warnings = warnings  # decline where the slow way would warn
        self.controls = controls  # the file may hold a control character somewhere
        self.domains: tuple[str, ...] = ()
        self.languages: tuple[str, ...] = ("en",)
        self.surface = ""
        self.links: set[tuple[str, bool]] = set()  # links checked already in this file

    # -- shapes ----------------------------------------------------------------------
    def values(self, node: Any, obj: str) -> Values:
        """An object's fields, each read by its type (keys known, once each, the required
        ones there), then its rules checked. Every field read is kept, so a rule's "key in
        the file" is "key in the values"."""
        if node.__class__ is not _MAP:
            raise _DECLINE
        readers = _READERS[obj]
        pairs = node.args[1]
        values: Values = {}
        for key, value in pairs:
            if key.__class__ is not _SCALAR:
                raise _DECLINE
            reader = readers.get(name := key.args[1])
            if reader is None:
                raise _DECLINE
            values[name] = reader(self, value)
        if len(values) != len(pairs) or not values.keys() >= _REQUIRED[obj]:
            raise _DECLINE  # a key given twice, or a required one missing
        rule = _RULES.get(obj)
        if rule is not None:
            rule(self, values)
        return values

    def platform(self, node: Any) -> Values:
        """The platform's fields in the spec's order, as the slow way reads them: its
        domains and languages before its actions, whose links and texts depend on them."""
        fields = _keyed(node, _READERS["platform"])
        if not fields.keys() >= _REQUIRED["platform"]:
            raise _DECLINE
        values: Values = {}
        for key, reader in _READERS["platform"].items():
            if key in fields:
                values[key] = reader(self, fields[key])
                if key == "domains":
                    self.domains = tuple(d.lower() for d in values["domains"])
                elif key == "languages":
                    self.languages = values["languages"]
        if values["id"] != self.file_id:  # id_is_file_name
            raise _DECLINE
        names = [fields["name"], *(fields["aliases"].args[1] if "aliases" in fields else ())]
        if any(has_invisible(n.args[1]) for n in names):  # names_are_visible
            raise _DECLINE
        if "en" not in values["languages"]:  # languages_include_english
            raise _DECLINE
        return values

    # -- values ----------------------------------------------------------------------
    def string(self, node: Any, typed: str = "str") -> str:
        if node.__class__ is not _SCALAR:
            raise _DECLINE
        value: str
        _, value, _, _, style = node.args
        if not style and value and value[0] in _TYPED:  # (no slice made for value[:1])
            found = _yaml_type(value)
            if found != "str" and found != typed:
                raise _DECLINE  # a plain yes, on, NO, 1.0 or ~ where text is expected
        text = value.strip()
        if not text or len(value) > _MAX_STRING or (self.controls and has_control(value)):
            raise _DECLINE
        return text.replace("\t", " ") if "\t" in text else text

    def boolean(self, node: Any) -> bool:
        value = self.string(node, "bool").lower()
        if value in ("yes", "true"):
            return True
        if value in ("no", "false"):
            return False
        raise _DECLINE

    def ident(self, node: Any) -> str:
        value = self.string(node)
        if not _ID.match(value):
            raise _DECLINE
        return value

    def domain(self, node: Any) -> str:
        value = self.string(node)
        if not _DOMAIN.match(value):
            raise _DECLINE
        return value

    def minutes(self, node: Any) -> int:
        value = self.string(node, "int")
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 240:
            raise _DECLINE
        return int(value)

    def format(self, node: Any) -> str:
        value = self.string(node, "int")
        if value != str(m.FORMAT_VERSION):
            raise _DECLINE
        return value

    def surfaces(self, node: Any) -> tuple[m.Surface, ...]:
        fields = _keyed(node, _SURFACE_IDS)  # (none at all: the action's rule declines)
        found = []
        for sid in m.SURFACES:  # in this order whatever the file's
            if sid in fields:
                self.surface = sid
                found.append(m.Surface(id=sid, **self.values(fields[sid], "surface")))
        return tuple(found)


# -- the rules of loader.RULES and loader.TEXT_RULES, as checks that decline ---------------


def _action_rules(r: _Reader, v: Values) -> None:
    if r.warnings and (r.today - dt.date.fromisoformat(v["verified"])).days > _STALE:
        raise _DECLINE  # verified_recently: the slow way warns
    if not all(map(is_region, v.get("regions", ()))):  # regions_are_known
        raise _DECLINE
    dates = [c.date for c in v.get("changes", ())]
    if dates != sorted(dates, reverse=True):  # newest_change_first
        raise _DECLINE
    if not v["surfaces"]:  # action_has_surfaces_and_sources (sources: a list never empty)
        raise _DECLINE


def _surface_rules(r: _Reader, v: Values) -> None:
    if "template" in v:  # blanks_only_on_form_or_email
        if r.surface not in (m.SurfaceId.FORM, m.SurfaceId.EMAIL):
            raise _DECLINE
        text = v["template"]
        for value in (text.en, text.fr or ""):
            if value.count("{{") != value.count("}}"):
                raise _DECLINE
    if "address" in v and (  # address_only_on_email
        r.surface != m.SurfaceId.EMAIL or not _ADDRESS.fullmatch(v["address"])
    ):
        raise _DECLINE
    if "steps" not in v and v["available"] == m.Availability.YES:  # available_surface_has_steps
        raise _DECLINE


def _setting_rules(r: _Reader, v: Values) -> None:
    if v["set_to"] == m.SetTo.CHOSEN and "value" not in v:  # chosen_needs_a_value
        raise _DECLINE


_RULES: dict[str, Callable[[_Reader, Values], None]] = {
    "action": _action_rules,
    "surface": _surface_rules,
    "setting": _setting_rules,
}
# Which rule of the slow way each check above stands for (a test keeps the two lists equal).
RULES_COVERED = frozenset(
    {
        "id_is_file_name",  # in _Reader.platform
        "names_are_visible",  # in _Reader.platform
        "languages_include_english",  # in _Reader.platform
        "platform_is_whole",  # no problem recorded: nothing here declines short of it
        "verified_recently",
        "regions_are_known",
        "newest_change_first",
        "action_has_surfaces_and_sources",
        "blanks_only_on_form_or_email",
        "address_only_on_email",
        "available_surface_has_steps",
        "chosen_needs_a_value",
        "formerly_only_on_labels",  # in _Reader.text
        "french_is_stamped",  # in _Reader.text
        "french_when_the_platform_has_it",  # in _Reader.text
    }
)


# -- readers, one per field of spec.OBJECTS, chosen once --------------------------------
Reader = Callable[[_Reader, Any], Any]


def _item_reader(items: str, obj: str, key: str) -> Reader:
    """How one entry of a list of `items` is read (as the slow way's spec.Field(items))."""
    return _field_reader(spec.Field(items), obj, key)


def _field_reader(field: spec.Field, obj: str, key: str) -> Reader:
    """A function of (reader, node) reading the field: a _Reader method, or one with its
    settings bound first by functools.partial (a call in C, where a lambda is one more
    Python frame for every value of every file)."""
    kind = field.type
    if kind == "list":
        items = field.items or "string"
        unique = items in ("action", "step")
        return partial(_list, _item_reader(items, obj, key), items in _EMPTY_ALLOWED, unique)
    if kind == "string":
        if field.enum:
            return partial(_choice, field.enum)
        pattern = field.pattern or ""
        if pattern == spec.ID_PATTERN:
            return _Reader.ident
        if pattern == spec.DATE_PATTERN:
            return partial(_date, False, False)
        if pattern == spec.PUBLISHED_PATTERN:
            return partial(_date, True, False)
        if pattern == spec.PUBLISHED_DATE_PATTERN:
            return partial(_date, True, True)
        return _Reader.string
    if kind == "text":
        return partial(_text, (obj, key) in _LABELS)
    if kind == "url":
        return partial(_url, obj != "source")
    if kind == "surfaces":
        return _Reader.surfaces
    if kind in spec.OBJECTS:
        return partial(_object, kind)
    leaf: dict[str, Reader] = {
        "string": _Reader.string,
        "region": _Reader.string,
        "boolean": _Reader.boolean,
        "minutes": _Reader.minutes,
        "format": _Reader.format,
        "domain": _Reader.domain,
        "category": partial(_choice, m.CATEGORIES),
        "language": partial(_choice, m.LANGUAGES),
    }
    return leaf[kind]  # a type the spec gains must be read here too (a test loads them all)


def _list(item: Reader, empty: bool, unique: bool, r: _Reader, node: Any) -> tuple[Any, ...]:
    if node.__class__ is not _SEQ:
        raise _DECLINE
    entries = node.args[1]
    if (not entries and not empty) or len(entries) > _MAX_LIST:
        raise _DECLINE
    values = tuple([item(r, entry) for entry in entries])
    if unique and len({v.id for v in values}) != len(values):
        raise _DECLINE
    return values


def _date(partial: bool, dated: bool, r: _Reader, node: Any) -> str:
    value = r.string(node, "timestamp")
    if partial and not dated and value == m.UNKNOWN_DATE:
        return value
    try:
        if _DAY.match(value):
            day = dt.date.fromisoformat(value)
        elif partial and _MONTH.match(value):
            day = dt.date(int(value[:4]), int(value[5:]), 1)
        else:
            raise _DECLINE
    except ValueError:
        raise _DECLINE from None
    if day > r.today:
        raise _DECLINE
    return value


def _url(own_domain: bool, r: _Reader, node: Any) -> str:
    value = r.string(node)
    if (value, own_domain) in r.links:  # a source cited by several actions
        return value
    if not link_passes(value, r.domains if own_domain else None):
        raise _DECLINE
    r.links.add((value, own_domain))
    return value


# A link written plainly: https://, a host of lower-case ASCII labels whose last one starts
# with a letter (so no IP address, no port, no user@), then printable ASCII without a
# backslash. Browsers (WHATWG, ada-url) and urlsplit both read its host as written (xn--
# labels included: ada-url keeps them as they are), and it
# holds no space, control or invisible character: of check_link's checks only the length,
# the shortener and proxy ones and the platform's domains can refuse it. (Asking ada-url for
# the parts of 99 % of the catalog's links was a third of the cost of loading it; a test
# compares the two ways on thousands of links.)
_PLAIN_LINK = re.compile(r"https://((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*)(?:[/?#][!-\[\]-~]*)?\Z")


def link_passes(url: str, domains: tuple[str, ...] | None) -> bool:
    """Whether check_link(url, domains) accepts `url`, without parsing a plain link."""
    plain = _PLAIN_LINK.match(url)
    try:
        if plain is None or len(url) > MAX_LINK:
            check_link(url, domains)
            return True
        host = plain[1]
        check_direct(url, host)
    except LinkProblem:
        return False
    return domains is None or host_in(host, domains)


def _text(label: bool, r: _Reader, node: Any) -> m.LocalText:
    if node.__class__ is _SCALAR:
        return _text_of(_LOCAL_TEXT, (r.string(node), None, _NO_LANGUAGES, ()))
    if node.__class__ is not _MAP:
        raise _DECLINE
    en = fr = stamp = unconfirmed = formerly = None
    for key, value in node.args[1]:  # a reader never returns None: None is "not given"
        name = key.args[1] if key.__class__ is _SCALAR else None
        if name == "en" and en is None:
            en = r.string(value)
        elif name == "fr" and fr is None:
            fr = r.string(value)
        elif name == "fr_from" and stamp is None:
            stamp = r.string(value)
        elif name == "unconfirmed" and unconfirmed is None:
            unconfirmed = _list(_LANGUAGE, True, False, r, value)
        elif name == "formerly" and formerly is None and label:
            formerly = _list(_FORMER, False, False, r, value)
        else:  # not a key of a text, given twice, or formerly on what is not a label
            raise _DECLINE
    if en is None or (fr is None and "fr" in r.languages):
        raise _DECLINE
    if r.warnings and (
        (fr is not None and stamp is None) or (stamp is not None and stamp != m.source_stamp(en))
    ):
        raise _DECLINE  # the slow way warns: let it say where
    languages = frozenset(unconfirmed) if unconfirmed else _NO_LANGUAGES
    return _text_of(_LOCAL_TEXT, (en, fr, languages, formerly or ()))


def _choice(allowed: tuple[str, ...], r: _Reader, node: Any) -> str:
    value = r.string(node)
    if value not in allowed:
        raise _DECLINE
    return value


def _object(obj: str, r: _Reader, node: Any) -> Any:
    return _BUILD[obj](r.values(node, obj))


# LocalText made as the tuple it is, its four fields in order (its NamedTuple __new__ is one
# more Python call for each of the catalog's thousands of texts; were the model's fields to
# change, the tests comparing with the slow path's LocalText(...) would fail).
_LOCAL_TEXT: Any = m.LocalText


_text_of: Callable[[Any, tuple[Any, ...]], m.LocalText] = tuple.__new__
_NO_LANGUAGES: frozenset[str] = frozenset()
_READERS: dict[str, dict[str, Reader]] = {}
_TYPED: frozenset[str] = frozenset()  # the first characters of a plain value YAML may type
_SURFACE_IDS = frozenset(spec.OBJECTS["surfaces"])
_REQUIRED: dict[str, frozenset[str]] = {}
_LANGUAGE: Reader
_FORMER: Reader
_MAX_LIST = _MAX_STRING = _STALE = 0
_LABELS: frozenset[tuple[str, str]] = frozenset()
_EMPTY_ALLOWED: frozenset[str] = frozenset()
_ID = _DOMAIN = _ADDRESS = re.compile("")
_yaml_type: Callable[[str], str]
_platform_from: Callable[..., m.Platform]
_BUILD: dict[str, Callable[[Values], Any]] = {}


def _setup() -> None:
    """The readers and the loader's limits (the loader imports this module lazily)."""
    global _LANGUAGE, _FORMER, _MAX_LIST, _MAX_STRING, _STALE
    global _LABELS, _EMPTY_ALLOWED, _ID, _DOMAIN, _ADDRESS, _yaml_type, _TYPED, _platform_from
    from yaml.resolver import Resolver

    from optout_tui.catalog import loader

    _MAX_LIST, _MAX_STRING, _STALE = loader.MAX_LIST, loader.MAX_STRING, loader.STALE_AFTER_DAYS
    _LABELS, _EMPTY_ALLOWED = loader.LABELS, loader._EMPTY_ALLOWED
    _ID, _DOMAIN = loader._ID, loader._DOMAIN
    _ADDRESS = re.compile(spec.OBJECTS["surface"]["address"].pattern or "")
    _yaml_type = loader.yaml_type
    _platform_from = loader.platform_from
    _TYPED = frozenset(c for c in Resolver.yaml_implicit_resolvers if c)
    _BUILD.update(loader.BUILD)
    for obj, fields in spec.OBJECTS.items():
        _READERS[obj] = {key: _field_reader(field, obj, key) for key, field in fields.items()}
        _REQUIRED[obj] = frozenset(spec.required(obj))
    _LANGUAGE = _item_reader("language", "text", "unconfirmed")
    _FORMER = _item_reader("former", "text", "formerly")


def platform(
    raw: bytes, origin: str, today: dt.date, file_id: str, *, warnings: bool
) -> m.Platform | None:
    """The platform of a file's bytes (UTF-8, checked by the caller), or None when the slow
    way must read it. With `warnings`, also None when the slow way would warn."""
    if unusual(raw):
        return None
    if not _READERS:
        _setup()
    reader = _Reader(today, file_id, warnings, may_hold_controls(raw))
    try:
        root = compose(raw)
        v = reader.platform(root)
    except (Decline, RecursionError):
        return None
    return _platform_from(v, origin)
