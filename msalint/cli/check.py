"""`msalint check`: lint agreements and report findings."""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TextIO

import click

from msalint.cli.common import (
    EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, MsalintCommand, cli_settings, config_options, handle_errors,
    use_color, warn,
)
from msalint.config import FORMATS, Config, RuleSettings, load_config

if TYPE_CHECKING:
    from msalint.cache import ResultCache
    from msalint.model import DocumentResult
    from msalint.rulebook.ruleset import RuleSet


@click.command(cls=MsalintCommand)
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@config_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format [default: text].")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of every finding (text format).")
@click.option("--min-severity", "--show", "min_severity", type=click.Choice(["error", "warning", "info"]),
              default="info", show_default=True,
              help="Print only findings at or above this severity (text format); --fail-on is unaffected.")
@click.option("-v", "--verbose", "--show-details", "show_details", is_flag=True,
              help="Under each finding, show its excerpt, the near-miss explanation and any suggestion.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report; 'auto' means a terminal and NO_COLOR unset.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr; results only.")
@click.option("--pdf-engine", type=click.Choice(["pypdfium2", "pdfplumber"]), default=None,
              help="PDF text engine [default: pypdfium2; pdfplumber for OCR'd PDFs].")
@handle_errors
def check(paths: tuple[str, ...], config_file: str | None, fmt: str | None, output: str | None,
          statistics: bool, min_severity: str, show_details: bool, color: str, quiet: bool,
          pdf_engine: str | None, **flags: Any) -> None:
    """Lint agreements (PDF, DOCX, TXT, Markdown; folders are searched) and report findings.

    Exit status: 0 clean, 1 an unsuppressed finding at or above --fail-on (default: error),
    2 usage, configuration or rule-file error, 3 a document could not be read (others are still reported).
    """
    from msalint.api import iter_documents

    config = load_config(config_file, cli=cli_settings(format=fmt, **flags))
    documents = [p for p in iter_documents(paths or (".",)) if not config.is_excluded(p)]
    if not documents and not quiet:
        warn("no documents to check")
    pool = RulesetPool()
    cache = _open_cache(config)
    results = _lint_all(documents, config, pool, cache, progress=not quiet and sys.stderr.isatty(),
                        engine=pdf_engine)
    # text and JSON need no rule metadata: when every document came from the cache, skip loading the rules
    needs_rules = not documents or pool.loaded_any or statistics or config.format not in ("text", "json")
    base_ruleset = pool.get(config.base_settings()) if needs_rules else None
    stale, expired = _apply_suppressions(results, config, quiet=quiet)
    _write_report(results, config, base_ruleset, output=output, color=color, stale=stale, expired=expired,
                  view={"statistics": statistics, "min_severity": min_severity, "show_details": show_details})
    sys.exit(exit_status(results, config.fail_on))


class RulesetPool:
    """Loads each distinct rule setting once (overrides may need several rulesets)."""

    def __init__(self) -> None:
        self._loaded: dict[RuleSettings, "RuleSet"] = {}
        self._keys: dict[RuleSettings, str] = {}

    def get(self, settings: RuleSettings) -> "RuleSet":
        """The ruleset for these settings."""
        if settings not in self._loaded:
            from msalint.api import load_rules

            self._loaded[settings] = load_rules(**settings.load_kwargs())
        return self._loaded[settings]

    def handle(self, settings: RuleSettings) -> "RulesHandle":
        """A handle keyed by the rule files' bytes and the settings; the rules load only on a cache miss."""
        if settings not in self._keys:
            self._keys[settings] = rules_source_key(settings)
        return RulesHandle(self._keys[settings], lambda: self.get(settings))

    @property
    def loaded_any(self) -> bool:
        """Whether some ruleset was actually loaded (and so validated) in this run."""
        return bool(self._loaded)


@dataclass(frozen=True, slots=True)
class RulesHandle:
    """A ruleset known by a cache key, loaded only when a document must really be linted."""

    key: str
    load: Callable[[], "RuleSet"]

    @classmethod
    def of(cls, ruleset: "RuleSet") -> "RulesHandle":
        """A handle for an already loaded ruleset, keyed by its effective hash."""
        return cls(ruleset.hash, lambda: ruleset)


