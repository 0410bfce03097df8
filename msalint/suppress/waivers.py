"""Human-authored waivers (``.msalint/waivers.yaml``): justified, optionally expiring suppressions.

Either a list of entries, or a mapping ``{version: 1, waivers: [...]}``. Each entry::

    - path: "contracts/acme/*.pdf"     # glob on the repo-relative POSIX path (required)
      rule: MSA-SLA-001                # exact id, id prefix ("MSA-SLA"), or glob ("MSA-SLA-*") (required)
      fingerprint: 9c1f0e27a4b3d6e1f2a8    # optional: only the finding with this content fingerprint
      reason: "Approved by Legal, LEG-1432"   # required, non-empty
      expires: 2027-06-30              # optional: the waiver applies through this day
      approved_by: j.doe               # optional, informational
"""
from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from msalint.datafiles import load_yaml
from msalint.errors import ConfigError
from msalint.model import DocumentResult, Finding
from msalint.suppress.baseline import BASELINE_REASON
from msalint.suppress.identity import fingerprint_of, repo_relative

WAIVED_PREFIX = "waived: "
_KEYS = {"path", "rule", "fingerprint", "reason", "expires", "approved_by"}
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True, slots=True)
class Waiver:
    """One validated waiver entry; ``index`` is its 1-based position in the file."""

    path: str
    rule: str
    reason: str
    index: int
    fingerprint: str | None = None
    expires: dt.date | None = None
    approved_by: str | None = None

    def is_expired(self, today: dt.date) -> bool:
        """True once ``today`` is past the expiry day."""
        return self.expires is not None and today > self.expires

    def matches(self, rel_path: str, finding: Finding) -> bool:
        """True when this waiver covers ``finding`` in the document at ``rel_path``."""
        return (
            _path_matches(self.path, rel_path)
            and _rule_matches(self.rule, finding.rule)
            and (self.fingerprint is None or self.fingerprint == fingerprint_of(finding))
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (used for expired/unused waiver reports)."""
        d: dict[str, Any] = {"index": self.index, "path": self.path, "rule": self.rule, "reason": self.reason}
        if self.fingerprint:
            d["fingerprint"] = self.fingerprint
        if self.expires:
            d["expires"] = self.expires.isoformat()
        if self.approved_by:
            d["approved_by"] = self.approved_by
        return d


def _path_matches(pattern: str, rel_path: str) -> bool:
    if fnmatch.fnmatchcase(rel_path, pattern):
        return True
    return pattern.startswith("**/") and fnmatch.fnmatchcase(rel_path, pattern[3:])


def _rule_matches(pattern: str, rule_id: str) -> bool:
    if _GLOB_CHARS & set(pattern):
        return fnmatch.fnmatchcase(rule_id, pattern)
    return rule_id == pattern or rule_id.startswith(pattern.rstrip("-") + "-")


def load_waivers(path: Path) -> list[Waiver]:
    """Read and validate a waivers file; an absent file has no waivers. Raises ConfigError."""
    path = Path(path)
    if not path.exists():
        return []
    data = load_yaml(path)
    if data is None:
        return []
    if isinstance(data, dict):
        unknown = set(data) - {"version", "waivers"}
        if unknown:
            raise ConfigError(f"{path}: unknown top-level key(s) {sorted(unknown)} (expected 'version', 'waivers')")
        data = data.get("waivers") or []
    if not isinstance(data, list):
        raise ConfigError(f"{path}: waivers must be a list of entries")
    return [_parse_entry(path, i, entry) for i, entry in enumerate(data, start=1)]


def _parse_entry(path: Path, index: int, entry: Any) -> Waiver:
    where = f"{path}: waiver #{index}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a mapping with path, rule and reason")
    unknown = set(entry) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)} (allowed: {', '.join(sorted(_KEYS))})")
    for key in ("path", "rule", "reason"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: '{key}' is required and must be a non-empty string")
    fingerprint = entry.get("fingerprint")
    if isinstance(fingerprint, (int, float)) and not isinstance(fingerprint, bool):
        # an all-digit hex fingerprint reads as a YAML number (leading zeros lost): demand quotes
        raise ConfigError(f"{where}: 'fingerprint' must be quoted (YAML read {fingerprint!r} as a number)")
    if fingerprint is not None and (not isinstance(fingerprint, str) or not fingerprint.strip()):
        raise ConfigError(f"{where}: 'fingerprint' must be a non-empty string")
    approved_by = entry.get("approved_by")
    if approved_by is not None and not isinstance(approved_by, str):
        raise ConfigError(f"{where}: 'approved_by' must be a string")
    return Waiver(
        path=entry["path"].strip(),
        rule=entry["rule"].strip(),
        reason=entry["reason"].strip(),
        index=index,
        fingerprint=fingerprint.strip() if fingerprint else None,
        expires=_parse_date(where, entry.get("expires")),
        approved_by=approved_by,
    )


def _parse_date(where: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"{where}: 'expires' must be a date YYYY-MM-DD, got {value!r}")


def apply_waivers(
    results: Iterable[DocumentResult], waivers: list[Waiver], root: Path, today: dt.date
) -> tuple[list[Waiver], list[Waiver], int]:
    """Mark findings covered by an active waiver; return (expired waivers, unused active waivers, count)."""
    active = [w for w in waivers if not w.is_expired(today)]
    expired = [w for w in waivers if w.is_expired(today)]
    used: set[int] = set()
    waived = 0
    for result in results:
        rel = repo_relative(result.path, root)
        for finding in result.findings:
            if finding.suppressed not in (None, BASELINE_REASON):
                continue  # suppressed by something other than msalint's sidecar files
            waiver = next((w for w in active if w.matches(rel, finding)), None)
            if waiver is not None:
                finding.suppressed = WAIVED_PREFIX + waiver.reason
                used.add(waiver.index)
                waived += 1
    unused = [w for w in active if w.index not in used]
    return expired, unused, waived
