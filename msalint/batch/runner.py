"""Plan a batch (walk, hash, decide what to skip), run it on an executor, stream results to SQLite."""
from __future__ import annotations

import contextlib
import fnmatch
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from msalint.cache import file_sha256
from msalint.ingest import reader_key, unreadable
from msalint.workers.jobs import ERROR, OK, Job, Outcome, Task
from msalint.batch.store import BatchStore, now_iso
from msalint.config import Config
from msalint.errors import ConfigError
from msalint.progress import SILENT, ProgressListener

EXECUTORS = ("processes", "dask")


@dataclass
class BatchConfig:
    """Everything that shapes a batch run (CLI options map 1:1 onto these fields)."""

    paths: list[str]
    db: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int | None = None  # None: all cores
    timeout: float | None = 120.0
    max_file_size_mb: float | None = 100.0
    max_pages: int | None = None
    max_memory_mb: int | None = None
    reprocess: bool = False
    retry_failed: bool = True
    executor: str = "processes"
    scheduler: str | None = None
    settings: Config | None = None  # rule settings, as `check` reads them; None: discover the config file

    def worker_count(self) -> int:
        """The number of parallel workers to use."""
        return max(1, self.jobs or os.cpu_count() or 1)


@dataclass
class BatchSummary:
    """Counts of one run."""

    run_id: int
    total: int = 0
    skipped: int = 0
    copied: int = 0
    processed: int = 0
    statuses: Counter = field(default_factory=Counter)
    interrupted: bool = False
    elapsed_s: float = 0.0

    @property
    def failed(self) -> int:
        """Documents of this run that did not end ``ok``."""
        return sum(n for s, n in self.statuses.items() if s != OK)


