"""Walk the document body in reading order: paragraphs and (nested) tables, with Word's numbering applied."""
from __future__ import annotations

from dataclasses import dataclass, field

from msalint.ingest.blocks import caption_shaped
from msalint.ingest.docx_numbering import NumberingDefinitions, NumberingState
from msalint.ingest.docx_styles import StyleMap
from msalint.ingest.docx_text import bold_only, run_text
from msalint.ingest.docx_xml import W, wint, wval

_P, _TBL, _TR, _TC = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc"
_WRAPPERS = {f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}moveTo"}  # block-level containers to look inside
_CONTENT = {f"{W}sdtContent"}


@dataclass(slots=True)
class RawBlock:
    """A paragraph's accepted text and properties before offsets are assigned."""

    text: str
    kind: str
    number: str | None = None
    level: int | None = None
    style: str | None = None
    cell: tuple[int, int, int] | None = None
    paragraphs: tuple = ()  # the w:p elements the text came from (several when paragraph marks were deleted)


@dataclass
class BodyWalker:
    """Collects RawBlocks from a body element; counts paragraphs, tables and resolved labels."""

    styles: StyleMap
    numbering: NumberingDefinitions
    blocks: list[RawBlock] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    numbering_resolved: int = 0
    _pending: str = ""  # text of a paragraph whose mark was deleted, joined to the next paragraph
    _pending_paragraphs: list = field(default_factory=list)
    _state: NumberingState | None = None
    _heading_cache: dict = field(default_factory=dict)
    _lone_cell: bool = False  # walking the only cell of a table row (a row used as a section caption)

    def __post_init__(self):
        self._state = NumberingState(self.numbering)

    def walk(self, container, cell: tuple[int, int, int] | None = None) -> None:
        """Visit block-level children of ``container`` (body, cell, content control) in order."""
        for child in container:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, cell)
            elif tag == _TBL:
                self._table(child)
            elif tag in _WRAPPERS:
                content = child.find(f"{W}sdtContent")
                self.walk(content if content is not None else child, cell)

    def _flush_pending(self, cell) -> None:
        text, self._pending = self._pending.strip(), ""
        sources, self._pending_paragraphs = tuple(self._pending_paragraphs), []
        if text:
            self.blocks.append(RawBlock(text, "table_cell" if cell else "paragraph", cell=cell, paragraphs=sources))

    def finish(self) -> None:
        """Emit text left over from a final paragraph whose mark was deleted."""
        if self._pending:
            self._flush_pending(None)

    # -- tables -------------------------------------------------------------------------------------------
    def _table(self, tbl) -> None:
        index = self.tables
        self.tables += 1
        row_index = -1
        for tr in _children(tbl, _TR):
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and trpr.find(f"{W}del") is not None:
                continue  # a tracked row deletion: gone in the accepted view, so it takes no row index
            row_index += 1
            col = 0
            cells = list(_children(tr, _TC))
            self._lone_cell = len(cells) == 1
            for tc in cells:
                tcpr = tc.find(f"{W}tcPr")
                span = 1
                continuation = False
                if tcpr is not None:
                    span = max(wint(tcpr.find(f"{W}gridSpan"), 1) or 1, 1)
                    vmerge = tcpr.find(f"{W}vMerge")
                    continuation = vmerge is not None and wval(vmerge) in (None, "continue")
                if not continuation:
                    self.walk(tc, (index, row_index, col))
                    if self._pending:  # a deleted paragraph mark never joins across cells
                        self._flush_pending((index, row_index, col))
                col += span
        self._lone_cell = False

    # -- paragraphs ---------------------------------------------------------------------------------------
    def _paragraph(self, p, cell) -> None:
        self.paragraphs += 1
        props = _paragraph_props(p)
        text = run_text(p)
        if props.mark_deleted:
            self._pending += text
            self._pending_paragraphs.append(p)
            return
        sources = (p,)
        if self._pending:
            text, self._pending = self._pending + text, ""
            sources, self._pending_paragraphs = (*self._pending_paragraphs, p), []
        text = text.strip()
        if not text and props.section_break:
            return  # Word shows no number on a paragraph that only carries a section break
        style_id, num_id, ilvl = props.style_id, props.num_id, props.ilvl
        label, level, is_list = self._number(style_id, num_id, ilvl)
        heading = self._heading_level(style_id)
        if label is not None:
            self.numbering_resolved += 1
            text = label[0] + label[1] + text
        if not text:
            return
        bold_caption = heading is None and not is_list and self._bold_caption(p, style_id, text)
        if cell is not None:
            kind = "heading" if bold_caption and self._lone_cell else "table_cell"
        elif heading is not None or bold_caption:
            kind = "heading"
        elif is_list:
            kind = "list_item"
        else:
            kind = "paragraph"
        self.blocks.append(RawBlock(
            text=text,
            kind=kind,
            number=label[0].strip() if label else None,
            level=level if is_list else heading,
            style=self.styles.name(style_id),
            cell=cell,
            paragraphs=sources,
        ))

    def _number(self, style_id, num_id, ilvl):
        """(label+suffix or None, ilvl, whether a numbering definition applies)."""
        style_num, style_ilvl = self.styles.numbering(style_id)
        if num_id is None:
            num_id = style_num
        if num_id is None or num_id == "0" or num_id not in self.numbering.nums:
            return None, None, False
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            chain_ids = [s.style_id for s in self.styles.chain(style_id)]
            ilvl = self.numbering.level_for_style(num_id, chain_ids) or 0
        return self._state.next_label(num_id, ilvl), ilvl, True

    def _bold_caption(self, p, style_id, text: str) -> bool:
        """A short line set wholly in bold ("OBJECTIVE:", "7. FEES", "Service Credits") is a heading."""
        return caption_shaped(text) and bold_only(p, self.styles.bold, self.styles.bold(style_id))

    def _heading_level(self, style_id):
        if style_id not in self._heading_cache:
            self._heading_cache[style_id] = self.styles.heading_level(style_id)
        return self._heading_cache[style_id]


@dataclass(slots=True)
class ParagraphProps:
    """The direct paragraph properties the reader needs, read in one pass over w:pPr."""

    style_id: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    mark_deleted: bool = False
    section_break: bool = False


_PPR, _PSTYLE, _NUMPR, _RPR, _SECTPR = f"{W}pPr", f"{W}pStyle", f"{W}numPr", f"{W}rPr", f"{W}sectPr"
_NUMID, _ILVL, _DEL, _MOVEFROM = f"{W}numId", f"{W}ilvl", f"{W}del", f"{W}moveFrom"
_NO_PROPS = ParagraphProps()


def _paragraph_props(p) -> ParagraphProps:
    """Style, numbering, deleted paragraph mark and section break set directly on a paragraph."""
    ppr = next(p.iterchildren(_PPR), None)
    if ppr is None:
        return _NO_PROPS
    props = ParagraphProps()
    for child in ppr:
        tag = child.tag
        if tag == _PSTYLE:
            props.style_id = wval(child)
        elif tag == _NUMPR:
            for item in child:
                if item.tag == _NUMID:
                    props.num_id = wval(item)
                elif item.tag == _ILVL:
                    props.ilvl = wint(item)
        elif tag == _RPR:
            props.mark_deleted = any(True for _ in child.iterchildren(_DEL, _MOVEFROM))
        elif tag == _SECTPR:
            props.section_break = True
    return props


def _children(el, tag):
    """Direct children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS or child.tag in _CONTENT:
            yield from _children(child, tag)