def rules_source_key(settings: RuleSettings) -> str:
    """sha256 of msalint's version, the rule settings and the bytes of every rule file they load.

    The ruleset is a pure function of these, so this key can stand in for ``RuleSet.hash`` in the result
    cache; computing it needs no YAML parsing or regex compilation, which keeps a warm re-run fast.
    """
    import hashlib

    from msalint import __version__
    from msalint.rulebook.loader import builtin_rules_dir, rule_files

    digest = hashlib.sha256(f"{__version__}\0{replace(settings, extra=())!r}".encode())
    folders = [builtin_rules_dir(), *settings.extra]
    for folder in folders:
        if folder is None:
            continue
        for file in rule_files(folder):
            digest.update(f"\0{file.name}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _open_cache(config: Config) -> "ResultCache | None":
    if not config.cache:
        return None
    from msalint.cache import ResultCache, default_cache_dir

    return ResultCache(default_cache_dir(config.root))


def _lint_all(documents: list[Path], config: Config, pool: RulesetPool, cache: "ResultCache | None",
              *, progress: bool, engine: str | None = None) -> list["DocumentResult"]:
    results = []
    for i, path in enumerate(documents, 1):
        if progress:
            click.echo(f"\r\033[K[{i}/{len(documents)}] {path}", err=True, nl=False)
        results.append(lint_one(path, pool.handle(config.settings_for(path)), cache, engine=engine))
    if progress and documents:
        click.echo("\r\033[K", err=True, nl=False)
    return results


def lint_one(path: Path, rules: "RuleSet | RulesHandle", cache: "ResultCache | None",
             *, engine: str | None = None) -> "DocumentResult":
    """Lint one document, answering from the cache when its bytes, the rules and the PDF engine are unchanged."""
    from msalint.cache import file_sha256
    from msalint.model import DocumentResult

    handle = rules if isinstance(rules, RulesHandle) else RulesHandle.of(rules)
    if engine:
        handle = RulesHandle(f"{handle.key}|pdf-engine={engine}", handle.load)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        return DocumentResult(path=str(path), error=f"cannot read file: {exc.strerror or exc}", error_code="io")
    if cache is not None:
        hit = cache.get(sha, handle.key, str(path))
        if hit is not None:
            return hit
    from msalint.api import lint_path

    result = lint_path(path, handle.load(), engine=engine)
    result.path = str(path)
    result.sha256 = result.sha256 or sha
    if cache is not None:
        cache.put(result, sha, handle.key)
    return result


def _apply_suppressions(results: list["DocumentResult"], config: Config, *, quiet: bool
                        ) -> tuple[list[dict], list[dict]]:
    if config.baseline is None and config.waivers is None:
        return [], []
    try:
        from msalint import suppress
    except ModuleNotFoundError as exc:
        if exc.name != "msalint.suppress":
            raise
        if not quiet:
            warn("baselines and waivers are not available in this build; ignoring them")
        return [], []
    outcome = suppress.apply(results, baseline=config.baseline, waivers=config.waivers, root=config.root)
    return list(outcome.stale), list(outcome.expired)


def _write_report(results: list["DocumentResult"], config: Config, ruleset: "RuleSet | None", *, output: str | None,
                  color: str, stale: list[dict], expired: list[dict], view: dict[str, Any]) -> None:
    from msalint import __version__
    from msalint.report import RenderContext, render

    def emit(stream: TextIO) -> None:
        ctx = RenderContext(
            ruleset=ruleset, color=use_color(color, stream), root=config.root,
            stale=stale, expired_waivers=expired, tool_version=__version__, **view,
        )
        render(results, config.format, stream, ctx)

    if output is None:
        emit(sys.stdout)
        sys.stdout.flush()
        return
    with open(output, "w", encoding="utf-8", newline="\n") as fh:
        emit(fh)


def exit_status(results: list["DocumentResult"], fail_on: str) -> int:
    """3 if a document was unreadable, else 1 if an unsuppressed finding reaches ``fail_on``, else 0."""
    from msalint.model import Severity

    if any(r.error for r in results):
        return EXIT_UNREADABLE
    threshold = Severity.parse(fail_on)
    failing = any(f.severity >= threshold for r in results for f in r.findings if not f.suppressed)
    return EXIT_FINDINGS if failing else EXIT_CLEAN
