"""Property fuzzing of the text path with hypothesis: random Unicode, headings, numbering, Markdown tables and HTML
fragments through read -> segment -> every rule. Each example must give a result (findings or a document error),
never an exception, within 30 s.

    python benchmarks/robustness/fuzz_text.py [--examples 2000] [--seed 20261207]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

LIMIT_S = 30.0
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout's msalint, not an installed one

words = st.sampled_from(["Supplier", "Customer", "shall", "may", "within", "days", "hours", "99.9%", "Services",
                         "terminate", "notice", "liability", "\"Fees\"", "means", "Section 4.2", "(a)", "fifteen (30)",
                         "best efforts", "[●]", "TBD", "P1", "$1,000,000", "and/or", "—", "§"])
sentence = st.lists(st.one_of(words, st.text(min_size=1, max_size=12)), min_size=1, max_size=30).map(" ".join)
heading = st.tuples(st.sampled_from(["#", "##", "1.", "1.1", "ARTICLE IV", "(b)", "Schedule A", "12.3.4.5", ""]),
                    sentence).map(lambda t: f"{t[0]} {t[1][:60]}")
table = st.lists(st.lists(sentence.map(lambda s: s[:30].replace("|", "/")), min_size=1, max_size=5),
                 min_size=1, max_size=8).map(
    lambda rows: "\n".join("| " + " | ".join(r) + " |" for r in [rows[0], ["---"] * len(rows[0])] + rows[1:]))
html = st.tuples(st.sampled_from(["h2", "span", "ol", "li", "table", "td", "p", "b", "script", "div"]), sentence).map(
    lambda t: f"<{t[0]}>{t[1]}</{t[0]}>")
block = st.one_of(heading, sentence, table, html, st.text(max_size=300))
document = st.lists(block, min_size=0, max_size=40).map("\n\n".join)
fmt = st.sampled_from(["txt", "md"])


def run(examples: int, chosen_seed: int) -> dict:
    from msalint.api import lint_text, load_rules

    ruleset = load_rules()
    stats = {"examples": 0, "exceptions": [], "slowest_s": 0.0, "over_limit": 0, "characters": 0}

    @seed(chosen_seed)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(text=document, kind=fmt)
    def example(text: str, kind: str) -> None:
        started = time.perf_counter()
        try:
            lint_text(text, ruleset, fmt=kind)
        except Exception as exc:  # noqa: BLE001 - counting, not hiding: each is reported below
            stats["exceptions"].append(f"{type(exc).__name__}: {exc}"[:300])
        took = time.perf_counter() - started
        stats["examples"] += 1
        stats["characters"] += len(text)
        stats["slowest_s"] = max(stats["slowest_s"], took)
        stats["over_limit"] += took > LIMIT_S

    example()
    stats["slowest_s"] = round(stats["slowest_s"], 3)
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    started = time.monotonic()
    stats = run(args.examples, args.seed)
    stats["seconds"] = round(time.monotonic() - started, 1)
    stats["seed"] = args.seed
    print(json.dumps(stats, indent=1))


if __name__ == "__main__":
    main()
