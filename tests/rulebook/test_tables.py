"""Tables as evidence: Markdown pipe tables, DOCX tables and flattened PDF rows feed the priority
checks, `column` patterns of required rules, and each row is one unit (sentence) for scope and unless."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.ingest.text import document_from_text
from msalint.model import Document
from msalint.rulebook.context import LintContext
# these tests exercise the rule kinds on clause-sized snippets: each is linted as an agreement (kind="agreement")
from msalint.rulebook.loader import load_ruleset
from msalint.rulebook.tables import table_rows

from .helpers import analyse_document, analyse_text
from .test_qa_engine import pack

RULES = """
    - id: T-CON-001
      title: priority order
      kind: consistency
      check: priority_order
      message: "{priority} {metric} target ({value}) is slower than {other} ({other_value})."

    - id: T-CON-002
      title: response vs resolution
      kind: consistency
      check: response_vs_resolution
      message: "{priority} response ({value}) is longer than resolution ({other_value})."

    - id: T-SLA-004
      title: response times
      kind: required
      element: response_times
      patterns: [{column: [response, response time], value: duration}]
      message: "No response times."

    - id: T-FRB-001
      title: efforts
      kind: forbidden
      patterns: ["best efforts"]
      unless: ["within 4 hours"]
      message: "'{match}'"
"""

MARKDOWN = """# Schedule 2 - Service Levels

1. Incident targets:

