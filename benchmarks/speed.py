"""Speed and memory of msalint beside a floor and the peer redline-buddy, all measured in the same run.

Usage:
  python benchmarks/speed.py cold     [--peer PATH/TO/redline]   # cold start on 3 files, --help, rules, rule ID
  python benchmarks/speed.py batch    [--peer ...] [--jobs 1 2] [--pdf-sample K]   # contracts/s, pages/s, RSS
  python benchmarks/speed.py scaling                               # 1x/4x/16x and adversarial documents
  python benchmarks/speed.py corpus                                # slowest document of every shared corpus

The code measured is this checkout's (PYTHONPATH is set to it). The floor is what any Python tool built on
spaCy pays: the interpreter start, and spaCy's blank English tokenizer plus sentencizer over the same texts.
The peer is redline-buddy (`pip install redline-buddy` into a throwaway venv; pass its `redline` script with
--peer), run with its consulting-msa playbook on the same files. Prints Markdown tables on stdout.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"
CUAD = SHARED / "cuad-dev"
COLD_FILES = [
    SHARED / "templates" / "common-paper-cloud-service-agreement.docx",
    CUAD / "pdf" / "MERITLIFEINSURANCECO_06_19_2020-EX-10.(XIV)-MASTER SERVICES AGREEMENT.pdf",
    CUAD / "txt" / "MERITLIFEINSURANCECO_06_19_2020-EX-10.(XIV)-MASTER SERVICES AGREEMENT.txt",
]
PEER_PLAYBOOK = "consulting-msa"
ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}

SPACY_FLOOR = """
import sys, spacy
nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sys.argv[1:]]
for doc in nlp.pipe(texts, batch_size=8):
    pass
"""


def wall(cmd: list[str], repeat: int = 3, **kw) -> float:
    """Median wall seconds of running ``cmd`` (output discarded)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, **kw)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def extracted_text(path: Path, folder: Path) -> Path:
    """The document's text as msalint reads it, written to ``folder`` (input of the spaCy floor)."""
    sys.path.insert(0, str(REPO))
    from msalint.ingest import read_document

    target = folder / (path.name + ".txt")
    target.write_text(read_document(path).text, encoding="utf-8")
    return target


