"""--select / --ignore / severity keys: short ids resolve unambiguously, unknown ids fail with a suggestion, and
selecting away a whole extra pack warns."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.api import load_rules
from msalint.cli import cli
from msalint.errors import ConfigError, MsalintWarning

HOUSE_PACK = """\
pack: house
rules:
  - id: ACME-WRD-006
    title: No "at our discretion"
    kind: forbidden
    severity: warning
    message: Discretion wording
    rationale: Discretion leaves the other party without a standard.
    remediation: State the criteria.
    patterns: ["at our discretion"]
    examples:
      fail: ["We may change prices at our discretion."]
      pass: ["Prices are fixed."]
"""


def house(tmp_path: Path, text: str = HOUSE_PACK) -> Path:
    folder = tmp_path / "house-rules"
    folder.mkdir()
    (folder / "acme.yaml").write_text(text, encoding="utf-8")
    return folder


def ids(ruleset) -> set[str]:
    return {rule.id for rule in ruleset.rules}


def test_ignore_accepts_the_id_without_its_pack_prefix():
    everything = ids(load_rules())
    assert "MSA-WRD-001" in everything
    assert ids(load_rules(ignore=["WRD-001"])) == everything - {"MSA-WRD-001"}


def test_select_accepts_a_short_prefix():
    assert ids(load_rules(select=["WRD"])) == ids(load_rules(select=["MSA-WRD"]))


def test_severity_override_accepts_a_short_id():
    rule = next(r for r in load_rules(severity={"WRD-001": "error"}).rules if r.id == "MSA-WRD-001")
    assert str(rule.severity) == "error"


@pytest.mark.parametrize("option", ["select", "ignore"])
def test_unknown_id_fails_with_a_suggestion(option):
    with pytest.raises(ConfigError, match=rf"{option} 'WRD-0066': no rule has this id or prefix; "
                                          r"did you mean 'MSA-WRD-006'\?"):
        load_rules(**{option: ["WRD-0066"]})


def test_short_id_shared_by_two_packs_is_ambiguous(tmp_path):
    with pytest.raises(ConfigError, match="ambiguous: write one of ACME-WRD-006, MSA-WRD-006"):
        load_rules([house(tmp_path)], ignore=["WRD-006"])


def test_selecting_away_an_extra_pack_warns(tmp_path):
    folder = house(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_rules([folder], select=["MSA"])
        left_out = [w for w in caught if issubclass(w.category, MsalintWarning)]
        assert len(left_out) == 1 and "acme.yaml" in str(left_out[0].message) and "'ACME'" in str(left_out[0].message)
        caught.clear()
        assert "ACME-WRD-006" in ids(load_rules([folder], select=["MSA", "ACME"]))
        assert not [w for w in caught if issubclass(w.category, MsalintWarning)]


@pytest.mark.parametrize("source", ["flag", "config"])
def test_cli_short_ignore_and_did_you_mean(tmp_path, monkeypatch, source):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("The Supplier will use reasonable efforts to restore the service and/or best endeavours.\n")
    runner = CliRunner()

    def run(value: str):
        if source == "config":
            (tmp_path / ".msalint.toml").write_text(f'ignore = ["{value}"]\n')
            return runner.invoke(cli, ["check", "--no-cache", "--format", "json", "a.txt"])
        return runner.invoke(cli, ["check", "--no-cache", "--format", "json", "--ignore", value, "a.txt"])

    assert '"MSA-WRD-001"' in runner.invoke(cli, ["check", "--no-cache", "--format", "json", "a.txt"]).stdout
    kept = run("WRD-001")
    assert kept.exit_code in (0, 1) and '"MSA-WRD-001"' not in kept.stdout
    typo = run("WRD-0011")
    assert typo.exit_code == 2
    assert typo.stderr.strip() == ("msalint: error: ignore 'WRD-0011': no rule has this id or prefix; "
                                   "did you mean 'MSA-WRD-001'?")


def test_cli_warns_once_on_stderr_when_select_leaves_out_an_extra_pack(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = house(tmp_path)
    (tmp_path / "a.txt").write_text("We may change prices at our discretion.\n")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--rules", str(folder), "--select", "MSA", "a.txt"])
    warned = [line for line in result.stderr.splitlines() if line.startswith("msalint: warning:")]
    assert len(warned) == 1 and "acme.yaml" in warned[0]


def test_mistyped_command_gets_did_you_mean():
    result = CliRunner().invoke(cli, ["chek", "x.pdf"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "msalint: error: no such command 'chek'; did you mean 'check'?"
    far = CliRunner().invoke(cli, ["frobnicate"])
    assert far.exit_code == 2 and "commands: " in far.stderr and "check, clauses" in far.stderr
