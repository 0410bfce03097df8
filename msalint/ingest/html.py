"""HTML pages (terms saved from a browser): the main content, rendered as Markdown-shaped lines.

Navigation, banners, footers, forms, scripts and hidden elements are page furniture, not terms: they are dropped.
The rest goes through the HTML renderer, so headings, numbered lists and tables keep their structure, and every
line of the analysed text maps back to its line in the page source.
"""
from __future__ import annotations

import codecs
import re

from msalint.errors import IngestError
from msalint.ingest.html_render import DROPPED, PAGE_CHROME, render_element
from msalint.ingest.text import decode_text, document_from_lines
from msalint.model import Document

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# ARIA landmarks that are page furniture by definition (site navigation, site banner, site footer, search, aside).
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog"}
_CONTENT = ("//main", "//*[@role='main']", "//article")


def read_html(path: str, data: bytes, *, sha256: str, utf16: bool = False) -> Document:
    """Read an HTML page into a Document of its main content; raise IngestError when it has no text."""
    import lxml.etree
    import lxml.html

    text = _XML_DECLARATION.sub(lambda m: "\n" * m.group(0).count("\n"), _decode(path, data, utf16))
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"cannot parse the HTML page ({exc})", "corrupt") from None
    content = main_content(root)
    lines = render_element(content)
    if not any(line for _, line in lines):
        raise IngestError(path, "the HTML page contains no text", "empty")
    document = document_from_lines(lines, path=path, fmt="html", sha256=sha256)
    title = root.findtext(".//title")
    if title and title.strip():
        document.meta["title"] = " ".join(title.split())
    return document


def _decode(path: str, data: bytes, utf16: bool) -> str:
    """UTF-8 or UTF-16 as for text files; a page that declares another charset in a <meta> tag is read with it."""
    try:
        return decode_text(path, data, utf16)
    except IngestError:
        declared = _META_CHARSET.search(data[:4096])
        if declared is None:
            raise
        try:
            return data.decode(codecs.lookup(declared.group(1).decode("ascii")).name)
        except (LookupError, UnicodeDecodeError):
            raise IngestError(
                path, f"not valid {declared.group(1).decode('ascii')} text as its <meta charset> declares", "encoding"
            ) from None


def main_content(root):
    """The element holding the terms: <main>, role=main or the only <article>, else <body>; furniture removed."""
    content = None
    for query in _CONTENT:
        found = root.xpath(query)
        if len(found) == 1 or (found and query != "//article"):
            content = max(found, key=lambda el: len(el.text_content()))
            break
    page_level = content is None
    if content is None:
        content = root.find("body")
        if content is None:
            content = root
    _drop_furniture(content, page_level)
    return content


def _drop_furniture(content, page_level: bool) -> None:
    """Remove navigation, hidden elements and (for a whole page) its header and footer; tails stay."""
    doomed = []
    for element in content.iterdescendants():
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is None:
            continue
        role = (element.get("role") or "").strip().lower()
        hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
        if hidden or role in _CHROME_ROLES or _HIDDEN_STYLE.search(element.get("style") or ""):
            doomed.append(element)
        elif tag in PAGE_CHROME and (tag not in ("header", "footer") or page_level) and not _holds_title(element):
            doomed.append(element)
        elif tag in DROPPED and tag not in ("del", "s", "strike", "label", "input"):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _holds_title(element) -> bool:
    """A page header that carries the document's <h1> is part of the terms."""
    return element.tag.lower() == "header" and bool(element.xpath(".//h1"))
