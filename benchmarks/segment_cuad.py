"""Benchmark and sanity-check the segmentation layer on the CUAD dev corpus.

Usage: python benchmarks/segment_cuad.py [--corpus DIR] [--out FILE] [--limit N]

PDF part: reads every PDF in cuad-dev/pdf, segments it, and reports pages/s (segmentation alone and read +
segment), clause-tree coverage (documents with a tree, clauses with a page) and the share of internal
cross-references that resolve. TXT part: segments every text in cuad-dev/txt to find crashes and suspicious
trees (no numbered clauses, many duplicate ids, a first-page-only tree). Writes a Markdown report.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "cuad-dev"
NUMBERED = re.compile(r"^(?:[A-Z][a-z]+ [A-Z0-9-]+ )?\d+(?:\.\d+)*$")


def tree_problems(analysis) -> list[str]:
    """Heuristic signs of a bad tree."""
    clauses = analysis.clauses
    problems = []
    numbered = [c for c in clauses if NUMBERED.match(c.id)]
    if not numbered:
        problems.append("no numbered clauses")
    duplicates = sum(1 for c in clauses if "#" in c.id)
    if clauses and duplicates > max(3, len(clauses) // 5):
        problems.append(f"{duplicates} duplicate ids")
    text_length = len(analysis.document.text)
    if clauses:
        covered = max(c.end for c in clauses) - min(c.start for c in clauses)
        if covered < 0.5 * text_length:
            problems.append(f"tree covers {covered * 100 // max(text_length, 1)}% of the text")
    return problems


ATTACHMENT = re.compile(r"^(?:Schedule|Exhibit|Annex|Appendix|Attachment) ")


def xref_counts(analysis) -> tuple[int, int, int, int, int]:
    """(internal, resolved internal, external, references to sections, resolved references to sections)."""
    internal = [x for x in analysis.xrefs if x.target is not None]
    sections = [x for x in internal if not ATTACHMENT.match(x.target)]
    return (len(internal), sum(1 for x in internal if x.resolved), len(analysis.xrefs) - len(internal),
            len(sections), sum(1 for x in sections if x.resolved))


def run_pdfs(folder: Path, limit: int | None) -> dict:
    from msalint.api import read_document
    from msalint.segment import analyse

    files = sorted(folder.glob("*.pdf"))[:limit]
    stats = {"docs": 0, "pages": 0, "read_s": 0.0, "segment_s": 0.0, "with_tree": 0, "clauses": 0,
             "clauses_paged": 0, "internal": 0, "resolved": 0, "external": 0, "sections": 0,
             "sections_resolved": 0, "errors": [], "problems": [],
             "unresolved_examples": []}
    for path in files:
        try:
            t0 = time.perf_counter()
            document = read_document(path)
            t1 = time.perf_counter()
            analysis = analyse(document)
            t2 = time.perf_counter()
        except Exception as exc:  # a crash is a finding of this benchmark, not a reason to stop
            stats["errors"].append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        stats["docs"] += 1
        stats["pages"] += document.pages or 0
        stats["read_s"] += t1 - t0
        stats["segment_s"] += t2 - t1
        stats["with_tree"] += bool([c for c in analysis.clauses if NUMBERED.match(c.id)])
        stats["clauses"] += len(analysis.clauses)
        stats["clauses_paged"] += sum(1 for c in analysis.clauses if c.page is not None)
        add_xref_counts(stats, analysis)
        stats["unresolved_examples"] += [f"{path.name[:40]}: {x.text}" for x in analysis.xrefs
                                         if x.target is not None and not x.resolved][:2]
        problems = tree_problems(analysis)
        if problems:
            stats["problems"].append(f"{path.name}: {', '.join(problems)}")
    return stats


def add_xref_counts(stats: dict, analysis) -> None:
    """Add one document's cross-reference counts to the running totals."""
    for key, n in zip(("internal", "resolved", "external", "sections", "sections_resolved"), xref_counts(analysis)):
        stats[key] += n


