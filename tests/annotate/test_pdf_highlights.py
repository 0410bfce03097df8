"""`msalint annotate` on PDF: a highlight per finding on its page, over exactly its words; notes on page 1."""
from __future__ import annotations

import hashlib

import pypdfium2
import pytest
from fpdf import FPDF
from pypdf import PdfReader

from msalint.annotate.pdf_highlights import _squeezed, annotate_pdf
from msalint.annotate.pipeline import lint_for_annotation

PAGES = [
    ["MANAGED SERVICES AGREEMENT",
     "1. Services",
     "1.1 Provider will use best efforts to restore the hosted service.",
     "1.2 Provider may provide a monthly report and/or a quarterly review."],
    ["2. Support",
     "2.1 Provider will respond promptly to each incident and will fix faults",
     "promptly after diagnosis, and the escalation contact is [TBD].",
     "2.2 Customer shall pay within fifteen (30) days of the invoice date."],
]


def make_pdf(path):
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for lines in PAGES:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, config_with_style):
    folder = tmp_path_factory.mktemp("pdf")
    source = make_pdf(folder / "msa.pdf")
    original = source.read_bytes()
    linted = lint_for_annotation(source, config_with_style)
    out = folder / "msa.annotated.pdf"
    outcome = annotate_pdf(source, out, linted)
    return source, original, out, linted, outcome


def annotations(path, subtype):
    reader = PdfReader(str(path))
    found = []
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot["/Subtype"] == subtype:
                found.append((number, annot))
    return found


def covered_text(path, page_number, quads) -> str:
    """Text-layer characters whose box centre lies inside one of the quads, in reading order."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        textpage = pdf[page_number - 1].get_textpage()
        rects = [(min(q[0::2]), min(q[1::2]), max(q[0::2]), max(q[1::2]))
                 for q in (quads[i:i + 8] for i in range(0, len(quads), 8))]
        chars = []
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            x, y = (left + right) / 2, (bottom + top) / 2
            if right > left and any(r[0] <= x <= r[2] and r[1] <= y <= r[3] for r in rects):
                chars.append(textpage.get_text_range(i, 1))
        return "".join(chars)
    finally:
        pdf.close()


def test_input_is_unchanged_and_a_prefix_of_the_output(annotated):
    source, original, out, _, _ = annotated
    assert source.read_bytes() == original
    assert out.read_bytes().startswith(original)  # an incremental update


def test_output_opens_in_pdfium_and_pypdf(annotated):
    _, _, out, _, _ = annotated
    pdf = pypdfium2.PdfDocument(str(out))
    try:
        assert len(pdf) == 2
        assert "best efforts" in pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert len(PdfReader(str(out)).pages) == 2


def test_one_highlight_per_finding_with_a_span_on_its_page_over_its_words(annotated):
    _, _, out, linted, outcome = annotated
    spans = [f for f in linted.findings if f.start is not None]
    highlights = annotations(out, "/Highlight")
    assert len(spans) >= 5 and not outcome.not_found
    assert len(highlights) == len(spans) == outcome.highlights
    unmatched = list(highlights)
    for finding in spans:
        words, _ = _squeezed(linted.document.text[finding.start:finding.end])
        match = next(((n, a) for n, a in unmatched if a["/Subj"] == finding.rule and n == finding.page
                      and _squeezed(covered_text(out, n, [float(q) for q in a["/QuadPoints"]]))[0] == words), None)
        assert match is not None, (finding.rule, finding.page, words)
        unmatched.remove(match)
        assert str(match[1]["/Contents"]).startswith(f"{str(finding.severity).upper()} {finding.rule}:")


def test_repeated_words_get_their_own_occurrence(annotated):
    _, _, out, linted, _ = annotated
    prompt = [a for n, a in annotations(out, "/Highlight") if "promptly" in str(a["/Contents"])]
    assert len(prompt) == 2
    tops = {round(float(a["/QuadPoints"][1])) for a in prompt}
    assert len(tops) == 2, "the two 'promptly' highlights are on different lines"


def test_missing_elements_are_notes_on_page_one(annotated):
    _, _, out, linted, outcome = annotated
    missing = [f for f in linted.findings if f.start is None]
    notes = annotations(out, "/Text")
    assert missing and len(notes) == len(missing) == outcome.notes
    assert {n for n, _ in notes} == {1}
    assert {str(a["/Subj"]) for _, a in notes} == {f.rule for f in missing}
    assert all(str(a["/T"]) == "msalint" for _, a in notes)


def test_every_highlight_has_a_popup(annotated):
    _, _, out, _, _ = annotated
    popups = annotations(out, "/Popup")
    assert len(popups) == len(annotations(out, "/Highlight"))
    assert all(a["/Parent"].get_object()["/Subtype"] == "/Highlight" for _, a in popups)


def test_input_hash_recorded_by_the_lint_matches(annotated):
    source, original, _, linted, _ = annotated
    assert linted.document.sha256 == hashlib.sha256(original).hexdigest()


@pytest.mark.shared
def test_cuad_pdfs_every_span_is_found_in_the_text_layer(shared, config, tmp_path):
    files = sorted((shared / "corpora" / "cuad-dev" / "pdf").glob("*.pdf"))[:2]
    if not files:
        pytest.skip("no CUAD PDFs")
    for source in files:
        linted = lint_for_annotation(source, config)
        outcome = annotate_pdf(source, tmp_path / "out.pdf", linted)
        spans = [f for f in linted.findings if f.start is not None]
        assert outcome.not_found == [], source.name
        assert len(annotations(tmp_path / "out.pdf", "/Highlight")) == len(spans)


def test_cli_annotates_a_pdf_beside_it_and_refuses_to_overwrite_it(tmp_path):
    from click.testing import CliRunner

    from msalint.cli import cli

    source = make_pdf(tmp_path / "msa.pdf")
    original = source.read_bytes()
    result = CliRunner().invoke(cli, ["annotate", str(source)])
    assert result.exit_code == 1, result.output  # findings at error severity, as `check`
    out = tmp_path / "msa.annotated.pdf"
    assert out.exists() and source.read_bytes() == original
    assert "highlight(s)" in result.stderr and "note(s) on page 1" in result.stderr
    assert annotations(out, "/Highlight")
    refused = CliRunner().invoke(cli, ["annotate", str(source), "-o", str(source)])
    assert refused.exit_code == 2 and source.read_bytes() == original


def test_oddities_of_the_input_pdf_stay_off_stderr(tmp_path):
    """pypdf logs what it reads past in a sloppy PDF (a repeated key, a wrong xref offset): not the user's news.
    A real process, because pytest's own logging handler would hide what a user's terminal shows."""
    import subprocess
    import sys

    source = make_pdf(tmp_path / "msa.pdf")
    source.write_bytes(source.read_bytes().replace(b"/Type /Catalog", b"/Type /Catalog /Type /Catalog", 1))
    out = tmp_path / "out.pdf"
    done = subprocess.run([sys.executable, "-m", "msalint", "annotate", str(source), "-o", str(out)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 1, done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith(f"{out}: ") and "highlight(s)" in done.stderr
    assert annotations(out, "/Highlight")
