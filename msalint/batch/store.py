"""The batch results database (SQLite, WAL): one writer, the parent process, commits per document."""
from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from typing import Any, Iterator

from msalint.errors import ConfigError
from msalint.model import Finding
from msalint.serialise import FINDING_KEYS, finding_from_row, finding_row
from msalint.workers.jobs import OK, Job, Outcome

SCHEMA_VERSION = 2  # 2: one column per key of Finding.to_dict() (column, paragraph and fix added)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    state TEXT NOT NULL DEFAULT 'running',      -- running | completed | interrupted | failed | abandoned
    msalint_version TEXT NOT NULL,
    ruleset_hash TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '{}',         -- JSON
    total INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    processed INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    format TEXT,
    pages INTEGER,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'timeout', 'crashed')),
    error TEXT,
    error_code TEXT,
    msalint_version TEXT NOT NULL,
    ruleset_hash TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    checked_at TEXT NOT NULL,
    elapsed_s REAL,
    timings TEXT NOT NULL DEFAULT '{}',         -- JSON: read_s, analyse_s, lint_s
    worker_maxrss_kb INTEGER,
    elements TEXT NOT NULL DEFAULT '{}',        -- JSON: element -> present | missing | incomplete
    meta TEXT NOT NULL DEFAULT '{}',            -- JSON
    copied_from TEXT                            -- path whose identical result was reused
);
CREATE INDEX IF NOT EXISTS documents_key ON documents (sha256, ruleset_hash, msalint_version, status);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    element TEXT,
    clause TEXT,
    page INTEGER,
    line INTEGER,
    "column" INTEGER,
    paragraph INTEGER,
    start INTEGER,
    "end" INTEGER,
    excerpt TEXT,
    suggestion TEXT,
    fingerprint TEXT,
    details TEXT,                               -- JSON
    suppressed TEXT,
    fix TEXT                                    -- JSON
);
CREATE INDEX IF NOT EXISTS findings_document ON findings (document_id);
CREATE INDEX IF NOT EXISTS findings_rule ON findings (rule);
""" + """
CREATE TABLE IF NOT EXISTS families (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source TEXT NOT NULL,                       -- detected | the config file | command line
    principal TEXT NOT NULL,                    -- path of the document missing elements are reported on
    members TEXT NOT NULL,                      -- JSON: paths
    links TEXT NOT NULL DEFAULT '[]',           -- JSON: [{from, to, cite}]
    run_id INTEGER REFERENCES runs(id)
);
"""
# added to version-1 databases when they are opened (a new table changes no existing row)
FAMILIES_SCHEMA = SCHEMA[SCHEMA.index("CREATE TABLE IF NOT EXISTS families"):]

# Version 1 databases lack these finding columns; opening one adds them (its rows read them as NULL).
_ADDED_IN_2 = (('"column"', "INTEGER"), ("paragraph", "INTEGER"), ("fix", "TEXT"))


def now_iso() -> str:
    """The current UTC time as ISO 8601 with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class BatchStore:
    """Read and write one batch database; only the parent process ever writes."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True):
        self.path = os.fspath(path)
        if not create and not os.path.exists(self.path):
            raise ConfigError(f"{self.path}: no such batch database")
        try:
            self.conn = sqlite3.connect(self.path, timeout=30.0)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL survives a killed process (only power loss can drop the last commits).
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._init_schema(create)
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{self.path}: not a usable msalint batch database ({exc})") from exc

    def _init_schema(self, create: bool) -> None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        if has_meta:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is not None and int(row[0]) == 1:
                self._upgrade_from_1()
            elif row is None or int(row[0]) != SCHEMA_VERSION:
                found = row[0] if row else "none"
                raise ConfigError(f"{self.path}: batch schema version {found}, expected {SCHEMA_VERSION}")
            with self.conn:
                self.conn.executescript(FAMILIES_SCHEMA)
            return
        tables = self.conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables or not create:
            raise ConfigError(f"{self.path}: not an msalint batch database")
        with self.conn:
            self.conn.executescript(SCHEMA)
            self.conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _upgrade_from_1(self) -> None:
        with self.conn:
            for column, sql_type in _ADDED_IN_2:
                self.conn.execute(f"ALTER TABLE findings ADD COLUMN {column} {sql_type}")
            self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        """Close the connection (everything is already committed)."""
        self.conn.close()

    def __enter__(self) -> "BatchStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs ---------------------------------------------------------------------------------
    def begin_run(self, version: str, ruleset_hash: str, options: dict[str, Any]) -> int:
        """Record the start of a run; returns its id."""
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, msalint_version, ruleset_hash, options) VALUES (?, ?, ?, ?)",
                (now_iso(), version, ruleset_hash, json.dumps(options, default=str, sort_keys=True)))
        return _row_id(cur)

    def abandon_stale_runs(self) -> None:
        """Mark runs left 'running' by a killed process as 'abandoned' (call only while holding the run lock)."""
        with self.conn:
            self.conn.execute("UPDATE runs SET state = 'abandoned' WHERE state = 'running'")

    def update_run(self, run_id: int, **counts: Any) -> None:
        """Set counters and/or ``state``/``finished_at`` of a run."""
        allowed = {"state", "finished_at", "total", "skipped", "processed", "failed"}
        cols = [k for k in counts if k in allowed]
        if not cols:
            return
        with self.conn:
            self.conn.execute(f"UPDATE runs SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                              [counts[c] for c in cols] + [run_id])

    # -- resume decisions -----------------------------------------------------------------------
    def row_for_path(self, path: str) -> sqlite3.Row | None:
        """The stored row of a path, if any."""
        return self.conn.execute("SELECT * FROM documents WHERE path = ?", (path,)).fetchone()

    def successful_copy(self, sha256: str, ruleset_hash: str, version: str) -> sqlite3.Row | None:
        """A successful row for identical content, rules and version (under any path)."""
        return self.conn.execute(
            "SELECT * FROM documents WHERE sha256 = ? AND ruleset_hash = ? AND msalint_version = ? AND status = ?"
            " ORDER BY id LIMIT 1", (sha256, ruleset_hash, version, OK)).fetchone()

    # -- writes ----------------------------------------------------------------------------------
    def record(self, outcome: Outcome, *, run_id: int, version: str, ruleset_hash: str) -> int:
        """Replace the row of ``outcome.job.path`` with this outcome and its findings; commits."""
        job = outcome.job
        # the one serialisation of a result (DocumentResult.to_dict), as the cache and the JSON report have it
        data = outcome.result.to_dict() if outcome.result is not None else {}
        ok = outcome.status == OK
        meta = {k: v for k, v in data.get("meta", {}).items() if k != "timings"}
        row = {
            "path": job.path, "sha256": job.sha256, "size": job.size,
            "format": data.get("format"), "pages": data.get("pages"),
            "status": outcome.status, "error": outcome.error, "error_code": outcome.error_code,
            "msalint_version": version, "ruleset_hash": ruleset_hash, "run_id": run_id,
            "checked_at": now_iso(), "elapsed_s": outcome.elapsed_s,
            "timings": json.dumps(outcome.timings or {}, default=str),
            "worker_maxrss_kb": outcome.worker_maxrss_kb,
            "elements": json.dumps(data.get("elements", {}) if ok else {}, default=str),
            "meta": json.dumps(meta, default=str), "copied_from": None,
        }
        findings = data.get("findings", []) if ok else []
        with self.conn:
            doc_id = self._replace_document(row)
            self.conn.executemany(
                f"INSERT INTO findings (document_id, {', '.join(_q(c) for c in FINDING_KEYS)})"
                f" VALUES (?, {', '.join('?' for _ in FINDING_KEYS)})",
                [(doc_id, *finding_row(f)) for f in findings])
        return doc_id

    def copy_result(self, source: sqlite3.Row, job: Job, *, run_id: int) -> int:
        """Store ``job`` as an identical copy of a successful row for the same content; commits."""
        row = {k: source[k] for k in source.keys() if k != "id"}
        row.update(path=job.path, size=job.size, run_id=run_id, checked_at=now_iso(), copied_from=source["path"])
        cols = ", ".join(_q(c) for c in FINDING_KEYS)
        with self.conn:
            doc_id = self._replace_document(row)
            self.conn.execute(
                f"INSERT INTO findings (document_id, {cols}) SELECT ?, {cols} FROM findings WHERE document_id = ?",
                (doc_id, source["id"]))
        return doc_id

    def _replace_document(self, row: dict[str, Any]) -> int:
        self.conn.execute("DELETE FROM documents WHERE path = ?", (row["path"],))  # cascades to findings
        cols = list(row)
        cur = self.conn.execute(
            f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [row[c] for c in cols])
        return _row_id(cur)

    # -- reads -----------------------------------------------------------------------------------
    def documents(self) -> Iterator[sqlite3.Row]:
        """All document rows, by path."""
        yield from self.conn.execute("SELECT * FROM documents ORDER BY path")

    def findings(self) -> Iterator[tuple[int, Finding]]:
        """(document id, finding) for every stored finding, grouped by document."""
        for _, document_id, finding in self.findings_with_ids():
            yield document_id, finding

    def findings_with_ids(self) -> Iterator[tuple[int, int, Finding]]:
        """(finding id, document id, finding) for every stored finding, grouped by document."""
        for row in self.conn.execute("SELECT * FROM findings ORDER BY document_id, id"):
            yield row["id"], row["document_id"], finding_from_row(row)

    def families(self) -> list[sqlite3.Row]:
        """All families of the last family pass, by name."""
        return list(self.conn.execute("SELECT * FROM families ORDER BY name, id"))

    def replace_families(self, families: list[dict[str, Any]], updates: list[dict[str, Any]], run_id: int) -> None:
        """Store the families found over the database's documents (replacing the previous ones) and each member's
        family-checked ``elements``, ``meta`` and finding suppressions (``updates``: document id, elements, meta and
        finding id -> suppressed reason); commits."""
        with self.conn:
            self.conn.execute("DELETE FROM families")
            self.conn.executemany(
                "INSERT INTO families (name, source, principal, members, links, run_id) VALUES (?, ?, ?, ?, ?, ?)",
                [(f["name"], f["source"], f["principal"], json.dumps(f["members"]), json.dumps(f["links"]), run_id)
                 for f in families])
            for u in updates:
                self.conn.execute("UPDATE documents SET elements = ?, meta = ? WHERE id = ?",
                                  (json.dumps(u["elements"]), json.dumps(u["meta"], default=str), u["id"]))
                self.conn.executemany("UPDATE findings SET suppressed = ? WHERE id = ?",
                                      [(reason, fid) for fid, reason in u["suppressed"].items()])

    def runs(self) -> list[sqlite3.Row]:
        """All runs, oldest first."""
        return list(self.conn.execute("SELECT * FROM runs ORDER BY id"))


def _q(column: str) -> str:
    return f'"{column}"'


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (always set after one)."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid
