"""The rulebook index (docs/rules.md) as Markdown, generated from the loaded rules."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from msalint.rulebook.kinds import kind_of

if TYPE_CHECKING:
    from msalint.rulebook.ruleset import Rule, RuleSet

INTRO = """# msalint rulebook

This index is generated from the rule packs in `rules/` (one YAML file per group; the rule language is
described in [rule-language.md](rule-language.md)) by `msalint rules --format markdown`; a test keeps it in step
with the packs. Every rule carries a rationale, a remediation and pass/fail examples that the test suite runs.
Run `msalint rule <ID>` for the full text of a rule.

Opt-in rules do not run unless selected by their pack's name or their exact id: the `style` pack (drafting
style such as 'and/or' or passive duties: `--select ALL,style`) and the `checklist` pack (the full review
checklist: boilerplate a reviewer rarely acts on when it is absent, such as notices, severability, invoicing
cadence or non-solicitation: `--select ALL,checklist`). A checklist element is still detected: it reads present
or missing in JSON, the batch matrix and `msalint eval`, it only gives no finding by default.
"""

PROFILES = """## Profiles

`--profile customer` and `--profile provider` apply each rule's `profiles:` overrides (severity, enabled,
params). The reviewing side changes verdicts: for example credits-as-sole-remedy (MSA-SLA-010) is a warning
for the customer and info for the provider; unilateral amendment by the provider (MSA-WRD-012) is an error
for the customer; missing late-payment remedies (MSA-FEE-004) matter to the provider. Rules with overrides
are marked in the tables below (C = customer, P = provider).
"""

ELEMENTS = """## Elements and CUAD categories

Required-element rules name the element they detect (`element:`); the evaluation scores element presence
against labels. CUAD categories map to exactly one element each. Rules with `applies_to` give findings only on
the document kinds (and subject) they are for; element detection always runs, and an element no applicable rule
asks for is `not_applicable` when the document lacks it.
"""

TABLE_HEAD = "| ID | Title | Kind | Severity | Profiles | Element / params |\n|---|---|---|---|---|---|"


def rules_markdown(ruleset: "RuleSet") -> str:
    """The whole index: counts, profiles note, element table and one table per pack."""
    rules = list(ruleset.rules) + [r for r in ruleset.loaded if not r.enabled and r not in ruleset.rules]
    kinds = Counter(r.kind for r in rules)
    severities = Counter(str(r.severity) for r in rules)
    opt_in = sum(not r.enabled for r in rules)
    counts = (f"**{len(rules)} rules** ({opt_in} opt-in): " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
              + " | default severities: " + ", ".join(f"{s} {n}" for s, n in sorted(severities.items())))
    parts = [INTRO, counts + "\n", PROFILES, ELEMENTS, _element_table(rules)]
    for source, pack_rules in _by_pack(rules):
        name = Path(source).stem
        parts.append(f"## {name} (`rules/{Path(source).name}`)\n\n{TABLE_HEAD}\n"
                     + "\n".join(_row(r) for r in pack_rules) + "\n")
    return "\n".join(parts)


def _by_pack(rules: list["Rule"]) -> list[tuple[str, list["Rule"]]]:
    packs: dict[str, list["Rule"]] = {}
    for rule in rules:
        packs.setdefault(rule.source_file, []).append(rule)
    return list(packs.items())


def _element_table(rules: list["Rule"]) -> str:
    lines = ["| Element | Rule | Report | Applies to | CUAD category |", "|---|---|---|---|---|"]
    for r in rules:
        if kind_of(r).detects_element(r):
            report = kind_of(r).report(r) or "missing"
            scope = r.applies_to.describe() if r.applies_to else "every contract kind"
            lines.append(f"| `{r.element}` | {r.id} | {report} | {scope} | {', '.join(r.cuad)} |")
    return "\n".join(lines) + "\n"


def _row(r: "Rule") -> str:
    return f"| {r.id} | {r.title} | {r.kind} | {r.severity} | {_profiles(r)} | {_details(r)} |"


def _profiles(r: "Rule") -> str:
    marks = []
    for name, letter in (("customer", "C"), ("provider", "P")):
        override = r.profiles.get(name) or {}
        if override.get("enabled") is False:
            marks.append(f"{letter}: off")
        elif "severity" in override:
            marks.append(f"{letter}: {override['severity']}")
        elif override.get("enabled") is True:
            marks.append(f"{letter}: on")
    return "; ".join(marks)


def _details(r: "Rule") -> str:
    bits = []
    if r.element:
        bits.append(f"`{r.element}`")
    check = r.spec.get("check")
    if check:
        bits.append(f"check: {check}")
    bits.extend(f"{k}={v}" for k, v in sorted(r.params.items()))
    if r.suppressed_by:
        bits.append("suppressed by " + ", ".join(other for other, _ in r.suppressed_by))
    if not r.enabled:
        bits.append(f"opt-in (`--select ALL,{r.pack}`)" if r.pack else "opt-in")
    return "; ".join(bits)
