"""Attachments a document points to but does not contain, and the required elements they would hold.

The structure check ``missing_attachments`` (rule MSA-REF-005) owns finding them: unresolved references to an
Appendix, Schedule, Exhibit, Annex or Attachment, and terms incorporated from a web address. This module reads what
such an attachment is from its title ("Appendix 6 (Service Level Agreement)" is an SLA, by the classifier's title
cues) and turns the document's missing elements an attachment of that kind holds into ``referenced``: not present,
not missing. Their missing-element findings give way to the attachment's one finding, which names them.
"""
from __future__ import annotations

import re

from msalint.parents import PARENT_ELEMENTS
from msalint.rulebook.kinds import kind_of

TITLE_WINDOW = 80  # characters after a citation that may still carry its title ("Schedule 3, the Service Levels")
URL_NAME_WINDOW = 40  # characters before an incorporated web address that may name what it holds
_URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", re.IGNORECASE)
_INCORPORATED = re.compile(r"\bincorporat\w*", re.IGNORECASE)
# a sentence that makes a document at an address bind the parties, not a link to read or download it
_BINDS = re.compile(r"\b(?:governed|subject\s+to|in\s+accordance\s+with|(?:set\s+(?:out|forth)|described|defined|"
                    r"specified|contained|provided)\s+in|appl(?:y|ies)|forms?\s+part|bound|binding|compl(?:y|ies))\b",
                    re.IGNORECASE)
_TERMS_NAME = re.compile(r"\b(?:terms|conditions|agreement|contract)\b", re.IGNORECASE)


