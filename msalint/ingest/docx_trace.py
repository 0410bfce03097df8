"""From offsets in a DOCX Document's text back to the XML it was read from.

The DOCX reader turns each paragraph into one line of ``Document.text``; this module walks the same body
the same way and records, for every character of that text, the ``w:t`` (and index) or ``w:tab``/``w:br``
element it came from. Automatic numbering labels and the newlines between blocks come from no element
(None). Annotation writers use it to anchor Word comments and tracked changes on exact characters.
"""
from __future__ import annotations

from dataclasses import dataclass

from msalint.ingest.docx import assemble_blocks, related_xml
from msalint.ingest.docx_body import BodyWalker, RawBlock
from msalint.ingest.docx_numbering import NumberingDefinitions
from msalint.ingest.docx_package import DocxPackage
from msalint.ingest.docx_styles import StyleMap
from msalint.ingest.docx_text import SourceChar, traced_run_text


@dataclass(slots=True)
class TextMap:
    """The text the reader would produce from a body, and each character's source (None when synthetic)."""

    text: str
    sources: list[SourceChar | None]


def trace_body(package: DocxPackage, body) -> TextMap:
    """Walk ``body`` (a w:body element, possibly from a separately parsed, editable tree) like the reader."""
    styles = StyleMap(related_xml(package, package.main_part, "styles"))
    numbering = NumberingDefinitions(related_xml(package, package.main_part, "numbering"), styles)
    walker = BodyWalker(styles, numbering)
    walker.walk(body)
    walker.finish()
    text, _ = assemble_blocks(walker.blocks)
    sources: list[SourceChar | None] = []
    for i, raw in enumerate(walker.blocks):
        if i:
            sources.append(None)  # the newline between blocks
        sources.extend(_block_sources(raw))
    return TextMap(text, sources)


def _block_sources(raw: RawBlock) -> list[SourceChar | None]:
    """Sources of one block's characters; all None when the traced text does not reproduce the block."""
    chars: list[str] = []
    where: list[SourceChar] = []
    for paragraph in raw.paragraphs:
        text, sources = traced_run_text(paragraph)
        chars.append(text)
        where.extend(sources)
    joined = "".join(chars)
    lead = len(joined) - len(joined.lstrip())
    stripped = joined.strip()
    where = where[lead:lead + len(stripped)]
    prefix = len(raw.text) - len(stripped)
    if prefix < 0 or raw.text[prefix:] != stripped:
        return [None] * len(raw.text)
    return [None] * prefix + list(where)
