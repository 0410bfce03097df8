"""Config files a user gets wrong: malformed or hostile TOML in either file name, the [tool.msalint] table
pasted into .msalint.toml, and the one-line exit-2 error the CLI gives for each."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.cli import cli
from msalint.config import load_config
from msalint.errors import ConfigError

CONFIG_FILES = {".msalint.toml": "", "pyproject.toml": "[tool.msalint]\n"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.mark.parametrize("name", CONFIG_FILES)
def test_malformed_toml_is_an_error_naming_file_and_line(repo, name):
    (repo / name).write_text(CONFIG_FILES[name] + 'fail_on = "warning"\nselect = ["MSA"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=repo)
    line = CONFIG_FILES[name].count("\n") + 3
    assert f"{name}:{line}: invalid TOML" in str(info.value)


def test_malformed_pyproject_without_msalint_table_is_not_skipped(repo):
    """A broken pyproject.toml cannot be known not to configure msalint: refusing beats silent defaults."""
    (repo / "pyproject.toml").write_text("[project]\nname = = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml:2: invalid TOML"):
        load_config(cwd=repo)


@pytest.mark.parametrize("name", CONFIG_FILES)
def test_cli_exits_2_with_one_line_naming_the_file(repo, name, monkeypatch):
    (repo / name).write_text(CONFIG_FILES[name] + "fail_on = 'warning\n", encoding="utf-8")
    (repo / "a.txt").write_text("The Provider shall provide the Services.\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "a.txt"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("msalint: error: ") and f"{name}:" in lines[0]
    assert "Traceback" not in result.output


HOSTILE = {
    "a 5,000-digit integer": "x = " + "9" * 5000 + "\n",
    "arrays nested 5,000 deep": "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "inline tables nested 5,000 deep": "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
}


@pytest.mark.parametrize("name", CONFIG_FILES)
@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_toml_is_a_config_error(repo, name, body):
    (repo / name).write_text(CONFIG_FILES[name] + body, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{name}(:\d+)?: invalid TOML"):
        load_config(cwd=repo)


@pytest.mark.parametrize("body", ["[[tool.msalint]]\nfail_on = 'info'\n", "tool = 3\n", "[tool]\nmsalint = 'x'\n"])
@pytest.mark.parametrize("name", CONFIG_FILES)
def test_tool_msalint_must_be_a_table(repo, name, body):
    (repo / name).write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=name):
        load_config(cwd=repo)


def test_array_of_tables_error_says_what_to_write(repo):
    (repo / "pyproject.toml").write_text("[[tool.msalint]]\nfail_on = 'info'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"write \[tool\.msalint\], not \[\[tool\.msalint\]\]"):
        load_config(cwd=repo)


def test_tool_msalint_table_pasted_into_dot_msalint_toml_works(repo):
    (repo / ".msalint.toml").write_text(
        '[tool.msalint]\nfail_on = "warning"\n\n[[tool.msalint.overrides]]\npaths = ["s/**"]\nignore = ["MSA-GEN"]\n',
        encoding="utf-8")
    config = load_config(cwd=repo)
    assert config.fail_on == "warning" and config.overrides[0].ignore == ["MSA-GEN"]


def test_dot_msalint_toml_cannot_mix_top_level_keys_and_the_table(repo):
    (repo / ".msalint.toml").write_text('fail_on = "info"\n[tool.msalint]\nprofile = "customer"\n',
                                        encoding="utf-8")
    with pytest.raises(ConfigError, match="not both"):
        load_config(cwd=repo)
