"""The DOCX reader on real contract templates from ../shared, and against LibreOffice's rendering."""
from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from msalint.ingest.docx import read_docx

pytestmark = pytest.mark.shared

PLACEHOLDER = re.compile(r"\{[a-z0-9_]+\}")
TOP_LABEL = re.compile(r"^(\d+)\.$")


@pytest.fixture(scope="module")
def templates(shared: Path) -> dict[str, object]:
    paths = sorted((shared / "corpora" / "templates").glob("*.docx"))
    if not paths:
        pytest.skip("no DOCX templates in ../shared")
    return {path.name: read_docx(str(path), path.read_bytes()) for path in paths}


def _python_docx_view(path: Path) -> tuple[set[str], int]:
    """Placeholders in body and table text, and non-empty heading-styled body paragraphs, as python-docx sees
    them."""
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    headings = sum(1 for p in document.paragraphs
                   if p.text.strip() and p.style is not None and p.style.name.startswith(("Heading", "Title")))

    def walk_tables(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    walk_tables(cell.tables)

    walk_tables(document.tables)
    return set(PLACEHOLDER.findall("\n".join(texts))), headings


def test_every_template_reads_into_consistent_blocks(shared, templates):
    with_placeholders = 0
    for name, doc in templates.items():
        assert doc.format == "docx" and doc.blocks, name
        assert all("\n" not in doc.text[b.start:b.end] for b in doc.blocks), name
        assert doc.text.count("\n") == len(doc.blocks) - 1, name
        placeholders, headings = _python_docx_view(shared / "corpora" / "templates" / name)
        assert set(PLACEHOLDER.findall(doc.text)) == placeholders, name
        # every heading-styled paragraph is a heading; bold captions on a line of their own are headings too
        assert sum(1 for b in doc.blocks if b.kind == "heading") >= headings, name
        with_placeholders += bool(placeholders)
    assert with_placeholders >= 5


def test_no_template_comes_out_without_clauses(templates):
    from msalint.segment import analyse

    for name, doc in templates.items():
        clauses = analyse(doc).clauses
        headed = [c for c in clauses if c.heading]
        assert len(clauses) >= 5 and len(headed) >= 5, f"{name}: {len(clauses)} clauses, {len(headed)} headed"


def test_numbered_templates_get_their_outline(templates):
    numbered = {name: doc for name, doc in templates.items() if doc.meta["numbering_resolved"]}
    assert len(numbered) >= 5
    for name, doc in numbered.items():
        blocks = [b for b in doc.blocks if b.number]
        top = [int(m.group(1)) for b in blocks if b.level == 0 and (m := TOP_LABEL.match(b.number))]
        assert top == list(range(1, len(top) + 1)) and len(top) >= 5, f"{name}: top-level labels {top}"
        for b in blocks:
            line = doc.text[b.start:b.end]
            assert line.startswith(b.number), name
            if b.level == 1 and re.match(r"^\d+\.\d+$", b.number):
                parent = [t for t in blocks if t.level == 0 and t.start < b.start][-1]
                assert b.number.split(".")[0] + "." == parent.number, f"{name}: {b.number} under {parent.number}"
    numbered_headings = [name for name, doc in numbered.items()
                         if any(b.number for b in doc.blocks if b.kind == "heading")]
    assert len(numbered_headings) >= 4  # style-linked numbering on Heading styles


def _normalized_lines(text: str) -> list[str]:
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


@pytest.fixture(scope="module")
def libreoffice_text(shared: Path, tmp_path_factory) -> dict[str, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed")
    work = tmp_path_factory.mktemp("lo")
    paths = sorted((shared / "corpora" / "templates").glob("*.docx"))
    subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(work / "out"), *map(str, paths)],
        check=True, capture_output=True, timeout=300,
    )
    return {p.name: (work / "out" / (p.stem + ".txt")).read_text(encoding="utf-8-sig") for p in paths}


@pytest.mark.slow
def test_outline_matches_libreoffice_rendering(templates, libreoffice_text):
    """Numbered lines and all other lines agree with LibreOffice's own numbering and text export."""
    total_lines = agreed_lines = total_labels = agreed_labels = 0
    for name, doc in templates.items():
        theirs = _normalized_lines(libreoffice_text[name])
        ours = _normalized_lines(doc.text)
        labelled = {re.sub(r"\s+", " ", doc.text[b.start:b.end]).strip() for b in doc.blocks if b.number}
        numbered = {i for i, line in enumerate(ours) if line in labelled}
        matcher = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False)
        matched = {j for block in matcher.get_matching_blocks() for j in range(block.b, block.b + block.size)}
        total_lines += len(theirs)
        agreed_lines += len(matched)
        total_labels += len(numbered)
        agreed_labels += len(numbered & matched)
    assert total_labels > 500
    assert agreed_labels == total_labels, f"labels agreeing with LibreOffice: {agreed_labels}/{total_labels}"
    assert agreed_lines / total_lines > 0.98, f"lines agreeing with LibreOffice: {agreed_lines}/{total_lines}"
