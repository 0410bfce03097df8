"""Engine-independent PDF layout steps: paragraph gaps, running headers/footers, page numbers, hyphenation."""
from __future__ import annotations

import math
import re
from collections import Counter

from msalint.ingest.blocks import looks_like_heading
from msalint.ingest.pdf_engines import RawPage, median

EDGE_ZONE = 3  # lines at the top and at the bottom of a page that may be running headers/footers
PAGE_NUMBER_ZONE = 2  # lines at the top and bottom where a lone number is taken for a page number

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:page|p\.|pg\.?)?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?      # 3 | Page 3 | Page 3 of 17 | 3/17
      | [-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]                    # - 4 -
      | \[\s*\d{1,4}\s*\]                                            # [4]; not (4): a clause label
      | page\s+(?:[A-Z]{1,2}-?)?\d{1,4}(?:\s*of\s*\d{1,4})?          # Page A-3
      | page\s+[ivxlc]{1,6}                                          # Page iv
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_LOWER_ROMAN = re.compile(r"^[ivxlc]{1,6}$")  # only lower-case: a lone "I" or "IV" is more likely a label
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# Prefixes whose hyphen is part of the word ("non-exclusive"), kept when a line break falls after them.
COMPOUND_PREFIXES = frozenset(
    "non self third cross well full part half multi quasi semi anti ex co pre post sub".split()
)
_TRAILING_HYPHEN = re.compile(r"([^\W\d_][\w'\u2019-]*?)[-\u00ad]$")
_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W_])?")
_LEADING_WORD = re.compile(r"^([a-z][^\s]*)(?:\s+|$)")


def is_page_number_line(text: str) -> bool:
    """True for a line that is only a page number ("3", "Page 3 of 17", "- 4 -", "iv")."""
    stripped = text.strip()
    return bool(_PAGE_NUMBER.match(stripped) or _LOWER_ROMAN.match(stripped))


def running_key(text: str) -> str:
    """A line's identity modulo digits and spacing, for spotting running headers/footers."""
    return _SPACES.sub(" ", _DIGITS.sub("#", text.lower())).strip()


