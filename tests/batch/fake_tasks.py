"""Stand-in task functions for batch tests (imported by worker processes by module name).

A fake contract is plain text; lines of the form
    @element <name> <present|missing|incomplete>
    @finding <severity> <rule> <excerpt...>
become the result's elements and findings, so tests can check exactly what lands in the database.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from msalint.model import DocumentResult, Finding, Severity


def echo(path: str) -> DocumentResult:
    """Parse the @element / @finding lines of a fake contract into a DocumentResult."""
    data = Path(path).read_bytes()
    text = data.decode("utf-8")
    result = DocumentResult(path=path, sha256=hashlib.sha256(data).hexdigest(), format="txt", pages=1)
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split(maxsplit=3)
        if parts[:1] == ["@element"] and len(parts) >= 3:
            result.elements[parts[1]] = parts[2]
        elif parts[:1] == ["@finding"] and len(parts) >= 3:
            excerpt = parts[3] if len(parts) > 3 else ""
            result.findings.append(Finding(rule=parts[2], severity=Severity.parse(parts[1]),
                                           message=f"{parts[2]} problem", line=number, excerpt=excerpt,
                                           clause="1", fingerprint=f"{parts[2]}:{number}"))
    return result


def slow(path: str) -> DocumentResult:
    """Like echo, after sleeping FAKE_TASK_DELAY seconds (default 0.3), recording each call."""
    time.sleep(float(os.environ.get("FAKE_TASK_DELAY", "0.3")))
    log = os.environ.get("FAKE_TASK_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(Path(path).name + "\n")
    return echo(path)


def misbehave(path: str) -> DocumentResult:
    """Hang, crash, raise or hog memory when the file name says so; otherwise echo."""
    name = Path(path).name
    if "HANG" in name:
        time.sleep(3600)
    if "CRASH" in name:
        os._exit(7)
    if "RAISE" in name:
        raise ValueError("deliberate failure")
    if "HOG" in name:
        hog = bytearray(8 * 1024 ** 3)  # far beyond the test's --max-memory-mb
        hog[-1] = 1
    return echo(path)


class OutliveParent:
    """A task whose warm-up returns only after its parent process has died (a kill during start-up)."""

    def warm_up(self) -> None:
        parent = os.getppid()
        deadline = time.monotonic() + 30
        while os.getppid() == parent and time.monotonic() < deadline:
            time.sleep(0.01)

    def __call__(self, path: str) -> DocumentResult:
        return echo(path)


outlive_parent = OutliveParent()
