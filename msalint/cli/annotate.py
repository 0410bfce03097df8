"""`msalint annotate`: findings where reviewers work (Word comments, PDF highlights, an HTML review)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from msalint.cli.common import EXIT_CLEAN, MsalintCommand, cli_settings, config_options, handle_errors

OUTPUT_SUFFIX = {"docx": ".docx", "pdf": ".pdf"}


@click.command(cls=MsalintCommand)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Where to write [default: FILE's name + .annotated.docx/.pdf/.html beside it]. "
                   "An output ending in .html gives the HTML review for any input.")
@click.option("--suggest", is_flag=True,
              help="DOCX: also propose each safe literal fix as a tracked change (accept or reject in Word).")
@config_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@click.option("--pdf-engine", type=click.Choice(["pypdfium2", "pdfplumber"]), default=None,
              help="PDF text engine used to find the findings [default: pypdfium2].")
@handle_errors
def annotate(file: str, output: str | None, suggest: bool, config_file: str | None, quiet: bool,
             pdf_engine: str | None, **flags: Any) -> None:
    """Write a copy of FILE with msalint's findings where reviewers read them.

    DOCX -> DOCX with a Word comment per finding (author "msalint"); PDF -> PDF with highlight
    annotations and notes; TXT/Markdown -> a one-page HTML review. The input is never modified.
    Exit status: as `check` (0 clean, 1 findings at or above --fail-on, 2 usage, 3 unreadable).
    """
    from msalint.annotate.output import check_output
    from msalint.annotate.pipeline import lint_for_annotation
    from msalint.config import load_config
    from msalint.session import exit_status

    config = load_config(config_file, cli=cli_settings(**flags))
    if output:
        check_output(file, output)  # before the slow part
    linted = lint_for_annotation(file, config, engine=pdf_engine)
    fmt = linted.document.format
    out = Path(output) if output else default_output(Path(file), fmt)
    check_output(file, out)
    kind = "html" if out.suffix.lower() in (".html", ".htm") or fmt not in OUTPUT_SUFFIX else fmt
    summary = _write(kind, file, out, linted, suggest=suggest, config=config)
    if not quiet:
        click.echo(f"{out}: {summary}", err=True)
    sys.exit(exit_status([linted.result], config.fail_on) if linted.findings else EXIT_CLEAN)


def default_output(source: Path, fmt: str) -> Path:
    """report.docx -> report.annotated.docx; a text input -> report.review.html."""
    suffix = OUTPUT_SUFFIX.get(fmt)
    return source.with_name(f"{source.stem}.annotated{suffix}" if suffix else f"{source.stem}.review.html")


def _write(kind: str, file: str, out: Path, linted, *, suggest: bool, config) -> str:
    if kind == "docx":
        from msalint.annotate.docx_comments import annotate_docx

        done = annotate_docx(file, out, linted, suggest=suggest)
        text = (f"{done.comments} comment(s), {done.on_text} on the finding's words and "
                f"{done.comments - done.on_text} on a heading or the title")
        if suggest:
            text += f"; {done.edits} tracked edit(s)"
        return text + (f"; {len(done.unanchored)} finding(s) could not be placed" if done.unanchored else "")
    if kind == "pdf":
        from msalint.annotate.pdf_highlights import annotate_pdf

        done = annotate_pdf(file, out, linted)
        text = f"{done.highlights} highlight(s), {done.notes} note(s) on page 1"
        return text + (f" ({len(done.not_found)} whose words are not in the text layer)" if done.not_found else "")
    from msalint.annotate.html_review import ReviewEntry, write_review
    from msalint.report import RenderContext

    write_review([ReviewEntry(linted.result, linted.document)], RenderContext(ruleset=linted.ruleset), out)
    return f"HTML review of {len(linted.findings)} finding(s)"

