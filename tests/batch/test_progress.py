"""Progress bookkeeping and rendering: live line on a terminal, periodic lines elsewhere, none when quiet."""
from __future__ import annotations

import io

from msalint.workers.jobs import Job, Outcome
from msalint.cli.progress import ProgressPrinter, progress_mode
from msalint.progress import ProgressTracker, format_duration


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def _outcome(i: int, status: str = "ok") -> Outcome:
    return Outcome(job=Job(i, f"/x/{i}.txt", "0" * 64, 10), status=status)


def test_tracker_rate_eta_and_failures():
    clock = Clock()
    tracker = ProgressTracker(clock)
    tracker.start(total=12, skipped=2)
    assert tracker.rate() is None and tracker.eta() is None
    clock.now += 4.0
    for i in range(3):
        tracker.add(_outcome(i))
    tracker.add(_outcome(3, "timeout"))
    assert tracker.rate() == 1.0 and tracker.eta() == 6.0
    line = tracker.line()
    assert line.startswith("[ 4/10]  40%") and "1.00 docs/s" in line and "ETA 6s" in line
    assert "failures 1 (timeout 1)" in line and "skipped 2" in line


def test_format_duration():
    assert [format_duration(s) for s in (None, 5, 75, 3725)] == ["?", "5s", "1m15s", "1h02m"]


def test_mode_choice():
    assert progress_mode("auto", False, TTY()) == "live"
    assert progress_mode("auto", False, io.StringIO()) == "log"
    assert progress_mode("auto", True, TTY()) == "none"
    assert progress_mode("log", False, TTY()) == "log"


def test_log_mode_prints_at_most_once_per_interval():
    clock, stream = Clock(), io.StringIO()
    printer = ProgressPrinter(stream, "log", label="batch", interval=30.0, clock=clock)
    printer.start(total=100, skipped=0)
    for i in range(100):
        clock.now += 1.0  # 100 documents over 100 s
        printer.update(_outcome(i))
    printer.finish(None)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "msalint batch: 100 documents, 0 already done, 100 to lint"
    assert 4 <= len(lines) - 1 <= 6  # every 30 s plus the final line, never one per document
    assert lines[-1].startswith("msalint batch: [100/100] 100%")


def test_live_mode_rewrites_the_line_and_none_mode_is_silent(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    clock, stream = Clock(), TTY()
    printer = ProgressPrinter(stream, "live", label="batch", clock=clock)
    printer.start(total=3, skipped=0)
    for i in range(3):
        clock.now += 1.0
        printer.update(_outcome(i, "crashed" if i == 1 else "ok"))
    printer.finish(None)
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.endswith("\x1b[K\n")
    assert "failures 1 (crashed 1)" in text

    silent = io.StringIO()
    quiet = ProgressPrinter(silent, "none", label="batch", clock=clock)
    quiet.start(total=3, skipped=0)
    quiet.update(_outcome(0))
    quiet.finish(None)
    assert silent.getvalue() == ""
