"""The default per-document work: lint one file with a rule set loaded once per worker process."""
from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from typing import Any

from msalint.errors import ConfigError
from msalint.model import DocumentResult

# Rule sets already loaded in this process, keyed by LintTask.rule_key(); workers reuse them.
_RULESETS: dict[tuple, Any] = {}


@dataclass(frozen=True)
class LintTask:
    """A picklable callable ``path -> DocumentResult`` that reads, analyses and lints one agreement."""

    extra_rules: tuple[str, ...] = ()
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    builtin: bool = True
    engine: str | None = None
    max_pages: int | None = None

    def rule_key(self) -> tuple:
        """The arguments that decide which rule set is loaded."""
        return (self.extra_rules, self.profile, self.select, self.ignore, self.builtin)

    def ruleset(self):
        """The rule set for this task, loaded once per process."""
        key = self.rule_key()
        if key not in _RULESETS:
            from msalint.api import load_rules

            _RULESETS[key] = load_rules(
                self.extra_rules, profile=self.profile, select=self.select, ignore=self.ignore,
                builtin=self.builtin,
            )
        return _RULESETS[key]

    def __call__(self, path: str) -> DocumentResult:
        """Lint ``path``; unreadable or over-long documents come back with ``error`` set."""
        # Same steps as api.lint_path, split so the page limit applies before the costly analysis
        # and so each phase can be timed.
        from msalint import api
        from msalint.errors import IngestError

        ruleset = self.ruleset()
        t0 = time.perf_counter()
        try:
            document = api.read_document(path, engine=self.engine)
        except IngestError as exc:
            return DocumentResult(path=str(path), error=exc.cause, error_code=exc.code)
        t1 = time.perf_counter()
        if self.max_pages is not None and (document.pages or 0) > self.max_pages:
            return DocumentResult(
                path=str(path), sha256=document.sha256, format=document.format, pages=document.pages,
                error=f"{document.pages} pages exceeds the limit of {self.max_pages}", error_code="too-many-pages",
            )
        analysis = api.analyse(document)
        t2 = time.perf_counter()
        result = api.lint_document(analysis, ruleset)
        t3 = time.perf_counter()
        result.meta = dict(result.meta or {})
        result.meta["timings"] = {"read_s": t1 - t0, "analyse_s": t2 - t1, "lint_s": t3 - t2}
        return result


def ruleset_hash(ruleset: Any) -> str:
    """The rule set's hash (``RuleSet.hash``), tolerating a method or missing attribute."""
    value = getattr(ruleset, "hash", None)
    if callable(value):
        value = value()
    if not value:
        raise ConfigError("the loaded rule set has no hash; cannot key batch results")
    return str(value)


def load_task(spec: str):
    """Import a task given as ``module:attribute`` (a callable ``path -> DocumentResult``)."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ConfigError(f"--task must look like module:function, got {spec!r}")
    try:
        target = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot import task {spec!r}: {exc}") from exc
    if not callable(target):
        raise ConfigError(f"task {spec!r} is not callable")
    return target


def _warm_up(self: LintTask) -> None:
    """Load the rule set and the reading/segmenting layers before the first deadline starts."""
    ruleset = self.ruleset()
    try:  # builds the spaCy pipeline once, so the first document's deadline covers only its own work
        from msalint.api import lint_text

        lint_text("1. Term. This Agreement starts on the Effective Date.", ruleset, path="<warm-up>")
    except Exception:
        pass  # the first real document will report any genuine problem


LintTask.warm_up = _warm_up
