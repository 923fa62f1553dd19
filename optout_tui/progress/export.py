"""A profile's progress as JSON (importable again), Markdown, or a printable HTML handout.

No Textual. The HTML handout carries a QR code (SVG, so it prints sharp) for each link that
is left to do, and every catalog text is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from typing import Any

from optout_tui.catalog.model import Action, Catalog, Platform
from optout_tui.i18n import N_, Phrase, translator
from optout_tui.progress.status import action_status
from optout_tui.progress.store import STATES, ProgressStore, StoreError
from optout_tui.text import clean, has_control, markdown_link, markdown_text

EXPORT_FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ActionLine:
    platform: Platform
    action: Action
    done: bool
    started: bool


def _lines(catalog: Catalog, store: ProgressStore) -> list[ActionLine]:
    done = store.done_steps()
    touched = {k.platform for k in done} | {row[0] for row in store.step_rows()}
    lines = []
    for platform in catalog.platforms:
        if platform.id not in touched:
            continue
        for action in platform.actions:
            status = action_status(platform.id, action, done)
            lines.append(ActionLine(platform, action, status.is_done, status.is_started))
    return lines


def to_json(store: ProgressStore) -> str:
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "profile": store.profile,
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "steps": [dict(zip(("platform", "action", "surface", "step", "state", "changed_at"), r))
                  for r in store.step_rows()],
        "done": [{"platform": p, "action": a, "surface": s, "snapshot": snap, "done_at": at}
                 for (p, a, s), (snap, at) in sorted(store.done_records().items())],
        "notes": [{"platform": p, "action": a, "note": note, "changed_at": at}
                  for (p, a), (note, at) in sorted(store.notes().items())],
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
        raise _Refused(Phrase("{where}: {name} {value!r} is empty or holds control characters",
                              where=where, name=name, value=value[:40]))
    if len(value) > limit:
        raise _Refused(Phrase("{where}: {name} is {length} characters long (at most {limit})",
                              where=where, name=name, length=format(len(value), ","),
                              limit=format(limit, ",")))
    return value


def _moment(record: dict[str, Any], name: str, where: str, now: dt.datetime) -> str:
    """A date and time with its time zone, not in the future, as UTC ISO text."""
    value = _text_field(record, name, where)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Refused(Phrase("{where}: {name} {value!r} is not a date and time", where=where,
                              name=name, value=value)) from None
    if moment.tzinfo is None:
        raise _Refused(Phrase("{where}: {name} {value!r} has no time zone", where=where,
                              name=name, value=value))
    moment = moment.astimezone(dt.timezone.utc)
    if moment > now + CLOCK_SKEW:
        raise _Refused(Phrase("{where}: {name} {value!r} is in the future", where=where,
                              name=name, value=value))
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


def parse_export(text: str, source: str, *, now: dt.datetime | None = None
                 ) -> tuple[list[tuple[str, str, str, str, str, str]],
                            list[tuple[str, str, str, str, str]],
                            list[tuple[str, str, str, str]]]:
    """The steps, done records and notes of an exported file, every value checked: ids are
    text without control characters, states are known, dates are real, with a time zone and
    not in the future, snapshots are checklists, notes are of a sane length (their control
    characters removed). StoreError naming the file and the record otherwise."""
    now = now or dt.datetime.now(dt.timezone.utc)
    try:
        data = json.loads(text)
    except RecursionError:
        raise StoreError("{source}: not a valid progress export (nested too deeply)",
                         source=source) from None
    except ValueError as error:
        raise StoreError("{source}: not a valid progress export ({error})", source=source,
                         error=error) from None
    if not isinstance(data, dict) or data.get("format_version") != EXPORT_FORMAT_VERSION:
        version = data.get("format_version") if isinstance(data, dict) else None
        raise StoreError("{source}: not an optout progress export (format_version "
                         "{version!r})", source=source, version=version)
    try:
        if "steps" not in data:
            raise _Refused(Phrase("it has no steps"))
        steps = []
        for n, s in enumerate(_records(data, "steps"), 1):
            where = Phrase("step record {n}", n=n)
            row = tuple(_text_field(s, k, where) for k in ("platform", "action", "surface",
                                                           "step"))
            state = _text_field(s, "state", where)
            if state not in STATES:
                raise _Refused(Phrase("{where}: unknown state {state!r} (one of {states})",
                                      where=where, state=state, states=", ".join(STATES)))
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
        raise StoreError("{source}: not a valid progress export: {why}", source=source,
                         why=error) from None
    return steps, done, notes  # type: ignore[return-value]  # rows of the lengths merge reads


def merge_json(store: ProgressStore, text: str, source: str) -> int:
    """Merge an exported JSON file into the store's profile; returns steps changed."""
    steps, done, notes = parse_export(text, source)
    return store.merge(steps, done, notes)


