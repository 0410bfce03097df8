"""One lint session: what every command that lints documents shares.

A Session owns, for one Config: the rule settings of each path (overrides included), one pool of loaded
rule sets with one identity per rule set, the result cache and suppression (baseline, waivers). `check`,
`baseline`, `batch` and `eval` are adapters over it: they render, record, store or score its results.
A Session pickles as its config and options, so each worker process rebuilds its own rule-set pool.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from msalint.config import Config, RuleSettings
from msalint.ingest import read_source, reader_key
from msalint.model import DocumentResult
from msalint.progress import SILENT, ProgressListener
from msalint.workers.jobs import ERROR, OK, Job, Outcome

if TYPE_CHECKING:
    from msalint.cache import ResultCache
    from msalint.rulebook.ruleset import RuleSet
    from msalint.suppress import SuppressionOutcome


@dataclass(frozen=True, slots=True)
class LintOptions:
    """How documents are read and whether results are cached (the rules come from the Config)."""

    pdf_engine: str | None = None
    max_pages: int | None = None
    cache: bool = True  # honoured only when the config's cache is on too


def rules_identity(settings: RuleSettings) -> str:
    """The rule-set identity: sha256 of msalint's version, the settings and the bytes of every rule file.

    The rule set is a pure function of these, so this one key names it in the result cache, baselines and
    the batch database; computing it needs no YAML parsing or regex compilation, which keeps a warm re-run fast.
    """
    from msalint import __version__
    from msalint.rulebook.loader import builtin_rules_dir, rule_files

    digest = hashlib.sha256(f"{__version__}\0{replace(settings, extra=())!r}".encode())
    for folder in (builtin_rules_dir(), *settings.extra):
        if folder is None:
            continue
        for file in rule_files(folder):
            digest.update(f"\0{file.name}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


class RulesetPool:
    """Loads each distinct rule setting once (overrides may need several rule sets) and names each one."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir  # where loaded rule sets are kept between runs (None: nowhere)
        self._loaded: dict[RuleSettings, "RuleSet"] = {}
        self._identities: dict[RuleSettings, str] = {}

    def get(self, settings: RuleSettings) -> "RuleSet":
        """The rule set for these settings, loaded on first use."""
        if settings not in self._loaded:
            from msalint.api import load_rules

            def load() -> "RuleSet":
                return load_rules(**settings.load_kwargs())

            if self._cache_dir is None:
                self._loaded[settings] = load()
            else:
                from msalint.cache import load_rules_cached

                self._loaded[settings] = load_rules_cached(load, self.identity(settings), self._cache_dir)
        return self._loaded[settings]

    def identity(self, settings: RuleSettings) -> str:
        """The identity of the rule set these settings load (see ``rules_identity``), without loading it."""
        if settings not in self._identities:
            self._identities[settings] = rules_identity(settings)
        return self._identities[settings]

    @property
    def loaded_any(self) -> bool:
        """Whether some rule set was actually loaded (and so validated) in this session."""
        return bool(self._loaded)


