"""Readers: one entry point, read_document(), that sniffs the content and dispatches to a format reader."""
from __future__ import annotations

import hashlib
import importlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from msalint.errors import IngestError
from msalint.files import NotRegularFileError, file_kind, read_regular_bytes
from msalint.ingest.formats import extension_kind, format_for_suffix
from msalint.ingest.sniff import sniff, sniff_text_format
from msalint.model import Document

MAX_BYTES = 50 * 1024 * 1024
# Text longer than this is refused before segmentation: ~1,600 pages of dense contract text. Analysis time grows
# at least linearly with length, so a 20 M-character file would keep `check` busy for many minutes.
MAX_CHARS = 5_000_000
MAX_CHARS_ENV = "MSALINT_MAX_CHARS"
_HTML_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")

__all__ = ["MAX_BYTES", "MAX_CHARS", "Source", "max_chars", "read_document", "read_source", "reader_key"]


@dataclass(frozen=True, slots=True)
class Source:
    """A document's bytes, read once through a read-only handle, and their sha256: the session looks the
    result cache up by ``sha256`` and hands the same bytes to the reader, so a run reads and hashes a file once."""

    name: str
    data: bytes
    sha256: str


def read_source(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Source:
    """The file's bytes and hash; IngestError (with the reader's words) if it is missing, not a regular file,
    too large or empty."""
    name = str(path)
    data = _read_bytes(name, max_bytes)
    return Source(name, data, hashlib.sha256(data).hexdigest())


def reader_key(path: str | os.PathLike, engine: str | None = None) -> str:
    """Everything besides the bytes that decides how a file is read: its extension (Markdown or plain text,
    the extension-mismatch note) and the PDF engine. Results may be reused only when this key is equal."""
    return f"{Path(path).suffix.lower()}|{engine or ''}"


def read_document(path: str | os.PathLike, *, engine: str | None = None, max_bytes: int = MAX_BYTES,
                  source: Source | None = None) -> Document:
    """Read one agreement (PDF, DOCX, TXT, Markdown) into a Document, read-only; raise IngestError if unreadable.
    ``source``: the file's bytes when the caller has read them already (see read_source)."""
    source = source if source is not None else read_source(path, max_bytes=max_bytes)
    name, data, digest = str(path), source.data, source.sha256
    suffix = Path(name).suffix.lower()
    sniffed = sniff(data)
    _check_text_bytes(name, sniffed.kind, len(data))
    document = _dispatch(name, data, digest, sniffed.kind, sniffed.detail, suffix, engine)
    expected = extension_kind(suffix)
    named = format_for_suffix(suffix)
    document.meta["extension_mismatch"] = (expected is not None and expected != _content_kind(sniffed.kind)) or (
        named is not None and named.kind == "text" and document.format != named.name
    )
    document.meta.setdefault("removed_lines", 0)
    document.meta.setdefault("size", len(data))
    _check_length(name, document)
    return document


def max_chars() -> int:
    """The longest text msalint analyses: $MSALINT_MAX_CHARS if set (0: no limit), else MAX_CHARS."""
    raw = os.environ.get(MAX_CHARS_ENV, "").strip().replace("_", "")
    if not raw:
        return MAX_CHARS
    try:
        value = int(raw)
    except ValueError:
        from msalint.errors import ConfigError

        raise ConfigError(f"{MAX_CHARS_ENV}={raw!r}: expected a whole number of characters (0: no limit)") from None
    return value if value > 0 else sys.maxsize


def _check_text_bytes(name: str, kind: str, size: int) -> None:
    """Refuse text whose bytes alone prove it over the character limit (a character is at most 4 bytes), before
    decoding and reading it: a 50 MB text is 'too large' at once, not after a minute of work."""
    limit = max_chars()
    if kind == "text" and size > 4 * limit:
        raise IngestError(name, f"text is {_mib(size)}, more than the {limit:,}-character limit can hold "
                                f"(set {MAX_CHARS_ENV} to raise it)", "too-large")


def _check_length(name: str, document: Document) -> None:
    limit = max_chars()
    if len(document.text) > limit:
        raise IngestError(name, f"text is {len(document.text):,} characters, over the {limit:,}-character limit "
                                f"(set {MAX_CHARS_ENV} to raise it)", "too-large")


def unreadable(name: str, exc: OSError) -> IngestError:
    """Why ``name`` could not be opened (``exc`` from hashing or opening it), in the words the reader uses."""
    try:
        _check_stat(name, sys.maxsize)
    except IngestError as reason:
        return reason
    return IngestError(name, f"cannot read the file ({exc.strerror or exc})", "not-found")


def _read_bytes(name: str, max_bytes: int) -> bytes:
    """The file's bytes, read once through a read-only handle, after the size check on stat()."""
    _check_stat(name, max_bytes)
    try:
        data = read_regular_bytes(name, max_bytes)
    except NotRegularFileError as exc:  # replaced by a FIFO or device since the stat() above
        raise IngestError(name, exc.strerror, "unsupported") from None
    except OSError as exc:
        raise IngestError(name, f"cannot read the file ({exc.strerror})", "not-found") from None
    if len(data) > max_bytes:  # the file grew between stat() and read()
        raise IngestError(name, f"file is over the {_mib(max_bytes)} size limit", "too-large")
    if not data:
        raise IngestError(name, "the file is empty (0 bytes)", "empty")
    return data


def _check_stat(name: str, max_bytes: int) -> None:
    """Raise the IngestError for a path that is missing, a folder, not a regular file, too large or empty."""
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        raise IngestError(name, "no such file", "not-found") from None
    except OSError as exc:
        raise IngestError(name, f"cannot access the file ({exc.strerror})", "not-found") from None
    if stat.S_ISDIR(info.st_mode):
        if not os.access(name, os.R_OK | os.X_OK):  # a folder walk could not list it
            raise IngestError(name, "folder cannot be read (permission denied); the documents in it were not "
                                    "checked", "unreadable-folder")
        raise IngestError(name, "is a directory, not a document", "not-found")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(name, f"is {file_kind(info.st_mode)}, not a regular file", "unsupported")
    if info.st_size > max_bytes:
        raise IngestError(name, f"file is {_mib(info.st_size)}, over the {_mib(max_bytes)} size limit", "too-large")
    if info.st_size == 0:
        raise IngestError(name, "the file is empty (0 bytes)", "empty")


def _dispatch(
    name: str, data: bytes, digest: str, kind: str, detail: str, suffix: str, engine: str | None
) -> Document:
    """Hand the bytes to the reader for their sniffed kind, or raise the matching IngestError."""
    if kind == "pdf":
        from msalint.ingest.pdf import read_pdf

        return read_pdf(name, data, sha256=digest, engine=engine)
    if kind == "zip":
        return _read_docx(name, data, digest)
    if kind == "text":
        return _read_text_kind(name, data, digest, suffix, utf16=detail == "utf-16")
    if kind == "ole2":
        raise IngestError(
            name, "legacy Word .doc (OLE2) file is not supported; open it in Word and save it as DOCX", "legacy-doc"
        )
    if kind == "lfs-pointer":
        raise IngestError(name, "is a Git LFS pointer, not the document; run `git lfs pull` first", "lfs-pointer")
    if kind == "empty":
        raise IngestError(name, "the file is empty (0 bytes)", "empty")
    raise IngestError(name, f"unsupported file type: {detail or 'unknown binary data'}", "unsupported")


def _read_text_kind(name: str, data: bytes, digest: str, suffix: str, *, utf16: bool) -> Document:
    """Text bytes: TXT, Markdown, reStructuredText or HTML, as the content and then the suffix say."""
    fmt = text_format(data, suffix, utf16=utf16)
    if fmt == "html":
        from msalint.ingest.html import read_html

        return read_html(name, data, sha256=digest, utf16=utf16)
    if fmt == "rst":
        from msalint.ingest.rst import read_rst

        return read_rst(name, data, sha256=digest, utf16=utf16)
    from msalint.ingest.text import read_text

    return read_text(name, data, fmt=fmt, sha256=digest, utf16=utf16)


def text_format(data: bytes, suffix: str, *, utf16: bool = False) -> str:
    """txt | md | rst | html for text bytes: a whole HTML page is HTML whatever its name; otherwise a text suffix
    decides (an .html file without a single tag is read by its content), and without one the content does."""
    head = data[:65536].decode("utf-16" if utf16 else "utf-8", errors="replace")
    content = sniff_text_format(head)
    named = format_for_suffix(suffix)
    if content == "html" or named is None or named.kind != "text":
        return content or "txt"
    if named.name == "html" and not _HTML_TAG.search(head):
        return content or "txt"
    return named.name


def _read_docx(name: str, data: bytes, digest: str) -> Document:
    """Delegate a ZIP container to the DOCX reader (imported lazily; owned by the DOCX module)."""
    try:
        module = importlib.import_module("msalint.ingest.docx")
    except ModuleNotFoundError as exc:
        if exc.name not in ("msalint.ingest.docx",):
            raise
        raise IngestError(name, "DOCX support not available", "unsupported") from None
    document = module.read_docx(name, data, sha256=digest)
    document.meta.setdefault("engine", "docx")
    return document


def _content_kind(kind: str) -> str:
    """Map a sniffed kind onto the kinds formats.extension_kind() promises."""
    return kind if kind in ("pdf", "zip", "ole2", "text") else "other"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"
