"""Fixtures for annotation tests: the DOCX/PDF generators of the ingest tests, one loaded config."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

INGEST = Path(__file__).resolve().parents[1] / "ingest"
if str(INGEST) not in sys.path:
    sys.path.insert(0, str(INGEST))


@pytest.fixture(scope="session")
def config(tmp_path_factory):
    """The default configuration (no project config: the search starts in an empty folder)."""
    import os

    from msalint.config import load_config

    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cfg"))
    try:
        return load_config(None, cli={})
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def config_with_style(tmp_path_factory):
    """The default configuration plus the opt-in style pack (more findings with spans to annotate)."""
    import os

    from msalint.config import load_config

    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cfg"))
    try:
        return load_config(None, cli={"select": ["ALL", "style"]})
    finally:
        os.chdir(here)
