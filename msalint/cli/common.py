"""Helpers shared by CLI commands: one-line errors, exit codes, colour decision, config flags."""
from __future__ import annotations

import contextlib
import functools
import os
import sys
from typing import IO, Any, Callable, Iterable, Iterator, TextIO

import click

from msalint.config import PROFILES, SEVERITIES
from msalint.errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_USAGE, MsalintError

__all__ = [
    "EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_UNREADABLE", "EXIT_USAGE", "MsalintCommand", "config_options",
    "cli_settings", "error", "exit_on_error", "family_options", "handle_errors", "rule_options", "split_csv", "use_color", "warn",
]


def error(message: str) -> None:
    """Print ``msalint: error: <message>`` as one line on stderr."""
    click.echo(f"msalint: error: {' '.join(str(message).split())}", err=True)


def warn(message: str) -> None:
    """Print ``msalint: warning: <message>`` on stderr."""
    click.echo(f"msalint: warning: {message}", err=True)


_shown_warnings: set[str] = set()


def show_msalint_warnings() -> None:
    """Print each distinct MsalintWarning of this run once, as ``msalint: warning: <message>`` on stderr."""
    import warnings

    from msalint.errors import MsalintWarning

    _shown_warnings.clear()
    warnings.filterwarnings("always", category=MsalintWarning)
    if getattr(warnings.showwarning, "msalint", False):
        return
    default_show = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001 - warnings' signature
        if not issubclass(category, MsalintWarning):
            default_show(message, category, filename, lineno, file, line)
        elif str(message) not in _shown_warnings:
            _shown_warnings.add(str(message))
            warn(str(message))

    show.msalint = True  # type: ignore[attr-defined]
    warnings.showwarning = show


class OneLineUsageError(click.UsageError):
    """A usage error shown as a single ``msalint: error:`` line instead of click's usage block."""

    def show(self, file: IO[Any] | None = None) -> None:
        error(self.format_message())


class MsalintCommand(click.Command):
    """A command whose usage errors print one line and exit 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if isinstance(exc, OneLineUsageError) or ctx.resilient_parsing:
                raise
            raise OneLineUsageError(exc.format_message(), ctx) from None


@contextlib.contextmanager
def exit_on_error() -> Iterator[None]:
    """Turn msalint's own errors into one stderr line and their exit code (2 for config/rule errors)."""
    try:
        yield
    except MsalintError as exc:
        error(str(exc))
        sys.exit(exc.exit_code)


def use_color(choice: str, stream: TextIO) -> bool:
    """Colour decision: an explicit choice wins; 'auto' means a TTY and no non-empty NO_COLOR."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def split_csv(values: Iterable[str] | None) -> list[str]:
    """Flatten repeatable, comma-separated option values: ('A,B', 'C') -> ['A', 'B', 'C']."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def rule_options(func: Callable) -> Callable:
    """The flags that choose the rules, shared by every command that lints (check, baseline, batch, eval)."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False),
                     help="Use this config file instead of searching for .msalint.toml / pyproject.toml."),
        click.option("--select", multiple=True, metavar="IDS",
                     help="Only these rule ids or id prefixes (comma-separated, repeatable; replaces config)."),
        click.option("--ignore", multiple=True, metavar="IDS",
                     help="Skip these rule ids or id prefixes (comma-separated, repeatable; adds to config)."),
        click.option("--profile", type=click.Choice(PROFILES),
                     help="Review from the customer's or the provider's side."),
        click.option("--rules", "rules", multiple=True, type=click.Path(exists=True),
                     help="Extra rule pack (YAML file or folder); repeatable, adds to config."),
        kind_option(),
        subject_option(),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def config_options(func: Callable) -> Callable:
    """The flags that feed configuration, shared by `check` and `config`: the rule flags plus reporting ones."""
    options = [
        rule_options,
        click.option("--fail-on", type=click.Choice(SEVERITIES),
                     help="Exit 1 when an unsuppressed finding has at least this severity [default: error]."),
        click.option("--baseline", type=click.Path(dir_okay=False),
                     help="Baseline file: findings recorded in it are reported as suppressed."),
        click.option("--cache/--no-cache", "cache", default=None,
                     help="Reuse results for unchanged files [default: on]."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def family_options(func: Callable) -> Callable:
    """``--family NAME=GLOB,...`` and ``--families/--no-families``: how documents are grouped into agreements."""
    options = [
        click.option("--family", "families", multiple=True, metavar="[NAME=]GLOB,...",
                     help="Check the files matching these globs as one agreement (repeatable; adds to the "
                          "config's [[families]])."),
        click.option("--families/--no-families", "auto_families", default=None,
                     help="Detect families: files of one folder that cite each other by title [default: on]."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


DOCUMENT_KIND_HELP = ("Treat every document as this kind instead of the detected one "
                      "(agreement, sla, dpa, sow, order_form, amendment, other_contract, not_contract).")


def kind_option() -> Callable:
    """``--kind KIND``: the document kind, overriding the classifier (check, clauses, batch)."""
    from msalint.config import DOCUMENT_KINDS

    return click.option("--kind", type=click.Choice(DOCUMENT_KINDS), default=None, help=DOCUMENT_KIND_HELP)


def subject_option() -> Callable:
    """``--subject it|other``: the document subject, overriding the classifier (check, baseline, batch, eval)."""
    from msalint.model import SUBJECTS

    return click.option("--subject", type=click.Choice(SUBJECTS), default=None,
                        help="Treat every document as about IT / managed services (it) or not (other) instead of "
                             "the detected subject: IT-only rules and severities follow it.")


def cli_settings(**flags: Any) -> dict[str, Any]:
    """The config-relevant flags the user actually gave, in the shape ``load_config(cli=...)`` takes."""
    settings: dict[str, Any] = {}
    for key in ("select", "ignore"):
        values = split_csv(flags.get(key))
        if values:
            settings[key] = values
    if flags.get("rules"):
        settings["rules"] = list(flags["rules"])
    if flags.get("families"):
        settings["families"] = list(flags["families"])
    for key in ("fail_on", "profile", "baseline", "cache", "format", "kind", "subject", "auto_families"):
        if flags.get(key) is not None:
            settings[key] = flags[key]
    return settings


def handle_errors(func: Callable) -> Callable:
    """Decorator: run a command body inside ``exit_on_error``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with exit_on_error():
            return func(*args, **kwargs)

    return wrapper
