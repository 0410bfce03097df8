"""Safe access to a DOCX (OPC) package: zip-bomb limits, entity refusal, part lookup."""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from msalint.errors import IngestError

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT_REL = "/officeDocument"
DEFAULT_MAIN_PART = "word/document.xml"
STRICT_W_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
TRANSITIONAL_W_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class ZipLimits:
    """Ceilings applied to a package before and while it is extracted."""

    max_total_uncompressed: int = 200 * 1024 * 1024
    max_ratio: float = 200.0
    ratio_min_size: int = 1024 * 1024  # small parts may compress extremely well and are harmless
    max_members: int = 10_000


DEFAULT_LIMITS = ZipLimits()

_ENTITY_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"),
                   "<!DOCTYPE".encode("utf-16-be"), "<!ENTITY".encode("utf-16-be"))


def _xml_parser():
    """An lxml parser that never loads a DTD, never expands entities and never touches the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


class DocxPackage:
    """A validated DOCX zip: read parts with byte caps, parse XML safely, follow relationships."""

    def __init__(self, path: str, data: bytes, limits: ZipLimits = DEFAULT_LIMITS):
        self.path = path
        self.limits = limits
        self._bytes_read = 0
        self._cache: dict[str, bytes] = {}
        self._parser = _xml_parser()
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError,
                RuntimeError) as exc:
            raise IngestError(path, f"not a readable ZIP/DOCX package ({exc})", "corrupt") from None
        self.names = {info.filename: info for info in infos}
        self._check_bomb(infos)
        self._refuse_entities()
        self.main_part = self._find_main_part()

    # -- limits -------------------------------------------------------------------------------------------
    def _check_bomb(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.limits
        if len(infos) > limits.max_members:
            raise IngestError(self.path, f"package has {len(infos)} entries (limit {limits.max_members})", "zip-bomb")
        total = sum(info.file_size for info in infos)
        if total > limits.max_total_uncompressed:
            raise IngestError(self.path, f"package would expand to {total} bytes "
                              f"(limit {limits.max_total_uncompressed})", "zip-bomb")
        for info in infos:
            if info.file_size < limits.ratio_min_size:
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise IngestError(self.path, f"entry {info.filename!r} has compression ratio {ratio:.0f} "
                                  f"(limit {limits.max_ratio:.0f})", "zip-bomb")

    def read(self, name: str) -> bytes | None:
        """Bytes of one part (None if absent), never more than the declared size or the total limit."""
        if name in self._cache:
            return self._cache[name]
        info = self.names.get(name)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise IngestError(self.path, f"entry {name!r} is encrypted", "corrupt")
        budget = self.limits.max_total_uncompressed - self._bytes_read
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(1 << 16):
                    size += len(chunk)
                    if size > budget or size > info.file_size:
                        raise IngestError(self.path, f"entry {name!r} expands beyond its limit", "zip-bomb")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, EOFError,
                NotImplementedError, RuntimeError) as exc:  # damaged stream, bad CRC, unknown compression
            raise IngestError(self.path, f"entry {name!r} is unreadable ({exc})", "corrupt") from None
        self._bytes_read += size
        raw = b"".join(chunks)
        if name.lower().endswith((".xml", ".rels")):
            self._cache[name] = raw
        return raw

    # -- XML ----------------------------------------------------------------------------------------------
    def xml(self, name: str):
        """The parsed root element of an XML part, or None when the part is absent."""
        raw = self.read(name)
        if raw is None:
            return None
        return self.parse_xml(name, raw)

    def parse_xml(self, name: str, raw: bytes):
        """Parse one part's bytes, refusing any DTD or entity declaration."""
        from lxml import etree

        if _declares_entities(raw):
            raise IngestError(self.path, f"part {name!r} declares a DOCTYPE/ENTITY (refused)", "xml-entities")
        if STRICT_W_NS in raw:  # ISO 29500 Strict: same vocabulary, another namespace
            raw = raw.replace(STRICT_W_NS, TRANSITIONAL_W_NS)
        try:
            root = etree.fromstring(raw, self._parser)
        except etree.XMLSyntaxError as exc:
            raise IngestError(self.path, f"part {name!r} is not well-formed XML ({exc})", "corrupt") from None
        if root is None:
            raise IngestError(self.path, f"part {name!r} is empty", "corrupt")
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise IngestError(self.path, f"part {name!r} declares a DOCTYPE (refused)", "xml-entities")
        return root

    def _refuse_entities(self) -> None:
        """Refuse the whole package if any XML part declares a DTD, before anything parses it."""
        for name, info in self.names.items():
            if name.lower().endswith((".xml", ".rels")) and info.file_size:
                raw = self.read(name)
                if raw is not None and _declares_entities(raw):
                    raise IngestError(self.path, f"part {name!r} declares a DOCTYPE/ENTITY (refused)",
                                      "xml-entities")

    # -- relationships ------------------------------------------------------------------------------------
    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type, target part name) of a part's internal relationships."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        rels = []
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            rels.append((rel.get("Id") or "", rel.get("Type") or "", name))
        return rels

    def related(self, part: str, rel_suffix: str) -> list[str]:
        """Names of existing parts related to ``part`` by a relationship type ending with ``rel_suffix``."""
        return [name for _, rtype, name in self.relationships(part)
                if rtype.endswith(rel_suffix) and name in self.names]

    def _content_type(self, part: str) -> str:
        root = self.xml("[Content_Types].xml")
        if root is None:
            return ""
        for override in root.iter(f"{{{CT_NS}}}Override"):
            if (override.get("PartName") or "").lstrip("/") == part:
                return override.get("ContentType") or ""
        return ""

    def _find_main_part(self) -> str:
        for name in self.related("", OFFICE_DOCUMENT_REL) if "_rels/.rels" in self.names else []:
            if name == DEFAULT_MAIN_PART or "wordprocessingml" in self._content_type(name):
                return name
        if DEFAULT_MAIN_PART in self.names:
            return DEFAULT_MAIN_PART
        raise IngestError(self.path, "ZIP file is not a Word document (no word/document.xml)", "not-docx")


def _declares_entities(raw: bytes) -> bool:
    """True if the bytes contain a DOCTYPE or ENTITY declaration in any common XML encoding."""
    return any(marker in raw for marker in _ENTITY_MARKERS)
