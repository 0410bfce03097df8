"""Batch faults: kill -9 a running `msalint batch` at random moments and rerun; two batches on one database; a
read-only database folder. Checks: every document once, findings equal a clean run, PRAGMA integrity_check ok.

    python benchmarks/robustness/batch_faults.py [--kills 10] [--docs 24] [--seed 20261207]

Documents are the bundled sample agreements (corpora/*.md) copied under distinct names into a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def batch_cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "msalint", "batch", str(folder), "--db", str(db), "-j", "2", "--quiet"]


def findings_by_document(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT d.path, f.rule, f.severity, f.message, f.line FROM documents d "
                       "LEFT JOIN findings f ON f.document_id = d.id ORDER BY d.path, f.rule, f.line, f.message")
    out: dict[str, list] = {}
    for path, *finding in rows:
        out.setdefault(Path(path).name, [])
        if finding[0] is not None:
            out[Path(path).name].append(finding)
    return out


def integrity(db: Path) -> str:
    return sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]


def duplicates(db: Path) -> int:
    return sqlite3.connect(db).execute(
        "SELECT COUNT(*) - COUNT(DISTINCT path) FROM documents").fetchone()[0]


def make_folder(base: Path, n: int) -> Path:
    folder = base / "in"
    folder.mkdir()
    samples = sorted((REPO / "corpora").glob("*.md"))
    for i in range(n):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        (folder / f"doc{i:03d}.md").write_text(f"{text}\n\nReference {i}.\n", encoding="utf-8")
    return folder


def kill_loop(folder: Path, db: Path, kills: int, rng: random.Random) -> list[dict]:
    events = []
    for k in range(kills):
        proc = subprocess.Popen(batch_cmd(folder, db), cwd=REPO, stderr=subprocess.PIPE, start_new_session=True)
        delay = rng.uniform(0.5, 8.0)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, like a machine losing power
        proc.wait()
        stderr = proc.stderr.read().decode("utf-8", "replace")
        events.append({"kill": k + 1, "after_s": round(delay, 2), "had_finished": finished,
                       "traceback": "Traceback" in stderr})
    return events


def schema_findings_table_check(db: Path) -> None:
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"documents", "findings"} <= names:
        sys.exit(f"unexpected batch schema: {sorted(names)}")


def two_batches(folder: Path, db: Path) -> dict:
    first = subprocess.Popen(batch_cmd(folder, db) + ["--reprocess"], cwd=REPO, stderr=subprocess.PIPE)
    time.sleep(2.0)
    second = subprocess.run(batch_cmd(folder, db), cwd=REPO, capture_output=True, text=True, timeout=600)
    first.wait()
    return {"second_exit": second.returncode, "second_says": second.stderr.strip().splitlines()[-1:],
            "first_exit": first.returncode, "integrity": integrity(db)}


def read_only_database(folder: Path, db: Path) -> dict:
    """The database file and its folder made read-only (chattr +i as root, who ignores permission bits)."""
    before = db.read_bytes()
    targets = [db, db.parent]
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", *map(str, targets)], check=True)
        undo = lambda: subprocess.run(["chattr", "-i", *map(str, targets)], check=True)  # noqa: E731
    else:
        modes = [t.stat().st_mode for t in targets]
        db.chmod(stat.S_IRUSR)
        db.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
        undo = lambda: [t.chmod(m) for t, m in zip(targets, modes)]  # noqa: E731
    try:
        done = subprocess.run(batch_cmd(folder, db) + ["--reprocess"], cwd=REPO, capture_output=True, text=True,
                              timeout=600)
    finally:
        undo()
    return {"exit": done.returncode, "stderr": done.stderr.strip().splitlines()[-2:],
            "traceback": "Traceback" in done.stderr, "database_unchanged": db.read_bytes() == before,
            "integrity": integrity(db)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--docs", type=int, default=24)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="msalint-faults-") as tmp:
        base = Path(tmp)
        folder = make_folder(base, args.docs)
        clean_db = base / "clean" / "r.sqlite"
        clean_db.parent.mkdir()
        subprocess.run(batch_cmd(folder, clean_db), cwd=REPO, check=False)
        schema_findings_table_check(clean_db)
        faulted_db = base / "faulted" / "r.sqlite"
        faulted_db.parent.mkdir()
        events = kill_loop(folder, faulted_db, args.kills, rng)
        final = subprocess.run(batch_cmd(folder, faulted_db), cwd=REPO, capture_output=True, text=True)
        clean, faulted = findings_by_document(clean_db), findings_by_document(faulted_db)
        report = {
            "documents": args.docs, "kills": events,
            "kills_that_interrupted": sum(not e["had_finished"] for e in events),
            "tracebacks": sum(e["traceback"] for e in events) + ("Traceback" in final.stderr),
            "final_exit": final.returncode,
            "documents_once": len(faulted) == args.docs and duplicates(faulted_db) == 0,
            "findings_equal_clean_run": clean == faulted,
            "findings": sum(len(v) for v in faulted.values()),
            "integrity": integrity(faulted_db),
            "two_batches_on_one_db": two_batches(folder, faulted_db),
            "read_only_database": read_only_database(folder, faulted_db),
        }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
