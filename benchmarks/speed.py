"""Speed and memory of msalint beside a floor and the peer redline-buddy, all measured in the same run.

Usage:
  python benchmarks/speed.py cold     [--peer PATH/TO/redline] [--before DIR]  # cold start on 3 files, --help, rules
  python benchmarks/speed.py batch    [--peer ...] [--before DIR] [--jobs 1 2] [--pdf-sample K]  # contracts/s, RSS
  python benchmarks/speed.py scaling  [--before DIR] [--case-timeout S]  # 1x/4x/16x and adversarial documents
  python benchmarks/speed.py corpus                                # slowest document of every shared corpus

The code measured is this checkout's (PYTHONPATH is set to it); with --before DIR, another checkout (e.g.
`git worktree add ../before <commit>`) is measured in the same run, beside it, so a noisy machine affects both
alike. The floor is what any Python tool built on spaCy pays: the interpreter start, and spaCy's blank English
tokenizer plus sentencizer over the same texts. The peer is redline-buddy (`pip install redline-buddy` into a
throwaway venv; pass its `redline` script with --peer), run with its consulting-msa playbook on the same files.
Byte code is cached in a temporary folder (as an installed package has its .pyc files), even when
PYTHONDONTWRITEBYTECODE is set. Prints Markdown tables on stdout.
"""
from __future__ import annotations

import argparse
import os
import resource
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
PYCACHE = tempfile.mkdtemp(prefix="msalint-speed-pyc-")
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPATH": str(REPO), "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": PYCACHE}


# Commands run from an empty folder: `python -m msalint` puts the working directory first on sys.path, which
# would measure whichever checkout the benchmark was started in.
NEUTRAL_CWD = tempfile.mkdtemp(prefix="msalint-speed-cwd-")


def env_for(checkout: Path) -> dict[str, str]:
    """The environment that runs ``checkout``'s msalint (its rulebook cache kept inside a temporary folder)."""
    return {**ENV, "PYTHONPATH": str(checkout), "MSALINT_CACHE_DIR": str(Path(PYCACHE) / checkout.name)}

SPACY_FLOOR = """
import sys, spacy
nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sys.argv[1:]]
for doc in nlp.pipe(texts, batch_size=8):
    pass
"""


CLOCK = {"name": "cpu"}  # set by --clock


def seconds(cmd: list[str], repeat: int = 3, env: dict[str, str] | None = None, before_each=None, **kw) -> float:
    """Median seconds of running ``cmd`` (output discarded): CPU time (user + system, of the process and the
    children it waited for) with --clock cpu, the default, else wall time. On a machine shared with other jobs
    the wall time mostly measures the wait for a core; the CPU time measures the work."""
    times = []
    for _ in range(repeat):
        if before_each is not None:
            before_each()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV, cwd=NEUTRAL_CWD,
                       **kw)
        times.append(_elapsed(before, started))
    return statistics.median(times)


def _elapsed(rusage_before: resource.struct_rusage, started: float) -> float:
    if CLOCK["name"] == "wall":
        return time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - rusage_before.ru_utime) + (after.ru_stime - rusage_before.ru_stime)


def extracted_text(path: Path, folder: Path) -> Path:
    """The document's text as msalint reads it, written to ``folder`` (input of the spaCy floor)."""
    sys.path.insert(0, str(REPO))
    from msalint.ingest import read_document

    target = folder / (path.name + ".txt")
    target.write_text(read_document(path).text, encoding="utf-8")
    return target


