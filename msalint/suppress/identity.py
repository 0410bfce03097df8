"""Stable identities for findings and documents: repo-relative paths and content fingerprints."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from msalint.model import Finding, fingerprint


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


def fingerprint_of(finding: Finding) -> str:
    """The finding's own fingerprint, or the same algorithm (``model.fingerprint``) over its rule and excerpt
    when it has none (a finding built by hand, not by the engine)."""
    return finding.fingerprint or fingerprint(finding.rule, finding.excerpt)
