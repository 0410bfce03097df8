"""The formats msalint reads and the file suffixes that name them: the one list every other module derives from.

A suffix only suggests a format: read_document() sniffs the content and trusts it over the name. The order of
FORMATS is also the preference when one folder holds the same agreement in several formats (text first).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Format:
    """One readable format: its id in Document.format, what sniff() finds in its bytes, and its suffixes."""

    name: str  # txt | md | rst | html | docx | pdf
    kind: str  # the sniffed content kind: text | zip | pdf
    suffixes: tuple[str, ...]
    title: str


FORMATS: tuple[Format, ...] = (
    Format("txt", "text", (".txt", ".text"), "plain text"),
    Format("md", "text", (".md", ".markdown"), "Markdown"),
    Format("rst", "text", (".rst", ".rest"), "reStructuredText"),
    Format("html", "text", (".html", ".htm", ".xhtml"), "HTML"),
    Format("docx", "zip", (".docx",), "DOCX"),
    Format("pdf", "pdf", (".pdf",), "PDF"),
)

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)
TEXT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.kind == "text")

# Agreement files msalint recognises but cannot read, with the content kind their name promises. Folder walks
# list them so each is reported (exit 3, an error row in batch) with the reader's advice, never skipped silently.
UNREADABLE_SUFFIXES: dict[str, str] = {".doc": "ole2", ".dot": "ole2", ".docm": "zip", ".odt": "zip",
                                       ".pages": "zip", ".rtf": "other", ".wpd": "other"}

_BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}
_BY_NAME = {f.name: f for f in FORMATS}


def format_for_suffix(suffix: str) -> Format | None:
    """The format a file suffix names ('.MD' -> Markdown), or None for a suffix msalint does not read."""
    return _BY_SUFFIX.get(suffix.lower())


def format_named(name: str) -> Format | None:
    """The format with this id ('md', 'html', ...), or None."""
    return _BY_NAME.get(name)


def extension_kind(suffix: str) -> str | None:
    """The content kind a suffix promises (pdf | zip | text | ole2), or None for an unknown suffix."""
    fmt = format_for_suffix(suffix)
    return fmt.kind if fmt else UNREADABLE_SUFFIXES.get(suffix.lower())
