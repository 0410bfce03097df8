"""A document's family card: what it calls itself, who its parties are and which other documents it cites.

The card is a pure function of the text (cheap: regular expressions over the opening and the body), so it can be
kept with a cached result and computed for a sibling file without linting it. ``msalint.families.detect`` links
cards into families; the engine adds the fingerprints of the document's absent-attachment findings.
"""
from __future__ import annotations

import re
from typing import Any

OPENING_CHARS = 2500  # the title, parties and recitals: where a document names itself and who signs it
MAX_CITES = 40
ATTACHMENT_TITLE_CHARS = 70  # a citation's bracketed title may follow its label
CITED_DATE_CHARS = 160  # "the Services Agreement dated as of January 1, 2004": the date that names a cited document

# what a document is called when another document cites it by name (a title ends in one of these words)
_DOC_NOUN = (r"(?:Agreement|Contract|Terms(?:\s+(?:and|&)\s+Conditions|\s+of\s+(?:Service|Use|Business))?|Conditions"
             r"|Order\s+Form|Statement\s+of\s+Work|Work\s+Order|Schedule|Exhibit|Appendix|Annex|Attachment|Addendum"
             r"|Amendment|Policy|SOW|SLA|MSA|DPA)")
_LABEL = r"(?:\s+(?:No\.?\s*)?(?:\d+(?:\.\d+)*|[A-Z])\b)?"
# "the Master Services Agreement", "the Standard Terms", "the Agreement" (never "this Agreement": that is itself)
_CITED = re.compile(rf"\b(?i:the|that|such|said|each|an?|any)\s+((?:[A-Z][\w'’&-]*\s+(?:of\s+|and\s+|&\s+)?)"
                    rf"{{0,6}}?{_DOC_NOUN}{_LABEL})(?![\w'’-])")
# an attachment cited by its label, with or without its title: "Schedule 2 (Service Level Agreement)"
_ATTACHMENT = re.compile(r"\b((?:Schedule|Exhibit|Appendix|Annex|Attachment)\s+(?:No\.?\s*)?(?:\d+(?:\.\d+)*|[A-Z])\b)"
                         r"(?:\s*\(\s*(?:the\s+)?([A-Z][^()\n]{2,60})\))?")
_LEADING_LABEL = re.compile(r"^\s*((?:Schedule|Exhibit|Appendix|Annex|Attachment)\s+(?:No\.?\s*)?"
                            r"(?:\d+(?:\.\d+)*|[A-Z]))\b\s*[-–—:.)(]*\s*", re.IGNORECASE)
# a party: a capitalised name ending in a company form
# (a company form may wrap to the next line of a PDF; "(International)" and "of" belong to a name)
_NAME_WORD = r"(?:[A-Z][\w&'’.-]*|\([A-Z][\w&'’.-]*\)|of|&)"
_PARTY = re.compile(rf"\b([A-Z][\w&'’.-]*(?:,?[ \t]+{_NAME_WORD}){{0,5}}?,?(?:[ \t]+|[ \t]*\n[ \t]*)"
                    r"(?:Inc|Ltd|Limited|LLC|L\.L\.C|LLP|L\.P|LP|plc|PLC|Corp|Corporation|GmbH|AG|S\.A|SAS|B\.V|N\.V|N\.A"
                    r"|Pty|Co|Company|AB|Oy|SE)\b\.?)")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?P<month>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# "2 February 2026", "the 5th day of February, 2020", "January 1, 2004", "2026-02-02"
_DATE = re.compile(rf"\b(?:{_DAY}(?:\s+day)?(?:\s+of)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)"
                   rf"|{_MONTH.replace('month', 'month2')}\s+{_DAY.replace('day', 'day2')},?\s+(?P<year2>(?:19|20)\d\d)"
                   r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))\b")
LABEL_LINES = 4  # a label heads the page: a confidentiality legend or filing exhibit number may come first
_LABEL_LINE = re.compile(r"^\s*((?:Schedule|Exhibit|Appendix|Annex|Attachment)\s+(?:No\.?\s*)?(?:\d{1,2}|[A-Z]))\s*[.:]?\s*$",
                         re.IGNORECASE)
_GENERIC_WORDS = {"master", "main", "principal", "underlying", "relevant", "applicable", "said", "such", "this", "that"}


