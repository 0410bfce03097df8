"""`msalint clauses FILE`: the segmented clause tree, defined terms and cross-references of one agreement."""
from __future__ import annotations

import json
from typing import Any

import click

from msalint.cli.stdin import replace_stdin, stdin_filename_option
from msalint.cli.common import kind_option


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: an indented outline; json: clauses, definitions and cross-references.")
@stdin_filename_option
@kind_option()
@click.pass_context
def clauses(ctx: click.Context, file: str, fmt: str, kind: str | None, stdin_filename: str | None = None) -> None:
    """Show how FILE was segmented: clause ids, headings and pages (the first thing to look at when a rule misfires).

    FILE '-' reads the agreement from stdin.
    """
    from msalint.api import analyse, read_document
    from msalint.errors import EXIT_UNREADABLE, IngestError

    (path,), shown = replace_stdin([file], stdin_filename)
    try:
        document = read_document(path)
    except IngestError as exc:
        click.echo(f"msalint: error: {shown.get(exc.path, exc.path)}: {exc.cause}", err=True)
        ctx.exit(EXIT_UNREADABLE)
    document.path = shown.get(document.path, document.path)
    analysis = analyse(document)
    doc_kind = document_kind(document.text, kind)
    if fmt == "json":
        payload = {"kind": doc_kind.to_dict(), **analysis_json(analysis)}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(kind_line(doc_kind))
        click.echo(outline(analysis))


def document_kind(text: str, kind: str | None):
    """The classifier's answer, or the kind given with --kind."""
    from msalint.classify import classify, overridden

    detected = classify(text)
    return overridden(kind, "command line", detected) if kind else detected


def kind_line(doc_kind) -> str:
    """'kind: sla (confidence 0.92; 'Service Level Agreement' (line 1)); subject: it (uptime, incidents)'."""
    subject = doc_kind.subject + (f" ({', '.join(doc_kind.subject_evidence[:3])})" if doc_kind.subject_evidence else "")
    how = doc_kind.reason() if doc_kind.source != "detected" else f"confidence {doc_kind.confidence}; {doc_kind.reason()}"
    return f"kind: {doc_kind.kind} ({how}); subject: {subject}"


def analysis_json(analysis: Any) -> dict[str, Any]:
    """The documented JSON shape of `msalint clauses --format json`."""
    document = analysis.document
    return {
        "path": document.path,
        "format": document.format,
        "pages": document.pages,
        "meta": dict(document.meta),
        "clauses": [
            {"id": c.id, "heading": c.heading, "level": c.level, "parent": c.parent, "page": c.page,
             "start": c.start, "end": c.end}
            for c in analysis.clauses
        ],
        "definitions": [{"term": d.term, "clause": d.clause} for d in analysis.definitions],
        "xrefs": [{"text": x.text, "target": x.target, "clause": x.clause, "resolved": x.resolved}
                  for x in analysis.xrefs],
    }


def outline(analysis: Any) -> str:
    """Indented outline: one clause per line with heading and page, then a one-line summary."""
    lines = []
    for c in analysis.clauses:
        parts = ["  " * c.level + c.id]
        if c.heading and not c.id.split("#")[0].endswith(c.heading):
            parts.append(c.heading)
        if c.page is not None:
            parts.append(f"(p. {c.page})")
        lines.append("  ".join(parts))
    external = sum(1 for x in analysis.xrefs if x.target is None)
    unresolved = sum(1 for x in analysis.xrefs if x.target is not None and not x.resolved)
    lines.append(
        f"{len(analysis.clauses)} clauses, {len(analysis.definitions)} defined terms, "
        f"{len(analysis.xrefs)} cross-references ({unresolved} unresolved, {external} external)"
    )
    return "\n".join(lines)
