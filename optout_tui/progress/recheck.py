"""Noticing when a finished action needs checking again: its catalog entry changed since it
was done (a renamed setting, a new step), or it was done too long ago. No Textual."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from optout_tui.catalog.model import Action, LocalText, Surface
from optout_tui.i18n import Phrase, translator

from optout_tui.progress.store import RECHECK_AFTER_DAYS  # noqa: F401 (defined there)


def _label(text: LocalText) -> str:
    return text.en


def snapshot(action: Action, surface: Surface) -> str:
    """The English text of a surface's steps, as stable JSON: what the person followed."""
    steps = []
    for step in surface.steps:
        entry: dict[str, object] = {
            "id": step.id,
            "text": step.text.en,
            "path": [_label(p) for p in step.path],
        }
        if step.setting:
            entry["setting"] = [_label(step.setting.label), step.setting.set_to]
        steps.append(entry)
    return json.dumps(
        {"action": action.id, "surface": surface.id, "steps": steps},
        sort_keys=True,
        ensure_ascii=False,
    )


def changes(old_snapshot: str, action: Action, surface: Surface) -> list[Phrase]:
    """What changed in the catalog since the action was done, in plain words."""
    try:
        old = {s["id"]: s for s in json.loads(old_snapshot)["steps"]}
    except (ValueError, KeyError, TypeError):
        return [Phrase("the saved record could not be read")]
    new = {s["id"]: s for s in json.loads(snapshot(action, surface))["steps"]}
    found: list[Phrase] = []
    for step_id in new.keys() - old.keys():
        found.append(Phrase("new step: {text}", text=new[step_id]["text"]))
    for step_id in old.keys() - new.keys():
        found.append(Phrase("step removed: {text}", text=old[step_id]["text"]))
    for step_id in sorted(old.keys() & new.keys()):
        before, after = old[step_id], new[step_id]
        if before.get("setting") != after.get("setting"):
            was, now = before.get("setting"), after.get("setting")
            if not now:
                found.append(Phrase("setting removed: “{was}”", was=was[0]))
            elif not was:
                found.append(Phrase("new setting: “{now}” ({set_to})", now=now[0], set_to=now[1]))
            else:
                found.append(
                    Phrase(
                        "setting changed: “{was}” → “{now}” ({set_to})",
                        was=was[0],
                        now=now[0],
                        set_to=now[1],
                    )
                )
        if before["path"] != after["path"]:
            found.append(Phrase("path changed: {path}", path=" › ".join(after["path"])))
        if before["text"] != after["text"]:
            found.append(Phrase("instruction changed: {text}", text=after["text"]))
    return found


@dataclass(frozen=True, slots=True)
class Recheck:
    """Why an action done earlier should be checked again."""

    surface: str
    changed: tuple[Phrase, ...]
    days_since: int

    @property
    def reason(self) -> str:
        return self.reason_in("en")

    def reason_in(self, lang: str) -> str:
        """Why, in words in `lang`."""
        _ = translator(lang).gettext
        if self.changed:
            return _("the instructions changed: {changes}").format(
                changes="; ".join(change.text(lang) for change in self.changed)
            )
        return _("done {n} days ago; platforms reset settings").format(n=self.days_since)


def recheck(
    action: Action,
    records: dict[tuple[str, str, str], tuple[str, str]],
    platform_id: str,
    *,
    now: dt.datetime | None = None,
    after_days: int = RECHECK_AFTER_DAYS,
) -> Recheck | None:
    """A Recheck when the action was done on some surface and needs looking at again."""
    now = now or dt.datetime.now(dt.timezone.utc)
    for surface in action.available_surfaces:
        record = records.get((platform_id, action.id, surface.id))
        if record is None:
            continue
        old, done_at = record
        try:
            when = dt.datetime.fromisoformat(done_at)
            days = (now - (when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc))).days
        except (TypeError, ValueError):  # a record nobody can date: look at it again
            days = after_days + 1
        found = tuple(changes(old, action, surface))
        if found or days > after_days:
            return Recheck(surface.id, found, days)
    return None
