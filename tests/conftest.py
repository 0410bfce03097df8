"""Shared test fixtures: the optional ../shared corpora and a temp-dir helper."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The read-only ../shared folder beside the checkout, or $MSALINT_SHARED; None when absent."""
    env = os.environ.get("MSALINT_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared")
    for c in candidates:
        if (c / "corpora").is_dir():
            return c
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared; skips the test when it is absent (a user's clone won't have it)."""
    s = shared_dir()
    if s is None:
        pytest.skip("../shared corpora not available")
    return s