def incorporated_urls(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of web addresses from which a sentence incorporates terms ("the Terms at https://… are incorporated")
    or that hold a contract document named by its title ("governed by the Service Level Agreement at https://…"),
    unless this document reproduces those terms (``reproduced_here``)."""
    out = []
    for start, end in sentences:
        sentence = text[start:end]
        url = _URL.search(sentence)
        if url and (_INCORPORATED.search(sentence)
                    or (_BINDS.search(sentence) and _titled_document(text, start + url.start()))):
            address = url.group(0).rstrip(".,;")
            span = (start + url.start(), start + url.start() + len(address))
            if not reproduced_here(text, (start, end), span):
                out.append(span)
    return out


def _titled_document(text: str, url_start: int) -> bool:
    """The words before an address name a contract document by its title (an SLA, a DPA, a customer agreement)."""
    from msalint.classify import title_kind

    return title_kind(text[max(0, url_start - URL_NAME_WINDOW):url_start]) not in (None, "order_form", "not_contract")


# the name an address is given just before it: "the Keel Hosting Terms v2 posted at", "the [Acceptable Use Policy]("
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w&'’-]*\s+){0,6}[A-Z][\w&'’-]*)(?i:\s+(?:v(?:ersion)?\s*)?[\d.]+)?"
                          r"[\s\])(,\"”]*(?:\((?:the\s+)?[\"“][^\"”]{1,40}[\"”]\)\s*)?"
                          r"(?i:(?:as\s+)?(?:posted|available|published|found|located|set\s+(?:out|forth))\s+)?"
                          r"(?i:at|on|in|:)?[\s\[(]*$")
_REPRODUCED = r"(?:attached|appended|annexed|enclosed|reproduced|included)"


def reproduced_here(text: str, cited: tuple[int, int], url: tuple[int, int]) -> bool:
    """The terms incorporated from an address are in this document as well (an order form followed by its standard
    terms): another sentence names the same address as "these/this ..." (the terms stating where they are posted),
    or a sentence says the terms, by the name given to them before the address, are attached or reproduced."""
    head = _name_head(text[cited[0]:url[0]])
    if head is None:
        return False
    if _attached_pattern(head).search(text):
        return True
    address = _address(text[url[0]:url[1]])
    itself = re.compile(rf"\b(?i:these|this)\s+(?:[\w&'’-]+\s+){{0,6}}?{_words(head)}\b(?:[^.;]|\.\d){{0,120}}$")
    return any(not cited[0] <= other.start() < cited[1] and _address(other.group(0)) == address
               and itself.search(text, max(0, other.start() - 200), other.start())
               for other in _URL.finditer(text))


def _address(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.rstrip(".,;/").lower())


def _name_head(before: str) -> str | None:
    """The last two words of the name given to an address ("Standard Terms" of "the Common Paper Standard Terms v1.1
    posted at"), or None when no capitalised name precedes it."""
    m = _NAME_BEFORE.search(before[-160:])
    if not m or not m.group(1).strip():
        return None
    words = m.group(1).split()
    while words and re.fullmatch(r"(?i)v(?:er(?:sion)?)?\.?", words[-1]):  # "Terms Version 2.1"
        words.pop()
    if not words or not words[-1][:1].isupper():
        return None
    return " ".join(words[-2:])


def _words(name: str) -> str:
    return r"\s+".join(re.escape(w) for w in name.split())


def _attached_pattern(head: str) -> re.Pattern:
    """'A copy of the Hosting Terms is attached', 'Attached to this order are the Hosting Terms' (not negated)."""
    name = _words(head)
    forward = rf"\b{name}\b[^.;]{{0,40}}?\b(?:is|are|have\s+been|has\s+been)\s+(?:hereby\s+|also\s+)?{_REPRODUCED}\b"
    backward = rf"\b{_REPRODUCED}\s+(?:hereto\s+|below\s+|to\s+this\s+\w+(?:\s+form)?\s+)?(?:is|are)\s+" \
               rf"(?:a\s+copy\s+of\s+)?(?:the\s+)?{name}\b"
    return re.compile(rf"{forward}|{backward}", re.IGNORECASE)


def attachment_kind(text: str, start: int, end: int) -> str | None:
    """The kind of document cited at [start, end): from its own words, then the words right after it; terms
    incorporated from a web address are a complete set of terms (an agreement) unless the words before say otherwise."""
    from msalint.classify import title_kind

    cited = text[start:end]
    if _URL.match(cited):
        # the words just before the address name it ("the SLA at https://…"); terms incorporated into an order form
        # are its terms, not another order form
        before = text[max(0, start - URL_NAME_WINDOW):start]
        named = title_kind(before)
        if named not in (None, "order_form"):
            return named
        # a policy, a price list or guidelines at an address hold none of an agreement's elements
        return "agreement" if _TERMS_NAME.search(before) else None
    after = re.split(r"[.;\n]", text[end:end + TITLE_WINDOW], maxsplit=1)[0]  # the title stays in its sentence
    return title_kind(cited) or title_kind(after)


def elements_of_kind(ruleset, kind: str) -> set[str]:
    """The required elements a document of ``kind`` holds: those of required rules written for that kind.

    A rule without kinds applies to every contract, so only a complete agreement is taken to hold its element.
    """
    out = set()
    for rule in ruleset.element_detectors():
        kinds = rule.applies_to.kinds if rule.applies_to is not None else None
        if (kind == "agreement") if kinds is None else (kind in kinds):
            out.add(rule.element)
    return out


def refer_to_attachments(lctx, elements: dict[str, str], findings: list) -> list:
    """Missing elements an absent attachment would hold become ``referenced`` (``elements`` is updated in place);
    their missing-element findings are dropped and the attachment's finding names them. Returns the findings."""
    referenced: set[str] = set()
    out = []
    for f in findings:
        rule = lctx.ruleset.get(f.rule)
        kind = (attachment_kind(lctx.text, f.start, f.end)
                if rule is not None and kind_of(rule).names_attachments(rule) and f.start is not None else None)
        held = PARENT_ELEMENTS if f.details.get("parent_instrument") else elements_of_kind(lctx.ruleset, kind) if kind else ()
        covered = sorted(e for e in held if elements.get(e) in ("missing", "referenced"))
        if covered:
            referenced.update(covered)
            names = ", ".join(e.replace("_", " ") for e in covered)
            f.message = f"{f.message.rstrip('.')}: {names} could not be checked."
            f.details = {**f.details, "attachment_kind": kind or "parent", "elements": covered}
        out.append(f)
    for element in referenced:
        elements[element] = "referenced"
    return [f for f in out if not (f.element in referenced and _is_required(lctx.ruleset, f.rule))]


def _is_required(ruleset, rule_id: str) -> bool:
    rule = ruleset.get(rule_id)
    return rule is not None and kind_of(rule).detects_element(rule)
