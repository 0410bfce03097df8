"""Paragraph styles from styles.xml: names, basedOn chains, style-linked numbering, heading levels."""
from __future__ import annotations

import re
from dataclasses import dataclass

from msalint.ingest.docx_xml import W, toggle_on, wval

# Word stores built-in style names in lower case; show them as Word's UI (and python-docx) does.
_UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header", "title": "Title",
             "subtitle": "Subtitle", "normal": "Normal", "body text": "Body Text", "list paragraph": "List Paragraph"}
_HEADING_RE = re.compile(r"^heading\s*([1-9])$", re.I)


@dataclass(slots=True)
class Style:
    """One style as declared (not yet resolved through basedOn)."""

    style_id: str
    name: str
    kind: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline_level: int | None = None
    bold: bool | None = None  # w:b in the style's run properties (None: not set, inherit)


def ui_name(raw: str) -> str:
    """The style name as Word shows it ("heading 1" -> "Heading 1")."""
    match = _HEADING_RE.match(raw.strip())
    if match:
        return f"Heading {match.group(1)}"
    return _UI_NAMES.get(raw.strip().lower(), raw)


class StyleMap:
    """Style id -> resolved properties, built once per document (reading style names per paragraph is slow)."""

    def __init__(self, root):
        self.styles: dict[str, Style] = {}
        self.default_paragraph: str | None = None
        if root is not None:
            self._load(root)
        self._chains: dict[str, list[Style]] = {}

    def _load(self, root) -> None:
        for el in root.iter(f"{W}style"):
            style_id = el.get(f"{W}styleId")
            if not style_id:
                continue
            name_el = el.find(f"{W}name")
            raw_name = wval(name_el) if name_el is not None else None
            style = Style(style_id, ui_name(raw_name or style_id), el.get(f"{W}type") or "paragraph")
            based = el.find(f"{W}basedOn")
            style.based_on = wval(based) if based is not None else None
            ppr = el.find(f"{W}pPr")
            if ppr is not None:
                num_pr = ppr.find(f"{W}numPr")
                if num_pr is not None:
                    num_el, ilvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
                    style.num_id = wval(num_el) if num_el is not None else None
                    style.ilvl = _int(wval(ilvl_el)) if ilvl_el is not None else None
                outline = ppr.find(f"{W}outlineLvl")
                if outline is not None:
                    style.outline_level = _int(wval(outline))
            bold = el.find(f"{W}rPr/{W}b")
            style.bold = toggle_on(bold) if bold is not None else None
            self.styles[style_id] = style
            if style.kind == "paragraph" and el.get(f"{W}default") in ("1", "true", "on"):
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        style_id = style_id or self.default_paragraph
        if style_id is None:
            return []
        cached = self._chains.get(style_id)
        if cached is not None:
            return cached
        chain: list[Style] = []
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and current in self.styles:
            seen.add(current)
            style = self.styles[current]
            chain.append(style)
            current = style.based_on
        self._chains[style_id] = chain
        return chain

    def name(self, style_id: str | None) -> str | None:
        """Display name of a paragraph's style (the default paragraph style when none is set)."""
        chain = self.chain(style_id)
        return chain[0].name if chain else style_id

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph inherits from its style chain; either may be None."""
        num_id = ilvl = None
        for style in self.chain(style_id):
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
            if ilvl is None and style.ilvl is not None:
                ilvl = style.ilvl
        return num_id, ilvl

    def bold(self, style_id: str | None, default: bool = False) -> bool:
        """Whether text in this (paragraph or character) style is bold, through its basedOn chain;
        ``default`` when no style in the chain sets it."""
        return next((style.bold for style in self.chain(style_id) if style.bold is not None), default)

    def heading_level(self, style_id: str | None) -> int | None:
        """0-based outline level if the style is Title or Heading 1-9 (directly or by basedOn)."""
        for style in self.chain(style_id):
            if style.name == "Title":
                return 0
            match = _HEADING_RE.match(style.name)
            if match:
                return int(match.group(1)) - 1
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
