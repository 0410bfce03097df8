"""Command-line entry point: a click group whose commands are imported only when used."""
from __future__ import annotations

import importlib

import click

from msalint import __version__

# name -> "module:attribute"; each module holds one command (or group) and imports heavy code lazily.
COMMANDS = {
    "annotate": "msalint.cli.annotate:annotate",
    "check": "msalint.cli.check:check",
    "clauses": "msalint.cli.clauses:clauses",
    "rules": "msalint.cli.rules:rules",
    "rule": "msalint.cli.rules:rule",
    "eval": "msalint.cli.evaluate:evaluate",
    "batch": "msalint.cli.batch:batch",
    "baseline": "msalint.cli.repo:baseline",
    "config": "msalint.cli.config_cmd:config",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs or its help is shown."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(super().list_commands(ctx)))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module_name, attr = COMMANDS[name].split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    return None  # command not built yet
                raise
            return getattr(module, attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="msalint")
def cli() -> None:
    """Lint managed-services agreements (PDF, DOCX, TXT, Markdown) against YAML rule packs."""
    from msalint.cli.common import exit_on_error
    from msalint.ingest import max_chars

    with exit_on_error():
        max_chars()  # a bad MSALINT_MAX_CHARS is a usage error in every command, not a crash in the reader


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="msalint")
