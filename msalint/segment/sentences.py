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


class TokenTable:
    """The token texts, start offsets and whitespace flags of a Doc as plain lists.

    Read once as arrays: creating a spaCy Token object per read (doc[i].text) cost more than the whole
    sentence logic.
    """

    def __init__(self, doc: Any):
        from spacy.attrs import IDX, IS_SPACE, ORTH

        strings = doc.vocab.strings
        text_of: dict[int, str] = {}
        self.text: list[str] = []
        self.idx: list[int] = []
        self.is_space: list[int] = []
        if not len(doc):
            return
        # column by column: numpy converts an (n, 3) array to nested lists several times slower
        orths, self.idx, self.is_space = doc.to_array([ORTH, IDX, IS_SPACE]).T.tolist()
        for orth in orths:
            text = text_of.get(orth)
            if text is None:
                text = text_of[orth] = strings[orth]
            self.text.append(text)


def ends_sentence(tokens: TokenTable, last: int, nxt: int, starts: bytearray) -> bool:
    """Does the non-space token ``last`` close a sentence, given the next non-space token ``nxt``?

    ``starts[i]`` is 1 when token i opens a sentence (Token.is_sent_start is O(n) per read).
    """
    text = tokens.text
    first = text[nxt][0]
    if first.islower() or first in ",;:)]%":
        return False
    j = last
    while j > 0 and text[j] in _CLOSERS and text[j] != ")":
        j -= 1
    if text[j] == ")" and j > 0:
        j -= 1  # "(see Section 5.)" ends; "(a)" does not, because "a" is no terminal
    token = text[j]
    if token in _TERMINALS:
        if token != "." or j == 0:
            return True
        word = text[j - 1]
        if tokens.idx[j - 1] + len(word) != tokens.idx[j]:
            return True
        if _opens_sentence(tokens, j - 1, starts) and _LABEL_TOKEN.match(word + "."):
            return False  # "1." opening "1. Definitions." is a clause number, not a sentence
        return not _abbreviation(word)
    if len(token) > 1 and token.endswith("."):
        if _opens_sentence(tokens, j, starts) and _LABEL_TOKEN.match(token):
            return False  # "1." opening "1. Definitions." is a clause number, not a sentence
        return not _abbreviation(token[:-1])
    return False


def _opens_sentence(tokens: TokenTable, i: int, starts: bytearray) -> bool:
    """Token i starts its sentence, possibly after Markdown markup ("## 1. Fees")."""
    while i > 0 and not starts[i] and not tokens.text[i - 1].strip("#>*"):
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
    tokens = TokenTable(doc)
    starts = bytearray(len(doc))
    last = None
    for i, space in enumerate(tokens.is_space):
        if i == 0:
            starts[0] = 1
            continue
        if space:
            continue
        if last is None:
            last = i
            continue
        gap_from = tokens.idx[last] + len(tokens.text[last])
        k = bisect.bisect_left(breaks, gap_from)
        forced = k < len(breaks) and breaks[k] <= tokens.idx[i]
        if forced or ends_sentence(tokens, last, i, starts):
            starts[i] = 1
        last = i
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
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

    spans = []
    first = end = None
    columns = doc.to_array([SENT_START, IS_SPACE, IDX, LENGTH]).T.tolist() if len(doc) else [[]] * 4
    for i, (sent_start, space, idx, length) in enumerate(zip(*columns)):
        if i and sent_start == 1 and first is not None:
            spans.append((first, end))
            first = None
        if not space:
            if first is None:
                first = idx
            end = idx + length
    if first is not None:
        spans.append((first, end))
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
