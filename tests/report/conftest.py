"""Golden-file helper for the CI-format tests (sample data lives in ci_samples.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.fixture
def golden():
    """Compare text with tests/report/golden/<name>; MSALINT_UPDATE_GOLDEN=1 rewrites the file instead."""

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if os.environ.get("MSALINT_UPDATE_GOLDEN") == "1":
            path.write_text(text, encoding="utf-8", newline="\n")
        assert path.exists(), f"missing golden file {name}; run with MSALINT_UPDATE_GOLDEN=1 and review it"
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden/{name}"

    return check
