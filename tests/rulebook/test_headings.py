"""Scoring a document's headings against a synonym list at once gives exactly the pairwise heading scores."""
from __future__ import annotations

from msalint.api import load_rules
from msalint.rulebook.headings import HEADING_CUTOFF, SynonymList, best_heading_match

HEADINGS = [
    "8. Service Levels", "SERVICE LEVEL AGREEMENT", "Sevice Levles", "Levels of Service", "Term and Termination",
    "Termination for Cause", "Limitation of Liability", "LIABILITY", "Fees; Payment Terms", "the", "", "  ",
    "ARTICLE IV - CONFIDENTIALITY", "Confidential Information", "Data Protection and Privacy", "Support",
    "Support and Maintenance Services", "Escalation Procedures", "Miscellaneous", "Insurance", "Warranties",
    "Indemnification", "Governing Law and Jurisdiction", "Notices", "Force Majeure", "Assignment",
]


def _synonym_lists() -> set[tuple[str, ...]]:
    ruleset = load_rules()
    rules = list(ruleset.rules) + [r for detectors in ruleset.element_rules.values() for r in detectors]
    lists = {tuple(r.compiled.headings) for r in rules if getattr(r.compiled, "headings", None)}
    return lists | {tuple(r.scope["headings"]) for r in rules if r.scope.get("headings")}


def test_best_scores_equal_the_pairwise_scores_for_every_rulebook_list():
    lists = _synonym_lists()
    assert len(lists) > 10
    matched = 0
    for synonyms in lists:
        expected = [best_heading_match(h, list(synonyms))[0] for h in HEADINGS]
        assert SynonymList(list(synonyms)).best_scores(HEADINGS) == expected, synonyms
        matched += sum(score >= HEADING_CUTOFF for score in expected)
    assert matched > 10  # the headings do match some lists, so both paths (containment, fuzzy) are exercised


def test_no_headings_and_no_synonyms():
    assert SynonymList(["Service Levels"]).best_scores([]) == []
    assert SynonymList([]).best_scores(["Service Levels"]) == [0.0]
