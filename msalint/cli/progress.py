"""The one renderer of progress events (``msalint.progress.ProgressListener``) for check, batch and eval.

A live line on an interactive stderr, periodic log lines where asked for (batch's default off a terminal),
nothing when quiet. NO_COLOR (or TERM=dumb) means no escape sequences: the live line is then rewritten with a
carriage return and padding only.
"""
from __future__ import annotations

import os
import time
from typing import Callable, TextIO

from msalint.progress import ProgressTracker

MODES = ("auto", "live", "log", "none")


def progress_mode(choice: str, quiet: bool, stream: TextIO, *, off_terminal: str = "log") -> str:
    """'live' on an interactive stream, ``off_terminal`` elsewhere, 'none' when quiet; an explicit choice wins."""
    if quiet:
        return "none"
    if choice != "auto":
        return choice
    isatty = getattr(stream, "isatty", None)
    return "live" if isatty and isatty() and os.environ.get("TERM") != "dumb" else off_terminal


def _escapes_allowed() -> bool:
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class ProgressPrinter:
    """Renders progress events on ``stream``. ``transient``: the live line is erased at the end (check and eval,
    whose report follows); otherwise the last status line stays (batch)."""

    LIVE_INTERVAL_S = 0.1

    def __init__(self, stream: TextIO, mode: str, *, label: str, interval: float = 30.0, transient: bool = False,
                 clock: Callable[[], float] = time.monotonic):
        self.stream, self.mode, self.label, self.interval, self.clock = stream, mode, label, interval, clock
        self.transient = transient
        self.tracker = ProgressTracker(clock)
        self._last = float("-inf")
        self._width = 0  # length of the live line on screen, for erasing without escape sequences
        self.failures: list = []  # outcomes that did not end ok, named after the summary

    def start(self, total: int, skipped: int) -> None:
        self.tracker.start(total, skipped)
        if self.mode == "log" or (self.mode == "live" and not self.transient):
            self._write(f"msalint {self.label}: {total} documents, {skipped} already done, "
                        f"{total - skipped} to lint\n")

    def update(self, outcome) -> None:
        self.tracker.add(outcome)
        if outcome.status != "ok":
            self.failures.append(outcome)
        now = self.clock()
        if self.mode == "live" and (now - self._last >= self.LIVE_INTERVAL_S or self._finished()):
            self._live(self.tracker.line())
            self._last = now
        elif self.mode == "log" and now - self._last >= self.interval:
            self._write(f"msalint {self.label}: " + self.tracker.line() + "\n")
            self._last = now

    def finish(self, summary: object = None) -> None:
        if self.mode == "live" and self.tracker.total:
            if self.transient:
                self._live("")
                self._write("\r")
            else:
                self._live(self.tracker.line())
                self._write("\n")
        elif self.mode == "log" and self.tracker.done:
            self._write(f"msalint {self.label}: " + self.tracker.line() + "\n")

    def _live(self, line: str) -> None:
        if _escapes_allowed():
            self._write("\r" + line + "\x1b[K")
        else:
            self._write("\r" + line.ljust(self._width))
        self._width = len(line)

    def _finished(self) -> bool:
        return self.tracker.done >= self.tracker.todo

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
