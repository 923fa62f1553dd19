"""Search over platform names, aliases and action titles: case-blind and tolerant of typos.

The command line and the app both use this, so they find the same things. The index of a
catalog in one language is two byte strings (UTF-8) with an array of offsets each: every
platform's names, and every platform's action titles, each folded and joined by newlines.
Folding is done once over a chunk of them joined (C speed), and a search is `bytes.find` over
the whole string, also in C, with the platform found by bisecting the offsets. The cache
ships these texts ready (checked by its digests), so the app searches as soon as it shows.
Typos are looked for in a vocabulary of the distinct words, built the first time a typo is
needed (or ahead, by `warm()`): difflib compares a query word with each distinct word once,
and the platforms holding a near word are found by the same substring tests. No per-entry
objects: a catalog of 5,000 platforms costs a megabyte or two.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from optout_tui.catalog.model import ActionFacts, Catalog, Platform

TYPO_CUTOFF = 0.75  # difflib ratio a word needs to count as a typo of a query word
TYPO_WHEN_FEWER = 5  # the browse list looks for typos only when fewer platforms matched exactly
_CHUNK = 256  # platforms folded at once while building
_SEP = "\n"  # between the texts of one platform; never inside a folded text
_SEP_B = _SEP.encode()
_END = "\x00"  # between platforms while folding them all at once
_SPACES = re.compile(r"[^\S\n\x00]+")
_TYPO_WORDS = re.compile(r"^[^\d\n]+$", re.M)  # the words of a vocabulary with no digit
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


class _Texts:
    """The folded texts of every platform as one UTF-8 byte string: platform i's are
    `blob[at[i]:at[i + 1]]`, SEP + text + SEP + text…, and a last SEP ends the string. A
    search is `bytes.find` over it (C speed), with no text object per platform (the offsets
    are a list: indexing it is a quarter faster than an array's, for 28 bytes each)."""

    __slots__ = ("blob", "at")

    def __init__(self, blob: bytes, at: list[int]) -> None:
        self.blob = blob
        self.at = at

    def offsets(self) -> bytes:
        """The offsets as 64-bit integers, as the cache ships them."""
        return array("q", self.at).tobytes()

    @classmethod
    def shipped(cls, blob: bytes | None, raw: bytes | None, count: int) -> _Texts | None:
        """Texts shipped by the cache, when they fit `count` platforms; else None."""
        if blob is None or raw is None:
            return None
        at = array("q")
        if len(raw) != (count + 1) * at.itemsize:
            return None
        at.frombytes(raw)
        offsets = at.tolist()
        if (
            offsets[0] != 0
            or offsets[count] != len(blob) - 1
            or blob[-1:] != _SEP_B
            or offsets != sorted(offsets)  # one pass in C over a sorted list
        ):
            return None
        return cls(blob, offsets)

    @classmethod
    def build(cls, groups: Iterable[list[str]]) -> _Texts:
        """Each group of texts folded, a chunk of platforms at a time (a small peak)."""
        parts: list[bytes] = []
        at: list[int] = []
        size = 0
        chunk: list[list[str]] = []

        def flush() -> None:
            nonlocal size
            if not chunk:
                return
            for folded in _fold_all(chunk):
                data = folded.encode("utf-8")
                at.append(size)
                parts.append(data)
                size += len(data)
            chunk.clear()

        for group in groups:
            chunk.append(group)
            if len(chunk) == _CHUNK:
                flush()
        flush()
        at.append(size)
        parts.append(_SEP_B)
        return cls(b"".join(parts), at)

    def __len__(self) -> int:
        return len(self.at) - 1

    def has(self, i: int, needle: bytes, whole: bool = False) -> bool:
        """Whether platform i's texts hold `needle` (with `whole`, a needle ending in SEP
        may end on the SEP that follows its last text)."""
        return self.blob.find(needle, self.at[i], self.at[i + 1] + whole) != -1

    def holding(self, needle: bytes, pool: Sequence[int] | None = None) -> list[int]:
        """The platforms whose texts hold `needle`, in order. `pool`, when given, holds
        every platform that can: a small pool is tested one by one, else the whole string
        is searched."""
        blob, at = self.blob, self.at
        find = blob.find
        if pool is not None and len(pool) * 4 < len(at):
            whole = needle.endswith(_SEP_B)
            return [i for i in pool if find(needle, at[i], at[i + 1] + whole) != -1]
        found: list[int] = []
        count = len(at) - 1
        start = find(needle)
        while start != -1:  # never at the SEP ending the string: a needle is not SEP alone
            i = bisect_right(at, start) - 1  # the platform whose texts the match starts in
            found.append(i)
            if len(found) % 64 == 0 and len(found) * 4 > i:  # most hold it: test each
                whole = needle.endswith(_SEP_B)
                rest = range(i + 1, count)
                return found + [j for j in rest if find(needle, at[j], at[j + 1] + whole) != -1]
            start = find(needle, at[i + 1])
        return found

    def words(self) -> set[str]:
        """Every distinct word, read a chunk of platforms at a time."""
        words: set[str] = set()
        at, count = self.at, len(self)
        for start in range(0, count, _CHUNK):
            text = self.blob[at[start] : at[min(start + _CHUNK, count)]].decode("utf-8")
            words.update(_words(text))
        return words


def vocabulary_text(names: _Texts, titles: _Texts) -> bytes:
    """The vocabulary of an index as the cache ships it."""
    return _Vocabulary.of(names, titles).blob.encode("utf-8")


def name_texts(platforms: Sequence[Platform]) -> _Texts:
    """The folded names, ids and aliases of the platforms."""
    return _Texts.build([p.name, p.id, *p.aliases] for p in platforms)


def title_texts(platforms: Sequence[Platform], lang: str) -> _Texts:
    """The folded action titles (and ids, kinds, former wordings) of the platforms in `lang`.
    Facts read for them are not kept on the platforms: most are never shown."""
    return _Texts.build(_title_texts(p.read_facts(), lang) for p in platforms)


class _Vocabulary:
    """The distinct words of an index (SEP + word + SEP + word… + SEP, sorted), and those
    that can be typos (no digit: numbers are never typos of words) by length."""

    def __init__(self, blob: str) -> None:
        self.blob = blob
        self.by_length: dict[int, list[str]] = {}
        for word in _TYPO_WORDS.findall(blob):
            self.by_length.setdefault(len(word), []).append(word)

    @classmethod
    def of(cls, names: _Texts, titles: _Texts) -> _Vocabulary:
        return cls(_SEP + _SEP.join(sorted(names.words() | titles.words())) + _SEP)

    @classmethod
    def shipped(cls, data: bytes | None) -> _Vocabulary | None:
        """A vocabulary shipped by the cache (checked by its digest), or None."""
        return None if data is None else cls(data.decode("utf-8"))


class SearchIndex:
    """The searchable texts of one catalog in one language."""

    def __init__(self, catalog: Catalog, lang: str = "en") -> None:
        self.catalog = catalog
        self.lang = lang
        platforms = catalog.platforms
        prepared = catalog.prepared
        count = len(platforms)
        names = titles = None
        if prepared is not None:  # shipped by the cache, checked against its digests
            names = _Texts.shipped(prepared("names"), prepared("names-at"), count)
            titles = _Texts.shipped(
                prepared(f"titles-{lang}"), prepared(f"titles-{lang}-at"), count
            )
        self._names = names or name_texts(platforms)
        self._titles = titles or title_texts(platforms, lang)
        self._vocabulary: _Vocabulary | None = None
        self._lock = threading.Lock()
        self._close_cache: dict[str, dict[str, float]] = {}
        self._last: tuple[str, Sequence[int]] = ("", [])
        self._recent: dict[str, list[int]] = {}
        """The last few queries' results: Backspace shows one of them again at once."""
        self._singles: dict[str, array[int]] = {}
        """What each one-letter query finds, once `warm` has run."""

    def warm(self) -> None:
        """Build what typo matching needs now rather than at the first typo, and find ahead
        what each one-letter query finds: the first key of every search, and the slowest to
        answer (one letter is in most platforms' texts: thousands of platforms to order).
        Kept as arrays of platform numbers, four bytes each."""
        letters = sorted({c for c in self._vocab().blob if not c.isspace()})
        singles = {letter: array("i", self._find(letter)) for letter in letters}
        self._singles = singles  # at once: a key arriving meanwhile searches as before

    def _vocab(self) -> _Vocabulary:
        with self._lock:
            if self._vocabulary is None:
                prepared = self.catalog.prepared
                shipped = prepared(f"vocabulary-{self.lang}") if prepared is not None else None
                self._vocabulary = _Vocabulary.shipped(shipped) or _Vocabulary.of(
                    self._names, self._titles
                )
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
            if end == -1:  # a last word without its SEP (a vocabulary not made here)
                end = len(blob)
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

    def _near(self, query: str) -> dict[int, float]:
        """Platforms holding, for every query word, the word or a near miss of it, with how
        close the farthest word is."""
        found: dict[int, float] | None = None
        names, titles = self._names, self._titles
        for word in _words(query):
            close = self._close_words(word)
            if not close:
                return {}
            # A text holding a word that holds `word` holds `word`: one search covers every
            # close word of ratio 1.0; the typos are searched after it, closest first, and a
            # platform keeps the closest it holds.
            typos = sorted(
                ((c.encode("utf-8"), r) for c, r in close.items() if r < 1.0), key=lambda c: -c[1]
            )
            best: dict[int, float] = {}
            pool = sorted(found) if found is not None else None
            for needle, ratio in [(word.encode("utf-8"), 1.0), *typos]:
                if found is None:
                    for i in names.holding(needle) + titles.holding(needle):
                        best.setdefault(i, ratio)
                    continue
                # A large pool is searched whole: only the platforms of the pool are kept.
                for i in names.holding(needle, pool) + titles.holding(needle, pool):
                    if i in found and i not in best:
                        best[i] = min(ratio, found[i])
            found = best
            if not found:
                return {}
        return found or {}

    def platforms(self, query: str) -> list[Platform]:
        """The platforms matching `query`, each once, best first; fast enough to run on
        every keystroke over thousands of platforms (`bytes.find` runs in C).

        Order: name prefix, title prefix, name substring, title substring, then, when those
        found fewer than TYPO_WHEN_FEWER, typo matches (every query word, or a near miss of
        it, somewhere in the platform's texts)."""
        query = _fold(query)
        if not query:
            return list(self.catalog.platforms)
        platforms = self.catalog.platforms
        found: Sequence[int] | None = self._recent.get(query)
        if found is None:
            found = self._singles.get(query)
        if found is None:
            last_query, last_found = self._last
            # Typing adds letters: a text holding "platform 12" holds "platform 1", so the
            # next query only needs to look at the platforms the last one found.
            pool = last_found if last_query and query.startswith(last_query) else None
            found = self._find(query, pool)
            if len(self._recent) >= 8:
                del self._recent[next(iter(self._recent))]
            self._recent[query] = found
        # What the next, longer query can find. A pool of more than a quarter of the
        # platforms is not looked at one by one (the whole string is searched): its order
        # does not matter, and sorting thousands of numbers is spared.
        self._last = (query, found if len(found) * 4 >= len(platforms) else sorted(found))
        return [platforms[i] for i in found]

    def _find(self, query: str, pool: Sequence[int] | None = None) -> list[int]:
        """The numbers of the platforms matching the folded `query`, best first (`pool`,
        when given, holds every platform that can match)."""
        needle = query.encode("utf-8")
        at_start = _SEP_B + needle
        names, titles = self._names, self._titles
        # An exact name, id or alias comes first ("x" is X, before Grok's "xAI"), then names
        # and titles starting with the query, then holding it. Each tier holds the next.
        names_in = names.holding(needle, pool)
        titles_in = titles.holding(needle, pool)
        names_start = names.holding(at_start, names_in)
        order = dict.fromkeys(names.holding(at_start + _SEP_B, names_start))
        order.update(dict.fromkeys(names_start))
        order.update(dict.fromkeys(titles.holding(at_start, titles_in)))
        order.update(dict.fromkeys(names_in))
        order.update(dict.fromkeys(titles_in))
        if len(order) < TYPO_WHEN_FEWER:
            near = self._near(query)
            extra = sorted((i for i in near if i not in order), key=lambda i: (-near[i], i))
            order.update(dict.fromkeys(extra))
        return list(order)

    def search(self, query: str) -> list[Hit]:
        """Platforms and actions matching `query`, best first: a text starting with the
        query scores 1.0, holding it 0.9, holding every query word or a near miss of it
        0.85 × the farthest word's closeness; an action's score is weighted 0.95."""
        query = _fold(query)
        if not query:
            return []
        needle = query.encode("utf-8")
        exact = self._names.holding(needle) + self._titles.holding(needle)
        near = self._near(query)
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
