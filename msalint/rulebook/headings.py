"""Heading matching: normalise clause headings and compare them with synonym lists, strictly.

Two ways to match: exact token containment (every word of the synonym is a word of the heading and
covers at least half of the heading's content words), or a strict fuzzy ratio on the whole string
(typos, plurals). Lenient scorers such as WRatio/partial ratios give false matches on real contracts
("Legal Effect" vs "Effect of Termination"), so they are not used.
"""
from __future__ import annotations

import functools
import re
from typing import Any

HEADING_CUTOFF = 88.0
STOPWORDS = frozenset("a an and the of to for in on by with or its their this as at from under &".split())
_NUMBERING = re.compile(
    r"^\s*(?:(?:article|section|clause|schedule|exhibit|annex|appendix|attachment|part)\s+"
    r"(?:[0-9]+(?:\.[0-9]+)*|[ivxlcdm]+|[a-z])\b\.?"
    r"|[0-9]+(?:\.[0-9]+)*\.?|[ivxlcdm]+\.|[a-z]\.|\([0-9a-z]+\)|[ivxlcdm]+(?=\s*[-:–—.]))?(?:\s*[-:–—.])?\s*",
    re.I,
)


@functools.lru_cache(maxsize=4096)
def normalize_heading(heading: str) -> str:
    """Lower-case, strip numbering labels and punctuation, collapse whitespace."""
    text = heading.lower().replace("’", "'")
    text = _NUMBERING.sub("", text, count=1)
    text = re.sub(r"[^\w\s'-]|_", " ", text)
    text = re.sub(r"(?<!\w)['-]|['-](?!\w)", " ", text)
    return " ".join(text.split())


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def content_words(normalized: str) -> tuple[str, ...]:
    """Stemmed content words of a normalised heading."""
    return tuple(_stem(w) for w in re.split(r"[\s-]+", normalized) if w and w not in STOPWORDS)


@functools.lru_cache(maxsize=65536)
def heading_score(heading: str, synonym: str) -> float:
    """Similarity 0..100 of a clause heading and one synonym (strict)."""
    h, s = normalize_heading(heading), normalize_heading(synonym)
    if not h or not s:
        return 0.0
    if h == s:
        return 100.0
    hw, sw = content_words(h), content_words(s)
    if sw and set(sw) <= set(hw) and len(sw) / max(len(set(hw)), 1) >= 0.5:
        return 90.0 + 10.0 * len(sw) / len(set(hw))
    if not set(hw) & set(sw) and 200 * min(len(h), len(s)) / (len(h) + len(s)) < HEADING_CUTOFF - 20:
        return 0.0  # nothing in common and lengths too different for a near match
    fuzz = _fuzz()
    return max(fuzz.ratio(h, s), fuzz.token_sort_ratio(" ".join(hw), " ".join(sw)) if hw and sw else 0.0)


@functools.lru_cache(maxsize=1)
def _fuzz():
    from rapidfuzz import fuzz

    return fuzz


def best_heading_match(heading: str | None, synonyms: list[str]) -> tuple[float, str | None]:
    """(best score, synonym) of a heading against a synonym list."""
    if not heading:
        return 0.0, None
    best: tuple[float, str | None] = (0.0, None)
    for synonym in synonyms:
        score = heading_score(heading, synonym)
        if score > best[0]:
            best = (score, synonym)
    return best


def heading_matches(heading: str | None, synonyms: list[str], cutoff: float = HEADING_CUTOFF) -> bool:
    """True when the heading matches one of the synonyms at or above the cutoff."""
    return best_heading_match(heading, synonyms)[0] >= cutoff


class SynonymList:
    """One synonym list, normalised once, scored against all of a document's headings at once.

    ``best_scores(headings)[i] == best_heading_match(headings[i], synonyms)[0]``, exactly: the fuzzy ratios of
    every (heading, synonym) pair come from one rapidfuzz ``cdist`` call in C, and only the pairs that share a
    word take the Python path (exact match, word containment).
    """

    def __init__(self, synonyms: list[str]):
        self.norm = [normalize_heading(s) for s in synonyms]
        self.words = [content_words(n) for n in self.norm]
        self.joined = [" ".join(w) for w in self.words]
        self.by_word: dict[str, list[int]] = {}
        for j, words in enumerate(self.words):
            for word in set(words):
                self.by_word.setdefault(word, []).append(j)

    def best_scores(self, headings: list[str]) -> list[float]:
        """The best heading_score of each heading against this list (0.0 for none)."""
        import numpy
        from rapidfuzz.process import cdist

        if not headings or not self.norm:
            return [0.0] * len(headings)
        norm = [normalize_heading(h) for h in headings]
        words = [content_words(n) for n in norm]
        fuzz = _fuzz()
        fuzzy = numpy.maximum(
            cdist(norm, self.norm, scorer=fuzz.ratio, dtype=numpy.float64),
            cdist([" ".join(w) for w in words], self.joined, scorer=fuzz.token_sort_ratio, dtype=numpy.float64)
            * numpy.outer([bool(w) for w in words], [bool(w) for w in self.words]))
        h_len = numpy.array([len(n) for n in norm], dtype=numpy.float64)[:, None]
        s_len = numpy.array([len(n) for n in self.norm], dtype=numpy.float64)[None, :]
        with numpy.errstate(invalid="ignore", divide="ignore"):
            near_length = 200 * numpy.minimum(h_len, s_len) / (h_len + s_len) >= HEADING_CUTOFF - 20
        scores = numpy.where(near_length, fuzzy, 0.0)  # no word in common (pairs sharing one are redone below)
        scores[(h_len == 0)[:, 0], :] = 0.0
        scores[:, (s_len == 0)[0, :]] = 0.0
        for i, (h, hw) in enumerate(zip(norm, words)):
            if not h:
                continue
            for j in {j for word in set(hw) for j in self.by_word.get(word, ())}:
                scores[i, j] = self._shared_word_score(h, hw, j, fuzzy[i, j])
        best = scores.max(axis=1)
        return [max(0.0, float(b)) for b in best]

    def _shared_word_score(self, h: str, hw: tuple[str, ...], j: int, fuzzy: Any) -> float:
        """heading_score for a pair that shares a content word (so the no-common-word cut-off does not apply)."""
        s, sw = self.norm[j], self.words[j]
        if h == s:
            return 100.0
        heading_set = set(hw)
        if set(sw) <= heading_set and len(sw) / len(heading_set) >= 0.5:
            return 90.0 + 10.0 * len(sw) / len(heading_set)
        return fuzzy
