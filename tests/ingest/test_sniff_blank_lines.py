"""Format sniffing reads a pipe table after any number of blank lines, one line at a time."""
from __future__ import annotations

from msalint.ingest.sniff import sniff_text_format

TABLE = "| Priority | Response |\n|---|---|\n| P1 | 1 hour |\n"


def test_a_pipe_table_after_a_long_run_of_blank_lines_is_markdown():
    assert sniff_text_format("Service levels\n" + "\n" * 20_000 + TABLE) == "md"


def test_a_delimiter_row_is_one_line():
    assert sniff_text_format("Plain words.\n---\n| not a table row\n") is None
    assert sniff_text_format("Plain words.\n" + "\n" * 5_000 + "more plain words.\n") is None
