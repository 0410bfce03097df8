"""Engine speed: lint time per document (analysis excluded) for the built-in rulebook.

Usage: python benchmarks/engine_speed.py [--per-rule] [FILE.txt ...]   (default: ../shared CUAD texts of 8-12k words)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from msalint.engine import lint_analysis
from msalint.ingest.text import document_from_text
from msalint.rulebook.loader import load_ruleset
from msalint.segment import analyse


def main(paths: list[Path], per_rule_timing: bool = False) -> None:
    t0 = time.perf_counter()
    ruleset = load_ruleset()
    print(f"load {len(ruleset.rules)} rules: {1000 * (time.perf_counter() - t0):.0f} ms")
    lint_times, per_rule = [], {}
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        analysis = analyse(document_from_text(text, path=str(path)))
        lint_analysis(analysis, ruleset)  # warm-up: builds the shared matchers once
        t = time.perf_counter()
        analysis = analyse(document_from_text(text, path=str(path)))
        analyse_ms = 1000 * (time.perf_counter() - t)
        t = time.perf_counter()
        result = lint_analysis(analysis, ruleset)
        elapsed = 1000 * (time.perf_counter() - t)
        lint_times.append(elapsed)
        print(f"{len(text.split()):>6} words  lint {elapsed:7.1f} ms  (read+analyse {analyse_ms:6.1f} ms)  "
              f"{len(result.findings):3} findings  {path.name[:50]}")
        for rule in ruleset.rules if per_rule_timing else ():
            single = ruleset.only(rule.id)
            a = analyse(document_from_text(text, path=str(path)))
            t = time.perf_counter()
            lint_analysis(a, single)
            per_rule.setdefault(rule.id, []).append(1000 * (time.perf_counter() - t))
    print(f"median lint time: {statistics.median(lint_times):.1f} ms per document")
    if not per_rule:
        return
    slowest = sorted(per_rule.items(), key=lambda kv: -statistics.median(kv[1]))[:8]
    print("slowest rules alone (median ms):", ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in slowest))


if __name__ == "__main__":
    per_rule_flag = "--per-rule" in sys.argv
    args = [Path(a) for a in sys.argv[1:] if a != "--per-rule"]
    if not args:
        root = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "cuad-dev" / "txt"
        args = [p for p in sorted(root.glob("*.txt")) if 8000 <= len(p.read_text(errors="replace").split()) <= 12000][:5]
    main(args, per_rule_flag)
