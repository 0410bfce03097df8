"""End to end: lint a real DOCX template with the built-in rulebook and validate the SARIF log."""
from __future__ import annotations

import io
import json

import pytest
from test_sarif_format import assert_github_acceptable, validate_schema

from msalint.report import RenderContext, render

TEMPLATE = "common-paper-cloud-service-agreement.docx"


@pytest.fixture(scope="module")
def linted(shared):
    """(result, ruleset, corpora root) for one template; skips until the engine is available."""
    from msalint import api

    try:
        ruleset = api.load_rules()
        result = api.lint_path(shared / "corpora" / "templates" / TEMPLATE, ruleset)
    except (ModuleNotFoundError, ImportError) as exc:
        pytest.skip(f"rule engine not available yet: {exc}")
    return result, ruleset, shared / "corpora"


@pytest.mark.shared
@pytest.mark.slow
def test_real_docx_to_sarif_is_valid(linted, shared):
    result, ruleset, root = linted
    assert result.error is None, result.error
    stream = io.StringIO()
    render([result], "sarif", stream, RenderContext(ruleset=ruleset, root=root, tool_version="test"))
    log = json.loads(stream.getvalue())
    validate_schema(log, shared)
    assert_github_acceptable(log)
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == len(ruleset.rules)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} <= {
        f"templates/{TEMPLATE}"}
    assert len(run["results"]) == len(result.findings)