| Priority | Description | Response time | Resolution time |
|---|---|---|---|
| P1 | Core network down | 30 minutes | 4 hours |
| P2 | Core network degraded | 15 minutes | 8 hours |
| P3 | Single user affected | 4 hours | 2 hours |
| P4 | Service request | next business day | reasonable time |
"""

FLAT = """1. Service Levels
Provider classifies incidents as follows.
Priority Response time Resolution time
P1 30 minutes 4 hours
P2 15 minutes 8 hours
P3 4 hours 2 hours
2. Fees
Customer pays monthly.
"""

EXPECTED = [
    ("T-CON-001", "P1 response target (30 minutes) is slower than P2 (15 minutes)."),
    ("T-CON-001", "P2 resolution target (8 hours) is slower than P3 (2 hours)."),
    ("T-CON-002", "P3 response (4 hours) is longer than resolution (2 hours)."),
]


@pytest.fixture(scope="module")
def rules_path(tmp_path_factory):
    return pack(tmp_path_factory.mktemp("rules"), RULES)


def _lint(rules_path, analysis, *ids):
    ruleset = load_ruleset(extra=[rules_path], builtin=False, kind="agreement")
    return lint_analysis(analysis, ruleset.only(*ids) if ids else ruleset)


def _docx_analysis(tmp_path) -> "tuple":
    docx = pytest.importorskip("docx")
    from msalint.api import read_document

    d = docx.Document()
    d.add_paragraph("1. Service Levels")
    d.add_paragraph("Provider classifies each incident on receipt.")
    table = d.add_table(rows=4, cols=3)
    for r, row in enumerate([("Priority", "Response", "Resolution"), ("Priority 1", "30 minutes", "4 hours"),
                             ("Priority 2", "15 minutes", "8 hours"), ("Priority 3", "4 hours", "2 hours")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("2. Fees")
    d.add_paragraph("Customer pays the monthly fee.")
    path = tmp_path / "sla.docx"
    d.save(path)
    document = read_document(str(path))
    return document, analyse_document(document)


def test_markdown_table_feeds_priority_checks(rules_path):
    analysis = analyse_text(MARKDOWN, "md")
    result = _lint(rules_path, analysis, "T-CON-001", "T-CON-002")
    assert sorted((f.rule, f.message) for f in result.findings) == EXPECTED
    p1 = next(f for f in result.findings if f.message.startswith("P1"))
    assert p1.line == 7 and p1.excerpt == "P1 | Core network down | 30 minutes | 4 hours"


def test_flattened_pdf_rows_feed_priority_checks(rules_path):
    result = _lint(rules_path, analyse_text(FLAT), "T-CON-001", "T-CON-002")
    assert sorted((f.rule, f.message) for f in result.findings) == EXPECTED
    assert all(f.clause == "1" for f in result.findings)


def test_docx_table_feeds_priority_checks_and_column_evidence(rules_path, tmp_path):
    document, analysis = _docx_analysis(tmp_path)
    result = _lint(rules_path, analysis, "T-CON-001", "T-CON-002", "T-SLA-004")
    messages = sorted((f.rule, f.message) for f in result.findings)
    assert messages == EXPECTED
    assert result.elements["response_times"] == "present"
    evidence = result.meta["element_evidence"]["response_times"]
    assert document.text[evidence["start"]:evidence["end"]] == "30 minutes"


@pytest.mark.parametrize("text, fmt, present", [
    (MARKDOWN, "md", True),
    (FLAT, "txt", True),
    ("| Service | Fee | Notice |\n|---|---|---|\n| Backup | USD 500 | 30 days |\n", "md", False),  # no response column
    ("| Priority | Response time |\n|---|---|\n| P1 | |\n| P2 | to be agreed |\n", "md", False),  # no durations
    ("Provider shall respond to incidents promptly.\n", "txt", False),
    ("Request          Response time     Fix\nHardware         4 hours           1 day\nSoftware         1 hour            4 hours\n",
     "txt", True),
], ids=["markdown", "flattened", "no-response-column", "no-durations", "prose", "space-aligned"])
def test_column_pattern_is_required_evidence(rules_path, text, fmt, present):
    result = _lint(rules_path, analyse_text(text, fmt), "T-SLA-004")
    assert result.elements["response_times"] == ("present" if present else "missing")
    assert [f.rule for f in result.findings] == ([] if present else ["T-SLA-004"])


def test_each_row_is_one_unit(rules_path):
    text = ("| Priority | Duty | Target |\n|---|---|---|\n| P1 | best efforts | within 4 hours |\n"
            "| P2 | best efforts | none |\n")
    analysis = analyse_text(text, "md")
    result = _lint(rules_path, analysis, "T-FRB-001")
    assert [f.line for f in result.findings] == [4]  # `unless` is checked in the hit's row only
    lctx = LintContext(analysis, load_ruleset(extra=[rules_path], builtin=False, kind="agreement"))
    row_start = text.index("| P2")
    assert lctx.sentence_span(row_start + 8) == (row_start, text.index("\n", row_start))


@pytest.mark.parametrize("text", [
    "Priority 1: response within 4 hours.\nPriority 2: response within 1 hour.\n",  # no header line
    "10.4 Resolution of Disputes\nNormal disputes go to the managers for 10 days\nHigh value disputes go to court\n",
])
def test_prose_lines_with_priorities_are_not_rows(text):
    assert table_rows(document_from_text(text)) == []


def test_pipe_rows_keep_empty_cells_aligned():
    document = Document(path="x", format="md", sha256="0", blocks=[],
                        text="| Priority | Response | Resolution |\n|---|---|---|\n| P1 | | 4 hours |\n")
    rows = table_rows(document)
    assert [r.header for r in rows] == [True, False, False] and rows[1].separator
    assert rows[2].text_cells == ["P1", "", "4 hours"]


def test_tab_separated_rows_but_not_tabbed_prose():
    table = "Priority\tResponse\tResolution\nP1\t30 minutes\t4 hours\nP2\t15 minutes\t8 hours\n"
    rows = table_rows(document_from_text(table))
    assert [r.text_cells for r in rows] == [["Priority", "Response", "Resolution"], ["P1", "30 minutes", "4 hours"],
                                            ["P2", "15 minutes", "8 hours"]]
    assert rows[0].header and not rows[1].header
    prose = ("1.1\tThe Provider shall provide the Services described in Schedule 1 to the Customer from the date\n"
             "1.2\tThe Customer shall pay the fees set out in Schedule 3 within thirty days of each invoice date\n")
    assert table_rows(document_from_text(prose)) == []


def test_space_aligned_columns_are_rows():
    table = ("Kind of call        Answer        Fix\n"
             "Hardware            4 hours       1 business day\n"
             "Password reset      1 hour        4 hours\n")
    rows = table_rows(document_from_text(table))
    assert [r.text_cells for r in rows] == [["Kind of call", "Answer", "Fix"], ["Hardware", "4 hours", "1 business day"],
                                            ["Password reset", "1 hour", "4 hours"]]
    assert rows[0].header and not rows[1].header
    assert rows[1].start == table.index("Hardware")


@pytest.mark.parametrize("text", [
    # two lines only: a signature block, not a table
    "Name:     Jane Roe\nTitle:    Director\n",
    # lines that do not line up into the same number of cells
    "Acme Ltd      London\nBeta GmbH     Berlin     Germany\nGamma SA      Paris\n",
    # prose with two spaces after a full stop
    "The Client pays monthly.  Fees are fixed.\nThe Supplier works.  It reports.\nAll is well.  Done.\n",
])
def test_space_aligned_text_that_is_no_table(text):
    assert table_rows(document_from_text(text)) == []