def checkouts(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """(label, folder) of the code measured: this checkout, and the --before one first when given."""
    return ([("before", Path(args.before).resolve())] if args.before else []) + [("after", REPO)]


def forget_cards(checkout: Path) -> None:
    """Empty ``checkout``'s cache folder but for its loaded rulebooks (a first run in a deal's folder)."""
    import shutil

    folder = Path(env_for(checkout)["MSALINT_CACHE_DIR"])
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.is_dir() and entry.name != "rulebooks":
            shutil.rmtree(entry)


def cold(args: argparse.Namespace) -> None:
    python = [sys.executable]
    runs = checkouts(args)
    print(f"python start (floor): {seconds(python + ['-c', 'pass']):.2f} s\n")
    heads = " | ".join(f"{label} s | {label} x floor | {label} x peer" for label, _ in runs)
    print(f"| command | {heads} | floor: python + spaCy tokenize s | peer s |")
    print("|---|" + "---|" * (3 * len(runs) + 2))
    with tempfile.TemporaryDirectory() as tmp:
        for _label, checkout in runs:  # fill each checkout's rulebook cache, as any earlier run would have
            subprocess.run(python + ["-m", "msalint", "rules"], capture_output=True, env=env_for(checkout),
                           cwd=NEUTRAL_CWD)
        for path in COLD_FILES:
            floor = seconds(python + ["-c", SPACY_FLOOR, str(extracted_text(path, Path(tmp)))])
            peer = seconds([args.peer, "review", str(path), "--playbook", PEER_PLAYBOOK, "--format", "json"]) \
                if args.peer else float("nan")
            cells = []
            for _label, checkout in runs:
                ours = seconds(python + ["-m", "msalint", "check", "--no-cache", "--format", "json", str(path)],
                            env=env_for(checkout))
                cells.append(f"{ours:.2f} | {ours / floor:.2f} | {ours / peer:.2f}")
            print(f"| check --no-cache {path.suffix} ({path.stat().st_size // 1024} kB) | {' | '.join(cells)} | "
                  f"{floor:.2f} | {peer:.2f} |")
            if path.suffix == ".docx":  # its folder's siblings are read for their family cards, kept after a run
                cells = []
                for _label, checkout in runs:
                    ours = seconds(python + ["-m", "msalint", "check", "--no-cache", "--format", "json", str(path)],
                                   env=env_for(checkout), before_each=lambda c=checkout: forget_cards(c))
                    cells.append(f"{ours:.2f} | {ours / floor:.2f} | {ours / peer:.2f}")
                print(f"| same, siblings' cards not kept yet | {' | '.join(cells)} | {floor:.2f} | {peer:.2f} |")
    for argv in (["--help"], ["rules"], ["rule", "MSA-WRD-001"]):
        peer = seconds([args.peer, "--help"]) if args.peer and argv == ["--help"] else float("nan")
        cells = []
        for _label, checkout in runs:
            ours = seconds(python + ["-m", "msalint", *argv], env=env_for(checkout))
            cells.append(f"{ours:.2f} | - | {ours / peer:.2f}")
        print(f"| {' '.join(argv)} | {' | '.join(cells)} | - | {peer:.2f} |")


def batch_once(inputs: list[Path], jobs: int, db: Path, checkout: Path = REPO) -> dict:
    """One fresh `msalint batch`; wall time and what the database says."""
    cmd = [sys.executable, "-m", "msalint", "batch", *map(str, inputs), "--db", str(db), "--jobs", str(jobs),
           "--timeout", "0", "-q"]
    rusage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env_for(checkout), cwd=NEUTRAL_CWD)
    elapsed = _elapsed(rusage, started)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT status, pages, elapsed_s, worker_maxrss_kb, path FROM documents").fetchall()
    slowest = max(rows, key=lambda r: r[2] or 0)
    return {"wall": elapsed, "docs": len(rows), "pages": sum(r[1] or 0 for r in rows),
            "rss_mb": max(r[3] or 0 for r in rows) / 1024, "failed": sum(r[0] != "ok" for r in rows),
            "slowest": (slowest[2] or 0, Path(slowest[4]).name)}


