"""`conditional`: if A is present then B must be present (in the same document, clause or sentence)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msalint.rulebook.kinds import Kind, kind_of, register
from msalint.rulebook.context import LintContext, Span
from msalint.rulebook.patterns import Pattern, parse_patterns
from msalint.rulebook.schema import one_of

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.ruleset import Rule

_FIGURE = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Conditional:
    """Compiled `conditional` rule."""

    if_: list[Pattern]
    then: list[Pattern]
    within: str

    def elements(self) -> list[str]:
        """Element names this rule refers to."""
        return [p.value for p in self.if_ + self.then if p.type == "element"]


def compile(ctx, rule: "Rule") -> Conditional:
    """Validate the kind-specific keys."""
    for key in ("if", "then"):
        if key not in ctx.node:
            ctx.fail(key, "missing required key")
    if_ = parse_patterns(ctx.node["if"], ctx.failer("if"), allow_element=True)
    then = parse_patterns(ctx.node["then"], ctx.failer("then"), allow_element=True)
    within = ctx.get("within", one_of("document", "clause", "sentence"), default="document")
    return Conditional(if_, then, within)


def _evidence(lctx: LintContext, patterns: list[Pattern], regions) -> list[Span]:
    """Spans where any of the patterns (or referenced elements) is evidenced."""
    spans = [(s, e) for s, e, _ in lctx.evidence([p for p in patterns if p.type != "element"], regions)]
    for p in patterns:
        if p.type != "element":
            continue
        for detector in lctx.ruleset.element_rules.get(p.value, []):
            spans.extend(kind_of(detector).element_spans(detector, lctx))
    return sorted(set(spans))


def _overlaps(region: Span | None, spans: list[Span]) -> bool:
    return region is not None and any(region[0] <= s < region[1] or s <= region[0] < e for s, e in spans)


def _lead_in(lctx: LintContext, pos: int, within: str) -> Span | None:
    """The opening sentence of the clause's parent: a list's lead-in ("Availability in each calendar month:
    1. ... 2. ...") governs every item under it."""
    if within != "clause":
        return None
    clause = lctx.clause_at(pos)
    if clause is None or clause.parent is None:
        return None
    parent = lctx.clause_by_id(clause.parent)
    if parent is None or parent.start >= clause.start:
        return None
    lead = lctx.sentence_span(parent.start)
    return (lead[0], min(lead[1], clause.start))


def run(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """A finding at each trigger whose document/clause/sentence lacks the consequence."""
    cfg: Conditional = rule.compiled
    regions = lctx.scope_regions(rule.scope)
    if regions == []:
        return []
    triggers = _evidence(lctx, cfg.if_, regions)
    if not triggers:
        return []
    consequences = _evidence(lctx, cfg.then, None)
    if cfg.within == "document":
        if consequences:
            return []
        s, e = triggers[0]
        e = min(e, lctx.sentence_span(s)[1]) if e - s > 300 else e
        return [lctx.finding(rule, s, e, fields={"match": lctx.text[s:e]})]
    unmet, stated_with_it = [], set()
    seen = set()
    for s, e in triggers:
        unit = lctx.unit_span(s, cfg.within)
        if unit in seen:
            continue
        seen.add(unit)
        if any(_overlaps(region, consequences) for region in (unit, _lead_in(lctx, s, cfg.within))):
            stated_with_it.update(_figures(lctx.text[s:e]))
        else:
            unmet.append((s, min(e, unit[1])))
    # a figure given once with its consequence keeps it where the document repeats it ("we guarantee 99.99%
    # monthly uptime ... if uptime drops below 99.99%, we credit ..."): the repetition refers back to it
    return [lctx.finding(rule, s, e, fields={"match": lctx.text[s:e]}) for s, e in unmet
            if not _figures(lctx.text[s:e]) & stated_with_it]


def _figures(text: str) -> set[str]:
    """The numbers a trigger states ("99.9", "30"), for recognising the same figure repeated."""
    return set(_FIGURE.findall(text))


@register
class ConditionalKind(Kind):
    """When one thing is present, another must be too."""

    name = "conditional"
    config = Conditional
    placeholders = frozenset({"match"})
    yaml_keys = frozenset({"if", "then", "within"})
    compile = staticmethod(compile)
    run = staticmethod(run)

    @staticmethod
    def elements_read(rule: "Rule") -> list[str]:
        return rule.compiled.elements()
