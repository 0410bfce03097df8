"""Test helpers: turn agreement text into an Analysis (real segmenter when present, else a small fallback)."""
from __future__ import annotations

import re

from msalint.model import Analysis, Clause, Definition, Document, XRef

_HEADING = re.compile(r"^(?P<label>(?:\d+(?:\.\d+)*\.?|\([a-z]+\)|Schedule\s+[A-Z0-9]+))\s+(?P<heading>[A-Z][^\n.]{0,80}?)\.?\s*$", re.M)
_DEFINITION = re.compile(r"[\"“](?P<term>[A-Z][\w\- ]{1,60})[\"”]\s+(?:means|shall\s+mean)|\((?:the\s+)?[\"“](?P<term2>[A-Z][\w\- ]{1,60})[\"”]\)")
_XREF = re.compile(r"\b(?:Section|Clause)\s+(?P<target>\d+(?:\.\d+)*)")


def _real_analyse():
    try:
        from msalint.segment import analyse
        from msalint.ingest.text import document_from_text
    except ImportError:
        return None
    return lambda text, fmt: analyse(document_from_text(text, path="<example>", fmt=fmt))


def fallback_analysis(text: str, fmt: str = "txt") -> Analysis:
    """A minimal segmentation: numbered heading lines become clauses, spaCy sentences, quoted definitions."""
    from msalint.segment.nlp import get_nlp

    try:
        from msalint.ingest.text import document_from_text

        document = document_from_text(text, path="<example>", fmt=fmt)
    except ImportError:
        import hashlib

        document = Document(path="<example>", format=fmt, text=text, blocks=[], sha256=hashlib.sha256(text.encode()).hexdigest())
    text = document.text
    doc = get_nlp()(text)
    sentences = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    heads = list(_HEADING.finditer(text))
    clauses = []
    for i, m in enumerate(heads):
        label = m.group("label").rstrip(".")
        level = label.count(".") if label[0].isdigit() else 2
        parent = None
        if "." in label:
            parent = label.rsplit(".", 1)[0]
        end = len(text)
        for later in heads[i + 1:]:
            later_label = later.group("label").rstrip(".")
            later_level = later_label.count(".") if later_label[0].isdigit() else 2
            if later_level <= level:
                end = later.start()
                break
        clauses.append(Clause(id=label, heading=m.group("heading").strip(), level=level, parent=parent,
                              start=m.start(), end=end, label=m.group("label")))
    ids = {c.id for c in clauses}
    definitions = [Definition(term=m.group("term") or m.group("term2"), clause=None, start=m.start(), end=m.end())
                   for m in _DEFINITION.finditer(text)]
    xrefs = [XRef(text=m.group(0), target=m.group("target"), clause=m.group("target") if m.group("target") in ids else None,
                  resolved=m.group("target") in ids, start=m.start(), end=m.end()) for m in _XREF.finditer(text)]
    return Analysis(document=document, clauses=clauses, sentences=sentences, definitions=definitions,
                    xrefs=xrefs, tokens=doc)


def analyse_text(text: str, fmt: str = "txt") -> Analysis:
    """Analysis of agreement text with the project's segmenter, or the fallback until it exists."""
    real = _real_analyse()
    return real(text, fmt) if real else fallback_analysis(text, fmt)


def analyse_document(document: Document) -> Analysis:
    """Analysis of a ready-made Document (real segmenter, or the fallback over its text)."""
    try:
        from msalint.segment import analyse
    except ImportError:
        analysis = fallback_analysis(document.text, document.format)
        analysis.document = document
        return analysis
    return analyse(document)


def load_pack(folder, yaml_text: str, name: str = "pack.yaml"):
    """Write a rule pack into ``folder`` and load it alone (a RuleFileError propagates)."""
    from msalint.rulebook.loader import load_ruleset

    path = folder / name
    path.write_text(yaml_text, encoding="utf-8")
    return load_ruleset(extra=[path], builtin=False)


def write_deal(path, paragraphs: list[str]):
    """Write ``paragraphs`` as a generated Markdown, DOCX or PDF document, chosen by the suffix of ``path``."""
    from tests.ingest.docxgen import build_docx
    from tests.ingest.pdfgen import text_pdf

    if path.suffix == ".md":
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    elif path.suffix == ".docx":
        path.write_bytes(build_docx(paragraphs))
    else:
        text_pdf(path, paragraphs)
    return path
