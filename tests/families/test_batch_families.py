"""`msalint batch` stores each family and its members' family-checked states; the portfolio report shows them."""
from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from msalint.batch.portfolio import write_report
from msalint.batch.runner import BatchConfig, run_batch
from msalint.config import load_config

from .documents import SLA_ELEMENTS, SLA_RULES, write_family

pytestmark = pytest.mark.slow


def batch(tmp_path, folder, **settings):
    db = tmp_path / "review.sqlite"
    run_batch(BatchConfig(paths=[str(folder)], db=str(db), jobs=1, settings=load_config(None, cwd=tmp_path,
                                                                                       cli=settings)))
    return db


def suppressed_rules(db, name: str) -> dict[str, str]:
    rows = sqlite3.connect(db).execute(
        "SELECT f.rule, f.suppressed FROM findings f JOIN documents d ON d.id = f.document_id "
        "WHERE d.path LIKE ? AND f.suppressed IS NOT NULL", (f"%/{name}",))
    return dict(rows)


def test_batch_records_the_family_and_is_stable_on_resume(tmp_path):
    files = write_family(tmp_path / "deal")
    db = batch(tmp_path, files["msa"].parent)
    con = sqlite3.connect(db)
    (name, principal, members), = con.execute("SELECT name, principal, members FROM families")
    assert name == "MASTER SERVICES AGREEMENT" and principal.endswith("/msa.docx")
    assert sorted(m.rsplit("/", 1)[-1] for m in json.loads(members)) == ["msa.docx", "order.md", "sla.pdf"]
    elements = json.loads(con.execute("SELECT elements FROM documents WHERE path LIKE '%/msa.docx'").fetchone()[0])
    assert {elements[e] for e in SLA_ELEMENTS} == {"present"}
    assert SLA_RULES <= set(suppressed_rules(db, "msa.docx"))
    before = con.execute("SELECT path, elements, meta FROM documents ORDER BY path").fetchall()
    batch(tmp_path, files["msa"].parent)  # every document already done: the family pass starts from own states
    assert con.execute("SELECT path, elements, meta FROM documents ORDER BY path").fetchall() == before
    assert con.execute("SELECT count(*) FROM families").fetchone()[0] == 1


def test_batch_without_family_detection_keeps_each_file_alone(tmp_path):
    files = write_family(tmp_path / "deal")
    db = batch(tmp_path, files["msa"].parent, auto_families=False)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM families").fetchone()[0] == 0
    assert not SLA_RULES & set(suppressed_rules(db, "msa.docx"))


def test_portfolio_report_shows_the_family(tmp_path):
    files = write_family(tmp_path / "deal")
    db = batch(tmp_path, files["msa"].parent)
    write_report(db, tmp_path / "out")
    rows = {r["path"]: r for r in csv.DictReader((tmp_path / "out" / "matrix.csv").open(encoding="utf-8"))}
    assert {r["family"] for r in rows.values()} == {"MASTER SERVICES AGREEMENT"}
    assert rows["msa.docx"]["response_times"] == "present"
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert len(results["families"]) == 1
    msa = next(d for d in results["documents"] if d["display_path"] == "msa.docx")
    assert msa["family"]["found_in"]["response_times"].endswith("sla.pdf")
    assert msa["counts"]["warning"] == sum(1 for f in msa["findings"] if f["severity"] == "warning"
                                           and not f.get("suppressed"))
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "family MASTER SERVICES AGREEMENT (principal): msa.docx, order.md, sla.pdf" in html
    assert 'title="present: found in sla.pdf"' in html


def test_batch_declared_family_spans_folders(tmp_path):
    files = write_family(tmp_path / "deal")
    (tmp_path / "schedules").mkdir()
    sla = files["sla"].rename(tmp_path / "schedules" / "sla.pdf")
    db = tmp_path / "review.sqlite"
    settings = load_config(None, cwd=tmp_path, cli={"families": [f"bramblewood={tmp_path}/deal/*,{sla}"]})
    run_batch(BatchConfig(paths=[str(tmp_path / "deal"), str(tmp_path / "schedules")], db=str(db), jobs=1,
                          settings=settings))
    (name, source, members), = sqlite3.connect(db).execute("SELECT name, source, members FROM families")
    assert (name, source) == ("bramblewood", "command line")
    assert sorted(m.rsplit("/", 1)[-1] for m in json.loads(members)) == ["msa.docx", "order.md", "sla.pdf"]
    assert SLA_RULES <= set(suppressed_rules(db, "msa.docx"))
