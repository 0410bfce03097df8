"""Snapshot what `msalint check --format json --no-cache` reports on a fixed set of documents, and compare snapshots.

A speed change must not change a finding: take a snapshot before it, another after, and compare.

Usage:
  python benchmarks/same_findings.py snapshot OUT.json [--checkout DIR]   # corpora/ + a fixed sample of ../shared
  python benchmarks/same_findings.py compare A.json B.json                  # exit 1 and list documents that differ
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"


def sample_documents() -> list[Path]:
    """corpora/ and a fixed, spread-out sample of the shared corpora (every kind of input: docx, txt, pdf, md)."""
    docs = sorted(p for p in (REPO / "corpora").iterdir() if p.suffix in {".md", ".txt"})
    picks = [
        (SHARED / "templates", "*.docx", 3),
        (SHARED / "service-contracts" / "files", "*", 4),
        (SHARED / "cuad-dev" / "txt", "*.txt", 25),
        (SHARED / "cuad-dev" / "pdf", "*.pdf", 20),
    ]
    for folder, pattern, step in picks:
        docs += sorted(folder.glob(pattern))[::step]
    return docs


def snapshot(out: Path, checkout: Path) -> None:
    docs = sample_documents()
    env = {**os.environ, "PYTHONPATH": str(checkout), "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as cwd:
        run = subprocess.run([sys.executable, "-m", "msalint", "check", "--format", "json", "--no-cache",
                              *map(str, docs)], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"msalint failed ({run.returncode}): {run.stderr[-2000:]}")
    documents = json.loads(run.stdout)["documents"]
    out.write_text(json.dumps({d["path"]: d for d in documents}, indent=1, sort_keys=True), encoding="utf-8")
    findings = sum(len(d.get("findings") or []) for d in documents)
    print(f"{len(documents)} documents, {findings} findings -> {out}")


def compare(a: Path, b: Path) -> int:
    left = json.loads(a.read_text(encoding="utf-8"))
    right = json.loads(b.read_text(encoding="utf-8"))
    differ = sorted(p for p in left.keys() | right.keys() if left.get(p) != right.get(p))
    for path in differ:
        print(f"differs: {path}")
    findings = sum(len(d.get("findings") or []) for d in left.values())
    print(f"{len(left)} documents, {findings} findings; {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out", type=Path)
    snap.add_argument("--checkout", type=Path, default=REPO)
    comp = sub.add_parser("compare")
    comp.add_argument("a", type=Path)
    comp.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.checkout.resolve())
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
