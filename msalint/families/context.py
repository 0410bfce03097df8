"""Family members that are not in the run: read from disk so a family is checked whole.

A declared family's other files are linted (through the result cache). For a file named on the command line (as
pre-commit passes the staged files), the other documents of its folder are read for their family cards only; the
session lints the ones that turn out to belong to its family. A folder of more than ``SIBLING_LIMIT`` documents is a
portfolio, not one deal: naming one of its files does not read the others (declare the family, or lint the folder).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from msalint.families.detect import DEAL_SIZE
from msalint.model import DocumentResult

SIBLING_LIMIT = DEAL_SIZE  # documents in a folder up to which naming one file reads the others as possible family

if TYPE_CHECKING:
    from msalint.cache import ResultCache
    from msalint.config import FamilySpec
    from msalint.session import Session


def context_documents(session: "Session", results: list[DocumentResult], named: list[str]) -> list[DocumentResult]:
    """Documents outside ``results`` that may join a family of a document in it."""
    seen = {_key(r.path) for r in results}
    out: list[DocumentResult] = []

    def add(path: Path, read) -> None:
        key = _key(path)
        if key in seen or session.config.is_excluded(path):
            return
        seen.add(key)
        result = read(path)
        if result is not None:
            out.append(result)

    for spec in session.config.families:
        if any(spec.matches(r.path) for r in results):
            for path in _declared_files(spec):
                add(path, session.lint)
    if session.config.auto_families:
        for folder in dict.fromkeys(Path(p).parent for p in named if Path(p).is_file()):
            siblings = _documents_in(folder)
            for path in siblings if len(siblings) <= SIBLING_LIMIT else ():
                add(path, lambda p: session.cached(p) or _card_only(session, p))
    return out


def _key(path: str | os.PathLike) -> str:
    return os.path.realpath(path)


def _declared_files(spec: "FamilySpec") -> list[Path]:
    import glob

    from msalint.api import iter_documents

    # os.path.join keeps an absolute pattern as it is; Path.glob refuses one
    found = [Path(p) for pattern in spec.paths
             for p in sorted(glob.glob(os.path.join(spec.base, pattern), recursive=True)) if Path(p).is_file()]
    return iter_documents(found)


def _documents_in(folder: Path) -> list[Path]:
    from msalint.ingest.formats import SUPPORTED_SUFFIXES

    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / n for n in names if not n.startswith(".") and Path(n).suffix.lower() in SUPPORTED_SUFFIXES
            and (folder / n).is_file()]


def _card_only(session: "Session", path: Path) -> DocumentResult | None:
    """A result holding only the kind and family card of ``path`` (None when it cannot be read); kept in the result
    cache under its own reader key, so a pre-commit run does not read an unchanged sibling again."""
    from msalint.cache import file_sha256
    from msalint.ingest import reader_key

    try:
        sha = file_sha256(path)
    except OSError:
        return None
    identity, reader = session.identity(path), f"{reader_key(path, session.options.pdf_engine)}#family-card"
    cards = _card_store(session)
    hit = cards.get(sha, identity, str(path), reader=reader)
    if hit is not None:
        return hit
    result = _read_card(session, path, sha)
    if result is not None:
        cards.put(result, sha, identity, reader=reader)
    return result


def _card_store(session: "Session") -> "ResultCache":
    """Where sibling cards are kept: the result cache, and with --no-cache (or ``cache = false``) the same folder
    still, as the loaded rulebook is: a card is a function of the sibling's bytes, its reader, the rule settings
    and msalint's code, never of a result being made, and reading the siblings again was most of a cold
    ``check --no-cache`` in a deal's folder."""
    if session.cache is not None:
        return session.cache
    from msalint.cache import ResultCache, default_cache_dir

    return ResultCache(default_cache_dir(session.config.root))


def _read_card(session: "Session", path: Path, sha: str) -> DocumentResult | None:
    from msalint.api import read_document
    from msalint.classify import classify
    from msalint.families.card import family_card

    try:
        text = read_document(path, engine=session.options.pdf_engine).text
    except Exception:  # noqa: BLE001 - a sibling that cannot be read simply joins no family
        return None
    kind = session.config.settings_for(path).kind or classify(text).kind
    return DocumentResult(path=str(path), sha256=sha, meta={"kind": {"kind": kind}, "family_card": family_card(text)})
