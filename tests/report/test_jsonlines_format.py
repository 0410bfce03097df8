"""JSON Lines: golden file, one object per finding and per unreadable document."""
from __future__ import annotations

import json

from ci_samples import make_results, render_to_text


def test_jsonlines_golden(golden):
    golden("sample.jsonl", render_to_text("json-lines"))


def test_one_record_per_finding_and_error():
    lines = render_to_text("json-lines").splitlines()
    records = [json.loads(line) for line in lines]
    results = make_results()
    assert len(records) == sum(len(r.findings) for r in results) + sum(1 for r in results if r.error)
    assert [r["type"] for r in records].count("error") == 1
    assert all(not r["path"].startswith("/") for r in records)


def test_suppressed_reason_and_fingerprint_present():
    records = [json.loads(line) for line in render_to_text("json-lines").splitlines()]
    reasons = [r.get("suppressed") for r in records if r["type"] == "finding"]
    assert reasons.count("baseline") == 1 and "waived: Approved by Legal, LEG-1432" in reasons
    assert all(r["fingerprint"] for r in records if r["type"] == "finding")
