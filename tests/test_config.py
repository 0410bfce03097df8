"""Configuration discovery, validation, CLI layering, overrides and `msalint config`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.cli import cli
from msalint.config import COMMAND_LINE, DEFAULT, discover_config_file, load_config
from msalint.errors import ConfigError


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fake git repository root with a nested working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "b").mkdir(parents=True)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(repo):
    cfg = load_config(cwd=repo / "a")
    assert cfg.file is None and cfg.root == repo
    assert (cfg.fail_on, cfg.format, cfg.cache, cfg.select, cfg.profile) == ("error", "text", True, [], None)
    assert cfg.source_of("fail_on") == DEFAULT


def test_nearest_file_wins_and_dot_msalint_beats_pyproject(repo):
    write(repo / "pyproject.toml", '[tool.msalint]\nfail_on = "info"\n')
    write(repo / "a" / "pyproject.toml", '[tool.msalint]\nfail_on = "warning"\n')
    write(repo / "a" / ".msalint.toml", 'fail_on = "error"\nprofile = "provider"\n')
    cfg = load_config(cwd=repo / "a" / "b")
    assert cfg.file == repo / "a" / ".msalint.toml"
    assert (cfg.fail_on, cfg.profile) == ("error", "provider")


def test_pyproject_without_table_is_skipped(repo):
    write(repo / "a" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(repo / "pyproject.toml", '[tool.msalint]\nfail_on = "warning"\n')
    assert discover_config_file(repo / "a" / "b") == repo / "pyproject.toml"


def test_search_stops_at_git_root(tmp_path):
    write(tmp_path / ".msalint.toml", 'fail_on = "info"\n')
    (tmp_path / "proj" / ".git").mkdir(parents=True)
    assert discover_config_file(tmp_path / "proj") is None
    assert load_config(cwd=tmp_path / "proj").fail_on == "error"


def test_explicit_config_file_replaces_discovery(repo):
    write(repo / ".msalint.toml", 'fail_on = "info"\n')
    other = write(repo / "ci" / "pyproject.toml", '[tool.msalint]\nformat = "json"\n')
    cfg = load_config(other, cwd=repo)
    assert cfg.file == other and cfg.format == "json" and cfg.fail_on == "error"
    with pytest.raises(ConfigError, match="missing.toml: config file not found"):
        load_config("missing.toml", cwd=repo)


@pytest.mark.parametrize("body,key", [
    ('colour = "red"\n', "colour"),
    ('fail_on = "fatal"\n', "fail_on"),
    ('profile = "buyer"\n', "profile"),
    ('select = "MSA-SLA"\n', "select"),
    ('cache = "yes"\n', "cache"),
    ('format = "xml"\n', "format"),
    ('[severity]\nMSA-SLA-001 = "critical"\n', "severity.MSA-SLA-001"),
    ('[thresholds]\nmax_days = [1]\n', "thresholds.max_days"),
    ('[[overrides]]\nselect = ["X"]\n', "overrides[0].paths"),
    ('[[overrides]]\npaths = ["*"]\nfail_on = "info"\n', "overrides[0].fail_on"),
])
def test_bad_keys_and_values_name_file_and_key(repo, body, key):
    write(repo / ".msalint.toml", body)
    with pytest.raises(ConfigError) as info:
        load_config(cwd=repo)
    assert ".msalint.toml" in str(info.value) and f"key '{key}'" in str(info.value)


def test_invalid_toml_is_a_config_error(repo):
    write(repo / ".msalint.toml", 'fail_on = "warning"\nselect = [\n')
    with pytest.raises(ConfigError, match=r"\.msalint\.toml:3: invalid TOML"):
        load_config(cwd=repo)


def test_paths_are_relative_to_the_config_file(repo):
    write(repo / "pyproject.toml", '[tool.msalint]\nrules = ["packs/house.yaml"]\nbaseline = ".msalint/b.json"\n')
    cfg = load_config(cwd=repo / "a" / "b")
    assert cfg.rules == [repo / "packs" / "house.yaml"]
    assert cfg.baseline == repo / ".msalint" / "b.json"


def test_cli_select_replaces_ignore_and_rules_add(repo):
    write(repo / ".msalint.toml", 'select = ["MSA-SLA"]\nignore = ["MSA-SLA-002"]\nrules = ["p1.yaml"]\n')
    cfg = load_config(cwd=repo, cli={"select": ["MSA-LIAB"], "ignore": ["MSA-LIAB-003"], "rules": ["p2.yaml"],
                                     "fail_on": "info", "cache": False})
    assert cfg.select == ["MSA-LIAB"] and cfg.source_of("select") == COMMAND_LINE
    assert cfg.ignore == ["MSA-SLA-002", "MSA-LIAB-003"]
    assert cfg.source_of("ignore") == f".msalint.toml + {COMMAND_LINE}"
    assert cfg.rules == [repo / "p1.yaml", Path("p2.yaml")]
    assert (cfg.fail_on, cfg.cache) == ("info", False)


def test_overrides_apply_to_matching_documents_only(repo):
    write(repo / ".msalint.toml", """
