"""TXT and Markdown reading: source lines kept, blocks, headings, encodings."""
from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msalint.errors import IngestError
from msalint.ingest import read_document
from msalint.ingest.text import document_from_text

SAME_LENGTH = str.maketrans({"\u00a0": " ", "\u2028": " ", "\x0c": " "})

TXT = (
    "MASTER SERVICES AGREEMENT\r\n"
    "\r\n"
    "This agreement is made between the Supplier\r\n"
    "and the Customer.\r\n"
    "\r\n"
    "1. Services\r\n"
    "1.1 The Supplier shall provide the Services\u00a0in accordance\r\n"
    "with Schedule 2.\r\n"
    "(a) Service credits apply.\r\n"
    "\r\n"
    "2. Fees\r\n"
)

MD = """---
title: Hosting MSA
---
# Managed Hosting Agreement

Intro paragraph that spans
two source lines.

## 1. Definitions

1. Services means the hosting services.
2. Fees means the charges.

- a bullet item

Service Levels
--------------

```
# not a heading inside code
```

### 3.2 Termination for convenience ###
"""


def test_txt_keeps_source_lines(tmp_path):
    path = tmp_path / "msa.txt"
    path.write_bytes(TXT.encode("utf-8"))
    doc = read_document(path)
    source_lines = TXT.split("\r\n")
    assert doc.format == "txt" and "\r" not in doc.text
    assert doc.text.split("\n") == [line.replace("\u00a0", " ") for line in source_lines]
    for number, line in enumerate(source_lines, start=1):
        if line:
            assert doc.line_of(doc.text.index(line.replace("\u00a0", " "))) == number
    assert doc.sha256 == hashlib.sha256(TXT.encode("utf-8")).hexdigest()
    assert doc.meta["removed_lines"] == 0 and doc.meta["extension_mismatch"] is False


def test_txt_blocks_split_on_blank_lines_and_labels():
    doc = document_from_text(TXT)
    texts = [(b.kind, b.number, doc.text[b.start : b.end]) for b in doc.blocks]
    assert texts == [
        ("heading", None, "MASTER SERVICES AGREEMENT"),
        ("paragraph", None, "This agreement is made between the Supplier\nand the Customer."),
        ("paragraph", "1.", "1. Services"),
        ("paragraph", "1.1", "1.1 The Supplier shall provide the Services in accordance\nwith Schedule 2."),
        ("paragraph", "(a)", "(a) Service credits apply."),
        ("paragraph", "2.", "2. Fees"),
    ]
    assert all(b.page is None for b in doc.blocks)


def test_markdown_headings_and_lines(tmp_path):
    path = tmp_path / "msa.md"
    path.write_text(MD, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "md" and doc.text == MD
    headings = [(b.level, doc.text[b.start : b.end], doc.line_of(b.start)) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        (0, "# Managed Hosting Agreement", 4),
        (1, "## 1. Definitions", 9),
        (1, "Service Levels", 16),
        (2, "### 3.2 Termination for convenience", 23),
    ]
    numbered = [b for b in doc.blocks if b.kind == "heading" and b.number]
    assert [b.number for b in numbered] == ["1.", "3.2"]
    items = [(b.number, doc.text[b.start : b.end]) for b in doc.blocks if b.kind == "list_item"]
    assert items == [("1.", "1. Services means the hosting services."), ("2.", "2. Fees means the charges."), (None, "- a bullet item")]
    paragraph = next(b for b in doc.blocks if doc.text[b.start : b.end].startswith("Intro"))
    assert doc.text[paragraph.start : paragraph.end] == "Intro paragraph that spans\ntwo source lines."
    assert not any("title:" in doc.text[b.start : b.end] for b in doc.blocks)  # front matter is not a block


def test_markdown_extension_variants(tmp_path):
    path = tmp_path / "msa.markdown"
    path.write_text("# Title\n", encoding="utf-8")
    assert read_document(path).format == "md"


def test_document_from_text_defaults():
    doc = document_from_text("1. Term\nThe term is one year.\n")
    assert doc.path == "<text>" and doc.format == "txt"
    assert doc.sha256 == hashlib.sha256(doc.text.encode()).hexdigest()
    assert doc.line_of(doc.text.index("The term")) == 2
    assert document_from_text("x", sha256="abc", path="a.md", fmt="md").sha256 == "abc"


def test_utf8_bom_and_utf16(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf1. Scope\n")
    assert read_document(bom).text == "1. Scope\n"
    wide = tmp_path / "wide.txt"
    wide.write_bytes("1. Scope\n2. Term\n".encode("utf-16"))
    doc = read_document(wide)
    assert doc.text == "1. Scope\n2. Term\n" and doc.line_of(doc.text.index("2.")) == 2


def test_invalid_utf8_names_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("1. Scope\n2. Fees in \u20ac or \xe9tat\n".encode("cp1252"))
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.code == "encoding"
    assert "line 2" in info.value.cause and "latin1.txt" in str(info.value)


def test_whitespace_only_text_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.code == "empty"


def test_odd_line_breaks_do_not_add_lines():
    doc = document_from_text("a\u2028b\x0cc\nd\u0085e\n")
    assert doc.text == "a b c\nd e\n"
    assert doc.line_of(doc.text.index("d")) == 2


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1.( )#-\r\n\t\u00a0\u2028\x0cIV")), max_size=80), st.sampled_from(["txt", "md"]))
def test_lines_and_blocks_are_consistent(source, fmt):
    doc = document_from_text(source, fmt=fmt)
    editor_lines = re.split(r"\r\n|\r|\n", source)
    assert doc.text.split("\n") == [line.translate(SAME_LENGTH) for line in editor_lines]
    previous_end = 0
    for block in doc.blocks:
        assert previous_end <= block.start <= block.end <= len(doc.text)
        assert doc.text[block.start : block.end].strip() == doc.text[block.start : block.end]
        previous_end = block.end
