"""The parent instrument a document depends on: another named agreement whose terms govern it.

A supplement, annex, confirmation, order or maintenance contract often says that the general terms of another
instrument apply to it ("this Supplement forms part of and is governed by the Master Supply Agreement", "the General
Terms and Conditions of the Purchase and License Contract apply", "all other terms of the Master Agreement remain in
force"). The legal terms it does not state itself (governing law, forum, liability, indemnity, term, termination ...:
``PARENT_ELEMENTS``) then live in that instrument; when the instrument is not part of the document, they are
``referenced``, not missing (``msalint.references``). Whatever the document's kind: many such filings call
themselves an agreement.
"""
from __future__ import annotations

import re

# The general terms a parent instrument holds for the documents under it: the legal frame and the allocation of
# risk, which a dependent document takes over unless it states its own. The deal's own content (parties, dates,
# services, fees, service levels) stays with the dependent document and is checked as usual.
PARENT_ELEMENTS = frozenset({
    "governing_law", "forum", "dispute_resolution",
    "liability_cap", "indirect_loss_exclusion", "indemnification", "warranties", "warranty_period", "insurance",
    "confidentiality", "ip_ownership", "background_ip",
    "initial_term", "renewal_term", "termination_for_cause", "cure_period", "insolvency_termination", "survival",
    "payment_terms", "late_payment", "invoice_disputes", "taxes",
    "assignment", "change_of_control", "subcontracting", "force_majeure", "notices", "entire_agreement",
    "amendment_formality", "severability", "definitions", "order_of_precedence",
})

# A named instrument: capitalised words ("Swisscom Purchase and License Contract", "MASTER SERVICES AGREEMENT")
# ending in an instrument noun. A bare "the Agreement" is left out: it is usually the document itself.
_WORD = r"[A-Z][\w'’-]*"
_NOUN = (r"(?:Agreement|AGREEMENT|Contract|CONTRACT|Terms(?:\s+of\s+(?:Business|Service|Use|Sale))?|TERMS|Conditions|"
         r"CONDITIONS|MSA)\b")
_GAP = r"\s{1,3}"  # spaces, or a line break with its indent: never a run of blank lines
_NAME = rf"(?P<name>(?:{_WORD}(?:{_GAP}(?:and|of|for|&){_GAP}|{_GAP})){{1,7}}{_NOUN})"
# what may follow the name before the verb: its date, its parties, a defined-term bracket
_AFTER_NAME = r"(?:\s{0,3},?\s{0,3}(?:(?i:dated|made|entered\s+into|between|by\s+and\s+between)\s|\()[^.;]{0,100}?)?"
_THE = r"(?i:the|that\s+certain|that)\s+(?:(?i:original|said|existing|underlying)\s+)?"
_TERMS_OF = r"(?i:(?:general\s+|standard\s+|other\s+|remaining\s+)?(?:terms|provisions)(?:\s+and\s+conditions)?\s+of)\s+"
_SELF = (r"(?i:this|the\s+present)\s+(?i:agreement|contract|supplement|addendum|schedule|exhibit|annex|appendix|"
         r"attachment|confirmation|order(?:\s+form)?|statement\s+of\s+work|sow|work\s+order|amendment|document|"
         r"instrument|policy|sla|dpa)\b")
_TIES = (r"(?i:forms?\s+(?:an?\s+)?(?:integral\s+)?part\s+of|(?:(?:is|are|shall\s+be|will\s+be|be)\s+(?:hereby\s+)?)?"
         r"(?:governed\s+by|subject\s+to|issued\s+(?:under|pursuant\s+to)|entered\s+into\s+(?:under|pursuant\s+to)|"
         r"made\s+under|incorporated\s+into|made\s+(?:an?\s+)?(?:integral\s+)?part\s+of)|supplements?|"
         r"incorporates?(?:\s+by\s+reference)?)")
