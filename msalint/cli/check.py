"""`msalint check`: lint agreements and report findings."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from msalint.cli.common import (MsalintCommand, cli_settings, config_options, family_options, handle_errors,
                                use_color, warn)
from msalint.cli.progress import ProgressPrinter, progress_mode
from msalint.cli.stdin import replace_stdin, show_as, stdin_filename_option
from msalint.config import FORMATS, SEVERITIES, Config, load_config

if TYPE_CHECKING:
    from msalint.model import DocumentResult
    from msalint.rulebook.ruleset import RuleSet


@click.command(cls=MsalintCommand)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@config_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format [default: text].")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of every finding (text format).")
@click.option("--min-severity", "--show", "min_severity", type=click.Choice(SEVERITIES),
              default="info", show_default=True,
              help="Print only findings at or above this severity (text format); --fail-on is unaffected.")
@click.option("-v", "--verbose", "--show-details", "show_details", is_flag=True,
              help="Under each finding, show its excerpt, the near-miss explanation and any suggestion.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report; 'auto' means a terminal and NO_COLOR unset.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr; results only.")
@click.option("--pdf-engine", type=click.Choice(["pypdfium2", "pdfplumber"]), default=None,
              help="PDF text engine [default: pypdfium2; pdfplumber for OCR'd PDFs].")
@stdin_filename_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Lint in this many worker processes (documents not answered by the cache).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files matching this glob (repeatable; adds to the config's exclude).")
@family_options
@handle_errors
def check(paths: tuple[str, ...], config_file: str | None, fmt: str | None, output: str | None,
          statistics: bool, min_severity: str, show_details: bool, color: str, quiet: bool,
          pdf_engine: str | None, jobs: int = 1, exclude: tuple[str, ...] = (), stdin_filename: str | None = None,
          **flags: Any) -> None:
    """Lint agreements (PDF, DOCX, TXT, Markdown, HTML, reStructuredText; folders are searched; '-' reads stdin).

    Exit status: 0 clean, 1 an unsuppressed finding at or above --fail-on (default: error),
    2 usage, configuration or rule-file error, 3 a document could not be read (others are still reported).
    """
    from msalint.session import LintOptions, Session, exit_status

    config = load_config(config_file, cli=cli_settings(format=fmt, **flags))
    session = Session(config, LintOptions(pdf_engine=pdf_engine))
    targets, shown = replace_stdin(paths, stdin_filename)
    documents = session.documents(targets or (".",), exclude)
    if not documents and not quiet:
        warn("no documents to check")
    progress = ProgressPrinter(sys.stderr, progress_mode("auto", quiet, sys.stderr, off_terminal="none"),
                               label="check", transient=True)
    linted = session.lint_all(documents, jobs=jobs, listener=progress)
    results = show_as(session.lint_families(linted, named=[p for p in targets if Path(p).is_file()]), shown)
    # text and JSON need no rule metadata: when every document came from the cache, skip loading the rules
    needs_rules = not documents or session.pool.loaded_any or statistics or config.format not in ("text", "json")
    base_ruleset = session.ruleset() if needs_rules else None
    if not quiet:
        _note_skipped(results, named={str(Path(p)) for p in targets if Path(p).is_file()})
    outcome = session.suppress(results)
    _write_report(results, config, base_ruleset, output=output, color=color,
                  stale=outcome.stale if outcome else [], expired=outcome.expired if outcome else [],
                  view={"statistics": statistics, "min_severity": min_severity, "show_details": show_details})
    sys.exit(exit_status(results, config.fail_on))


def _note_skipped(results: list["DocumentResult"], named: set[str]) -> None:
    """A file named on the command line that is not an agreement says so on stderr (a folder run just lists it)."""
    for result in results:
        if result.skipped and str(Path(result.path)) in named:
            # a note, not a warning: nothing is wrong, msalint only explains an empty report
            click.echo(f"msalint: {result.path}: {result.skipped}; no rules were run "
                       "(use --kind to lint it as a contract)", err=True)


def _write_report(results: list["DocumentResult"], config: Config, ruleset: "RuleSet | None", *, output: str | None,
                  color: str, stale: list[dict], expired: list[dict], view: dict[str, Any]) -> None:
    from msalint import __version__
    from msalint.report import RenderContext, render

    def emit(stream: TextIO) -> None:
        ctx = RenderContext(
            ruleset=ruleset, color=use_color(color, stream), root=config.root,
            stale=stale, expired_waivers=expired, tool_version=__version__, **view,
        )
        render(results, config.format, stream, ctx)

    if output is None:
        emit(sys.stdout)
        sys.stdout.flush()
        return
    from msalint.files import atomic_output

    with atomic_output(output) as fh:
        emit(fh)
