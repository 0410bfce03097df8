"""`required`: an element must be present (heading synonyms or content evidence), optionally complete."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msalint.rulebook.kinds import Kind, register
from msalint.rulebook.context import LintContext, Span, clean_field, merge_spans
from msalint.rulebook.patterns import Pattern, parse_patterns
from msalint.rulebook.once import say_once
from msalint.rulebook.schema import check_bool, check_nonempty_str_list, check_str, one_of
from msalint.values import VALUE_KINDS

if TYPE_CHECKING:
    from msalint.model import Clause, Finding
    from msalint.rulebook.ruleset import Rule

ATTRIBUTE_VALUES = VALUE_KINDS + ("pattern",)


@dataclass
class Attribute:
    """One thing a complete element contains: a typed value or a pattern."""

    name: str
    value: str
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class Required:
    """Compiled `required` rule."""

    headings: list[str]
    patterns: list[Pattern]
    attributes: list[Attribute]
    message_incomplete: str | None
    report: str
    unless: list[Pattern] = field(default_factory=list)
    skip_negated: bool = False


@dataclass
class Detection:
    """Whether an element is present in a document, and why."""

    present: bool
    clauses: list[tuple["Clause", float]]
    hits: list[tuple[int, int, Pattern]]
    regions: list[Span]
    closest: tuple["Clause | None", float] = (None, 0.0)
    negated: int = 0


def compile(ctx, rule: "Rule") -> Required:
    """Validate the kind-specific keys."""
    node = ctx.node
    headings = ctx.get("headings", check_nonempty_str_list, default=[])
    patterns = parse_patterns(node["patterns"], ctx.failer("patterns")) if "patterns" in node else []
    if not headings and not patterns:
        ctx.fail(None, "a required rule needs 'headings', 'patterns' or both")
    if not rule.element:
        ctx.fail("element", "missing required key (a required rule names the element it detects)")
    attributes = []
    if "attributes" in node:
        raw = node["attributes"]
        fail = ctx.failer("attributes")
        if not isinstance(raw, list) or not raw:
            fail("expected a non-empty list of attributes")
        for i, item in enumerate(raw):
            line = raw.item_lines[i] if hasattr(raw, "item_lines") else None
            attributes.append(_attribute(item, ctx.failer("attributes", line)))
    report = ctx.get("report", one_of("missing", "present"), default="missing")
    unless = parse_patterns(node["unless"], ctx.failer("unless")) if "unless" in node else []
    skip_negated = ctx.get("skip_negated", check_bool, default=False)
    if (unless or skip_negated) and not patterns:
        ctx.fail("unless" if unless else "skip_negated", "applies to content patterns, and the rule has none")
    return Required(headings, patterns, attributes, ctx.get("message_incomplete", check_str), report,
                    unless, skip_negated)


def _attribute(item, fail) -> Attribute:
    if not isinstance(item, dict):
        fail("each attribute is a mapping with 'name' and 'value' and/or 'patterns'")
    unknown = set(item) - {"name", "value", "patterns"}
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} in attribute (allowed: name, value, patterns)")
    name = check_str(item.get("name"), fail)
    value = item.get("value", "pattern" if "patterns" in item else None)
    if value not in ATTRIBUTE_VALUES:
        fail(f"attribute {name!r}: 'value' must be one of {', '.join(ATTRIBUTE_VALUES)}")
    patterns = parse_patterns(item["patterns"], fail) if "patterns" in item else []
    if value == "pattern" and not patterns:
        fail(f"attribute {name!r}: value 'pattern' needs 'patterns'")
    return Attribute(name, value, patterns)


def detect(rule: "Rule", lctx: LintContext) -> Detection:
    """Find the element's heading clauses and content evidence (cached per document)."""
    key = ("required.detect", rule.id)
    if key in lctx.memo:
        return lctx.memo[key]
    cfg: Required = rule.compiled
    regions = lctx.scope_regions(rule.scope)
    clauses = lctx.heading_clauses(cfg.headings) if cfg.headings else []
    negation = "all" if cfg.skip_negated else True
    hits = lctx.evidence(cfg.patterns, regions, negation) if cfg.patterns and regions != [] else []
    if cfg.unless:
        hits = [h for h in hits if not lctx.matches_in(cfg.unless, lctx.sentence_span(h[0]))]
    closest: tuple = (None, 0.0)
    if cfg.headings:
        scored = lctx.heading_scores(cfg.headings)
        if scored:
            closest = max(scored, key=lambda cs: cs[1])
    found_regions = merge_spans([(c.start, c.end) for c, _ in clauses] + [_hit_region(lctx, h) for h in hits])
    negated = len(lctx.negated_hits(cfg.patterns, regions, cfg.skip_negated)) if not (clauses or hits) and cfg.patterns else 0
    result = Detection(bool(clauses or hits), clauses, hits, found_regions, closest, negated)
    lctx.memo[key] = result
    return result


def _hit_region(lctx: LintContext, hit) -> Span:
    clause = lctx.clause_span(hit[0])
    sentence = lctx.sentence_span(hit[0])
    if clause and clause[1] - clause[0] < 4000:
        return clause
    return sentence


