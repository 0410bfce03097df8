"""Benchmark `msalint batch` over the CUAD dev corpus with --jobs 1 and --jobs 2.

Usage: python benchmarks/batch_cuad.py [--corpus DIR] [--jobs 1 2] [--limit N] [--out FILE]
Reports documents/s, pages/s, peak RSS per worker and the speed-up; writes a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "cuad-dev"


def sample_files(folders: list[Path], target: int) -> list[str]:
    """Every k-th file (sorted) of each folder, k chosen so about ``target`` files are used in all."""
    files = [sorted(p for p in folder.iterdir() if p.is_file()) for folder in folders]
    step = max(1, round(sum(len(f) for f in files) / target))
    return [str(p) for group in files for p in group[::step]]


def run_once(inputs: list[str], jobs: int, workdir: Path, timeout: float) -> dict:
    """One fresh batch in a subprocess; returns wall time and what the database says."""
    db = workdir / f"jobs{jobs}.sqlite"
    cmd = [sys.executable, "-m", "msalint", "batch", *inputs, "--db", str(db), "--jobs", str(jobs),
           "--timeout", str(timeout), "--progress", "log", "--progress-interval", "60"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write(proc.stderr[-2000:])
    if proc.returncode not in (0, 3):
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT status, format, pages, elapsed_s, timings, worker_maxrss_kb FROM documents").fetchall()
    findings = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    timings = [json.loads(r[4] or "{}") for r in rows if r[0] == "ok"]
    return {
        "jobs": jobs, "wall_s": wall, "documents": len(rows), "load_before": load,
        "statuses": {s: sum(1 for r in rows if r[0] == s) for s in {r[0] for r in rows}},
        "pdf_pages": sum(r[2] or 0 for r in rows if r[1] == "pdf"),
        "findings": findings,
        "median_doc_s": statistics.median(r[3] for r in rows if r[3] is not None),
        "median_phase_s": {k: statistics.median(t.get(k, 0.0) for t in timings)
                           for k in ("read_s", "analyse_s", "lint_s")} if timings else {},
        "peak_worker_rss_mb": max((r[5] or 0) for r in rows) / 1024,
        "peak_child_rss_mb": after.ru_maxrss / 1024,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
    }


def markdown(results: list[dict], inputs: list[str], label: str = "") -> str:
    """The results as a Markdown page."""
    base = results[0]
    lines = [
        "# msalint batch over CUAD dev",
        "",
        f"Corpus: `cuad-dev` ({'a sample of ' if len(inputs) > 2 else ''}txt + pdf), {base['documents']} documents, "
        f"{base['pdf_pages']} PDF pages. Machine: {os.cpu_count()} cores ({platform.machine()}), shared with "
        f"other users, so absolute numbers are noisy. Python {platform.python_version()}. "
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `benchmarks/batch_cuad.py`"
        f"{f' ({label})' if label else ''}.",
        "",
        "Each run starts from an empty database (wall time includes walking, hashing, worker start-up with "
        "spaCy and rule loading, and the SQLite writes).",
        "",
        "| jobs | wall s | docs/s | PDF pages/s | speed-up | median s/doc | read / analyse / lint (median s) "
        "| peak RSS per worker | CPU s | CPU s / wall s | load before | statuses | findings |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        phases = " / ".join(f"{r['median_phase_s'].get(k, 0):.2f}" for k in ("read_s", "analyse_s", "lint_s"))
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items()))
        lines.append(
            f"| {r['jobs']} | {r['wall_s']:.1f} | {r['documents'] / r['wall_s']:.2f} | "
            f"{r['pdf_pages'] / r['wall_s']:.1f} | {base['wall_s'] / r['wall_s']:.2f}x | {r['median_doc_s']:.2f} | "
            f"{phases} | {r['peak_worker_rss_mb']:.0f} MB | {r['cpu_s']:.0f} | {r['cpu_s'] / r['wall_s']:.2f} | "
            f"{r['load_before']:.1f} | "
            f"{statuses} | {r['findings']} |")
    lines += [
        "",
        "- docs/s and pages/s are over the whole batch wall time (PDF pages only: text files have no pages).",
        "- Peak RSS per worker is the largest `ru_maxrss` a worker reported after a document "
        f"(the largest child process seen by the benchmark: {max(r['peak_child_rss_mb'] for r in results):.0f} MB).",
        "- The speed-up is bounded by 2 cores shared with other work; the parent (hashing, SQLite) is idle most of "
        "the time.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the benchmark and write the Markdown results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--sample", type=int, default=0,
                        help="Use every k-th file of each folder so about this many documents run (0: all).")
    parser.add_argument("--label", default="", help="A note for the results page, e.g. the commit measured.")
    parser.add_argument("--keep-db", type=Path, default=None, help="Keep the databases in this folder.")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "batch_cuad.md")
    args = parser.parse_args()
    folders = [args.corpus / "txt", args.corpus / "pdf"]
    if not all(f.is_dir() for f in folders):
        raise SystemExit(f"corpus not found under {args.corpus}")
    inputs = sample_files(folders, args.sample) if args.sample else [str(f) for f in folders]
    with tempfile.TemporaryDirectory(prefix="msalint-bench-") as tmp:
        workdir = args.keep_db or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for old in workdir.glob("jobs*.sqlite*"):
            old.unlink()
        results = []
        for jobs in args.jobs:
            result = run_once(inputs, jobs, workdir, args.timeout)
            print(json.dumps(result), flush=True)
            results.append(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(results, inputs, args.label), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
