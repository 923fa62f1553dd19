"""Load catalog files into the model, reporting every problem as `file:line:column: message`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from optout_tui.catalog import model as m
from optout_tui.catalog import spec
from optout_tui.catalog.cache import platform_files
from optout_tui.catalog.links import LinkProblem, check_link, replacement_notice
from optout_tui.catalog.problems import CatalogError, Problem
from optout_tui.catalog.regions import is_region
from optout_tui.catalog.yamlnodes import Node, YamlProblem, parse
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


_YAML_TYPE_WORDS = {"bool": "true/false value", "int": "number", "float": "number",
                    "null": "empty value", "timestamp": "date"}


def yaml_type(value: str) -> str:
    """The type a standard (YAML 1.1) reader gives a plain scalar: str, bool, int, float,
    null or timestamp, from PyYAML's own implicit resolvers."""
    import yaml  # only a file being parsed gets here, and the parser imported it already

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    return tag.rsplit(":", 1)[-1]


class _Invalid(Exception):
    """Raised inside the builder to abandon one field after recording its problem."""


class _Builder:
    """Turns one file's node tree into a Platform, collecting problems as it goes."""

    def __init__(self, path: str, today: dt.date) -> None:
        self.path = path
        self.today = today
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

    def guarded(self, fn, *args, default=None, **kwargs):
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
        required, optional = spec.required(obj), spec.optional(obj)
        known = set(required) | set(optional)
        fields: dict[str, Node] = {}
        for key, value in node.pairs:
            if key.kind != "scalar" or key.value is None:
                self.fail(key, f"{where}: keys must be plain names")
                continue
            if key.value in fields:
                self.fail(key, f"{where}: {key.value!r} is given twice")
            elif key.value not in known:
                hint = ", ".join(sorted(known))
                self.fail(key, f"{where}: unknown key {key.value!r} (expected one of: {hint})")
            else:
                fields[key.value] = value
        for name in required:
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

    def string(self, node: Node, where: str, *, typed: str = "str") -> str:
        """A text value; `typed` names the YAML type a plain (unquoted) value may have here
        ("str", "bool", "int" or "timestamp"); any other reading is refused, so every YAML
        reader gets the same value (YAML 1.1 reads a plain `on`, `no` or `NO` as a boolean)."""
        if node.kind == "scalar" and node.plain and node.value:
            found = yaml_type(node.value)
            if found != "str" and found != typed and not (typed == "timestamp" and
                                                            found == "str"):
                raise self.fail(node, f"{where}: write {node.value} in quotes "
                                      f"(\"{node.value}\"): YAML readers take it as a "
                                      f"{_YAML_TYPE_WORDS.get(found, found)}, not as text")
        if node.kind != "scalar":
            raise self.fail(node, f"{where} must be text, not {node.describe}")
        if node.value is None or not node.value.strip():
            raise self.fail(node, f"{where} must not be empty")
        if len(node.value) > MAX_STRING:
            raise self.fail(node, f"{where} is {len(node.value)} characters long "
                                  f"(at most {MAX_STRING})")
        if has_control(node.value):
            self.fail(node, f"{where} contains control characters or terminal escape "
                            "sequences, which are not allowed")
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
            raise self.fail(node, f"{where} {value!r} must be lowercase letters, digits and "
                                  "single hyphens")
        return value

    def date(self, node: Node, where: str, *, partial: bool = False, dated: bool = False) -> str:
        """A date; `partial` allows YYYY-MM (and 'unknown', unless `dated`)."""
        value = self.string(node, where, typed="timestamp")
        if partial and not dated and value == "unknown":
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
        shape = ("YYYY-MM-DD or YYYY-MM" if dated else "YYYY-MM-DD, YYYY-MM or 'unknown'") \
            if partial else "YYYY-MM-DD"
        raise self.fail(node, f"{where} {value!r} is not a date ({shape})")

    def url(self, node: Node, where: str, *, own_domain: bool) -> str:
        value = self.string(node, where)
        try:  # read as browsers read it (WHATWG), see catalog/links.py
            return check_link(value, self.domains if own_domain else None)
        except LinkProblem as problem:
            raise self.fail(node, f"{where}: {problem}") from None

    def strings(self, node: Node, where: str, *, allow_empty: bool = True) -> tuple[str, ...]:
        items = self.seq(node, where, allow_empty=allow_empty)
        return tuple(v for v in (self.guarded(self.string, item, where) for item in items) if v)

    def text(self, node: Node, where: str, *, label: bool = False) -> m.LocalText:
        """A text in English and French; a `label` (something the platform shows) may list
        its former wordings."""
        if node.kind == "scalar":
            return m.LocalText(en=self.string(node, where))
        fields = self.mapping(node, where, "text")
        formerly: tuple[m.FormerLabel, ...] = ()
        if "formerly" in fields:
            if label:
                formerly = self.guarded(self.formerly, fields["formerly"], f"{where}.formerly",
                                        default=())
            else:
                self.fail(fields["formerly"], f"{where}: only a label (a path entry, a "
                                              "setting's label or value) has former wordings")
        en = self.string(fields["en"], f"{where}.en") if "en" in fields else ""
        fr = self.guarded(self.string, fields["fr"], f"{where}.fr") if "fr" in fields else None
        if fr is not None and "fr_from" not in fields:
            self.warn(node, f"{where}: the French text has no fr_from stamp, so a later change "
                            "to the English cannot be noticed (run: optout stamp FILE)")
        if "fr_from" in fields and en:
            stamp = self.guarded(self.string, fields["fr_from"], f"{where}.fr_from")
            if stamp is not None and stamp != m.source_stamp(en):
                self.warn(fields["fr_from"], f"{where}: the French text is stale: it was "
                                             "translated from an earlier English text; update "
                                             "it, delete its fr_from line and run optout stamp")
        unconfirmed: frozenset[str] = frozenset()
        if "unconfirmed" in fields:
            items = self.seq(fields["unconfirmed"], f"{where}.unconfirmed")
            unconfirmed = frozenset(self.choice(i, f"{where}.unconfirmed", m.LANGUAGES)
                                    for i in items)
        if "fr" in self.languages and fr is None:
            self.fail(node, f"{where}: missing the French text (fr); the platform lists fr "
                            "in its languages")
        if not en:
            raise _Invalid()
        return m.LocalText(en=en, fr=fr, unconfirmed=unconfirmed, formerly=formerly)

    def formerly(self, node: Node, where: str) -> tuple[m.FormerLabel, ...]:
        found = []
        for i, item in enumerate(self.seq(node, where)):
            at = f"{where}[{i + 1}]"
            f = self.mapping(item, at, "former")
            en = self.guarded(self.string, f["en"], f"{at}.en") if "en" in f else None
            fr = self.guarded(self.string, f["fr"], f"{at}.fr") if "fr" in f else None
            until = self.guarded(self.date, f["until"], f"{at}.until", partial=True,
                                 dated=True) if "until" in f else None
            if en and until:
                found.append(m.FormerLabel(en=en, until=until, fr=fr))
        return tuple(found)

    def minutes(self, node: Node, where: str) -> int:
        value = self.string(node, where, typed="int")
        if not value.isdigit() or not 1 <= int(value) <= 240:
            raise self.fail(node, f"{where} must be a whole number of minutes from 1 to 240, "
                                  f"not {value!r}")
        return int(value)

    def changes(self, node: Node, where: str) -> tuple[m.Change, ...]:
        found = []
        for i, item in enumerate(self.seq(node, where)):
            at = f"{where}[{i + 1}]"
            f = self.mapping(item, at, "change")
            date = self.guarded(self.date, f["date"], f"{at}.date", partial=True,
                                dated=True) if "date" in f else None
            what = self.guarded(self.text, f["what"], f"{at}.what") if "what" in f else None
            if date and what:
                found.append(m.Change(date=date, what=what))
        if [c.date for c in found] != sorted((c.date for c in found), reverse=True):
            self.fail(node, f"{where} must list the newest change first")
        return tuple(found)

    def texts(self, node: Node, where: str, *, label: bool = False) -> tuple[m.LocalText, ...]:
        items = self.seq(node, where, allow_empty=True)
        return tuple(t for t in (self.guarded(self.text, item, f"{where}[{i + 1}]", label=label)
                                 for i, item in enumerate(items)) if t)

    # -- the catalog's shapes --------------------------------------------------------
    def platform(self, node: Node, file_id: str) -> m.Platform:
        f = self.mapping(node, "the platform", "platform")
        if "format" in f:
            version = self.guarded(self.string, f["format"], "format", typed="int")
            if version == "1":
                self.fail(f["format"], f"this file is in catalog format 1; this version of "
                                       f"optout reads format {m.FORMAT_VERSION} (convert it "
                                       f"with: python scripts/migrate_format2.py FILE)")
            elif version is not None and version != str(m.FORMAT_VERSION):
                self.fail(f["format"], f"format must be {m.FORMAT_VERSION} (this version of "
                                       f"optout reads format {m.FORMAT_VERSION})")
        pid = self.guarded(self.ident, f["id"], "id") if "id" in f else None
        if pid and pid != file_id:
            self.fail(f["id"], f"id {pid!r} must equal the file name ({file_id!r})")
        name = self.guarded(self.string, f["name"], "name") if "name" in f else None
        for key in ("name", "aliases"):
            for item in (f[key].items or [f[key]]) if key in f else []:
                if item.kind == "scalar" and has_invisible(item.value or ""):
                    self.fail(item, f"{key}: bidi overrides and zero-width characters are not "
                                    "allowed (they can disguise a name)")
        domains = self.guarded(self.strings, f["domains"], "domains", default=()) \
            if "domains" in f else ()
        for item, domain in zip(f["domains"].items if "domains" in f else [], domains):
            if not _DOMAIN.match(domain):
                self.fail(item, f"domains: {domain!r} is not a domain name like example.com")
        self.domains = tuple(d.lower() for d in domains)
        if "languages" in f:
            items = self.guarded(self.seq, f["languages"], "languages", default=[])
            langs = [self.guarded(self.choice, i, "languages", m.LANGUAGES) for i in items]
            if "en" not in langs:
                self.fail(f["languages"], "languages must include en")
            self.languages = tuple(lang for lang in langs if lang)
        categories: tuple[str, ...] = ()
        if "categories" in f:
            items = self.guarded(self.seq, f["categories"], "categories", default=[])
            categories = tuple(c for c in (self.guarded(self.choice, i, "categories",
                                                        m.CATEGORIES) for i in items) if c)
        aliases = self.guarded(self.strings, f["aliases"], "aliases", default=()) \
            if "aliases" in f else ()
        actions: list[m.Action] = []
        if "actions" in f:
            seen: set[str] = set()
            for item in self.guarded(self.seq, f["actions"], "actions", default=[]):
                action = self.guarded(self.action, item)
                if action is None:
                    continue
                if action.id in seen:
                    self.fail(item, f"action id {action.id!r} is used twice")
                seen.add(action.id)
                actions.append(action)
        if self.problems or not (pid and name):
            raise _Invalid()
        return m.Platform(id=pid, name=name, domains=self.domains, categories=categories,
                          languages=self.languages, actions=tuple(actions), aliases=aliases)

    def action(self, node: Node) -> m.Action:
        where = "action"
        f = self.mapping(node, where, "action")
        aid = self.ident(f["id"], "action id") if "id" in f else "?"
        where = f"action {aid!r}"
        g = self.guarded
        values = {
            "title": g(self.text, f["title"], f"{where}: title") if "title" in f else None,
            "controls": g(self.text, f["controls"], f"{where}: controls")
            if "controls" in f else None,
            "kind": g(self.choice, f["kind"], f"{where}: kind", m.KINDS) if "kind" in f else None,
            "default": g(self.choice, f["default"], f"{where}: default", m.DEFAULTS)
            if "default" in f else None,
            "difficulty": g(self.choice, f["difficulty"], f"{where}: difficulty",
                            m.DIFFICULTIES) if "difficulty" in f else None,
            "future_only": g(self.boolean, f["future_only"], f"{where}: future_only")
            if "future_only" in f else None,
            "confidence": g(self.choice, f["confidence"], f"{where}: confidence", m.CONFIDENCE)
            if "confidence" in f else None,
            "verified": g(self.date, f["verified"], f"{where}: verified")
            if "verified" in f else None,
            "minutes": g(self.minutes, f["minutes"], f"{where}: minutes")
            if "minutes" in f else None,
        }
        if values["verified"] is not None:
            age = (self.today - dt.date.fromisoformat(values["verified"])).days
            if age > STALE_AFTER_DAYS:
                self.warn(f["verified"], f"{where}: verified {values['verified']}, {age} days "
                                         f"ago: may be out of date (check it again)")
        surfaces = self.surfaces(f["surfaces"], where) if "surfaces" in f else ()
        sources = tuple(s for s in (g(self.source, item, f"{where}: source")
                                    for item in g(self.seq, f["sources"], f"{where}: sources",
                                                  default=[])) if s) if "sources" in f else ()
        regions = ("all",)
        if "regions" in f:
            regions = g(self.strings, f["regions"], f"{where}: regions", default=("all",))
            for item, region in zip(f["regions"].items, regions):
                if not is_region(region):
                    self.fail(item, f"{where}: region {region!r} must be an ISO 3166 code "
                                    "(GB, FR…), EU, EEA or all, optionally with a leading -")
        optional = {
            "plans": g(self.strings, f["plans"], f"{where}: plans", default=())
            if "plans" in f else (),
            "excluded_plans": g(self.strings, f["excluded_plans"], f"{where}: excluded_plans",
                                default=()) if "excluded_plans" in f else (),
            "priority": g(self.choice, f["priority"], f"{where}: priority", m.PRIORITIES,
                          default="medium") if "priority" in f else "medium",
            "caveats": g(self.texts, f["caveats"], f"{where}: caveats", default=())
            if "caveats" in f else (),
            "check": g(self.text, f["check"], f"{where}: check") if "check" in f else None,
            "confidence_note": g(self.string, f["confidence_note"],
                                 f"{where}: confidence_note") if "confidence_note" in f else None,
            "changes": g(self.changes, f["changes"], f"{where}: changes", default=())
            if "changes" in f else (),
        }
        if any(v is None for v in values.values()) or not surfaces or not sources:
            raise _Invalid()
        return m.Action(id=aid, surfaces=surfaces, sources=sources, regions=regions,
                        verified=dt.date.fromisoformat(values.pop("verified")),
                        **values, **optional)

    def surfaces(self, node: Node, where: str) -> tuple[m.Surface, ...]:
        f = self.mapping(node, f"{where}: surfaces", "surfaces")
        if not f:
            raise self.fail(node, f"{where}: surfaces must name at least one of: "
                                  f"{', '.join(m.SURFACES)}")
        found = [self.guarded(self.surface, f[sid], sid, f"{where}, surface {sid!r}")
                 for sid in m.SURFACES if sid in f]
        return tuple(s for s in found if s)

    def surface(self, node: Node, sid: str, where: str) -> m.Surface:
        f = self.mapping(node, where, "surface")
        available = self.choice(f["available"], f"{where}: available", m.AVAILABILITY) \
            if "available" in f else None
        note = self.guarded(self.text, f["note"], f"{where}: note") if "note" in f else None
        link = self.guarded(self.url, f["link"], f"{where}: link", own_domain=True) \
            if "link" in f else None
        template = self.guarded(self.template, f["template"], sid, f"{where}: template") \
            if "template" in f else None
        address = self.guarded(self.address, f["address"], sid, f"{where}: address") \
            if "address" in f else None
        steps: list[m.Step] = []
        if "steps" in f:
            seen: set[str] = set()
            for item in self.seq(f["steps"], f"{where}: steps"):
                step = self.guarded(self.step, item, where)
                if step is None:
                    continue
                if step.id in seen:
                    self.fail(item, f"{where}: step id {step.id!r} is used twice")
                seen.add(step.id)
                steps.append(step)
        elif available == "yes":
            self.fail(node, f"{where}: a surface that is available needs steps")
        if available is None:
            raise _Invalid()
        return m.Surface(id=sid, available=available, note=note, link=link, steps=tuple(steps),
                         template=template, address=address)

    def template(self, node: Node, sid: str, where: str) -> m.LocalText:
        if sid not in ("form", "email"):
            raise self.fail(node, f"{where}: only form and email surfaces have a template")
        text = self.text(node, where)
        for lang, value in (("en", text.en), ("fr", text.fr or "")):
            if value.count("{{") != value.count("}}"):
                self.fail(node, f"{where} ({lang}): unbalanced {{{{ }}}} around a blank")
        return text

    def address(self, node: Node, sid: str, where: str) -> str:
        if sid != "email":
            raise self.fail(node, f"{where}: only an email surface has an address")
        value = self.string(node, where)
        if not re.fullmatch(spec.OBJECTS["surface"]["address"].pattern, value):
            raise self.fail(node, f"{where}: {value!r} is not an email address")
        return value

    def step(self, node: Node, where: str) -> m.Step:
        f = self.mapping(node, f"{where}: step", "step")
        sid = self.ident(f["id"], f"{where}: step id") if "id" in f else "?"
        where = f"{where}, step {sid!r}"
        text = self.text(f["text"], f"{where}: text") if "text" in f else None
        path = self.texts(f["path"], f"{where}: path", label=True) if "path" in f else ()
        setting = self.guarded(self.setting, f["setting"], where) if "setting" in f else None
        link = self.guarded(self.url, f["link"], f"{where}: link", own_domain=True) \
            if "link" in f else None
        if text is None:
            raise _Invalid()
        return m.Step(id=sid, text=text, path=path, setting=setting, link=link)

    def setting(self, node: Node, where: str) -> m.Setting:
        f = self.mapping(node, f"{where}: setting", "setting")
        label = self.text(f["label"], f"{where}: setting label", label=True) \
            if "label" in f else None
        set_to = self.choice(f["set_to"], f"{where}: set_to", m.SET_TO) if "set_to" in f else None
        value = self.text(f["value"], f"{where}: setting value", label=True) \
            if "value" in f else None
        if set_to == "chosen" and value is None:
            self.fail(node, f"{where}: set_to 'chosen' needs a value (the option to choose)")
        if label is None or set_to is None:
            raise _Invalid()
        return m.Setting(label=label, set_to=set_to, value=value)

    def source(self, node: Node, where: str) -> m.Source:
        f = self.mapping(node, where, "source")
        g = self.guarded
        url = g(self.url, f["url"], f"{where} url", own_domain=False) if "url" in f else None
        publisher = g(self.string, f["publisher"], f"{where} publisher") \
            if "publisher" in f else None
        published = g(self.date, f["published"], f"{where} published", partial=True) \
            if "published" in f else None
        kind = g(self.choice, f["type"], f"{where} type", m.SOURCE_TYPES) if "type" in f else None
        title = g(self.string, f["title"], f"{where} title") if "title" in f else None
        supports = g(self.string, f["supports"], f"{where} supports") if "supports" in f else None
        if not (url and publisher and published and kind):
            raise _Invalid()
        return m.Source(url=url, publisher=publisher, published=published, type=kind,
                        title=title, supports=supports)


