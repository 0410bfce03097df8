"""`msalint config`: print the effective configuration and where each value came from."""
from __future__ import annotations

import json
from typing import Any

import click

from msalint.cli.common import MsalintCommand, cli_settings, config_options, handle_errors
from msalint.config import Config, load_config


@click.command(cls=MsalintCommand)
@config_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format of this listing.")
@handle_errors
def config(config_file: str | None, fmt: str, **flags: Any) -> None:
    """Show the effective configuration: each value and its source (default, a file, or the command line)."""
    cfg = load_config(config_file, cli=cli_settings(**flags))
    if fmt == "json":
        click.echo(json.dumps(config_report(cfg), indent=2, ensure_ascii=False))
    else:
        click.echo(config_text(cfg))


def config_report(cfg: Config) -> dict[str, Any]:
    """The effective configuration as ``{"file", "root", "settings": {key: {"value", "source"}}}``."""
    return {
        "file": str(cfg.file) if cfg.file else None,
        "root": str(cfg.root),
        "settings": {key: {"value": value, "source": cfg.source_of(key)} for key, value in cfg.as_dict().items()},
    }


def config_text(cfg: Config) -> str:
    """One ``key = value  # source`` line per setting, after the config file and project root."""
    lines = [f"# config file: {cfg.file or 'none found'}", f"# project root: {cfg.root}"]
    values = cfg.as_dict()
    rendered = {key: json.dumps(value, ensure_ascii=False) if value is not None else "(unset)"
                for key, value in values.items()}
    width = min(max(len(f"{k} = {v}") for k, v in rendered.items()), 60)
    for key, text in rendered.items():
        line = f"{key} = {text}"
        lines.append(f"{line:<{width}}  # {cfg.source_of(key)}")
    return "\n".join(lines)