_APPLY = (r"(?:(?i:shall|will|do|does|also|hereby|continue\s+to)\s+){0,3}(?i:apply|applies|govern|governs|be\s+valid|"
          r"are\s+valid|is\s+valid|remain|remains|are\s+incorporated|is\s+incorporated|be\s+incorporated|"
          r"are\s+deemed\s+incorporated)\b")

CITATIONS = (
    # "this Supplement forms part of and is governed by the Master Supply Agreement"
    re.compile(rf"\b{_SELF}[^.;]{{0,80}}?\b{_TIES}(?:\s{{0,3}},?\s{{0,3}}(?i:and)\s{{1,3}}{_TIES}){{0,3}}\s{{1,3}}"
               rf"(?:{_TERMS_OF})?{_THE}{_NAME}"),
    # "the General Terms and Conditions of the Purchase and License Contract shall also apply",
    # "all other terms of the Master Agreement remain in force", "the terms of the Framework Agreement are
    # incorporated"
    re.compile(rf"\b{_TERMS_OF}{_THE}{_NAME}{_AFTER_NAME}\s{{0,3}},?\s{{1,3}}{_APPLY}"),
    # "except as amended hereby, the Master Services Agreement remains in full force"
    re.compile(rf"(?i:except\s+as\s+(?:expressly\s+)?(?:amended|modified|supplemented|provided|set\s+(?:out|forth))\s+"
               rf"(?:herein|hereby|in\s+this\s+\w+|above|below))\s{{0,3}},?\s{{0,3}}{_THE}{_NAME}{_AFTER_NAME}"
               rf"\s{{0,3}},?\s{{1,3}}"
               r"(?i:remains|shall\s+remain|continues|shall\s+continue|is\s+unchanged)"),
)
HEADING_WORDS_AROUND = 3  # words beside a name on its line that still make the line a heading ("Part B: Standard Terms")
# an instrument published at a web address is an incorporated address (``msalint.references`` owns it)
_AT_ADDRESS = re.compile(r"[^.;]{0,30}?(?:https?://|www\.)", re.IGNORECASE)
# an attachment that belongs to another named instrument: "Annex 7, which was an integral part of the original Purchase
# and Licence Contract"
OWNED_BY_ANOTHER = re.compile(rf"[^.;]{{0,160}}?\b(?i:which|that)\s+(?i:is|was|forms?|formed)\s+(?i:an?\s+)?"
                              rf"(?i:integral\s+)?(?i:part\s+of)\s+{_THE}{_NAME}")


def parent_citations(text: str) -> list[tuple[int, int]]:
    """Spans of the names of absent instruments whose terms govern this document, first citation of each name."""
    seen: dict[str, tuple[int, int]] = {}
    for pattern in CITATIONS:
        for m in pattern.finditer(text):
            name = _normal(m.group("name"))
            if name not in seen and not _AT_ADDRESS.match(text, m.end("name")) and not _is_this_document(text, name):
                seen[name] = m.span("name")
    return sorted(seen.values())


def _normal(name: str) -> str:
    return " ".join(name.split()).lower().replace("&", "and")


def _is_this_document(text: str, name: str) -> bool:
    """The document calls itself by that name ("this Master Services Agreement"), or carries it as a heading of
    its own (a cover page followed by the standard terms it incorporates): then the instrument is not absent."""
    words = r"\s+".join("(?:and|&)" if w == "and" else re.escape(w) for w in name.split())
    for m in re.finditer(rf"\b{words}\b", text, re.IGNORECASE):
        if re.search(r"\b(?:this|the\s+present)\s+$", text[max(0, m.start() - 14):m.start()], re.IGNORECASE):
            return True
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        before = text[line_start:m.start()].split()
        after = text[m.end():line_end if line_end != -1 else len(text)].split()
        if len(before) <= HEADING_WORDS_AROUND and len(after) <= HEADING_WORDS_AROUND and "\n" not in m.group():
            return True
    return False
