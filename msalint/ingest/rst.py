"""reStructuredText agreements, parsed by docutils and rendered as Markdown-shaped lines with their source lines.

Section titles (by their underline) become headings, enumerated lists keep the enumerators as written ("3.",
"(b)", "iv)"), grid, simple and list-table tables become pipe rows. Nothing is executed or included: file
insertion and raw output are disabled, and docutils' own messages are silenced (a broken directive is skipped).
"""
from __future__ import annotations

import io

from msalint.errors import IngestError
from msalint.ingest.docx_numbering import format_number
from msalint.ingest.text import decode_text, document_from_lines
from msalint.model import Document

SourceLine = tuple[int, str]

_SETTINGS = {
    "report_level": 5, "halt_level": 5, "warning_stream": None, "doctitle_xform": False, "sectsubtitle_xform": False,
    "file_insertion_enabled": False, "raw_enabled": False, "input_encoding": "unicode", "syntax_highlight": "none",
    "character_level_inline_markup": False, "pep_references": False, "rfc_references": False,
}
_ENUM_FORMATS = {"arabic": None, "loweralpha": "lowerLetter", "upperalpha": "upperLetter",
                 "lowerroman": "lowerRoman", "upperroman": "upperRoman"}
_SKIPPED = frozenset("comment substitution_definition target system_message pending raw image figure "
                     "citation_reference footnote_reference decoration meta".split())


def read_rst(path: str, data: bytes, *, sha256: str, utf16: bool = False) -> Document:
    """Read reStructuredText bytes into a Document; raise IngestError when they hold no text."""
    text = decode_text(path, data, utf16)
    if not text.strip():
        raise IngestError(path, "the file contains no text (only whitespace)", "empty")
    from msalint.ingest.normalize import normalize_source_text

    lines = rst_lines(normalize_source_text(text))
    if not any(line for _, line in lines):
        raise IngestError(path, "the reStructuredText file contains no text", "empty")
    return document_from_lines(lines, path=path, fmt="rst", sha256=sha256)


def rst_lines(text: str) -> list[SourceLine]:
    """The rendered lines of a reStructuredText source."""
    from docutils.core import publish_doctree

    settings = dict(_SETTINGS, warning_stream=io.StringIO())
    try:
        tree = publish_doctree(text, settings_overrides=settings)
    except Exception:  # noqa: BLE001 - docutils raises many kinds of errors on odd input; read it as plain text
        return [(i + 1, line) for i, line in enumerate(text.split("\n"))]
    source_lines = text.split("\n")
    renderer = _Renderer(source_lines)
    renderer.children(tree, 0)
    # docutils numbers some nodes (a line block's continuation) by the line after them; a location never points
    # past the source.
    last = len(source_lines)
    return [(min(max(line, 1), last), rendered) for line, rendered in renderer.lines]


class _Renderer:
    def __init__(self, source: list[str]) -> None:
        self.source = source
        self.lines: list[SourceLine] = []
        self.cursor = 1
        self.prefix: str | None = None

    def children(self, node, depth: int) -> None:
        for child in node.children:
            self.node(child, depth)

    def node(self, node, depth: int) -> None:
        name = node.tagname
        if name in _SKIPPED or name == "#text":
            return
        if name == "section":
            self.section(node, depth + 1)
        elif name in ("paragraph", "line", "term", "attribution", "rubric"):
            self.paragraph(node)
        elif name == "title":
            self.paragraph(node, "#" * max(depth, 1) + " ")
        elif name == "enumerated_list":
            self.enumerated(node, depth)
        elif name == "bullet_list":
            for item in node.children:
                self.item(item, "-", depth)
        elif name == "table":
            self.table(node)
        elif name in ("literal_block", "doctest_block"):
            start = self.line_of(node)
            self.block([(start + i, line) for i, line in enumerate(node.astext().split("\n"))])
        elif name == "field":
            self.paragraph(node, "", " ".join(c.astext() for c in node.children[:1]) + ": ",
                           body=" ".join(c.astext() for c in node.children[1:]))
        else:
            self.children(node, depth)

    def section(self, node, depth: int) -> None:
        for child in node.children:
            if child.tagname == "title":
                self.paragraph(child, "#" * min(depth, 6) + " ", title=True)
            else:
                self.node(child, depth)

    def enumerated(self, node, depth: int) -> None:
        start = int(node.get("start", 1) or 1)
        word = _ENUM_FORMATS.get(node.get("enumtype", "arabic"))
        for offset, item in enumerate(node.children):
            number = start + offset
            enumerator = str(number) if word is None else format_number(number, word)
            self.item(item, f"{node.get('prefix', '')}{enumerator}{node.get('suffix', '.')}", depth)

    def item(self, node, label: str, depth: int) -> None:
        self.prefix = label
        self.children(node, depth)
        if self.prefix is not None:  # an item that starts with a nested list shows its label alone
            self.block([(self.cursor, self.prefix)])
            self.prefix = None

    def table(self, node) -> None:
        self.blank()
        for group in _walk(node, lambda n: n.tagname == "tgroup"):
            for part in group.children:
                if part.tagname not in ("thead", "tbody"):
                    continue
                for row in part.children:
                    cells = [" ".join(entry.astext().split()).replace("|", "/") for entry in row.children]
                    line = self.line_of(row)
                    self.lines.append((line, "| " + " | ".join(cells) + " |"))
                    if part.tagname == "thead" and row is part.children[-1]:
                        self.lines.append((line, "|" + "---|" * len(cells)))
        self.blank()

    def paragraph(self, node, lead: str = "", label: str = "", *, title: bool = False, body: str | None = None) -> None:
        text = body if body is not None else node.astext()
        start = self.line_of(node)
        if title and start > 1 and self.source[start - 2].strip() == " ".join(text.split()):
            start -= 1  # docutils reports a title on its underline
        pieces = [" ".join(part.split()) for part in text.split("\n")]
        if title:
            pieces = [" ".join(pieces)]
        lines = [(start + i, piece) for i, piece in enumerate(pieces) if piece]
        if lines:
            first_line, first = lines[0]
            lines[0] = (first_line, lead + label + first)
            self.block(lines)

    def block(self, lines: list[SourceLine]) -> None:
        if self.prefix is not None and lines:
            lines[0] = (lines[0][0], f"{self.prefix} {lines[0][1]}")
            self.prefix = None
        self.blank()
        self.lines.extend(lines)
        self.blank()
        if lines:
            self.cursor = lines[-1][0]

    def blank(self) -> None:
        if self.lines and self.lines[-1][1]:
            self.lines.append((self.lines[-1][0], ""))

    def line_of(self, node) -> int:
        """The node's source line (docutils sets it on most nodes; else the nearest descendant's or the last seen)."""
        for candidate in _walk(node):
            line = getattr(candidate, "line", None)
            if isinstance(line, int) and line > 0:
                self.cursor = line
                return line
        return self.cursor


def _walk(node, condition=None):
    """Descendants of a docutils node, itself first (findall() since docutils 0.18, traverse() before)."""
    find = getattr(node, "findall", None) or node.traverse
    return find(condition) if condition is not None else find()
