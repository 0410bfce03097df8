"""Run surgery in WordprocessingML: cut runs at character boundaries without changing text or formatting."""
from __future__ import annotations

import copy

from msalint.ingest.docx_xml import W

R, T, RPR, P = f"{W}r", f"{W}t", f"{W}rPr", f"{W}p"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def run_of(element):
    """The w:r an element belongs to (itself when it is one), or None outside any run."""
    node = element
    while node is not None and node.tag != R:
        if node.tag == P:
            return None
        node = node.getparent()
    return node


def cut_before(element, index: int) -> None:
    """Make the character at ``index`` of ``element`` (a w:t, or w:tab/w:br at index 0) start a run."""
    if element.tag == T and index > 0:
        element = _split_text(element, index)
    _split_run_before(element)


def cut_after(element, index: int) -> None:
    """Make the character at ``index`` of ``element`` end a run."""
    if element.tag == T and index + 1 < len(element.text or ""):
        _split_run_before(_split_text(element, index + 1))
    else:
        following = _top_child(element)
        if following is not None:
            nxt = next(following.itersiblings(), None)
            if nxt is not None:
                _split_run_before(nxt)


def _split_text(t, index: int):
    """Split a w:t at ``index``; the new w:t (holding the tail) follows it in the same run."""
    tail = t.makeelement(T, {XML_SPACE: "preserve"})
    tail.text = t.text[index:]
    t.text = t.text[:index]
    t.set(XML_SPACE, "preserve")
    t.addnext(tail)
    return tail


def _top_child(element):
    """The direct child of the element's run that is or contains it."""
    run = run_of(element)
    if run is None:
        return None
    node = element
    while node.getparent() is not run:
        node = node.getparent()
    return node


def _split_run_before(element) -> None:
    """Move ``element`` (its top-level run child) and everything after it into a new run with the same rPr."""
    run = run_of(element)
    top = _top_child(element)
    if run is None or top is None:
        return
    before = [c for c in top.itersiblings(preceding=True) if c.tag != RPR]
    if not before:
        return  # already the first content of its run
    moved = [top, *top.itersiblings()]
    new_run = run.makeelement(R, dict(run.attrib))
    rpr = run.find(RPR)
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    for child in moved:
        new_run.append(child)
    run.addnext(new_run)


def consecutive_runs(runs: list) -> bool:
    """True when the runs are adjacent siblings, in order, directly in a paragraph or hyperlink."""
    if not runs:
        return False
    parent = runs[0].getparent()
    if parent is None or parent.tag not in (P, f"{W}hyperlink"):
        return False
    if any(r.getparent() is not parent for r in runs):
        return False
    first = parent.index(runs[0])
    return [parent.index(r) for r in runs] == list(range(first, first + len(runs)))
