"""Executors below the lint session: run a task (path -> DocumentResult) over jobs serially, in a local
process pool with per-document deadlines and memory limits, or on Dask. Nothing here knows about rules."""
from __future__ import annotations

from typing import Iterable, Iterator

from msalint.workers.jobs import Job, Outcome, Task, execute

EXECUTORS = ("serial", "processes", "dask")


def run_jobs(task: Task, jobs: Iterable[Job], *, executor: str = "processes", workers: int = 1,
             timeout: float | None = None, max_memory_mb: int | None = None, scheduler: str | None = None
             ) -> Iterator[Outcome]:
    """One Outcome per job, in completion order: in this process (serial), in a local process pool with
    per-job deadlines and memory limits, or on a Dask cluster."""
    jobs = list(jobs)
    if not jobs:
        return iter(())
    if executor == "serial":
        return (execute(task, job) for job in jobs)
    if executor == "dask":
        from msalint.workers.dask import run_on_dask

        return run_on_dask(task, jobs, n_workers=workers, scheduler=scheduler, timeout=timeout,
                           max_memory_mb=max_memory_mb)
    from msalint.workers.pool import ProcessPool

    return ProcessPool(task, workers, timeout=timeout, max_memory_mb=max_memory_mb).run(jobs)
