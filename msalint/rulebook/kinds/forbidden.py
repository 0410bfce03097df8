"""`forbidden`: wording that must not appear; one finding per hit, unless an exception matches."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msalint.rulebook.kinds import Kind, register
from msalint.rulebook.context import LintContext
from msalint.rulebook.fixes import FixSpec, check_fix
from msalint.rulebook.patterns import Pattern, parse_patterns
from msalint.rulebook.schema import check_bool

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.ruleset import Rule



@dataclass
class Forbidden:
    """Compiled `forbidden` rule."""

    patterns: list[Pattern]
    unless: list[Pattern] = field(default_factory=list)
    skip_negated: bool = False
    fix: FixSpec | None = None


def compile(ctx, rule: "Rule") -> Forbidden:
    """Validate the kind-specific keys."""
    if "patterns" not in ctx.node:
        ctx.fail("patterns", "missing required key")
    patterns = parse_patterns(ctx.node["patterns"], ctx.failer("patterns"))
    unless = parse_patterns(ctx.node["unless"], ctx.failer("unless")) if "unless" in ctx.node else []
    fix = check_fix(ctx.node["fix"], ctx.failer("fix")) if "fix" in ctx.node else None
    return Forbidden(patterns, unless, ctx.get("skip_negated", check_bool, default=False), fix)


def run(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """One finding per (non-overlapping) hit in scope whose sentence matches no `unless` pattern
    (and, with `skip_negated`, is not negated)."""
    cfg: Forbidden = rule.compiled
    regions = lctx.scope_regions(rule.scope)
    if regions == []:
        return []
    out, last_end = [], -1
    negation = "all" if cfg.skip_negated else False
    for start, end, _ in lctx.evidence(cfg.patterns, regions, negation=negation):
        if start < last_end:
            continue  # overlapping hits of several patterns count once
        last_end = end
        if cfg.unless and lctx.matches_in(cfg.unless, lctx.sentence_span(start)):
            continue
        finding = lctx.finding(rule, start, end, fields={"match": lctx.text[start:end]})
        if cfg.fix is not None:
            finding.fix = cfg.fix.at(lctx.text, start, end)
        out.append(finding)
    return out


@register
class ForbiddenKind(Kind):
    """Wording that must not appear."""

    name = "forbidden"
    config = Forbidden
    placeholders = frozenset({"match"})
    compile = staticmethod(compile)
    run = staticmethod(run)
