"""A profile's progress as JSON (importable again), Markdown, or a printable HTML handout.

No Textual. The HTML handout carries a QR code (SVG, so it prints sharp) for each link that
is left to do, and every catalog text is escaped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from optout_tui.catalog.model import Action, Catalog, Platform
from optout_tui.i18n import N_, Phrase, translator
from optout_tui.progress.status import ActionProgress, Standing, is_task
from optout_tui.progress.store import STATES, ProgressStore, StoreError
from optout_tui.text import clean, has_control, markdown_link, markdown_text

EXPORT_FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ActionLine:
    platform: Platform
    action: Action
    progress: ActionProgress

    @property
    def done(self) -> bool:
        return self.progress.finished


def _lines(
    catalog: Catalog, store: ProgressStore, recheck_days: int | None = None
) -> list[ActionLine]:
    """The tasks of every platform the person touched, with where they stand."""
    standing = Standing.read(store, recheck_days)
    lines = []
    for platform in catalog.platforms:
        if platform.id not in standing.busy:
            continue
        for action in platform.actions:
            if is_task(action):
                lines.append(ActionLine(platform, action, standing.action(platform.id, action)))
    return lines


def to_json(store: ProgressStore) -> str:
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "profile": store.profile,
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "steps": [
            dict(zip(("platform", "action", "surface", "step", "state", "changed_at"), r))
            for r in store.step_rows()
        ],
        "done": [
            {"platform": p, "action": a, "surface": s, "snapshot": snap, "done_at": at}
            for (p, a, s), (snap, at) in sorted(store.done_records().items())
        ],
        "notes": [
            {"platform": p, "action": a, "note": note, "changed_at": at}
            for (p, a), (note, at) in sorted(store.notes().items())
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


MAX_IMPORT_BYTES = 20_000_000  # a profile with every step of a big catalog is far smaller
MAX_NOTE = 10_000  # characters in a note (a page of text)
MAX_ID = 200  # characters in a platform, action, surface or step id
CLOCK_SKEW = dt.timedelta(hours=1)  # how far ahead of this clock an imported date may be


class _Refused(Exception):
    """One record of an import is not acceptable; the message says which and why."""


def _text_field(record: dict[str, Any], name: str, where: str, *, limit: int = MAX_ID) -> str:
    value = record.get(name)
    if not isinstance(value, str):
        raise _Refused(Phrase("{where}: {name} must be text", where=where, name=name))
    if name != "note" and (not value or has_control(value)):
        raise _Refused(
            Phrase(
                "{where}: {name} {value!r} is empty or holds control characters",
                where=where,
                name=name,
                value=value[:40],
            )
        )
    if len(value) > limit:
        raise _Refused(
            Phrase(
                "{where}: {name} is {length} characters long (at most {limit})",
                where=where,
                name=name,
                length=format(len(value), ","),
                limit=format(limit, ","),
            )
        )
    return value


def _moment(record: dict[str, Any], name: str, where: str, now: dt.datetime) -> str:
    """A date and time with its time zone, not in the future, as UTC ISO text."""
    value = _text_field(record, name, where)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Refused(
            Phrase(
                "{where}: {name} {value!r} is not a date and time",
                where=where,
                name=name,
                value=value,
            )
        ) from None
    if moment.tzinfo is None:
        raise _Refused(
            Phrase(
                "{where}: {name} {value!r} has no time zone", where=where, name=name, value=value
            )
        )
    moment = moment.astimezone(dt.timezone.utc)
    if moment > now + CLOCK_SKEW:
        raise _Refused(
            Phrase(
                "{where}: {name} {value!r} is in the future", where=where, name=name, value=value
            )
        )
    return moment.isoformat(timespec="seconds")


def _snapshot(record: dict[str, Any], where: str) -> str:
    value = _text_field(record, "snapshot", where, limit=MAX_IMPORT_BYTES)
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        parsed = None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("steps", []), list):
        raise _Refused(Phrase("{where}: snapshot is not a saved checklist", where=where))
    return value


def _records(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    records = data.get(name, [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise _Refused(Phrase("{name} must be a list of records", name=name))
    return records


def parse_export(
    text: str, source: str, *, now: dt.datetime | None = None
) -> tuple[
    list[tuple[str, str, str, str, str, str]],
    list[tuple[str, str, str, str, str]],
    list[tuple[str, str, str, str]],
]:
    """The steps, done records and notes of an exported file, every value checked: ids are
    text without control characters, states are known, dates are real, with a time zone and
    not in the future, snapshots are checklists, notes are of a sane length (their control
    characters removed). StoreError naming the file and the record otherwise."""
    now = now or dt.datetime.now(dt.timezone.utc)
    try:
        data = json.loads(text)
    except RecursionError:
        raise StoreError(
            "{source}: not a valid progress export (nested too deeply)", source=source
        ) from None
    except ValueError as error:
        raise StoreError(
            "{source}: not a valid progress export ({error})", source=source, error=error
        ) from None
    if not isinstance(data, dict) or data.get("format_version") != EXPORT_FORMAT_VERSION:
        version = data.get("format_version") if isinstance(data, dict) else None
        raise StoreError(
            "{source}: not an optout progress export (format_version {version!r})",
            source=source,
            version=version,
        )
    try:
        if "steps" not in data:
            raise _Refused(Phrase("it has no steps"))
        steps = []
        for n, s in enumerate(_records(data, "steps"), 1):
            where = Phrase("step record {n}", n=n)
            row = tuple(_text_field(s, k, where) for k in ("platform", "action", "surface", "step"))
            state = _text_field(s, "state", where)
            if state not in STATES:
                raise _Refused(
                    Phrase(
                        "{where}: unknown state {state!r} (one of {states})",
                        where=where,
                        state=state,
                        states=", ".join(STATES),
                    )
                )
            steps.append((*row, state, _moment(s, "changed_at", where, now)))
        done = []
        for n, d in enumerate(_records(data, "done"), 1):
            where = Phrase("done record {n}", n=n)
            row = tuple(_text_field(d, k, where) for k in ("platform", "action", "surface"))
            done.append((*row, _snapshot(d, where), _moment(d, "done_at", where, now)))
        notes = []
        for n, r in enumerate(_records(data, "notes"), 1):
            where = Phrase("note record {n}", n=n)
            row = tuple(_text_field(r, k, where) for k in ("platform", "action"))
            note = clean(_text_field(r, "note", where, limit=MAX_NOTE))
            notes.append((*row, note, _moment(r, "changed_at", where, now)))
    except _Refused as error:
        raise StoreError(
            "{source}: not a valid progress export: {why}", source=source, why=error
        ) from None
    return steps, done, notes  # type: ignore[return-value]  # rows of the lengths merge reads


def merge_json(store: ProgressStore, text: str, source: str) -> int:
    """Merge an exported JSON file into the store's profile; returns steps changed."""
    steps, done, notes = parse_export(text, source)
    return store.merge(steps, done, notes)


