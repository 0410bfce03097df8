"""Format sniffing from content (magic bytes), with the extension only as a tie-breaker for text."""
from __future__ import annotations

import re
from dataclasses import dataclass

LFS_POINTER_PREFIX = b"version https://git-lfs.github.com/spec/"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Known binary formats we do not read, with the advice given to the user.
_OTHER_BINARIES = (
    (b"{\\rtf", "RTF document (save it as DOCX or PDF)"),
    (b"\x89PNG\r\n\x1a\n", "PNG image (a scan needs OCR first)"),
    (b"\xff\xd8\xff", "JPEG image (a scan needs OCR first)"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image (a scan needs OCR first)"),
    (b"MM\x00*", "TIFF image (a scan needs OCR first)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
)

@dataclass(frozen=True, slots=True)
class Sniffed:
    """What the bytes are: kind is pdf | zip | ole2 | lfs-pointer | text | empty | binary."""

    kind: str
    detail: str = ""


def sniff(data: bytes) -> Sniffed:
    """Classify raw file bytes by their magic bytes and, failing that, as text or binary."""
    if not data:
        return Sniffed("empty")
    head = data[:1024]
    if _is_pdf(data):
        return Sniffed("pdf")
    if head.startswith(ZIP_MAGICS):
        return Sniffed("zip")
    if head.startswith(OLE2_MAGIC):
        return Sniffed("ole2")
    if head.startswith(LFS_POINTER_PREFIX):
        return Sniffed("lfs-pointer")
    for magic, detail in _OTHER_BINARIES:
        if head.startswith(magic):
            return Sniffed("binary", detail)
    if head.startswith(UTF16_BOMS):
        return Sniffed("text", "utf-16")
    if b"\x00" in data[:8192]:
        return Sniffed("binary", "binary data")
    return Sniffed("text")


def _is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or within the first KiB after junk (as viewers accept), but not in prose."""
    at = data.find(b"%PDF-", 0, 1024)
    if at < 0:
        return False
    before = data[:at]
    if not before.strip() or any(b < 9 or 13 < b < 32 or b > 126 for b in before):
        return True
    # Printable text before the marker: a PDF only if it is also built like one.
    return b"%%EOF" in data[-2048:] and b" obj" in data



_HTML_PAGE = re.compile(
    r"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL
)
_MD_SIGNS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.M),  # ATX heading
    # pipe-table delimiter row, on one line ([ \t], not \s: at every line start of a run of blank lines \s* would
    # scan the rest of the run, twice nested: 2,000 newlines took 30 s)
    re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.M),
    re.compile(r"\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\)"),  # strong emphasis, inline link
)
_RST_SIGNS = (
    re.compile(r"^\.\. (?:[a-z][\w-]*::|_[^:\n]+:|\[\w+\])", re.M),  # directive, target, footnote
    re.compile(r"`[^`\n]+ <[^>\n]+>`_|:[a-z]+:`[^`\n]+`"),  # hyperlink reference, interpreted text role
)
_UNDERLINED_TITLE = re.compile(r"^(\S[^\n]{0,78})\n([=\-~^\"'`#*+])\2{2,}[ \t]*$", re.M)


def sniff_text_format(text: str) -> str | None:
    """html | rst | md for text whose content says what it is (without a file name), else None.

    A whole HTML page is HTML whatever its name; Markdown and reStructuredText are told apart by constructs only
    one of them has. Plain text says nothing (None).
    """
    head = text[:65536]
    if _HTML_PAGE.match(head):
        return "html"
    rst = sum(len(p.findall(head)) for p in _RST_SIGNS)
    rst += sum(1 for m in _UNDERLINED_TITLE.finditer(head) if _rst_underline(m))
    md = sum(len(p.findall(head)) for p in _MD_SIGNS)
    if rst > md:
        return "rst"
    return "md" if md else None


def _rst_underline(m: re.Match[str]) -> bool:
    """An RST title underline: as long as its title, or drawn with a character Markdown never underlines with."""
    title, underline = m.group(1).rstrip(), m.group(0).split("\n")[1].strip()
    return len(underline) == len(title) or (m.group(2) not in "=-" and len(underline) >= len(title))