def run_texts(folder: Path, limit: int | None) -> dict:
    from msalint.ingest.text import document_from_text
    from msalint.segment import analyse

    files = sorted(folder.glob("*.txt"))[:limit]
    stats = {"docs": 0, "chars": 0, "segment_s": 0.0, "clauses": [], "internal": 0, "resolved": 0,
             "external": 0, "sections": 0, "sections_resolved": 0, "errors": [], "problems": []}
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            document = document_from_text(text, path=str(path))
            t0 = time.perf_counter()
            analysis = analyse(document)
            stats["segment_s"] += time.perf_counter() - t0
        except Exception as exc:
            stats["errors"].append(f"{path.name}: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}")
            continue
        stats["docs"] += 1
        stats["chars"] += len(text)
        stats["clauses"].append(len(analysis.clauses))
        add_xref_counts(stats, analysis)
        problems = tree_problems(analysis)
        if problems:
            stats["problems"].append(f"{path.name}: {', '.join(problems)}")
    return stats


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(pdf: dict, txt: dict) -> str:
    lines = [
        "# Segmentation on CUAD dev",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load {os.getloadavg()[0]:.1f}. One process; spaCy pipeline loaded before timing.",
        "CUAD v1, The Atticus Project (CC BY 4.0).",
        "",
        "## PDF (cuad-dev/pdf)",
        "",
        "| metric | value |",
        "|---|---|",
        f"| documents / pages | {pdf['docs']} / {pdf['pages']} |",
        f"| segmentation pages/s | {pdf['pages'] / pdf['segment_s']:.1f} |" if pdf["segment_s"] else "| segmentation pages/s | n/a |",
        f"| read + segment pages/s | {pdf['pages'] / (pdf['read_s'] + pdf['segment_s']):.1f} |"
        if pdf["segment_s"] else "| read + segment pages/s | n/a |",
        f"| documents with a numbered clause tree | {pdf['with_tree']} / {pdf['docs']} |",
        f"| clauses with a page number | {pdf['clauses_paged']} / {pdf['clauses']} |",
        f"| internal cross-references resolved | {pdf['resolved']} / {pdf['internal']} ({share(pdf['resolved'], pdf['internal'])}) |",
        f"| of which to sections/articles (attachments excluded) | {pdf['sections_resolved']} / {pdf['sections']} "
        f"({share(pdf['sections_resolved'], pdf['sections'])}) |",
        f"| external references (statutes, rules, other agreements) | {pdf['external']} |",
        f"| crashes | {len(pdf['errors'])} |",
        "",
        "## TXT (cuad-dev/txt)",
        "",
        "| metric | value |",
        "|---|---|",
        f"| documents / characters | {txt['docs']} / {txt['chars']} |",
        f"| segmentation chars/s | {txt['chars'] / txt['segment_s']:.0f} |" if txt["segment_s"] else "| chars/s | n/a |",
        f"| clauses per document (median / max) | {statistics.median(txt['clauses']) if txt['clauses'] else 0} / "
        f"{max(txt['clauses'], default=0)} |",
        f"| internal cross-references resolved | {txt['resolved']} / {txt['internal']} ({share(txt['resolved'], txt['internal'])}) |",
        f"| of which to sections/articles (attachments excluded) | {txt['sections_resolved']} / {txt['sections']} "
        f"({share(txt['sections_resolved'], txt['sections'])}) |",
        f"| external references | {txt['external']} |",
        f"| crashes | {len(txt['errors'])} |",
        f"| documents flagged by the tree heuristics | {len(txt['problems'])} |",
        "",
    ]
    for title, items in (("PDF crashes", pdf["errors"]), ("TXT crashes", txt["errors"]),
                         ("PDF trees flagged", pdf["problems"]), ("TXT trees flagged", txt["problems"]),
                         ("Unresolved PDF references (first two per document)", pdf["unresolved_examples"])):
        if items:
            lines += [f"### {title}", ""] + [f"- {item}" for item in items[:60]] + [""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "segment_cuad.md")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of each folder")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    from msalint.segment.nlp import get_nlp

    get_nlp()
    pdf = run_pdfs(args.corpus / "pdf", args.limit)
    txt = run_texts(args.corpus / "txt", args.limit)
    text = report(pdf, txt)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
