"""Fixtures for end-to-end tests on the ../shared corpora (fixtures only; no importable helpers)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def full_ruleset():
    """The built-in rulebook, loaded once per session."""
    from msalint.api import load_rules

    return load_rules()
