"""`numeric`: typed values near an anchor compared with thresholds (max, min) or required to have a unit."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from msalint import values as V
from msalint.rulebook.kinds import Kind, register
from msalint.rulebook.context import LintContext, Span, format_message
from msalint.rulebook.once import say_once
from msalint.rulebook.patterns import Pattern, parse_patterns
from msalint.rulebook.schema import check_mapping, check_str, one_of

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.ruleset import Rule

NUMERIC_VALUES = ("duration", "percent", "money", "count")
CHECK_KEYS = {"max", "min", "unit_required"}
UNIT_WINDOW = 60  # characters after an anchor in which a bare number is taken as the anchored value


@dataclass
class Numeric:
    """Compiled `numeric` rule."""

    anchor: list[Pattern]
    value: str
    max: str | None
    min: str | None
    unit_required: bool
    pick: str
    message_unit: str | None
    unless: list[Pattern] = field(default_factory=list)


def compile(ctx, rule: "Rule") -> Numeric:
    """Validate the kind-specific keys; thresholds must parse with the default params."""
    node = ctx.node
    if "anchor" not in node:
        ctx.fail("anchor", "missing required key")
    anchor = parse_patterns(node["anchor"], ctx.failer("anchor"))
    value = ctx.get("value", one_of(*NUMERIC_VALUES), required=True)
    check = ctx.get("check", check_mapping, required=True)
    fail = ctx.failer("check")
    unknown = set(check) - CHECK_KEYS
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} in check (allowed: max, min, unit_required)")
    if not set(check) & CHECK_KEYS:
        fail("needs at least one of max, min, unit_required")
    bounds = {}
    for bound in ("max", "min"):
        if bound in check:
            raw = check[bound]
            if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
                fail(f"'{bound}' must be a value such as \"45 days\" or \"{{max_days}} days\"")
            bounds[bound] = str(raw)
            if threshold(value, bounds[bound], rule.params) is None:
                fail(f"'{bound}' {raw!r} is not a {value} (after filling params)")
    unit_required = check.get("unit_required", False)
    if not isinstance(unit_required, bool):
        fail("'unit_required' must be true or false")
    pick = ctx.get("pick", one_of("nearest", "all"), default="nearest")
    unless = parse_patterns(node["unless"], ctx.failer("unless")) if "unless" in node else []
    return Numeric(anchor, value, bounds.get("max"), bounds.get("min"), unit_required, pick,
                   ctx.get("message_unit", check_str), unless)


def threshold(kind: str, template: str, params: dict[str, Any]) -> V.Value | None:
    """Parse a threshold template such as "{max_days} days" with the rule's params."""
    text = format_message(template, params)
    if "{" in text:
        return None
    return V.parse_value(kind, text)


def _exceeds(value: V.Value, limit: V.Value, bound: str) -> bool:
    if value.kind == "money" and limit.unit != value.unit:
        return False  # different currencies are not compared
    a = value.minutes if value.kind == "duration" else value.amount
    b = limit.minutes if limit.kind == "duration" else limit.amount
    return a > b if bound == "max" else a < b


