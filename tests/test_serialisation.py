"""One serialisation of a result and one fingerprint: `check --format json`, the result cache and the batch
database carry the same finding fields and fingerprints; and a document is read and hashed once per lint."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.batch.store import SCHEMA_VERSION, BatchStore
from msalint.cli import cli
from msalint.config import load_config
from msalint.model import DocumentResult, Finding, Severity, fingerprint
from msalint.serialise import FINDING_KEYS, finding_from_row, finding_row, result_from_dict
from msalint.session import LintOptions, Session

sys.path.insert(0, str(Path(__file__).resolve().parent / "ingest"))
import docxgen  # noqa: E402
import pdfgen  # noqa: E402

# Invented agreement: weak wording on a line of its own (a column), a missing data-protection element.
AGREEMENT = """MASTER SERVICES AGREEMENT

1. Services. The Supplier shall provide the hosting services.
   The Supplier shall use best efforts to restore outages and/or incidents.

2. Fees. The Customer shall pay the fees within thirty (30) days of receipt of a correct invoice.
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "msa.txt").write_text(AGREEMENT, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("MSALINT_CACHE_DIR", str(tmp_path / "cache"))
    return root


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@pytest.mark.slow
def test_check_json_cache_and_batch_rows_carry_the_same_findings(project, tmp_path):
    checked = json.loads(_invoke("check", "msa.txt", "--format", "json"))["documents"][0]["findings"]
    assert checked and any(f["column"] and f["column"] > 1 for f in checked)  # located findings have a column
    assert {f["fingerprint"] for f in checked if f["start"] is None}  # and whole-document ones a fingerprint

    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1
    cached = json.loads(entries[0].read_text(encoding="utf-8"))["result"]["findings"]

    db = tmp_path / "r.sqlite"
    _invoke("batch", ".", "--db", str(db), "-j", "1", "--progress", "none")
    with BatchStore(db, create=False) as store:
        stored = [finding.to_dict() for _, finding in store.findings()]

    def by_place(findings):
        return sorted(findings, key=lambda f: (f["start"] is None, f["start"] or 0, f["rule"], f["fingerprint"]))

    assert by_place(cached) == by_place(checked)
    assert by_place(stored) == by_place(checked)
    assert set(checked[0]) <= set(FINDING_KEYS)


def test_finding_row_round_trip_keeps_every_field():
    finding = Finding("MSA-X-1", Severity.WARNING, "m", element="e", clause="2", page=1, line=4, column=7,
                      paragraph=3, start=10, end=14, excerpt="text", suggestion="s", fingerprint=fingerprint("X", "t"),
                      details={"closest": {"clause": "3"}}, suppressed="baseline")
    row = dict(zip(FINDING_KEYS, finding_row(finding.to_dict())))
    assert finding_from_row(row) == finding
    assert finding_from_row(row).to_dict() == finding.to_dict()


def test_result_from_dict_refuses_foreign_shapes():
    result = DocumentResult(path="a.txt", sha256="0" * 64, format="txt", elements={"fees": "present"},
                            findings=[Finding("R", Severity.INFO, "m", fingerprint="f")])
    data = json.loads(json.dumps(result.to_dict()))
    assert result_from_dict(data, "b.txt") == DocumentResult(**{**vars_of(result), "path": "b.txt"})
    for broken in ({**data, "pages": "3"}, {**data, "surprise": 1}, {k: v for k, v in data.items() if k != "meta"}):
        with pytest.raises((TypeError, ValueError)):
            result_from_dict(broken)


def vars_of(result: DocumentResult) -> dict:
    return {name: getattr(result, name) for name in result.__slots__}


def test_a_version_1_batch_database_gains_the_new_finding_columns(tmp_path):
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE findings (id INTEGER PRIMARY KEY, document_id INTEGER, rule TEXT NOT NULL,
            severity TEXT NOT NULL, message TEXT NOT NULL, element TEXT, clause TEXT, page INTEGER, line INTEGER,
            start INTEGER, "end" INTEGER, excerpt TEXT, suggestion TEXT, fingerprint TEXT, details TEXT,
            suppressed TEXT);
        INSERT INTO findings (document_id, rule, severity, message, fingerprint) VALUES (1, 'R', 'info', 'm', 'fp');
    """)
    conn.commit()
    conn.close()
    with BatchStore(db, create=False) as store:
        [(doc_id, finding)] = list(store.findings())
        version = store.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert (doc_id, finding.rule, finding.fingerprint, finding.column, finding.fix) == (1, "R", "fp", None, None)
    assert int(version) == SCHEMA_VERSION == 2


# ---- read and hashed once ---------------------------------------------------------------------


class Counter:
    """Counts how often a document's bytes are opened and hashed while it is linted (the real functions run)."""

    def __init__(self, monkeypatch, data: bytes):
        import msalint.files

        self.opened = 0
        self.hashed = 0
        real_open, real_sha256 = msalint.files.open_regular, hashlib.sha256

        def open_regular(path):
            self.opened += 1
            return real_open(path)

        def sha256(initial: bytes = b"", **kwargs):
            if initial == data:
                self.hashed += 1
            digest = real_sha256(initial, **kwargs)
            return _CountingHash(digest, data, self)

        monkeypatch.setattr(msalint.files, "open_regular", open_regular)
        monkeypatch.setattr(hashlib, "sha256", sha256)


class _CountingHash:
    def __init__(self, digest, data: bytes, counter: Counter):
        self._digest, self._data, self._counter, self._seen = digest, data, counter, b""

    def update(self, chunk: bytes) -> None:  # a streamed hash of the file counts once, when complete
        self._seen += chunk
        if self._seen == self._data:
            self._counter.hashed += 1
        self._digest.update(chunk)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()

    def digest(self) -> bytes:
        return self._digest.digest()


def _documents(tmp_path: Path) -> list[Path]:
    pdf = pdfgen.contract_pdf(tmp_path / "msa.pdf")
    docx = tmp_path / "msa.docx"
    docx.write_bytes(docxgen.build_docx([docxgen.p("1. Services"), docxgen.p(AGREEMENT.splitlines()[3])]))
    text = tmp_path / "msa.txt"
    text.write_text(AGREEMENT, encoding="utf-8")
    return [pdf, docx, text]


@pytest.mark.parametrize("cache", [True, False])
def test_each_document_is_read_and_hashed_once(tmp_path, monkeypatch, cache):
    monkeypatch.setenv("MSALINT_CACHE_DIR", str(tmp_path / "cache"))
    session = Session(load_config(None), LintOptions(cache=cache))
    session.ruleset()  # rule files are read here, not while linting a document
    for path in _documents(tmp_path):
        for run in ("first", "again"):  # with the cache on, the second run is a hit
            with monkeypatch.context() as patch:
                counter = Counter(patch, path.read_bytes())
                result = session.lint(path)
            assert result.error is None and result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
            assert (counter.opened, counter.hashed) == (1, 1), (path.name, run)
