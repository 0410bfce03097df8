"""Units of batch work and their outcomes, plus running one task safely inside a worker."""
from __future__ import annotations

import resource
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from msalint.model import DocumentResult

# Status values of the documents table.
OK = "ok"
ERROR = "error"
TIMEOUT = "timeout"
CRASHED = "crashed"
STATUSES = (OK, ERROR, TIMEOUT, CRASHED)

Task = Callable[[str], DocumentResult]


@dataclass(frozen=True, slots=True)
class Job:
    """One document to lint: its id within the run, path, content hash and size in bytes."""

    id: int
    path: str
    sha256: str
    size: int


@dataclass(slots=True)
class Outcome:
    """What became of one job: a status, the lint result when there is one, and measurements."""

    job: Job
    status: str
    result: DocumentResult | None = None
    error: str | None = None
    error_code: str | None = None
    elapsed_s: float | None = None
    worker_maxrss_kb: int | None = None
    timings: dict[str, Any] = field(default_factory=dict)


def execute(task: Task, job: Job) -> Outcome:
    """Run ``task`` on one job, turning any exception into an error outcome (never raises)."""
    started = time.perf_counter()
    try:
        result = task(job.path)
    except MemoryError:
        return _failed(job, CRASHED, "out of memory (worker memory limit reached)", "memory", started)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a bug in one document's handling must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        place = f" (at {where[0].filename}:{where[0].lineno})" if where else ""
        return _failed(job, ERROR, f"{type(exc).__name__}: {exc}{place}", "internal", started)
    outcome = Outcome(job=job, status=OK, result=result, elapsed_s=time.perf_counter() - started)
    if result.error:
        outcome.status, outcome.error, outcome.error_code = ERROR, result.error, result.error_code or "unreadable"
    outcome.timings = dict(result.meta.get("timings", {})) if isinstance(result.meta.get("timings"), dict) else {}
    outcome.worker_maxrss_kb = _maxrss_kb()
    return outcome


def _failed(job: Job, status: str, error: str, code: str, started: float) -> Outcome:
    return Outcome(
        job=job, status=status, error=error, error_code=code,
        elapsed_s=time.perf_counter() - started, worker_maxrss_kb=_maxrss_kb(),
    )


def _maxrss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
