"""Search over platform names, aliases and action titles: case-blind and tolerant of typos.

The command line and the app both use this, so they find the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from optout_tui.catalog.model import Action, Catalog, Platform


@dataclass(frozen=True, slots=True)
class Hit:
    platform: Platform
    action: Action | None  # None when the platform itself matched
    score: float


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _score(query: str, text: str) -> float:
    """1.0 for a prefix, 0.9 for a substring, else the best word-level similarity."""
    text = _fold(text)
    if text.startswith(query):
        return 1.0
    if query in text:
        return 0.9
    best = 0.0
    words = text.replace("/", " ").replace("-", " ").split()
    for i in range(len(words)):
        for j in range(i + 1, min(i + 1 + len(query.split()), len(words)) + 1):
            ratio = SequenceMatcher(None, query, " ".join(words[i:j])).ratio()
            best = max(best, ratio)
    return best * 0.85 if best >= 0.75 else 0.0


def search(catalog: Catalog, query: str, lang: str = "en") -> list[Hit]:
    """Platforms and actions matching `query`, best first."""
    query = _fold(query)
    if not query:
        return []
    hits: list[Hit] = []
    for platform in catalog.platforms:
        names = [platform.name, platform.id, *platform.aliases]
        platform_score = max(_score(query, n) for n in names)
        if platform_score:
            hits.append(Hit(platform, None, platform_score))
        for action in platform.actions:
            titles = {action.title.en, action.title.get(lang), action.id}
            score = max(_score(query, t) for t in titles) * 0.95
            if score:
                hits.append(Hit(platform, action, score))
    hits.sort(key=lambda h: (-h.score, h.platform.name.casefold(),
                             h.action.id if h.action else ""))
    return hits
