"""The `structure` check `undefined_terms`: capitalised phrases used like defined terms that nothing defines.

A capitalised phrase is not an undefined term when it is defined somewhere the definitions index does not look
(a glossary line "Acceptance Period - the period ...", a cover-page field "Payment Period" on its own line, a
quoted term in another case, an attachment's title, a thing designated "as the X"), when the text says where it is defined ("as such term is defined in the Maintenance
Addendum"), when it joins two defined terms ("Software and Documentation"), when it is a proper name (an organ or
office such as "Board of Directors", an instrument such as "the Participation Agreement", a region), or when the
whole document borrows its defined terms from another agreement (an order form, schedule or amendment, or a
sentence such as "capitalised terms have the meanings given in the Master Agreement").
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msalint.rulebook.context import LintContext

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.ruleset import Rule

MIN_UNDEFINED_USES = 3
UNDEFINED_SHOWN = 5  # terms named in the message of the one finding; the rest are in its details
CITATION_WINDOW = 60  # characters after a use that may say where the term is defined

_THE_TERM = re.compile(r"\bthe\s+((?:[A-Z][a-z]+)(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][a-z]+){1,3})\b")
_COMMON_PROPER = re.compile(
    r"^(?:United\s|European\s|State\s|Commonwealth\s|Republic\s|Kingdom\s|Internal\s+Revenue|Securities\s|"
    r"Effective\s+Date$)")
# The head noun (last word, or the word before "of") of a proper name rather than a defined term: a public body,
# an organ or office of a party, a document that is an instrument of its own (singular: "the Customer Contracts"
# is a class of things, "the Participation Agreement" is one named instrument), or a place.
_PROPER_HEAD = re.compile(
    r"(?:Act|Code|Regulations?|Rules?|Department|Commission|Court|Office|Association|Agency|University|Institute|"
    r"Bank|Company|Corporation|Board|Council|Authority|Exchange|Service|Committee|Directors|Trustees?|Officers?|"
    r"Secretary|Commissioner|Registrar|Custodian|Servicer|Agent|Treasurer|President|Chairman|Chair|Manager|"
    r"Agreement|Contract|Plan|Statement|Prospectus|Indenture|Program|Programme|Addendum|Amendment|Policy|Charter|"
    r"Bylaws|Certificate|Deed|Memorandum|Region|Province|County|District|Territories)")
# a use that names where it is defined: "(as such term is defined in the Build Addendum)", "as per Recital A"
_DEFINED_ELSEWHERE = re.compile(
    r"[\s\"”’'),]*\(?\s*(?:(?:as\s+)?(?:such\s+|that\s+|each\s+such\s+)?(?:term|terms|phrase)\s+(?:is|are)\s+defined|"
    r"as\s+(?:is\s+|are\s+)?defined|as\s+per\s+(?:section|recital|clause|article|paragraph|schedule)|"
    r"within\s+the\s+meaning|(?:has|have)\s+the\s+meanings?)\b", re.IGNORECASE)
# "Capitalised terms used but not defined herein have the meanings given in the Master Agreement"
_BORROWED_DEFINITIONS = re.compile(
    r"\bcapitali[sz]ed\s+(?:terms|words)\b[^.;]{0,120}?\b(?:has|have|shall\s+have|bear)\s+the\s+(?:respective\s+)?"
    r"meanings?\b", re.IGNORECASE)
# "1.", "1.3", "(xvii)", "a)" before a glossary entry
_ENUMERATOR = r"(?:\(?(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[A-Za-z]{1,5})[.)]|[0-9]{1,3}(?:\.[0-9]{1,3})*(?=[^\S\n]))"
# one marker character per repetition, possessive: a line of 2,000 dashes must not be tried every way it splits
_LINE_LEAD = r"(?:^|\n)[^\S\n]*+(?:[#>*\-•|][^\S\n]*+)*+(?:" + _ENUMERATOR + r"[^\S\n]*)?[\"“*_]*+"
# a glossary line or a form field: the term opens a line and is followed by a separator, a gloss or nothing
_LINE_ENTRY_AFTER = r"[\"”*_]*[^\S\n]*(?:\([^()\n]{1,40}\)[^\S\n]*)?(?:[:\-–—|]|\n|$)"


def undefined_terms(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """Capitalised phrases used at least ``MIN_UNDEFINED_USES`` times as "the X Y" that nothing defines."""
    if borrows_definitions(lctx):
        return []
    defined = {" ".join(d.term.lower().split()) for d in lctx.analysis.definitions}
    headings = {" ".join((c.heading or "").lower().split()) for c in lctx.analysis.clauses}
    title_zone = next((line for line in lctx.text.splitlines() if line.strip()), "")
    uses: dict[str, list[re.Match]] = {}
    for m in _THE_TERM.finditer(lctx.text):
        uses.setdefault(" ".join(m.group(1).split()), []).append(m)
    out = []
    for term, matches in uses.items():
        low = term.lower()
        if len(matches) < MIN_UNDEFINED_USES or _is_defined(low, defined):
            continue
        if any(low in h for h in headings if h) or (term in title_zone and len(title_zone) < 120):
            continue
        if is_proper_name(term) or _joins_defined_terms(low, defined):
            continue
        if _defined_in_text(lctx.text, term) or _cites_its_definition(lctx.text, matches):
            continue
        out.append(matches[0])
    return _one_finding(rule, lctx, out)


def borrows_definitions(lctx: LintContext) -> bool:
    """True when the document's capitalised terms are defined in another agreement: it completes one (an order
    form, schedule, SOW or amendment) or says so ("capitalised terms have the meanings given in ...")."""
    if lctx.kind is not None and lctx.kind.dependent:
        return True
    return _BORROWED_DEFINITIONS.search(lctx.text) is not None


def is_proper_name(term: str) -> bool:
    """True for a capitalised phrase that names a body, an office, an instrument or a place."""
    words = term.split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return bool(_COMMON_PROPER.match(term) or _PROPER_HEAD.fullmatch(head))


def _is_defined(low: str, defined: set[str]) -> bool:
    if low in defined or low.rstrip("s") in defined:
        return True
    return any(d and (d in low or low in d) for d in defined)  # a variant ("the Service Levels" / "Service Level")


def _joins_defined_terms(low: str, defined: set[str]) -> bool:
    """'Software and Documentation' where "Software" and "Documentation" are each defined."""
    parts = re.split(r"\s+(?:and|or)\s+", low)
    return len(parts) > 1 and all(_is_defined(p, defined) for p in parts)


def _term_regex(term: str) -> str:
    return r"\s+".join(re.escape(w) for w in term.split())


def _defined_in_text(text: str, term: str) -> bool:
    """Quoted in any case ('"PRODUCTION LEAD TIME" - ...'), opening a glossary line or form field ("1.3 Acceptance
    Period - the period ...", a cover page's "Payment Period" line followed by its value), the title of an
    attachment ('Schedule "A": Fee Schedule', "Exhibit E (Test Computers)"), or designated in the text ("may be
    used as the Development Computer", "appointed as the Project Lead")."""
    words = _term_regex(term)
    quoted = re.search(rf"[\"“]{words}s?[\"”]", text, re.IGNORECASE)
    entry = re.search(rf"{_LINE_LEAD}{words}s?{_LINE_ENTRY_AFTER}", text, re.IGNORECASE)
    return bool(quoted or entry or re.search(_ATTACHMENT_TITLE + words, text, re.IGNORECASE)
                or re.search(_DESIGNATED + words + r"\b", text))


# 'Schedule "A": Fee Schedule', "Exhibit E (Test Computers)", "Annex 2 - Service Credits"
_ATTACHMENT_TITLE = (r"\b(?:schedule|exhibit|annex|appendix|attachment)\s+[\"“]?[A-Z0-9]{1,4}(?:[.-]\d{1,3})?[\"”]?"
                     r"[^\S\n]*[:\-–—(][^\S\n]*[\"“]?")
# "designated as the Staging Server", "may be used as the Development Computer" (a thing given its name in the text)
_DESIGNATED = (r"\b(?i:designated|known|referred\s+to|identified|named|appointed|nominated|used|selected)"
               r"\s+as\s+(?:the\s+|a\s+|an\s+)?")


def _cites_its_definition(text: str, matches: list[re.Match]) -> bool:
    return any(_DEFINED_ELSEWHERE.match(text, m.end(1), m.end(1) + CITATION_WINDOW) for m in matches)


def _one_finding(rule: "Rule", lctx: LintContext, first_uses: list[re.Match]) -> list["Finding"]:
    """One finding for all of a document's undefined terms, at the first one's first use: the reviewer's task is
    one (define them or write them in lower case), not one per term."""
    if len(first_uses) < 2:
        return [lctx.finding(rule, m.start(1), m.end(1), fields={"term": " ".join(m.group(1).split())})
                for m in first_uses]
    first_uses = sorted(first_uses, key=lambda m: m.start(1))
    terms = [" ".join(m.group(1).split()) for m in first_uses]
    shown = ", ".join(f"'{t}'" for t in terms[:UNDEFINED_SHOWN])
    more = f" and {len(terms) - UNDEFINED_SHOWN} more" if len(terms) > UNDEFINED_SHOWN else ""
    first = first_uses[0]
    places = [{"term": t, "line": lctx.document.line_of(m.start(1)), "start": m.start(1), "end": m.end(1)}
              for t, m in zip(terms[1:], first_uses[1:])]
    return [lctx.finding(rule, first.start(1), first.end(1), fields={"term": terms[0]},
                         message=f"{len(terms)} terms are used as defined terms but never defined: {shown}{more}.",
                         details={"terms": terms, "also_at": places})]
