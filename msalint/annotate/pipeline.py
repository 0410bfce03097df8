"""Lint one document for annotation: the Document, its Analysis and the result, under the user's config."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from msalint.model import Analysis, Document, DocumentResult, Finding

if TYPE_CHECKING:
    from msalint.config import Config
    from msalint.rulebook.ruleset import RuleSet


@dataclass(slots=True)
class Linted:
    """Everything an annotation writer needs about one document."""

    document: Document
    analysis: Analysis
    result: DocumentResult
    ruleset: "RuleSet"

    @property
    def findings(self) -> list[Finding]:
        """Findings that are not baselined or waived."""
        return [f for f in self.result.findings if not f.suppressed]


def lint_for_annotation(path: str | Path, config: "Config", *, engine: str | None = None) -> Linted:
    """Read, analyse and lint ``path`` (IngestError when unreadable); baselines and waivers apply."""
    from msalint import api

    document = api.read_document(path, engine=engine)
    analysis = api.analyse(document)
    ruleset = api.load_rules(**config.settings_for(Path(path)).load_kwargs())
    result = api.lint_document(analysis, ruleset)
    if config.baseline is not None or config.waivers is not None:
        from msalint import suppress

        suppress.apply([result], baseline=config.baseline, waivers=config.waivers, root=config.root)
    return Linted(document, analysis, result, ruleset)
