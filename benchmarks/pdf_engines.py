"""Compare the PDF engines on the CUAD dev PDFs: speed (pages/s) and word recall against CUAD's txt files.

Usage: python benchmarks/pdf_engines.py [--corpus DIR] [--engines pypdfium2,pdfplumber] [--limit N]
DIR holds pdf/ and txt/ with the same file stems (default: ../shared/corpora/cuad-dev beside the repo).
"engine" columns time and score the bare engine (positioned lines, no layout steps); "read_document" columns
the full reader, whose text has running headers/footers and page numbers removed on purpose (CUAD's txt keeps
them, so its recall is lower by design).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from msalint.errors import IngestError  # noqa: E402
from msalint.ingest import read_document  # noqa: E402
from msalint.ingest.pdf import DEFAULT_PDF_ENGINE  # noqa: E402
from msalint.ingest.pdf_engines import ENGINES, open_checked  # noqa: E402

WORD = re.compile(r"\w+")


def word_counts(text: str) -> Counter[str]:
    """Lower-cased word multiset of a text."""
    return Counter(WORD.findall(text.lower()))


def overlap(found: Counter[str], reference: Counter[str]) -> int:
    """Size of the multiset intersection."""
    return sum(min(n, found[w]) for w, n in reference.items())


def measure_file(engine: str, pdf: Path, reference: Counter[str]) -> Counter:
    """One PDF with one engine: bare-engine and read_document timings (wall and CPU) and word overlaps."""
    data = pdf.read_bytes()
    bare = ENGINES[DEFAULT_PDF_ENGINE if engine == "default" else engine]
    wall, cpu = time.perf_counter(), time.process_time()
    pages = bare(str(pdf), data, open_checked(str(pdf), data))
    engine_wall, engine_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    document = read_document(pdf, engine=None if engine == "default" else engine)
    read_wall, read_cpu = time.perf_counter() - wall, time.process_time() - cpu
    raw = word_counts("\n".join(line.text for page in pages for line in page.lines))
    final = word_counts(document.text)
    return Counter(
        {
            "engine_wall": engine_wall,
            "engine_cpu": engine_cpu,
            "read_wall": read_wall,
            "read_cpu": read_cpu,
            "pages": document.pages or 0,
            "ref": sum(reference.values()),
            "raw_hit": overlap(raw, reference),
            "raw_found": sum(raw.values()),
            "hit": overlap(final, reference),
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "cuad-dev")
    parser.add_argument(
        "--engines", default="pypdfium2,pdfplumber", help='comma-separated; "default" = read_document(engine=None)'
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs (0 = all)")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",")]
    pdfs = sorted((args.corpus / "pdf").glob("*.pdf"))
    pairs = [(p, args.corpus / "txt" / f"{p.stem}.txt") for p in pdfs]
    pairs = [(p, t) for p, t in pairs if t.exists()]
    if args.limit:
        pairs = pairs[: args.limit]
    print(f"{len(pairs)} PDFs with a txt twin in {args.corpus}", file=sys.stderr)
    for engine in engines:  # warm-up: imports and first-call costs are not per-page costs
        read_document(pairs[0][0], engine=None if engine == "default" else engine)
    totals = {e: Counter() for e in engines}
    worst = {e: (2.0, "") for e in engines}
    # Engines alternate file by file so that load from other processes hits both alike.
    for pdf, txt in pairs:
        reference = word_counts(txt.read_text(encoding="utf-8", errors="replace"))
        for engine in engines:
            try:
                stats = measure_file(engine, pdf, reference)
            except IngestError as exc:
                print(f"  unreadable with {engine}: {pdf.name}: {exc.code}", file=sys.stderr)
                continue
            totals[engine] += stats
            recall = stats["raw_hit"] / max(1, stats["ref"])
            worst[engine] = min(worst[engine], (recall, pdf.stem))
    print(
        "| engine | pages | engine pages/s (wall) | engine pages/s (CPU) | read_document pages/s (wall) "
        "| read_document pages/s (CPU) | engine word recall | engine word precision | worst file recall "
        "| read_document word recall |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for engine in engines:
        t = totals[engine]
        pages = t["pages"]
        print(
            f"| {engine} | {pages} | {pages / t['engine_wall']:.1f} | {pages / t['engine_cpu']:.1f} | "
            f"{pages / t['read_wall']:.1f} | {pages / t['read_cpu']:.1f} | {t['raw_hit'] / t['ref']:.4f} | "
            f"{t['raw_hit'] / t['raw_found']:.4f} | {worst[engine][0]:.4f} ({worst[engine][1][:30]}) | "
            f"{t['hit'] / t['ref']:.4f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
