"""Fixtures for end-to-end tests on the ../shared corpora (fixtures only; no importable helpers)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def full_ruleset():
    """The built-in rulebook, loaded once per session."""
    from msalint.api import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def linted(full_ruleset):
    """Path -> (document, analysis, result); each file is read, analysed and linted once per session."""
    from msalint.api import analyse, lint_document, read_document

    cache: dict = {}

    def get(path):
        if path not in cache:
            document = read_document(path)
            analysis = analyse(document)
            cache[path] = (document, analysis, lint_document(analysis, full_ruleset))
        return cache[path]

    return get