def discover(paths: Iterable[str], include: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[Path]:
    """Agreement files under ``paths`` that match an ``include`` glob (if any) and no ``exclude`` glob."""
    from msalint.api import iter_documents

    patterns = list(include)
    files = iter_documents(paths, exclude)
    if patterns:
        files = [f for f in files if any(fnmatch.fnmatch(f.as_posix(), p) or fnmatch.fnmatch(f.name, p)
                                         for p in patterns)]
    return files


def run_batch(config: BatchConfig, *, task: Task | None = None, ruleset_hash: str | None = None,
              progress: ProgressListener | None = None) -> BatchSummary:
    """Lint every agreement of ``config.paths`` into ``config.db``; resumable, one writer (this process)."""
    from msalint import __version__
    from msalint.cache import code_fingerprint

    # The code fingerprint makes a resumed batch re-lint documents checked by older engine code.
    version = f"{__version__}+{code_fingerprint()[:12]}"
    if config.executor not in EXECUTORS:
        raise ConfigError(f"unknown executor {config.executor!r} (expected one of {', '.join(EXECUTORS)})")
    progress = progress or SILENT
    files = discover(config.paths, config.include, config.exclude)
    if config.settings is not None:
        files = [f for f in files if not config.settings.is_excluded(f)]
    task, identity_of = _resolve_task(config, task, ruleset_hash)
    started = time.monotonic()
    with _exclusive(config.db), BatchStore(config.db) as store:
        store.abandon_stale_runs()
        run_id = store.begin_run(version, identity_of(None), _options_record(config))
        summary = BatchSummary(run_id=run_id, total=len(files))
        record = _Recorder(store, summary, progress, run_id, version, identity_of)
        try:
            todo, rejected = _plan(files, store, config, version, identity_of, record)
            store.update_run(run_id, total=summary.total, skipped=summary.skipped)
            progress.start(summary.total, summary.skipped + summary.copied)
            for outcome in rejected:
                record(outcome)
            for outcome in _execute(config, task, todo):
                record(outcome)
            from msalint.batch.families import refresh_families

            refresh_families(store, task, run_id)
        except KeyboardInterrupt:
            summary.interrupted = True
            _close_run(store, summary, "interrupted", started)
            progress.finish(summary)
            raise
        except BaseException:
            _close_run(store, summary, "failed", started)
            raise
        _close_run(store, summary, "completed", started)
    progress.finish(summary)
    return summary


class _Recorder:
    """Writes each outcome as it arrives and keeps the run's counters."""

    def __init__(self, store: BatchStore, summary: BatchSummary, progress: ProgressListener, run_id: int,
                 version: str, identity_of: Callable[[str | None], str]):
        self.store, self.summary, self.progress = store, summary, progress
        self.run_id, self.version, self.identity_of = run_id, version, identity_of

    def __call__(self, outcome: Outcome) -> None:
        self.store.record(outcome, run_id=self.run_id, version=self.version,
                          ruleset_hash=self.identity_of(outcome.job.path))
        self.summary.processed += 1
        self.summary.statuses[outcome.status] += 1
        self.progress.update(outcome)


def _plan(files: list[Path], store: BatchStore, config: BatchConfig, version: str,
          identity_of: Callable[[str | None], str], record: _Recorder) -> tuple[list[Job], list[Outcome]]:
    """Hash every file and decide: skip, copy an identical result, reject (unreadable, too large), or lint."""
    todo: list[Job] = []
    rejected: list[Outcome] = []
    limit = config.max_file_size_mb * 1024 * 1024 if config.max_file_size_mb else None
    seen: set[str] = set()
    for number, file in enumerate(files):
        path = os.path.abspath(file)
        if path in seen:  # the same file reached through two spellings of its path
            record.summary.total -= 1
            continue
        seen.add(path)
        try:
            size = os.path.getsize(path)
            sha = file_sha256(path)
        except OSError as exc:
            reason = unreadable(path, exc)
            rejected.append(Outcome(job=Job(number, path, "", 0), status=ERROR, error_code=reason.code,
                                    error=reason.cause))
            continue
        job = Job(number, path, sha, size)
        ruleset_hash = identity_of(path)
        if not config.reprocess:
            if _already_done(store.row_for_path(path), sha, version, ruleset_hash, config.retry_failed):
                record.summary.skipped += 1
                continue
            source = store.successful_copy(sha, ruleset_hash, version)
            # the same bytes read as another format (.md vs .txt) give another result
            if source is not None and source["path"] != path and reader_key(source["path"]) == reader_key(path):
                store.copy_result(source, job, run_id=record.run_id)
                record.summary.copied += 1
                continue
        if limit is not None and size > limit:
            rejected.append(Outcome(job=job, status=ERROR, error_code="too-large",
                                    error=f"{size / 1048576:.1f} MB exceeds the limit of {config.max_file_size_mb:g} MB"))
            continue
        todo.append(job)
    return todo, rejected


def _already_done(row, sha: str, version: str, ruleset_hash: str, retry_failed: bool) -> bool:
    if row is None or (row["sha256"], row["msalint_version"], row["ruleset_hash"]) != (sha, version, ruleset_hash):
        return False
    return row["status"] == OK or not retry_failed


def _execute(config: BatchConfig, task: Task, jobs: list[Job]) -> Iterator[Outcome]:
    from msalint.workers import run_jobs

    return run_jobs(task, jobs, executor=config.executor, workers=config.worker_count(), timeout=config.timeout,
                    max_memory_mb=config.max_memory_mb, scheduler=config.scheduler)


def _resolve_task(config: BatchConfig, task: Task | None, ruleset_hash: str | None
                  ) -> tuple[Task, Callable[[str | None], str]]:
    """The lint session (with the rule-set identity of each path) or an injected task and its fixed key."""
    if task is None:
        from msalint.config import load_config
        from msalint.session import LintOptions, Session

        # the batch database is the batch's cache: the session's result cache stays off
        session = Session(config.settings or load_config(None), LintOptions(max_pages=config.max_pages, cache=False))
        session.ruleset()  # load (and so validate) the rules here, so an error stops the run before it starts
        return session, (lambda path: ruleset_hash) if ruleset_hash else session.identity
    if ruleset_hash is None:
        ruleset_hash = getattr(task, "ruleset_hash", None) or (
            f"custom:{getattr(task, '__module__', '?')}.{getattr(task, '__qualname__', type(task).__name__)}")
    return task, lambda path: ruleset_hash


@contextlib.contextmanager
def _exclusive(db: str) -> Iterator[None]:
    """Hold an exclusive lock on the database file itself, so two batch runs never write to it at once.

    The lock is on the file, not on its name: a symlink, a relative spelling or a hard link of the same
    database is the same lock. (flock() locks do not interfere with SQLite's own fcntl() locks.)
    """
    import fcntl

    try:
        handle = open(os.path.realpath(db), "ab")
    except OSError as exc:
        raise ConfigError(f"cannot open the batch database {db}: {exc.strerror or exc}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(f"another msalint batch is already writing to {db}; wait for it to finish") from None
        yield


def _options_record(config: BatchConfig) -> dict:
    options = {k: v for k, v in asdict(config).items() if k != "settings"}
    if config.settings is not None:
        options["settings"] = config.settings.as_dict()
    options["paths"] = [os.path.abspath(p) for p in config.paths]
    options["db"] = os.path.abspath(config.db)
    return options


def _close_run(store: BatchStore, summary: BatchSummary, state: str, started: float) -> None:
    summary.elapsed_s = time.monotonic() - started
    store.update_run(summary.run_id, state=state, finished_at=now_iso(), total=summary.total,
                     skipped=summary.skipped + summary.copied, processed=summary.processed, failed=summary.failed)
