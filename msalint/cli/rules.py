"""`msalint rules` (the rule table) and `msalint rule ID` (one rule explained with its examples)."""
from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from msalint.cli.common import EXIT_USAGE, MsalintCommand, cli_settings, error, handle_errors
from msalint.config import PROFILES

if TYPE_CHECKING:
    from msalint.rulebook.ruleset import Rule, RuleSet


def _shared_options(func, formats: tuple[str, ...] = ("text", "json")):
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False),
                     help="Use this config file instead of searching for .msalint.toml / pyproject.toml."),
        click.option("--rules", "rules", multiple=True, type=click.Path(exists=True),
                     help="Extra rule pack (YAML file or folder); repeatable."),
        click.option("--profile", type=click.Choice(PROFILES),
                     help="Show severities and parameters as the profile sets them."),
        click.option("--format", "fmt", type=click.Choice(list(formats)), default="text", show_default=True,
                     help="Output format" + (" (markdown: the rulebook index, as in docs/rules.md)."
                                             if "markdown" in formats else ".")),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _load(config_file: str | None, **flags: Any) -> "RuleSet":
    """The rule set `check` would use, through the session's rulebook cache: a warm `rule ID` reads one pickle
    instead of parsing and compiling every rule file."""
    from msalint.config import load_config
    from msalint.session import LintOptions, Session

    flags.pop("fmt", None)
    config = load_config(config_file, cli=cli_settings(**flags))
    return Session(config, LintOptions(cache=False)).ruleset()


@click.command(cls=MsalintCommand)
@lambda func: _shared_options(func, ("text", "json", "markdown"))
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Leave out these rule ids or prefixes (comma-separated).")
@click.option("--check", is_flag=True,
              help="Lint the rule files instead: long raw regexes and, with --dev, patterns matching one document.")
@click.option("--dev", "dev", multiple=True, type=click.Path(exists=True), metavar="PATH",
              help="Development documents (file or folder, repeatable) for --check to count pattern matches in.")
@handle_errors
def rules(config_file: str | None, fmt: str, check: bool, dev: tuple[str, ...], **flags: Any) -> None:
    """List the rules in effect: id, severity, kind, element and title.

    With --check, lint the rules themselves (exit 1 when there are warnings).
    """
    ruleset = _load(config_file, **flags)
    if check:
        sys.exit(_check_rules(ruleset, dev, fmt))
    if dev:
        error("--dev needs --check")
        sys.exit(EXIT_USAGE)
    rows = sorted(ruleset.rules, key=lambda r: r.id)
    if fmt == "markdown":
        from msalint.rulebook.index import rules_markdown

        click.echo(rules_markdown(ruleset), nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps([rule_summary(r) for r in rows], indent=2, ensure_ascii=False))
        return
    click.echo(rules_table(rows))
    click.echo(f"\n{len(rows)} rules" + (f" (profile: {ruleset.profile})" if ruleset.profile else "")
               + _opt_in_note(ruleset))


def _opt_in_note(ruleset: "RuleSet") -> str:
    """'; 5 opt-in rules not in effect (style: --select ALL,style)' when opt-in packs were left out."""
    left_out: dict[str, int] = {}
    for r in ruleset.loaded:
        if not r.enabled and r not in ruleset.rules:
            left_out[r.pack] = left_out.get(r.pack, 0) + 1
    if not left_out:
        return ""
    packs = ", ".join(f"{pack}: --select ALL,{pack}" for pack in sorted(left_out))
    return f"; {sum(left_out.values())} opt-in rules not in effect ({packs})"


@click.command(cls=MsalintCommand)
@click.argument("rule_id")
@_shared_options
@handle_errors
def rule(rule_id: str, config_file: str | None, fmt: str, **flags: Any) -> None:
    """Explain one rule: rationale, remediation, parameters and its failing/passing examples."""
    from msalint.rulebook.loader import find_rule

    config_flags = dict(flags)
    ruleset = _load(config_file, **config_flags)
    found = ruleset.get(rule_id) or find_rule(rule_id, ruleset)
    if found is None:
        error(f"unknown rule {rule_id!r} (run `msalint rules` to list the rule ids)")
        sys.exit(EXIT_USAGE)
    if fmt == "json":
        click.echo(json.dumps(rule_detail(found), indent=2, ensure_ascii=False))
    else:
        click.echo(rule_text(found, selected=ruleset.get(rule_id) is not None))


def rule_summary(r: "Rule") -> dict[str, Any]:
    """The table row of a rule as a dict."""
    return {"id": r.id, "severity": str(r.severity), "kind": r.kind, "element": r.element, "title": r.title}


def rules_table(rows: list["Rule"]) -> str:
    """A plain aligned table of the rules."""
    header = ("ID", "SEVERITY", "KIND", "ELEMENT", "TITLE")
    data = [(r.id, str(r.severity), r.kind, r.element or "-", r.title) for r in rows]
    widths = [max(len(row[i]) for row in [header, *data]) for i in range(4)]
    lines = []
    for row in [header, *data]:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return "\n".join(line.rstrip() for line in lines)


