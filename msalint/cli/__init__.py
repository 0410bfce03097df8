"""Command-line entry point: a click group whose commands are imported only when used."""
from __future__ import annotations

import importlib

import click

from msalint import __version__
from msalint.cli.common import OneLineUsageError, show_msalint_warnings

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

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """Like click's, but an unknown command is one line with the closest command names."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise OneLineUsageError(f"no such command {name!r}{_did_you_mean(name, self.list_commands(ctx))}", ctx)
        return super().resolve_command(ctx, args)


def _did_you_mean(name: str, commands: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, commands, n=2, cutoff=0.6)
    if close:
        return f"; did you mean {' or '.join(repr(c) for c in close)}?"
    return f" (commands: {', '.join(commands)})"


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="msalint")
def cli() -> None:
    """Lint managed-services agreements (PDF, DOCX, TXT, Markdown) against YAML rule packs."""
    show_msalint_warnings()
    from msalint.cli.common import exit_on_error
    from msalint.ingest import max_chars

    with exit_on_error():
        max_chars()  # a bad MSALINT_MAX_CHARS is a usage error in every command, not a crash in the reader


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="msalint")