def missing_attributes(cfg: Required, lctx: LintContext, regions: list[Span]) -> list[str]:
    """Names of attributes not found in any of the element's regions."""
    missing = []
    for attr in cfg.attributes:
        ok = attr.value != "pattern" and any(lctx.values(attr.value, r) for r in regions)
        if not ok and attr.patterns:  # a typed value, or words that state it without one ("immediately")
            ok = any(lctx.matches_in(attr.patterns, r) for r in regions)
        if not ok:
            missing.append(attr.name)
    return missing


def run(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """Findings for a missing / incomplete element, or for a present flag (report: present)."""
    cfg: Required = rule.compiled
    det = detect(rule, lctx)
    state = element_state(rule, lctx)
    if cfg.report == "present":
        return _present_findings(rule, lctx, det)
    if not det.present:
        return [lctx.finding(rule, None, None, details=_near_miss(rule, det))]
    if state == "incomplete":
        missing = missing_attributes(cfg, lctx, det.regions)
        start, end = _anchor(det)
        msg = cfg.message_incomplete or "{element} is incomplete: it lacks {missing}."
        return [lctx.finding(rule, start, end, message=msg, fields={"missing": ", ".join(missing)},
                             details={"lacked": missing})]
    return []


def element_state(rule: "Rule", lctx: LintContext) -> str:
    """present | missing | incomplete for this rule's element in the document."""
    cfg: Required = rule.compiled
    det = detect(rule, lctx)
    if not det.present:
        return "missing"
    if cfg.attributes and cfg.report == "missing" and missing_attributes(cfg, lctx, det.regions):
        return "incomplete"
    return "present"


def element_evidence(rule: "Rule", lctx: LintContext) -> dict | None:
    """Why the element counts as present: the first matching heading clause or content hit."""
    det = detect(rule, lctx)
    if not det.present:
        return None
    start, end = _anchor(det)
    clause = lctx.clause_at(start)
    via = "heading" if det.clauses else "pattern"
    return {"rule": rule.id, "via": via, "clause": clause.id if clause else None, "start": start, "end": end,
            "match": clean_field(lctx.text[start:end][:200]), "excerpt": lctx.excerpt(start, end)}


def _anchor(det: Detection) -> Span:
    if det.clauses:
        clause = det.clauses[0][0]
        return clause.start, min(clause.end, clause.start + len(clause.heading or "") + (len(clause.label or "")) + 2)
    return det.hits[0][0], det.hits[0][1]


def _present_findings(rule: "Rule", lctx: LintContext, det: Detection) -> list["Finding"]:
    out, seen = [], set()
    for start, end, _ in det.hits:
        sentence = lctx.sentence_span(start)
        if sentence in seen:
            continue
        seen.add(sentence)
        out.append(lctx.finding(rule, start, end, fields={"match": lctx.text[start:end]}))
    for clause, _ in det.clauses:
        if not any(clause.start <= f.start < clause.end for f in out):
            s, e = clause.start, clause.start + len(clause.heading or "")
            out.append(lctx.finding(rule, s, e, fields={"match": clause.heading or ""}))
    return out


def fold_flags(findings: list["Finding"], ruleset, lctx: LintContext) -> list["Finding"]:
    """A present flag (`report: present`) is said once per document, naming the other places. Runs after
    precedence, so a flag suppressed in one clause still counts where it survives."""
    def flag(f: "Finding") -> str | None:
        rule = ruleset.get(f.rule)
        is_flag = rule is not None and rule.kind == "required" and rule.compiled.report == "present"
        return f.rule if is_flag else None
    return say_once(findings, flag, lctx)


def _near_miss(rule: "Rule", det: Detection) -> dict:
    cfg: Required = rule.compiled
    looked = []
    if cfg.headings:
        looked.append("clause headings like " + ", ".join(cfg.headings[:4]) + ("..." if len(cfg.headings) > 4 else ""))
    if cfg.patterns:
        where = "text under " + ", ".join(rule.scope["headings"]) if rule.scope.get("headings") else "document text"
        looked.append(f"{where} for {len(cfg.patterns)} content pattern(s)")
    clause, score = det.closest
    lacked = []
    if cfg.headings:
        lacked.append("no clause heading matched")
    if cfg.patterns:
        lacked.append("no content pattern matched" + (
            f" ({det.negated} hit(s) in negated sentences ignored)" if det.negated else ""))
    return {
        "looked_in": "; ".join(looked),
        "closest_clause": (f"{clause.id} {clause.heading}".strip() if clause else None),
        "closest_heading_score": round(score, 1) if clause else None,
        "lacked": "; ".join(lacked),
    }


@register
class RequiredKind(Kind):
    """An element the agreement must contain; its rules decide the element matrix."""

    name = "required"
    config = Required
    placeholders = frozenset({"missing", "element", "match"})
    compile = staticmethod(compile)
    run = staticmethod(run)
    element_state = staticmethod(element_state)
    element_evidence = staticmethod(element_evidence)
    fold = staticmethod(fold_flags)

    @staticmethod
    def element_spans(rule: "Rule", lctx: LintContext) -> list[Span]:
        det = detect(rule, lctx)
        return [(s, e) for s, e, _ in det.hits] + [(c.start, c.end) for c, _ in det.clauses]

    @staticmethod
    def detects_element(rule: "Rule") -> bool:
        return bool(rule.element)

    @staticmethod
    def report(rule: "Rule") -> str | None:
        return rule.compiled.report
