"""Numbering labels at the start of a line or block: what they are and how a reader cites them."""
from __future__ import annotations

import re
from dataclasses import dataclass

ZERO_WIDTH_TO_SPACE = str.maketrans({c: " " for c in "\u200b\u200c\u200d\u2060\ufeff\u00a0"})
ROMAN_RE = r"(?:[IVXLC]{1,7}|[ivxlc]{1,7})"
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
ATTACHMENT_WORDS = ("schedule", "exhibit", "annex", "appendix", "attachment", "addendum")
ARTICLE_WORDS = ("article", "part", "chapter")
SECTION_WORDS = ("section", "clause", "§")
_PART_LETTERS = frozenset("ABCDEF")

# Keyword labels: "ARTICLE IV", "Section 5.1", "Schedule B", "Exhibit 2", "§ 3".
_KEYWORD = re.compile(
    r"(?P<word>article|part|chapter|section|clause|schedule|exhibit|annex|appendix|attachment|addendum|§)"
    r"(?:(?<=§)[ \t]*|[ \t]+)[\"“‘']?(?P<designator>\d{1,3}(?:\.\d{1,3})*(?:\([a-z0-9]{1,4}\))*|(?-i:[IVXLC]{1,7}|[A-Z](?:-?\d{1,2})?))"
    r"[\"”’']?(?P<dot>\.?)(?=[\s:.\-–—]|$)",
    re.IGNORECASE,
)
# Dotted numbers "1.", "1.1", "12.3.4.", "8.1(b)".
_DOTTED = re.compile(
    r"(?P<number>\d{1,3}(?:\.\d{1,3})*)(?P<parens>(?:\([a-z0-9]{1,4}\))*)(?P<dot>[.)]?)(?=\s|$|(?:(?<=\.)|(?<=\d\.\d)|(?<=\d\.\d\d))[A-Z][a-z])"
)  # "1.Services": PDF extraction sometimes loses the space after the label
# Enumeration labels "(a)", "(ii)", "(1)", "(A)", "a)", "ii)", "a.", "A.", "IV.".
_PAREN = re.compile(r"\((?P<value>[a-zA-Z]{1,5}|\d{1,2})\)(?=\s|$)")
_HALF = re.compile(r"(?P<value>[a-z]{1,5}|\d{1,2})\)(?=\s)")
_LETTER_DOT = re.compile(r"(?P<value>[a-zA-Z]|" + ROMAN_RE + r")\.(?=[ \t])")


@dataclass(frozen=True, slots=True)
class Label:
    """A parsed numbering label; ``length`` is the number of characters it covers."""

    kind: str  # attachment | article | numeric | list
    raw: str
    length: int
    parts: tuple[str, ...] = ()  # numeric: ("8", "1"); list: ("b",)
    subparts: tuple[str, ...] = ()  # numeric "8.1(b)(ii)": ("b", "ii")
    word: str | None = None  # the keyword as written ("Section", "ARTICLE")
    designator: str = ""  # article/attachment: "IV", "B", "2"
    style: str = ""  # list styles: paren, half, dot


def roman_value(text: str) -> int | None:
    """Value of a roman numeral (i..cccxcix), or None if ``text`` is not one."""
    low = text.lower()
    if not low or any(c not in _ROMAN_VALUES for c in low):
        return None
    total = 0
    for i, c in enumerate(low):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(low) and _ROMAN_VALUES[low[i + 1]] > v else v
    return total if to_roman(total) == low else None


def to_roman(value: int) -> str:
    """Lower-case roman numeral of ``value`` (1..399)."""
    out = []
    for v, s in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= v:
            out.append(s)
            value -= v
    return "".join(out)


def parse_label(line: str, *, bare_numbers: bool = False) -> Label | None:
    """The numbering label ``line`` starts with (no leading whitespace expected), or None.

    ``bare_numbers`` accepts "5" without a dot (Word numbering shown as "5<tab>Heading").
    """
    m = _KEYWORD.match(line)
    if m and (line[0].isupper() or line[0] == "§"):
        return _keyword_label(m)
    m = _DOTTED.match(line)
    if m:
        number = m.group("number")
        if "." not in number and not m.group("dot") and not m.group("parens") and not bare_numbers:
            return None  # a bare "5" is a page number or an amount
        parts = tuple(number.split("."))
        subparts = tuple(re.findall(r"\(([a-z0-9]+)\)", m.group("parens")))
        return Label("numeric", m.group(0), m.end(), parts, subparts)
    for regex, style in ((_PAREN, "paren"), (_HALF, "half"), (_LETTER_DOT, "dot")):
        m = regex.match(line)
        if m:
            return Label("list", m.group(0), m.end(), (m.group("value"),), style=style)
    return None


def _keyword_label(m: re.Match[str]) -> Label | None:
    word = m.group("word")
    designator = m.group("designator")
    low = word.lower()
    if low in ATTACHMENT_WORDS:
        if "." in designator:
            return None  # "Exhibit 10.28": an SEC filing exhibit number, not an attachment of this contract
        return Label("attachment", m.group(0), m.end(), word=word, designator=_norm_designator(designator))
    if low in ARTICLE_WORDS:
        if "." in designator or "(" in designator:
            return None
        if not (designator.isdigit() or roman_value(designator) or designator.upper() in _PART_LETTERS):
            return None  # "PART Y", "Article Q-3": no numeral; only early letters name parts ("Part A")
        return Label("article", m.group(0), m.end(), word=word, designator=_norm_designator(designator))
    number = re.match(r"[\dA-Za-z]+(?:\.\d+)*", designator).group(0)
    subparts = tuple(re.findall(r"\(([a-z0-9]+)\)", designator[len(number):]))
    return Label("numeric", m.group(0), m.end(), tuple(number.split(".")), subparts, word=word)


def _norm_designator(designator: str) -> str:
    return designator.upper() if roman_value(designator) or designator.isalpha() else designator


def keyword_title(word: str) -> str:
    """'ARTICLE' -> 'Article', '§' stays."""
    return word if word == "§" else word[:1].upper() + word[1:].lower()


def list_style(label: Label) -> tuple[str, str]:
    """The enumeration family of a list label and its shape: ('alpha'|'roman'|'digit'|'ALPHA'|'ROMAN', style)."""
    value = label.parts[0]
    if value.isdigit():
        family = "digit"
    elif value.islower():
        family = "roman" if roman_value(value) and (len(value) > 1 or value in "ivx") else "alpha"
    else:
        family = "ROMAN" if roman_value(value) and (len(value) > 1 or value in "IVX") else "ALPHA"
    return family, label.style


def ordinal(value: str, family: str) -> int | None:
    """Position of a list value in its family: 'c' -> 3, 'iv' -> 4, '2' -> 2."""
    if family == "digit":
        return int(value)
    if family in ("roman", "ROMAN"):
        return roman_value(value)
    if len(value) == 1:
        return ord(value.lower()) - 96
    if len(set(value)) == 1:  # "aa" after "z"
        return 26 * (len(value) - 1) + ord(value[0].lower()) - 96
    return None
