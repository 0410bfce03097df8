"""spaCy matching for phrase and token patterns, built once per rule set and run once per document.

Phrases go through one PhraseMatcher (attr LOWER, and LEMMA for `lemma: true`) over a "compact"
copy of the document without whitespace tokens, so "service\\nlevel" matches "service level".
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Iterator

from msalint.rulebook.patterns import Pattern
from msalint.segment.lemmas import LEMMA_COMPONENT

if TYPE_CHECKING:
    from msalint.rulebook.prefilter import LiteralIndex
    from msalint.rulebook.ruleset import RuleSet


def get_pattern_nlp() -> Any:
    """The segmenter's spaCy pipeline (same tokenizer and lemmatizer as the documents)."""
    from msalint.segment.nlp import get_nlp

    return get_nlp()


def iter_patterns(obj: Any) -> Iterator[Pattern]:
    """Every Pattern inside a compiled rule configuration (dataclasses, lists, dicts)."""
    if isinstance(obj, Pattern):
        yield obj
        # a concept's words, a near pattern's items, and the exceptions: all matched in the one pass per document
        for part in (*obj.parts, *obj.unless):
            yield from iter_patterns(part)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from iter_patterns(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from iter_patterns(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from iter_patterns(item)


def _root_patterns(ruleset: "RuleSet", type_: str) -> dict[tuple, Pattern]:
    rules = list(ruleset.rules)
    for detectors in ruleset.element_rules.values():
        rules.extend(detectors)
    root = getattr(ruleset, "_parent", None)
    while root is not None:
        rules.extend(root.rules)
        root = getattr(root, "_parent", None)
    return {p.key: p for r in rules for p in iter_patterns(r.compiled) if p.type == type_}


def literal_index(ruleset: "RuleSet") -> "LiteralIndex":
    """The regex prefilter's literal index for this rule set, built on first use."""
    from msalint.rulebook.prefilter import LiteralIndex

    if "literal_index" not in ruleset.cache:
        regexes = [p.regex for p in _root_patterns(ruleset, "regex").values() if p.regex is not None]
        ruleset.cache["literal_index"] = LiteralIndex((r.requirement for r in regexes),
                                                      (r.lead for r in regexes))
    return ruleset.cache["literal_index"]


class PhraseIndex:
    """All phrase patterns of a rule set in two PhraseMatchers (LOWER and LEMMA)."""

    def __init__(self, patterns: dict[tuple, Pattern]):
        from spacy.matcher import PhraseMatcher

        self.nlp = get_pattern_nlp()
        self.table = _lemma_table(self.nlp)
        self.keys: set[tuple] = set()
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        self._labels: dict[int, tuple] = {}
        for pattern in patterns.values():
            self.add(pattern)

    def add(self, pattern: Pattern) -> None:
        """Add one phrase pattern."""
        if pattern.key in self.keys:
            return
        self.keys.add(pattern.key)
        label = f"{int(pattern.lemma)}|{pattern.value}"
        self._labels[self.nlp.vocab.strings.add(label)] = pattern.key
        doc = self.nlp.make_doc(pattern.value)
        if pattern.lemma:  # only the lemmas are needed, not the sentence boundaries
            doc = self.nlp.get_pipe(LEMMA_COMPONENT)(doc)
            self.lemma.add(label, [compact_phrase(doc, self.nlp.vocab, table=self.table)])
        else:  # the LOWER matcher reads no lemmas
            self.lower.add(label, [compact_phrase(doc, self.nlp.vocab, with_lemmas=False)])

    def run(self, doc: Any, memo: dict) -> dict[tuple, list[tuple[int, int]]]:
        """Spans of every phrase pattern in the document."""
        if "compact_doc" not in memo:
            memo["compact_doc"] = compact_doc(doc, self.nlp.vocab, with_lemmas=len(self.lemma) > 0,
                                              table=self.table)
        cdoc, starts, ends = memo["compact_doc"]
        out: dict[tuple, list[tuple[int, int]]] = {key: [] for key in self.keys}
        for matcher in (self.lower, self.lemma):
            if len(matcher):
                for match_id, s, e in matcher(cdoc):
                    out[self._labels[match_id]].append((starts[s], ends[e - 1]))
        for spans in out.values():
            spans.sort()
        return out


def _lemma_table(nlp: Any) -> Any:
    """The lookup lemmatizer's table (to lemmatise capitalised words the pipeline left alone), or None."""
    try:
        return nlp.get_pipe(LEMMA_COMPONENT).table
    except Exception:  # no lemmatizer or no lookups data
        return None


def compact_doc(doc: Any, vocab: Any, with_lemmas: bool = True, table: Any = None) -> tuple[Any, list[int], list[int]]:
    """A copy of ``doc`` without whitespace tokens (lower-cased lemmas), with char offsets of each token.

    Reads and writes token attributes as arrays: creating 10k+ Token objects, or handing spaCy 10k+ lemma strings
    to hash again, costs more than the matching. The lookup lemmatizer leaves "Services" alone; ``table``
    lemmatises its lower-case form.
    """
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LEMMA, ORTH
    from spacy.tokens import Doc

    arr = doc.to_array([IS_SPACE, IDX, ORTH, LEMMA])
    kept = arr[arr[:, 0] == 0]
    # column by column: numpy converts an (n, 2) array to nested lists several times slower
    starts, orths = kept[:, 1].tolist(), kept[:, 2].tolist()
    strings = doc.vocab.strings
    words = [strings[h] for h in orths]
    ends = [i + len(w) for i, w in zip(starts, words)]
    compact = Doc(vocab, words=words, spaces=[True] * len(words))
    if with_lemmas and len(kept):
        keys = np.where(kept[:, 3] != 0, kept[:, 3], kept[:, 2])  # a token without a lemma: its own text
        distinct, first, each = np.unique(keys, return_index=True, return_inverse=True)
        # the table reads a key whose first token's lemma is its text (as when the tokens were read in order)
        plain = (keys[first] == kept[first, 2]).tolist()
        lemma_of = np.array([_lemma_hash(key, strings, vocab.strings, table if bare else None)
                             for key, bare in zip(distinct.tolist(), plain)], dtype=kept.dtype)
        compact.from_array([LEMMA], lemma_of[each].reshape(-1, 1))
    return compact, starts, ends


def compact_phrase(doc: Any, vocab: Any, with_lemmas: bool = True, table: Any = None) -> Any:
    """``compact_doc(...)[0]`` for a phrase of a few tokens, token by token.

    A rule set has more than a thousand phrases; on a cold start numpy's per-call overhead in ``compact_doc`` cost
    more than the phrases' matching. Same result: whitespace tokens dropped, each lemma lower-cased, and a key's
    table lookup decided by its first token, as ``compact_doc`` decides it.
    """
    from spacy.tokens import Doc

    kept = [t for t in doc if not t.is_space]
    compact = Doc(vocab, words=[t.text for t in kept], spaces=[True] * len(kept))
    if with_lemmas and kept:
        strings, lemma_of = doc.vocab.strings, {}
        for token, out in zip(kept, compact):
            key = token.lemma or token.orth
            if key not in lemma_of:
                lemma_of[key] = _lemma_hash(key, strings, vocab.strings, table if key == token.orth else None)
            out.lemma = lemma_of[key]
    return compact


def _lemma_hash(key: int, strings: Any, store: Any, table: Any) -> int:
    """The hash of the lower-cased lemma of a token whose lemma (or, lacking one, text) hashes to ``key``."""
    text = strings[key].lower() if key else ""
    if table is not None and text:  # the text as its lemma: maybe a capitalised word the pipeline left alone
        text = table.get(text, text)
    return store.add(text)


def phrase_index(ruleset: "RuleSet", pattern: Pattern) -> PhraseIndex:
    """The rule set's phrase index (built on first use), extended with ``pattern`` if it is new."""
    index = ruleset.cache.get("phrase_index")
    if index is None:
        index = ruleset.cache["phrase_index"] = PhraseIndex(_root_patterns(ruleset, "phrase"))
    index.add(pattern)
    return index


def token_hits(ruleset: "RuleSet", pattern: Pattern, doc: Any, memo: dict) -> list[tuple[int, int]]:
    """Spans of a spaCy token pattern; all token patterns of the rule set run in one Matcher pass."""
    from spacy.matcher import Matcher

    key = ("token_matcher", id(doc.vocab))
    entry = ruleset.cache.get(key)
    if entry is None or pattern.key not in entry[1]:
        patterns = _root_patterns(ruleset, "tokens")
        patterns[pattern.key] = pattern
        matcher = Matcher(doc.vocab, validate=True)
        labels = {}
        for i, p in enumerate(patterns.values()):
            name = f"tok{i}"
            matcher.add(name, [list(p.tokens)])
            labels[doc.vocab.strings[name]] = p.key
        entry = ruleset.cache[key] = (matcher, set(patterns), labels)
    matcher, _, labels = entry
    results = memo.get(("token_results", id(matcher)))
    if results is None:
        results = memo[("token_results", id(matcher))] = {}
        for match_id, s, e in matcher(doc):
            span = doc[s:e]
            results.setdefault(labels[match_id], []).append((span.start_char, span.end_char))
    return sorted(results.get(pattern.key, []))
