"""Check required elements across a family: what one member holds satisfies the others.

For each member: an element it lacks (missing, referenced, not applicable) that another member holds takes that
member's state, and ``found_in`` names it; the member's missing-element finding for it is retired. An attachment it
cites that is in the family (by label, title, or as the family's one document of the kind it names) is no longer
absent: its finding is retired and the elements it stood for take the attachment's states; one the family lacks is
reported once. An element no member holds is reported once, on the principal (else the first member that
reports it). Retired findings stay in the result, suppressed with the reason, as baselined findings do.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msalint.families.card import cited_label, cited_title
from msalint.families.detect import Family, Member, resolve
from msalint.model import DocumentResult

FAMILY_REASON = "family"  # suppressed reasons start with this word
_RANK = {"present": 0, "incomplete": 1, "referenced": 2, "missing": 3, "not_applicable": 4}
_LACKING = ("missing", "referenced", "not_applicable")
_HELD = ("present", "incomplete")


def apply_family(family: Family, results: dict[str, DocumentResult]) -> None:
    """Merge the element states of ``family``'s members (``results`` by path, updated in place)."""
    members = [results[p] for p in family.members if p in results and _checked(results[p])]
    if len(members) < 2:
        return
    for r in members:
        own = r.meta.get("family", {}).get("own_elements", r.elements)
        r.meta["family"] = {**family.to_dict(), "role": "principal" if r.path == family.principal else "member",
                            "own_elements": dict(own), "found_in": {}}
    _resolve_attachments(family, members)
    best = _best_states(members)
    for r in members:
        for element, state in r.elements.items():
            held = best.get(element)
            if state in _LACKING and held is not None and held[0] in _HELD and held[1] != r.path:
                r.elements[element] = held[0]
                r.meta["family"]["found_in"][element] = held[1]
    _report_missing_once(family, members, best)


def _checked(result: DocumentResult) -> bool:
    return not result.error and not result.skipped


def _best_states(members: list[DocumentResult]) -> dict[str, tuple[str, str]]:
    best: dict[str, tuple[str, str]] = {}
    for r in members:
        for element, state in r.elements.items():
            if element not in best or _RANK.get(state, 9) < _RANK.get(best[element][0], 9):
                best[element] = (state, r.path)
    return best


def _resolve_attachments(family: Family, members: list[DocumentResult]) -> None:
    """An attachment a member cites that is in the family: its finding retires, its elements take its states. One
    the family lacks is reported once, by the first member (principal first) that cites it."""
    group = [Member(r.path, (r.kind or {}).get("kind", ""), r.meta.get("family_card") or {}) for r in members]
    by_path = {r.path: r for r in members}
    reported: dict[str, str] = {}  # absent attachment -> the member whose finding reports it for the family
    for citing, r in sorted(zip(group, members), key=lambda pair: pair[0].path != family.principal):
        for attachment in citing.card.get("attachments", []):
            finding = next((f for f in r.findings if f.fingerprint == attachment["fingerprint"] and not f.suppressed),
                           None)
            if finding is None:
                continue
            target = _attachment_in(attachment, citing, group)
            if target is not None:
                _retire(finding, r, by_path[target.path])
            elif reported.setdefault(attachment["cite"], r.path) != r.path:
                # the citation as written (label and title, or web address): two members' bare "Schedule 1" may
                # each be their own schedule
                finding.suppressed = f"{FAMILY_REASON}: reported once, on {Path(reported[attachment['cite']]).name}"


def _attachment_in(attachment: dict, citing: Member, group: list[Member]) -> Member | None:
    """The member a cited attachment is: the one its label or title names, else, among the family's few documents,
    the one whose name holds every word of the cited title ("Exhibit B (Service Levels)" is the "Service Level
    Agreement"), else the one document of the kind the citation names ("the SLA at https://…")."""
    target = resolve(attachment["cite"], citing, group)
    others = [m for m in group if m.path != citing.path]
    words = _words(cited_title(attachment["cite"])) if cited_label(attachment["cite"]) else set()
    if target is None and words:
        named = [m for m in others if any(words <= _words(name) for name in m.card.get("names", []))]
        target = named[0] if len(named) == 1 else None
    if target is None and attachment.get("kind"):
        of_kind = [m for m in others if m.kind == attachment["kind"]]
        target = of_kind[0] if len(of_kind) == 1 else None
    return target


def _words(title: str) -> set[str]:
    """The words of a title, plurals folded ("levels" is "level")."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in re.findall(r"[a-z0-9]+", title.lower())}


def _retire(finding, citing: DocumentResult, held: DocumentResult) -> None:
    finding.suppressed = f"{FAMILY_REASON}: {Path(held.path).name} is in this family"
    for element in finding.details.get("elements", []):
        citing.elements[element] = held.elements.get(element, "missing")
        if citing.elements[element] in _LACKING:
            citing.elements[element] = "missing"
        else:
            citing.meta["family"]["found_in"][element] = held.path


def _report_missing_once(family: Family, members: list[DocumentResult], best: dict[str, tuple[str, str]]) -> None:
    """Missing-element findings: none when another member holds the element, else only one in the family."""
    ordered = sorted(members, key=lambda r: r.path != family.principal)
    reported: dict[str, str] = {}  # element -> the member whose finding reports it for the family
    for r in ordered:
        own = r.meta["family"]["own_elements"]
        for f in r.findings:
            if f.start is not None or not f.element or f.suppressed or own.get(f.element) not in _LACKING:
                continue
            held = best.get(f.element)
            if held is not None and held[0] in _HELD and held[1] != r.path:
                f.suppressed = f"{FAMILY_REASON}: {f.element.replace('_', ' ')} is in {Path(held[1]).name}"
            elif reported.setdefault(f.element, r.path) != r.path:
                f.suppressed = f"{FAMILY_REASON}: reported once, on {Path(reported[f.element]).name}"


def family_summary(result: DocumentResult) -> dict[str, Any] | None:
    """The family object of a result (name, principal, members, found_in), without the working fields."""
    family = (result.meta or {}).get("family")
    if not family:
        return None
    return {k: v for k, v in family.items() if k not in ("own_elements", "links")}