def run(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """Compare the value(s) anchored in each unit with the thresholds."""
    cfg: Numeric = rule.compiled
    regions = lctx.scope_regions(rule.scope)
    if regions == []:
        return []
    limits = {b: threshold(cfg.value, t, rule.params) for b, t in (("max", cfg.max), ("min", cfg.min)) if t}
    unit = rule.scope.get("unit", "sentence")
    out, seen = [], set()
    for start, end, _ in lctx.evidence(cfg.anchor, regions, negation=False):
        span = lctx.unit_span(start, unit)
        if cfg.unless and lctx.matches_in(cfg.unless, span):
            continue  # e.g. a service-credit rate next to the word "availability"
        found, starts = _non_rate_values(lctx, cfg.value, span)
        chosen = found if cfg.pick == "all" else _before_in_segment(lctx, _nearest(found, start, end, starts), start, end)
        anchor_text = lctx.text[start:end]
        for v in chosen:
            if (v.start, v.end) in seen:
                continue
            seen.add((v.start, v.end))
            for bound, limit in limits.items():
                if limit is not None and _exceeds(v, limit, bound):
                    out.append(lctx.finding(rule, v.start, v.end, fields={
                        "value": v.text, "limit": limit.text, "bound": bound, "match": anchor_text}))
        if cfg.unit_required and not found:
            bare = _bare_number(lctx, span, end)
            if bare and bare not in seen:
                seen.add(bare)
                msg = cfg.message_unit or "'{value}' near '{match}' has no unit; state the unit (e.g. days)."
                out.append(lctx.finding(rule, bare[0], bare[1], message=msg, fields={
                    "value": lctx.text[bare[0]:bare[1]], "match": anchor_text, "limit": "", "bound": "unit"}))
    return out


def _non_rate_values(lctx: LintContext, kind: str, span: Span) -> tuple[list[V.Value], list[int] | None]:
    """The unit's values that are not rates, and their starts when in text order (else None), cached: a unit
    with thousands of anchors (one 5 MB sentence) must not filter and scan its values once per anchor."""
    key = ("numeric.values", kind, span)
    if key not in lctx.memo:
        found = [v for v in lctx.values(kind, span) if not v.rate]
        starts = [v.start for v in found]
        lctx.memo[key] = (found, starts if starts == sorted(starts) else None)
    return lctx.memo[key]


def _before_in_segment(lctx: LintContext, chosen: list[V.Value], start: int, end: int) -> list[V.Value]:
    """A value before its anchor counts only inside the anchor's segment (between semicolons): "remain in effect
    for 1 year; provided that ... breach is not cured" gives the term, not a cure period."""
    segment_start = lctx.segment_span((start, end))[0]
    return [v for v in chosen if v.start >= end or v.start >= segment_start]


def _nearest(found: list[V.Value], start: int, end: int, starts: list[int] | None = None) -> list[V.Value]:
    """The first value after the anchor, else the last one before it, else the first one (``starts``: the
    values' starts when they are in text order, for a binary search)."""
    if starts is None:  # not in text order: scan
        after = [v for v in found if v.start >= end]
        if after:
            return [after[0]]
        before = [v for v in found if v.end <= start]
        return [before[-1]] if before else found[:1]
    i = bisect.bisect_left(starts, end)
    if i < len(found):
        return [found[i]]
    for v in reversed(found[:bisect.bisect_right(starts, start)]):  # a value ending by ``start`` starts by it
        if v.end <= start:
            return [v]
    return found[:1]


_SECTION_BEFORE = re.compile(r"(?:section|clause|article|schedule|exhibit|annex|paragraph|§)\s*$", re.I)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_BEFORE = re.compile(rf"\b{_MONTHS}\s*$|\d\s*[/.-]\s*$", re.I)
# Date separators never span a line break: "within 4.\n\n3.3 ..." is a number, then the next clause.
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:day\s+of\s+)?{_MONTHS}|^[ \t]*[/.-][ \t]*\d|^,\s*(?:19|20)\d\d", re.I)


def _bare_number(lctx: LintContext, span: Span, anchor_end: int) -> Span | None:
    """A number right after the anchor that carries no unit (not a section number, year or amount)."""
    window = (anchor_end, min(span[1], anchor_end + UNIT_WINDOW))
    typed = [(v.start, v.end) for kind in ("duration", "percent", "money") for v in lctx.values(kind, span)]
    for v in V.extract_counts(lctx.text[window[0]:window[1]], window[0]):
        if any(s <= v.start < e for s, e in typed) or "." in v.text:
            continue
        before, after = lctx.text[max(v.start - 12, 0):v.start], lctx.text[v.end:v.end + 20]
        if _SECTION_BEFORE.search(before) or 1900 <= v.amount <= 2100:
            continue
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
            continue  # part of a date: "December 31, 2020", "31st March", "31/12"
        return (v.start, v.end)
    return None


@register
class NumericKind(Kind):
    """A value near an anchor must stay within limits."""

    name = "numeric"
    config = Numeric
    placeholders = frozenset({"value", "limit", "match", "bound"})
    yaml_keys = frozenset({"anchor", "value", "check", "pick", "message_unit", "unless"})  # check: max/min/...
    compile = staticmethod(compile)
    run = staticmethod(run)

    @staticmethod
    def fold(findings: list["Finding"], ruleset, lctx: LintContext) -> list["Finding"]:
        """The same value out of range said once per document (mutual clauses repeat it), naming the places."""
        def same_value(f: "Finding") -> tuple[str, str] | None:
            rule = ruleset.get(f.rule)
            return (f.rule, f.message) if rule is not None and rule.kind == "numeric" else None
        return say_once(findings, same_value, lctx)

    @staticmethod
    def check_params(rule: "Rule") -> str | None:
        cfg: Numeric = rule.compiled
        for bound in (cfg.max, cfg.min):
            if bound and threshold(cfg.value, bound, rule.params) is None:
                return f"threshold {bound!r} is not a {cfg.value} with params {rule.params}"
        return None
