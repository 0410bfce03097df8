"""Bootstrap confidence intervals for per-element F1 and macro-F1: documents are resampled with replacement."""
from __future__ import annotations

from dataclasses import dataclass

RESAMPLES = 1000
SEED = 20261207
LEVEL = 0.95


@dataclass(frozen=True, slots=True)
class Interval:
    """A two-sided percentile interval."""

    low: float
    high: float

    def __str__(self) -> str:
        return f"[{self.low:.3f}, {self.high:.3f}]"


def f1_from_counts(tp, fp, fn):
    """F1 for arrays of counts, with Score's conventions for empty denominators."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), np.where(fn == 0, 1.0, 0.0))
        recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), np.where(fp == 0, 1.0, 0.0))
        total = precision + recall
        return np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1), 0.0)


def bootstrap(verdicts: dict[str, dict[str, tuple[bool, bool]]], names: list[str], *,
              resamples: int = RESAMPLES, seed: int = SEED, level: float = LEVEL
              ) -> tuple[Interval, dict[str, Interval]]:
    """Intervals for macro-F1 and each label's F1.

    ``verdicts``: document -> label -> (gold, predicted); a label a document has no gold for is absent.
    Each resample draws as many documents as there are, with replacement (fixed seed: reruns agree).
    """
    import numpy as np

    docs = sorted(verdicts)
    if not docs or not names:
        nothing = Interval(0.0, 0.0)
        return nothing, {n: nothing for n in names}
    counts = np.zeros((len(docs), len(names), 3))  # tp, fp, fn per document and label
    for i, doc in enumerate(docs):
        for j, name in enumerate(names):
            gold, predicted = verdicts[doc].get(name, (False, False))
            counts[i, j] = (gold and predicted, predicted and not gold, gold and not predicted)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(docs), size=(resamples, len(docs)))
    weights = np.zeros((resamples, len(docs)))
    np.add.at(weights, (np.arange(resamples)[:, None], draws), 1)
    totals = (weights @ counts.reshape(len(docs), -1)).reshape(resamples, len(names), 3)
    f1 = f1_from_counts(totals[..., 0], totals[..., 1], totals[..., 2])  # resamples x labels
    tail = (1 - level) / 2 * 100
    per_label = {name: Interval(*np.percentile(f1[:, j], [tail, 100 - tail]).tolist()) for j, name in enumerate(names)}
    macro = Interval(*np.percentile(f1.mean(axis=1), [tail, 100 - tail]).tolist())
    return macro, per_label
