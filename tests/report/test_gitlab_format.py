"""GitLab Code Quality: golden file, unique and stable fingerprints, severity mapping."""
from __future__ import annotations

import json

from ci_samples import make_results, render_to_text


def _issues(results=None) -> list[dict]:
    return json.loads(render_to_text("gitlab", results))


def test_gitlab_golden(golden):
    golden("sample.gitlab.json", render_to_text("gitlab"))


def test_required_fields_and_relative_paths():
    for issue in _issues():
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert not issue["location"]["path"].startswith("/")
        assert issue["location"]["lines"]["begin"] >= 1
        assert issue["description"].startswith(issue["check_name"])


def test_fingerprints_unique_even_for_identical_evidence():
    issues = _issues()
    fps = [i["fingerprint"] for i in issues]
    assert len(fps) == len(set(fps)) == 6
    weak = [i for i in issues if i["check_name"] == "MSA-WEAK-002"]
    assert len(weak) == 2 and weak[0]["fingerprint"] != weak[1]["fingerprint"]


def test_fingerprints_stable_when_pages_shift():
    shifted = make_results()
    for finding in shifted[0].findings:
        finding.page = (finding.page or 0) + 1
        finding.line = (finding.line or 0) + 10
    assert [i["fingerprint"] for i in _issues()] == [i["fingerprint"] for i in _issues(shifted)]


def test_suppressed_findings_left_out_and_severities_mapped():
    issues = _issues()
    assert not any(i["check_name"] == "MSA-PAY-003" for i in issues)
    severity = {i["check_name"]: i["severity"] for i in issues}
    assert severity == {"MSA-SLA-001": "major", "MSA-WEAK-002": "minor", "MSA-TERM-004": "minor",
                        "MSA-X-999": "major", "msalint/unreadable": "critical"}
