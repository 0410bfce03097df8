"""Plain-text and Markdown reader: keeps every source line so Document.line_of() is the editor's line."""
from __future__ import annotations

import hashlib
import re

from msalint.errors import IngestError
from msalint.ingest.blocks import Line, numbering_label, paragraph_blocks, strong_caption
from msalint.ingest.normalize import normalize_source_text
from msalint.model import Block, Document

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+")
_ORDERED = re.compile(r"^([ \t]*)(\d{1,9})[.)][ \t]+")


def decode_text(path: str, data: bytes, utf16: bool = False) -> str:
    """Decode UTF-8 (BOM allowed) or BOM-marked UTF-16; raise IngestError('encoding') naming the bad byte."""
    try:
        if utf16:
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        encoding = "UTF-16" if utf16 else "UTF-8"
        raise IngestError(
            path,
            f"not valid {encoding} text (bad byte 0x{data[exc.start]:02x} at line {line}, byte {exc.start}); "
            "re-save the file as UTF-8",
            "encoding",
        ) from None


def read_text(path: str, data: bytes, *, fmt: str, sha256: str, utf16: bool = False) -> Document:
    """Read TXT or Markdown bytes into a Document; raise IngestError for bad encoding or no text."""
    text = decode_text(path, data, utf16)
    if not text.strip():
        raise IngestError(path, "the file contains no text (only whitespace)", "empty")
    return document_from_text(text, path=path, fmt=fmt, sha256=sha256)


def document_from_text(text: str, *, path: str = "<text>", fmt: str = "txt", sha256: str | None = None) -> Document:
    """Build a Document from agreement text given as a string (TXT or Markdown)."""
    text = normalize_source_text(text)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if fmt == "md":
        from msalint.ingest.markdown_render import render_markdown

        rendered = render_markdown(text)
        if rendered is not None:
            return document_from_lines(rendered, path=path, fmt=fmt, sha256=sha256)
    blocks = markdown_blocks(text) if fmt == "md" else paragraph_blocks(_source_lines(text))
    meta = {"engine": "markdown" if fmt == "md" else "text", "removed_lines": 0}
    return Document(path=str(path), format=fmt, text=text, blocks=blocks, sha256=sha256, meta=meta)


def document_from_lines(lines: list[tuple[int, str]], *, path: str, fmt: str, sha256: str) -> Document:
    """A Document from rendered Markdown lines, each with its source line (HTML, reStructuredText, Markdown+HTML).

    The Markdown block reader reads the rendered text; Document.line_map keeps findings on the source lines.
    """
    lines = _without_repeated_blanks(lines)
    text = normalize_source_text("\n".join(line.replace("\n", " ") for _, line in lines))
    meta = {"engine": {"md": "markdown+html"}.get(fmt, fmt), "removed_lines": 0, "rendered": True}
    return Document(path=str(path), format=fmt, text=text, blocks=markdown_blocks(text), sha256=sha256, meta=meta,
                    line_map=[source for source, _ in lines] or [1])


def _without_repeated_blanks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for source, line in lines:
        if line.strip() or (out and out[-1][1].strip()):
            out.append((source, line if line.strip() else ""))
    return out


def _source_lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets; a blank line before one sets gap_before."""
    lines: list[Line] = []
    offset = 0
    gap = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = offset + lead
            lines.append(Line(start, start + len(stripped), stripped, None, gap))
            gap = False
        else:
            gap = True
        offset += len(raw) + 1
    return lines


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown text: ATX/setext headings (level = #'s - 1), list items, paragraphs, code.

    Every block starts at its line's first non-blank character (heading and bullet markers included), so a
    line-based reader finds the block at the line start; Block.number holds the label after the markers.
    """
    builder = _MarkdownBlocks()
    offset = 0
    lines = text.split("\n")
    start_index = _front_matter_end(lines)
    for index, raw in enumerate(lines):
        if index >= start_index:
            builder.feed(raw, offset)
        offset += len(raw) + 1
    builder.flush()
    return builder.blocks


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a leading YAML front-matter block (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i, line in enumerate(lines[1:60], start=1):
        if line.strip() in ("---", "..."):
            return i + 1
    return 0


class _MarkdownBlocks:
    """Line-by-line Markdown block builder (a small CommonMark subset that matters for contracts)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.start: int | None = None
        self.end = 0
        self.kind = "paragraph"
        self.number: str | None = None
        self.lines_in_block = 0
        self.fence: str | None = None
        self.strong = False  # the block's first line is wholly in bold

    def flush(self) -> None:
        if self.start is not None:
            kind = "heading" if self.kind == "paragraph" and self.lines_in_block == 1 and self.strong else self.kind
            self.blocks.append(Block(self.start, self.end, kind, None, self.number, style=None))
        self.start, self.kind, self.number, self.lines_in_block, self.strong = None, "paragraph", None, 0, False

    def open(self, start: int, end: int, kind: str, number: str | None = None, line: str = "") -> None:
        self.flush()
        self.start, self.end, self.kind, self.number, self.lines_in_block = start, end, kind, number, 1
        self.strong = strong_caption(line) is not None

    def feed(self, raw: str, offset: int) -> None:
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if self.fence is not None:
            self._feed_code(raw, offset, stripped)
            return
        fence = _FENCE.match(raw)
        if fence:
            self.fence = fence.group(1)[:3]
            self.open(offset + lead, offset + len(raw.rstrip()), "paragraph")
            return
        if not stripped:
            self.flush()
            return
        if self._setext_underline(raw):
            return
        if _THEMATIC_BREAK.match(raw):
            self.flush()
            return
        heading = _ATX_HEADING.match(raw)
        if heading:
            self._heading(raw, offset, heading)
            return
        item = _ORDERED.match(raw) or _BULLET.match(raw)
        if item:
            number = f"{item.group(2)}." if item.re is _ORDERED else None
            self.open(offset + lead, offset + len(raw.rstrip()), "list_item", number)
            return
        if self.start is None or (self.kind == "paragraph" and numbering_label(stripped)):
            caption = strong_caption(stripped)
            label = numbering_label(caption if caption is not None else stripped)
            self.open(offset + lead, offset + len(raw.rstrip()), "paragraph", label, stripped)
            return
        self.end = offset + len(raw.rstrip())
        self.lines_in_block += 1

    def _feed_code(self, raw: str, offset: int, stripped: str) -> None:
        if stripped.startswith(self.fence or "```"):
            self.end = offset + len(raw.rstrip())
            self.fence = None
            self.flush()
        elif stripped:
            self.end = offset + len(raw.rstrip())

    def _setext_underline(self, raw: str) -> bool:
        """Turn a one-line paragraph followed by === / --- into a heading (level 0 / 1)."""
        m = _SETEXT_UNDERLINE.match(raw)
        if not m or self.start is None or self.kind != "paragraph" or self.lines_in_block != 1:
            return False
        level = 0 if m.group(1).startswith("=") else 1
        self.blocks.append(Block(self.start, self.end, "heading", None, self.number, level))
        self.start, self.kind, self.number, self.lines_in_block = None, "paragraph", None, 0
        return True

    def _heading(self, raw: str, offset: int, m: re.Match[str]) -> None:
        """An ATX heading block spans its whole line, markers included, as the segmenter reads lines."""
        self.flush()
        level = len(m.group(1)) - 1
        content = m.group(2) or ""
        start = offset + m.start(1)
        end = offset + (m.end(2) if content else m.end(1))
        caption = strong_caption(content)
        self.blocks.append(Block(start, end, "heading", None, numbering_label(caption or content), level))

