"""Check required elements across a family: what one member holds satisfies the others.

For each member: an element it lacks (missing, referenced, not applicable) that another member holds takes that
member's state, and ``found_in`` names it; the member's missing-element finding for it is retired. An attachment it
cites that is in the family is no longer absent: its finding is retired and the elements it stood for take the
attachment's states. An element no member holds is reported once, on the principal (else the first member that
reports it). Retired findings stay in the result, suppressed with the reason, as baselined findings do.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

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
    """An attachment a member cites that is in the family: its finding retires, its elements take its states."""
    group = [Member(r.path, (r.kind or {}).get("kind", ""), r.meta.get("family_card") or {}) for r in members]
    by_path = {r.path: r for r in members}
    for citing, r in zip(group, members):
        for attachment in citing.card.get("attachments", []):
            target = resolve(attachment["cite"], citing, group)
            if target is None:
                continue
            held = by_path[target.path]
            for f in r.findings:
                if f.fingerprint == attachment["fingerprint"] and not f.suppressed:
                    f.suppressed = f"{FAMILY_REASON}: {Path(held.path).name} is in this family"
                    for element in f.details.get("elements", []):
                        r.elements[element] = held.elements.get(element, "missing")
                        if r.elements[element] in _LACKING:
                            r.elements[element] = "missing"
                        else:
                            r.meta["family"]["found_in"][element] = held.path


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
