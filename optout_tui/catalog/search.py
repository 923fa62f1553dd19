"""Search over platform names, aliases and action titles: case-blind and tolerant of typos.

The command line and the app both use this, so they find the same things. An index is built
once per catalog and language: every searchable text folded and joined into one string, so a
substring search is a few `str.find` calls in C rather than a loop over thousands of texts, and
a vocabulary of words for typo matching, so difflib compares the query with each distinct word
once instead of with every title.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from optout_tui.catalog.model import ActionFacts, Catalog, Platform

TYPO_CUTOFF = 0.75  # difflib ratio a word needs to count as a typo of a query word
TYPO_WHEN_FEWER = 5  # the browse list looks for typos only when fewer platforms matched exactly
_SEP = "\n"  # never inside a folded text (fold collapses whitespace)


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


class SearchIndex:
    """The searchable texts of one catalog in one language."""

    def __init__(self, catalog: Catalog, lang: str = "en") -> None:
        self.catalog = catalog
        self.lang = lang
        # One entry per (platform, action-or-None); several texts may point at one entry.
        self.entries: list[tuple[Platform, ActionFacts | None, float]] = []
        texts: list[str] = []
        owners: list[int] = []
        entry_platform: list[int] = []  # entry -> index of its platform
        # Per platform, its names and its titles folded and joined, for platforms().
        self._name_blobs: list[str] = []
        self._title_blobs: list[str] = []
        for index, platform in enumerate(catalog.platforms):
            names = dict.fromkeys(_fold(n) for n in (platform.name, platform.id,
                                                     *platform.aliases))
            entry = len(self.entries)
            self.entries.append((platform, None, 1.0))
            entry_platform.append(index)
            texts.extend(names)
            owners.extend([entry] * len(names))
            all_titles: dict[str, None] = {}
            for action in platform.facts:
                titles = dict.fromkeys(_fold(t) for t in (action.title.en,
                                                          action.title.get(lang), action.id,
                                                          *action.formerly))
                entry = len(self.entries)
                self.entries.append((platform, action, 0.95))
                entry_platform.append(index)
                texts.extend(titles)
                owners.extend([entry] * len(titles))
                all_titles.update(titles)
            self._name_blobs.append(_SEP + _SEP.join(names))
            self._title_blobs.append(_SEP + _SEP.join(all_titles))
        self._owners = owners
        self._starts: list[int] = []
        offset = 0
        for text in texts:
            self._starts.append(offset)
            offset += len(text) + 1
        self._blob = _SEP.join(texts)
        self._vocab: dict[str, set[int]] = {}
        for text, entry in zip(texts, owners):
            for word in _words(text):
                self._vocab.setdefault(word, set()).add(entry)
        self._vocab_platforms = {word: {entry_platform[e] for e in entries}
                                 for word, entries in self._vocab.items()}
        self._vocab_list = sorted(self._vocab)
        self._vocab_starts: list[int] = []
        offset = 0
        for word in self._vocab_list:
            self._vocab_starts.append(offset)
            offset += len(word) + 1
        self._vocab_blob = _SEP.join(self._vocab_list)
        self._by_length: dict[int, list[str]] = {}
        for word in self._vocab_list:  # numbers are never typos of words: left out
            if not any(c.isdigit() for c in word):
                self._by_length.setdefault(len(word), []).append(word)
        self._close_cache: dict[str, dict[str, float]] = {}
        self._last: tuple[str, list[int]] = ("", [])

    def _substring(self, query: str) -> dict[int, float]:
        """Entries whose text starts with (1.0) or contains (0.9) the query."""
        found: dict[int, float] = {}
        blob, starts, owners = self._blob, self._starts, self._owners
        at = blob.find(query)
        while at != -1:
            text = bisect_right(starts, at) - 1
            entry = owners[text]
            score = 1.0 if at == starts[text] else 0.9
            if found.get(entry, 0.0) < score:
                found[entry] = score
            at = blob.find(query, at + 1)
        return found

    def _close_words(self, word: str) -> dict[str, float]:
        """Vocabulary words holding `word` (1.0) or within typo distance of it (ratio)."""
        cached = self._close_cache.get(word)
        if cached is not None:
            return cached
        close: dict[str, float] = {}
        blob, starts, vocab = self._vocab_blob, self._vocab_starts, self._vocab_list
        at = blob.find(word)
        while at != -1:
            close[vocab[bisect_right(starts, at) - 1]] = 1.0
            at = blob.find(word, at + 1)
        if len(word) >= 3 and not any(c.isdigit() for c in word):  # "123" has no typos
            matcher = SequenceMatcher(None, b=word)
            low, high = int(len(word) * 0.6), int(len(word) / 0.6) + 1
            for length in range(max(low, 1), high + 1):
                for candidate in self._by_length.get(length, ()):
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

    def _typos(self, query: str) -> dict[int, float]:
        """Entries holding, for every query word, the word itself or a near miss of it."""
        found: dict[int, float] | None = None
        for word in _words(query):
            per_entry: dict[int, float] = {}
            for candidate, ratio in self._close_words(word).items():
                for entry in self._vocab[candidate]:
                    if per_entry.get(entry, 0.0) < ratio:
                        per_entry[entry] = ratio
            if found is None:
                found = per_entry
            else:
                found = {e: min(r, per_entry[e]) for e, r in found.items() if e in per_entry}
            if not found:
                return {}
        return {e: r * 0.85 for e, r in (found or {}).items()}

    def search(self, query: str) -> list[Hit]:
        """Platforms and actions matching `query`, best first."""
        query = _fold(query)
        if not query:
            return []
        scores = self._substring(query)
        for entry, score in self._typos(query).items():
            if scores.get(entry, 0.0) < score:
                scores[entry] = score
        hits = []
        for entry, score in scores.items():
            platform, action, weight = self.entries[entry]
            hits.append(Hit(platform, action, score * weight))
        hits.sort(key=lambda h: (-h.score, h.platform.name.casefold(),
                                 h.action.id if h.action else ""))
        return hits

    def platforms(self, query: str) -> list[Platform]:
        """The platforms matching `query`, each once, best first; fast enough to run on
        every keystroke over thousands of platforms (set and `in` operations run in C).

        Order: name prefix, title prefix, name substring, title substring, then, when those
        found fewer than TYPO_WHEN_FEWER, typo matches (every query word, or a near miss of
        it, somewhere in the platform's texts)."""
        query = _fold(query)
        if not query:
            return list(self.catalog.platforms)
        at_start = _SEP + query
        names, titles = self._name_blobs, self._title_blobs
        # Typing adds letters: a text holding "platform 12" holds "platform 1", so the next
        # query only needs to look at the platforms the last one found.
        last_query, last_found = self._last
        pool = last_found if last_query and query.startswith(last_query) else None
        order: dict[int, None] = {}
        tiers = ((names, at_start), (titles, at_start), (names, query), (titles, query))
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
            order.update(dict.fromkeys(self._typo_platforms(query, order)))
        platforms = self.catalog.platforms
        return [platforms[i] for i in order]

    def _typo_platforms(self, query: str, found: dict[int, None]) -> list[int]:
        """Platforms not in `found` holding every query word or a near miss of it, closest
        first. The candidate sets are intersected in C; ratios are looked at only for the few
        platforms left."""
        words = _words(query)
        closes = [self._close_words(word) for word in words]
        candidates: set[int] | None = None
        for close in closes:
            union = set().union(*(self._vocab_platforms[c] for c in close))
            candidates = union if candidates is None else candidates & union
            if not candidates:
                return []
        extra = [i for i in candidates or () if i not in found]

        def closeness(i: int) -> float:
            return min(max(r for c, r in close.items() if i in self._vocab_platforms[c])
                       for close in closes)

        return sorted(extra, key=lambda i: (-closeness(i), i))


_INDEXES: dict[tuple[int, str], SearchIndex] = {}


def index_for(catalog: Catalog, lang: str = "en") -> SearchIndex:
    """The index of `catalog` in `lang`, built on first use."""
    key = (id(catalog), lang)
    index = _INDEXES.get(key)
    if index is None or index.catalog is not catalog:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        index = _INDEXES[key] = SearchIndex(catalog, lang)
    return index


def search(catalog: Catalog, query: str, lang: str = "en") -> list[Hit]:
    """Platforms and actions matching `query`, best first."""
    return index_for(catalog, lang).search(query)
