"""Tuning vs locked accuracy, per element with bootstrap intervals, for the development label sets.

Lints each label set once and scores both parts of the fixed split (msalint/evaluation/split.py).
Prints scores only: errors of locked documents are never listed.

Usage: python benchmarks/accuracy_splits.py [-j N] [cuad|service|service-contracts ...]   (default: all three)
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from msalint.config import Config
from msalint.evaluation.bootstrap import bootstrap
from msalint.evaluation.labels import load_labels
from msalint.evaluation.metrics import Score, macro_f1
from msalint.evaluation.runner import evaluate
from msalint.evaluation.split import split_of
from msalint.session import LintOptions, Session

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
SETS = {
    "cuad": ("cuad-dev/txt", "cuad-dev/labels.csv"),
    "service": ("cuad-dev/txt", "cuad-dev/service-elements.jsonl"),
    "service-contracts": ("service-contracts/files", "service-contracts/elements.jsonl"),
}
PARTS = ("tuning", "locked")


def part_scores(verdicts: dict, names: list[str], part: str) -> tuple[dict[str, Score], dict]:
    """Scores and verdicts of the documents of one part."""
    chosen = {doc: v for doc, v in verdicts.items() if split_of(doc) == part}
    scores = {name: Score() for name in names}
    for doc, per_label in sorted(chosen.items()):
        for name, (gold, predicted) in per_label.items():
            scores[name].add(doc, gold, predicted)
    return scores, chosen


def table(verdicts: dict, names: list[str]) -> list[str]:
    """Markdown rows: element, then F1 [95% CI] and support for tuning and locked."""
    parts = {}
    for part in PARTS:
        scores, chosen = part_scores(verdicts, names, part)
        parts[part] = (scores, bootstrap(chosen, names), len(chosen))
    head = "| element | " + " | ".join(f"{p} F1 [95% CI] | {p} support" for p in PARTS) + " |"
    lines = [head, "|---" * (1 + 2 * len(PARTS)) + "|"]
    for name in sorted(names, key=lambda n: parts["locked"][0][n].f1):
        cells = []
        for part in PARTS:
            scores, (_, per), _ = parts[part]
            s = scores[name]
            cells += [f"{s.f1:.3f} {per[name]}", str(s.tp + s.fn)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    cells = []
    for part in PARTS:
        scores, (macro, _), n = parts[part]
        cells += [f"**{macro_f1(scores):.3f}** {macro}", f"{n} docs"]
    lines.append("| **macro-F1** | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=list(SETS), choices=list(SETS))
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    session = Session(Config(), LintOptions(cache=False))  # the built-in rulebook, no project config
    for name in args.sets:
        docs, labels_file = (CORPORA / p for p in SETS[name])
        if not docs.is_dir():
            print(f"{name}: {docs} not present, skipped", file=sys.stderr)
            continue
        labels = load_labels(labels_file)
        result = evaluate(docs, labels, session, jobs=args.jobs)
        print(f"\n### {name}: {labels_file.name}, commit {commit}\n")
        print("\n".join(table(result.verdicts, sorted(result.scores))))


if __name__ == "__main__":
    main()
