"""Two-column detection on positioned boxes (words or text runs): rows, a gutter, reading order.

A box is a dict with x0, x1, top, bottom (points, top-down), as pdfplumber's extract_words() returns.
"""
from __future__ import annotations

import math
import statistics

MIDDLE = (0.3, 0.7)  # the gutter of a two-column page lies in this band of the page width
PAD = 2.0  # points: a box this close to a candidate gutter counts as crossing it


def group_rows(boxes: list[dict]) -> list[list[dict]]:
    """Group boxes into visual rows by vertical overlap, top to bottom, each row left to right."""
    rows: list[list[dict]] = []
    for box in sorted(boxes, key=lambda b: (round(b["top"], 1), b["x0"])):
        if rows:
            ref = rows[-1][0]
            overlap = min(ref["bottom"], box["bottom"]) - max(ref["top"], box["top"])
            if overlap > 0.5 * min(ref["bottom"] - ref["top"], box["bottom"] - box["top"]):
                rows[-1].append(box)
                continue
        rows.append([box])
    for row in rows:
        row.sort(key=lambda b: b["x0"])
    return rows


def find_gutter(rows: list[list[dict]], width: float) -> float | None:
    """The x of a vertical gap that splits most rows into two wide text columns, if the page has one.

    Tables of contents (title ... page number) and label/value tables also have a gap, but one side is
    narrow; requiring both sides to be wide keeps those rows in row order.
    """
    if len(rows) < 6:
        return None
    lo, hi = int(width * MIDDLE[0]), int(width * MIDDLE[1])
    crossing = [0] * (hi - lo + 2)  # difference arrays over x in [lo, hi)
    splitting = [0] * (hi - lo + 2)
    for row in rows:
        for x0, x1 in _merged(row):
            _add(crossing, x0 - PAD - lo, x1 + PAD - lo)
        if len(row) > 1:
            _add(splitting, row[0]["x1"] + PAD - lo, row[-1]["x0"] - PAD - lo)
            for x0, x1 in _merged(row[1:-1]):
                _add(splitting, x0 - PAD - lo, x1 + PAD - lo, -1)
    best_x, best_split = None, 0
    cross = split = 0
    for i in range(hi - lo):
        cross += crossing[i]
        split += splitting[i]
        if cross <= 0.2 * len(rows) and split > best_split:
            best_x, best_split = float(lo + i), split
    if best_x is None or best_split < max(4, 0.4 * len(rows)):
        return None
    return best_x if _both_sides_wide(rows, best_x, width) else None


def _merged(boxes: list[dict]) -> list[tuple[float, float]]:
    """The x-intervals covered by boxes (already sorted by x0), overlapping ones merged."""
    spans: list[tuple[float, float]] = []
    for box in boxes:
        if spans and box["x0"] <= spans[-1][1] + 2 * PAD:
            spans[-1] = (spans[-1][0], max(spans[-1][1], box["x1"]))
        else:
            spans.append((box["x0"], box["x1"]))
    return spans


def _add(diff: list[int], start: float, end: float, value: int = 1) -> None:
    """Add value over the integer steps in [start, end) of a difference array (clipped to its range)."""
    i, j = max(0, math.ceil(start)), min(len(diff) - 1, math.ceil(end))
    if i < j:
        diff[i] += value
        diff[j] -= value


def _both_sides_wide(rows: list[list[dict]], gutter: float, width: float) -> bool:
    """True when, over rows split by the gutter, both the left and the right text are wide (prose)."""
    lefts, rights = [], []
    for row in rows:
        left = [b for b in row if b["x1"] <= gutter]
        right = [b for b in row if b["x0"] >= gutter]
        if left and right and len(left) + len(right) == len(row):
            lefts.append(max(b["x1"] for b in left) - min(b["x0"] for b in left))
            rights.append(max(b["x1"] for b in right) - min(b["x0"] for b in right))
    if not lefts:
        return False
    return statistics.median(lefts) >= 0.25 * width and statistics.median(rights) >= 0.25 * width


def reading_order(rows: list[list[dict]], gutter: float | None) -> list[list[dict]]:
    """Rows as lines of boxes; within each band of rows the gutter splits, left column first."""
    if gutter is None:
        return rows
    lines: list[list[dict]] = []
    left: list[list[dict]] = []
    right: list[list[dict]] = []
    for row in rows:
        if any(b["x0"] < gutter < b["x1"] for b in row):  # a full-width row ends the column band
            lines.extend(left + right)
            left, right = [], []
            lines.append(row)
            continue
        left_part = [b for b in row if b["x1"] <= gutter]
        right_part = [b for b in row if b["x0"] >= gutter]
        if left_part:
            left.append(left_part)
        if right_part:
            right.append(right_part)
    lines.extend(left + right)
    return lines
