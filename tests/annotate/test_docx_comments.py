"""`msalint annotate` on DOCX: one Word comment per finding, anchored on the finding's words, nothing else changed."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from docx_inspect import anchored_text, comments, count, part
from docxgen import W_NS, abstract_num, build_docx, deleted, ins, level, num, numbering, p, run, table

from msalint.annotate.docx_comments import annotate_docx
from msalint.annotate.pipeline import lint_for_annotation
from msalint.api import read_document
from msalint.cli import cli

BOLD_SENTENCE = "Provider will use best efforts to restore the hosted service."
EXISTING = (f'<w:commentRangeStart w:id="0"/>{run("The parties agree as follows.")}<w:commentRangeEnd w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r>')


def bold(text: str) -> str:
    return f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def agreement() -> bytes:
    """A small agreement with numbering, a table, tracked changes, an existing comment, header, footer, image."""
    body = [
        p("MANAGED SERVICES AGREEMENT"),
        p(EXISTING),
        p("Support", num=1, ilvl=0),
        p(bold(BOLD_SENTENCE), num=1, ilvl=1),
        p("Provider may provide a root-cause report after each incident.", num=1, ilvl=1),
        p("Customer shall pay each invoice ", ins("within thirty (30) days"), deleted(" at once"), ".",
          num=1, ilvl=1),
        p("Provider will notify Customer of outages promptly and the fee is [TBD].", num=1, ilvl=1),
        p("Provider may change the fees at any time in its sole discretion.", num=1, ilvl=1),
        table(["Priority", "Response"], ["P1", "Provider will respond as soon as possible."]),
    ]
    numbering_xml = numbering(abstract_num(1, level(0, "%1.", "decimal"), level(1, "%1.%2", "decimal")), num(1, 1))
    return build_docx(body, numbering_xml=numbering_xml, headers=[["Acme MSA draft"]], footers=[["Page footer"]],
                      comments=["Existing reviewer note"],
                      extra_parts={"word/media/image1.png": b"\x89PNG\r\n\x1a\nnot-really-an-image"})


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, config):
    folder = tmp_path_factory.mktemp("docx")
    source = folder / "msa.docx"
    source.write_bytes(agreement())
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    linted = lint_for_annotation(source, config)
    out = folder / "msa.annotated.docx"
    outcome = annotate_docx(source, out, linted)
    return source, out, linted, outcome, before


def test_input_bytes_are_unchanged(annotated):
    source, _, _, _, before = annotated
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_output_opens_and_text_is_unchanged(annotated):
    import docx

    source, out, _, _, _ = annotated
    document = docx.Document(str(out))
    assert any("best efforts" in para.text for para in document.paragraphs)
    assert read_document(out).text == read_document(source).text


def test_one_comment_per_finding(annotated):
    _, out, linted, outcome, _ = annotated
    notes = comments(out)
    assert len(linted.findings) >= 5
    assert len(notes) == len(linted.findings) == outcome.comments
    assert not outcome.unanchored
    for finding in linted.findings:
        assert any(text.startswith(f"{str(finding.severity).upper()} {finding.rule}: {finding.message}")
                   for text in notes.values()), finding.rule


def test_span_comments_sit_on_the_findings_words(annotated):
    _, out, linted, _, _ = annotated
    notes, anchors = comments(out), anchored_text(out)
    by_text = {}
    for cid, text in notes.items():
        by_text.setdefault(text.split("\n")[0], []).append(anchors[cid])
    checked = 0
    for finding in linted.findings:
        if finding.start is None:
            continue
        words = linted.document.text[finding.start:finding.end].strip()
        head = f"{str(finding.severity).upper()} {finding.rule}: {finding.message}"
        assert " ".join(words.split()) in [" ".join(a.split()) for a in by_text[head]], (finding.rule, words)
        assert " ".join(words.split()) in " ".join(finding.excerpt.split()).replace("…", "")
        checked += 1
    assert checked >= 4


def test_cut_runs_keep_their_formatting(annotated):
    from lxml import etree

    _, out, _, _, _ = annotated
    root = etree.fromstring(part(out, "word/document.xml"))
    w = f"{{{W_NS}}}"
    paragraph = next(para for para in root.iter(f"{w}p")
                     if "".join(t.text or "" for t in para.iter(f"{w}t")) == BOLD_SENTENCE)
    pieces = [r for r in paragraph.iter(f"{w}r") if r.find(f"{w}t") is not None]
    assert len(pieces) >= 3, "the bold run was cut before and after 'best efforts'"
    assert all(r.find(f"{w}rPr/{w}b") is not None for r in pieces)
    assert "".join(r.find(f"{w}t").text for r in pieces) == BOLD_SENTENCE


def test_everything_else_survives(annotated):
    source, out, _, _, _ = annotated
    for name in ("word/numbering.xml", "word/header1.xml", "word/footer1.xml", "word/media/image1.png"):
        assert part(out, name) == part(source, name)
    assert comments(out, author="t") == {"0": "Existing reviewer note"}
    for tag in ("ins", "del", "numPr", "tbl"):
        assert count(out, tag) == count(source, tag)
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None


def test_missing_elements_become_comments_on_the_title_or_a_heading(annotated):
    _, out, linted, _, _ = annotated
    anchors, notes = anchored_text(out), comments(out)
    missing = [f for f in linted.findings if f.start is None]
    assert missing
    headings = {"MANAGED SERVICES AGREEMENT", "Support"}
    for finding in missing:
        head = f"{str(finding.severity).upper()} {finding.rule}: {finding.message}"
        cid = next(c for c, t in notes.items() if t.startswith(head))
        assert anchors[cid].strip() in headings


def test_cli_writes_docx_and_refuses_the_input(tmp_path):
    source = tmp_path / "msa.docx"
    original = agreement()
    source.write_bytes(original)
    runner = CliRunner()
    result = runner.invoke(cli, ["annotate", str(source), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 1, result.output  # the agreement has error findings
    assert "comment(s)" in result.stderr
    assert (tmp_path / "out.docx").exists()
    for target in (source, tmp_path / "link.docx", tmp_path / "hard.docx"):
        if target.name == "link.docx":
            target.symlink_to(source)
        elif target.name == "hard.docx":
            os.link(source, target)
        result = runner.invoke(cli, ["annotate", str(source), "-o", str(target)])
        assert result.exit_code == 2
        assert "refusing" in result.stderr or "same file" in result.stderr
        assert result.stderr.count("\n") == 1
    assert source.read_bytes() == original


def test_default_output_name_and_no_leftover_temp_files(tmp_path):
    source = tmp_path / "msa.docx"
    source.write_bytes(agreement())
    CliRunner().invoke(cli, ["annotate", str(source), "-q"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["msa.annotated.docx", "msa.docx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_annotated_docx(annotated, tmp_path):
    _, out, _, _, _ = annotated
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / (out.stem + ".pdf")).stat().st_size > 1000


@pytest.mark.shared
def test_templates_keep_their_text_and_anchor_every_finding(shared, config, tmp_path):
    folder = shared / "corpora" / "templates"
    files = sorted(folder.glob("*.docx"))[:3]
    if not files:
        pytest.skip("no templates")
    for source in files:
        linted = lint_for_annotation(source, config)
        out = tmp_path / source.name
        outcome = annotate_docx(source, out, linted)
        assert read_document(out).text == linted.document.text, source.name
        assert len(comments(out)) == len(linted.findings) == outcome.comments, source.name
        anchors, notes = anchored_text(out), comments(out)
        spans = [f for f in linted.findings if f.start is not None]
        anchored_words = sorted(" ".join(anchors[c].split()) for c in notes)
        for finding in spans:
            words = " ".join(linted.document.text[finding.start:finding.end].split())
            assert words in anchored_words or any(words.startswith(a) or words.endswith(a) for a in anchored_words)
