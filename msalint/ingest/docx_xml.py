"""WordprocessingML namespace constants and tiny helpers shared by the DOCX modules."""
from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def wval(el) -> str | None:
    """The w:val attribute of an element (None if absent)."""
    return el.get(f"{W}val")


def wint(el, default: int | None = None) -> int | None:
    """The w:val attribute as an int, or ``default`` when absent or malformed."""
    if el is None:
        return default
    try:
        return int(el.get(f"{W}val"))
    except (TypeError, ValueError):
        return default


def toggle_on(el) -> bool:
    """A Word toggle property (w:b, w:i, ...): on unless its w:val says 0, false or off."""
    return (wval(el) or "true").lower() not in ("0", "false", "off", "none")