def cold(args: argparse.Namespace) -> None:
    python = [sys.executable]
    print(f"python start (floor): {wall(python + ['-c', 'pass']):.2f} s\n")
    print("| command | msalint s | floor: python + spaCy tokenize s | x floor | peer s | x peer |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for path in COLD_FILES:
            ours = wall(python + ["-m", "msalint", "check", "--no-cache", "--format", "json", str(path)])
            floor = wall(python + ["-c", SPACY_FLOOR, str(extracted_text(path, Path(tmp)))])
            peer = wall([args.peer, "review", str(path), "--playbook", PEER_PLAYBOOK, "--format", "json"]) \
                if args.peer else float("nan")
            print(f"| check --no-cache {path.suffix} ({path.stat().st_size // 1024} kB) | {ours:.2f} | {floor:.2f} | "
                  f"{ours / floor:.2f} | {peer:.2f} | {ours / peer:.2f} |")
    for argv in (["--help"], ["rules"], ["rule", "MSA-WRD-001"]):
        ours = wall(python + ["-m", "msalint", *argv])
        peer = wall([args.peer, "--help"]) if args.peer and argv == ["--help"] else float("nan")
        print(f"| {' '.join(argv)} | {ours:.2f} | - | - | {peer:.2f} | {ours / peer:.2f} |")


def batch_once(inputs: list[Path], jobs: int, db: Path) -> dict:
    """One fresh `msalint batch`; wall time and what the database says."""
    cmd = [sys.executable, "-m", "msalint", "batch", *map(str, inputs), "--db", str(db), "--jobs", str(jobs),
           "--timeout", "0", "-q"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT status, pages, elapsed_s, worker_maxrss_kb, path FROM documents").fetchall()
    slowest = max(rows, key=lambda r: r[2] or 0)
    return {"wall": seconds, "docs": len(rows), "pages": sum(r[1] or 0 for r in rows),
            "rss_mb": max(r[3] or 0 for r in rows) / 1024, "failed": sum(r[0] != "ok" for r in rows),
            "slowest": (slowest[2] or 0, Path(slowest[4]).name)}


def batch(args: argparse.Namespace) -> None:
    txt = sorted((CUAD / "txt").glob("*.txt"))[::args.txt_sample]
    pdfs = sorted((CUAD / "pdf").glob("*.pdf"))[::args.pdf_sample]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf_texts = [extracted_text(p, folder) for p in pdfs]
        floor_txt = wall([sys.executable, "-c", SPACY_FLOOR, *map(str, txt)], repeat=1)
        floor_pdf = wall([sys.executable, "-c", SPACY_FLOOR, *map(str, pdf_texts)], repeat=1)
        peer_dir = folder / "peer"
        peer_dir.mkdir()
        for p in pdfs:
            (peer_dir / p.name).symlink_to(p)
        txt_dir = folder / "txt"
        txt_dir.mkdir()
        for p in txt:
            (txt_dir / p.name).symlink_to(p)
        peer_txt = wall([args.peer, "review", str(txt_dir), "--playbook", PEER_PLAYBOOK, "--format", "json"],
                        repeat=1) if args.peer else float("nan")
        peer_pdf = wall([args.peer, "review", str(peer_dir), "--playbook", PEER_PLAYBOOK, "--format", "json"],
                        repeat=1) if args.peer else float("nan")
        print(f"CUAD txt: {len(txt)} contracts (every {args.txt_sample}th); PDF sample: {len(pdfs)} files (every {args.pdf_sample}th)\n")
        print("| run | jobs | wall s | msalint | floor (spaCy 1 core) | peer (1 process) | x floor | x peer "
              "| peak RSS/worker | slowest doc |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for jobs in args.jobs:
            r = batch_once(txt, jobs, folder / f"txt{jobs}.sqlite")
            rate, floor, peer = r["docs"] / r["wall"], len(txt) / floor_txt, len(txt) / peer_txt
            print(f"| txt contracts/s | {jobs} | {r['wall']:.1f} | {rate:.1f} | {floor:.1f} | {peer:.1f} | "
                  f"{rate / floor:.2f} | {rate / peer:.2f} | {r['rss_mb']:.0f} MB | "
                  f"{r['slowest'][0]:.1f} s {r['slowest'][1][:40]} |")
            r = batch_once(pdfs, jobs, folder / f"pdf{jobs}.sqlite")
            rate, floor, peer = r["pages"] / r["wall"], r["pages"] / floor_pdf, r["pages"] / peer_pdf
            print(f"| pdf pages/s ({r['pages']} pages) | {jobs} | {r['wall']:.1f} | {rate:.1f} | {floor:.1f} "
                  f"(text only) | {peer:.1f} | {rate / floor:.2f} | {rate / peer:.2f} | {r['rss_mb']:.0f} MB | "
                  f"{r['slowest'][0]:.1f} s {r['slowest'][1][:40]} |")


def corpus(args: argparse.Namespace) -> None:
    """The slowest documents of every shared corpus (a batch with 2 workers)."""
    folders = [CUAD / "txt", CUAD / "pdf", SHARED / "service-contracts" / "files", SHARED / "templates"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "all.sqlite"
        batch_once(folders, 2, db)
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT elapsed_s, status, path FROM documents ORDER BY elapsed_s DESC").fetchall()
    print(f"{len(rows)} documents; over 2 s: {sum((r[0] or 0) > 2 for r in rows)}\n")
    print("| s | status | document |\n|---|---|---|")
    for seconds, status, path in rows[:5]:
        print(f"| {seconds or 0:.2f} | {status} | {Path(path).name} |")


def adversarial_texts(base: str) -> dict[str, str]:
    """Documents built to trip super-linear scans: repeats and long runs of one character."""
    half = len(base) // 2
    texts = {f"contract x{n}": "\n\n".join([base] * n) for n in (1, 4, 16)}
    for name, run in (("whitespace", " \t" * 10_000), ("underscores", "_" * 20_000), ("dots", ". " * 10_000),
                      ("brackets", "([{" * 7_000), ("newlines", "\n" * 20_000)):
        texts[f"{name} run"] = base[:half] + run + base[half:]
    words = "the Supplier shall respond within four hours "
    texts["one 5 MB line"] = words * (5_000_000 // len(words))
    return texts


def scaling(args: argparse.Namespace) -> None:
    """Lint time (read + analyse + lint, rules loaded once) for each adversarial document, beside spaCy."""
    sys.path.insert(0, str(REPO))
    import spacy

    from msalint.api import lint_path, load_rules

    ruleset = load_rules()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8
    base = (CUAD / "txt" / COLD_FILES[2].name).read_text(encoding="utf-8")
    lint_path(COLD_FILES[2], ruleset)  # warm-up
    print("| document | chars | msalint s | spaCy floor s | x floor | x the 1x contract |")
    print("|---|---|---|---|---|---|")
    one = None
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in adversarial_texts(base).items():
            path = Path(tmp) / "doc.txt"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            result = lint_path(path, ruleset)
            ours = time.perf_counter() - started
            started = time.perf_counter()
            nlp(text)
            floor = time.perf_counter() - started
            one = one or ours
            note = f" ({result.error})" if result.error else ""
            print(f"| {name}{note} | {len(text):,} | {ours:.2f} | {floor:.2f} | {ours / floor:.1f} | "
                  f"{ours / one:.1f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["cold", "batch", "scaling", "corpus"])
    parser.add_argument("--peer", help="path to redline-buddy's `redline` script")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pdf-sample", type=int, default=4, help="use every k-th CUAD PDF")
    parser.add_argument("--txt-sample", type=int, default=1, help="use every k-th CUAD text")
    args = parser.parse_args()
    if not CUAD.is_dir():
        raise SystemExit(f"shared corpora not found at {SHARED}")
    print(f"<!-- {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} cores -->")
    {"cold": cold, "batch": batch, "scaling": scaling, "corpus": corpus}[args.what](args)


if __name__ == "__main__":
    main()
