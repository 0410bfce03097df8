"""Run batch jobs on a Dask distributed cluster; outcomes flow back to the single SQLite writer."""
from __future__ import annotations

import time
from typing import Iterator

from msalint.workers.jobs import CRASHED, ERROR, TIMEOUT, Job, Outcome, Task, execute
from msalint.errors import ConfigError

POLL_S = 0.05


def _import_distributed():
    try:
        import dask
        from dask import distributed
    except ImportError as exc:
        raise ConfigError(
            "--executor dask needs Dask distributed; install it with: pip install 'msalint[dask]'") from exc
    return dask, distributed


def run_on_dask(task: Task, jobs: list[Job], *, n_workers: int, scheduler: str | None = None,
                timeout: float | None = None, max_memory_mb: int | None = None) -> Iterator[Outcome]:
    """Yield one Outcome per job, computed on the cluster at ``scheduler`` or on a LocalCluster."""
    dask, distributed = _import_distributed()
    cluster = None
    # A document that kills its worker should fail once, not take down several workers in turn.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        try:
            if scheduler:
                client = distributed.Client(scheduler)
            else:
                cluster = distributed.LocalCluster(
                    n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    memory_limit=f"{max_memory_mb}MB" if max_memory_mb else "auto")
                client = distributed.Client(cluster)
        except OSError as exc:
            raise ConfigError(f"cannot connect to the Dask scheduler {scheduler!r}: {exc}") from exc
        try:
            yield from _drive(client, distributed, task, jobs, timeout)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _drive(client, distributed, task: Task, jobs: list[Job], timeout: float | None) -> Iterator[Outcome]:
    """Keep about one task per worker thread in flight so a task's deadline starts when it does."""
    capacity = max(1, sum(client.nthreads().values()))
    pending = list(reversed(jobs))
    in_flight: dict = {}
    while pending or in_flight:
        while pending and len(in_flight) < capacity:
            job = pending.pop()
            future = client.submit(execute, task, job, pure=False, key=f"msalint-{job.id}-{job.sha256[:12]}")
            in_flight[future] = (job, time.monotonic())
        finished = False
        for future, (job, submitted) in list(in_flight.items()):
            outcome = _collect(future, job, submitted, timeout, distributed)
            if outcome is not None:
                del in_flight[future]
                finished = True
                if outcome.status == TIMEOUT:
                    _stop_hung_task(client, future)
                yield outcome
        if not finished:
            time.sleep(POLL_S)


def _collect(future, job: Job, submitted: float, timeout: float | None, distributed) -> Outcome | None:
    if future.status == "finished":
        return future.result()
    if future.status in ("error", "lost", "cancelled"):
        exc = future.exception() if future.status == "error" else None
        if isinstance(exc, distributed.KilledWorker) or future.status == "lost":
            return Outcome(job=job, status=CRASHED, error_code="crashed",
                           error="the Dask worker died while processing this document")
        return Outcome(job=job, status=ERROR, error_code="internal", error=f"{type(exc).__name__}: {exc}")
    if timeout and time.monotonic() - submitted > timeout:
        return Outcome(job=job, status=TIMEOUT, error_code="timeout", elapsed_s=time.monotonic() - submitted,
                       error=f"no result within {timeout:g} s on the Dask cluster (its worker was restarted)")
    return None


def _stop_hung_task(client, future) -> None:
    """Cancel a timed-out task and restart its worker: a running Python thread cannot be stopped otherwise."""
    try:
        holders = [w for w, keys in client.processing().items() if future.key in keys]
    except Exception:
        holders = []
    future.cancel()
    if holders:
        try:
            client.restart_workers(holders, timeout=60)
        except Exception:  # best effort: the batch goes on with one busy thread fewer
            pass
