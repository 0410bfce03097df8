"""Every snippet of the README works when pasted: TOML configs load in both config files without warnings, YAML
parses into what pre-commit expects, and every msalint command line names real commands and options."""
from __future__ import annotations

import re
import shlex
import warnings
from pathlib import Path

import click
import pytest
import yaml

from msalint.cli import cli
from msalint.config import load_config
from msalint.errors import MsalintWarning

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"```(\w+)\n(.*?)```", README, re.S)
TOML = [body for lang, body in SNIPPETS if lang == "toml"]
YAML = [body for lang, body in SNIPPETS if lang == "yaml"]
SHELL_LINES = [line.split("#")[0].strip() for lang, body in SNIPPETS if lang == "sh" for line in body.splitlines()]

HOUSE_PACK = """\
pack: acme
rules:
  - id: ACME-WRD-001
    title: No discretion wording
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


def test_the_readme_has_snippets_of_each_kind():
    assert TOML and YAML and len(SHELL_LINES) >= 4


def project_with(tmp_path: Path, name: str, toml: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "house-rules").mkdir()
    (tmp_path / "house-rules" / "acme.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    (tmp_path / name).write_text(toml, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("toml", TOML, ids=[f"toml-{i}" for i in range(len(TOML))])
@pytest.mark.parametrize("name", ["pyproject.toml", ".msalint.toml"])
def test_toml_snippet_works_pasted_into_either_config_file(tmp_path, monkeypatch, name, toml):
    project = project_with(tmp_path, name, toml)
    monkeypatch.chdir(project)
    config = load_config(cwd=project)
    assert config.file is not None and config.file.name == name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ids = {rule.id for rule in config_rules(config)}
    assert not [w for w in caught if issubclass(w.category, MsalintWarning)], [str(w.message) for w in caught]
    assert "ACME-WRD-001" in ids  # the house pack the example names really runs


def config_rules(config):
    from msalint.session import Session

    return Session(config).ruleset().rules


@pytest.mark.parametrize("text", YAML, ids=[f"yaml-{i}" for i in range(len(YAML))])
def test_yaml_snippet_is_a_pre_commit_config_for_a_released_tag(text):
    data = yaml.safe_load(text)
    [repo] = data["repos"]
    [hook] = repo["hooks"]
    assert hook["id"] == "msalint"
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
    assert (REPO / "CHANGELOG.md").read_text(encoding="utf-8").count(repo["rev"].lstrip("v")) >= 1
    assert re.compile(hook["exclude"]).search("README.md") and not re.compile(hook["exclude"]).search("msa.pdf")


@pytest.mark.parametrize("line", [line for line in SHELL_LINES if "msalint " in line])
def test_shell_snippet_commands_and_options_exist(line):
    for command in line.split("&&"):
        words = shlex.split(command)
        if words[:1] != ["msalint"]:
            continue
        ctx = cli.make_context("msalint", words[1:], resilient_parsing=True)
        group: click.Command = cli
        while isinstance(group, click.Group) and ctx.protected_args:
            name, *rest = ctx.protected_args + ctx.args
            group = group.get_command(ctx, name)
            assert group is not None, f"{line}: no command {name!r}"
            ctx = group.make_context(name, rest, parent=ctx, resilient_parsing=True)
        unknown = [w for w in ctx.args if w.startswith("-")]
        assert not unknown, f"{line}: unknown options {unknown}"
