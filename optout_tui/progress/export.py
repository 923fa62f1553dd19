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
from optout_tui.i18n import N_, translator
from optout_tui.progress.status import action_status
from optout_tui.progress.store import ProgressStore, StoreError

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


def merge_json(store: ProgressStore, text: str, source: str) -> int:
    """Merge an exported JSON file into the store's profile; returns steps changed."""
    try:
        data = json.loads(text)
        if data.get("format_version") != EXPORT_FORMAT_VERSION:
            raise StoreError("{source}: not an optout progress export (format_version "
                             "{version!r})", source=source, version=data.get("format_version"))
        steps = [(s["platform"], s["action"], s["surface"], s["step"], s["state"],
                  s["changed_at"]) for s in data["steps"]]
        done = [(d["platform"], d["action"], d["surface"], d["snapshot"], d["done_at"])
                for d in data.get("done", [])]
        notes = [(n["platform"], n["action"], n["note"], n["changed_at"])
                 for n in data.get("notes", [])]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise StoreError("{source}: not a valid progress export ({error})", source=source,
                         error=error) from None
    if not all(isinstance(v, str) for row in steps + done + notes for v in row):
        raise StoreError("{source}: not a valid progress export (a value is not text)",
                         source=source)
    return store.merge(steps, done, notes)


def to_markdown(catalog: Catalog, store: ProgressStore, lang: str = "en") -> str:
    _ = translator(lang).gettext
    today = dt.date.today().isoformat()
    out = ["# " + _("Opt-out progress: {profile}").format(profile=store.profile), "",
           _("Exported {date}.").format(date=today), ""]
    lines = _lines(catalog, store)
    notes = store.notes()
    for title, keep in ((N_("Done"), True), (N_("Still to do"), False)):
        out.append(f"## {_(title)}")
        out.append("")
        chosen = [line for line in lines if line.done is keep]
        for line in chosen:
            link = f" — {line.action.link}" if (not keep and line.action.link) else ""
            out.append(f"- {line.platform.name}: {line.action.title.get(lang)}{link}")
            note = notes.get((line.platform.id, line.action.id))
            if note:
                out.append("  - " + _("Note: ") + note[0])
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

        svg = self._drawn.get(url)
        if svg is None:
            svg, self._mask = svg_code(url, mask=self._mask)
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
