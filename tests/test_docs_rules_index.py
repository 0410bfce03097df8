"""docs/rules.md is the generated rulebook index: it must match the rule packs."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from msalint.api import load_rules
from msalint.cli import cli
from msalint.rulebook.index import rules_markdown

INDEX = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_docs_index_is_up_to_date():
    expected = rules_markdown(load_rules())
    assert INDEX.read_text(encoding="utf-8") == expected, "regenerate: msalint rules --format markdown > docs/rules.md"


def test_index_lists_every_rule_once_with_its_pack():
    ruleset = load_rules()
    text = rules_markdown(ruleset)
    rows = [line for line in text.splitlines() if line.startswith("| MSA-")]
    assert sorted(line.split(" | ")[0][2:] for line in rows) == sorted(r.id for r in ruleset.loaded)
    assert "## sla (`rules/sla.yaml`)" in text
    opt_in = sum(not r.enabled for r in ruleset.loaded)
    assert opt_in > 5 and f"**{len(ruleset.loaded)} rules** ({opt_in} opt-in)" in text
    assert "| MSA-WRD-006 | 'And/or' | forbidden | info |  | opt-in (`--select ALL,style`) |" in text
    assert "| MSA-GEN-007 | Notices have a stated method and address | required | warning |  | `notices`; " \
           "opt-in (`--select ALL,checklist`) |" in text
    assert ("| `service_levels` | MSA-SLA-001 | missing | agreement, sla; subject it; only when the document has "
            "operated service or it support; moot when it has response times, resolution times or project work |  |") in text


def test_cli_prints_the_index(tmp_path):
    result = CliRunner().invoke(cli, ["rules", "--format", "markdown", "--select", "MSA-GEN"])
    assert result.exit_code == 0, result.output
    assert "| MSA-GEN-001 |" in result.output and "| MSA-SLA-001 |" not in result.output
