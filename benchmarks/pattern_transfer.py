"""Pattern transfer: do the rulebook's patterns match documents they were not written against?

For every pattern item of every rule (as `msalint rules --check` counts them), the number of tuning documents and
of locked documents it matches (negation not applied), over the development corpora split by
msalint/evaluation/split.py. A pattern fitted to one document matches little else; a pattern that encodes a concept
matches documents of both parts. Prints counts only: no locked document, hit or error is listed.

Usage: python benchmarks/pattern_transfer.py [cuad-dev/txt service-contracts/files ...]   (folders under ../shared/corpora)
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

from msalint.api import iter_documents
from msalint.config import Config
from msalint.evaluation.split import split_of
from msalint.errors import MsalintError
from msalint.rulebook.rulecheck import development_counts, rule_patterns
from msalint.session import LintOptions, Session

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
DEFAULT = ("cuad-dev/txt", "service-contracts/files")
FAMILIES = {"regex": ("regex",), "concept or near": ("concept", "near"), "phrase, tokens or column": ("phrase", "tokens", "column")}


def bucket(count: int) -> str:
    return "0" if count == 0 else "1" if count == 1 else "2-4" if count < 5 else "5+"


def transfer_table(patterns: list, tuning: dict, locked: dict) -> list[str]:
    """Rows: pattern family x number of tuning documents matched -> patterns, and how many match a locked document."""
    rows = Counter()
    for key, ptype in patterns:
        family = next(name for name, types in FAMILIES.items() if ptype in types)
        b = bucket(tuning.get(key, 0))
        rows[(family, b, "all")] += 1
        rows[(family, b, "locked")] += locked.get(key, 0) > 0
    lines = ["| pattern family | tuning documents matched | patterns | of them matching >= 1 locked document |",
             "|---|---|---|---|"]
    for family in FAMILIES:
        for b in ("0", "1", "2-4", "5+"):
            n = rows[(family, b, "all")]
            if n:
                k = rows[(family, b, "locked")]
                lines.append(f"| {family} | {b} | {n} | {k} ({k / n:.0%}) |")
    return lines


def readable(documents: list) -> list:
    """The documents msalint can read (an unreadable one is named on stderr and left out of the counts)."""
    from msalint.api import read_document

    out = []
    for d in documents:
        try:
            read_document(d)
        except MsalintError as exc:
            print(f"{d}: {exc}", file=sys.stderr)
            continue
        out.append(d)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=list(DEFAULT))
    args = parser.parse_args()
    documents = [d for folder in args.folders if (CORPORA / folder).is_dir() for d in iter_documents([str(CORPORA / folder)])]
    if not documents:
        sys.exit(f"no development documents under {CORPORA}")
    parts = {part: [d for d in documents if split_of(Path(d).stem) == part] for part in ("tuning", "locked")}
    ruleset = Session(Config(), LintOptions(cache=False)).ruleset()
    patterns = [((rule.id, p.key), p.type) for rule in ruleset.rules for p in rule_patterns(rule)]
    counts = {}
    for part, docs in parts.items():
        print(f"counting pattern matches in {len(docs)} {part} documents...", file=sys.stderr)
        counts[part] = development_counts(ruleset, readable(docs))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"\n### Pattern transfer, commit {commit}: {len(parts['tuning'])} tuning and {len(parts['locked'])} locked "
          f"documents of {', '.join(args.folders)}\n")
    print("\n".join(transfer_table(patterns, counts["tuning"], counts["locked"])))


if __name__ == "__main__":
    main()
