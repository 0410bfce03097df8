"""`msalint batch PATHS --db X` (default run) and `msalint batch report`, progress modes and exit codes."""
from __future__ import annotations

import sqlite3

from click.testing import CliRunner
from batch_helpers import write_contract

from msalint.cli import cli


def _invoke(*args: str):
    return CliRunner().invoke(cli, ["batch", *args], catch_exceptions=False)


def _count(db) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]


def test_paths_without_subcommand_run_the_batch(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    result = _invoke(str(contracts), "--db", str(db), "--jobs", "2", "--task", "fake_tasks:echo")
    assert result.exit_code == 0, result.output
    assert "20 documents: 20 ok; 0 already done" in result.stdout
    assert _count(db) == 20


def test_explicit_run_subcommand_and_include_exclude(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    result = _invoke("run", str(contracts), "--db", str(db), "-j", "1", "--task", "fake_tasks:echo",
                     "--include", "contract_0*", "--exclude", "*_05.txt")
    assert result.exit_code == 0, result.output
    paths = sorted(r[0].rsplit("/", 1)[-1] for r in sqlite3.connect(db).execute("SELECT path FROM documents"))
    assert paths == [f"contract_0{i}.txt" for i in range(10) if i != 5]


def test_report_subcommand_writes_three_files(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    assert _invoke(str(contracts), "--db", str(db), "--task", "fake_tasks:echo", "-q").exit_code == 0
    out = tmp_path / "review"
    result = _invoke("report", "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["matrix.csv", "report.html", "results.json"]
    assert str(out / "report.html") in result.stdout


def test_group_help_lists_both_commands():
    result = _invoke("--help")
    assert result.exit_code == 0
    assert "run" in result.stdout and "report" in result.stdout and "--db" in result.stdout


def test_log_progress_on_non_terminal_stderr(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    result = _invoke(str(contracts), "--db", str(db), "--task", "fake_tasks:echo", "--progress-interval", "0")
    lines = [line for line in result.stderr.splitlines() if line.startswith("msalint batch: [")]
    assert "20 documents, 0 already done, 20 to lint" in result.stderr
    assert len(lines) >= 20  # interval 0: a line per document plus the final one
    assert lines[-1].startswith("msalint batch: [20/20] 100%") and "failures 0" in lines[-1]
    assert "\r" not in result.stderr


def test_live_progress_redraws_one_line(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    result = _invoke(str(contracts), "--db", str(db), "--task", "fake_tasks:echo", "--progress", "live")
    assert result.stderr.count("\n") == 2  # the header line and the final line
    assert "\r[20/20] 100%" in result.stderr and "\x1b[K" in result.stderr


def test_quiet_prints_nothing(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    result = _invoke(str(contracts), "--db", str(db), "--task", "fake_tasks:echo", "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert _count(db) == 20


def test_failed_document_exits_3_and_counts_failures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_contract(folder, "fine.txt", {}, [])
    write_contract(folder, "CRASH.txt", {}, [])
    result = _invoke(str(folder), "--db", str(tmp_path / "r.sqlite"), "--task", "fake_tasks:misbehave",
                     "--progress", "log")
    assert result.exit_code == 3
    assert "1 crashed, 1 ok" in result.stdout
    assert "failures 1 (crashed 1)" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert _invoke(str(tmp_path)).exit_code == 2  # --db missing
    assert _invoke("report", "--db", str(tmp_path / "absent.sqlite"), "--out", str(tmp_path)).exit_code == 2
    assert _invoke(str(tmp_path), "--db", str(tmp_path / "r.sqlite"), "--task", "nosuchmodule:f").exit_code == 2


def test_same_file_given_twice_is_linted_once(contracts, tmp_path, monkeypatch):
    monkeypatch.chdir(contracts.parent)
    db = tmp_path / "r.sqlite"
    result = _invoke(str(contracts), "./contracts/contract_00.txt", "--db", str(db), "--task", "fake_tasks:echo")
    assert result.exit_code == 0, result.output
    assert "20 documents: 20 ok" in result.stdout
    assert _count(db) == 20
