"""Precision of `msalint check` findings, judged by hand on a stratified random sample.

    python benchmarks/findings_precision/precision.py run    --out /tmp/fp/after.json
    python benchmarks/findings_precision/precision.py sample --findings /tmp/fp/after.json --seed 2 \
           --n 320 --sheet benchmarks/findings_precision/after-sheet.jsonl
    python benchmarks/findings_precision/precision.py context --sheet ... [--start 0 --count 20]
    python benchmarks/findings_precision/precision.py table  --sheet ... --findings /tmp/fp/after.json

`run` lints the shared development corpora (../shared/corpora: CUAD dev PDFs, templates, service contracts) with
`python -m msalint check --format json` from the current checkout. The findings file holds contract text, so it
stays outside the repository; the sheet keeps locations, the rule's message and the verdict only.
`sample` draws findings at random, stratified by severity and rule kind (every stratum gets at least a few, the
rest in proportion to its size); `table` weights each stratum back to its size, so the precision per severity is
an estimate for all findings, not only for the sample.
Verdicts: true (a reviewer would act on it), false (wrong), noise (true but not worth a reviewer's time).
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
from msalint.evaluation.split import split_of  # noqa: E402  (the checkout's msalint, not an installed one)
SHARED = REPO.parent / "shared" / "corpora"
CORPORA = ("cuad-dev/pdf", "templates", "service-contracts/files")
SHEET_KEYS = ("id", "doc", "rule", "kind", "severity", "clause", "page", "line", "start", "end", "message",
              "verdict", "reason")
MIN_PER_STRATUM = 6
CONTEXT_CHARS = 700


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="lint the shared corpora, write the JSON findings")
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--shared", type=Path, default=SHARED)
    sample = sub.add_parser("sample", help="draw a stratified random sample into a judging sheet")
    sample.add_argument("--findings", type=Path, required=True)
    sample.add_argument("--seed", type=int, required=True)
    sample.add_argument("--n", type=int, default=320)
    sample.add_argument("--sheet", type=Path, required=True)
    context = sub.add_parser("context", help="print each sampled finding with the text around it")
    context.add_argument("--sheet", type=Path, required=True)
    context.add_argument("--start", type=int, default=0)
    context.add_argument("--count", type=int, default=20)
    context.add_argument("--unjudged", action="store_true", help="only findings without a verdict")
    context.add_argument("--findings", type=Path, help="the findings file, to show a missing element's details")
    judge = sub.add_parser("judge", help="merge verdicts ('INDEX VERDICT reason' lines) into the sheet")
    judge.add_argument("--sheet", type=Path, required=True)
    judge.add_argument("verdicts", type=Path)
    table = sub.add_parser("table", help="precision per severity, family and document kind; findings per document")
    table.add_argument("--sheet", type=Path, required=True)
    table.add_argument("--findings", type=Path, help="all findings (for the per-document counts)")
    table.add_argument("--counts", type=Path, help="write/read the per-document counts here (no contract text)")
    table.add_argument("--shared", type=Path, default=SHARED)
    subjects = sub.add_parser("subjects", help="accuracy of the subject classifier (IT or not) on subjects.jsonl")
    subjects.add_argument("--findings", type=Path, required=True)
    args = parser.parse_args(argv)
    return {"run": cmd_run, "sample": cmd_sample, "context": cmd_context, "judge": cmd_judge,
            "table": cmd_table, "subjects": cmd_subjects}[args.command](args)


# --- run ------------------------------------------------------------------------------------------------------

def cmd_run(args) -> int:
    paths = [str(args.shared / c) for c in CORPORA]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        proc = subprocess.run([sys.executable, "-m", "msalint", "check", "--format", "json", "--no-cache", "-q",
                               *paths], cwd=REPO, stdout=fh)
    if proc.returncode not in (0, 1):
        print(f"msalint check exited {proc.returncode}", file=sys.stderr)
        return proc.returncode
    findings = load_findings(args.out)
    print(f"{len(findings)} findings in {len(documents(args.out))} documents -> {args.out}")
    return 0


def documents(findings_file: Path) -> list[dict]:
    return json.loads(findings_file.read_text(encoding="utf-8"))["documents"]


def load_findings(findings_file: Path) -> list[dict]:
    kinds = rule_kinds()
    out = []
    for doc in documents(findings_file):
        for i, f in enumerate(doc["findings"]):
            if f.get("suppressed"):
                continue
            out.append({**f, "doc": doc_name(doc["path"]), "kind": kinds.get(f["rule"], "?"),
                        "id": f"{doc_name(doc['path'])}#{i}"})
    return out


def doc_name(path: str) -> str:
    """The path below ../shared/corpora, so sheets do not depend on where the corpora live."""
    parts = Path(path).parts
    return "/".join(parts[parts.index("corpora") + 1:]) if "corpora" in parts else path


def rule_kinds() -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "msalint", "rules", "--format", "json"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    return {r["id"]: r["kind"] for r in json.loads(out)}


# --- sample ---------------------------------------------------------------------------------------------------

def cmd_sample(args) -> int:
    findings = load_findings(args.findings)
    strata = collections.defaultdict(list)
    for f in findings:
        strata[(f["severity"], f["kind"])].append(f)
    quota = allocate({k: len(v) for k, v in strata.items()}, args.n)
    rng = random.Random(args.seed)
    picked = []
    for key in sorted(strata):
        picked += rng.sample(strata[key], quota[key])
    rng.shuffle(picked)
    with args.sheet.open("w", encoding="utf-8") as fh:
        for f in picked:
            row = {k: f.get(k) for k in SHEET_KEYS}
            row["message"] = shorten_quotes(row["message"])
            row["verdict"], row["reason"] = None, None
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(findings)} findings sampled (seed {args.seed}) -> {args.sheet}")
    for key in sorted(strata):
        print(f"  {key[0]:8} {key[1]:12} {quota[key]:4} of {len(strata[key])}")
    return 0


def shorten_quotes(message: str) -> str:
    """Messages quote the document; keep short quotes (a placeholder, a term), elide long ones."""
    return re.sub(r"'([^']{41,})'", lambda m: "'" + m.group(1)[:24] + "…'", message)


def allocate(sizes: dict, n: int) -> dict:
    """At least MIN_PER_STRATUM (or all) per stratum, the rest in proportion to size."""
    quota = {k: min(size, MIN_PER_STRATUM) for k, size in sizes.items()}
    rest = n - sum(quota.values())
    pool = {k: size - quota[k] for k, size in sizes.items()}
    total = sum(pool.values())
    if rest > 0 and total:
        for k in pool:
            quota[k] += min(pool[k], round(rest * pool[k] / total))
    return quota


# --- context --------------------------------------------------------------------------------------------------

def cmd_context(args) -> int:
    rows = read_sheet(args.sheet)
    chosen = [(i, r) for i, r in enumerate(rows) if not (args.unjudged and r.get("verdict"))]
    texts: dict[str, str] = {}
    everything = load_findings(args.findings) if args.findings else []
    details = {f["id"]: f.get("details") for f in everything}
    repeats = repeat_positions(everything)
    for i, row in chosen[args.start:args.start + args.count]:
        text = texts.setdefault(row["doc"], document_text(row["doc"]))
        print(f"=== [{i}] {row['doc']}  {row['rule']} ({row['kind']}, {row['severity']})  §{row['clause']} "
              f"p{row['page']} l{row['line']}")
        print(f"    {row['message']}   {repeats.get(row['id'], '')}")
        if row.get("start") is not None:
            a, b = row["start"], row["end"]
            print("    ..." + flat(text[max(0, a - CONTEXT_CHARS // 2):a]) + " >>>" + flat(text[a:b]) + "<<< "
                  + flat(text[b:b + CONTEXT_CHARS // 2]) + "...")
        else:
            print(f"    (whole document, {len(text)} chars; first 300: {flat(text[:300])})")
            if details.get(row["id"]):
                print(f"    details: {flat(json.dumps(details[row['id']], ensure_ascii=False))[:600]}")
    return 0


def repeat_positions(findings: list[dict]) -> dict[str, str]:
    """'repeat k of n' for findings whose document has the same rule and message more than once."""
    groups = collections.defaultdict(list)
    for f in findings:
        groups[(f["doc"], f["rule"], f["message"])].append(f)
    out = {}
    for group in groups.values():
        if len(group) > 1:
            group.sort(key=lambda f: f.get("start") or 0)
            for k, f in enumerate(group, 1):
                out[f["id"]] = f"(repeat {k} of {len(group)})"
    return out


def cmd_judge(args) -> int:
    rows = read_sheet(args.sheet)
    judged = 0
    for line in args.verdicts.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        index, verdict, reason = line.split(None, 2)
        if verdict not in ("true", "false", "noise"):
            raise SystemExit(f"bad verdict {verdict!r} in line {line!r}")
        rows[int(index)].update(verdict=verdict, reason=reason.strip())
        judged += 1
    args.sheet.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{judged} verdicts merged; {sum(1 for r in rows if r.get('verdict'))}/{len(rows)} judged")
    return 0


def document_text(doc: str) -> str:
    sys.path.insert(0, str(REPO))
    from msalint.api import read_document

    return read_document(SHARED / doc).text


def flat(s: str) -> str:
    return " ".join(s.split())


def read_sheet(sheet: Path) -> list[dict]:
    return [json.loads(line) for line in sheet.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- table ----------------------------------------------------------------------------------------------------

def cmd_table(args) -> int:
    rows = [r for r in read_sheet(args.sheet) if r.get("verdict")]
    kinds = doc_kinds(args.shared)
    sizes = stratum_sizes(args)
    sampled = collections.Counter((r["severity"], r["kind"]) for r in rows)
    weight = {k: sizes.get(k, n) / n for k, n in sampled.items()}
    print(f"judged: {len(rows)} findings; verdicts {dict(collections.Counter(r['verdict'] for r in rows))}\n")
    print_group("severity", rows, lambda r: r["severity"], weight)
    print_group("severity band", rows, lambda r: "error+warning" if r["severity"] != "info" else "info", weight)
    print_group("rule family", rows, lambda r: family(r["rule"]), weight)
    print_group("rule kind", rows, lambda r: r["kind"], weight)
    print_group("document kind", rows, lambda r: kinds.get(r["doc"], "?"), weight)
    print_group("document's split", rows, lambda r: split_of(Path(r["doc"]).stem), weight)
    print_group("all", rows, lambda r: "all", weight)
    print_counts(args, kinds)
    return 0


def family(rule: str) -> str:
    return rule.rsplit("-", 1)[0]


def stratum_sizes(args) -> dict:
    if args.findings:
        c = collections.Counter((f["severity"], f["kind"]) for f in load_findings(args.findings))
        if args.counts:
            save_counts(args)
        return c
    if args.counts and args.counts.exists():
        data = json.loads(args.counts.read_text())
        return {tuple(k.split("|")): v for k, v in data["strata"].items()}
    return {}


def print_group(title: str, rows: list[dict], key, weight: dict) -> None:
    groups = collections.defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    print(f"{title:<28} {'n':>4} {'true':>5} {'false':>5} {'noise':>5} {'precision':>9} {'weighted':>9}")
    for name in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        g = groups[name]
        c = collections.Counter(r["verdict"] for r in g)
        w = [weight[(r["severity"], r["kind"])] for r in g]
        wtrue = sum(wi for wi, r in zip(w, g) if r["verdict"] == "true")
        print(f"  {name:<26} {len(g):4} {c['true']:5} {c['false']:5} {c['noise']:5} "
              f"{c['true'] / len(g):9.2f} {wtrue / sum(w):9.2f}")
    print()


def save_counts(args) -> None:
    all_findings = load_findings(args.findings)
    per_doc = {doc_name(d["path"]): collections.Counter(f["severity"] for f in d["findings"] if not f.get("suppressed"))
               for d in documents(args.findings)}
    strata = collections.Counter(f"{f['severity']}|{f['kind']}" for f in all_findings)
    args.counts.write_text(json.dumps({"documents": {k: dict(v) for k, v in sorted(per_doc.items())},
                                       "strata": dict(sorted(strata.items()))}, indent=1) + "\n")


def print_counts(args, kinds: dict) -> None:
    if not (args.counts and args.counts.exists()):
        return
    per_doc = json.loads(args.counts.read_text())["documents"]
    by_kind = collections.defaultdict(list)
    for doc, sev in per_doc.items():
        by_kind[kinds.get(doc, "?")].append((sum(sev.values()), sev.get("error", 0)))
    print(f"{'findings per document':<28} {'docs':>4} {'median':>7} {'max':>5} {'errors med':>10} {'errors max':>10}")
    for kind in sorted(by_kind, key=lambda k: -len(by_kind[k])):
        n = [t for t, _ in by_kind[kind]]
        e = [x for _, x in by_kind[kind]]
        print(f"  {kind:<26} {len(n):4} {statistics.median(n):7.1f} {max(n):5} {statistics.median(e):10.1f} "
              f"{max(e):10}")
    total = [sum(s.values()) for s in per_doc.values()]
    print(f"  {'all':<26} {len(total):4} {statistics.median(total):7.1f} {max(total):5}")


def cmd_subjects(args) -> int:
    """Subject labels (tuning documents only, labelled from each document's title and recitals) against the
    subject `check` gave each document."""
    gold = {}
    for line in (HERE / "subjects.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["doc"]] = row["subject"]
    pairs = collections.Counter()
    for doc in documents(args.findings):
        name = doc_name(doc["path"])
        if name in gold and doc.get("kind"):
            pairs[(gold[name], doc["kind"]["subject"])] += 1
    total = sum(pairs.values())
    right = sum(n for (g, p), n in pairs.items() if g == p)
    print(f"subject accuracy: {right / max(total, 1):.3f} ({right}/{total})")
    print("  gold \\ predicted        it  other")
    for g in ("it", "other"):
        print(f"  {g:<18} {pairs[(g, 'it')]:5} {pairs[(g, 'other')]:6}")
    return 0


def doc_kinds(shared: Path) -> dict[str, str]:
    """Document kinds: the shared labels for service contracts, this folder's labels for the rest."""
    kinds = {}
    for line in (HERE / "kinds.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            kinds[d["doc"]] = d["kind"]
    types = shared / "service-contracts" / "types.jsonl"
    if types.exists():
        for line in types.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                kinds[f"service-contracts/files/{d['file']}"] = d["doc_type"]
    return kinds


if __name__ == "__main__":
    sys.exit(main())
