"""DOCX -> DOCX with one Word comment per finding (and, with ``suggest``, tracked changes for safe fixes).

Works on the package XML directly: every part other than the main document, its relationships, the
content types and the comments part is copied byte for byte, so numbering, styles, headers and footers,
images, existing comments and tracked changes are untouched. Comments are anchored through the ingest
layer's character map (``msalint.ingest.docx_trace``): runs are cut where a finding starts and ends
(formatting is copied to both halves), and the text of the document does not change.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from msalint.annotate.docx_runs import R, RPR, T, XML_SPACE, consecutive_runs, cut_after, cut_before, run_of
from msalint.annotate.notes import AUTHOR, INITIALS, missing_anchor, note_text
from msalint.annotate.output import OutputError, atomic_write
from msalint.annotate.pipeline import Linted
from msalint.ingest.docx_package import CT_NS, REL_NS, STRICT_W_NS, DocxPackage
from msalint.ingest.docx_trace import TextMap, trace_body
from msalint.ingest.docx_xml import W, W_NS
from msalint.model import Finding

COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


@dataclass(slots=True)
class DocxOutcome:
    """What was written: comments per finding, tracked edits, and findings that could not be anchored."""

    comments: int = 0
    edits: int = 0
    on_text: int = 0  # comments anchored on the finding's own words
    unanchored: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class _Plan:
    finding: Finding
    start: int
    end: int


def annotate_docx(source: str | Path, out: str | Path, linted: Linted, *, suggest: bool = False) -> DocxOutcome:
    """Write ``out``: the DOCX at ``source`` with msalint's findings as Word comments."""
    data = Path(source).read_bytes()
    package = DocxPackage(str(source), data)
    main = package.main_part
    raw = package.read(main)
    if raw is None or STRICT_W_NS in raw:
        raise OutputError(f"{source}: Word 'Strict Open XML' documents cannot be annotated; save as .docx first")
    root = _parse(raw)
    body = root.find(f"{W}body")
    text_map = trace_body(package, body)
    if text_map.text != linted.document.text:
        raise OutputError(f"{source}: the document changed while it was being checked; run again")

    outcome = DocxOutcome()
    plans = _plans(linted, text_map, outcome)
    edits = _fix_plans(linted, text_map) if suggest else []
    _cut_runs(text_map, {p.start for p in plans} | {p.end for p in plans}
              | {p.start for p in edits} | {p.end for p in edits})
    text_map = trace_body(package, body)  # every cut is now a run boundary

    comments_name, comments_root, created = _comments_part(package)
    ids = _IdCounter(root, comments_root)
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    for plan in plans:
        _add_comment(text_map, plan, comments_root, ids.next(), stamp)
        outcome.comments += 1
        outcome.on_text += plan.finding.start is not None
    for plan in edits:
        outcome.edits += _tracked_replace(text_map, plan, ids, stamp)

    changed = {main: _serialize(root), comments_name: _serialize(comments_root)}
    if created:
        changed.update(_register_comments_part(package, main, comments_name))
    atomic_write(out, _rezip(package, data, changed))
    return outcome


# ---- where each comment goes ---------------------------------------------------------------------------

def _plans(linted: Linted, text_map: TextMap, outcome: DocxOutcome) -> list[_Plan]:
    plans = []
    for finding in linted.findings:
        span = (finding.start, finding.end) if finding.start is not None else missing_anchor(finding, linted.analysis)
        trimmed = _mapped(text_map, *span) if span else None
        if trimmed is None and finding.start is not None:  # e.g. a span on a numbering label only
            span = missing_anchor(finding, linted.analysis)
            trimmed = _mapped(text_map, *span) if span else None
        if trimmed is None:
            outcome.unanchored.append(finding)
            continue
        plans.append(_Plan(finding, *trimmed))
    return plans


def _fix_plans(linted: Linted, text_map: TextMap) -> list[_Plan]:
    """Safe literal fixes whose characters all come from the document's runs."""
    plans = []
    for finding in linted.findings:
        fix = getattr(finding, "fix", None)
        if fix is None or fix.applicability != "safe":
            continue
        if all(text_map.sources[i] is not None for i in range(fix.start, fix.end)) and fix.end > fix.start:
            plans.append(_Plan(finding, fix.start, fix.end))
    return plans


