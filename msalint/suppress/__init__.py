"""Baselines and waivers: sidecar suppressions for documents that cannot carry inline markers.

``apply`` marks findings (``Finding.suppressed``) instead of dropping them, so every formatter can
still report them as suppressed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from msalint.model import DocumentResult
from msalint.suppress.baseline import BASELINE_REASON, load_baseline, match_baseline
from msalint.suppress.identity import fingerprint_of, repo_relative
from msalint.suppress.waivers import WAIVED_PREFIX, apply_waivers, load_waivers

DEFAULT_BASELINE = Path(".msalint/baseline.json")
DEFAULT_WAIVERS = Path(".msalint/waivers.yaml")

__all__ = [
    "DEFAULT_BASELINE",
    "DEFAULT_WAIVERS",
    "SuppressionOutcome",
    "apply",
    "fingerprint_of",
    "repo_relative",
]


@dataclass(slots=True)
class SuppressionOutcome:
    """What ``apply`` did: counts, stale baseline entries, expired and unused waivers."""

    baselined: int = 0
    waived: int = 0
    stale: list[dict[str, Any]] = field(default_factory=list)  # {path, rule, fingerprint, count}
    expired: list[dict[str, Any]] = field(default_factory=list)  # waivers past their expiry date
    unused_waivers: list[dict[str, Any]] = field(default_factory=list)  # active waivers matching nothing


def _is_ours(reason: str | None) -> bool:
    return reason == BASELINE_REASON or (reason or "").startswith(WAIVED_PREFIX)


def apply(
    results: Iterable[DocumentResult],
    *,
    baseline: Path | None,
    waivers: Path | None,
    root: Path,
    today: dt.date | None = None,
) -> SuppressionOutcome:
    """Suppress findings recorded in ``baseline`` or covered by active ``waivers``; report stale/expired.

    Absent files mean "nothing to suppress". Calling it twice gives the same result: suppressions
    it made earlier are reset first. Baseline matching runs first (so stale detection is exact);
    a waiver then relabels a baselined finding with its human reason. Raises ConfigError for a
    malformed file.
    """
    results = list(results)
    for result in results:
        for finding in result.findings:
            if _is_ours(finding.suppressed):
                finding.suppressed = None
    outcome = SuppressionOutcome()
    if baseline is not None:
        outcome.stale = match_baseline(results, load_baseline(baseline), root)
    if waivers is not None:
        expired, unused, _ = apply_waivers(results, load_waivers(waivers), root, today or dt.date.today())
        outcome.expired = [w.to_dict() for w in expired]
        outcome.unused_waivers = [w.to_dict() for w in unused]
    for result in results:
        for finding in result.findings:
            if finding.suppressed == BASELINE_REASON:
                outcome.baselined += 1
            elif (finding.suppressed or "").startswith(WAIVED_PREFIX):
                outcome.waived += 1
    return outcome
