"""Adversarial sizes through `msalint check` (one process each, 1 GiB address-space cap, 300 s): time, peak memory,
exit code and the message. Each must finish in bounded time and memory, or be refused as "too large".

    python benchmarks/robustness/sizes.py [--pdf-pages 2000]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CLAUSE = "The Supplier shall respond to Priority 1 incidents within four (4) hours of notification. "


def cases(pdf_pages: int) -> dict[str, tuple[str, object]]:
    """name -> (file name, bytes or a callable writing the file)."""
    row = "| " + " | ".join(f"cell {i}" for i in range(10)) + " |\n"
    nested = "".join(f"{'#' * min(6, i + 1)} {'.'.join(['1'] * (i + 1))} Level {i}\n\n{CLAUSE}\n\n" for i in range(20))
    return {
        "50 MB text": ("big.txt", (CLAUSE + "\n") * (50_000_000 // (len(CLAUSE) + 1))),
        "one 5 MB line": ("line.txt", CLAUSE * (5_000_000 // len(CLAUSE))),
        "10,000 table cells": ("table.md", "| " + " | ".join(f"h{i}" for i in range(10)) + " |\n|"
                               + "---|" * 10 + "\n" + row * 1000),
        "20 nesting levels": ("nested.md", nested),
        "1 MB of spaces": ("spaces.txt", "1. Term\n\n" + " " * 1_000_000 + CLAUSE),
        "1 MB of underscores": ("blanks.txt", "Name: " + "_" * 1_000_000 + "\n" + CLAUSE),
        "1 MB of dots": ("dots.txt", "Contents" + "." * 1_000_000 + " 4\n" + CLAUSE),
        f"{pdf_pages}-page PDF": ("long.pdf", lambda path: write_pdf(path, pdf_pages)),
    }


def write_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"{page + 1}. Clause {page + 1}\n{CLAUSE * 3}")
    pdf.output(str(path))


def limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run_case(path: Path) -> dict:
    started = time.monotonic()
    try:
        done = subprocess.run(["/usr/bin/time", "-f", "MAXRSS_KB %M", sys.executable, "-m", "msalint", "check",
                               "--no-cache", "-q", "--format", "json", str(path)],
                              cwd=REPO, capture_output=True, text=True, timeout=300, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return {"exit": None, "seconds": 300, "hang": True}
    seconds = time.monotonic() - started
    peak_kb = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("MAXRSS_KB ")]
    error = None
    try:
        error = next((d["error"] for d in json.loads(done.stdout)["documents"] if d.get("error")), None)
    except (ValueError, KeyError):
        pass
    return {"exit": done.returncode, "seconds": round(seconds, 1), "peak_rss_mb": round(peak_kb[-1] / 1024) if peak_kb else None,
            "error": error, "traceback": "Traceback" in done.stderr,
            "stderr": [line for line in done.stderr.splitlines() if not line.startswith("MAXRSS_KB")][-1:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-pages", type=int, default=2000)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="msalint-sizes-") as tmp:
        for name, (file_name, content) in cases(args.pdf_pages).items():
            path = Path(tmp) / file_name
            if callable(content):
                content(path)
            else:
                path.write_text(content, encoding="utf-8")
            results[name] = {"bytes": path.stat().st_size, **run_case(path)}
            print(name, results[name], file=sys.stderr, flush=True)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
