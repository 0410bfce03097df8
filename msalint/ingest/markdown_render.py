"""Markdown as published terms write it: HTML blocks and tags, AsciiDoc tables, pipe tables without outer pipes.

render_markdown() turns such a text into plain Markdown lines a reader would see, one (source line, text) pair per
rendered line: HTML blocks (a `<table>`, an `<ol>`, an `<h2>`, a `<div>`) go through the HTML renderer, inline tags
(`<span>`, `<b>`, `<br>`) are removed and entities decoded in place, tables become pipe rows. Lines outside HTML
blocks keep their source line one to one. A text with none of these is left alone (None).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from msalint.ingest.html_render import BLOCKS, DROPPED, HEADINGS, SourceLine, render_element

HTML_ELEMENTS = frozenset(
    "a abbr address area article aside audio b bdi bdo blockquote body br button canvas caption center cite code col "
    "colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form "
    "h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu "
    "meta meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script "
    "section select small source span strike strong style sub summary sup table tbody td template textarea tfoot th "
    "thead time title tr track u ul var video wbr".split()
)
VOID_ELEMENTS = frozenset("area br col embed hr img input link meta source track wbr".split())
# Blocks that end at their closing tag even across blank lines; other HTML blocks end at a blank line (CommonMark).
_CLOSED_BLOCKS = frozenset("table ol ul dl pre p".split()) | frozenset(HEADINGS)
_SPACE_AFTER = frozenset("br p div td th tr dd dt ul ol".split())  # inline removal leaves a space, not nothing
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_ASCIIDOC_DELIMITER = re.compile(r"^\s*\|={3,}\s*$")
_ASCIIDOC_COLS = re.compile(r"""^\s*\[.*\bcols\s*=\s*["']?([^"'\]]+)""")
_CELL_SPEC = re.compile(r"^(?:\d+[+*])?(?:\.?\d+\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?$")
_GFM_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")


@dataclass(frozen=True, slots=True)
class _Tag:
    name: str
    start: int  # offsets into the text
    end: int
    closing: bool
    attrs: bool


def render_markdown(text: str) -> list[SourceLine] | None:
    """The rendered lines of a Markdown text that holds HTML or non-pipe tables, or None when it holds neither."""
    lines = text.split("\n")
    code = fenced_lines(lines)
    tags = _markup_tags(text, lines, code)
    tables = _table_lines(lines, code)
    if not tags and not tables:
        return None
    starts = _line_starts(lines)
    regions = _html_regions(text, lines, starts, tags)
    out: list[SourceLine] = []
    index = 0
    while index < len(lines):
        region = regions.get(index)
        if region is not None:
            out.append((index + 1, ""))
            out.extend(_render_region(text[starts[index]:starts[region] + len(lines[region])], index + 1))
            out.append((region + 1, ""))
            index = region + 1
            continue
        line = tables.get(index)
        if line is None:
            line = _strip_inline(text, starts[index], len(lines[index]), tags) if index not in code else lines[index]
        out.extend((index + 1, part) for part in line.split("\n"))  # a table's header row brings its separator
        index += 1
    return out


def _line_starts(lines: list[str]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside fenced code blocks (markup there is shown as written)."""
    inside: set[int] = set()
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[:3]
            inside.add(i)
        elif fence is not None:
            inside.add(i)
            if line.strip().startswith(fence):
                fence = None
    return inside


class _TagScanner(HTMLParser):
    """Positions of HTML tags and comments, found by the standard library's HTML tokenizer."""

    def __init__(self, starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = starts
        self.found: list[_Tag] = []
        self.source = ""

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        raw = self.get_starttag_text() or ""
        self.found.append(_Tag(tag, start, start + len(raw), False, bool(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        start = self._offset()
        end = self.source.find(">", start)
        self.found.append(_Tag(tag, start, (end + 1) if end >= 0 else start + len(tag) + 2, True, False))

    def handle_comment(self, data):
        start = self._offset()
        self.found.append(_Tag("!--", start, start + len(data) + 7, True, False))


def _markup_tags(text: str, lines: list[str], code: set[int]) -> list[_Tag]:
    """The tags a Markdown renderer would pass through as HTML: known element names, in order.

    A known name without attributes and never closed ("<address>" in "send it to <address>") is a placeholder
    written in angle brackets, not markup, and stays in the text.
    """
    if "<" not in text:
        return []
    masked = "\n".join(" " * len(line) if i in code else line for i, line in enumerate(lines))
    scanner = _TagScanner(_line_starts(lines))
    scanner.source = masked
    try:
        scanner.feed(masked)
        scanner.close()
    except (AssertionError, ValueError, IndexError):  # the tokenizer gives up on some malformed input
        pass
    tags = [t for t in scanner.found if t.name in HTML_ELEMENTS or t.name == "!--"]
    closed = {t.name for t in tags if t.closing}
    return [t for t in tags if t.closing or t.attrs or t.name in VOID_ELEMENTS or t.name in closed]


def _html_regions(text: str, lines: list[str], starts: list[int], tags: list[_Tag]) -> dict[int, int]:
    """First line index -> last line index of each HTML block (a block tag opening a line)."""
    regions: dict[int, int] = {}
    covered_until = -1
    for i, tag in enumerate(tags):
        if tag.closing or tag.name not in BLOCKS or tag.start <= covered_until:
            continue
        first = _line_index(starts, tag.start)
        if text[starts[first]:tag.start].strip():
            continue  # a tag inside a line of Markdown text is inline
        last = _block_end(text, lines, starts, tags, i, first)
        regions[first] = last
        covered_until = starts[last] + len(lines[last])
    return regions


def _block_end(text: str, lines: list[str], starts: list[int], tags: list[_Tag], i: int, first: int) -> int:
    """The line where the block opened by tags[i] ends: its closing tag, or a blank line for loose containers."""
    name = tags[i].name
    blank = next((j - 1 for j in range(first + 1, len(lines)) if not lines[j].strip()), len(lines) - 1)
    depth = 0
    for tag in tags[i:]:
        if tag.name != name:
            continue
        depth += -1 if tag.closing else 1
        if depth == 0:
            close = _line_index(starts, tag.end - 1)
            return close if name in _CLOSED_BLOCKS else min(close, blank)
    return blank


def _line_index(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1


def _render_region(source: str, first_line: int) -> list[SourceLine]:
    import lxml.etree
    import lxml.html

    try:
        wrapper = lxml.html.fragment_fromstring(source, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return [(first_line + i, line) for i, line in enumerate(source.split("\n"))]
    return render_element(wrapper, first_line)


def _strip_inline(text: str, start: int, length: int, tags: list[_Tag]) -> str:
    """One Markdown line without its inline tags and comments, entities decoded."""
    end = start + length
    out, pos = [], start
    touching = _tags_touching(tags, start, end)
    for tag in touching:
        if tag.end <= pos:
            continue  # inside a dropped element
        if tag.start > pos:
            out.append(text[pos:tag.start])
        if not tag.closing and tag.name in DROPPED:  # <script>, <style>: a reader never sees their content
            close = next((t for t in touching if t.closing and t.name == tag.name and t.start >= tag.end), None)
            pos = min(close.end if close is not None else end, end)
            continue
        if tag.start >= start and tag.name == "li":
            out.append("; " if tag.closing else "")  # list items inside a line (a table cell) read as a series
        elif tag.start >= start and tag.name in _SPACE_AFTER:
            out.append(" ")
        pos = max(pos, min(tag.end, end))
    out.append(text[pos:end])
    line = "".join(out)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), line) if "&" in line else line


def _tags_touching(tags: list[_Tag], start: int, end: int) -> list[_Tag]:
    import bisect

    first = max(bisect.bisect_left([t.end for t in tags], start + 1) - 1, 0) if tags else 0
    out = []
    for tag in tags[first:]:
        if tag.start >= end:
            break
        if tag.end > start:
            out.append(tag)
    return out


def _table_lines(lines: list[str], code: set[int]) -> dict[int, str]:
    """Line index -> pipe row, for AsciiDoc tables and pipe tables written without outer pipes."""
    out: dict[int, str] = {}
    out.update(_asciidoc_tables(lines, code))
    out.update(_bare_pipe_tables(lines, code))
    return out


def _asciidoc_tables(lines: list[str], code: set[int]) -> dict[int, str]:
    """`|===` ... `|===`: cells start with `|`, a row holds as many cells as the first line (or `cols=`)."""
    out: dict[int, str] = {}
    i = 0
    while i < len(lines):
        if i in code or not _ASCIIDOC_DELIMITER.match(lines[i]):
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if _ASCIIDOC_DELIMITER.match(lines[j])), None)
        if end is None:
            break
        cols = _ASCIIDOC_COLS.match(lines[i - 1]) if i > 0 else None
        out.update(_asciidoc_rows(lines, i, end, _column_count(cols.group(1)) if cols else None))
        if cols:
            out[i - 1] = ""
        i = end + 1
    return out


def _column_count(spec: str) -> int | None:
    spec = spec.strip()
    if spec.isdigit():
        return int(spec)
    parts = [p for p in spec.split(",") if p.strip()]
    count = 0
    for part in parts:
        m = re.match(r"\s*(\d+)\*", part)
        count += int(m.group(1)) if m else 1
    return count or None


def _asciidoc_rows(lines: list[str], opening: int, closing: int, columns: int | None) -> dict[int, str]:
    out = {opening: "", closing: ""}
    cells: list[tuple[int, str]] = []  # (line index, text)
    header_end: int | None = None
    first_line: int | None = None
    for j in range(opening + 1, closing):
        line = lines[j]
        out[j] = ""
        if not line.strip():
            if first_line is not None and header_end is None and len(cells) == len(_split_cells(lines[first_line])):
                header_end = len(cells)
            continue
        parsed = _split_cells(line)
        if not parsed:
            if cells:  # a cell's text continued on the next line
                cells[-1] = (cells[-1][0], cells[-1][1] + " " + line.strip())
            continue
        if first_line is None:
            first_line = j
            columns = columns or len(parsed)
        cells.extend((j, cell) for cell in parsed)
    if not columns:
        return out
    for n in range(0, len(cells), columns):
        row = cells[n:n + columns]
        out[row[0][0]] = "| " + " | ".join(text for _, text in row) + " |"
        if header_end is not None and n + columns == header_end:
            out[row[0][0]] += "\n|" + "---|" * columns  # the separator that marks the row above as a header
    return out


def _split_cells(line: str) -> list[str]:
    pieces = line.split("|")
    head, cells = pieces[0].strip(), pieces[1:]
    if head and not _CELL_SPEC.match(head):
        return []
    return [c.strip() for c in cells]


def _bare_pipe_tables(lines: list[str], code: set[int]) -> dict[int, str]:
    """GitHub pipe tables written without the outer pipes ("a | b" over "--- | ---") get them."""
    out: dict[int, str] = {}
    for i in range(1, len(lines)):
        if i in code or not _GFM_DELIMITER.match(lines[i]) or "|" not in lines[i - 1]:
            continue
        rows = [i - 1, i]
        j = i + 1
        while j < len(lines) and lines[j].strip() and "|" in lines[j]:
            rows.append(j)
            j += 1
        if all(lines[r].strip().startswith("|") and lines[r].strip().endswith("|") for r in rows):
            continue
        for r in rows:
            cells = lines[r].strip().strip("|")
            out[r] = "| " + cells + " |"
    return out
