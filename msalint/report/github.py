"""GitHub Actions workflow commands: one ::group:: per document, one annotation per active finding.

Suppressed findings get no annotation (that is what a baseline is for); the group says how many were
suppressed. Clean documents print nothing, to keep CI logs short.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from msalint.model import DocumentResult, Finding, Severity
from msalint.report.ci_common import document_uri, message_with_location, start_line, truncate

if TYPE_CHECKING:
    from msalint.report import RenderContext

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
EXCERPT_LIMIT = 300
TITLE_LIMIT = 200


def escape_data(text: str) -> str:
    """Escape a workflow-command message (the part after '::')."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (file, title, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """One workflow command line, e.g. '::error file=a.pdf,line=3,title=X::message'."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(results: list[DocumentResult], stream: TextIO, ctx: "RenderContext") -> None:
    """Write workflow commands for every document with findings or a read error."""
    active_total = 0
    for result in results:
        active = [f for f in result.findings if not f.suppressed]
        suppressed = len(result.findings) - len(active)
        if not (result.error or result.findings):
            continue
        uri = document_uri(result, ctx)
        stream.write(command("group", f"msalint: {uri}") + "\n")
        if result.error:
            stream.write(command("error", f"document could not be read: {result.error}",
                                 file=uri, title="msalint: unreadable document") + "\n")
        for finding in active:
            stream.write(_annotation(finding, uri, ctx) + "\n")
        if suppressed:
            stream.write(f"{suppressed} suppressed finding(s) (baseline or waivers) not annotated\n")
        stream.write("::endgroup::\n")
        active_total += len(active)
    _write_housekeeping(stream, ctx)
    stream.write(f"msalint: {active_total} finding(s) in {len(results)} document(s)\n")


def _annotation(finding: Finding, uri: str, ctx: "RenderContext") -> str:
    message = message_with_location(finding)
    if finding.excerpt:
        message += "\n> " + truncate(finding.excerpt, EXCERPT_LIMIT)
    if finding.suggestion:
        message += "\nSuggestion: " + finding.suggestion
    # The finding's own message, not the rule's title: a title states what a sound clause does ("Liability is
    # capped or limited") and would contradict a message saying it is missing.
    title = f"{finding.rule}: {truncate(finding.message, TITLE_LIMIT)}"
    name = COMMANDS[Severity.parse(finding.severity)]
    return command(name, message, file=uri, line=start_line(finding), title=title)


def _write_housekeeping(stream: TextIO, ctx: "RenderContext") -> None:
    if ctx.stale:
        stream.write(command("warning", f"{len(ctx.stale)} baseline entries no longer match any finding; "
                             "run `msalint baseline --prune`.", title="msalint: stale baseline") + "\n")
    for waiver in ctx.expired_waivers:
        stream.write(command(
            "warning",
            f"Waiver #{waiver.get('index')} ({waiver.get('rule')} on {waiver.get('path')}) expired on "
            f"{waiver.get('expires')}: {waiver.get('reason')}",
            title="msalint: expired waiver",
        ) + "\n")
