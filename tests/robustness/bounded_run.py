"""Run msalint in a child process under a memory and time limit (a uniquely named module).

A robustness regression must fail a test, not take the machine down: the child gets an address-space
limit, so an input that explodes ends in MemoryError (a traceback the tests catch) instead of swapping.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    """The outcome of one bounded msalint run."""

    returncode: int | None  # None: killed at the time limit
    stdout: str
    stderr: str
    seconds: float

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr or "Traceback" in self.stdout


def run_msalint(args: list[str], *, cwd: Path | None = None, timeout: float = 60, memory_mb: int = 2048,
                stdin: bytes | None = None, env: dict | None = None) -> Run:
    """``python -m msalint ARGS`` from this checkout, limited to ``memory_mb`` of address space and ``timeout`` s."""
    import time

    def limit() -> None:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    child_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **(env or {})}
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "msalint", *args], cwd=cwd or REPO, input=stdin,
                              capture_output=True, timeout=timeout, preexec_fn=limit, env=child_env)
    except subprocess.TimeoutExpired as exc:
        return Run(None, _text(exc.stdout), _text(exc.stderr), time.monotonic() - started)
    return Run(done.returncode, _text(done.stdout), _text(done.stderr), time.monotonic() - started)


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")