def rule_detail(r: "Rule") -> dict[str, Any]:
    """Everything `msalint rule` shows, as a dict."""
    return {
        **rule_summary(r),
        "category": r.category,
        "cuad": r.cuad,
        "message": r.message,
        "rationale": r.rationale,
        "remediation": r.remediation,
        "suggestion": r.suggestion,
        "params": r.params,
        "profiles": {name: {k: (str(v) if k == "severity" else v) for k, v in o.items()}
                     for name, o in r.profiles.items()},
        "references": r.references,
        "suppressed_by": [{"rule": other, "within": within} for other, within in r.suppressed_by],
        "applies_to": applies_to_dict(r),
        "softened_by": ({"elements": list(r.softened_by.elements), "because": r.softened_by.because}
                        if r.softened_by else None),
        "examples": r.examples,
        "source": f"{_display(r.source_file)}:{r.source_line}",
    }


def applies_to_dict(r: "Rule") -> dict[str, Any]:
    """The documents a rule is for: kinds (None = every contract kind), subject, content-pattern count."""
    scope = r.applies_to
    if scope is None:
        return {"kinds": None, "subject": None}
    out: dict[str, Any] = {"kinds": list(scope.kinds) if scope.kinds else None, "subject": scope.subject}
    if scope.patterns:
        out["min_hits"] = scope.min_hits
    if scope.requires:
        out["requires"] = list(scope.requires)
    if scope.moot_if:
        out["moot_if"] = list(scope.moot_if)
    return out


def rule_text(r: "Rule", selected: bool = True) -> str:
    """A readable explanation of one rule."""
    import textwrap

    def wrap(text: str) -> str:
        return textwrap.fill(" ".join(text.split()), width=88, initial_indent="  ", subsequent_indent="  ")

    out = [f"{r.id}  {r.title}", f"  {r.severity} · {r.kind}" + (f" · element: {r.element}" if r.element else "")
           + ("" if selected else " · not selected in this configuration")
           + ("" if r.enabled or not r.pack else f" · opt-in: --select ALL,{r.pack}")]
    if r.cuad:
        out.append(f"  CUAD: {', '.join(r.cuad)}")
    out.append(f"  applies to: {r.applies_to.describe() if r.applies_to else 'every contract kind'}")
    if r.softened_by:
        out.append(f"  softened: {r.softened_by.describe()}")
    out += ["", "Rationale:", wrap(r.rationale), "", "Remediation:", wrap(r.remediation)]
    if r.suggestion:
        out += ["", "Suggestion:", wrap(r.suggestion)]
    if r.params:
        out += ["", "Parameters (override with [tool.msalint.thresholds] or .msalint.toml thresholds):"]
        out += [f"  {k} = {json.dumps(v)}" for k, v in r.params.items()]
    if r.profiles:
        out += ["", "Profiles:"]
        for name, o in r.profiles.items():
            parts = [f"{k}={v}" if k != "params" else f"params={json.dumps(v)}" for k, v in o.items()]
            out.append(f"  {name}: {', '.join(parts) or '(no change)'}")
    if r.suppressed_by:
        out += ["", "Suppressed by (a finding is dropped when one of these fires in the same place):"]
        out += [f"  {other} (within {within})" for other, within in r.suppressed_by]
    for kind, label in (("fail", "Fails on"), ("pass", "Passes")):
        out += ["", f"{label}:"]
        for example in r.examples[kind]:
            out.append(textwrap.indent(example.rstrip(), "  | "))
    if r.references:
        out += ["", "References:"] + [f"  - {ref}" for ref in r.references]
    out += ["", f"Defined in {_display(r.source_file)}:{r.source_line}"]
    return "\n".join(out)


def _display(path: str) -> str:
    """A path relative to the working directory when it lies below it."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _check_rules(ruleset: "RuleSet", dev: tuple[str, ...], fmt: str) -> int:
    """Print the rule-file warnings (stdout), a summary (stderr); the exit status."""
    import dataclasses

    from msalint.api import iter_documents
    from msalint.rulebook import rulecheck

    warnings = list(rulecheck.long_regex_warnings(ruleset.rules))
    documents = iter_documents(dev) if dev else []
    if documents:
        click.echo(f"counting pattern matches in {len(documents)} development documents...", err=True)
        counts = rulecheck.development_counts(ruleset, documents)
        warnings += rulecheck.one_document_warnings(ruleset, counts)
    if fmt == "json":
        click.echo(json.dumps([dataclasses.asdict(w) for w in warnings], indent=2, ensure_ascii=False))
    else:
        for w in warnings:
            click.echo(w.as_text())
    by_code = {code: sum(w.code == code for w in warnings) for code in ("long-regex", "one-document")}
    click.echo(f"{len(warnings)} warnings: {by_code['long-regex']} long raw regexes"
               + (f", {by_code['one-document']} patterns matching one development document" if documents else ""),
               err=True)
    return 1 if warnings else 0
