"""HTML rendered as Markdown-shaped lines, each tagged with the source line it came from.

Headings become `#` lines, list items get the number a reader sees ("3.", "3.1", "(a)"), table rows become pipe
rows (with a separator under a header row, as the rulebook's table reader expects), paragraphs are separated by a
blank line and keep their source line breaks. The Markdown block reader then reads these lines, and
Document.line_map sends every line back to the source file's line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from msalint.ingest.blocks import numbering_label
from msalint.ingest.docx_numbering import format_number

SourceLine = tuple[int, str]  # (1-based source line, rendered text)

HEADINGS = {f"h{n}": n for n in range(1, 7)}
BLOCKS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer "
    "form header hgroup html li main nav ol p pre section summary table tbody td tfoot th thead tr ul menu "
    "caption hr".split()
) | frozenset(HEADINGS)
DROPPED = frozenset(
    "script style noscript template svg math head title button select option textarea iframe object embed canvas "
    "map audio video input label del s strike".split()
)
PAGE_CHROME = frozenset("nav aside form header footer menu dialog".split())
MAX_DEPTH = 120  # deeper nesting is read as plain text (no recursion limit, no quadratic walk)
_SPACES = re.compile(r"\s+")

_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
_STYLE_TYPES = {
    "decimal": "1", "lower-alpha": "a", "lower-latin": "a", "upper-alpha": "A", "upper-latin": "A",
    "lower-roman": "i", "upper-roman": "I", "none": "none",
}


def render_element(root, first_line: int = 1) -> list[SourceLine]:
    """Render an lxml element (a page's main content or a wrapper around a Markdown HTML block)."""
    renderer = _Renderer(first_line - 1)
    renderer.container(root, (), 0)
    renderer.blank()
    return renderer.lines


@dataclass(slots=True)
class _Inline:
    """Inline text of one block, split into rendered lines; each line remembers its first source line."""

    parts: list[list] = field(default_factory=lambda: [[None, ""]])

    def add(self, text: str, line: int) -> int:
        """Append text that starts on source line ``line``; return the line it ends on."""
        for i, piece in enumerate(text.split("\n")):
            if i:
                self.parts.append([None, ""])
                line += 1
            if piece.strip() and self.parts[-1][0] is None:
                self.parts[-1][0] = line
            self.parts[-1][1] += piece
        return line

    def newline(self) -> None:
        self.parts.append([None, ""])

    def lines(self) -> list[SourceLine]:
        out = []
        for line, text in self.parts:
            text = _SPACES.sub(" ", text).strip()
            if text and line is not None:
                out.append((line, text))
        return out


class _Renderer:
    def __init__(self, offset: int) -> None:
        self.offset = offset  # added to lxml's sourceline (the HTML block's first line in a Markdown file)
        self.lines: list[SourceLine] = []
        self.cursor = offset + 1
        self.prefix: str | None = None  # a list label waiting for the item's first line
        self.numbered_section = False  # the last heading carries a number ("2. Service Levels")

    # --- output -----------------------------------------------------------------------------------------
    def blank(self) -> None:
        if self.lines and self.lines[-1][1]:
            self.lines.append((self.lines[-1][0], ""))

    def emit_block(self, lines: list[SourceLine], lead: str = "") -> None:
        """One paragraph (or item, heading): a blank line, then its lines, the label before the first."""
        if not lines:
            return
        if self.prefix is not None:
            lead, self.prefix = self.prefix + " " + lead, None
        self.blank()
        first_line, first_text = lines[0]
        self.lines.append((first_line, (lead + first_text).strip()))
        self.lines.extend(lines[1:])
        self.blank()

    def flush_label(self) -> None:
        """A list label whose item starts with a nested list is printed alone, as a browser shows it."""
        if self.prefix is not None:
            label, self.prefix = self.prefix, None
            self.blank()
            self.lines.append((self.cursor, label))
            self.blank()

    def line_of(self, element) -> int:
        line = getattr(element, "sourceline", None)
        if isinstance(line, int):
            self.cursor = max(self.cursor, line + self.offset)
        return self.cursor

    # --- blocks -----------------------------------------------------------------------------------------
    def container(self, element, path: tuple[str, ...], depth: int) -> None:
        """A block whose children are text, inline elements and blocks, in any mix."""
        inline = _Inline()
        self.cursor = inline.add(element.text or "", self.line_of(element))
        for child in element:
            tag = _tag(child)
            if tag is None or tag in DROPPED:
                pass
            elif tag in BLOCKS and depth < MAX_DEPTH:
                self.emit_block(inline.lines())
                inline = _Inline()
                self.block(child, tag, path, depth + 1)
            else:
                self.inline(child, tag, inline, depth + 1)
            self.cursor = inline.add(child.tail or "", self.cursor)
        self.emit_block(inline.lines())

    def block(self, element, tag: str, path: tuple[str, ...], depth: int) -> None:
        line = self.line_of(element)
        if tag in HEADINGS:
            text = _one_line(self.collect(element, depth))
            if text:
                self.emit_block([(line, text)], "#" * HEADINGS[tag] + " ")
                self.numbered_section = numbering_label(text) is not None
        elif tag in ("ol", "ul", "menu"):
            self.flush_label()
            self.list(element, tag, path, depth)
        elif tag == "table":
            self.table(element, path, depth)
        elif tag == "pre":
            text = "".join(element.itertext())
            self.emit_block([(line + i, t) for i, t in enumerate(text.strip("\n").split("\n")) if t.strip()])
        elif tag == "hr":
            self.blank()
        else:
            self.container(element, path, depth)

    def list(self, element, tag: str, path: tuple[str, ...], depth: int) -> None:
        style = _list_type(element, "1" if tag == "ol" else None)
        number = _int_attr(element, "start", 1)
        for child in element:
            child_tag = _tag(child)
            if child_tag in ("ol", "ul"):  # a list nested directly in a list belongs to the item before it
                self.block(child, child_tag, path + (str(number - 1),), depth + 1)
                continue
            if child_tag != "li":
                continue
            number = _int_attr(child, "value", number)
            label = _item_label(style, number, path, self.numbered_section) if style is not None else "-"
            self.prefix = label
            self.container(child, path + (label,) if style is not None else path, depth + 1)
            self.flush_label()
            number += 1

    def table(self, element, path: tuple[str, ...], depth: int) -> None:
        rows = element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        if _is_layout_table(element):
            for row in rows:
                for cell in row:
                    if _tag(cell) in ("td", "th"):
                        self.container(cell, path, depth + 1)
            return
        for caption in element.xpath("./caption"):
            self.emit_block([(self.line_of(caption), _one_line(self.collect(caption, depth)))])
        self.blank()
        for index, row in enumerate(rows):
            line = self.line_of(row)
            cells = [c for c in row if _tag(c) in ("td", "th")]
            texts: list[str] = []
            for cell in cells:
                texts.append(_one_line(self.collect(cell, depth)).replace("|", "/"))
                texts.extend([""] * (_int_attr(cell, "colspan", 1) - 1))
            if not any(texts):
                continue
            self.lines.append((line, "| " + " | ".join(texts) + " |"))
            if index == 0 and cells and all(_tag(c) == "th" for c in cells):
                self.lines.append((line, "|" + "---|" * len(texts)))
        self.blank()

    # --- inline -----------------------------------------------------------------------------------------
    def inline(self, element, tag: str, inline: _Inline, depth: int) -> None:
        if tag == "br":
            inline.newline()
            return
        self.cursor = inline.add(element.text or "", self.line_of(element))
        for child in element:
            child_tag = _tag(child)
            if child_tag is not None and child_tag not in DROPPED:
                if child_tag in ("li", "p", "div", "tr") or child_tag in HEADINGS:
                    inline.add(" ", self.cursor)
                self.inline(child, child_tag, inline, depth + 1)
            self.cursor = inline.add(child.tail or "", self.cursor)

    def collect(self, element, depth: int) -> _Inline:
        """All text inside an element as inline text (a heading, a table cell)."""
        inline = _Inline()
        self.inline(element, _tag(element) or "", inline, depth)
        return inline


def _one_line(inline: _Inline) -> str:
    return " ".join(text for _, text in inline.lines())


def _tag(element) -> str | None:
    """The lower-case tag name, or None for comments and processing instructions."""
    tag = element.tag
    return tag.lower().rpartition("}")[2] if isinstance(tag, str) else None


def _int_attr(element, name: str, default: int) -> int:
    value = (element.get(name) or "").strip()
    return int(value) if value.isdigit() and len(value) <= 6 else default


def _list_type(element, default: str | None) -> str | None:
    """'1', 'a', 'A', 'i', 'I' for an ordered list, None for bullets ('none' for unnumbered)."""
    style = _LIST_STYLE.search(element.get("style") or "")
    if style and style.group(1).lower() in _STYLE_TYPES:
        return _STYLE_TYPES[style.group(1).lower()]
    kind = (element.get("type") or "").strip()
    if default is not None and kind in ("1", "a", "A", "i", "I"):
        return kind
    return default


def _item_label(style: str, number: int, path: tuple[str, ...], numbered_section: bool) -> str:
    """The label a reader sees: "3." at the top, "3.1" under "3.", "(a)" for letters and Roman numerals.

    Under a numbered heading ("2. Service Levels") the list's "1." is that section's item 2(1), so a list nested
    in it counts "(1)", "(2)": a "1.1" there would read as section 1's first clause.
    """
    if style == "none":
        return "-"
    if style == "1":
        parent = path[-1] if path else None
        if parent is None:
            return f"{number}."
        if re.fullmatch(r"\d+(?:\.\d+)*\.?", parent) and not numbered_section:
            return f"{parent.rstrip('.')}.{number}"
        return f"({number})"
    word_format = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}[style]
    return f"({format_number(number, word_format)})"


def _is_layout_table(table) -> bool:
    """A table used for page layout (a heading, a list or another table in a cell) is read as blocks."""
    return bool(table.xpath(".//td//table | .//td//h1 | .//td//h2 | .//td//h3 | .//td//h4 | .//th//table"))
