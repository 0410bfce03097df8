"""Segmentation on the real documents in ../shared (skipped when absent)."""
from __future__ import annotations

import re
from pathlib import Path


from msalint.api import read_document
from msalint.segment import analyse, is_external
from msalint.segment.captions import heading_key

CAPTIONED = re.compile(r"^Sections? (\d+)\.(\d+) \(([^()]+)\)$")


def _templates(shared: Path) -> list[Path]:
    return sorted((shared / "corpora" / "templates").glob("*.docx"))


def test_docx_captioned_references_resolve_to_matching_headings(shared):
    checked = 0
    for path in _templates(shared):
        analysis = analyse(read_document(path))
        ids = {c.id: c for c in analysis.clauses}
        for xref in analysis.xrefs:
            m = CAPTIONED.match(xref.text)
            if not m:
                continue
            number = f"{m.group(1)}.{m.group(2)}"
            if not any(i == m.group(1) or i.startswith(m.group(1) + ".") for i in ids):
                continue  # an order form citing the standard terms it sits on top of
            clause = ids.get(xref.target)
            assert xref.resolved and xref.target == number, (path.name, xref)
            own, caption = heading_key(clause.heading or ""), heading_key(m.group(3))
            assert own and (own in caption or caption in own), (path.name, xref.text, clause.heading)
            checked += 1
    assert checked >= 40


def test_docx_templates_have_numbered_trees(shared):
    path = shared / "corpora" / "templates" / "common-paper-cloud-service-agreement.docx"
    analysis = analyse(read_document(path))
    ids = {c.id: c for c in analysis.clauses}
    assert ids["8.4"].heading == "Exceptions" and ids["8.4"].parent == "8"
    assert ids["8"].heading == "Limitation of Liability"
    internal = [x for x in analysis.xrefs if not is_external(x)]
    assert internal and all(x.resolved for x in internal)


def test_cuad_pdfs_yield_paged_clause_trees(shared):
    pdfs = sorted((shared / "corpora" / "cuad-dev" / "pdf").glob("*.pdf"))[:3]
    assert pdfs
    for path in pdfs:
        document = read_document(path)
        analysis = analyse(document)
        numbered = [c for c in analysis.clauses if re.match(r"\d+(\.\d+)*$", c.id)]
        assert len(numbered) >= 5, path.name
        pages = [c.page for c in analysis.clauses]
        assert all(p is not None and 1 <= p <= document.pages for p in pages), path.name
        assert pages == sorted(pages), path.name
        top = [int(c.id) for c in numbered if c.parent is None and c.id.isdigit()]
        assert top[:3] == [1, 2, 3], (path.name, top)
