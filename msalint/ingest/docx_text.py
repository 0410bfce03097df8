"""Accepted-view text of WordprocessingML runs: tracked changes, fields, content controls, special characters."""
from __future__ import annotations

from msalint.ingest.docx_xml import MC, W

# Subtrees that contribute no visible text in the accepted view (deletions, field codes, properties,
# drawings/text boxes, ruby annotations).
SKIP = frozenset(f"{W}{tag}" for tag in (
    "del", "moveFrom", "delText", "delInstrText", "instrText", "pPr", "rPr", "sdtPr", "sdtEndPr",
    "customXmlPr", "smartTagPr", "fldData", "drawing", "pict", "object", "rt", "footnoteReference",
    "endnoteReference", "commentReference", "annotationRef",
)) | {f"{MC}AlternateContent"}

_CHARS = {
    f"{W}tab": "\t",
    f"{W}ptab": "\t",
    f"{W}br": " ",
    f"{W}cr": " ",
    f"{W}softHyphen": "",
    f"{W}noBreakHyphen": "-",
}
_T = f"{W}t"
_TRANSLATE = str.maketrans({"\u00a0": " ", "\u00ad": "", "\u2011": "-", "\n": " ", "\r": " ", "\u000b": " "})


def run_text(el) -> str:
    """Visible text of a paragraph (or any inline container) with insertions accepted and deletions dropped."""
    parts: list[str] = []
    _collect(el, parts)
    return "".join(parts).translate(_TRANSLATE)


def _collect(el, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == _T:
            if child.text:
                parts.append(child.text)
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        elif tag in SKIP or not isinstance(tag, str):
            continue
        elif len(child):
            _collect(child, parts)


def paragraph_mark_deleted(p) -> bool:
    """True when the paragraph mark itself is a tracked deletion (the paragraph joins the next one)."""
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return False
    rpr = ppr.find(f"{W}rPr")
    return rpr is not None and (rpr.find(f"{W}del") is not None or rpr.find(f"{W}moveFrom") is not None)


def part_paragraph_texts(root) -> list[str]:
    """Non-empty paragraph texts of a header, footer or note, in order (nested tables included)."""
    texts = []
    for p in root.iter(f"{W}p"):
        if any(True for _ in p.iterancestors(f"{MC}Fallback")):
            continue  # the VML copy of a text box already read from mc:Choice
        text = run_text(p).strip()
        if text:
            texts.append(text)
    return texts
