"""Each rule kind on small agreement texts, through the real engine and the seed fixture pack."""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint.engine import lint_analysis
# these tests exercise the rule kinds on clause-sized snippets: each is linted as an agreement (kind="agreement")
from msalint.rulebook.loader import load_ruleset

from .helpers import analyse_text

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(extra=[FIXTURES], builtin=False, kind="agreement")


def lint(ruleset, rule_id, text):
    result = lint_analysis(analyse_text(text), ruleset.only(rule_id))
    assert not [f for f in result.findings if f.rule == "MSA-INTERNAL"], result.findings
    return result, [f for f in result.findings if f.rule == rule_id]


# ---- required

def test_required_missing_has_near_miss_details(ruleset):
    text = "1. Service Desk\nThe Provider runs a service desk.\n2. Fees\nThe Customer pays the fees.\n"
    result, findings = lint(ruleset, "TST-REQ-001", text)
    assert len(findings) == 1
    f = findings[0]
    assert f.start is None and f.clause is None and f.line is None
    assert set(f.details) == {"looked_in", "closest_clause", "closest_heading_score", "lacked"}
    assert f.details["closest_clause"].startswith("1 ")  # "Service Desk" is closer than "Fees"
    assert result.elements == {"service_levels": "missing"}


def test_required_negated_evidence_does_not_count(ruleset):
    _, findings = lint(ruleset, "TST-REQ-001", "No availability target is given by the Provider.")
    assert len(findings) == 1 and "negated" in findings[0].details["lacked"]
    _, findings = lint(ruleset, "TST-REQ-001", "The Provider commits to an availability target of 99.9% per month.")
    assert findings == []


def test_required_heading_alone_is_present_but_incomplete(ruleset):
    text = "1. Service Levels\nThe Provider shall keep the platform running well.\n"
    result, findings = lint(ruleset, "TST-REQ-001", text)
    assert result.elements["service_levels"] == "incomplete"
    assert findings and findings[0].message == "Service levels lack percentage, measurement window."
    assert findings[0].clause == "1" and findings[0].details["lacked"] == ["percentage", "measurement window"]


def test_required_lemma_phrase(ruleset):
    result, _ = lint(ruleset, "TST-REQ-001", "The availability targets of 99.5% apply in each calendar month.")
    assert result.elements["service_levels"] == "present"


def test_required_phrase_across_line_break(ruleset):
    result, _ = lint(ruleset, "TST-REQ-001", "The agreed service\nlevel is 99.9% availability each month.")
    assert result.elements["service_levels"] == "present"


def test_required_report_present_flags_once_per_document_naming_the_other_places(ruleset):
    text = "Liquidated damages apply to delays.\nFurther liquidated damages apply to outages."
    result, findings = lint(ruleset, "TST-REQ-002", text)
    assert len(findings) == 1 and result.elements == {"liquidated_damages": "present"}
    assert findings[0].start == 0 and findings[0].end == len("Liquidated damages")
    assert findings[0].details["also_at"] == ["line 2"] and findings[0].message.endswith("(also in line 2)")


# ---- forbidden

def test_forbidden_one_finding_per_hit_with_span(ruleset):
    text = "The Provider shall use best efforts.\nThe Customer shall use commercially reasonable efforts."
    _, findings = lint(ruleset, "TST-FRB-001", text)
    assert [text[f.start:f.end] for f in findings] == ["best efforts", "commercially reasonable efforts"]
    assert findings[1].line == 2 and findings[0].suggestion == "state a measurable obligation"
    assert findings[0].message == "'best efforts' sets a vague standard of performance."


def test_forbidden_unless_suppresses_in_same_sentence_only(ruleset):
    text = "Best efforts as defined in clause 1 apply. The Provider shall use best efforts."
    _, findings = lint(ruleset, "TST-FRB-001", text)
    assert len(findings) == 1 and findings[0].start == text.rindex("best efforts")


# ---- numeric

@pytest.mark.parametrize("text, flagged", [
    ("Invoices are payable within 60 days.", "60 days"),
    ("Invoices are payable within sixty (60) days of receipt.", "sixty (60) days"),
    ("Invoices are payable within 45 business days.", "45 business days"),  # 63 calendar days
    ("Invoices are payable within 2 days.", "2 days"),
    ("Invoices are payable within 30 days.", None),
    ("Invoices are payable within 4 weeks.", None),
])
def test_numeric_thresholds(ruleset, text, flagged):
    _, findings = lint(ruleset, "TST-NUM-001", text)
    assert [text[f.start:f.end] for f in findings] == ([flagged] if flagged else [])


def test_numeric_profile_and_threshold_override():
    text = "Invoices are payable within 40 days."
    for kwargs, expected in (({}, 0), ({"profile": "provider"}, 1), ({"thresholds": {"max_days": 35}}, 1)):
        rs = load_ruleset(extra=[FIXTURES], builtin=False, select=["TST-NUM-001"], kind="agreement", **kwargs)
        result = lint_analysis(analyse_text(text), rs)
        assert len(result.findings) == expected, kwargs


