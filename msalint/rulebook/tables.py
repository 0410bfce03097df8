"""Table rows of a document, whatever the format: DOCX table cells, Markdown/text pipe tables,
tab-separated lines, space-aligned plain-text columns, and the flattened rows PDF text extraction
leaves ("P1 30 minutes 4 hours").

The engine treats each row as one unit (a "sentence") and lets `column` patterns and the priority
checks read cells under a header. Flattened rows have no cell boundaries (``cells`` is None): they
are recognised only as lines that each open with a priority label and state a duration, under a
header line naming response/resolution columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from msalint import values as V
from msalint.model import Document

Cell = tuple[str, int]  # (cell text, offset of its first character)

_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_RESPONSE = re.compile(r"\b(?:respon[ds]\w*|acknowledg\w*|react\w*|initial\s+contact|call[\s-]?back)", re.I)
_RESOLUTION = re.compile(r"\b(?:resol\w*|restor\w*|fix\w*|work[\s-]?around|repair\w*|remed\w*)", re.I)
FLAT_ROW_MAX = 200  # characters: a longer line is prose, not a flattened table row
FLAT_HEADER_MAX = 150
TAB_CELL_MAX = 80
# space-aligned columns: cells apart by 2+ spaces, short, and (below) every line of the run with as many cells
_SPACED_GAP = re.compile(r"\S(?: ?\S)*")
SPACED_CELL_MAX = 40
SPACED_LINE_MAX = 160


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: its span, its cells (None when the layout lost them) and its table."""

    start: int
    end: int
    table: int
    cells: tuple[Cell, ...] | None
    header: bool = False
    separator: bool = False

    @property
    def text_cells(self) -> list[str]:
        """The cell texts, stripped ([] for a flattened row)."""
        return [t.strip() for t, _ in self.cells or ()]


def metric(text: str) -> str | None:
    """response | resolution from a header or cell text (None when neither or both)."""
    has_resp, has_res = bool(_RESPONSE.search(text)), bool(_RESOLUTION.search(text))
    if has_resp != has_res:
        return "response" if has_resp else "resolution"
    return None


def metric_order(text: str) -> list[str]:
    """The response/resolution words of a flattened header line, in reading order."""
    found = [(m.start(), "response") for m in _RESPONSE.finditer(text)]
    found += [(m.start(), "resolution") for m in _RESOLUTION.finditer(text)]
    return [name for _, name in sorted(found)]


def table_rows(document: Document) -> list[Row]:
    """Every table row of the document, sorted by position (rows never overlap)."""
    rows = _docx_rows(document)
    taken = [(r.start, r.end) for r in rows]
    next_table = 1 + max((r.table for r in rows), default=-1)
    rows.extend(_text_rows(document.text, taken, next_table))
    rows.sort(key=lambda r: r.start)
    return rows


def _docx_rows(document: Document) -> list[Row]:
    grouped: dict[tuple[int, int], list] = {}
    for block in document.blocks:
        if block.cell is not None:
            grouped.setdefault(block.cell[:2], []).append(block)
    rows, first_row = [], {}
    for (table, row), blocks in sorted(grouped.items()):
        blocks.sort(key=lambda b: (b.cell[2], b.start))
        cells = tuple((document.text[b.start:b.end], b.start) for b in blocks)
        first_row.setdefault(table, row)
        header = row == first_row[table] and not any(re.search(r"\d", t) for t, _ in cells)
        rows.append(Row(min(b.start for b in blocks), max(b.end for b in blocks), table, cells, header))
    return _non_overlapping(rows)


