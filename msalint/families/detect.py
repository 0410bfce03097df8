"""Which documents form one agreement: declared families, and files in one folder that cite each other by title.

A citation links two documents when it names the other one: by its attachment label ("Schedule 2"; in a folder of
more than ``DEAL_SIZE`` documents, a portfolio, only between documents naming a common party), by a title
close enough to one of its names (rapidfuzz) when the two share a party or the citation gives the other's date
("the Services Agreement dated 1 January 2004": a title alone is not specific), or, for a document that hangs off
another ("this Schedule forms part of the Agreement"), by the kind it names when the folder (in a portfolio: its
documents naming a common party) holds exactly one document of that kind. Documents whose openings name parties must share one: two agreements with the same title
between different parties are not one family. One document filed in parts ("Part 1", "(2 of 2)") is one family.
The principal is the agreement the others point to (else the most cited document).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from msalint.families.card import cited_label, cited_title, is_generic

DEAL_SIZE = 25  # documents in a folder up to which it is taken for one deal (more: a portfolio of filings)
TITLE_MATCH = 90  # rapidfuzz token_sort_ratio from which a cited title names a document
DETECTED = "detected"
_COMPANY_FORM = re.compile(r"\s+(inc|ltd|limited|llc|l\.l\.c|llp|plc|corp|corporation|gmbh|ag|s\.a|sas|b\.v|n\.v|pty"
                           r"|co|company|ab|oy|se)\.?$")
_ROMAN_PARTS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "one": 1, "two": 2, "three": 3}
# a part marker in a file name: "Part 2", "_Part2", "Pt. II", "(2 of 3)"
_PART = re.compile(r"(?:^|[\s_.-])(?:part|pt\.?)[\s_-]*(?P<number>\d{1,2}|i{1,3}|iv|v|one|two|three)(?![a-z\d])"
                   r"|\(\s*(?P<of>\d{1,2})\s+of\s+\d{1,2}\s*\)", re.IGNORECASE)
_ATTACHMENT_WORD = re.compile(r"\b(schedule|exhibit|appendix|annex|attachment|addendum|amendment)\b", re.IGNORECASE)
_ATTACHMENT_TITLE_WORDS = 5  # "This Product License Schedule ...": a title says what it is in its first words
_NAMES_AN_AGREEMENT = re.compile(r"\b(agreement|contract|terms|conditions|msa)\b")


@dataclass(frozen=True, slots=True)
class Member:
    """A document that may belong to a family: its path, kind and family card."""

    path: str
    kind: str
    card: dict[str, Any]

    @property
    def folder(self) -> str:
        return str(Path(self.path).parent)


@dataclass(slots=True)
class Family:
    """Documents read as one agreement."""

    name: str
    members: list[str]
    principal: str
    source: str = DETECTED  # 'detected', a config file or 'command line'
    links: list[dict[str, str]] = field(default_factory=list)  # who cites whom, and with which words

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "source": self.source, "principal": self.principal, "members": list(self.members),
                "links": list(self.links)}


@dataclass(frozen=True, slots=True)
class Declared:
    """A family named by configuration or the command line: its members, in order."""

    name: str
    paths: tuple[str, ...]
    source: str


def detect(members: Iterable[Member], declared: Iterable[Declared] = (), *, automatic: bool = True) -> list[Family]:
    """The families among ``members``: every declared one, then (when ``automatic``) those found by citations
    among the remaining documents of each folder. Only families of two or more documents are returned."""
    by_path = {m.path: m for m in members}
    families: list[Family] = []
    taken: set[str] = set()
    for spec in declared:
        paths = [p for p in dict.fromkeys(spec.paths) if p in by_path and p not in taken]
        if len(paths) >= 2:
            group = [by_path[p] for p in paths]
            links = _links(group)
            families.append(Family(spec.name, paths, _principal(group, links), spec.source, links))
            taken.update(paths)
    if automatic:
        folders: dict[str, list[Member]] = {}
        for m in by_path.values():
            if m.path not in taken and m.kind != "not_contract":
                folders.setdefault(m.folder, []).append(m)
        for group in folders.values():
            families.extend(_detected(group))
    return families


def _detected(group: list[Member]) -> list[Family]:
    links = _links(group)
    parent = {m.path: m.path for m in group}

    def root(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for link in links:
        parent[root(link["from"])] = root(link["to"])
    components: dict[str, list[Member]] = {}
    for m in group:
        components.setdefault(root(m.path), []).append(m)
    out = []
    for component in components.values():
        if len(component) < 2:
            continue
        paths = {m.path for m in component}
        inner = [link for link in links if link["from"] in paths]
        principal = _principal(component, inner)
        card = next(m.card for m in component if m.path == principal)
        name = card.get("title") or Path(principal).stem
        out.append(Family(name, [m.path for m in component], principal, DETECTED, inner))
    return out


def _links(group: list[Member]) -> list[dict[str, str]]:
    """Every citation in ``group`` that names another document of the group, then the parts of split documents."""
    out: list[dict[str, str]] = []

    def add(source: str, target: str, cite: str, how: str) -> None:
        if not any(o["from"] == source and o["to"] == target for o in out):
            out.append({"from": source, "to": target, "cite": cite, "by": how})

    for m in group:
        for cite in m.card.get("cites", []):
            found = resolve_how(cite, m, group)
            if found is not None:
                add(m.path, found[0].path, cite, found[1])
    for part, first, marker in split_parts(group):
        add(part.path, first.path, marker, "split")
    return out


def resolve(cite: str, citing: Member, group: list[Member]) -> Member | None:
    """The one document of ``group`` (other than ``citing``) that ``cite`` names, or None."""
    found = resolve_how(cite, citing, group)
    return found[0] if found else None


def resolve_how(cite: str, citing: Member, group: list[Member]) -> tuple[Member, str] | None:
    """The document ``cite`` names and how: by its attachment ``label``, by the ``kind`` a generic citation names,
    or by ``title``."""
    candidates = [m for m in group if m.path != citing.path and _same_parties(citing, m)]
    label = cited_label(cite)
    if label:
        labelled = [m for m in candidates if m.card.get("label") == label]
        if len(group) > DEAL_SIZE:  # in a portfolio every filing has its "Schedule A": only one of the same parties
            labelled = [m for m in labelled if _party_keys(m) & _party_keys(citing)]
        if len(labelled) == 1:
            return labelled[0], "label"
    named = cite
    cite = _without_party_names(cite, citing)  # "the Giant Swarm Terms" names the terms, not the company
    if is_generic(cite):
        # a complete agreement says "the Agreement" of itself; a document that hangs off another names its parent
        # agreement by kind ("forms part of the Agreement"), while "each Order Form" names no particular file
        if citing.kind == "agreement" or not _names_an_agreement(cited_title(cite)):
            return None
        of_kind = [m for m in candidates if m.kind == "agreement"]
        if len(of_kind) > 1 or len(group) > DEAL_SIZE:  # the one agreement between the same parties, if only one is
            of_kind = [m for m in of_kind if _party_keys(m) & _party_keys(citing)]
        return (of_kind[0], "kind") if len(of_kind) == 1 else None
    title = cited_title(cite)
    if not title:
        return None
    # a title alone is not specific: many documents are called "Services Agreement". It names a member when the two
    # share a party, or when the citation gives the date the member's opening gives
    dates = set(citing.card.get("cite_dates", {}).get(named, []))
    candidates = [m for m in candidates if _party_keys(m) & _party_keys(citing) or dates & set(m.card.get("dates", []))]
    scored = [(score, m) for m in candidates if (score := _title_score(title, m)) >= TITLE_MATCH]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    top = [m for score, m in scored if score == best]
    return (top[0], "title") if len(top) == 1 else None


def split_parts(group: list[Member]) -> list[tuple[Member, Member, str]]:
    """Later parts of one document filed in parts ("MSA Part 1.pdf", "MSA Part 2.pdf", "MSA (2 of 2).pdf"), each
    with the first part and its marker. A later part continues the first: it has no parties of its own, or shares
    one with the first part."""
    stems: dict[str, list[tuple[int, Member]]] = {}
    for m in group:
        found = _PART.search(Path(m.path).stem)
        if found:
            stem = (Path(m.path).stem[:found.start()] + Path(m.path).stem[found.end():]).strip(" _-.").lower()
            stems.setdefault(stem, []).append((_part_number(found), m))
    out = []
    for parts in stems.values():
        numbers = [n for n, _ in parts]
        if len(parts) < 2 or len(set(numbers)) != len(numbers) or 1 not in numbers:
            continue
        first = next(m for n, m in parts if n == 1)
        for n, m in sorted(parts, key=lambda p: p[0]):
            if n != 1 and (not m.card.get("parties") or _party_keys(m) & _party_keys(first)):
                out.append((m, first, f"part {n}"))
    return out


def _part_number(found: re.Match) -> int:
    number = (found.group("number") or found.group("of")).lower()
    return int(number) if number.isdigit() else _ROMAN_PARTS.get(number, 0)


def _title_score(title: str, member: Member) -> float:
    """How well a cited title names the member: 100 when it is the start of one of its names ("the Standard Terms"
    of "Standard Terms of Service"), else rapidfuzz's token_sort_ratio (word order and small spelling changes)."""
    from rapidfuzz import fuzz

    def score(name: str) -> float:
        if len(title.split()) >= 2 and (name + " ").startswith(title + " "):
            return 100.0
        return fuzz.token_sort_ratio(title, name)

    return max(map(score, member.card.get("names", [])), default=0.0)


