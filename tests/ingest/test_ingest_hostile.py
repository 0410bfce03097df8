"""read_document on hostile and odd input: one-line IngestErrors with distinct codes; inputs never modified."""
from __future__ import annotations

import hashlib
import os
import sys
import types

import pytest

import pdfgen
from msalint.errors import IngestError
from msalint.ingest import read_document
from msalint.ingest.sniff import OLE2_MAGIC, sniff
from msalint.model import Document

LFS_POINTER = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 12345\n"
)


@pytest.fixture(scope="module")
def contract(tmp_path_factory):
    return pdfgen.contract_pdf(tmp_path_factory.mktemp("hostile") / "contract.pdf")


def _error(path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_document(path, **kwargs)
    error = info.value
    assert "\n" not in str(error), "error messages are one line"
    assert str(path) in str(error), "error messages name the file"
    return error


def test_missing_file(tmp_path):
    assert _error(tmp_path / "nope.pdf").code == "not-found"


def test_directory(tmp_path):
    error = _error(tmp_path)
    assert error.code == "not-found" and "directory" in error.cause


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert _error(path).code == "empty"


def test_too_large_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("1. Scope\n" * 200, encoding="utf-8")
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or pytest.fail("file was opened"))
    error = _error(path, max_bytes=1000)
    assert error.code == "too-large" and "limit" in error.cause
    assert opened == []


def test_legacy_doc(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(OLE2_MAGIC + b"\x00" * 600)
    error = _error(path)
    assert error.code == "legacy-doc" and "DOCX" in error.cause


def test_lfs_pointer(tmp_path):
    path = tmp_path / "msa.pdf"
    path.write_text(LFS_POINTER, encoding="utf-8")
    error = _error(path)
    assert error.code == "lfs-pointer" and "git lfs pull" in error.cause


def test_unknown_binary(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    assert _error(path).code == "unsupported"


def test_image_file_is_unsupported(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    error = _error(path)
    assert error.code == "unsupported" and "PNG" in error.cause


def test_error_codes_are_distinct(tmp_path, contract):
    cases = {
        "missing.txt": None,
        "empty.txt": b"",
        "old.doc": OLE2_MAGIC + b"\x00" * 64,
        "pointer.pdf": LFS_POINTER.encode(),
        "bad.txt": b"caf\xe9\n",
        "blob.bin": b"\x00\xff" * 64,
        "cut.pdf": contract.read_bytes()[:900],
    }
    codes = set()
    for name, data in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        codes.add(_error(path).code)
    assert codes == {"not-found", "empty", "legacy-doc", "lfs-pointer", "encoding", "unsupported", "corrupt"}


def test_pdf_named_txt_is_read_as_pdf(tmp_path, contract):
    path = tmp_path / "really-a-pdf.txt"
    path.write_bytes(contract.read_bytes())
    doc = read_document(path)
    assert doc.format == "pdf" and doc.pages == 3
    assert doc.meta["extension_mismatch"] is True


def test_text_named_pdf_is_read_as_text(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("1. Scope\nThe Supplier shall host the site.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "txt" and doc.meta["extension_mismatch"] is True


def test_matching_extension_is_not_a_mismatch(contract):
    assert read_document(contract).meta["extension_mismatch"] is False


def test_sha256_of_raw_bytes(contract):
    assert read_document(contract).sha256 == hashlib.sha256(contract.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["pdf", "txt", "md", "encrypted", "truncated"])
def test_reading_never_modifies_the_file(tmp_path, contract, kind):
    if kind == "pdf":
        path = contract
    elif kind == "encrypted":
        path = pdfgen.encrypted_pdf(tmp_path / "locked.pdf")
    elif kind == "truncated":
        path = pdfgen.truncated_pdf(tmp_path / "cut.pdf", contract)
    else:
        path = tmp_path / f"msa.{kind}"
        path.write_text("# 1. Scope\n\nText\r\n", encoding="utf-8")
    os.chmod(path, 0o444)  # read-only: opening for writing would fail
    before = (path.read_bytes(), os.stat(path).st_mtime_ns, os.stat(path).st_mode)
    try:
        read_document(path)
    except IngestError:
        pass
    after = (path.read_bytes(), os.stat(path).st_mtime_ns, os.stat(path).st_mode)
    assert after == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.stem + ".")) == [path.name]


def test_zip_goes_to_docx_reader(tmp_path, monkeypatch):
    calls = []

    def read_docx(path: str, data: bytes, *, sha256: str) -> Document:
        calls.append((path, data))
        return Document(path=path, format="docx", text="x", blocks=[], sha256=sha256)

    fake = types.ModuleType("msalint.ingest.docx")
    fake.read_docx = read_docx
    monkeypatch.setitem(sys.modules, "msalint.ingest.docx", fake)
    path = tmp_path / "msa.docx"
    data = b"PK\x03\x04" + b"\x00" * 100
    path.write_bytes(data)
    doc = read_document(path)
    assert calls == [(str(path), data)]
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.meta["extension_mismatch"] is False


def test_zip_without_docx_support(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "msalint.ingest.docx", None)  # makes the import fail
    path = tmp_path / "msa.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    error = _error(path)
    assert "DOCX support not available" in error.cause


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n", "pdf"),
        (b"\r\n\x00junk%PDF-1.4\n", "pdf"),
        (b"PK\x03\x04rest", "zip"),
        (OLE2_MAGIC, "ole2"),
        (LFS_POINTER.encode(), "lfs-pointer"),
        (b"", "empty"),
        (b"plain words\n", "text"),
        (b"\xff\xfe1\x00.\x00", "text"),
        (b"\x00\x00\x00", "binary"),
        (b"a long line of prose that mentions the %PDF- marker in passing\nand more\n", "text"),
    ],
)
def test_sniff(data, kind):
    assert sniff(data).kind == kind


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_not_read(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert _error(path).code == "unsupported"  # reading would block forever
