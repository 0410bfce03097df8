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
from msalint.ingest.pdf_engines import ENGINES, open_checked  # noqa: E402

WORD = re.compile(r"\w+")


def word_counts(text: str) -> Counter[str]:
    """Lower-cased word multiset of a text."""
    return Counter(WORD.findall(text.lower()))


def overlap(found: Counter[str], reference: Counter[str]) -> int:
    """Size of the multiset intersection."""
    return sum(min(n, found[w]) for w, n in reference.items())


def run_engine(engine: str, pairs: list[tuple[Path, Path]]) -> dict:
    """Read every PDF with one engine, bare and through read_document; return speed and recall totals."""
    totals = Counter()
    recalls: list[float] = []
    errors: list[str] = []
    if pairs:  # warm-up: imports and first-call costs are not per-page costs
        try:
            read_document(pairs[0][0], engine=engine)
        except IngestError:
            pass
    for pdf, txt in pairs:
        reference = word_counts(txt.read_text(encoding="utf-8", errors="replace"))
        data = pdf.read_bytes()
        start = time.perf_counter()
        try:
            pages = ENGINES[engine](str(pdf), data, open_checked(str(pdf), data))
            totals["engine_s"] += time.perf_counter() - start
            start = time.perf_counter()
            document = read_document(pdf, engine=engine)
            totals["read_s"] += time.perf_counter() - start
        except IngestError as exc:
            errors.append(f"{pdf.name}: {exc.code}")
            continue
        raw = word_counts("\n".join(line.text for page in pages for line in page.lines))
        final = word_counts(document.text)
        totals["pages"] += document.pages or 0
        totals["ref"] += sum(reference.values())
        totals["raw_hit"] += overlap(raw, reference)
        totals["raw_found"] += sum(raw.values())
        totals["hit"] += overlap(final, reference)
        recalls.append(overlap(raw, reference) / max(1, sum(reference.values())))
    return {
        "engine": engine,
        "files": len(pairs) - len(errors),
        "pages": totals["pages"],
        "engine_pages_per_s": totals["pages"] / max(1e-9, totals["engine_s"]),
        "read_pages_per_s": totals["pages"] / max(1e-9, totals["read_s"]),
        "read_seconds": totals["read_s"],
        "raw_recall": totals["raw_hit"] / max(1, totals["ref"]),
        "raw_precision": totals["raw_hit"] / max(1, totals["raw_found"]),
        "min_file_recall": min(recalls) if recalls else 0.0,
        "recall": totals["hit"] / max(1, totals["ref"]),
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "cuad-dev")
    parser.add_argument("--engines", default="pypdfium2,pdfplumber")
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs (0 = all)")
    args = parser.parse_args(argv)
    pdfs = sorted((args.corpus / "pdf").glob("*.pdf"))
    pairs = [(p, args.corpus / "txt" / f"{p.stem}.txt") for p in pdfs]
    pairs = [(p, t) for p, t in pairs if t.exists()]
    if args.limit:
        pairs = pairs[: args.limit]
    print(f"{len(pairs)} PDFs with a txt twin in {args.corpus}", file=sys.stderr)
    print(
        "| engine | files | pages | engine pages/s | engine word recall | engine word precision | min file recall "
        "| read_document pages/s | read_document s | read_document word recall |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for engine in args.engines.split(","):
        r = run_engine(engine.strip(), pairs)
        print(
            f"| {r['engine']} | {r['files']} | {r['pages']} | {r['engine_pages_per_s']:.1f} | {r['raw_recall']:.4f} | "
            f"{r['raw_precision']:.4f} | {r['min_file_recall']:.4f} | {r['read_pages_per_s']:.1f} | "
            f"{r['read_seconds']:.1f} | {r['recall']:.4f} |",
            flush=True,
        )
        for error in r["errors"]:
            print(f"  unreadable: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
