"""`-` as a path: the agreement comes on stdin (`cat msa.md | msalint check -`), as in ruff and prettier.

The bytes are written once to a private temporary file so that every later step (size check, format sniffing,
the result cache) treats them exactly like a file. `--stdin-filename NAME` names it: NAME's suffix is the format
hint (the content still decides, as for files) and NAME is what the report shows; without it, `<stdin>`.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable

import click

STDIN = "-"
STDIN_DISPLAY = "<stdin>"


def stdin_filename_option(command):
    """The `--stdin-filename NAME` option shared by the commands that accept `-`."""
    return click.option(
        "--stdin-filename", metavar="NAME",
        help="With '-' as the path: show stdin's document as NAME and take its suffix as the format hint.",
    )(command)


def replace_stdin(paths: Iterable[str], stdin_filename: str | None) -> tuple[list[str], dict[str, str]]:
    """The paths with `-` replaced by a temporary file holding stdin, and {temporary path: name to show}.

    The file is removed when the running click command ends.
    """
    paths = list(paths)
    if STDIN not in paths:
        return paths, {}
    from msalint.ingest import MAX_BYTES

    folder = tempfile.mkdtemp(prefix="msalint-stdin-")
    click.get_current_context().call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    name = Path(stdin_filename).name if stdin_filename else "stdin"
    target = Path(folder) / (name or "stdin")
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    data = stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    target.write_bytes(data)
    return [str(target) if p == STDIN else p for p in paths], {str(target): stdin_filename or STDIN_DISPLAY}


def show_as(results: list[Any], shown: dict[str, str]) -> list[Any]:
    """Give results read from stdin the name the user knows them by."""
    for result in results:
        result.path = shown.get(result.path, result.path)
    return results
