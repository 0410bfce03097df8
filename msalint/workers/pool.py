"""A small pool of worker processes with per-task deadlines; hung or dead workers are replaced.

concurrent.futures.ProcessPoolExecutor is not used on purpose: one worker dying breaks the whole
executor (BrokenProcessPool) and a hung task cannot be cancelled. Here every worker has its own
pipe, the parent waits on pipes and process sentinels, and kills a worker whose task overruns.
"""
from __future__ import annotations

import multiprocessing
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Iterable, Iterator

from msalint.workers.jobs import CRASHED, TIMEOUT, Job, Outcome, Task, execute
from msalint.errors import ConfigError

_READY = "ready"
_FATAL = "fatal"
STARTUP_TIMEOUT_S = 300.0


class WorkerStartupError(ConfigError):
    """A worker could not start (e.g. the rule set failed to load there)."""


def _limit_memory(max_memory_mb: int | None) -> None:
    if not max_memory_mb:
        return
    import resource

    limit = int(max_memory_mb) * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def worker_main(conn: Connection, task: Task, max_memory_mb: int | None) -> None:
    """Worker loop: warm up, then lint jobs received on ``conn`` until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent owns Ctrl-C and stops us itself
    _exit_with_parent()
    try:
        warm_up = getattr(task, "warm_up", None)
        if callable(warm_up):
            warm_up()
        _limit_memory(max_memory_mb)
        ready = (_READY, None)
    except BaseException as exc:
        _send(conn, (_FATAL, f"{type(exc).__name__}: {exc}"))
        return
    if not _send(conn, ready):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent went away
        if job is None:
            return
        outcome = execute(task, job)
        try:
            conn.send(outcome)
        except OSError:  # BrokenPipeError included: the parent went away
            return
        except Exception as exc:  # e.g. an unpicklable result
            if not _send(conn, Outcome(job=job, status="error", error=f"result not transferable: {exc}",
                                       error_code="internal", elapsed_s=outcome.elapsed_s)):
                return
        if outcome.error_code == "memory":
            return  # after a MemoryError the interpreter may be in a poor state: let the parent replace us


def _send(conn: Connection, message: Any) -> bool:
    """Send to the parent; False (and no traceback) when the parent is gone, e.g. killed while we started."""
    try:
        conn.send(message)
    except OSError:  # BrokenPipeError, ConnectionResetError
        return False
    return True


def _exit_with_parent() -> None:
    """Die soon after the parent does (kill -9), even in the middle of a hung document."""
    import os
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="msalint-parent-watch", daemon=True).start()


@dataclass
class _Slot:
    process: Any
    conn: Connection
    ready: bool = False
    job: Job | None = None
    deadline: float = 0.0
    started: float = 0.0


class ProcessPool:
    """Runs a task over jobs in ``size`` worker processes, yielding one Outcome per job."""

    def __init__(self, task: Task, size: int, *, timeout: float | None = 120.0,
                 max_memory_mb: int | None = None, start_method: str = "spawn"):
        self.task = task
        self.size = max(1, int(size))
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.ctx = multiprocessing.get_context(start_method)
        self._slots: list[_Slot] = []

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Yield outcomes in completion order; workers are always stopped when this ends."""
        pending = list(jobs)
        pending.reverse()  # pop() from the end keeps the given order
        try:
            self._slots = [self._spawn() for _ in range(min(self.size, len(pending)))]
            while pending or any(s.job is not None for s in self._slots):
                if not self._slots:
                    self._slots = [self._spawn()]
                yield from self._step(pending)
        finally:
            self._shutdown()

    def _step(self, pending: list[Job]) -> Iterator[Outcome]:
        for slot in self._slots:
            if slot.ready and slot.job is None and pending:
                self._assign(slot, pending.pop())
        waitables = [s.conn for s in self._slots] + [s.process.sentinel for s in self._slots]
        ready = set(wait(waitables, timeout=self._wait_timeout()))
        now = time.monotonic()
        for i, slot in enumerate(list(self._slots)):
            if slot.conn in ready or slot.process.sentinel in ready:
                outcome = self._receive(slot)
            elif slot.job is not None and now >= slot.deadline:
                outcome = Outcome(job=slot.job, status=TIMEOUT, error_code="timeout",
                                  error=f"no result within {self.timeout:g} s; worker killed",
                                  elapsed_s=now - slot.started)
                self._kill(slot)
            elif not slot.ready and now >= slot.deadline:
                self._kill(slot)
                raise WorkerStartupError(f"a batch worker did not start within {STARTUP_TIMEOUT_S:g} s")
            else:
                continue
            if outcome is not None:
                yield outcome
            if not slot.process.is_alive() or (outcome is not None and outcome.error_code == "memory"):
                self._kill(slot)
                self._slots[i] = self._spawn() if pending else None
        self._slots = [s for s in self._slots if s is not None]

    def _receive(self, slot: _Slot) -> Outcome | None:
        """Read a message from a worker; a worker that died mid-task yields a crashed outcome."""
        try:
            if slot.conn.poll():
                message = slot.conn.recv()
                if isinstance(message, Outcome):
                    slot.job = None
                    return message
                kind, detail = message
                if kind == _FATAL:
                    raise WorkerStartupError(f"a batch worker failed to start: {detail}")
                slot.ready = True
                return None
        except (EOFError, OSError):
            pass
        slot.process.join(1.0)
        job, slot.job = slot.job, None
        if job is None:
            if not slot.ready:
                raise WorkerStartupError(f"a batch worker exited during start-up ({_describe_exit(slot.process)})")
            return None
        return Outcome(job=job, status=CRASHED, error_code="crashed",
                       error=f"worker died while processing this document ({_describe_exit(slot.process)})",
                       elapsed_s=time.monotonic() - slot.started)

    def _assign(self, slot: _Slot, job: Job) -> None:
        slot.job = job
        slot.started = time.monotonic()
        slot.deadline = slot.started + self.timeout if self.timeout else float("inf")
        try:
            slot.conn.send(job)
        except (BrokenPipeError, OSError):
            pass  # the sentinel reports the dead worker on the next wait

    def _wait_timeout(self) -> float | None:
        deadlines = [s.deadline for s in self._slots if s.job is not None or not s.ready]
        if not deadlines or min(deadlines) == float("inf"):
            return None
        return max(0.0, min(deadlines) - time.monotonic()) + 0.01

    def _spawn(self) -> _Slot:
        parent_conn, child_conn = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(target=worker_main, args=(child_conn, self.task, self.max_memory_mb),
                                   daemon=True, name="msalint-batch-worker")
        process.start()
        child_conn.close()
        return _Slot(process=process, conn=parent_conn, deadline=time.monotonic() + STARTUP_TIMEOUT_S)

    def _kill(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5.0)
        slot.conn.close()

    def _shutdown(self) -> None:
        for slot in self._slots:
            if slot.process.is_alive() and slot.job is None and slot.ready:
                try:
                    slot.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass
        deadline = time.monotonic() + 2.0
        for slot in self._slots:
            if slot.job is None and slot.ready:
                slot.process.join(max(0.0, deadline - time.monotonic()))
            if slot.process.is_alive():
                slot.process.kill()
            slot.process.join(5.0)
            slot.conn.close()
        self._slots = []


def _describe_exit(process) -> str:
    code = process.exitcode
    if code is None:
        return "still running"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " - possibly the out-of-memory killer" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {code}"
