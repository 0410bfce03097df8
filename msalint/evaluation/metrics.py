"""Precision, recall and F1 per label, and macro-F1."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Score:
    """Confusion counts for one label, with the documents behind the errors."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted and nothing was there."""
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find and nothing was predicted."""
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def add(self, doc: str, gold: bool, predicted: bool) -> None:
        """Count one document's verdict."""
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.false_positives.append(doc)
        elif gold:
            self.fn += 1
            self.false_negatives.append(doc)
        else:
            self.tn += 1


def macro_f1(scores: dict[str, Score]) -> float:
    """Unweighted mean F1 over labels (0.0 when there are none)."""
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0
