"""Document-kind labels and their scoring: accuracy and a confusion table, on the tuning and the locked split.

Labels are JSON lines ``{"file": NAME, "kind": KIND}`` (``doc_type`` is read as ``kind``) or a CSV with columns
``file,kind``. Documents are matched by file-name stem, like element labels, and split into tuning and locked
parts by the same fixed hash as element labels (``msalint.evaluation.split``); errors are read only on the
tuning part, and the locked part's accuracy is reported, never tuned on.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msalint.errors import ConfigError
from msalint.evaluation.labels import JSON_LINES_SUFFIXES, document_key, read_json_lines
from msalint.evaluation.split import split_of

PARTS = ("tuning", "locked")


@dataclass(slots=True)
class KindLabels:
    """Gold kinds by document key (the file-name stem, which also decides the split)."""

    kinds: dict[str, str] = field(default_factory=dict)


def is_kind_label_file(path: str | Path) -> bool:
    """Whether a label file holds document kinds (file + kind/doc_type) rather than element labels."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as fh:
            first = next((line for line in fh if line.strip()), "")
    except (OSError, UnicodeDecodeError):
        return False
    if p.suffix.lower() in JSON_LINES_SUFFIXES:
        try:
            row = json.loads(first)
        except json.JSONDecodeError:
            return False
        return isinstance(row, dict) and ("kind" in row or "doc_type" in row) and "element" not in row
    header = [c.strip().lower() for c in next(csv.reader([first]), [])]
    return "kind" in header and "element" not in header


def load_kind_labels(path: str | Path) -> KindLabels:
    """Read kind labels; every kind must be one msalint knows."""
    from msalint.classify import KINDS

    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: kind label file not found")
    rows = _rows(p)
    out = KindLabels()
    for where, file, kind in rows:
        if kind not in KINDS:
            raise ConfigError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        key = document_key(file)
        out.kinds[key] = kind
    return out


def _rows(p: Path) -> list[tuple[str, str, str]]:
    if p.suffix.lower() in JSON_LINES_SUFFIXES:
        return read_json_lines(p, "a kind label line with file and kind",
                               lambda row, where: (where, row["file"], row.get("kind") or row["doc_type"]))
    out = []
    with p.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            if not row.get("file") or not row.get("kind"):
                raise ConfigError(f"{p}:{n}: a kind label row needs file and kind")
            out.append((f"{p}:{n}", row["file"], row["kind"].strip()))
    return out


@dataclass(slots=True)
class KindScore:
    """Accuracy and confusion (gold -> predicted -> count) of one split part."""

    confusion: dict[str, Counter] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (document, gold, predicted)

    def add(self, key: str, gold: str, predicted: str) -> None:
        self.confusion.setdefault(gold, Counter())[predicted] += 1
        if gold != predicted:
            self.errors.append((key, gold, predicted))

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.confusion.values())

    @property
    def correct(self) -> int:
        return sum(c[g] for g, c in self.confusion.items())

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.total, "correct": self.correct, "accuracy": round(self.accuracy, 4),
                "confusion": {g: dict(c) for g, c in sorted(self.confusion.items())}}


def score_kinds(labels: KindLabels, predicted: dict[str, str]) -> dict[str, KindScore]:
    """Score predicted kinds (by document key) on both split parts."""
    parts = {p: KindScore() for p in PARTS}
    for key, kind in sorted(predicted.items()):
        if key in labels.kinds:
            parts[split_of(key)].add(key, labels.kinds[key], kind)
    return parts


def confusion_lines(score: KindScore) -> list[str]:
    """A text confusion table: gold kinds down, predicted kinds across (only kinds that occur)."""
    from msalint.classify import KINDS

    seen = set(score.confusion) | {p for c in score.confusion.values() for p in c}
    kinds = [k for k in KINDS if k in seen]
    short = {k: k.replace("other_contract", "other").replace("not_contract", "not_c").replace("order_form", "order")
             .replace("amendment", "amend").replace("agreement", "agree") for k in kinds}
    lines = ["gold \\ predicted".ljust(16) + "".join(f"{short[k]:>7}" for k in kinds)]
    for gold in kinds:
        if gold in score.confusion:
            row = score.confusion[gold]
            lines.append(f"{gold:<16}" + "".join(f"{row.get(k, 0) or '.':>7}" for k in kinds))
    return lines


def kind_report_lines(parts: dict[str, KindScore], *, show_errors: bool) -> list[str]:
    """The text report: accuracy and confusion per split part; errors of the tuning part only."""
    lines: list[str] = []
    for name in PARTS:
        score = parts[name]
        if not score.total:
            continue
        lines.append(f"kind accuracy ({name}): {score.accuracy:.3f} ({score.correct}/{score.total})")
        lines.extend("  " + line for line in confusion_lines(score))
    if show_errors:
        lines.extend(f"KIND {key}: gold {gold}, predicted {pred}" for key, gold, pred in parts["tuning"].errors)
        if parts["locked"].errors:
            lines.append(f"({len(parts['locked'].errors)} errors on the locked split are not listed)")
    return lines


def predict_kinds(paths: dict[str, Path]) -> tuple[dict[str, str], list[str]]:
    """Classify each document (read, no linting): key -> kind, plus the keys that could not be read."""
    from msalint.api import read_document
    from msalint.classify import classify
    from msalint.errors import IngestError

    out: dict[str, str] = {}
    unreadable: list[str] = []
    for key, path in sorted(paths.items()):
        try:
            out[key] = classify(read_document(path).text).kind
        except IngestError:
            unreadable.append(key)
    return out, unreadable
