"""Resumable, incremental batches: skip what succeeded, survive kill -9 and Ctrl-C, reprocess on demand."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import fake_tasks
import pytest
from batch_helpers import write_contract

from msalint.batch.runner import BatchConfig, run_batch
from msalint.batch.store import BatchStore
from msalint.errors import ConfigError


def _config(folder, db, **kw):
    return BatchConfig(paths=[str(folder)], db=str(db), jobs=1, **kw)


def _ok_count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # database or table not created yet


def _cli(folder, db, env, *extra):
    return [sys.executable, "-m", "msalint", "batch", str(folder), "--db", str(db), "--jobs", "2",
            "--task", "fake_tasks:slow", "--progress", "log", "--progress-interval", "0", *extra]


def _assert_clean(db, expected: int) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    paths = [r[0] for r in conn.execute("SELECT path FROM documents")]
    assert len(paths) == len(set(paths)) == expected
    assert conn.execute("SELECT count(*) FROM documents WHERE status != 'ok'").fetchone()[0] == 0
    orphans = conn.execute("SELECT count(*) FROM findings WHERE document_id NOT IN (SELECT id FROM documents)")
    assert orphans.fetchone()[0] == 0


def _wait_for_ok_rows(db, proc, at_least: int) -> None:
    deadline = time.monotonic() + 30
    while _ok_count(db) < at_least:
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["kill-9", "sigint"])
def test_interrupted_run_resumes_where_it_stopped(contracts, tmp_path, subprocess_env, how):
    db = tmp_path / "results.sqlite"
    env = dict(subprocess_env, FAKE_TASK_DELAY="0.15", FAKE_TASK_LOG=str(tmp_path / "calls.log"))
    proc = subprocess.Popen(_cli(contracts, db, env), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_ok_rows(db, proc, 4)
    proc.send_signal(signal.SIGKILL if how == "kill-9" else signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    if how == "sigint":
        assert proc.returncode == 130, err
        assert b"rerun to continue" in err
    else:
        assert proc.returncode == -signal.SIGKILL
    done_before = _ok_count(db)
    assert 4 <= done_before < 20
    with BatchStore(db) as store:  # opens cleanly: schema intact, WAL recovered
        states = [r["state"] for r in store.runs()]
    assert states == (["interrupted"] if how == "sigint" else ["running"])

    rerun = subprocess.run(_cli(contracts, db, env), env=env, capture_output=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{done_before} already done".encode() in rerun.stdout
    _assert_clean(db, 20)
    with BatchStore(db) as store:
        runs = store.runs()
    assert runs[0]["state"] == ("interrupted" if how == "sigint" else "abandoned")
    assert (runs[-1]["state"], runs[-1]["skipped"], runs[-1]["processed"]) == ("completed", done_before, 20 - done_before)


def test_rerun_skips_finished_documents_and_relints_changed_ones(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    first = run_batch(_config(contracts, db), task=fake_tasks.echo)
    assert (first.processed, first.skipped) == (20, 0)
    second = run_batch(_config(contracts, db), task=fake_tasks.echo)
    assert (second.processed, second.skipped) == (0, 20)

    write_contract(contracts, "contract_03.txt", {"term": "missing"}, [("error", "NEW-RULE", "changed")])
    third = run_batch(_config(contracts, db), task=fake_tasks.echo)
    assert (third.processed, third.skipped) == (1, 19)
    conn = sqlite3.connect(db)
    rules = [r[0] for r in conn.execute(
        "SELECT rule FROM findings JOIN documents d ON d.id = document_id WHERE d.path LIKE '%contract_03.txt'")]
    assert rules == ["NEW-RULE"]  # the old findings of that document are gone

    forced = run_batch(_config(contracts, db, reprocess=True), task=fake_tasks.echo)
    assert (forced.processed, forced.skipped) == (20, 0)
    _assert_clean(db, 20)


def test_new_rule_set_hash_relints_everything(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    run_batch(_config(contracts, db), task=fake_tasks.echo, ruleset_hash="rules-v1")
    again = run_batch(_config(contracts, db), task=fake_tasks.echo, ruleset_hash="rules-v2")
    assert again.processed == 20
    hashes = {r[0] for r in sqlite3.connect(db).execute("SELECT ruleset_hash FROM documents")}
    assert hashes == {"rules-v2"}


def test_identical_content_under_a_new_path_reuses_the_result(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    run_batch(_config(contracts, db), task=fake_tasks.echo)
    (contracts / "copy_of_00.txt").write_bytes((contracts / "contract_00.txt").read_bytes())
    summary = run_batch(_config(contracts, db), task=fake_tasks.echo)
    assert (summary.processed, summary.copied, summary.skipped) == (0, 1, 20)
    conn = sqlite3.connect(db)
    counts = conn.execute(
        "SELECT d.path, count(f.id) FROM documents d LEFT JOIN findings f ON f.document_id = d.id "
        "WHERE d.path LIKE '%_00.txt' GROUP BY d.path ORDER BY d.path").fetchall()
    assert counts[0][1] == counts[1][1] > 0


def test_failed_documents_are_retried_unless_told_not_to(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_contract(folder, "RAISE.txt", {}, [])
    write_contract(folder, "fine.txt", {}, [])
    db = tmp_path / "r.sqlite"
    run_batch(_config(folder, db), task=fake_tasks.misbehave)
    assert run_batch(_config(folder, db), task=fake_tasks.misbehave).processed == 1
    assert run_batch(_config(folder, db, retry_failed=False), task=fake_tasks.misbehave).processed == 0


@pytest.mark.parametrize("spelling", ["same", "symlink", "hard link", "relative"])
def test_second_concurrent_run_on_the_same_database_is_refused(contracts, tmp_path, monkeypatch, spelling):
    import fcntl

    db = tmp_path / "r.sqlite"
    run_batch(_config(contracts, db), task=fake_tasks.echo)
    other = {"same": db, "symlink": tmp_path / "link.sqlite", "hard link": tmp_path / "hard.sqlite",
             "relative": Path("sub") / ".." / "r.sqlite"}[spelling]
    if spelling == "symlink":
        other.symlink_to(db)
    elif spelling == "hard link":
        os.link(db, other)
    elif spelling == "relative":
        (tmp_path / "sub").mkdir()
        monkeypatch.chdir(tmp_path)
    with open(db, "ab") as lock:  # what a running batch holds
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(ConfigError, match="already writing"):
            run_batch(_config(contracts, other), task=fake_tasks.echo)
    assert run_batch(_config(contracts, other, reprocess=True), task=fake_tasks.echo).processed > 0


def test_foreign_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(ConfigError, match="not an msalint batch database"):
        BatchStore(other)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ConfigError):
        BatchStore(garbage)
