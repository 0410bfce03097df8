"""Seeded byte-level mutation of real DOCX and PDF files, linted by `msalint batch` (per-file timeout) and a
sample by `msalint check`: every mutant must end as ok or a document error, never a crash, hang or traceback.

    python benchmarks/robustness/mutate.py [--docx 500] [--pdf 300] [--seed 20261207] [--jobs 2]

Sources are read from ../shared/corpora at run time (nothing is copied into the repository); the mutants live in a
temporary folder that is removed afterwards. Prints a Markdown table for benchmarks/results/robustness.md.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "corpora"
FAILURE_STATUSES = {"crashed", "timeout"}


def sources(suffix: str, count: int, max_bytes: int) -> list[Path]:
    found = sorted(p for p in SHARED.rglob(f"*{suffix}") if p.stat().st_size <= max_bytes)
    if not found:
        sys.exit(f"no {suffix} files under {SHARED}")
    return found[:count]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One of: flip bytes, overwrite a run, insert junk, delete a slice, truncate, duplicate a slice."""
    data = bytearray(data)
    op = rng.choice(["flip", "overwrite", "insert", "delete", "truncate", "duplicate"])
    at = rng.randrange(len(data))
    span = rng.randint(1, max(1, min(4096, len(data) // 20)))
    if op == "flip":
        for _ in range(rng.randint(1, 64)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    elif op == "overwrite":
        data[at:at + span] = bytes(rng.randrange(256) for _ in range(span))
    elif op == "insert":
        data[at:at] = rng.choice([b"\x00" * span, b"<w:p>" * span, b"(" * span, b"\xff" * span])
    elif op == "delete":
        del data[at:at + span]
    elif op == "truncate":
        del data[at:]
    else:
        data[at:at] = data[max(0, at - span):at]
    return bytes(data)


def mutate_docx_member(data: bytes, rng: random.Random) -> bytes:
    """A valid ZIP whose one XML member is mutated: reaches the XML readers rather than failing at the CRC."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    xml = [n for n in names if n.endswith(".xml")] or names
    victim = rng.choice([n for n in xml if "document" in n] * 3 + xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            body = source.read(name)
            target.writestr(name, mutate_bytes(body, rng) if name == victim and body else body)
    return out.getvalue()


def make_mutants(folder: Path, n_docx: int, n_pdf: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    made = Counter()
    for suffix, total, max_bytes in ((".docx", n_docx, 400_000), (".pdf", n_pdf, 400_000)):
        files = sources(suffix, 6, max_bytes)
        for i in range(total):
            original = files[i % len(files)].read_bytes()
            if suffix == ".docx" and i % 2:
                data = mutate_docx_member(original, rng)
            else:
                data = mutate_bytes(original, rng)
            (folder / f"m{i:04d}{suffix}").write_bytes(data)
            made[suffix] += 1
    return dict(made)


def run_batch(folder: Path, db: Path, jobs: int) -> tuple[int, float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "msalint", "batch", str(folder), "--db", str(db), "-j", str(jobs),
                           "--timeout", "30", "--quiet"],
                          cwd=REPO, capture_output=True, text=True)
    if "Traceback" in done.stderr:
        print(done.stderr[-3000:], file=sys.stderr)
    return done.returncode, time.monotonic() - started


def batch_figures(db: Path) -> dict:
    rows = sqlite3.connect(db).execute("SELECT path, status, error_code, elapsed_s FROM documents").fetchall()
    by_kind: dict[str, Counter] = {}
    worst = 0.0
    internal = []
    for path, status, code, elapsed in rows:
        kind = Path(path).suffix
        by_kind.setdefault(kind, Counter())[status if status != "error" else f"error:{code}"] += 1
        worst = max(worst, elapsed or 0.0)
        if status in FAILURE_STATUSES or code == "internal":
            internal.append((path, status, code))
    return {"by_kind": {k: dict(v) for k, v in by_kind.items()}, "failures": internal, "slowest_s": worst,
            "documents": len(rows)}


def check_sample(folder: Path, n: int, seed: int) -> dict:
    """`msalint check` on a few mutants, one process each: exit code and stderr as a user sees them."""
    files = sorted(folder.iterdir())
    sample = random.Random(seed).sample(files, min(n, len(files)))
    exits, tracebacks = Counter(), []
    for path in sample:
        done = subprocess.run([sys.executable, "-m", "msalint", "check", "--no-cache", "-q", str(path)], cwd=REPO,
                              capture_output=True, text=True, timeout=120)
        exits[done.returncode] += 1
        if "Traceback" in done.stderr or done.returncode not in (0, 1, 3):
            tracebacks.append((path.name, done.returncode, done.stderr[-500:]))
    return {"exits": dict(exits), "bad": tracebacks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docx", type=int, default=500)
    parser.add_argument("--pdf", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--check-sample", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="msalint-mutants-") as tmp:
        folder = Path(tmp) / "mutants"
        folder.mkdir()
        made = make_mutants(folder, args.docx, args.pdf, args.seed)
        code, seconds = run_batch(folder, Path(tmp) / "r.sqlite", args.jobs)
        figures = batch_figures(Path(tmp) / "r.sqlite")
        sample = check_sample(folder, args.check_sample, args.seed)
    report = {"seed": args.seed, "mutants": made, "batch_exit": code, "batch_seconds": round(seconds, 1),
              **figures, "check_sample": sample}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
