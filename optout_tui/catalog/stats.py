"""`optout stats`: how big the catalog is and how well it is sourced, dated and translated."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from optout_tui.catalog.model import STALE_AFTER_DAYS
from optout_tui.catalog.model import Action, Catalog, LocalText, SourceType


def _texts(action: Action) -> Iterator[tuple[LocalText, bool]]:
    """Every text of an action, with whether it is a platform label."""
    yield action.title, False
    yield action.controls, False
    yield from ((c, False) for c in action.caveats)
    if action.check:
        yield action.check, False
    for surface in action.surfaces:
        if surface.note:
            yield surface.note, False
        for step in surface.steps:
            yield step.text, False
            yield from ((label, True) for label in step.path)
            if step.setting:
                yield step.setting.label, True
                if step.setting.value:
                    yield step.setting.value, True


@dataclass(slots=True)
class CatalogStats:
    platforms: int = 0
    actions: int = 0
    sourced: int = 0
    official_source: int = 0
    verified_recently: int = 0
    texts: int = 0
    texts_fr: int = 0
    labels: int = 0
    labels_unconfirmed_en: int = 0
    labels_unconfirmed_fr: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    confidence: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "platforms": self.platforms,
            "actions": self.actions,
            "sourced": self.sourced,
            "official_source": self.official_source,
            "verified_within_days": {"days": STALE_AFTER_DAYS, "actions": self.verified_recently},
            "texts": self.texts,
            "texts_with_french": self.texts_fr,
            "labels": self.labels,
            "labels_unconfirmed": {
                "en": self.labels_unconfirmed_en,
                "fr": self.labels_unconfirmed_fr,
            },
            "kinds": dict(sorted(self.kinds.items())),
            "confidence": dict(sorted(self.confidence.items())),
        }


def catalog_stats(catalog: Catalog, today: dt.date | None = None) -> CatalogStats:
    today = today or dt.date.today()
    stats = CatalogStats(platforms=len(catalog.platforms))
    for platform in catalog.platforms:
        for action in platform.actions:
            stats.actions += 1
            stats.sourced += bool(action.sources)
            stats.official_source += any(s.type == SourceType.OFFICIAL for s in action.sources)
            stats.verified_recently += (today - action.verified).days <= STALE_AFTER_DAYS
            stats.kinds[action.kind] += 1
            stats.confidence[action.confidence] += 1
            for text, is_label in _texts(action):
                stats.texts += 1
                stats.texts_fr += text.fr is not None
                if is_label:
                    stats.labels += 1
                    stats.labels_unconfirmed_en += "en" in text.unconfirmed
                    stats.labels_unconfirmed_fr += "fr" in text.unconfirmed or text.fr is None
    return stats


def render(stats: CatalogStats) -> str:
    def pct(n: int, d: int) -> str:
        return f"{n}/{d} ({100 * n / d:.0f}%)" if d else "0/0"

    lines = [
        f"Platforms:                     {stats.platforms}",
        f"Actions:                       {stats.actions}",
        f"  with a source:               {pct(stats.sourced, stats.actions)}",
        f"  with an official source:     {pct(stats.official_source, stats.actions)}",
        f"  verified in the last {STALE_AFTER_DAYS} d:  "
        f"{pct(stats.verified_recently, stats.actions)}",
        f"Texts translated into French:  {pct(stats.texts_fr, stats.texts)}",
        f"Platform labels:               {stats.labels}",
        f"  English wording unconfirmed: {stats.labels_unconfirmed_en}",
        f"  French wording unconfirmed:  {stats.labels_unconfirmed_fr}",
        f"  French wording confirmed:    "
        f"{pct(stats.labels - stats.labels_unconfirmed_fr, stats.labels)}",
        "By kind:       " + ", ".join(f"{k} {n}" for k, n in sorted(stats.kinds.items())),
        "By confidence: " + ", ".join(f"{k} {n}" for k, n in sorted(stats.confidence.items())),
    ]
    return "\n".join(lines)
