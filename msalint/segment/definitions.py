"""The defined-terms index: '"X" means', '(the "X")', '(hereinafter "X")', 'X: means', 'As used herein, X means'."""
from __future__ import annotations

import re
from typing import Callable

from msalint.model import Clause, Definition

_Q = r"[\"“”]"
# A term may wrap onto the next line in hard-wrapped text ("Confidential\nInformation"), never over a blank line.
_IN_TERM = r"(?:[^\"“”\n]|\n(?![ \t]*\n))"
_TERM = r"([A-Za-z0-9]" + _IN_TERM + r"{0,80}?)"
_VERB = (
    r"(?:shall\s+(?:mean|have\s+the\s+meaning|refer\s+to|be\s+defined\s+as)|means?|has\s+the\s+meaning|"
    r"have\s+the\s+meanings?|is\s+defined\s+as|refers\s+to)\b"
)
# '"X" means', '"X" or "Y" shall mean', '"X": means'
_QUOTED_MEANS = re.compile(
    _Q + _TERM + _Q + r"((?:\s*+,?\s*+(?:or|and)\s++(?:the\s++)?" + _Q + _IN_TERM + r"{1,80}" + _Q + r")*)"
    r"\s*+\)?\s*+[:\-–—]?\s*+" + _VERB
)
_PAREN = re.compile(r"\(((?:[^()\n]|\n(?![ \t]*\n)){0,200}?)\)")
_LEAD_WORDS = frozenset(
    "the a an each collectively together individually jointly hereinafter hereafter herein referred to as "
    "called known and or both respectively such any this".split()
)
_HEREINAFTER = re.compile(
    r"\b(?:hereinafter|hereafter|referred\s+to\s+(?:herein\s+|hereinafter\s+)?as)"
    r"(?:\s+(?:referred\s+to\s+as|called|known\s+as))?,?\s+(?:the\s+|a\s+|an\s+)?" + _Q + _TERM + _Q
)
_QUOTED = re.compile(_Q + r"(" + _IN_TERM + r"{1,80}?)" + _Q)
_CAP_WORD = r"[A-Z][\w&'’/-]*"
_UNQUOTED_TERM = r"(" + _CAP_WORD + r"(?:\s++(?:" + _CAP_WORD + r"|of|and|or|the|for|in|to|on))" + r"{0,6})"
# 'Affiliate means ...' / 'Business Day: means ...' at the start of a line or clause.
# Possessive quantifiers and a whitespace run entered only at its start keep the scan linear on long runs of
# whitespace (one run of 4,000 spaces took minutes with backtracking).
_LIST_ENTRY = re.compile(
    r"(?:^|\n|(?<!\s)\s{3,}+|(?:^|\n)[^\S\n]*+(?:\d{1,3}(?:\.\d{1,3})*\.?|\([a-zA-Z0-9]{1,5}\))\s++)[ \t]*+"
    + _UNQUOTED_TERM + r"\s*+[:\-–—]?\s*+(?:means|shall\s+mean)\b"
)
_AS_USED = re.compile(
    r"\bAs\s+used\s+(?:herein|in\s+this\s+\w+(?:\s+\w+)?|hereunder)(?:\s*+,\s++|\s++)"
    r"(?:the\s+(?:term|terms|phrase|expression)\s+)?" + _UNQUOTED_TERM + r"\s++(?:means|shall\s+mean)\b"
)
# a numbered part of a document right before the parenthesis: its title follows, not a definition
_TITLED_BEFORE = re.compile(
    r"\b(?:exhibit|schedule|annex|appendix|attachment|addendum|section|clause|article|part|paragraph)s?"
    r"\s+[A-Z0-9][\w.\-()]{0,12}\s*$", re.IGNORECASE)
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w.])[a-z][a-z'’-]+\s*$")
_NOT_TERMS = frozenset("it this that such each any all these those there he she they we you".split())


def find_definitions(text: str, clause_at: Callable[[int], Clause | None]) -> list[Definition]:
    """Every defined term in ``text`` with the clause that defines it, in text order."""
    found: dict[int, Definition] = {}

    def add(term: str, start: int) -> None:
        raw = term.strip().rstrip(",.;:").strip()
        if not raw or raw.split()[0].lower() in _NOT_TERMS or not re.search(r"[A-Za-z]", raw):
            return
        start += len(term) - len(term.lstrip())
        clause = clause_at(start)
        cleaned = " ".join(raw.split())  # a term wrapped over two lines is still one term
        found.setdefault(start, Definition(cleaned, clause.id if clause else None, start, start + len(raw)))

    for m in _QUOTED_MEANS.finditer(text):
        add(m.group(1), m.start(1))
        for extra in _QUOTED.finditer(m.group(2) or ""):
            add(extra.group(1), m.start(2) + extra.start(1))
    for m in _PAREN.finditer(text):
        _parenthetical(m, add)
    for m in _HEREINAFTER.finditer(text):
        add(m.group(1), m.start(1))
    for regex in (_LIST_ENTRY, _AS_USED):
        for m in regex.finditer(text):
            add(m.group(1), m.start(1))
    return [found[k] for k in sorted(found)]


def _parenthetical(m: re.Match[str], add: Callable[[str, int], None]) -> None:
    """'(the "Agreement")', '(each, a "Party" and together the "Parties")', '(hereinafter "Company")'."""
    inner = m.group(1)
    quotes = list(_QUOTED.finditer(inner))
    if not quotes:
        return
    lead = re.findall(r"[A-Za-z]+", inner[: quotes[0].start()])
    if any(w.lower() not in _LEAD_WORDS for w in lead):
        return  # '(as defined in "X")' cites a term, it does not define one
    if _TITLED_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        return  # 'Exhibit 4 ("Covered Equipment List")' gives the exhibit's title
    if not lead and not quotes[0].group(1)[:1].isupper() and _LOWER_WORD_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        return  # 'indemnify ("garantir")' glosses a word; a defined term is capitalised
    previous_end = quotes[0].start()
    for q in quotes:
        between = re.findall(r"[A-Za-z]+", inner[previous_end: q.start()])
        if any(w.lower() not in _LEAD_WORDS for w in between):
            break
        add(q.group(1), m.start(1) + q.start(1))
        previous_end = q.end()


def term_variants(term: str) -> list[str]:
    """The forms a use of a defined term may take: singular/plural, "(s)" dropped or spelled out, Title Case of
    a term defined in capitals ("EFFECTIVE DATE" is used as "Effective Date"); the term itself comes first."""
    base = " ".join(term.split())
    forms = [base]
    plural_s = "S" if base.isupper() else "s"
    if base.lower().endswith("(s)"):
        stem = base[:-3].rstrip()
        forms += [stem, stem + plural_s]
    elif len(base) > 4 and base.lower().endswith("ies"):
        forms.append(base[:-3] + ("Y" if base.isupper() else "y"))  # "Activities" is used as "Activity"
    elif len(base) > 3 and base.lower().endswith("s") and not base.lower().endswith("ss"):
        forms.append(base[:-1])
    elif len(base) > 2 and base[-1:].lower() == "y" and base[-2:-1].lower() not in "aeiou":
        forms.append(base[:-1] + ("IES" if base.isupper() else "ies"))  # "Activity" is used as "Activities"
    elif base[-1:].isalpha():
        forms.append(base + plural_s)
    if base.isupper() and any(len(w) > 3 for w in base.split()):
        forms += [_title_case(f) for f in list(forms)]
    out: list[str] = []
    for form in forms:
        if form and form not in out:
            out.append(form)
    return out


def _title_case(text: str) -> str:
    """'EFFECTIVE DATE' -> 'Effective Date'; short words ('OF') lower-cased, acronyms of 3 or fewer kept."""
    words = []
    for i, word in enumerate(text.split()):
        low = word.lower()
        if i and low in ("of", "and", "or", "the", "for", "in", "to", "on", "a", "an"):
            words.append(low)
        elif len(word) <= 3 and word.isalpha() and i == 0 and len(text.split()) > 1:
            words.append(word)  # "IP RIGHTS" -> "IP Rights"
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)
