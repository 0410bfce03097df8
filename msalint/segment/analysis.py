"""analyse(): Document -> Analysis (clauses, sentences, definitions, cross-references, spaCy tokens)."""
from __future__ import annotations

from dataclasses import replace

from msalint.model import Analysis, Document, XRef, clause_locator
from msalint.segment.candidates import Candidate
from msalint.segment.clauses import build_clauses
from msalint.segment.definitions import find_definitions
from msalint.segment.emphasis import blank_emphasis
from msalint.segment.labels import ZERO_WIDTH_TO_SPACE
from msalint.segment.sentences import BREAKS_KEY, sentence_breaks, sentence_spans, split_at_breaks
from msalint.segment.xrefs import find_xrefs


def analyse(document: Document) -> Analysis:
    """Segment ``document``: clause tree, sentences, defined terms, cross-references and the spaCy Doc."""
    from msalint.segment.nlp import get_nlp

    clauses, accepted = build_clauses(document)  # on the raw text: "**2. Fees**" is a caption
    if document.format == "md":
        document = replace(document, text=blank_emphasis(document.text))
    nlp = get_nlp()
    doc = nlp.make_doc(document.text)
    breaks = sentence_breaks(document.text, _break_offsets(document, accepted))
    doc.user_data[BREAKS_KEY] = breaks
    doc = nlp(doc)
    clause_at = clause_locator(clauses)
    label_starts = {c.start for c in clauses}
    scan = document.text.translate(ZERO_WIDTH_TO_SPACE)  # same length, so offsets are unchanged
    return Analysis(
        document=document,
        clauses=clauses,
        sentences=split_at_breaks(sentence_spans(doc), breaks, document.text),
        definitions=find_definitions(scan, clause_at),
        xrefs=_original_text(find_xrefs(scan, clauses, clause_at, label_starts), document.text),
        tokens=doc,
    )


def _original_text(xrefs: list[XRef], text: str) -> list[XRef]:
    """Cross-reference texts as they are in the document (the scan replaced zero-width spaces)."""
    return [x if text[x.start:x.end] == x.text else XRef(text[x.start:x.end], x.target, x.clause, x.resolved,
                                                            x.start, x.end) for x in xrefs]


def _break_offsets(document: Document, accepted: list[Candidate]) -> list[int]:
    """Block starts, clause starts and the first character after a caption-only line."""
    offsets = [b.start for b in document.blocks]
    text = document.text
    for c in accepted:
        line_start = text.rfind("\n", 0, c.start) + 1
        markup_only = not text[line_start:c.start].strip(" \t#>*")
        offsets.append(line_start if markup_only else c.start)  # "## 1. Fees" is one sentence start
        if c.whole_line:
            offsets.append(c.line_end)
    return offsets