def _edge_indices(page: RawPage) -> tuple[list[int], list[int]]:
    """Indices of the top-most and bottom-most lines (by position when known, else by order)."""
    order = list(range(len(page.lines)))
    if all(line.top is not None for line in page.lines):
        order.sort(key=lambda i: page.lines[i].top)
    size = min(EDGE_ZONE, max(1, len(order) // 4))  # short pages: the zones must not swallow the body
    return order[:size], order[-size:][::-1]


def strip_running_lines(pages: list[RawPage]) -> tuple[int, dict[str, list[str]]]:
    """Drop running headers/footers and page-number lines in place; return (count removed, extras)."""
    running = _running_keys(pages)
    extras: dict[str, list[str]] = {"headers": [], "footers": []}
    removed = 0
    seen: set[str] = set()
    for page in pages:
        top, bottom = _edge_indices(page)
        drop: set[int] = set()
        for zone, where in ((top, "headers"), (bottom, "footers")):
            for rank, index in enumerate(zone):
                text = page.lines[index].text
                if running_key(text) in running or (rank < PAGE_NUMBER_ZONE and is_page_number_line(text)):
                    drop.add(index)
                    key = running_key(text)
                    if not is_page_number_line(text) and key not in seen:
                        seen.add(key)
                        extras[where].append(text)
        if drop:
            page.lines = [line for i, line in enumerate(page.lines) if i not in drop]
            removed += len(drop)
    return removed, extras


_EXPLICIT_PAGE = re.compile(r"^(?:page|p\.|pg\.?)\s*(\d{1,4})(?:\s*of\s*\d{1,4})?$|^[-\u2013\u2014]\s*(\d{1,4})\s*[-\u2013\u2014]$", re.I)
_BARE_PAGE = re.compile(r"^(\d{1,3})$")
EXPLICIT_MIN_GAP = 5  # lines between two printed "Page N" lines of one chain
BARE_MIN_GAP = 20  # a bare number must be a page's worth of lines after the previous one (not a table column)


def strip_printed_page_numbers(pages: list[RawPage]) -> int:
    """Drop printed page numbers left inside the page body (filings that merged several printed pages into one).

    Only chains count: "Page N" lines with increasing N (two or more), or bare numbers counting up by one
    (three or more) a page's worth of lines apart; a lone "4" inside a table stays.
    """
    flat = [(page, line) for page in pages for line in page.lines]
    drop: set[int] = set()
    for pattern, step_one, gap, minimum in ((_EXPLICIT_PAGE, False, EXPLICIT_MIN_GAP, 2), (_BARE_PAGE, True, BARE_MIN_GAP, 3)):
        found = []
        for index, (_, line) in enumerate(flat):
            m = pattern.match(line.text.strip())
            if m:
                found.append((index, int(next(g for g in m.groups() if g))))
        while found:
            chain = _longest_chain(found, step_one, gap)
            if len(chain) < minimum:
                break
            if not (step_one and _mostly_above_headings(flat, chain)):
                drop.update(chain)
            taken = set(chain)
            found = [f for f in found if f[0] not in taken]
    if not drop:
        return 0
    dropped = {id(flat[i][1]) for i in drop}
    for page in pages:
        page.lines = [line for line in page.lines if id(line) not in dropped]
    return len(drop)


def _mostly_above_headings(flat: list, chain: list[int]) -> bool:
    """Bare numbers that mostly sit above a caps caption ("3" / "FEES") are clause numbers, not page numbers."""
    above = sum(1 for i in chain if i + 1 < len(flat) and looks_like_heading(flat[i + 1][1].text))
    return above * 2 > len(chain)


def _longest_chain(found: list[tuple[int, int]], step_one: bool, gap: int) -> list[int]:
    """Indices of the longest run of (line index, value) with values rising (by one or two if ``step_one``:
    a printed page of pictures may have lost its number)."""
    found = found[:500]  # O(n^2); real documents have a few dozen candidates
    best: list[int] = []
    previous: list[int | None] = []
    for i, (index, value) in enumerate(found):
        length, link = 1, None
        for j in range(i):
            other_index, other_value = found[j]
            rises = 0 < value - other_value <= 2 if step_one else value > other_value
            if rises and index - other_index >= gap and best[j] + 1 > length:
                length, link = best[j] + 1, j
        best.append(length)
        previous.append(link)
    if not best:
        return []
    k: int | None = max(range(len(best)), key=best.__getitem__)
    chain = []
    while k is not None:
        chain.append(found[k][0])
        k = previous[k]
    return chain


def _running_keys(pages: list[RawPage]) -> set[str]:
    """Keys of lines that recur at the top or bottom edge of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        top, bottom = _edge_indices(page)
        counts.update({running_key(page.lines[i].text) for i in top + bottom})
    needed = 2 if len(pages) == 2 else max(3, math.ceil(0.5 * len(pages)))
    return {key for key, n in counts.items() if n >= needed and key}


def mark_paragraph_gaps(page: RawPage) -> None:
    """Set gap_before on lines that follow a vertical gap clearly larger than the page's line spacing."""
    lines = page.lines
    if not lines or any(line.top is None for line in lines):
        return
    heights = [line.bottom - line.top for line in lines if line.bottom > line.top]
    height = median(heights, 10.0)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom - 0.5 * height]
    usual = median([g for g in gaps if g < 2 * height], 0.3 * height)
    for previous, line in zip(lines, lines[1:]):
        gap = line.top - previous.bottom
        moved_up = line.top < previous.top - 0.5 * height  # a new column or a jump back up the page
        line.gap_before = moved_up or gap > usual + 0.6 * height


def dehyphenate(pages: list[RawPage]) -> None:
    """Rejoin words broken across lines ("termi-" + "nation"): the fragment moves up, lines stay lines.

    Contracts are rarely hyphenated by the typesetter, so a hyphen at a line end is often a real one
    ("pass-" + "through"): the document's own vocabulary decides (see keep_hyphen).
    """
    flat: list[tuple[RawPage, int]] = [(page, i) for page in pages for i in range(len(page.lines))]
    vocabulary = _vocabulary([page.lines[i].text for page, i in flat])
    for (page, i), (next_page, j) in zip(flat, flat[1:]):
        line, following = page.lines[i], next_page.lines[j]
        joined = _join(line.text, following.text, vocabulary)
        if joined:
            line.text, following.text = joined
    for page in pages:
        page.lines = [line for line in page.lines if line.text]


def _vocabulary(lines: list[str]) -> set[str]:
    """Lower-cased words of the document, leaving out the fragments around line-end hyphens."""
    words: set[str] = set()
    broken = False
    for text in lines:
        found = _WORD.findall(text.lower())
        ends_broken = bool(_TRAILING_HYPHEN.search(text))
        words.update(found[int(broken) : len(found) - int(ends_broken)])
        broken = ends_broken
    return words


def keep_hyphen(left: str, right: str, vocabulary: set[str]) -> bool:
    """Whether "left-" at a line end followed by "right" is a real hyphen (True) or a word break (False)."""
    left = left.lower()
    match = _WORD.match(right.lower())
    right = match.group(0) if match else right.lower()
    if left + right in vocabulary:
        return False  # the document spells the word unbroken elsewhere
    if f"{left}-{right}" in vocabulary or "-" in left or left in COMPOUND_PREFIXES:
        return True
    # Two words of the document ("problem" + "related") make a compound; "termi" + "nation" does not.
    last = left.rsplit("-", 1)[-1]
    return len(last) > 1 and len(right) > 1 and last in vocabulary and right in vocabulary


def _join(text: str, following: str, vocabulary: set[str]) -> tuple[str, str] | None:
    """The two lines after moving the continuation of a hyphenated word up, or None if no join applies."""
    hyphen = _TRAILING_HYPHEN.search(text)
    word = _LEADING_WORD.match(following)
    if not hyphen or not word:
        return None
    left = hyphen.group(1)
    soft = text.endswith("\u00ad")
    glue = "-" if not soft and keep_hyphen(left, word.group(1), vocabulary) else ""
    return text[: hyphen.end(1)] + glue + word.group(1), following[word.end() :]
