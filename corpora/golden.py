"""Golden findings for the team-written corpus.

Usage: python corpora/golden.py [--update]

Each agreement has `expected/<stem>.yaml` (hand-annotated deliberate defects) and
`expected/<stem>.findings.txt` (every finding as "RULE-ID  clause  severity", sorted). `--update`
rewrites the .findings.txt files from the current rulebook; review the diff before committing it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"


def finding_lines(result) -> list[str]:
    """One sorted line per finding: rule id, clause (or '-'), severity."""
    return sorted(f"{f.rule}  {f.clause or '-'}  {f.severity}" for f in result.findings)


def lint(path: Path, ruleset=None):
    """Lint one corpus file with the built-in rulebook (default profile)."""
    from msalint import api

    return api.lint_path(path, ruleset or api.load_rules())


def main() -> int:
    """Compare (or with --update rewrite) every golden findings file."""
    import yaml

    from msalint import api

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    ruleset = api.load_rules()
    changed = 0
    for spec_path in sorted(EXPECTED.glob("*.yaml")):
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        lines = finding_lines(lint(HERE / spec["source"], ruleset))
        golden = spec_path.with_suffix(".findings.txt")
        old = golden.read_text(encoding="utf-8").splitlines() if golden.exists() else []
        if old != lines:
            changed += 1
            print(f"{golden.name}: {len(old)} -> {len(lines)} findings", file=sys.stderr)
            if args.update:
                golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if changed and not args.update else 0


if __name__ == "__main__":
    sys.exit(main())
