"""A hanging, crashing, raising or memory-hungry document becomes a status row; the batch goes on."""
from __future__ import annotations

import sqlite3

import fake_tasks
import pytest
from batch_helpers import write_contract

from msalint.batch.runner import BatchConfig, run_batch


def test_bad_documents_are_isolated(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        write_contract(folder, f"good_{i}.txt", {"term": "present"}, [("warning", "R1", f"text {i}")])
    for name in ("HANG.txt", "CRASH.txt", "RAISE.txt", "HOG.txt"):
        write_contract(folder, name, {}, [])
    db = tmp_path / "r.sqlite"

    summary = run_batch(BatchConfig(paths=[str(folder)], db=str(db), jobs=2, timeout=1.5, max_memory_mb=400),
                        task=fake_tasks.misbehave)

    rows = {r[0].rsplit("/", 1)[-1]: r[1:] for r in
            sqlite3.connect(db).execute("SELECT path, status, error_code, error FROM documents")}
    assert rows["HANG.txt"][:2] == ("timeout", "timeout")
    assert rows["CRASH.txt"][:2] == ("crashed", "crashed") and "exit code 7" in rows["CRASH.txt"][2]
    assert rows["RAISE.txt"][:2] == ("error", "internal") and "deliberate failure" in rows["RAISE.txt"][2]
    assert rows["HOG.txt"][:2] == ("crashed", "memory")
    assert all(rows[f"good_{i}.txt"][0] == "ok" for i in range(5))
    assert summary.statuses == {"ok": 5, "timeout": 1, "crashed": 2, "error": 1}
    assert summary.failed == 4


def test_oversized_file_is_rejected_without_reading(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_contract(folder, "small.txt", {}, [])
    (folder / "big.txt").write_text("x" * 300_000, encoding="utf-8")
    db = tmp_path / "r.sqlite"
    run_batch(BatchConfig(paths=[str(folder)], db=str(db), jobs=1, max_file_size_mb=0.1), task=fake_tasks.echo)
    rows = {p.rsplit("/", 1)[-1]: code for p, code in sqlite3.connect(db).execute(
        "SELECT path, error_code FROM documents")}
    assert rows == {"small.txt": None, "big.txt": "too-large"}


def _kill_batch_once_a_worker_runs(tmp_path, env, task: str, settle: float, **popen):
    """Start a one-document batch with ``task``, SIGKILL the parent ``settle`` s after a worker appears;
    returns (parent process, worker processes)."""
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    folder = tmp_path / "in"
    folder.mkdir()
    write_contract(folder, "HANG.txt", {}, [])
    cmd = [sys.executable, "-m", "msalint", "batch", str(folder), "--db", str(tmp_path / "r.sqlite"), "-j", "1",
           "--task", task, "--quiet"]
    proc = subprocess.Popen(cmd, env=env, **popen)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 30
    workers = []
    while not workers and time.monotonic() < deadline:
        workers = [c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]
        time.sleep(0.05)
    assert workers, "no worker process started"
    time.sleep(settle)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    return proc, workers


def test_workers_do_not_outlive_a_killed_parent(tmp_path, subprocess_env):
    psutil = pytest.importorskip("psutil")
    # settle: let the worker pick up the hanging document
    _, workers = _kill_batch_once_a_worker_runs(tmp_path, subprocess_env, "fake_tasks:misbehave", 0.5)
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive, "a worker kept running after its parent was killed"


def test_worker_is_silent_when_the_parent_dies_during_start_up(tmp_path, subprocess_env):
    import subprocess

    psutil = pytest.importorskip("psutil")
    # settle: the worker is inside warm_up, waiting for its parent to die
    proc, workers = _kill_batch_once_a_worker_runs(tmp_path, subprocess_env, "fake_tasks:outlive_parent", 1.0,
                                                   stderr=subprocess.PIPE)
    psutil.wait_procs(workers, timeout=10)
    stderr = proc.stderr.read().decode("utf-8", "replace")  # the worker shares the parent's stderr pipe
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