def _non_overlapping(rows: list[Row]) -> list[Row]:
    """Rows sorted by start; a row overlapping an earlier one (merged cells, nesting) is dropped."""
    out: list[Row] = []
    for row in sorted(rows, key=lambda r: r.start):
        if not out or row.start >= out[-1].end:
            out.append(row)
    return out


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _pipe_cells(line: str, offset: int) -> tuple[Cell, ...]:
    """Cells of a pipe-table line, empty cells kept so columns stay aligned."""
    parts, pos = [], offset
    pieces = line.split("|")
    for i, part in enumerate(pieces):
        if not ((i == 0 or i == len(pieces) - 1) and not part.strip()):
            lead = len(part) - len(part.lstrip())
            parts.append((part.strip(), pos + lead))
        pos += len(part) + 1
    return tuple(parts)


def _spaced_cells(line: str, offset: int) -> tuple[Cell, ...]:
    return tuple((m.group(0), offset + m.start()) for m in _SPACED_GAP.finditer(line))


def _tab_cells(line: str, offset: int) -> tuple[Cell, ...]:
    cells, pos = [], offset
    for part in line.split("\t"):
        if part.strip():
            cells.append((part.strip(), pos + len(part) - len(part.lstrip())))
        pos += len(part) + 1
    return tuple(cells)