def _names_an_agreement(title: str) -> bool:
    from msalint.classify import title_kind

    return title_kind(title) in (None, "agreement") and bool(_NAMES_AN_AGREEMENT.search(title))


def _same_parties(a: Member, b: Member) -> bool:
    """False only when both openings name parties and none is shared."""
    pa, pb = _party_keys(a), _party_keys(b)
    return not (pa and pb) or bool(pa & pb)


def _without_party_names(cite: str, citing: Member) -> str:
    """The citation without a leading party name of the citing document."""
    for party in sorted(_party_keys(citing), key=len, reverse=True):
        if party and cite.startswith(party + " "):
            return cite[len(party) + 1:]
    return cite


def _party_keys(m: Member) -> set[str]:
    return {_COMPANY_FORM.sub("", p.replace(",", "")) for p in m.card.get("parties", [])}


def _principal(group: list[Member], links: list[dict[str, str]]) -> str:
    """The agreement most cited by the others, else the most cited document, else the first agreement; a document
    whose title says it is an attachment ("Schedule A", "This Product Schedule is issued under ...") comes after."""
    cited = Counter(link["to"] for link in links)
    order = {m.path: i for i, m in enumerate(group)}
    return min(group, key=lambda m: (m.kind != "agreement", _hangs_off(m), -cited[m.path], order[m.path])).path


def _hangs_off(m: Member) -> bool:
    title = " ".join((m.card.get("title") or "").split()[:_ATTACHMENT_TITLE_WORDS])
    return m.card.get("label") is not None or bool(_ATTACHMENT_WORD.search(title))
