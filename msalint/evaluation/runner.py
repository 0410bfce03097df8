"""Run the rulebook over labeled documents and score element presence."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from msalint.evaluation.labels import LabelSet, document_key
from msalint.evaluation.metrics import Score, macro_f1
from msalint.evaluation.split import in_split
from msalint.progress import SILENT, ProgressListener
from msalint.ingest.formats import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from msalint.session import Session
    from msalint.workers.jobs import Outcome

PRESENT_STATES = {"present", "incomplete"}


@dataclass(slots=True)
class Prediction:
    """What msalint saw in one document: element states and where it found each one."""

    key: str
    path: str
    elements: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    error: str | None = None
    kind: str | None = None  # the document kind msalint linted it as


@dataclass(slots=True)
class EvalResult:
    """Scores per label plus the per-document predictions behind them."""

    layout: str
    scores: dict[str, Score]
    mapping: dict[str, str]  # label name -> msalint element
    unscored: list[str]
    predictions: dict[str, Prediction]
    missing_documents: list[str]
    split: str = "all"
    # document -> label -> (gold, predicted), the input of the bootstrap intervals
    verdicts: dict[str, dict[str, tuple[bool, bool]]] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        """Unweighted mean F1 over scored labels."""
        return macro_f1(self.scores)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape of an evaluation."""
        return {
            "layout": self.layout,
            "elements": {
                name: {
                    "element": self.mapping[name],
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "support": s.tp + s.fn,
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                }
                for name, s in sorted(self.scores.items())
            },
            "macro_f1": round(self.macro_f1, 4),
            "split": self.split,
            "documents": len(self.predictions),
            "unreadable": sorted(p.key for p in self.predictions.values() if p.error),
            "missing_documents": self.missing_documents,
            "unscored": self.unscored,
        }


def index_documents(docs_dir: Path) -> dict[str, Path]:
    """Map file-name stem -> the preferred agreement file with that stem under ``docs_dir``."""
    found: dict[str, Path] = {}
    rank = {s: i for i, s in enumerate(SUPPORTED_SUFFIXES)}
    for p in sorted(docs_dir.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in rank:
            continue
        key = document_key(p.name)
        if key not in found or rank[p.suffix.lower()] < rank[found[key].suffix.lower()]:
            found[key] = p
    return found


def label_mapping(labels: LabelSet, ruleset: Any) -> tuple[dict[str, str], list[str]]:
    """Label name -> msalint element, via element ids (simple layout) or rule `cuad:` metadata."""
    detectors = ruleset.element_detectors()
    elements = {r.element for r in detectors}
    mapping: dict[str, str] = {}
    if labels.layout == "cuad":
        present = set(labels.names())  # a category the labels lack is not scored (it would score a free 1.0)
        for rule in detectors:
            for cat in getattr(rule, "cuad", None) or []:
                if rule.element and cat in present:
                    mapping.setdefault(cat, rule.element)
    else:
        mapping = {name: name for name in labels.names() if name in elements}
    unscored = [n for n in labels.names() if n not in mapping]
    return mapping, unscored


def predict(items: list[tuple[str, str]], session: "Session", jobs: int, timeout: float | None = None,
            listener: ProgressListener = SILENT) -> list[Prediction]:
    """Lint each (key, path) with the session; in a process pool with per-document deadlines when jobs > 1.
    ``listener`` hears the progress events."""
    from msalint.workers import run_jobs
    from msalint.workers.jobs import Job

    keys = {path: key for key, path in items}
    executor = "serial" if jobs <= 1 or len(items) < 4 else "processes"
    listener.start(len(items), 0)
    predictions = []
    for outcome in run_jobs(session, [Job(i, path, "", 0) for i, (_, path) in enumerate(items)],
                            executor=executor, workers=jobs, timeout=timeout):
        predictions.append(_prediction(keys[outcome.job.path], outcome))
        listener.update(outcome)
    listener.finish()
    return predictions


def _prediction(key: str, outcome: "Outcome") -> Prediction:
    result = outcome.result
    if result is None or outcome.error:
        return Prediction(key=key, path=outcome.job.path, error=outcome.error or "no result")
    return Prediction(
        key=key,
        path=outcome.job.path,
        elements=dict(result.elements),
        evidence=dict(result.meta.get("element_evidence", {})) if result.meta else {},
        error=result.error,
        kind=(result.kind or {}).get("kind"),
    )


def evaluate(
    docs_dir: Path,
    labels: LabelSet,
    session: "Session",
    *,
    jobs: int = 1,
    timeout: float | None = None,
    only: Iterable[str] = (),
    split: str = "all",
    listener: ProgressListener = SILENT,
) -> EvalResult:
    """Score element presence on every labeled document of ``split`` found in ``docs_dir``, linted by ``session``."""
    mapping, unscored = label_mapping(labels, session.ruleset())
    only = set(only)
    if only:
        mapping = {k: v for k, v in mapping.items() if k in only}
    docs = index_documents(docs_dir)
    keys = sorted(k for k in labels.labels if in_split(k, split))
    items = [(k, str(docs[k])) for k in keys if k in docs]
    missing = [k for k in keys if k not in docs]
    predictions = {p.key: p for p in predict(items, session, jobs, timeout, listener)}
    scores = {name: Score() for name in mapping}
    verdicts: dict[str, dict[str, tuple[bool, bool]]] = {}
    for key, pred in sorted(predictions.items()):
        if pred.error:
            continue  # an unreadable document is reported, not scored
        for name, element in mapping.items():
            gold = labels.labels[key].get(name)
            if gold is None:
                continue
            predicted = pred.elements.get(element) in PRESENT_STATES
            scores[name].add(key, gold, predicted)
            verdicts.setdefault(key, {})[name] = (gold, predicted)
    return EvalResult(labels.layout, scores, mapping, unscored, predictions, missing, split, verdicts)