def test_numeric_nearest_value_to_anchor(ruleset):
    text = "Within 90 days of the Effective Date, the Provider shall invoice; each invoice is payable within 30 days."
    _, findings = lint(ruleset, "TST-NUM-001", text)
    assert findings == []


def test_numeric_unit_required_skips_section_numbers(ruleset):
    _, findings = lint(ruleset, "TST-NUM-001", "Payment is made as set out in Section 12 of this Agreement.")
    assert findings == []
    for dated in ("Payment is due on December 31, 2025.", "Payment is due on 31st March.", "Payment is due by 31/12."):
        _, findings = lint(ruleset, "TST-NUM-001", dated)
        assert findings == [], dated
    _, findings = lint(ruleset, "TST-NUM-001", "Payment is due within 30 of the invoice date.")
    assert len(findings) == 1 and "has no unit" in findings[0].message


# ---- conditional

def test_conditional_document_scope(ruleset):
    _, findings = lint(ruleset, "TST-CND-001", "The term shall automatically renew for one year.")
    assert len(findings) == 1 and "automatically renew" in findings[0].message
    _, findings = lint(ruleset, "TST-CND-001",
                       "The term shall automatically renew. Either party may stop it by notice given 60 days before expiry.")
    assert findings == []


def test_conditional_element_reference(ruleset):
    _, findings = lint(ruleset, "TST-CND-002", "1. Service Levels\nAvailability is 99.9% per month.\n")
    assert len(findings) == 1
    _, findings = lint(ruleset, "TST-CND-002",
                       "1. Service Levels\nAvailability is 99.9% per month. Fee reductions apply for misses.\n")
    assert findings == []


# ---- consistency

def test_priority_order_in_sentences_and_response_vs_resolution():
    rs = load_ruleset(extra=[FIXTURES], builtin=False, kind="agreement")
    text = ("The Provider shall respond to P1 incidents within 1 hour and to P2 incidents within 30 minutes. "
            "P1 incidents shall be resolved within 8 hours and P2 incidents within 24 hours.")
    _, findings = lint(rs, "TST-CON-001", text)
    assert len(findings) == 1 and "P1 response target (1 hour)" in findings[0].message


def test_priority_order_table_text():
    rs = load_ruleset(extra=[FIXTURES], builtin=False, kind="agreement")
    text = ("Priority | Response | Resolution\n"
            "Critical | 15 minutes | 4 hours\n"
            "High | 1 hour | 2 hours\n"
            "Medium | 4 hours | 1 business day\n")
    _, findings = lint(rs, "TST-CON-001", text)
    assert len(findings) == 1 and findings[0].message.startswith("P1 resolution target (4 hours)")


def test_dual_numerals_and_repeated_value(ruleset):
    _, findings = lint(ruleset, "TST-CON-002", "Notice of thirty (30) days; cure within ten (15) days.")
    assert len(findings) == 1 and findings[0].message == "'ten (15)': the words say 10, the digits say 15."
    _, findings = lint(ruleset, "TST-CON-003",
                       "Invoices are payable within 30 days. Fees are payable within 720 hours. Fees are payable in 60 days.")
    assert [f.message for f in findings] == ["Payment period 60 days differs from the earlier 30 days."]


# ---- structure

def test_unresolved_xrefs_skip_external(ruleset):
    text = "1. Scope\nSee Section 4 and Section 1. Section 7 of the DPA applies.\n"
    _, findings = lint(ruleset, "TST-STR-001", text)
    assert [text[f.start:f.end] for f in findings] == ["Section 4"]


def test_numbering_gaps_letters_and_numbers(ruleset):
    text = "1. Scope\nText.\n2. Fees\nText.\n4. Term\nText.\n"
    _, findings = lint(ruleset, "TST-STR-002", text)
    assert len(findings) == 1 and findings[0].message.startswith("Clause 4") and "expected 3" in findings[0].message


def _structure_rule(tmp_path, check):
    pack = tmp_path / f"{check}.yaml"
    pack.write_text(f"""rules:
  - id: TMP-STR-001
    title: t
    kind: structure
    check: {check}
    severity: info
    message: "{{term}}"
    rationale: r
    remediation: r
    examples: {{fail: [a], pass: [b]}}
""")
    return load_ruleset(extra=[pack], builtin=False, kind="agreement")


def test_unused_and_duplicate_definitions(tmp_path):
    text = ('"Services" means the managed services. "Fees" means the charges. '
            'The Provider performs the Services. "Services" means something else.')
    _, unused = lint(_structure_rule(tmp_path, "unused_terms"), "TMP-STR-001", text)
    assert [f.message for f in unused] == ["Fees"]
    _, dupes = lint(_structure_rule(tmp_path, "duplicate_definitions"), "TMP-STR-001", text)
    assert [f.message for f in dupes] == ["Services"]


def test_undefined_terms_conservative(tmp_path):
    rs = _structure_rule(tmp_path, "undefined_terms")
    used = "The Provider shall follow the Change Procedure. "
    _, findings = lint(rs, "TMP-STR-001", used * 3)
    assert [f.message for f in findings] == ["Change Procedure"]
    _, findings = lint(rs, "TMP-STR-001", used * 2)
    assert findings == []
    _, findings = lint(rs, "TMP-STR-001", '"Change Procedure" means the process in Schedule 2. ' + used * 3)
    assert findings == []


