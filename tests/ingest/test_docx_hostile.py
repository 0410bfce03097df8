"""Hostile and broken DOCX input: every case is refused with its own IngestError code."""
from __future__ import annotations

import struct

import pytest

from docxgen import build_docx, zip_parts
from msalint.errors import IngestError
from msalint.ingest.docx import read_docx
from msalint.ingest.docx_package import ZipLimits

CENTRAL_SIG = b"PK\x01\x02"
FLAGS, UNCOMPRESSED = 8, 24  # byte offsets of fields inside a central-directory header


def patch_central(data: bytes, member: str, offset: int, fmt: str, value: int) -> bytes:
    """Rewrite one field of ``member``'s central-directory entry (what zipfile trusts for sizes/flags)."""
    out = bytearray(data)
    pos = out.find(CENTRAL_SIG)
    while pos != -1:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        name = bytes(out[pos + 46:pos + 46 + name_len]).decode()
        if name == member:
            struct.pack_into(fmt, out, pos + offset, value)
            return bytes(out)
        pos = out.find(CENTRAL_SIG, pos + 4)
    raise AssertionError(f"{member} not in central directory")


def code_of(data: bytes, **kwargs) -> str:
    with pytest.raises(IngestError) as info:
        read_docx("bad.docx", data, **kwargs)
    assert info.value.path == "bad.docx"
    return info.value.code


@pytest.fixture(scope="module")
def good() -> bytes:
    return build_docx(["A perfectly ordinary agreement."])


def test_good_fixture_reads(good):
    assert read_docx("ok.docx", good).text == "A perfectly ordinary agreement."


@pytest.mark.parametrize("mangle", [
    lambda d: b"PK\x03\x04" + b"\x00" * 200,  # a ZIP signature and nothing behind it
    lambda d: d[: len(d) // 2],  # truncated: the central directory is gone
    lambda d: b"not a zip at all",
])
def test_corrupt_zip(good, mangle):
    assert code_of(mangle(good)) == "corrupt"


def test_damaged_member_stream_is_corrupt(good):
    start = good.index(b"word/document.xml") + len("word/document.xml")  # first byte of compressed data
    damaged = good[:start] + bytes(b ^ 0xFF for b in good[start:start + 40]) + good[start + 40:]
    assert code_of(damaged) == "corrupt"


def test_malformed_xml_and_missing_body_are_corrupt():
    assert code_of(build_docx("<w:p><w:r><w:t>unclosed</w:r></w:p>")) == "corrupt"
    no_body = zip_parts({"word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                                              'wordprocessingml/2006/main"/>'})
    assert code_of(no_body) == "corrupt"


def test_zip_that_is_not_a_word_document():
    assert code_of(zip_parts({"readme.txt": "hello", "data/values.csv": "a,b\n1,2\n"})) == "not-docx"
    workbook = zip_parts({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                               'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": "<workbook/>",
    })
    assert code_of(workbook) == "not-docx"


BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY lol "lol">\n'
                  '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
                  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
                  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  '<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
XXE = ('<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:styles>')


def test_entity_declarations_are_refused_not_expanded():
    assert code_of(zip_parts({"word/document.xml": BILLION_LAUGHS})) == "xml-entities"
    utf16 = BILLION_LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    assert code_of(zip_parts({"word/document.xml": "\ufeff".encode("utf-16-le") + utf16.encode("utf-16-le")})) \
        == "xml-entities"
    assert code_of(build_docx(["ok"], styles_xml=XXE)) == "xml-entities"
    # Even a part the reader never needs is refused: the package is hostile.
    assert code_of(build_docx(["ok"], extra_parts={"customXml/item1.xml": XXE.encode()})) == "xml-entities"


def test_declared_size_over_the_default_limit_is_a_zip_bomb(good):
    bomb = patch_central(good, "word/document.xml", UNCOMPRESSED, "<I", 300 * 1024 * 1024)
    assert code_of(bomb) == "zip-bomb"


def test_extreme_compression_ratio_is_a_zip_bomb():
    zeros = build_docx(["text"], extra_parts={"word/media/blob.bin": b"\x00" * (3 * 1024 * 1024)})
    assert code_of(zeros) == "zip-bomb"  # ~1000:1, decided from the zip directory before extracting


def test_total_size_limit_is_a_parameter(good):
    assert read_docx("ok.docx", good, limits=ZipLimits(max_total_uncompressed=1_000_000)).text
    assert code_of(good, limits=ZipLimits(max_total_uncompressed=500)) == "zip-bomb"
    many = zip_parts({f"word/part{i}.xml": "<x/>" for i in range(30)} | {"word/document.xml": "<x/>"})
    assert code_of(many, limits=ZipLimits(max_members=20)) == "zip-bomb"


def test_member_larger_than_declared_is_never_read_in_full(good):
    liar = patch_central(good, "word/document.xml", UNCOMPRESSED, "<I", 16)
    assert code_of(liar) in ("corrupt", "zip-bomb")


def test_encrypted_member_is_refused(good):
    encrypted = patch_central(good, "word/document.xml", FLAGS, "<H", 0x1)
    assert code_of(encrypted) == "corrupt"


def test_random_damage_never_escapes_as_another_exception():
    import random

    from docxgen import abstract_num, level, num, numbering, p, table

    data = build_docx([p("Clause", num=1, ilvl=0), table(["a", "b"])],
                      numbering_xml=numbering(abstract_num(1, level(0, "%1.")), num(1, 1)),
                      footnotes=["note"], headers=[["head"]])
    rnd = random.Random(20261128)
    outcomes = set()
    for _ in range(400):
        damaged = bytearray(data)
        for _ in range(rnd.randint(1, 8)):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            read_docx("fuzz.docx", bytes(damaged))
            outcomes.add("read")
        except IngestError as exc:
            outcomes.add(exc.code)
    assert "corrupt" in outcomes and outcomes <= {"read", "corrupt", "zip-bomb", "not-docx", "xml-entities"}