def to_markdown(
    catalog: Catalog, store: ProgressStore, lang: str = "en", recheck_days: int | None = None
) -> str:
    """The progress as Markdown in which every catalog text, link, note and the profile name
    are literal: escaped, one line each, so none can add HTML, links or sections."""
    _ = translator(lang).gettext
    today = dt.date.today().isoformat()
    out = [
        "# " + _("Opt-out progress: {profile}").format(profile=markdown_text(store.profile)),
        "",
        _("Exported {date}.").format(date=today),
        "",
    ]
    lines = _lines(catalog, store, recheck_days)
    notes = store.notes()
    for title, keep in ((N_("Done"), True), (N_("Still to do"), False)):
        out.append(f"## {_(title)}")
        out.append("")
        chosen = [line for line in lines if line.done is keep]
        for line in chosen:
            link = (
                f" — {markdown_link(line.action.link)}" if (not keep and line.action.link) else ""
            )
            out.append(
                f"- {markdown_text(line.platform.name)}: "
                f"{markdown_text(line.action.title.get(lang))}{link}"
            )
            note = notes.get((line.platform.id, line.action.id))
            if note:
                out.append("  - " + _("Note: ") + markdown_text(note[0]))
        if not chosen:
            out.append("- " + _("(none)"))
        out.append("")
    return "\n".join(out)


def to_html(
    catalog: Catalog, store: ProgressStore, lang: str = "en", recheck_days: int | None = None
) -> str:
    """The printable handout (progress.handout)."""
    from optout_tui.progress.handout import to_html as handout

    return handout(catalog, store, lang, recheck_days)
