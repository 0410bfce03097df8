"""Stable identities for findings and documents: repo-relative paths and content fingerprints."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath

from msalint.model import Finding

# Fingerprint of evidence-less (whole-document) findings: one per rule, whatever the page layout.
WHOLE_DOCUMENT_TOKEN = "whole-document"

_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def repo_relative(path: str | os.PathLike, root: Path | None) -> str:
    """``path`` as a POSIX path relative to ``root`` (or the cwd); unchanged POSIX form when outside it."""
    base = Path(root) if root is not None else Path.cwd()
    p = Path(path)
    for candidate, anchor in (
        (p.resolve(), base.resolve()),
        (Path(os.path.abspath(p)), Path(os.path.abspath(base))),
    ):
        try:
            return PurePosixPath(candidate.relative_to(anchor).as_posix()).as_posix()
        except ValueError:
            continue
    return p.as_posix()


def normalize_evidence(text: str) -> str:
    """Fold case, hyphenation at line breaks, punctuation and whitespace so layout changes don't matter."""
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def compute_fingerprint(rule: str, evidence: str | None) -> str:
    """16-hex-digit fingerprint of a rule id plus normalized evidence text (never page or line)."""
    token = normalize_evidence(evidence) if evidence else WHOLE_DOCUMENT_TOKEN
    return hashlib.sha256(f"{rule}\x00{token}".encode("utf-8")).hexdigest()[:16]


def fingerprint_of(finding: Finding) -> str:
    """The finding's own fingerprint, or one computed from its rule and excerpt when the engine set none."""
    return finding.fingerprint or compute_fingerprint(finding.rule, finding.excerpt)