def batch(args: argparse.Namespace) -> None:
    txt = sorted((CUAD / "txt").glob("*.txt"))[::args.txt_sample]
    pdfs = sorted((CUAD / "pdf").glob("*.pdf"))[::args.pdf_sample]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf_texts = [extracted_text(p, folder) for p in pdfs]
        floor_txt = seconds([sys.executable, "-c", SPACY_FLOOR, *map(str, txt)], repeat=1)
        floor_pdf = seconds([sys.executable, "-c", SPACY_FLOOR, *map(str, pdf_texts)], repeat=1)
        peer_dir = folder / "peer"
        peer_dir.mkdir()
        for p in pdfs:
            (peer_dir / p.name).symlink_to(p)
        txt_dir = folder / "txt"
        txt_dir.mkdir()
        for p in txt:
            (txt_dir / p.name).symlink_to(p)
        peer_txt = seconds([args.peer, "review", str(txt_dir), "--playbook", PEER_PLAYBOOK, "--format", "json"],
                        repeat=1) if args.peer else float("nan")
        peer_pdf = seconds([args.peer, "review", str(peer_dir), "--playbook", PEER_PLAYBOOK, "--format", "json"],
                        repeat=1) if args.peer else float("nan")
        print(f"CUAD txt: {len(txt)} contracts (every {args.txt_sample}th); PDF sample: {len(pdfs)} files "
              f"(every {args.pdf_sample}th)\n")
        print("| run | jobs | code | s | msalint | floor (spaCy 1 core) | peer (1 process) | x floor | x peer "
              "| peak RSS/worker | slowest doc |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for jobs in args.jobs:
            for kind, inputs, floor_s, peer_s in (("txt", txt, floor_txt, peer_txt), ("pdf", pdfs, floor_pdf, peer_pdf)):
                for label, checkout in checkouts(args):
                    r = batch_once(inputs, jobs, folder / f"{kind}{jobs}{label}.sqlite", checkout)
                    units = r["docs"] if kind == "txt" else r["pages"]
                    rate, floor, peer = units / r["wall"], units / floor_s, units / peer_s
                    what = "txt contracts/s" if kind == "txt" else f"pdf pages/s ({r['pages']} pages)"
                    print(f"| {what} | {jobs} | {label} | {r['wall']:.1f} | {rate:.1f} | {floor:.1f} | {peer:.1f} | "
                          f"{rate / floor:.2f} | {rate / peer:.2f} | {r['rss_mb']:.0f} MB | "
                          f"{r['slowest'][0]:.1f} s {r['slowest'][1][:40]} |", flush=True)


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


SCALING_CHILD = """
import sys, time
from pathlib import Path
from msalint.api import lint_path, load_rules
clock = time.process_time if sys.argv[3] == "cpu" else time.perf_counter
ruleset = load_rules()
lint_path(sys.argv[1], ruleset)  # warm-up: pipeline built, regexes compiled
started = clock()
result = lint_path(sys.argv[2], ruleset)
print(clock() - started, result.error or "")
"""


def scaling(args: argparse.Namespace) -> None:
    """Lint time (read + analyse + lint, rules loaded and pipeline warm) of each adversarial document, beside
    spaCy's tokenizer on the same text; each document in its own process, stopped after --case-timeout s."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8
    runs = checkouts(args)
    base = (CUAD / "txt" / COLD_FILES[2].name).read_text(encoding="utf-8")
    heads = " | ".join(f"{label} s | {label} x floor | {label} x the 1x" for label, _ in runs)
    print(f"| document | chars | {heads} | spaCy floor s |")
    print("|---|---|" + "---|" * (3 * len(runs) + 1))
    one: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in adversarial_texts(base).items():
            path = Path(tmp) / "doc.txt"
            path.write_text(text, encoding="utf-8")
            clock = time.process_time if CLOCK["name"] == "cpu" else time.perf_counter
            started = clock()
            nlp(text)
            floor = clock() - started
            cells = []
            for label, checkout in runs:
                try:
                    argv = [sys.executable, "-c", SCALING_CHILD, str(COLD_FILES[2]), str(path), CLOCK["name"]]
                    proc = subprocess.run(argv, capture_output=True, text=True, env=env_for(checkout),
                                          cwd=NEUTRAL_CWD, timeout=args.case_timeout)
                    seconds, _, error = proc.stdout.strip().partition(" ")
                    ours = float(seconds)
                    one.setdefault(label, ours)
                    cells.append(f"{ours:.2f}{f' ({error})' if error else ''} | {ours / floor:.1f} | "
                                 f"{ours / one[label]:.1f}")
                except (subprocess.TimeoutExpired, ValueError):
                    cells.append(f"> {args.case_timeout:.0f} (stopped) | - | -")
            print(f"| {name} | {len(text):,} | {' | '.join(cells)} | {floor:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["cold", "batch", "scaling", "corpus"])
    parser.add_argument("--peer", help="path to redline-buddy's `redline` script")
    parser.add_argument("--before", help="another msalint checkout to measure beside this one, in the same run")
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                        help="cpu: user+system seconds of the measured processes (default); wall: elapsed time")
    parser.add_argument("--case-timeout", type=float, default=120, help="scaling: seconds allowed per document")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pdf-sample", type=int, default=4, help="use every k-th CUAD PDF")
    parser.add_argument("--txt-sample", type=int, default=1, help="use every k-th CUAD text")
    args = parser.parse_args()
    if not CUAD.is_dir():
        raise SystemExit(f"shared corpora not found at {SHARED}")
    CLOCK["name"] = args.clock
    print(f"<!-- {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} cores, {args.clock} seconds -->")
    {"cold": cold, "batch": batch, "scaling": scaling, "corpus": corpus}[args.what](args)


if __name__ == "__main__":
    main()
