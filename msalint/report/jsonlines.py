"""JSON Lines: one object per finding (``"type": "finding"``) and per unreadable document (``"error"``).

Each line is self-contained (carries the repo-relative path, document hash and, for a document read with its
family, the family's name), so the stream can be
grepped, split or loaded into a database line by line. Suppressed findings are included with their
``suppressed`` reason.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterator, TextIO

from msalint.model import DocumentResult
from msalint.report.ci_common import document_uri, iter_occurrences

if TYPE_CHECKING:
    from msalint.report import RenderContext


def render(results: list[DocumentResult], stream: TextIO, ctx: "RenderContext") -> None:
    """Write one JSON object per line."""
    for record in iter_records(results, ctx):
        stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str) + "\n")


def iter_records(results: list[DocumentResult], ctx: "RenderContext") -> Iterator[dict[str, Any]]:
    """The JSON Lines records for ``results``, in order."""
    for result in results:
        path = document_uri(result, ctx)
        if result.error:
            yield {"type": "error", "path": path, "error": result.error,
                   "error_code": result.error_code or "unreadable"}
            continue
        family = ((result.meta or {}).get("family") or {}).get("name")
        for finding, fp, _ in iter_occurrences(result):
            record = {"type": "finding", "path": path, "sha256": result.sha256}
            if family:
                record["family"] = family
            record.update(finding.to_dict())
            record["fingerprint"] = fp
            yield record