class Session:
    """Lint documents under one Config: rule settings per path, a rule-set pool, a result cache."""

    def __init__(self, config: Config, options: LintOptions = LintOptions()):
        self.config = config
        self.options = options
        # the loaded rulebook is kept even with the result cache off (--no-cache): it depends only on rule files
        self.pool = RulesetPool(_cache_dir(config))
        self.cache = _open_cache(config) if options.cache else None

    def __reduce__(self):
        return (Session, (self.config, self.options))

    def documents(self, paths: Iterable[str], exclude: Iterable[str] = ()) -> list[Path]:
        """The agreement files under ``paths`` that neither the config nor ``exclude`` leaves out."""
        from msalint.api import iter_documents

        return [p for p in iter_documents(paths, exclude) if not self.config.is_excluded(p)]

    def ruleset(self, path: str | Path | None = None) -> "RuleSet":
        """The rule set for ``path`` (the base rule set when None)."""
        return self.pool.get(self._settings(path))

    def identity(self, path: str | Path | None = None) -> str:
        """The rule-set identity for ``path`` (the base rule set when None)."""
        return self.pool.identity(self._settings(path))

    def _settings(self, path: str | Path | None) -> RuleSettings:
        return self.config.base_settings() if path is None else self.config.settings_for(path)

    def lint(self, path: str | Path) -> DocumentResult:
        """Lint one document, answering from the cache when its bytes, reader and rules are unchanged.

        The file is read and hashed once: the cache is looked up by that hash and the reader parses those bytes.
        """
        from msalint.errors import IngestError

        try:
            source = read_source(path)
        except IngestError as exc:
            return DocumentResult(path=str(path), error=exc.cause, error_code=exc.code)
        identity = self.identity(path)
        reader = reader_key(path, self.options.pdf_engine)
        if self.cache is not None:
            hit = self.cache.get(source.sha256, identity, str(path), reader=reader)
            if hit is not None:
                return hit
        from msalint.api import lint_path

        result = lint_path(path, self.ruleset(path), engine=self.options.pdf_engine, max_pages=self.options.max_pages,
                           source=source)
        result.path = str(path)
        result.sha256 = result.sha256 or source.sha256
        if self.cache is not None:
            self.cache.put(result, source.sha256, identity, reader=reader)
        return result

    __call__ = lint  # a Session is a batch task: path -> DocumentResult

    def lint_all(self, paths: list[Path], jobs: int = 1, listener: ProgressListener = SILENT
                 ) -> list[DocumentResult]:
        """Lint ``paths``, results in the order given: in this process, or in ``jobs`` worker processes (each
        rebuilds this session) for the documents the cache cannot answer. ``listener`` hears ``start``, an
        ``update`` as each document finishes and ``finish``."""
        listener.start(len(paths), 0)
        if jobs <= 1 or len(paths) < 2:
            results = []
            for i, path in enumerate(paths):
                results.append(self.lint(path))
                listener.update(_outcome(Job(i, str(path), "", 0), results[-1]))
        else:
            results = self._lint_in_workers(paths, jobs, listener)
        listener.finish()
        return results

    def _lint_in_workers(self, paths: list[Path], jobs: int, listener: ProgressListener) -> list[DocumentResult]:
        from msalint.workers import run_jobs

        results: list[DocumentResult | None] = [self.cached(path) for path in paths]
        for i, result in enumerate(results):
            if result is not None:
                listener.update(_outcome(Job(i, str(paths[i]), "", 0), result))
        todo = [Job(i, str(path), "", 0) for i, path in enumerate(paths) if results[i] is None]
        for outcome in run_jobs(self, todo, executor="processes", workers=min(jobs, len(todo))):
            results[outcome.job.id] = outcome.result or DocumentResult(
                path=outcome.job.path, error=outcome.error or "no result", error_code=outcome.error_code)
            listener.update(outcome)
        return [r for r in results if r is not None]

    def cached(self, path: str | Path) -> DocumentResult | None:
        """The cached result for ``path`` when its bytes, reader and rules are unchanged, else None."""
        if self.cache is None:
            return None
        from msalint.cache import file_sha256

        try:
            sha = file_sha256(path)
        except OSError:
            return None
        return self.cache.get(sha, self.identity(path), str(path), reader=reader_key(path, self.options.pdf_engine))

    def lint_families(self, results: list[DocumentResult], named: Iterable[str | Path] = ()) -> list[DocumentResult]:
        """Check the documents of ``results`` with their families (declared and, unless turned off, detected);
        ``results`` are updated in place and returned. Members outside the run are read from disk: the other files
        of a declared family, and for each file in ``named`` (given by name, as pre-commit passes staged files)
        the files of its folder, so a family is checked the same whether one member or the whole folder is linted."""
        from msalint.families import check_families, declared_families, find_families
        from msalint.families.context import context_documents

        context = context_documents(self, results, [str(p) for p in named])
        everything = results + context
        declared = declared_families(self.config.families, [r.path for r in everything])
        families = find_families(everything, declared, automatic=self.config.auto_families)
        in_run = {r.path for r in results}
        families = [f for f in families if in_run.intersection(f.members)]
        wanted = {p for f in families for p in f.members} - in_run
        # a member read from disk for its card only is linted now that it is known to belong
        context = [r if r.elements or r.error else self.lint(r.path) for r in context if r.path in wanted]
        check_families(families, results + context)
        return results

    def warm_up(self) -> None:
        """Load the rule set and the reading/segmenting layers, so a worker's first deadline covers only its work."""
        ruleset = self.ruleset()
        try:
            from msalint.api import lint_text

            lint_text("1. Term. This Agreement starts on the Effective Date.", ruleset, path="<warm-up>")
        except Exception:  # noqa: BLE001 - the first real document will report any genuine problem
            pass

    def suppress(self, results: list[DocumentResult]) -> "SuppressionOutcome | None":
        """Mark findings covered by the configured baseline or waivers as suppressed (None: nothing configured)."""
        if self.config.baseline is None and self.config.waivers is None:
            return None
        from msalint import suppress

        return suppress.apply(results, baseline=self.config.baseline, waivers=self.config.waivers,
                              root=self.config.root)


def _outcome(job: Job, result: DocumentResult) -> Outcome:
    """The progress event of a document linted (or answered from the cache) in this process."""
    return Outcome(job=job, status=ERROR if result.error else OK, result=result, error=result.error,
                   error_code=result.error_code)


def _cache_dir(config: Config) -> Path:
    from msalint.cache import default_cache_dir

    return default_cache_dir(config.root)


def _open_cache(config: Config) -> "ResultCache | None":
    if not config.cache:
        return None
    from msalint.cache import ResultCache

    return ResultCache(_cache_dir(config))


def exit_status(results: list[DocumentResult], fail_on: str) -> int:
    """3 if a document was unreadable, else 1 if an unsuppressed finding reaches ``fail_on``, else 0."""
    from msalint.errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE
    from msalint.model import Severity

    if any(r.error for r in results):
        return EXIT_UNREADABLE
    threshold = Severity.parse(fail_on)
    failing = any(f.severity >= threshold for r in results for f in r.findings if not f.suppressed)
    return EXIT_FINDINGS if failing else EXIT_CLEAN