def load_platform(path: Path, *, today: dt.date | None = None) -> m.Platform:
    """Load one platform file; raise CatalogError listing every error found in it."""
    platform, findings = check_platform(path, today=today)
    if platform is None:
        raise CatalogError([p for p in findings if p.severity == "error"])
    return platform


def check_platform(path: Path, *, today: dt.date | None = None
                   ) -> tuple[m.Platform | None, list[Problem]]:
    """Load one platform file: the platform (None when it has errors) and every finding."""
    try:
        return _check_platform(path, today)
    except CatalogError as error:
        return None, error.problems
    except Exception as error:  # never a traceback for a bad file, whatever it holds
        return None, [Problem(str(path), 1, 1, f"could not be read ({type(error).__name__}: "
                                               f"{error})")]


def _check_platform(path: Path, today: dt.date | None) -> tuple[m.Platform | None, list[Problem]]:
    shown = str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)  # a FIFO or /dev/zero is refused unread
    except FileTooLarge as error:
        raise CatalogError([Problem(shown, 1, 1, f"the file is {error.size:,} bytes; a catalog "
                                                 f"file may be at most {MAX_FILE_BYTES:,}")])
    except OSError as error:
        raise CatalogError([Problem(shown, 1, 1, f"cannot read the file: {error.strerror}")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise CatalogError([Problem(shown, line, column,
                                    "the file is not UTF-8 text (save it as UTF-8)")]) from None
    try:
        root = parse(text)
    except YamlProblem as problem:
        raise CatalogError([Problem(shown, problem.line, problem.column, problem.message)])
    if root is None:
        raise CatalogError([Problem(shown, 1, 1, "the file is empty; expected a platform "
                                                 "mapping (see catalog/FORMAT.md)")])
    builder = _Builder(shown, today or dt.date.today())
    try:
        platform = builder.platform(root, path.stem)
    except _Invalid:
        if not builder.problems:  # pragma: no cover - every _Invalid records a problem first
            builder.problems.append(Problem(shown, 1, 1, "invalid platform"))
        return None, builder.problems + builder.warnings
    platform = m.Platform(id=platform.id, name=platform.name, domains=platform.domains,
                          categories=platform.categories, languages=platform.languages,
                          actions=platform.actions, aliases=platform.aliases, origin=shown)
    return platform, builder.warnings


def load_catalog(folders: Iterable[Path], *, today: dt.date | None = None) -> m.Catalog:
    """Load every platform file of `folders`; a later folder's platform replaces an earlier one.

    Raises CatalogError with the problems of every bad file, not only the first.
    """
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