def _line_kind(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if stripped.count("|") >= 2:
        return "pipe"
    if "\t" in stripped and all(len(c.strip()) <= TAB_CELL_MAX for c in stripped.split("\t")):
        return "tab"  # long cells are prose after a tabbed label ("1.1<TAB>The Provider shall ...")
    if len(stripped) <= FLAT_ROW_MAX and _opens_with_priority(stripped) and _has_duration(stripped):
        return "flat"
    if _is_spaced(stripped):
        return "spaced"
    return None


def _is_spaced(stripped: str) -> bool:
    """Two or more short cells apart by runs of 2+ spaces, none ending a sentence ("Urgent   Within 2 hours")."""
    if len(stripped) > SPACED_LINE_MAX or "  " not in stripped:
        return False
    cells = _SPACED_GAP.findall(stripped)
    return (len(cells) >= 2 and all(len(c) <= SPACED_CELL_MAX for c in cells)
            and not any(c.endswith((".", ";", ",")) for c in cells))


def _opens_with_priority(text: str) -> bool:
    found = V.extract_priorities(text[:40], bare_words=True)
    return bool(found) and found[0].start <= 2


def _has_duration(text: str) -> bool:
    return any(not d.rate for d in V.extract_durations(text))


_LABEL_COLUMN = re.compile(r"\b(?:priority|severity|sev|level|category|class|impact|incident|type)\b", re.I)


def _flat_header(line: str) -> bool:
    """A column header line: a label column ("Priority") and a response/resolution column, no values."""
    stripped = line.strip()
    return (0 < len(stripped) <= FLAT_HEADER_MAX and bool(_LABEL_COLUMN.search(stripped))
            and bool(metric_order(stripped)) and not _has_duration(stripped)
            and not stripped.endswith((".", ";", ":")))


def _text_rows(text: str, taken: list[tuple[int, int]], table: int) -> list[Row]:
    """Rows from pipe, tab and flattened lines; consecutive lines of one kind form one table."""
    lines = list(_lines(text))
    kinds = [_line_kind(line) for _, line in lines]
    taken_starts = sorted(taken)
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        kind = kinds[i]
        if kind is None or _inside(lines[i][0], taken_starts):
            i += 1
            continue
        j = i
        while j < len(lines) and kinds[j] == kind:
            j += 1
        run = lines[i:j]
        if kind == "flat":
            has_header = i > 0 and _flat_header(lines[i - 1][1])
            if has_header:  # without a header line such lines are prose ("Priority 1: respond within 1 hour.")
                off, line = lines[i - 1]
                rows.append(_span_row(off, line, table, None, header=True))
                rows.extend(_span_row(off, line, table, None) for off, line in run)
                table += 1
        elif kind == "spaced":
            if _aligned(run):
                rows.extend(_cell_rows(run, kind, table))
                table += 1
        elif len(run) >= 2 or kind == "pipe":
            rows.extend(_cell_rows(run, kind, table))
            table += 1
        i = j
    return rows


def _aligned(run: list[tuple[int, str]]) -> bool:
    """A space-aligned table: a header and at least two rows, every line with the header's number of cells
    (runs of short phrases in prose, signature blocks and address lines rarely line up like that)."""
    counts = {len(_SPACED_GAP.findall(line)) for _, line in run}
    return len(run) >= 3 and len(counts) == 1


def _span_row(offset: int, line: str, table: int, cells, header: bool = False, separator: bool = False) -> Row:
    lead = len(line) - len(line.lstrip())
    return Row(offset + lead, offset + len(line.rstrip()), table, cells, header, separator)


def _cell_rows(run: list[tuple[int, str]], kind: str, table: int) -> list[Row]:
    split = {"pipe": _pipe_cells, "tab": _tab_cells, "spaced": _spaced_cells}[kind]
    parsed = [(off, line, split(line, off)) for off, line in run]
    separators = [bool(cells) and all(_SEPARATOR_CELL.match(t) or not t for t, _ in cells) for _, _, cells in parsed]
    first = parsed[0][2]
    header_index = 0 if ((len(parsed) > 1 and separators[1])
                         or not any(re.search(r"\d", t) for t, _ in first)) else None
    return [_span_row(off, line, table, cells, header=n == header_index, separator=separators[n])
            for n, (off, line, cells) in enumerate(parsed)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    import bisect

    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def tables(rows: list[Row]) -> dict[int, list[Row]]:
    """Table index -> its rows in order."""
    out: dict[int, list[Row]] = {}
    for row in rows:
        out.setdefault(row.table, []).append(row)
    return out


def split_units(sentences: list[tuple[int, int]], rows: list[Row], text: str) -> list[tuple[int, int]]:
    """Sentences with table rows cut out, plus each row as a unit of its own (sorted, non-overlapping)."""
    import bisect

    if not rows:
        return sentences
    spans = [(r.start, r.end) for r in rows]
    starts = [s for s, _ in spans]
    out = list(spans)
    for s, e in sentences:
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        pos = s
        while i < len(spans) and spans[i][0] < e:
            rs, re_ = spans[i]
            if re_ > pos:
                if rs > pos:
                    out.append((pos, rs))
                pos = max(pos, re_)
            i += 1
        if pos < e:
            out.append((pos, e))
    units = []
    for s, e in out:
        piece = text[s:e]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            units.append((s + lead, s + len(piece.rstrip())))
    return sorted(set(units))


def column_hits(lctx, pattern) -> list[tuple[int, int]]:
    """Spans of a `column` pattern: cells under a header cell matching one of its phrases that hold a
    value of its kind (any text when no kind is given). In flattened rows (no cell boundaries) the
    first value of the kind in a row under a matching header line counts."""
    import json

    from msalint.rulebook.patterns import phrase_regex

    spec = json.loads(pattern.value)
    rx = re.compile("|".join(phrase_regex(p) for p in spec["column"]), re.I)
    kind = spec.get("value")
    text = lctx.text
    out: list[tuple[int, int]] = []
    for rows in tables(lctx.rows).values():
        header: Row | None = None
        for row in rows:
            if row.header:
                header = row
                continue
            if row.separator or header is None:
                continue
            if header.cells is None or row.cells is None:
                if rx.search(text[header.start:header.end]):
                    out.extend(_cell_value(text[row.start:row.end], row.start, kind)[:1])
                continue
            for i, (name, _) in enumerate(header.cells):
                if i < len(row.cells) and rx.search(name):
                    cell, off = row.cells[i]
                    out.extend(_cell_value(cell, off, kind)[:1])
    return sorted(set(out))


def _cell_value(cell: str, offset: int, kind: str | None) -> list[tuple[int, int]]:
    if not cell.strip():
        return []
    if kind is None:
        lead = len(cell) - len(cell.lstrip())
        return [(offset + lead, offset + len(cell.rstrip()))]
    return [(v.start, v.end) for v in V.extract(kind, cell, offset) if not v.rate]
