"""Document families: several files that form one agreement (MSA + SLA schedule + order forms + SOWs + amendments).

A family is declared (``[[families]]`` in the config, ``--family`` on the command line) or detected: files in one
folder that cite each other by title (``detect``). Its members are checked together (``merge``): an element one
member holds satisfies the others, a cited attachment that is a member is no longer absent, and an element no member
holds is reported once. This runs after each document is linted (and cached) on its own, so a cached result never
depends on its siblings; ``msalint.session`` is the one place that calls it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from msalint.families.detect import Declared, Family, Member, detect
from msalint.families.merge import FAMILY_REASON, apply_family, family_summary

if TYPE_CHECKING:
    from msalint.config import FamilySpec
    from msalint.model import DocumentResult

__all__ = ["Declared", "Family", "FAMILY_REASON", "check_families", "declared_families", "families_of",
           "family_summary", "find_families", "link_families", "member_of"]


def member_of(result: "DocumentResult") -> Member | None:
    """The family member a linted document is, or None (unreadable, not a contract, or linted before cards)."""
    card = (result.meta or {}).get("family_card")
    if result.error or result.skipped or card is None:
        return None
    return Member(result.path, (result.kind or {}).get("kind", ""), card)


def declared_families(specs: Iterable["FamilySpec"], paths: Iterable[str]) -> list[Declared]:
    """Each declared family with the ``paths`` its globs match, in the order given."""
    paths = list(paths)
    return [Declared(spec.name, tuple(p for p in paths if spec.matches(p)), spec.source) for spec in specs]


def find_families(results: list["DocumentResult"], declared: Iterable[Declared] = (), *,
                  automatic: bool = True) -> list[Family]:
    """The families among ``results`` (nothing is changed)."""
    return detect([m for m in map(member_of, results) if m is not None], declared, automatic=automatic)


def check_families(families: list[Family], results: list["DocumentResult"]) -> None:
    """Check each family across its members (``results`` updated in place)."""
    by_path = {r.path: r for r in results}
    for family in families:
        apply_family(family, by_path)


def link_families(results: list["DocumentResult"], declared: Iterable[Declared] = (), *,
                  automatic: bool = True) -> list[Family]:
    """Find the families among ``results`` and check each across its members (``results`` updated in place)."""
    families = find_families(results, declared, automatic=automatic)
    check_families(families, results)
    return families


def families_of(results: Iterable["DocumentResult"]) -> list[dict]:
    """Each family the checked ``results`` belong to, once, in the order its first member appears: name, how it was
    found (``source``: 'detected', a config file or 'command line'), principal, members and ``links`` (who cites
    whom, with which words, and ``by`` what: label, title, kind or split parts)."""
    out: dict[tuple[str, str], dict] = {}
    for result in results:
        family = (result.meta or {}).get("family")
        if family and (family["name"], family["principal"]) not in out:
            out[(family["name"], family["principal"])] = {key: family[key] for key in
                                                          ("name", "source", "principal", "members", "links")}
    return list(out.values())
