"""`msalint batch`: lint a whole archive of agreements into SQLite, then report on it.

`msalint batch PATHS... --db X` runs the batch (the default `run` subcommand);
`msalint batch report --db X --out DIR` writes CSV, JSON and HTML from the database.
"""
from __future__ import annotations

import signal
import sys

import click

from msalint.cli.common import MsalintCommand, cli_settings, exit_on_error, family_options, rule_options
from msalint.cli.progress import MODES, ProgressPrinter, progress_mode

EXIT_INTERRUPTED = 130


class DefaultCommandGroup(click.Group):
    """A group that runs ``default_command`` when the first argument names no subcommand."""

    def __init__(self, *args, default_command: str = "run", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_command = default_command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        help_names = set(ctx.help_option_names)
        if not args or (args[0] not in self.commands and args[0] not in help_names):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[run] PATHS... --db FILE [OPTIONS] | report --db FILE --out DIR")


@click.group(cls=DefaultCommandGroup, default_command="run")
def batch() -> None:
    """Batch review: lint thousands of agreements into SQLite (resumable), then report.

    \b
      msalint batch contracts/ --db results.sqlite      # same as: msalint batch run ...
      msalint batch report --db results.sqlite --out review/

    A folder that is literally called "report" must be given as ./report.
    """


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@batch.command("run", cls=MsalintCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite results file (created if absent).")
@click.option("--include", multiple=True, metavar="GLOB", help="Only files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching this glob (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel workers (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0), default=120.0, show_default=True,
              help="Seconds per document before its worker is killed (0: no limit).")
@click.option("--max-file-size-mb", type=click.FloatRange(min=0), default=100.0, show_default=True,
              help="Larger files get status error without being read (0: no limit).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="Longer documents get status error.")
@click.option("--max-memory-mb", type=click.IntRange(min=0), default=4096, show_default=True,
              help="Address-space limit per worker process (0: no limit).")
@click.option("--reprocess", is_flag=True, help="Lint everything again, even documents already done.")
@click.option("--retry-failed/--no-retry-failed", default=True, show_default=True,
              help="Retry documents whose earlier attempt failed (error, timeout, crashed).")
@click.option("--executor", type=click.Choice(["processes", "dask"]), default="processes", show_default=True)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (implies --executor dask); "
              "without it a LocalCluster is started.")
@rule_options
@family_options
@click.option("--progress", "progress_choice", type=click.Choice(MODES), default="auto",
              show_default=True, help="Progress on stderr: live line (terminal), periodic lines (log), none.")
@click.option("--progress-interval", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds between progress lines in log mode.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--task", "task_spec", default=None, hidden=True,
              help="module:function used instead of the linter (testing and custom pipelines).")
def run(paths, db, include, exclude, jobs, timeout, max_file_size_mb, max_pages, max_memory_mb, reprocess,
        retry_failed, executor, scheduler, progress_choice, progress_interval, quiet, task_spec,
        config_file, **rule_flags) -> None:
    """Lint every agreement under PATHS into the --db SQLite file (resumable; skips finished documents).

    Exit status: 0 when every document was linted (findings do not fail a batch), 3 when some
    document ended in error, timeout or crashed (see the documents table), 2 on usage errors,
    130 when interrupted (everything committed so far is kept; rerun to continue).
    """
    from msalint.batch.runner import BatchConfig, run_batch
    from msalint.batch.task import load_task
    from msalint.config import load_config

    if scheduler:
        executor = "dask"
    with exit_on_error():
        settings = load_config(config_file, cli=cli_settings(**rule_flags))
    config = BatchConfig(
        paths=list(paths), db=db, include=tuple(include), exclude=tuple(exclude), jobs=jobs,
        timeout=timeout or None, max_file_size_mb=max_file_size_mb or None, max_pages=max_pages,
        max_memory_mb=max_memory_mb or None, reprocess=reprocess, retry_failed=retry_failed,
        executor=executor, scheduler=scheduler, settings=settings)
    printer = ProgressPrinter(sys.stderr, progress_mode(progress_choice, quiet, sys.stderr), label="batch",
                              interval=progress_interval)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)  # a plain kill also stops cleanly
    try:
        with exit_on_error():
            task = load_task(task_spec) if task_spec else None
            summary = run_batch(config, task=task, progress=printer)
    except KeyboardInterrupt:
        click.echo(f"msalint batch: interrupted; results so far are in {db}; rerun to continue", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not quiet:
        click.echo(_summary_line(summary, db))
        _name_failures(printer.failures, db)
    if summary.failed:
        sys.exit(3)


FAILURES_NAMED = 10


def _name_failures(failures: list, db: str) -> None:
    """One stderr line per document that failed (the first few), so a user sees which files and why."""
    from msalint.report.text import printable

    for outcome in failures[:FAILURES_NAMED]:
        cause = f": {outcome.error}" if outcome.error else ""
        click.echo(printable(f"msalint batch: {outcome.job.path}: {outcome.status}{cause}"), err=True)
    if len(failures) > FAILURES_NAMED:
        click.echo(f"msalint batch: ... and {len(failures) - FAILURES_NAMED} more; "
                   f"see `msalint batch report --db {db}`", err=True)


def _summary_line(summary, db: str) -> str:
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items())) or "nothing to lint"
    reused = f", {summary.copied} reused from identical files" if summary.copied else ""
    return (f"{summary.total} documents: {statuses}; {summary.skipped} already done{reused}; "
            f"{summary.elapsed_s:.1f} s; results in {db}")


@batch.command("report", cls=MsalintCommand)
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="Batch results file.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option("--title", default="msalint batch review", show_default=True, help="Title of the HTML report.")
def report(db, out_dir, title) -> None:
    """Write matrix.csv, results.json and a self-contained report.html from a batch database."""
    from msalint.batch.portfolio import write_report

    with exit_on_error():
        written = write_report(db, out_dir, title=title)
    for path in written:
        click.echo(str(path))