def family_card(text: str) -> dict[str, Any]:
    """The card of one document: its ``title`` as written, the ``names`` its title gives it (normalised; a name
    the text defines for itself, such as "Standard Terms", is too common to identify a file), its ``label`` ("schedule 2"), its ``parties``, the ``dates`` its opening gives, the
    titles it ``cites`` and, for a cited title followed by a date, that date (``cite_dates``)."""
    from msalint.classify import opening_title

    opening = text[:OPENING_CHARS]
    title = opening_title(text)
    names: list[str] = []
    label = None
    if title:
        names.append(normalise(title))
        m = _LEADING_LABEL.match(title)
        if m:
            label = normalise(m.group(1))
            rest = normalise(title[m.end():])
            if rest:
                names.append(rest)
    label = label or _label_line(opening)
    cites: list[str] = []
    cite_dates: dict[str, list[str]] = {}
    for m in _CITED.finditer(text):
        cite = normalise(m.group(1))
        cites.append(cite)
        dates = _dates(text[m.end():m.end() + CITED_DATE_CHARS])[:1]
        if dates and cite not in names:
            cite_dates[cite] = _unique([*cite_dates.get(cite, []), *dates])
    for m in _ATTACHMENT.finditer(text):
        cites.append(normalise(m.group(1) + (f" ({m.group(2)})" if m.group(2) else "")))
    kept = _unique(c for c in cites if c and c not in names and not (label and cited_label(c) == label))[:MAX_CITES]
    return {"title": title, "names": _unique(n for n in names if n), "label": label, "parties": _parties(opening),
            "dates": _dates(opening), "cites": kept, "cite_dates": {c: d for c, d in cite_dates.items() if c in kept}}


def normalise(title: str) -> str:
    """Lower case, single spaces, no quotes or trailing punctuation, no leading article."""
    words = re.sub(r"[\"“”'’*_#]", "", title).lower().split()
    while words and words[0] in ("the", "this", "a", "an", "title:"):  # "title:" opens Markdown front matter
        words = words[1:]
    return " ".join(words).strip(" .,;:-–—")


def cited_label(cite: str) -> str | None:
    """The attachment label a citation names ("schedule 2" of "schedule 2 (service level agreement)")."""
    m = _LEADING_LABEL.match(cite)
    return normalise(m.group(1)) if m else None


def cited_title(cite: str) -> str:
    """The title words of a citation without its attachment label and brackets."""
    m = _LEADING_LABEL.match(cite)
    return normalise(re.sub(r"[()\[\]]", " ", cite[m.end():] if m else cite))


def is_generic(cite: str) -> bool:
    """A citation that names only a kind of document ("agreement", "the master agreement", "order form"),
    which identifies a document only when the folder holds one of that kind."""
    words = [w for w in cited_title(cite).split() if w not in _GENERIC_WORDS]
    noun = re.compile(rf"^{_DOC_NOUN}$", re.IGNORECASE)
    return bool(words) and bool(noun.match(" ".join(words))) and cited_label(cite) is None


def _label_line(opening: str) -> str | None:
    """The attachment label a line of its own names near the top ("SCHEDULE A" above "Product License Schedule",
    "EXHIBIT ‘B’"); a filing's exhibit number ("Exhibit 10.14") is not a label another document cites."""
    for line in opening.splitlines()[:LABEL_LINES]:
        m = _LABEL_LINE.match(re.sub(r"[‘’'\"“”]", "", line))
        if m:
            return normalise(m.group(1))
    return None


def _parties(opening: str) -> list[str]:
    return _unique(normalise(m.group(1)) for m in _PARTY.finditer(opening))[:6]


def _dates(text: str) -> list[str]:
    """The calendar dates written in ``text``, as ISO strings, in order."""
    out = []
    for m in _DATE.finditer(text):
        if m.group("iso"):
            out.append(m.group("iso"))
            continue
        month = (m.group("month") or m.group("month2")).lower().rstrip(".")
        number = next((i for i, name in enumerate(_MONTHS, 1) if name.startswith(month[:3])), None)
        day, year = int(m.group("day") or m.group("day2")), m.group("year") or m.group("year2")
        if number and 1 <= day <= 31:
            out.append(f"{year}-{number:02d}-{day:02d}")
    return _unique(out)


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def document_card(text: str, findings: list, ruleset) -> dict[str, Any]:
    """The card plus ``attachments``: each absent-attachment finding's fingerprint, the citation it is about (its
    label and title, or the web address terms are incorporated from) and the kind of document it names, so a family
    holding that attachment can retire the finding."""
    from msalint.rulebook.kinds import kind_of

    card = family_card(text)
    attachments = []
    for f in findings:
        rule = ruleset.get(f.rule)
        if rule is None or f.start is None or not kind_of(rule).names_attachments(rule):
            continue
        m = _ATTACHMENT.match(text, f.start, min(len(text), f.end + ATTACHMENT_TITLE_CHARS))
        cite = normalise(m.group(1) + (f" ({m.group(2)})" if m.group(2) else "")) if m else text[f.start:f.end].lower()
        attachments.append({"fingerprint": f.fingerprint, "cite": cite, "kind": f.details.get("attachment_kind")})
    card["attachments"] = attachments
    return card
