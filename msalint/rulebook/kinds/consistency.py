"""`consistency`: the same fact must agree (priority ordering, response vs resolution, dual numerals, repeats)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msalint import values as V
from msalint.rulebook import tables as T
from msalint.rulebook.kinds import Kind, register
from msalint.rulebook.context import LintContext
from msalint.rulebook.kinds.numeric import NUMERIC_VALUES, _nearest
from msalint.rulebook.patterns import Pattern, parse_patterns
from msalint.rulebook.schema import one_of

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.ruleset import Rule

CHECKS = ("priority_order", "response_vs_resolution", "dual_numerals", "repeated_value")

RESPONSE = re.compile(r"\b(?:respon[ds]\w*|acknowledg\w*|react\w*|initial\s+contact|call[\s-]?back)", re.I)
RESOLUTION = re.compile(r"\b(?:resol\w*|restor\w*|fix\w*|work[\s-]?around|repair\w*|remed\w*)", re.I)


@dataclass
class Consistency:
    """Compiled `consistency` rule."""

    check: str
    anchor: list[Pattern]
    value: str | None


def compile(ctx, rule: "Rule") -> Consistency:
    """Validate the kind-specific keys."""
    check = ctx.get("check", one_of(*CHECKS), required=True)
    anchor = parse_patterns(ctx.node["anchor"], ctx.failer("anchor")) if "anchor" in ctx.node else []
    value = ctx.get("value", one_of(*NUMERIC_VALUES))
    if check == "repeated_value" and (not anchor or value is None):
        ctx.fail("check", "repeated_value needs 'anchor' (patterns) and 'value' (duration, percent, money, count)")
    return Consistency(check, anchor, value)


def run(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """Dispatch to the named check."""
    cfg: Consistency = rule.compiled
    return CHECK_FUNCTIONS[cfg.check](rule, lctx, cfg)


# ---- priority targets

@dataclass
class Target:
    """One stated target: priority rank, metric (response/resolution) and the duration."""

    rank: int
    metric: str
    value: V.Value


_metric = T.metric


def _row_targets(cells: list[tuple[str, int]], header: list[str | None] | None) -> list[Target]:
    """Targets of one table row given as (cell text, offset) pairs and the header's metric per column."""
    rank = None
    for text, off in cells:
        found = V.extract_priorities(text, off, bare_words=True)
        if found:
            rank = int(found[0].amount)
            break
    if rank is None:
        return []
    with_durations = [(i, [d for d in V.extract_durations(text, off) if not d.rate]) for i, (text, off) in enumerate(cells)]
    with_durations = [(i, ds) for i, ds in with_durations if ds]
    out = []
    for n, (i, durations) in enumerate(with_durations):
        metric = (header[i] if header and i < len(header) else None) or _metric(cells[i][0])
        if metric is None and len(with_durations) == 2:
            metric = ("response", "resolution")[n]  # the usual column order
        if metric:
            out.append(Target(rank, metric, durations[0]))
    return out


def _table_targets(lctx: LintContext) -> tuple[list[Target], list[tuple[int, int]]]:
    """Targets from table rows (DOCX cells, pipe/tab lines, flattened PDF rows) under a metric header."""
    targets: list[Target] = []
    for rows in T.tables(lctx.rows).values():
        header: list[str | None] | None = None
        order: list[str] = []
        for row in rows:
            if row.separator:
                continue
            if row.cells is None:
                row_text = lctx.text[row.start:row.end]
                if row.header:
                    order = T.metric_order(row_text)
                else:
                    targets.extend(_flat_row_targets(row_text, row.start, order))
                continue
            cells = list(row.cells)
            metrics = [T.metric(t) for t, _ in cells]
            if any(metrics) and not any(V.extract_durations(t) for t, _ in cells):
                header = metrics
                continue
            targets.extend(_row_targets(cells, header))
    return targets, [(r.start, r.end) for r in lctx.rows]


def _flat_row_targets(text: str, offset: int, order: list[str]) -> list[Target]:
    """Targets of a row whose cells the layout lost: durations in order, mapped to the header's metrics."""
    found = V.extract_priorities(text[:40], offset, bare_words=True)
    durations = [d for d in V.extract_durations(text, offset) if not d.rate]
    if not found or not durations:
        return []
    if len(order) != len(durations):
        order = ["response", "resolution"] if len(durations) == 2 else []
    return [Target(int(found[0].amount), metric, d) for metric, d in zip(order, durations)]


