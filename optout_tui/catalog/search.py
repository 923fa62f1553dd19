"""Search over platform names, aliases and action titles: case-blind and tolerant of typos.

The command line and the app both use this, so they find the same things. The index of a
catalog in one language is two lists of strings, one per platform: its names, and its action
titles, each folded and joined by newlines. Folding is done once over all of them joined (C
speed), and a search is a `str.find`/`in` per platform, also in C. Typos are looked for in a
vocabulary of the distinct words, built the first time a typo is needed (or ahead, by
`warm()`): difflib compares a query word with each distinct word once, and the platforms
holding a near word are found by the same substring tests. No per-entry objects: a catalog of
5,000 platforms costs a few megabytes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from optout_tui.catalog.model import ActionFacts, Catalog, Platform

TYPO_CUTOFF = 0.75  # difflib ratio a word needs to count as a typo of a query word
TYPO_WHEN_FEWER = 5  # the browse list looks for typos only when fewer platforms matched exactly
_CHUNK = 256  # platforms folded at once while building
_SEP = "\n"  # between the texts of one platform; never inside a folded text
_END = "\x00"  # between platforms while folding them all at once
_SPACES = re.compile(r"[^\S\n\x00]+")
_UNICODE_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True, slots=True)
class Hit:
    platform: Platform
    action: ActionFacts | None  # None when the platform itself matched (full action:
    # platform.action(hit.action.id))
    score: float


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str) -> list[str]:
    return text.replace("/", " ").replace("-", " ").split()


def _one_line(text: str) -> str:
    return text if _SEP not in text and _END not in text else " ".join(text.split())


def _fold_all(groups: list[list[str]]) -> list[str]:
    """Each group of texts folded and joined as SEP + text + SEP + text…, in one pass."""
    joined = _END.join(_SEP + _SEP.join(map(_one_line, texts)) for texts in groups).casefold()
    # Catalog text has no tabs or controls (text.clean); runs of spaces and Unicode spaces
    # are rare, and looked for with `in` (C speed) before a regex pass over it all.
    if "  " in joined or any(space in joined for space in _UNICODE_SPACES):
        joined = _SPACES.sub(" ", joined)
    return joined.split(_END)


def _title_texts(facts: tuple[ActionFacts, ...], lang: str) -> list[str]:
    texts: list[str] = []
    for fact in facts:
        title = fact.title
        texts.append(title.en)
        if lang != "en" and title.get(lang) != title.en:
            texts.append(title.get(lang))
        texts.append(fact.id)
        texts.append(fact.kind.replace("-", " "))  # "ai training", "third party sharing"
        texts.extend(fact.formerly)  # former wordings of renamed labels
    return texts


class _Vocabulary:
    """The distinct words of an index, by length, for typo matching."""

    def __init__(self, names: list[str], titles: list[str]) -> None:
        words: set[str] = set()
        for start in range(0, len(names), _CHUNK):  # a chunk at a time: a small peak
            words.update(
                _words(
                    " ".join(names[start : start + _CHUNK])
                    + " "
                    + " ".join(titles[start : start + _CHUNK])
                )
            )
        self.words = sorted(words)
        self.blob = _SEP + _SEP.join(self.words) + _SEP
        self.by_length: dict[int, list[str]] = {}
        for word in self.words:  # numbers are never typos of words: left out
            if not any(c.isdigit() for c in word):
                self.by_length.setdefault(len(word), []).append(word)


class SearchIndex:
    """The searchable texts of one catalog in one language."""

    def __init__(self, catalog: Catalog, lang: str = "en") -> None:
        self.catalog = catalog
        self.lang = lang
        platforms = catalog.platforms
        self._names: list[str] = []
        self._titles: list[str] = []
        # A chunk of platforms at a time, so the texts in flight stay small (memory taken
        # at a peak is seldom given back). Facts read for the titles are not kept on the
        # platforms: most are never shown.
        for start in range(0, len(platforms), _CHUNK):
            chunk = platforms[start : start + _CHUNK]
            self._names += _fold_all([[p.name, p.id, *p.aliases] for p in chunk])
            self._titles += _fold_all([_title_texts(p.read_facts(), lang) for p in chunk])
        self._whole_names = [n + _SEP for n in self._names]  # each name between two SEPs
        self._vocabulary: _Vocabulary | None = None
        self._lock = threading.Lock()
        self._close_cache: dict[str, dict[str, float]] = {}
        self._last: tuple[str, list[int]] = ("", [])

    def warm(self) -> None:
        """Build what typo matching needs now rather than at the first typo."""
        self._vocab()

    def _vocab(self) -> _Vocabulary:
        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = _Vocabulary(self._names, self._titles)
            return self._vocabulary

    def _close_words(self, word: str) -> dict[str, float]:
        """Vocabulary words holding `word` (1.0) or within typo distance of it (ratio)."""
        cached = self._close_cache.get(word)
        if cached is not None:
            return cached
        vocab = self._vocab()
        close: dict[str, float] = {}
        blob = vocab.blob
        at = blob.find(word)
        while at != -1:
            start = blob.rfind(_SEP, 0, at) + 1
            end = blob.find(_SEP, at)
            close[blob[start:end]] = 1.0
            at = blob.find(word, end)
        if len(word) >= 3 and not any(c.isdigit() for c in word):  # "123" has no typos
            matcher = SequenceMatcher(None, b=word)
            low, high = int(len(word) * 0.6), int(len(word) / 0.6) + 1
            for length in range(max(low, 1), high + 1):
                for candidate in vocab.by_length.get(length, ()):
                    if candidate in close:
                        continue
                    matcher.set_seq1(candidate)
                    if matcher.quick_ratio() >= TYPO_CUTOFF:
                        ratio = matcher.ratio()
                        if ratio >= TYPO_CUTOFF:
                            close[candidate] = ratio
        if len(self._close_cache) > 256:
            self._close_cache.clear()
        self._close_cache[word] = close
        return close

    def _near(self, query: str, among: Iterable[int]) -> dict[int, float]:
        """Platforms (of `among`) holding, for every query word, the word or a near miss of
        it, with how close the farthest word is."""
        found: dict[int, float] | None = None
        names, titles = self._names, self._titles
        for word in _words(query):
            close = self._close_words(word)
            if not close:
                return {}
            # A text holding a word that holds `word` holds `word`: one test covers every
            # close word of ratio 1.0; the typos are tried after it, closest first.
            typos = sorted(((c, r) for c, r in close.items() if r < 1.0), key=lambda c: -c[1])
            best: dict[int, float] = {}
            for i in among if found is None else found:
                if word in names[i] or word in titles[i]:
                    ratio = 1.0
                else:
                    ratio = next((r for c, r in typos if c in names[i] or c in titles[i]), 0.0)
                    if not ratio:
                        continue
                best[i] = ratio if found is None else min(ratio, found[i])
            found = best
            if not found:
                return {}
        return found or {}

    def platforms(self, query: str) -> list[Platform]:
        """The platforms matching `query`, each once, best first; fast enough to run on
        every keystroke over thousands of platforms (`in` tests run in C).

        Order: name prefix, title prefix, name substring, title substring, then, when those
        found fewer than TYPO_WHEN_FEWER, typo matches (every query word, or a near miss of
        it, somewhere in the platform's texts)."""
        query = _fold(query)
        if not query:
            return list(self.catalog.platforms)
        at_start = _SEP + query
        names, titles = self._names, self._titles
        # Typing adds letters: a text holding "platform 12" holds "platform 1", so the next
        # query only needs to look at the platforms the last one found.
        last_query, last_found = self._last
        pool = last_found if last_query and query.startswith(last_query) else None
        order: dict[int, None] = {}
        # An exact name, id or alias comes first ("x" is X, before Grok's "xAI").
        tiers = (
            (self._whole_names, at_start + _SEP),
            (names, at_start),
            (titles, at_start),
            (names, query),
            (titles, query),
        )
        for blobs, text in tiers:
            if pool is None:
                found = [i for i, b in enumerate(blobs) if text in b]
            else:
                found = [i for i in pool if text in blobs[i]]
            order.update(dict.fromkeys(found))
            if len(order) == len(names):  # every platform found: later tiers add nothing
                break
        self._last = (query, sorted(order))
        if len(order) < TYPO_WHEN_FEWER:
            near = self._near(query, range(len(names)))
            extra = sorted((i for i in near if i not in order), key=lambda i: (-near[i], i))
            order.update(dict.fromkeys(extra))
        platforms = self.catalog.platforms
        return [platforms[i] for i in order]

    def search(self, query: str) -> list[Hit]:
        """Platforms and actions matching `query`, best first: a text starting with the
        query scores 1.0, holding it 0.9, holding every query word or a near miss of it
        0.85 × the farthest word's closeness; an action's score is weighted 0.95."""
        query = _fold(query)
        if not query:
            return []
        names, titles = self._names, self._titles
        exact = [i for i in range(len(names)) if query in names[i] or query in titles[i]]
        near = self._near(query, range(len(names)))
        words = _words(query)
        closes = [self._close_words(word) for word in words]
        hits: list[Hit] = []
        for i in sorted(set(exact) | set(near)):
            platform = self.catalog.platforms[i]
            entries: list[tuple[ActionFacts | None, float, list[str]]] = [
                (None, 1.0, [platform.name, platform.id, *platform.aliases])
            ]
            # With several words, an action is also found by its platform's name with words of
            # its title ("linkedin training").
            named = [platform.name, *platform.aliases] if len(words) > 1 else []
            entries += [
                (fact, 0.95, _title_texts((fact,), self.lang) + named) for fact in platform.facts
            ]
            for fact, weight, texts in entries:
                score = _score(query, closes, [_fold(t) for t in texts])
                if score:
                    hits.append(Hit(platform, fact, score * weight))
        hits.sort(
            key=lambda h: (-h.score, h.platform.name.casefold(), h.action.id if h.action else "")
        )
        return hits


def _score(query: str, closes: list[dict[str, float]], texts: list[str]) -> float:
    if any(t == query for t in texts):  # the exact name, id or alias
        return 1.05
    if any(t.startswith(query) for t in texts):
        return 1.0
    if any(query in t for t in texts):
        return 0.9
    held = {w for t in texts for w in _words(t)}
    farthest = 1.0
    for close in closes:
        best = max((r for w, r in close.items() if w in held), default=0.0)
        if not best:
            return 0.0
        farthest = min(farthest, best)
    return farthest * 0.85


_INDEXES: dict[tuple[int, str], SearchIndex] = {}
_BUILDING = threading.Lock()


def index_for(catalog: Catalog, lang: str = "en") -> SearchIndex:
    """The index of `catalog` in `lang`, built on first use. Safe to call from a worker
    thread that builds it ahead: a caller arriving meanwhile waits for that one build."""
    key = (id(catalog), lang)
    with _BUILDING:
        index = _INDEXES.get(key)
        if index is None or index.catalog is not catalog:
            if len(_INDEXES) > 8:
                _INDEXES.clear()
            index = _INDEXES[key] = SearchIndex(catalog, lang)
    return index


def search(catalog: Catalog, query: str, lang: str = "en") -> list[Hit]:
    """Platforms and actions matching `query`, best first."""
    return index_for(catalog, lang).search(query)
