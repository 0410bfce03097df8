"""The classifier on invented documents of every kind, as Markdown, DOCX and PDF (generated here)."""
from __future__ import annotations

import pytest

from msalint.classify import KINDS, classify, cues

from .documents import ALL

CASES = [pytest.param(kind, i, id=f"{kind}-{i}") for kind, texts in ALL.items() for i in range(len(texts))]


def test_every_kind_has_invented_examples():
    assert set(ALL) == set(KINDS)
    assert all(len(texts) >= 2 for texts in ALL.values())


@pytest.mark.parametrize("kind, index", CASES)
def test_markdown_documents_are_classified_by_their_own_text(kind, index):
    result = classify(ALL[kind][index])
    assert result.kind == kind, (result.kind, result.scores)
    assert 0.3 <= result.confidence <= 0.99
    assert result.evidence, "the decision names the words that made it"


@pytest.mark.parametrize("kind, index", [c for c in CASES if c.values[1] == 0])
def test_docx_and_pdf_renderings_get_the_same_kind(tmp_path, kind, index):
    from msalint.api import read_document

    from ingest.docxgen import build_docx
    from ingest.pdfgen import text_pdf

    text = ALL[kind][index]
    paragraphs = [line for line in text.split("\n") if line.strip()]
    docx = tmp_path / f"{kind}.docx"
    docx.write_bytes(build_docx(paragraphs))
    pdf = text_pdf(tmp_path / f"{kind}.pdf", paragraphs)
    for path in (docx, pdf):
        assert classify(read_document(path).text).kind == kind, path.name


def test_evidence_points_at_the_title_line():
    result = classify(ALL["sla"][0])
    top = result.evidence[0]
    assert top.line == 1 and "SERVICE LEVEL AGREEMENT" in top.text and top.points["sla"] > 0
    assert "line 1" in result.reason()


def test_subject_is_it_only_with_it_vocabulary():
    assert classify(ALL["sla"][0]).subject == "it"
    consulting = ("CONSULTING AGREEMENT\n\nConsultant shall advise the Company on its marketing. The Company shall "
                  "pay the fee within 30 days. This Agreement is governed by the laws of Ohio.\n")
    result = classify(consulting)
    assert result.subject == "other" and result.subject_evidence == ()


def test_a_clause_quoted_alone_is_a_contract_but_a_readme_is_not():
    assert classify("Provider shall respond to incidents within four hours.").kind != "not_contract"
    assert classify("# Notes\n\nSee the wiki for how we store files.\n").kind == "not_contract"


def test_cue_file_names_only_known_kinds():
    table = cues()
    assert table.cues and all(set(c.points) <= set(KINDS) for c in table.cues)


def test_a_page_titled_as_an_sla_in_plain_words_is_an_sla_not_skipped():
    # front matter, then commitments in "we"/"you" that the contract-language count does not see
    page = ("---\ntitle: Lumen Status Service Level Agreement\n---\n\nOur goal is that the dashboard is reachable "
            "99.95% of every month. If it is not, write to billing within 30 days and a credit of 10% of that "
            "month's fee goes on your next invoice. Maintenance announced two days ahead is left out.\n")
    assert classify(page).kind == "sla"


def test_rule_command_shows_the_kinds_a_rule_applies_to():
    from click.testing import CliRunner

    from msalint.cli import cli

    result = CliRunner().invoke(cli, ["rule", "MSA-SLA-001"])
    assert result.exit_code == 0
    assert "applies to: agreement, sla; subject it" in result.stdout