def _sentence_targets(lctx: LintContext, consumed: list[tuple[int, int]]) -> list[Target]:
    """Targets stated in running text: each duration goes to a priority label and a metric keyword nearby."""
    out = []
    consumed = sorted(consumed)
    consumed_starts = [a for a, _ in consumed]
    for s, e in lctx.sentences:
        text = lctx.text[s:e]
        durations = [d for d in V.extract_durations(text, s)
                     if not d.rate and not _inside(d.start, consumed, consumed_starts)]
        if not durations:
            continue
        labels = V.extract_priorities(text, s)
        if not labels:
            continue
        label_first = labels[0].start < durations[0].start
        metrics = [(m.start() + s, "response") for m in RESPONSE.finditer(text)]
        metrics += [(m.start() + s, "resolution") for m in RESOLUTION.finditer(text)]
        metrics.sort()
        for d in durations:
            before = [lab for lab in labels if lab.end <= d.start]
            after = [lab for lab in labels if lab.start >= d.end]
            label = (before[-1] if before else None) if label_first else (after[0] if after else None)
            label = label or (before[-1] if before else after[0] if after else None)
            metric_before = [m for pos, m in metrics if pos < d.start]
            metric_after = [m for pos, m in metrics if pos >= d.end]
            metric = metric_before[-1] if metric_before else (metric_after[0] if metric_after else None)
            if label is not None and metric is not None:
                out.append(Target(int(label.amount), metric, d))
    return out


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def priority_targets(lctx: LintContext) -> dict[str, dict[int, V.Value]]:
    """metric -> priority rank -> first stated target, from tables and sentences (cached)."""
    key = "consistency.priority_targets"
    if key not in lctx.memo:
        table, consumed = _table_targets(lctx)
        result: dict[str, dict[int, V.Value]] = {"response": {}, "resolution": {}}
        for t in sorted(table + _sentence_targets(lctx, consumed), key=lambda t: t.value.start):
            result[t.metric].setdefault(t.rank, t.value)
        lctx.memo[key] = result
    return lctx.memo[key]


def _check_priority_order(rule: "Rule", lctx: LintContext, cfg: Consistency) -> list["Finding"]:
    out = []
    for metric, by_rank in priority_targets(lctx).items():
        ranks = sorted(by_rank)
        for hi, lo in zip(ranks, ranks[1:]):
            a, b = by_rank[hi], by_rank[lo]
            if a.minutes > b.minutes:
                out.append(lctx.finding(rule, a.start, a.end, fields={
                    "priority": f"P{hi}", "other": f"P{lo}", "metric": metric, "value": a.text,
                    "other_value": b.text}))
    return out


def _check_response_vs_resolution(rule: "Rule", lctx: LintContext, cfg: Consistency) -> list["Finding"]:
    targets = priority_targets(lctx)
    out = []
    for rank, response in sorted(targets["response"].items()):
        resolution = targets["resolution"].get(rank)
        if resolution is not None and response.minutes > resolution.minutes:
            out.append(lctx.finding(rule, response.start, response.end, fields={
                "priority": f"P{rank}", "metric": "response", "value": response.text,
                "other_value": resolution.text, "other": f"P{rank}"}))
    return out


def _check_dual_numerals(rule: "Rule", lctx: LintContext, cfg: Consistency) -> list["Finding"]:
    regions = lctx.scope_regions(rule.scope) or [(0, len(lctx.text))]
    out = []
    for s, e in regions:
        for v in V.extract_dual_numbers(lctx.text[s:e], s):
            if v.mismatch:
                out.append(lctx.finding(rule, v.start, v.end, fields={
                    "value": v.text, "words": f"{v.words:g}", "digits": f"{v.digits:g}"}))
    return out


def _check_repeated_value(rule: "Rule", lctx: LintContext, cfg: Consistency) -> list["Finding"]:
    regions = lctx.scope_regions(rule.scope)
    if regions == []:
        return []
    unit = rule.scope.get("unit", "sentence")
    stated: list[V.Value] = []
    seen = set()
    for start, end, _ in lctx.evidence(cfg.anchor, regions, negation=False):
        span = lctx.unit_span(start, unit)
        for v in _nearest([v for v in lctx.values(cfg.value, span) if not v.rate], start, end):
            if (v.start, v.end) not in seen:
                seen.add((v.start, v.end))
                stated.append(v)
    stated.sort(key=lambda v: v.start)
    if not stated:
        return []
    first = stated[0]
    return [lctx.finding(rule, v.start, v.end, fields={"value": v.text, "first": first.text})
            for v in stated[1:] if v.key() != first.key()]


CHECK_FUNCTIONS = {
    "priority_order": _check_priority_order,
    "response_vs_resolution": _check_response_vs_resolution,
    "dual_numerals": _check_dual_numerals,
    "repeated_value": _check_repeated_value,
}


@register
class ConsistencyKind(Kind):
    """Values that must agree with each other (priority targets, numbers in words and digits)."""

    name = "consistency"
    config = Consistency
    placeholders = frozenset({"priority", "other", "metric", "value", "other_value", "first", "words", "digits"})
    compile = staticmethod(compile)
    run = staticmethod(run)
