"""Shared test fixtures: the optional ../shared corpora (tests that need them skip when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest
from shared_paths import REPO, shared_dir  # noqa: F401


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared; skips the test when it is absent (a user's clone won't have it)."""
    s = shared_dir()
    if s is None:
        pytest.skip("../shared corpora not available")
    return s
