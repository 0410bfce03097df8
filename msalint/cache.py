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
from typing import Any, Callable

from msalint import __version__
from msalint.model import DocumentResult
from msalint.serialise import result_from_dict

CACHE_DIR_NAME = ".msalint-cache"
CACHE_ENV = "MSALINT_CACHE_DIR"
FORMAT_VERSION = 4  # 4: the entry holds DocumentResult.to_dict(), the one serialisation of a result


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

    def key(self, sha256: str, ruleset_hash: str, reader: str = "") -> str:
        """The cache key of one document under one rule set and one way of reading it (see ingest.reader_key)."""
        raw = f"{FORMAT_VERSION}\0{self.version}\0{ruleset_hash}\0{reader}\0{sha256}"
        return hashlib.sha256(raw.encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, sha256: str, ruleset_hash: str, path: str, *, reader: str = "") -> DocumentResult | None:
        """The cached result for this content, re-labelled with ``path``; None on a miss or a bad entry.

        An entry is trusted only when its checksum matches its payload and the payload has the shape
        ``DocumentResult.to_dict`` writes: an edited, truncated or foreign file is a miss, never a wrong answer.
        """
        try:
            entry = json.loads(self._file(self.key(sha256, ruleset_hash, reader)).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("checksum") != _checksum(entry.get("result")):
                return None
            if entry.get("ruleset") != ruleset_hash:
                return None
            return result_from_dict(entry["result"], path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, result: DocumentResult, sha256: str, ruleset_hash: str, *, reader: str = "") -> None:
        """Store a successfully linted result under the file's hash (atomic write; write failures are ignored)."""
        if result.error:
            return
        target = self._file(self.key(sha256, ruleset_hash, reader))
        try:
            self._ensure_dir(target.parent)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    payload = result.to_dict()
                    for finding in payload["findings"]:
                        finding.pop("suppressed", None)  # suppression is applied on every run, never cached
                    # the rule-set identity is written out so cache, baselines and batch databases can be compared
                    json.dump({"checksum": _checksum(payload), "ruleset": ruleset_hash, "result": payload}, fh,
                              ensure_ascii=False)
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


def _checksum(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load_rules_cached(load: Callable[[], Any], identity: str, directory: Path) -> Any:
    """The rule set named ``identity`` (see session.rules_identity), unpickled when this code loaded it before,
    else ``load()`` (which validates every rule file) and stored. Parsing and validating 700 patterns is most of
    a cold start; a rule set whose loading warned is not stored, so its warnings show on every run."""
    import pickle
    import warnings

    from msalint.rulebook.ruleset import RuleSet

    target = directory / "rulebooks" / f"{identity[:32]}-{code_fingerprint()[:16]}.pickle"
    try:
        with open(target, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, stale or damaged: load the rule files
        pass
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ruleset = load()
    for warning in caught:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if not caught and isinstance(ruleset, RuleSet):
        _write_atomically(target, lambda fh: pickle.dump(ruleset, fh, protocol=pickle.HIGHEST_PROTOCOL))
    return ruleset


def _write_atomically(target: Path, write: Callable[[Any], None]) -> None:
    try:
        ResultCache(target.parent.parent)._ensure_dir(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # noqa: BLE001 - a read-only home or an unpicklable rule set only costs speed
        pass

