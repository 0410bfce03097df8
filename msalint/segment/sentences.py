"""Legal-aware sentence boundaries: abbreviations, clause labels, enumerations and paragraph ends."""
from __future__ import annotations

import bisect
import re
from typing import Any, Iterable

BREAKS_KEY = "msalint_breaks"

# Words before a full stop that never end a sentence ("Sec. 5", "Acme Inc. (the ...)", "U.S. law").
NEVER_SPLIT = frozenset(
    """sec secs no nos inc ltd corp co approx mr mrs ms dr prof st vs v cf art arts para paras cl cls sched
    ex exh fig p pp vol jan feb mar apr jun jul aug sep sept oct nov dec dept est viz al incl ref pty bros
    n.a u.s u.s.a u.k e.g i.e a.m p.m""".split()
)
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_LABEL_TOKEN = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[ivxlcIVXLC]{1,6})\.$")
_CLOSERS = frozenset(")]\"'”’»")
_TERMINALS = frozenset({".", "!", "?", "...", "…"})
_ENUM_LEAD = re.compile(r"(?:[:;,]|\b(?:and|or))\s*$")
_ENUM_ITEM = re.compile(r"(?:\((?:[a-z]{1,5}|\d{1,2}|[A-Z])\)|(?:[a-z]{1,5}|\d{1,2})\)|[a-z]{1,4}\.)\s|[a-z]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LABEL_LINE = re.compile(r"\n[ \t]*(?=(?:\d{1,3}\.(?:\d{1,3}\.?)*|\([a-zA-Z0-9]{1,5}\)|ARTICLE|Article|SECTION|Section)\s)")


def continues_enumeration(text: str, offset: int) -> bool:
    """True when ``offset`` starts an enumeration item that continues the sentence before it."""
    before = text[max(0, offset - 40):offset].rstrip()
    return bool(_ENUM_LEAD.search(before)) and bool(_ENUM_ITEM.match(text, offset))


def sentence_breaks(text: str, offsets: Iterable[int]) -> list[int]:
    """Sorted forced boundaries from block and clause starts, minus enumeration continuations."""
    out = set()
    for offset in offsets:
        while offset < len(text) and text[offset].isspace():
            offset += 1
        if 0 < offset < len(text) and not continues_enumeration(text, offset):
            out.add(offset)
    return sorted(out)


def default_breaks(text: str) -> list[int]:
    """Boundaries from the text alone: blank lines and lines that start with a clause label."""
    offsets = [m.end() for m in _BLANK_LINE.finditer(text)]
    offsets.extend(m.end() for m in _LABEL_LINE.finditer(text))
    return sentence_breaks(text, offsets)


def ends_sentence(doc: Any, last: int, nxt: Any, starts: bytearray) -> bool:
    """Does the non-space token ``doc[last]`` close a sentence, given the next non-space token?

    ``starts[i]`` is 1 when token i opens a sentence (Token.is_sent_start is O(n) per read).
    """
    first = nxt.text[0]
    if first.islower() or first in ",;:)]%":
        return False
    j = last
    while j > 0 and doc[j].text in _CLOSERS and doc[j].text != ")":
        j -= 1
    if doc[j].text == ")" and j > 0:
        j -= 1  # "(see Section 5.)" ends; "(a)" does not, because "a" is no terminal
    token = doc[j].text
    if token in _TERMINALS:
        if token != "." or j == 0:
            return True
        word = doc[j - 1]
        if word.idx + len(word.text) != doc[j].idx:
            return True
        if _opens_sentence(doc, word.i, starts) and _LABEL_TOKEN.match(word.text + "."):
            return False  # "1." opening "1. Definitions." is a clause number, not a sentence
        return not _abbreviation(word.text)
    if len(token) > 1 and token.endswith("."):
        if _opens_sentence(doc, j, starts) and _LABEL_TOKEN.match(token):
            return False  # "1." opening "1. Definitions." is a clause number, not a sentence
        return not _abbreviation(token[:-1])
    return False


def _opens_sentence(doc: Any, i: int, starts: bytearray) -> bool:
    """Token i starts its sentence, possibly after Markdown markup ("## 1. Fees")."""
    while i > 0 and not starts[i] and not doc[i - 1].text.strip("#>*"):
        i -= 1
    return bool(starts[i])


def _abbreviation(word: str) -> bool:
    low = word.lower()
    if low in NEVER_SPLIT or _ACRONYM.match(word + "."):
        return True
    return len(word) == 1 and word.isupper()  # an initial: "J. Smith"


def set_sentence_starts(doc: Any) -> Any:
    """spaCy component body: mark Token.is_sent_start from breaks and punctuation."""
    breaks = doc.user_data.get(BREAKS_KEY)
    if breaks is None:
        breaks = default_breaks(doc.text)
    starts = bytearray(len(doc))
    last = None
    for token in doc:
        if token.i == 0:
            starts[0] = 1
            continue
        if token.is_space:
            continue
        if last is None:
            last = token.i
            continue
        gap_from = doc[last].idx + len(doc[last].text)
        k = bisect.bisect_left(breaks, gap_from)
        forced = k < len(breaks) and breaks[k] <= token.idx
        if forced or ends_sentence(doc, last, token, starts):
            starts[token.i] = 1
        last = token.i
    _store(doc, starts)
    return doc


def _store(doc: Any, starts: bytearray) -> None:
    """Write all sentence starts at once (the per-token setter rescans the Doc each time)."""
    import numpy
    from spacy.attrs import SENT_START

    values = numpy.frombuffer(bytes(starts), dtype=numpy.uint8).astype(numpy.int32) * 2 - 1
    doc.from_array([SENT_START], values.reshape(-1, 1).astype(numpy.uint64))


def sentence_spans(doc: Any) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence, without surrounding whitespace."""
    spans = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return spans


def split_at_breaks(spans: list[tuple[int, int]], breaks: list[int], text: str) -> list[tuple[int, int]]:
    """Cut any sentence that still contains a forced boundary (one inside a token, e.g. "obligation.10.4")."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        k = bisect.bisect_right(breaks, start)
        while k < len(breaks) and breaks[k] < end:
            piece = text[start:breaks[k]].rstrip()
            if piece.strip():
                out.append((start, start + len(piece)))
            start = breaks[k]
            k += 1
        out.append((start, end))
    return out
