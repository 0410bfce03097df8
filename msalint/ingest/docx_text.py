"""Accepted-view text of WordprocessingML runs: tracked changes, fields, content controls, special characters."""
from __future__ import annotations

from typing import Callable

from msalint.ingest.docx_xml import MC, W, toggle_on

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
_T, _R, _RPR, _VANISH, _VAL = f"{W}t", f"{W}r", f"{W}rPr", f"{W}vanish", f"{W}val"
# Odd spaces and anything splitlines() treats as a line break become a space, so that each paragraph
# stays exactly one line of Document.text; soft hyphens and zero-width characters disappear.
_ODD = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
_TRANSLATE = str.maketrans({
    **{ch: " " for ch in _ODD + _BREAKS + _CONTROL + "\x7f"},
    **{ch: None for ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},
    "\u2011": "-",
})


def run_text(el) -> str:
    """Visible text of a paragraph (or any inline container) with insertions accepted and deletions dropped."""
    parts: list[str] = []
    _collect(el, parts, None)
    return "".join(parts).translate(_TRANSLATE)


SourceChar = tuple  # (element, index): the w:t (index into its text) or w:tab/w:br/... (index 0) a character came from


def traced_run_text(el) -> tuple[str, list[SourceChar]]:
    """``run_text(el)`` plus, for each of its characters, the XML element and index it came from.

    Used to put annotations (Word comments, tracked changes) on exactly the characters a finding's
    offsets name; ``run_text`` stays the fast path for reading.
    """
    parts: list[str] = []
    sources: list = []
    _collect(el, parts, sources)
    chars: list[str] = []
    where: list[SourceChar] = []
    for part, source in zip(parts, sources):
        for index, ch in enumerate(part):
            for out in ch.translate(_TRANSLATE):
                chars.append(out)
                where.append((source, index))
    return "".join(chars), where


def _collect(el, parts: list[str], sources: list | None) -> None:
    # Runs are by far the most common child, so they get an unrolled loop (about 2x faster overall).
    # ``sources`` (tracing only) receives the element each appended part came from.
    for child in el:
        tag = child.tag
        if tag == _R:
            for item in child:
                inner = item.tag
                if inner == _T:
                    if item.text:
                        parts.append(item.text)
                        if sources is not None:
                            sources.append(item)
                elif inner == _RPR:
                    if _is_hidden(item):
                        break  # hidden text (w:vanish): Word neither displays nor prints it
                elif inner in _CHARS:
                    parts.append(_CHARS[inner])
                    if sources is not None:
                        sources.append(item)
                elif inner in SKIP or not isinstance(inner, str):
                    continue
                elif len(item):
                    _collect(item, parts, sources)
        elif tag in SKIP or not isinstance(tag, str):
            continue
        elif tag == _T:
            if child.text:
                parts.append(child.text)
                if sources is not None:
                    sources.append(child)
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
            if sources is not None:
                sources.append(child)
        elif len(child):
            _collect(child, parts, sources)


def _is_hidden(rpr) -> bool:
    """True when run properties mark the run as hidden text."""
    vanish = next(rpr.iterchildren(_VANISH), None)
    return vanish is not None and vanish.get(_VAL) not in ("0", "false", "off")


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


_B, _RSTYLE = f"{W}b", f"{W}rStyle"


def bold_only(paragraph, style_bold: Callable[[str | None, bool], bool], paragraph_bold: bool) -> bool:
    """Whether every run of the paragraph that shows text is bold (direct w:b, else its character style, else
    the paragraph style): a caption set in bold on a line of its own."""
    shown = False
    for r in paragraph.iter(_R):
        if not "".join(t.text or "" for t in r.iterchildren(_T)).strip():
            continue
        shown = True
        rpr = r.find(_RPR)
        direct = rpr.find(_B) if rpr is not None else None
        if direct is not None:
            bold = toggle_on(direct)
        else:
            rstyle = rpr.find(_RSTYLE) if rpr is not None else None
            bold = style_bold(rstyle.get(f"{W}val"), paragraph_bold) if rstyle is not None else paragraph_bold
        if not bold:
            return False
    return shown
