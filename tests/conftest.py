"""Shared test fixtures: the optional ../shared corpora (tests that need them skip when absent)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from shared_paths import REPO, shared_dir  # noqa: F401

# Subprocesses (python -m msalint, python -c ...) must run the code under test, whatever msalint the
# interpreter has installed (none, an editable install of another checkout, an older release).
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared; skips the test when it is absent (a user's clone won't have it)."""
    s = shared_dir()
    if s is None:
        pytest.skip("../shared corpora not available")
    return s