select = ["MSA"]
ignore = ["MSA-A-1"]
severity = {"MSA-B-1" = "info"}
[[overrides]]
paths = ["legacy/*"]
ignore = ["MSA-C-1"]
severity = {"MSA-D-1" = "warning"}
profile = "provider"
[[overrides]]
paths = ["**/drafts/*.md"]
select = ["MSA-SLA"]
""")
    cfg = load_config(cwd=repo)
    base = cfg.settings_for(repo / "current" / "msa.pdf")
    assert base == cfg.base_settings()
    legacy = cfg.settings_for(repo / "legacy" / "old.pdf")
    assert legacy.ignore == ("MSA-A-1", "MSA-C-1") and legacy.profile == "provider"
    assert dict(legacy.severity) == {"MSA-B-1": "info", "MSA-D-1": "warning"}
    assert legacy.select == ("MSA",)
    draft = cfg.settings_for(repo / "x" / "drafts" / "d.md")
    assert draft.select == ("MSA-SLA",) and draft.profile is None
    assert hash(legacy) != hash(base)  # settings are usable as dict keys


def test_exclude_globs(repo):
    write(repo / ".msalint.toml", 'exclude = ["archive/*", "*.draft.md"]\n')
    cfg = load_config(cwd=repo)
    assert cfg.is_excluded(repo / "archive" / "2019" / "msa.pdf")
    assert cfg.is_excluded(repo / "x" / "terms.draft.md")
    assert not cfg.is_excluded(repo / "current" / "msa.pdf")


def test_default_waivers_file_is_used_when_present(repo):
    assert load_config(cwd=repo).waivers is None
    write(repo / ".msalint" / "waivers.yaml", "version: 1\nwaivers: []\n")
    cfg = load_config(cwd=repo / "a")
    assert cfg.waivers == repo / ".msalint" / "waivers.yaml"
    assert cfg.source_of("waivers").startswith(DEFAULT)


def test_config_command_text_and_json(repo, monkeypatch):
    write(repo / "pyproject.toml", '[tool.msalint]\nfail_on = "warning"\n')
    monkeypatch.chdir(repo / "a")
    runner = CliRunner()
    result = runner.invoke(cli, ["config", "--profile", "customer"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(l.startswith('fail_on = "warning"') and l.endswith(str(repo / "pyproject.toml")) for l in lines)
    assert any(l.startswith('profile = "customer"') and l.endswith("# command line") for l in lines)
    assert any(l.startswith("cache = true") and l.endswith("# default") for l in lines)
    data = json.loads(runner.invoke(cli, ["config", "--format", "json", "--no-cache"]).stdout)
    assert data["settings"]["cache"] == {"value": False, "source": "command line"}
    assert data["settings"]["fail_on"]["value"] == "warning"


def test_config_command_reports_bad_config_on_one_line(repo, monkeypatch):
    write(repo / ".msalint.toml", 'fail_on = "fatal"\n')
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("msalint: error: ")
    assert "fail_on" in result.stderr
