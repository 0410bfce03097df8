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


def incorporated_urls(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of web addresses from which a sentence incorporates terms ("the Terms at https://… are incorporated")."""
    out = []
    for start, end in sentences:
        sentence = text[start:end]
        url = _URL.search(sentence)
        if url and _INCORPORATED.search(sentence):
            address = url.group(0).rstrip(".,;")
            out.append((start + url.start(), start + url.start() + len(address)))
    return out


def attachment_kind(text: str, start: int, end: int) -> str | None:
    """The kind of document cited at [start, end): from its own words, then the words right after it; terms
    incorporated from a web address are a complete set of terms (an agreement) unless the words before say otherwise."""
    from msalint.classify import title_kind

    cited = text[start:end]
    if _URL.match(cited):
        # the words just before the address name it ("the SLA at https://…"); terms incorporated into an order form
        # are its terms, not another order form
        named = title_kind(text[max(0, start - URL_NAME_WINDOW):start])
        return named if named not in (None, "order_form") else "agreement"
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
