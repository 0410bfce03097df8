"""`msalint baseline`: accept the current findings of a corpus, or prune entries that were fixed."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from msalint.cli.common import (
    EXIT_CLEAN, EXIT_UNREADABLE, MsalintCommand, cli_settings, handle_errors, rule_options, warn,
)
from msalint.cli.progress import ProgressPrinter, progress_mode
from msalint.errors import ConfigError
from msalint.progress import ProgressListener

if TYPE_CHECKING:
    from msalint.config import Config
    from msalint.model import DocumentResult

DEFAULT_OUTPUT = Path(".msalint") / "baseline.json"


@click.command(cls=MsalintCommand)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Baseline file [default: the configured baseline, else .msalint/baseline.json in the project root].")
@click.option("--prune", is_flag=True, help="Only remove entries that are no longer found; never add new ones.")
@rule_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@handle_errors
def baseline(paths: tuple[str, ...], output: str | None, prune: bool, config_file: str | None,
             select: tuple[str, ...], ignore: tuple[str, ...], profile: str | None, rules: tuple[str, ...],
             kind: str | None, subject: str | None, quiet: bool) -> None:
    """Record the current findings of PATHS as accepted, so `check --baseline` reports only new ones.

    Entries are keyed by repo-relative path, rule and content fingerprint (not page or line), with
    counts. Findings covered by an active waiver are not recorded. Documents not linted in this run
    keep their entries. With --prune, entries no longer found are removed and nothing is added.
    Exit status: 0 written, 2 usage or configuration error, 3 a document could not be read.
    """
    from msalint import __version__
    from msalint.config import load_config
    from msalint.suppress import baseline as bl

    config = load_config(config_file, cli=cli_settings(select=select, ignore=ignore, profile=profile, rules=rules,
                                                         kind=kind, subject=subject))
    target = Path(output) if output else (config.baseline or config.root / DEFAULT_OUTPUT)
    if prune and not target.exists():
        raise ConfigError(f"{target}: no baseline to prune")
    progress = ProgressPrinter(sys.stderr, progress_mode("auto", quiet, sys.stderr, off_terminal="none"),
                               label="baseline", transient=True)
    results, ruleset_hash = _lint(paths, config, progress)
    previous = bl.load_baseline(target)
    if prune:
        stale = bl.match_baseline(results, previous, config.root)
        data = bl.prune_baseline(previous, stale)
        removed = sum(s["count"] for s in stale)
        summary = f"removed {removed} stale entr{'y' if removed == 1 else 'ies'}"
    else:
        _apply_waivers(results, config)
        data = bl.build_baseline(results, config.root, previous=previous, tool=f"msalint {__version__}",
                                 ruleset=ruleset_hash)
        summary = f"recorded {bl.count_entries(data)} accepted finding(s) in {len(data['documents'])} document(s)"
    bl.write_baseline(target, data)
    unreadable = [r for r in results if r.error]
    if not quiet:
        for result in unreadable:
            warn(f"{result.path}: could not be read ({result.error}); its baseline entries were kept")
        click.echo(f"msalint: baseline {target}: {summary}", err=True)
    sys.exit(EXIT_UNREADABLE if unreadable else EXIT_CLEAN)


def _lint(paths: tuple[str, ...], config: "Config", progress: ProgressListener
          ) -> tuple[list["DocumentResult"], str]:
    from msalint.session import Session

    session = Session(config)
    session.ruleset()  # load (and so validate) the base rules even when every document comes from the cache
    # the findings check reports: members of a family are read with it (the files named are read with their folder)
    results = session.lint_families(session.lint_all(session.documents(paths or (".",)), listener=progress),
                                    named=[p for p in paths if Path(p).is_file()])
    return results, session.identity()


def _apply_waivers(results: list["DocumentResult"], config: "Config") -> None:
    if config.waivers is None:
        return
    import datetime as dt

    from msalint.suppress.waivers import apply_waivers, load_waivers

    apply_waivers(results, load_waivers(config.waivers), config.root, dt.date.today())
