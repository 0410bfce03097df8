"""reStructuredText: headings by underline, enumerated lists as written, tables as rows, source lines kept."""
from __future__ import annotations

from msalint.ingest import read_document
from msalint.rulebook.tables import table_rows
from msalint.segment import analyse

RST = """\
=======================
Managed Backup Terms
=======================

These terms are agreed between Vaultline Ltd and the Client.

1. Definitions
==============

"Restore Time" means the time from a restore request to usable data.

2. Service
==========

2.1 Backups
-----------

Vaultline shall copy the Client's data
every night.

(a) Copies are kept for 35 days.
(b) Copies are encrypted at rest.

+----------+--------------+
| Priority | Restore Time |
+==========+==============+
| P1       | 2 hours      |
+----------+--------------+
| P2       | 1 day        |
+----------+--------------+

.. list-table::
   :header-rows: 1

   * - Tier
     - Response time
   * - Gold
     - 15 minutes

.. include:: /etc/hostname

.. raw:: html

   <b>raw markup</b>

3. Term
=======

#. The terms run for one year.
#. Either party may end them on 90 days' notice.
"""


def _write(tmp_path, text=RST, name="terms.rst"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line(needle: str) -> int:
    return next(i for i, line in enumerate(RST.split("\n"), 1) if needle in line)


def test_sections_lists_and_definitions(tmp_path):
    analysis = analyse(read_document(_write(tmp_path)))
    ids = {c.id: c.heading for c in analysis.clauses}
    assert ids["1"] == "Definitions" and ids["2"] == "Service" and ids["2.1"] == "Backups" and ids["3"] == "Term"
    assert {"2.1(a)", "2.1(b)"} <= set(ids)
    assert [d.term for d in analysis.definitions] == ["Restore Time"]


def test_tables_become_rows(tmp_path):
    rows = [r for r in table_rows(read_document(_write(tmp_path))) if r.cells and not r.separator]
    assert [r.text_cells for r in rows] == [["Priority", "Restore Time"], ["P1", "2 hours"], ["P2", "1 day"],
                                            ["Tier", "Response time"], ["Gold", "15 minutes"]]
    assert rows[0].header and rows[3].header


def test_nothing_is_included_or_passed_through(tmp_path):
    doc = read_document(_write(tmp_path))
    assert "raw markup" not in doc.text and "include" not in doc.text


def test_lines_are_source_lines(tmp_path):
    doc = read_document(_write(tmp_path))
    assert doc.format == "rst"
    for needle in ("Managed Backup Terms", "2.1 Backups", "every night.", "(b) Copies", "| P2", "Gold", "90 days"):
        found = doc.text.index(needle.lstrip("| "))
        assert doc.line_of(found) == _line(needle), needle


def test_rst_is_recognised_without_its_suffix(tmp_path):
    doc = read_document(_write(tmp_path, name="terms"))
    assert doc.format == "rst" and doc.meta["extension_mismatch"] is False


def test_broken_markup_is_still_read(tmp_path):
    text = "Terms\n=====\n\n.. unknown-directive:: x\n\n* unclosed *emphasis and `backquote\n\nThe Client pays.\n"
    doc = read_document(_write(tmp_path, text))
    assert "The Client pays." in doc.text
