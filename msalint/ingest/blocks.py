"""Numbering labels and heading shapes at the start of a line: where a new block (clause) begins."""
from __future__ import annotations

import re
from dataclasses import dataclass

from msalint.model import Block

# A Markdown line wholly in bold ("**Service Credits**", "__7. FEES:__"): the caption of what follows, as a bold
# line of its own is in DOCX.
STRONG_LINE = re.compile(r"^(\*\*|__)(?=\S)([^*_]{1,100}?)(?<=\S)\1[ \t]*:?[ \t]*$")
MAX_CAPTION_WORDS = 12

_ROMAN = r"[IVXLC]{1,7}|[ivxlc]{1,7}"
_NUMBER_LABEL = re.compile(
    r"""^(?:
        (?P<word>(?:section|clause|article|schedule|exhibit|annex|appendix|attachment|part|addendum)
            \s+(?:\d{1,3}(?:\.\d{1,3})*[A-Za-z]?|(?-i:""" + _ROMAN + r"""|[A-Z]{1,2}))\b\.?)
      | (?P<dotted>\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)(?=\s|[A-Z]|$)
      | (?P<paren>\((?:\d{1,3}|[a-z]{1,2}|[A-Z]|""" + _ROMAN + r""")\))(?=\s|$)
      | (?P<half>(?:\d{1,3}|[a-z]|[A-Z]|""" + _ROMAN + r""")\))(?=\s)
      | (?P<letter>(?:[A-Z]|""" + _ROMAN + r""")\.)(?=\s)
    )""",
    re.VERBOSE | re.IGNORECASE,
)


def numbering_label(line: str) -> str | None:
    """The numbering label a line starts with ("1.", "8.1", "(b)", "Section 5", "ARTICLE IV"), or None."""
    m = _NUMBER_LABEL.match(line)
    if not m:
        return None
    label = m.group(0)
    rest = line[len(label):].lstrip()
    if m.lastgroup == "dotted" and rest[:1].islower():
        return None  # "1.5 million ..." wrapped onto a new line is prose, not a clause number
    if m.lastgroup == "word" and not line[: len(label)].split()[0][0].isupper():
        return None  # "section 5 of the Act" inside a wrapped sentence
    return label.rstrip()


def looks_like_heading(line: str) -> bool:
    """A short ALL-CAPS line without a final period ("RECITALS", "ARTICLE IV TERM"): a heading on its own."""
    stripped = line.strip()
    if len(stripped) > 80 or stripped.endswith((".", ",", ";")) or len(stripped.split()) > 12:
        return False
    if stripped != stripped.upper() or stripped == stripped.lower():
        return False  # some lower-case letter, or no letters at all
    return sum(1 for c in stripped if c.isalpha()) >= 3


@dataclass(frozen=True, slots=True)
class Line:
    """One kept line of the analysed text: its span, page and whether a vertical gap/blank line precedes it."""

    start: int
    end: int
    text: str
    page: int | None = None
    gap_before: bool = False


def paragraph_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into paragraph/heading blocks: break on gaps, pages, numbering labels and headings."""
    blocks: list[Block] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            first, last = current[0], current[-1]
            label = numbering_label(first.text)
            heading = len(current) == 1 and looks_like_heading(first.text)
            blocks.append(
                Block(first.start, last.end, "heading" if heading else "paragraph", first.page, label)
            )
            current.clear()

    previous: Line | None = None
    previous_heading = False
    for line in lines:
        heading = looks_like_heading(line.text)
        starts_new = (
            previous is None
            or line.gap_before
            or line.page != previous.page
            or heading
            or previous_heading
            or _starts_with_label(line.text, previous.text)
        )
        if starts_new:
            flush()
        current.append(line)
        previous, previous_heading = line, heading
    flush()
    return blocks


def _starts_with_label(text: str, previous: str) -> bool:
    """A numbering label starts a new block, except a word label ("Schedule 3") continuing a sentence."""
    label = numbering_label(text)
    if label is None:
        return False
    if label[0].isalpha() and len(label.split()) > 1:
        return previous.rstrip()[-1:] in ".:;)" or looks_like_heading(previous)
    return True


def caption_shaped(text: str) -> bool:
    """Short enough to be a caption and not a sentence: at most MAX_CAPTION_WORDS words and 100 characters,
    some letters, no final period, semicolon, comma, question or exclamation mark."""
    words = text.split()
    return (0 < len(words) <= MAX_CAPTION_WORDS and len(text) <= 100 and text.rstrip()[-1:] not in ".;,!?"
            and any(c.isalpha() for c in text))


def strong_caption(line: str) -> str | None:
    """The words of a short line set wholly in bold ("**7. FEES**" -> "7. FEES"), else None."""
    m = STRONG_LINE.match(line.strip())
    return m.group(2) if m is not None and caption_shaped(m.group(2)) else None
