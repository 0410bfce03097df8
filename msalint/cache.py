"""Content-addressed result cache: one JSON file per (file bytes, ruleset, msalint version).

A hit needs only hashlib and json, so a re-run on unchanged files never imports spaCy or a PDF reader.
Results are stored before baselines/waivers are applied; unreadable documents are not cached.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

from msalint import __version__
from msalint.model import DocumentResult, Finding, Severity

CACHE_DIR_NAME = ".msalint-cache"
CACHE_ENV = "MSALINT_CACHE_DIR"
FORMAT_VERSION = 1


def file_sha256(path: str | os.PathLike) -> str:
    """sha256 hex digest of a file's bytes; NotRegularFileError (an OSError) for a FIFO, device or socket."""
    from msalint.files import open_regular

    digest = hashlib.sha256()
    with open_regular(path) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def default_cache_dir(root: Path) -> Path:
    """$MSALINT_CACHE_DIR if set, else ``.msalint-cache`` in the project root."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else root / CACHE_DIR_NAME


@functools.cache
def code_fingerprint() -> str:
    """Hash of the names, sizes and mtimes of msalint's own modules (stat only, no reads).

    The version string alone does not change while msalint is developed or patched in place; without this
    an edited reader or rule kind would keep serving results computed by the old code.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for file in sorted(package.rglob("*.py")):
        st = file.stat()
        digest.update(f"{file.relative_to(package).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class ResultCache:
    """Stores and retrieves DocumentResults by content hash + ruleset hash + tool version (and code)."""

    def __init__(self, directory: Path, version: str | None = None):
        self.directory = Path(directory)
        self.version = version or f"{__version__}+{code_fingerprint()[:16]}"

    def key(self, sha256: str, ruleset_hash: str) -> str:
        """The cache key of one document under one ruleset."""
        raw = f"{FORMAT_VERSION}\0{self.version}\0{ruleset_hash}\0{sha256}"
        return hashlib.sha256(raw.encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, sha256: str, ruleset_hash: str, path: str) -> DocumentResult | None:
        """The cached result for this content, re-labelled with ``path``; None on a miss or a bad entry."""
        try:
            data = json.loads(self._file(self.key(sha256, ruleset_hash)).read_text(encoding="utf-8"))
            return result_from_dict(data, path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, result: DocumentResult, sha256: str, ruleset_hash: str) -> None:
        """Store a successfully linted result under the file's hash (atomic write; write failures are ignored)."""
        if result.error:
            return
        target = self._file(self.key(sha256, ruleset_hash))
        try:
            self._ensure_dir(target.parent)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(result_to_dict(result), fh, ensure_ascii=False)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, ValueError):
            pass  # a read-only disk or an unserialisable meta value must not break linting

    def _ensure_dir(self, folder: Path) -> None:
        if not self.directory.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            # keep the cache out of git and out of backups, as ruff and pytest do
            (self.directory / ".gitignore").write_text("*\n", encoding="utf-8")
            (self.directory / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# msalint result cache\n", encoding="utf-8"
            )
        folder.mkdir(parents=True, exist_ok=True)


def result_to_dict(result: DocumentResult) -> dict:
    """Full serialisation of a result (more than the public JSON: details, elements, meta)."""
    return {
        "sha256": result.sha256,
        "format": result.format,
        "pages": result.pages,
        "elements": result.elements,
        "meta": result.meta,
        "findings": [
            {**f.to_dict(), "details": f.details, "suppressed": None} for f in result.findings
        ],
    }


def result_from_dict(data: dict, path: str) -> DocumentResult:
    """Rebuild a DocumentResult from ``result_to_dict`` output."""
    findings = []
    for f in data["findings"]:
        f = dict(f)
        f["severity"] = Severity.parse(f["severity"])
        findings.append(Finding(**f))
    return DocumentResult(
        path=path,
        sha256=data["sha256"],
        format=data["format"],
        pages=data["pages"],
        findings=findings,
        elements=data.get("elements", {}),
        meta=data.get("meta", {}),
    )
