"""DOCX reader: body text in reading order with Word's automatic numbering reconstructed.

Reads the package XML directly with lxml (an order of magnitude faster than walking python-docx
objects, and lets hostile packages be refused before any XML is parsed). Each paragraph or table-cell
paragraph becomes one Block and one line of ``Document.text``; tracked changes are read as accepted.
"""
from __future__ import annotations

import hashlib

from msalint.errors import IngestError
from msalint.ingest.docx_package import DEFAULT_LIMITS, DocxPackage, ZipLimits
from msalint.ingest.docx_xml import W
from msalint.model import Block, Document

_REL = "/"  # relationship types are matched by their last segment (Transitional and Strict differ before it)


def read_docx(path: str, data: bytes, limits: ZipLimits = DEFAULT_LIMITS, *, sha256: str | None = None) -> Document:
    """Read a DOCX/DOCM file's bytes into a Document; raises IngestError on bad or hostile input."""
    package = DocxPackage(path, data, limits)
    try:
        return _read_package(path, package, sha256 or hashlib.sha256(data).hexdigest())
    except IngestError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError, RecursionError) as exc:
        raise IngestError(path, f"malformed Word document ({type(exc).__name__}: {exc})", "corrupt") from None


def _read_package(path: str, package: DocxPackage, sha256: str) -> Document:
    from msalint.ingest.docx_body import BodyWalker
    from msalint.ingest.docx_numbering import NumberingDefinitions
    from msalint.ingest.docx_styles import StyleMap

    main = package.main_part
    root = package.xml(main)
    body = root.find(f"{W}body") if root is not None else None
    if body is None:
        raise IngestError(path, f"{main} has no w:body", "corrupt")
    styles = StyleMap(related_xml(package, main, "styles"))
    numbering = NumberingDefinitions(related_xml(package, main, "numbering"), styles)
    walker = BodyWalker(styles, numbering)
    walker.walk(body)
    walker.finish()

    text, blocks = assemble_blocks(walker.blocks)
    meta = {
        "paragraphs": walker.paragraphs,
        "tables": walker.tables,
        "numbering_resolved": walker.numbering_resolved,
        "comments": _count_comments(package, main),
    }
    changes = _count_tracked_changes(body)
    if changes["insertions"] or changes["deletions"]:
        meta["tracked_changes"] = changes
    if any(name.lower().endswith("vbaproject.bin") for name in package.names):
        meta["macros"] = True
    return Document(
        path=str(path),
        format="docx",
        text=text,
        blocks=blocks,
        sha256=sha256,
        meta=meta,
        extras=_extras(package, main),
    )


def assemble_blocks(raw_blocks) -> tuple[str, list[Block]]:
    """Join block texts with newlines and give each Block its offsets."""
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for raw in raw_blocks:
        end = offset + len(raw.text)
        blocks.append(Block(offset, end, raw.kind, None, raw.number, raw.level, raw.style, raw.cell))
        pieces.append(raw.text)
        offset = end + 1
    return "\n".join(pieces), blocks


def related_xml(package: DocxPackage, part: str, rel: str):
    names = package.related(part, _REL + rel)
    if not names:
        fallback = f"word/{rel}.xml"
        names = [fallback] if fallback in package.names else []
    return package.xml(names[0]) if names else None


def _count_comments(package: DocxPackage, main: str) -> int:
    root = related_xml(package, main, "comments")
    return 0 if root is None else sum(1 for _ in root.iter(f"{W}comment"))


def _count_tracked_changes(body) -> dict[str, int]:
    insertions = deletions = 0
    for el in body.iter(f"{W}ins", f"{W}moveTo", f"{W}del", f"{W}moveFrom"):
        if el.tag in (f"{W}ins", f"{W}moveTo"):
            insertions += 1
        else:
            deletions += 1
    return {"insertions": insertions, "deletions": deletions}


def _extras(package: DocxPackage, main: str) -> dict[str, list[str]]:
    """Header, footer, footnote and endnote texts (kept out of the linted text)."""
    from msalint.ingest.docx_text import part_paragraph_texts

    extras: dict[str, list[str]] = {}
    for key, rel in (("headers", "header"), ("footers", "footer")):
        texts: list[str] = []
        for name in sorted(set(package.related(main, _REL + rel)), key=_natural_key):
            text = "\n".join(part_paragraph_texts(package.xml(name)))
            if text and text not in texts:
                texts.append(text)
        if texts:
            extras[key] = texts
    for key, rel, tag in (("footnotes", "footnotes", "footnote"), ("endnotes", "endnotes", "endnote")):
        root = related_xml(package, main, rel)
        if root is None:
            continue
        notes = []
        for note in root.iter(f"{W}{tag}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(part_paragraph_texts(note))
            if text:
                notes.append(text)
        if notes:
            extras[key] = notes
    return extras


def _natural_key(name: str):
    import re

    return [int(tok) if tok.isdigit() else tok for tok in re.split(r"(\d+)", name)]