def _mapped(text_map: TextMap, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) shrunk to characters that come from runs (numbering labels and newlines do not)."""
    sources = text_map.sources
    end = min(max(end, start + 1), len(sources))
    while start < end and (sources[start] is None or text_map.text[start].isspace()):
        start += 1
    while end > start and (sources[end - 1] is None or text_map.text[end - 1].isspace()):
        end -= 1
    return (start, end) if end > start else None


def _cut_runs(text_map: TextMap, cuts: set[int]) -> None:
    """Make every offset in ``cuts`` a run boundary; right to left, so earlier sources stay valid."""
    sources = text_map.sources
    for cut in sorted(cuts, reverse=True):
        before = sources[cut - 1] if 0 < cut <= len(sources) else None
        if before is not None:
            cut_after(*before)
        elif cut < len(sources) and sources[cut] is not None:
            cut_before(*sources[cut])


# ---- comments ------------------------------------------------------------------------------------------

def _add_comment(text_map: TextMap, plan: _Plan, comments_root, comment_id: int, stamp: str) -> None:
    first = run_of(text_map.sources[plan.start][0])
    last = run_of(text_map.sources[plan.end - 1][0])
    start_mark = first.makeelement(f"{W}commentRangeStart", {f"{W}id": str(comment_id)})
    end_mark = first.makeelement(f"{W}commentRangeEnd", {f"{W}id": str(comment_id)})
    first.addprevious(start_mark)
    last.addnext(end_mark)
    reference = first.makeelement(R, {})
    rpr = reference.makeelement(RPR, {})
    rpr.append(rpr.makeelement(f"{W}rStyle", {f"{W}val": "CommentReference"}))
    reference.append(rpr)
    reference.append(reference.makeelement(f"{W}commentReference", {f"{W}id": str(comment_id)}))
    end_mark.addnext(reference)
    comments_root.append(_comment_element(comments_root, comment_id, note_text(plan.finding), stamp))


def _comment_element(parent, comment_id: int, text: str, stamp: str):
    comment = parent.makeelement(f"{W}comment", {f"{W}id": str(comment_id), f"{W}author": AUTHOR,
                                                 f"{W}date": stamp, f"{W}initials": INITIALS})
    for i, line in enumerate(text.split("\n")):
        paragraph = comment.makeelement(f"{W}p", {})
        if i == 0:
            marker = paragraph.makeelement(R, {})
            marker.append(marker.makeelement(f"{W}annotationRef", {}))
            paragraph.append(marker)
        run = paragraph.makeelement(R, {})
        t = run.makeelement(T, {XML_SPACE: "preserve"})
        t.text = line
        run.append(t)
        paragraph.append(run)
        comment.append(paragraph)
    return comment


# ---- tracked changes -----------------------------------------------------------------------------------

def _tracked_replace(text_map: TextMap, plan: _Plan, ids: "_IdCounter", stamp: str) -> int:
    """Replace [start, end) by the fix as a tracked deletion + insertion; 0 when the runs do not allow it."""
    runs = []
    for i in range(plan.start, plan.end):
        run = run_of(text_map.sources[i][0])
        if run is not None and (not runs or runs[-1] is not run):
            runs.append(run)
    if not consecutive_runs(runs):
        return 0
    attrs = {f"{W}author": AUTHOR, f"{W}date": stamp}
    deletion = runs[0].makeelement(f"{W}del", {f"{W}id": str(ids.next()), **attrs})
    runs[0].addprevious(deletion)
    for run in runs:
        deletion.append(run)
        for t in run.iter(T):
            t.tag = f"{W}delText"
    insertion = deletion.makeelement(f"{W}ins", {f"{W}id": str(ids.next()), **attrs})
    new_run = insertion.makeelement(R, {})
    rpr = runs[0].find(RPR)
    if rpr is not None:
        import copy

        new_run.append(copy.deepcopy(rpr))
    t = new_run.makeelement(T, {XML_SPACE: "preserve"})
    t.text = plan.finding.fix.replacement
    new_run.append(t)
    insertion.append(new_run)
    deletion.addnext(insertion)
    return 1


# ---- the package ---------------------------------------------------------------------------------------

class _IdCounter:
    """Fresh w:id values above every id already used in the document and its comments."""

    def __init__(self, *roots):
        used = [0]
        for root in roots:
            for el in root.iter():
                value = el.get(f"{W}id") if isinstance(el.tag, str) else None
                if value is not None and value.lstrip("-").isdigit():
                    used.append(int(value))
        self._next = max(used) + 1

    def next(self) -> int:
        value, self._next = self._next, self._next + 1
        return value


def _parser():
    """Keeps XML comments and processing instructions (the output must not lose them); never loads DTDs."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _parse(raw: bytes):
    from lxml import etree

    return etree.fromstring(raw, _parser())


def _serialize(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _comments_part(package: DocxPackage):
    """(part name, parsed root, created?) of the main part's comments part."""
    from lxml import etree

    names = package.related(package.main_part, "/comments")
    if names:
        return names[0], _parse(package.read(names[0])), False
    folder = posixpath.dirname(package.main_part)
    name = posixpath.join(folder, "comments.xml")
    if name in package.names:
        raise OutputError(f"{package.path}: has an unlinked {name}; open and re-save it in Word first")
    return name, etree.Element(f"{W}comments", nsmap={"w": W_NS}), True


def _register_comments_part(package: DocxPackage, main: str, name: str) -> dict[str, bytes]:
    """The main part's relationships and [Content_Types].xml with the new comments part added."""
    from lxml import etree

    folder, base = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    raw = package.read(rels_name)
    rels = _parse(raw) if raw else etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    taken = {rel.get("Id") for rel in rels}
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=f"rId{number}", Type=COMMENTS_REL,
                     Target=posixpath.relpath(name, folder or "."))
    types = _parse(package.read("[Content_Types].xml"))
    etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=COMMENTS_CT)
    return {rels_name: _serialize(rels), "[Content_Types].xml": _serialize(types)}


def _rezip(package: DocxPackage, data: bytes, changed: dict[str, bytes]) -> bytes:
    """The original zip with ``changed`` parts replaced or added; other entries copied unchanged."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = changed.pop(info.filename, None)
            dst.writestr(info, content if content is not None else package.read(info.filename) or b"")
        for name, content in changed.items():
            dst.writestr(name, content)
    return buffer.getvalue()
