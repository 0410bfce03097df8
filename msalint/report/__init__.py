"""Output formatters: one module per format, looked up by name and imported lazily."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TextIO

from msalint.model import DocumentResult

if TYPE_CHECKING:
    from msalint.rulebook.ruleset import RuleSet

# format name -> "module:function"; every function has the signature render(results, stream, ctx).
FORMATS: dict[str, str] = {
    "text": "msalint.report.text:render",
    "json": "msalint.report.json_format:render",
    "sarif": "msalint.report.sarif:render",
    "github": "msalint.report.github:render",
    "junit": "msalint.report.junit:render",
    "gitlab": "msalint.report.gitlab:render",
    "json-lines": "msalint.report.jsonlines:render",
    "html": "msalint.annotate.html_review:render",
}


@dataclass(slots=True)
class RenderContext:
    """What a formatter may need beyond the results."""

    ruleset: "RuleSet | None" = None
    color: bool = False
    statistics: bool = False
    root: Path | None = None  # paths in machine formats are made relative to this (repo root)
    stale: list[dict[str, Any]] = field(default_factory=list)  # baseline entries no longer found
    expired_waivers: list[dict[str, Any]] = field(default_factory=list)
    tool_version: str = ""
    show_details: bool = False  # text: excerpts, near-miss explanations and suggestions under each finding
    min_severity: str = "info"  # text: findings below this are counted but not printed


def get_renderer(fmt: str) -> Callable[[list[DocumentResult], TextIO, RenderContext], None]:
    """The render function for a format name; KeyError for an unknown format."""
    module_name, attr = FORMATS[fmt].split(":")
    return getattr(importlib.import_module(module_name), attr)


def render(results: list[DocumentResult], fmt: str, stream: TextIO, ctx: RenderContext | None = None) -> None:
    """Write ``results`` to ``stream`` in format ``fmt``."""
    get_renderer(fmt)(results, stream, ctx or RenderContext())