def test_undefined_terms_are_one_finding_naming_them_all(tmp_path):
    rs = _structure_rule(tmp_path, "undefined_terms")
    text = ("The Provider shall follow the Change Procedure. " * 3
            + "Credits are set by the Service Catalogue. " * 3 + "Fees follow the Rate Card. " * 3)
    _, findings = lint(rs, "TMP-STR-001", text)
    assert len(findings) == 1
    one = findings[0]
    assert one.message == ("3 terms are used as defined terms but never defined: 'Change Procedure', "
                           "'Service Catalogue', 'Rate Card'.")
    assert text[one.start:one.end] == "Change Procedure"
    assert [p["term"] for p in one.details["also_at"]] == ["Service Catalogue", "Rate Card"]


def _table_document(rows: list[list[str]]):
    """A Document whose text is a table given as DOCX-style table_cell blocks."""
    from msalint.model import Block, Document

    text, blocks = "Support table:\n", []
    blocks.append(Block(0, len(text) - 1, kind="paragraph", page=1))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            start = len(text)
            text += cell + "\n"
            blocks.append(Block(start, start + len(cell), kind="table_cell", page=2, cell=(0, r, c)))
    return Document(path="t.docx", format="docx", text=text, blocks=blocks, sha256="0" * 64, pages=2)


def test_priority_order_from_table_cells(ruleset):
    from .helpers import analyse_document

    doc = _table_document([["Severity", "Response Time", "Resolution Time"],
                           ["Severity 1", "2 hours", "8 hours"],
                           ["Severity 2", "1 hour", "2 business days"]])
    result = lint_analysis(analyse_document(doc), ruleset.only("TST-CON-001"))
    findings = [f for f in result.findings if f.rule == "TST-CON-001"]
    assert len(findings) == 1 and findings[0].message.startswith("P1 response target (2 hours)")
    assert findings[0].page == 2 and doc.text[findings[0].start:findings[0].end] == "2 hours"


def test_token_pattern_rule(tmp_path):
    pack = tmp_path / "tok.yaml"
    pack.write_text("""rules:
  - id: TMP-TOK-001
    title: may plus a duty verb
    kind: forbidden
    severity: info
    patterns: [{tokens: [{LOWER: may}, {LEMMA: {IN: [provide, respond, restore]}}]}]
    message: "'{match}' reads as optional."
    rationale: r
    remediation: r
    examples: {fail: [a], pass: [b]}
""")
    rs = load_ruleset(extra=[pack], builtin=False, kind="agreement")
    text = "The Provider may respond to tickets. The Provider may terminate. It may provides backups."
    _, findings = lint(rs, "TMP-TOK-001", text)
    assert [text[f.start:f.end] for f in findings] == ["may respond", "may provides"]


def test_duplicate_definitions_skip_pointers_and_other_exhibits(tmp_path):
    rs = _structure_rule(tmp_path, "duplicate_definitions")
    text = ('1. Definitions\n"Fees" means the charges. "Fees" has the meaning given in Schedule 1.\n'
            'Exhibit A Order Form\n"Fees" means the charges in this order.\n')
    _, findings = lint(rs, "TMP-STR-001", text)
    assert findings == []
    _, findings = lint(rs, "TMP-STR-001", '"Fees" means the charges. Later, "Fees" means the price.')
    assert [f.message for f in findings] == ["Fees"]


def test_numbering_gap_not_reported_when_label_is_inline(ruleset):
    text = "1. Scope\n1.1 Text; 1.2 more text.\n1.3 Hours\nText.\n"
    _, findings = lint(ruleset, "TST-STR-002", text)
    assert findings == []


def test_unresolved_xref_skipped_when_target_opens_an_inline_clause(ruleset):
    text = "1. Scope\nSee Section 1.2 and Section 1.7. 1.1 Hours. Text here. 1.2 Tools. Text.\n"
    _, findings = lint(ruleset, "TST-STR-001", text)
    assert [text[f.start:f.end] for f in findings] == ["Section 1.7"]


def test_lemma_phrase_matches_capitalised_inflections(ruleset):
    result, _ = lint(ruleset, "TST-REQ-001", "Availability Targets of 99.5% apply in each calendar month.")
    assert result.elements["service_levels"] == "present"


def test_nearest_value_by_binary_search_equals_the_scan():
    import random

    from msalint.rulebook.kinds.numeric import _nearest
    from msalint.values import Value

    rng = random.Random(7)
    for _ in range(300):
        spans = sorted((s, s + rng.randint(1, 12)) for s in rng.sample(range(200), rng.randint(0, 8)))
        found = [Value("duration", s, e, "x") for s, e in spans]
        start = rng.randint(0, 210)
        end = start + rng.randint(1, 10)
        starts = [v.start for v in found]
        assert _nearest(found, start, end, starts) == _nearest(found, start, end), (spans, start, end)
