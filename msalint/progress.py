"""Progress of a run over many documents: the one listener protocol the lint session, `batch` and `eval` emit
events to (the CLI renders them on stderr; library code never prints), and the bookkeeping behind a status line
(done/total, rate, ETA, failures)."""
from __future__ import annotations

import time
from collections import Counter
from typing import Callable, Protocol

from msalint.workers.jobs import OK, Outcome


class ProgressListener(Protocol):
    """Receives progress events: ``start`` once, ``update`` as each document finishes, ``finish`` at the end
    (with the run's summary when the run has one, e.g. a BatchSummary)."""

    def start(self, total: int, skipped: int) -> None: ...

    def update(self, outcome: Outcome) -> None: ...

    def finish(self, summary: object = None) -> None: ...


class _Silent:
    def start(self, total: int, skipped: int) -> None:
        pass

    def update(self, outcome: Outcome) -> None:
        pass

    def finish(self, summary: object = None) -> None:
        pass


SILENT: ProgressListener = _Silent()


def format_duration(seconds: float | None) -> str:
    """``75`` -> ``1m15s``; ``None`` -> ``?``."""
    if seconds is None:
        return "?"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


class ProgressTracker:
    """Counts finished documents and derives rate and ETA from a monotonic clock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.total = 0
        self.skipped = 0
        self.done = 0
        self.failures: Counter = Counter()
        self.started = clock()

    def start(self, total: int, skipped: int) -> None:
        """Begin counting ``total`` documents of which ``skipped`` need no work."""
        self.total, self.skipped, self.done = total, skipped, 0
        self.failures.clear()
        self.started = self.clock()

    def add(self, outcome: Outcome) -> None:
        """Count one finished document."""
        self.done += 1
        if outcome.status != OK:
            self.failures[outcome.status] += 1

    @property
    def todo(self) -> int:
        """Documents this run has to lint."""
        return max(0, self.total - self.skipped)

    def rate(self) -> float | None:
        """Documents per second so far (None before the first one)."""
        elapsed = self.clock() - self.started
        return self.done / elapsed if self.done and elapsed > 0 else None

    def eta(self) -> float | None:
        """Seconds left at the current rate."""
        rate = self.rate()
        return (self.todo - self.done) / rate if rate else None

    def line(self) -> str:
        """One status line, e.g. ``[ 40/343] 12% 2.10 docs/s ETA 2m24s failures 1 (timeout 1)``."""
        width = len(str(self.todo))
        pct = 100.0 * self.done / self.todo if self.todo else 100.0
        rate = self.rate()
        parts = [f"[{self.done:>{width}}/{self.todo}] {pct:3.0f}%",
                 f"{rate:.2f} docs/s" if rate else "-- docs/s",
                 f"ETA {format_duration(self.eta())}" if self.done < self.todo else
                 f"took {format_duration(self.clock() - self.started)}"]
        failed = sum(self.failures.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(self.failures.items()))
        parts.append(f"failures {failed}" + (f" ({detail})" if detail else ""))
        if self.skipped:
            parts.append(f"skipped {self.skipped}")
        return " ".join(parts)
