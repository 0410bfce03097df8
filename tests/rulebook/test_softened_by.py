"""`softened_by`: a missing element matters less when a neighbouring element is there. The finding goes one step
down and says why; without the softening element the gap keeps its severity. Unit cases on a small pack, then the
built-in MSA-GEN-001 (no governing law, but a forum) on generated DOCX, PDF and Markdown agreements."""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint import api
from msalint.engine import lint_analysis
from msalint.errors import RuleFileError
from msalint.model import Severity
from tests.ingest.docxgen import build_docx, p
from tests.ingest.pdfgen import text_pdf

from .helpers import analyse_text, load_pack

RULE = """
  - id: TST-SB-{n}
    title: {element}
    kind: required
    element: {element}
    severity: {severity}
    patterns: ["{words}"]{extra}
    message: No {element}.
    rationale: It matters.
    remediation: Add it.
    examples:
      fail: ["Provider shall perform the Services."]
      pass: ["Provider shall perform the Services and the {words} applies."]
"""
SOFT = "\n    softened_by: {elements: [forum], because: \"the named courts apply their own law\"}"


def pack(*rules: tuple[str, str, str, str, str]) -> str:
    return "rules:" + "".join(RULE.format(n=n, element=element, severity=severity, words=words, extra=extra)
                              for n, element, severity, words, extra in rules)


FORUM = ("001", "forum", "info", "exclusive jurisdiction", "")


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    return load_pack(tmp_path_factory.mktemp("sb"), pack(
        FORUM,
        ("002", "governing_law", "error", "governed by", SOFT),
        ("003", "choice_of_seat", "warning", "seat of arbitration", SOFT),
        ("004", "law_note", "info", "law note", SOFT)))


def findings(ruleset, text: str) -> dict[str, object]:
    it_deal = ruleset.with_kind(None, "it")  # subject grading aside: only the softening moves severities here
    return {f.rule: f for f in lint_analysis(analyse_text(text), it_deal).findings}


WITH_FORUM = "Provider shall host the platform. The courts of Oslo have exclusive jurisdiction over any dispute."
WITHOUT_FORUM = "Provider shall host the platform. Either party may raise a dispute in writing."


def test_each_softened_gap_goes_one_step_down_and_says_why(ruleset):
    found = findings(ruleset, WITH_FORUM)
    assert found["TST-SB-002"].severity is Severity.WARNING
    assert found["TST-SB-003"].severity is Severity.INFO
    assert found["TST-SB-004"].severity is Severity.INFO  # info is the floor
    law = found["TST-SB-002"]
    assert "Softened (forum present: the named courts apply their own law)" in law.message
    assert law.details["rule_severity"] == "error" and law.details["softened"].startswith("forum present")


def test_without_the_softening_element_the_gap_keeps_its_severity(ruleset):
    found = findings(ruleset, WITHOUT_FORUM)
    assert found["TST-SB-001"].severity is Severity.INFO  # the forum itself is missing
    assert found["TST-SB-002"].severity is Severity.ERROR
    assert found["TST-SB-003"].severity is Severity.WARNING
    assert "Softened" not in found["TST-SB-002"].message and "softened" not in found["TST-SB-002"].details


def test_an_element_that_is_there_gives_no_finding_to_soften(ruleset):
    found = findings(ruleset, WITH_FORUM + " This Agreement is governed by the laws of Norway.")
    assert "TST-SB-002" not in found


@pytest.mark.parametrize("extra, message", [
    ("\n    softened_by: {elements: [venue], because: \"x\"}",
     "key 'softened_by.elements': element 'venue' is not detected by any loaded required rule"),
    ("\n    softened_by: [forum]", "softened_by must be a mapping with 'elements'"),
    ("\n    softened_by: {elements: [governing_law], because: \"x\"}", "not by itself"),
])
def test_bad_declarations_are_load_errors(tmp_path, extra, message):
    with pytest.raises(RuleFileError) as err:
        load_pack(tmp_path, pack(FORUM, ("002", "governing_law", "error", "governed by", extra)))
    assert message in str(err.value) and "pack.yaml" in str(err.value)


def test_rule_shows_the_softening(ruleset):
    from msalint.cli.rules import rule_detail, rule_text

    rule = ruleset.get("TST-SB-002")
    assert "softened: one step down when the document has forum: the named courts apply their own law" \
        in rule_text(rule)
    assert rule_detail(rule)["softened_by"] == {"elements": ["forum"], "because": "the named courts apply their own law"}


# -- the built-in MSA-GEN-001 on generated documents -------------------------------------------------------------

OPENING = ("MANAGED HOSTING AGREEMENT",
           "This Managed Hosting Agreement is made between Fjord Cloud AS (\"Provider\") and Linden Retail Ltd "
           "(\"Customer\").",
           "1. Services. Provider shall host the Customer's web shop and operate its servers, backups and network.",
           "2. Fees. Customer shall pay the monthly hosting fee within thirty (30) days of the invoice date.")
# Three ways to name a forum without choosing a law: courts with exclusive jurisdiction (party names, active),
# disputes referred to a seat (passive, condition first) and a venue table row.
FORUMS = {
    "courts": "3. Disputes. The courts of Oslo shall have exclusive jurisdiction over any dispute between Fjord Cloud "
              "AS and Linden Retail Ltd.",
    "seat": "3. Disputes. If the parties cannot settle a dispute, it shall be finally resolved by arbitration seated "
            "in Stockholm.",
    "venue": "3. Venue. Each party submits to the exclusive jurisdiction of the courts of Ireland.",
}
NO_FORUM = "3. Disputes. The parties' managers shall meet to discuss any dispute."


def write(path: Path, paragraphs: tuple[str, ...]) -> Path:
    if path.suffix == ".docx":
        path.write_bytes(build_docx([p(text) for text in paragraphs]))
    elif path.suffix == ".pdf":
        text_pdf(path, list(paragraphs))
    else:
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def builtin():
    return api.load_rules()


def governing_law(path: Path, ruleset):
    return [f for f in api.lint_path(path, ruleset).findings if f.rule == "MSA-GEN-001"]


@pytest.mark.parametrize("suffix, forum", [(".docx", "courts"), (".pdf", "seat"), (".md", "venue")])
def test_a_forum_without_a_chosen_law_is_noted_not_negotiated(tmp_path, builtin, suffix, forum):
    found = governing_law(write(tmp_path / f"msa{suffix}", OPENING + (FORUMS[forum],)), builtin)
    assert len(found) == 1 and found[0].severity is Severity.INFO
    assert "forum present" in found[0].message


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".md"])
def test_no_law_and_no_forum_is_still_a_warning(tmp_path, builtin, suffix):
    found = governing_law(write(tmp_path / f"msa{suffix}", OPENING + (NO_FORUM,)), builtin)
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "Softened" not in found[0].message
