"""Fixtures for batch tests: small generated fake contracts and a sys.path that workers inherit."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

# Spawned workers (and Dask workers) import fake_tasks by module name: make this folder importable
# for them and for CLI subprocesses.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from batch_helpers import write_contract  # noqa: E402


@pytest.fixture
def contracts(tmp_path: Path) -> Path:
    """20 small fake contracts with varied elements and findings."""
    folder = tmp_path / "contracts"
    folder.mkdir()
    states = ["present", "missing", "incomplete"]
    for i in range(20):
        elements = {"term": states[i % 3], "liability-cap": states[(i + 1) % 3], "governing-law": "present"}
        findings = [("warning", "WEAK-WORDING", f"use reasonable efforts {i}")] * (i % 4)
        if i % 5 == 0:
            findings.append(("error", "REQ-LIABILITY", f"no cap in contract {i}"))
        write_contract(folder, f"contract_{i:02d}.txt", elements, findings)
    return folder


@pytest.fixture
def subprocess_env() -> dict[str, str]:
    """Environment for CLI subprocesses: the fake tasks importable, the repo importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(REPO), env.get("PYTHONPATH", "")])
    return env