def to_markdown(catalog: Catalog, store: ProgressStore, lang: str = "en") -> str:
    """The progress as Markdown in which every catalog text, link, note and the profile name
    are literal: escaped, one line each, so none can add HTML, links or sections."""
    _ = translator(lang).gettext
    today = dt.date.today().isoformat()
    out = ["# " + _("Opt-out progress: {profile}").format(profile=markdown_text(store.profile)),
           "", _("Exported {date}.").format(date=today), ""]
    lines = _lines(catalog, store)
    notes = store.notes()
    for title, keep in ((N_("Done"), True), (N_("Still to do"), False)):
        out.append(f"## {_(title)}")
        out.append("")
        chosen = [line for line in lines if line.done is keep]
        for line in chosen:
            link = (f" — {markdown_link(line.action.link)}"
                    if (not keep and line.action.link) else "")
            out.append(f"- {markdown_text(line.platform.name)}: "
                       f"{markdown_text(line.action.title.get(lang))}{link}")
            note = notes.get((line.platform.id, line.action.id))
            if note:
                out.append("  - " + _("Note: ") + markdown_text(note[0]))
        if not chosen:
            out.append("- " + _("(none)"))
        out.append("")
    return "\n".join(out)


class _Codes:
    """QR codes for one handout: each link drawn once, the mask picked once."""

    def __init__(self) -> None:
        self._mask: int | None = None
        self._drawn: dict[str, str] = {}

    def __call__(self, url: str) -> str:
        from optout_tui.qr import svg_code

        from qrcode.exceptions import DataOverflowError

        svg = self._drawn.get(url)
        if svg is None:
            try:
                svg, self._mask = svg_code(url, mask=self._mask)
            except (DataOverflowError, ValueError):  # qrcode: "Invalid version (was 41…)"
                svg = "<p>(This link is too long for a QR code; here is the link.)</p>"
            self._drawn[url] = svg
        return svg


def to_html(catalog: Catalog, store: ProgressStore, lang: str = "en") -> str:
    esc = html.escape
    _ = translator(lang).gettext
    today = dt.date.today().isoformat()
    title = esc(_("Opt-out progress: {profile}").format(profile=store.profile))
    lines = _lines(catalog, store)
    done = [line for line in lines if line.done]
    todo = [line for line in lines if not line.done]
    parts = [
        "<!doctype html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto}"
        ".todo{display:flex;gap:1em;align-items:center;page-break-inside:avoid;"
        "border-top:1px solid #ccc;padding:.5em 0}.todo svg{width:9em;height:9em}"
        "code{word-break:break-all}</style></head><body>",
        f"<h1>{title}</h1>",
        "<p>" + esc(_("Printed {date}. Scan a code with your phone's camera to open the "
                      "setting.").format(date=today)) + "</p>",
        "<h2>" + esc(_("Done")) + "</h2>", "<ul>",
    ]
    parts += [f"<li>✔ {esc(line.platform.name)}: {esc(line.action.title.get(lang))}</li>"
              for line in done] or ["<li>" + esc(_("(none yet)")) + "</li>"]
    parts += ["</ul>", "<h2>" + esc(_("Still to do")) + "</h2>"]
    codes = _Codes()
    for line in todo:
        link = line.action.link
        code = codes(link) if link else ""
        where = f"<p><code>{esc(link)}</code></p>" if link else ""
        parts.append(f'<div class="todo">{code}<div><strong>{esc(line.platform.name)}: '
                     f"{esc(line.action.title.get(lang))}</strong>"
                     f"<p>{esc(line.action.controls.get(lang))}</p>{where}</div></div>")
    if not todo:
        parts.append("<p>" + esc(_("Nothing left. Well done.")) + "</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
