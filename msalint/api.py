"""The Python API the CLI calls: read, analyse, load rules, lint. Nothing here prints or exits."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from msalint.errors import IngestError
from msalint.ingest.formats import SUPPORTED_SUFFIXES, UNREADABLE_SUFFIXES
from msalint.model import Analysis, Document, DocumentResult

if TYPE_CHECKING:
    from msalint.ingest import Source
    from msalint.rulebook.ruleset import RuleSet


def read_document(path: str | os.PathLike, *, engine: str | None = None, source: "Source | None" = None) -> Document:
    """Read one agreement (PDF, DOCX, TXT, MD) into a Document; raises IngestError. ``source``: its bytes and
    hash when already read (``msalint.ingest.read_source``), so they are not read again."""
    from msalint.ingest import read_document as _read

    return _read(path, engine=engine, source=source)


def analyse(document: Document) -> Analysis:
    """Segment a Document into clauses, sentences, definitions and cross-references."""
    from msalint.segment import analyse as _analyse

    return _analyse(document)


def load_rules(
    extra: Iterable[str | os.PathLike] = (),
    *,
    profile: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severity: dict[str, str] | None = None,
    thresholds: dict[str, object] | None = None,
    builtin: bool = True,
    kind: str | None = None,
    subject: str | None = None,
) -> "RuleSet":
    """Load the built-in rulebook plus extra packs, apply profile, selection and overrides.

    ``kind`` lints every document as that kind (``agreement``, ``sla``, ...) instead of the detected one;
    ``subject`` (``it`` or ``other``) likewise replaces the detected subject.
    """
    from msalint.rulebook.loader import load_ruleset

    return load_ruleset(
        extra=list(extra),
        profile=profile,
        select=list(select),
        ignore=list(ignore),
        severity=severity or {},
        thresholds=thresholds or {},
        builtin=builtin,
        kind=kind,
        subject=subject,
    )


def lint_document(analysis: Analysis, ruleset: "RuleSet") -> DocumentResult:
    """Run every rule of ``ruleset`` over an analysed document."""
    from msalint.engine import lint_analysis

    return lint_analysis(analysis, ruleset)


def lint_path(path: str | os.PathLike, ruleset: "RuleSet", *, engine: str | None = None,
              max_pages: int | None = None, source: "Source | None" = None) -> DocumentResult:
    """Read, analyse and lint one file; an unreadable file becomes a result with ``error`` set.

    A document longer than ``max_pages`` is refused before the costly analysis. The result's
    ``meta["timings"]`` holds the seconds spent reading, analysing and linting.
    """
    t0 = time.perf_counter()
    try:
        document = read_document(path, engine=engine, source=source)
    except IngestError as exc:
        return DocumentResult(path=str(path), error=exc.cause, error_code=exc.code)
    except Exception as exc:  # noqa: BLE001 - one odd file must never stop a run over many
        return _internal_error(path, None, "reading", exc)
    t1 = time.perf_counter()
    if max_pages is not None and (document.pages or 0) > max_pages:
        return DocumentResult(
            path=str(path), sha256=document.sha256, format=document.format, pages=document.pages,
            error=f"{document.pages} pages exceeds the limit of {max_pages}", error_code="too-many-pages",
        )
    try:
        analysis = analyse(document)
        t2 = time.perf_counter()
        result = lint_document(analysis, ruleset)
    except Exception as exc:  # noqa: BLE001
        return _internal_error(path, document, "analysing", exc)
    result.meta = dict(result.meta or {})
    result.meta["timings"] = {"read_s": t1 - t0, "analyse_s": t2 - t1, "lint_s": time.perf_counter() - t2}
    return result


def _internal_error(path, document: Document | None, stage: str, exc: Exception) -> DocumentResult:
    """A bug hit on one document becomes that document's error, reported like an unreadable file."""
    return DocumentResult(
        path=str(path),
        sha256=document.sha256 if document else None,
        format=document.format if document else None,
        pages=document.pages if document else None,
        error=f"internal error while {stage}: {type(exc).__name__}: {exc} (please report this)",
        error_code="internal",
    )


def _walk(folder: Path) -> list[Path]:
    """Agreement files under ``folder``, sorted; a sub-folder that cannot be listed is returned itself, so the
    reader reports it (as an unreadable document) instead of its contents vanishing."""
    suffixes = SUPPORTED_SUFFIXES + tuple(UNREADABLE_SUFFIXES)
    unlisted: list[Path] = []
    files = []
    for top, _, names in os.walk(folder, onerror=lambda exc: unlisted.append(Path(exc.filename))):
        files += [Path(top, n) for n in names if Path(n).suffix.lower() in suffixes and Path(top, n).is_file()]
    return sorted(files + unlisted)


def lint_text(text: str, ruleset: "RuleSet", *, path: str = "<text>", fmt: str = "txt") -> DocumentResult:
    """Lint agreement text given as a string (used by rule examples and tests)."""
    from msalint.ingest.text import document_from_text

    return lint_document(analyse(document_from_text(text, path=path, fmt=fmt)), ruleset)


def iter_documents(paths: Iterable[str | os.PathLike], exclude: Iterable[str] = ()) -> list[Path]:
    """Expand files and directories into the agreement files under them, sorted, without duplicates."""
    import fnmatch

    patterns = list(exclude)
    found: dict[str, Path] = {}
    for raw in paths:
        p = Path(raw)
        candidates = [p] if not p.is_dir() else _walk(p)
        for q in candidates:
            rel = q.as_posix()
            if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(q.name, pat) for pat in patterns):
                continue
            if any(part.startswith(".") and part not in (".", "..") for part in q.parts[:-1]) and p.is_dir():
                continue  # skip hidden folders such as .git inside a walked directory
            found.setdefault(str(q), q)
    return list(found.values())
