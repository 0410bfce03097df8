"""The same batch on a Dask LocalCluster: results still land in the one SQLite database."""
from __future__ import annotations

import sqlite3

import fake_tasks
import pytest

from msalint.batch.runner import BatchConfig, run_batch

pytest.importorskip("dask.distributed")


def test_batch_on_a_local_dask_cluster(contracts, tmp_path):
    db = tmp_path / "r.sqlite"
    summary = run_batch(BatchConfig(paths=[str(contracts)], db=str(db), jobs=1, executor="dask"),
                        task=fake_tasks.echo)
    assert summary.statuses == {"ok": 20}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT path) FROM documents WHERE status = 'ok'").fetchone()[0] == 20
    findings = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    assert findings == sum(i % 4 + (i % 5 == 0) for i in range(20))
    again = run_batch(BatchConfig(paths=[str(contracts)], db=str(db), jobs=1, executor="dask"),
                      task=fake_tasks.echo)
    assert again.skipped == 20 and again.processed == 0


def test_missing_dask_gives_a_clear_error(monkeypatch, contracts, tmp_path):
    import builtins

    from msalint.errors import ConfigError

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "dask" or name.startswith("dask."):
            raise ImportError("No module named 'dask'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(ConfigError, match=r"msalint\[dask\]"):
        run_batch(BatchConfig(paths=[str(contracts)], db=str(tmp_path / "r.sqlite"), executor="dask"),
                  task=fake_tasks.echo)


@pytest.mark.slow
def test_dask_crash_and_hang_become_status_rows(tmp_path):
    from batch_helpers import write_contract

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("HANG.txt", "CRASH.txt", "fine.txt", "fine2.txt"):
        write_contract(folder, name, {}, [])
    db = tmp_path / "r.sqlite"
    summary = run_batch(BatchConfig(paths=[str(folder)], db=str(db), jobs=1, executor="dask", timeout=3),
                        task=fake_tasks.misbehave)
    rows = {p.rsplit("/", 1)[-1]: s for p, s in sqlite3.connect(db).execute("SELECT path, status FROM documents")}
    # one worker: the documents after the hang only succeed because the hung worker was restarted
    assert rows == {"fine.txt": "ok", "fine2.txt": "ok", "CRASH.txt": "crashed", "HANG.txt": "timeout"}
    assert summary.failed == 2
