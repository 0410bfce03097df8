"""Read back what the DOCX annotator wrote: msalint comments and the text each one is anchored on."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def comments(path: Path, author: str | None = "msalint") -> dict[str, str]:
    """comment id -> comment text (paragraphs joined by newlines)."""
    root = etree.fromstring(part(path, "word/comments.xml"))
    out = {}
    for c in root.iter(f"{W}comment"):
        if author is None or c.get(f"{W}author") == author:
            out[c.get(f"{W}id")] = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p"))
    return out


def anchored_text(path: Path) -> dict[str, str]:
    """comment id -> visible text between its commentRangeStart and commentRangeEnd (paragraphs: a space)."""
    root = etree.fromstring(part(path, "word/document.xml"))
    texts: dict[str, str] = {}
    open_ids: set[str] = set()
    for el in root.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(el.get(f"{W}id"))
            texts.setdefault(el.get(f"{W}id"), "")
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id"))
        elif el.tag in (f"{W}t", f"{W}tab") and not any(a.tag == f"{W}del" for a in el.iterancestors()):
            for i in open_ids:
                texts[i] += el.text or "" if el.tag == f"{W}t" else "\t"
        elif el.tag == f"{W}p":
            for i in open_ids:
                texts[i] += " "
    return texts


def count(path: Path, tag: str, name: str = "word/document.xml") -> int:
    return sum(1 for _ in etree.fromstring(part(path, name)).iter(f"{W}{tag}"))
