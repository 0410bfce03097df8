"""Elements that are moot given the rest of the deal: `applies_to: {requires: [...], moot_if: [...]}`.

A rule with ``requires`` applies only when the document holds at least one of those elements (credits need service
levels to attach to); a rule with ``moot_if`` does not apply when the document holds any of them (a cure period is
moot when either party may walk away on notice anyway). Both read the document's *detected* element states, which
never depend on whether a rule applies, so the order the rules run in cannot change the answer. A rule that does not
apply gives no finding, and its element, when the document lacks it, is ``not_applicable`` with the reason.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from msalint.errors import RuleFileError
from msalint.rulebook.kinds import kind_of
from msalint.rulebook.ruleset import either_of, element_words

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.context import LintContext
    from msalint.rulebook.ruleset import Rule

HELD = ("present", "incomplete")


def check_element_conditions(rules: list["Rule"]) -> None:
    """Load-time checks: every element named in ``requires``/``moot_if``/``softened_by`` is detected by a loaded rule, and no
    element requires itself through other elements (such a loop could never be reported missing)."""
    detected = {r.element for r in rules if kind_of(r).detects_element(r)}
    for rule in rules:
        for key, elements in _conditions(rule):
            for element in elements:
                if element not in detected:
                    raise RuleFileError(rule.source_file, rule.source_line,
                                        f"rule {rule.id}, key '{key}': element {element!r} is not "
                                        "detected by any loaded required rule")
    needs: dict[str, set[str]] = {}
    declared_by: dict[tuple[str, str], "Rule"] = {}  # the first rule saying that one element requires another
    for rule in rules:
        if rule.element and rule.applies_to is not None and rule.applies_to.requires:
            needs.setdefault(rule.element, set()).update(rule.applies_to.requires)
            for other in rule.applies_to.requires:
                declared_by.setdefault((rule.element, other), rule)
    state: dict[str, int] = {}

    def visit(element: str, path: list[str]) -> None:
        if state.get(element) == 2:
            return
        if state.get(element) == 1:
            loop = path[path.index(element):] + [element]
            rule = declared_by[(loop[0], loop[1])]
            raise RuleFileError(rule.source_file, rule.source_line,
                                f"rule {rule.id}, key 'applies_to.requires': elements require each other "
                                f"({' -> '.join(loop)}), so none of them could ever be reported missing")
        state[element] = 1
        for other in sorted(needs.get(element, ())):
            visit(other, path + [element])
        state[element] = 2

    for element in sorted(needs):
        visit(element, [])


def _conditions(rule: "Rule") -> list[tuple[str, tuple[str, ...]]]:
    scope, softening = rule.applies_to, rule.softened_by
    out = [] if scope is None else [("applies_to.requires", scope.requires), ("applies_to.moot_if", scope.moot_if)]
    return out + ([("softened_by.elements", softening.elements)] if softening else [])


def moot_reason(rule: "Rule", lctx: "LintContext", elements: dict[str, str]) -> str | None:
    """Why ``rule`` does not apply given the document's other elements, or None when it does."""
    scope = rule.applies_to
    if scope is None:
        return None
    held = [e for e in scope.moot_if if _held(e, lctx, elements)]
    if held:
        return f"moot: the document has {element_words(held[0])}"
    if scope.requires and not any(_held(e, lctx, elements, referenced_counts=True) for e in scope.requires):
        return f"needs {either_of(scope.requires)}, which the document does not have"
    return None


def _held(element: str, lctx: "LintContext", elements: dict[str, str], referenced_counts: bool = False) -> bool:
    """Detected present (or incomplete) by any loaded rule; ``referenced`` (in an absent attachment) counts for
    ``requires``: the attachment probably holds it, so what depends on it is not moot."""
    if referenced_counts and elements.get(element) == "referenced":
        return True
    return any(kind_of(rule).element_state(rule, lctx) in HELD for rule in lctx.ruleset.element_rules.get(element, []))


def kind_reason(rule: "Rule", lctx: "LintContext") -> str:
    """Why a rule is not for this document at all (its kind, subject or words)."""
    kind = lctx.kind
    scope = rule.applies_to
    if kind is not None and not kind.is_contract:
        return "not a contract"
    if scope is not None and kind is not None and scope.kinds is not None and kind.kind not in scope.kinds:
        return f"not asked of a document of kind {kind.kind}"
    if scope is not None and kind is not None and scope.subject and scope.subject != kind.subject:
        return "asked only of IT / managed-services documents"
    return "the document lacks the words the rule is for"


def settle_applicability(lctx: "LintContext", elements: dict[str, str],
                         findings: list["Finding"]) -> tuple[list["Finding"], dict[str, str]]:
    """Drop the findings of rules that are moot on this document; turn the missing elements of moot rules into
    ``not_applicable`` (``elements`` is updated in place). Returns the findings and, for every ``not_applicable``
    element, the reason."""
    moot: dict[str, str] = {}
    for rule in lctx.ruleset.rules:
        if lctx.rule_applies(rule):
            reason = moot_reason(rule, lctx, elements)
            if reason:
                moot[rule.id] = reason
    reasons: dict[str, str] = {}
    for element, state in elements.items():
        detectors = [r for r in lctx.ruleset.element_detectors() if r.element == element]
        if state == "not_applicable" and detectors:
            reasons[element] = kind_reason(detectors[0], lctx)
        elif state == "missing":
            applicable = [r for r in detectors if lctx.rule_applies(r)]
            why = [moot.get(r.id) or moot_reason(r, lctx, elements) for r in applicable]
            if applicable and all(why):
                elements[element] = "not_applicable"
                reasons[element] = str(why[0])
    return [f for f in findings if f.rule not in moot], reasons
