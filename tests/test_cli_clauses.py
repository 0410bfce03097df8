"""`msalint clauses FILE`: outline, JSON shape and the unreadable-file error."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from msalint.cli import cli

AGREEMENT = """SERVICES AGREEMENT

This Agreement (the "Agreement") is made between Acme Inc. ("Supplier") and Beta LLC ("Customer").

1. Services. The Supplier shall provide the services in Schedule A.

1.1 Support. "Support Hours" means 9:00 to 17:00 on weekdays.

2. Fees. Fees are payable as set out in Section 1.1 and Section 4.2, subject to Section 365 of the Bankruptcy Code.

SCHEDULE A
SERVICE DESCRIPTION

1. Hosting. The Supplier hosts the platform.
"""


@pytest.fixture()
def agreement(tmp_path):
    path = tmp_path / "agreement.txt"
    path.write_text(AGREEMENT, encoding="utf-8")
    return path


def test_json_shape(agreement):
    result = CliRunner().invoke(cli, ["clauses", str(agreement), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["kind", "path", "format", "pages", "meta", "clauses", "definitions", "xrefs"]
    assert data["kind"]["kind"] == "agreement" and data["kind"]["source"] == "detected"
    assert any(e["line"] == 1 for e in data["kind"]["evidence"]), "the title line is evidence"
    assert data["path"] == str(agreement) and data["format"] == "txt" and data["pages"] is None
    assert isinstance(data["meta"], dict)
    for clause in data["clauses"]:
        assert list(clause) == ["id", "heading", "level", "parent", "page", "start", "end"]
    ids = [c["id"] for c in data["clauses"]]
    assert ids == ["SERVICES AGREEMENT", "1", "1.1", "2", "Schedule A", "Schedule A 1"]
    by_id = {c["id"]: c for c in data["clauses"]}
    assert by_id["1.1"]["parent"] == "1" and by_id["1.1"]["level"] == 1 and by_id["2"]["heading"] == "Fees"
    assert AGREEMENT[by_id["2"]["start"]:by_id["2"]["end"]].startswith("2. Fees.")
    assert [d["term"] for d in data["definitions"]] == ["Agreement", "Supplier", "Customer", "Support Hours"]
    assert data["definitions"][-1] == {"term": "Support Hours", "clause": "1.1"}
    assert data["xrefs"] == [
        {"text": "Schedule A", "target": "Schedule A", "clause": "1", "resolved": True},
        {"text": "Section 1.1", "target": "1.1", "clause": "2", "resolved": True},
        {"text": "Section 4.2", "target": "4.2", "clause": "2", "resolved": False},
        {"text": "Section 365", "target": None, "clause": "2", "resolved": False},
    ]


def test_text_outline(agreement):
    result = CliRunner().invoke(cli, ["clauses", str(agreement)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kind: agreement (confidence ")
    assert "1  Services" in lines
    assert "  1.1  Support" in lines
    assert "Schedule A  SERVICE DESCRIPTION" in lines
    assert "  Schedule A 1  Hosting" in lines
    assert lines[-1] == "6 clauses, 4 defined terms, 4 cross-references (1 unresolved, 1 external)"


def test_unreadable_file_exits_3(tmp_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["clauses", str(missing)])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [f"msalint: error: {missing}: no such file"]
    assert result.stdout == ""


FILED = """HOSTING AGREEMENT

CONTENTS
1. Scope of work..............................2
2. Keeping things private.....................3
3. Fees.......................................4

1. SCOPE OF WORK
The Vendor hosts the site.

2 2.  KEEPING THINGS PRIVATE
Each party keeps the other's plans (the "Secret
Material") private.

3. FEES
The Customer pays monthly.
"""


def test_outline_of_a_filed_agreement(tmp_path):
    path = tmp_path / "filed.txt"
    path.write_text(FILED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["clauses", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["clauses"]] == ["HOSTING AGREEMENT", "1", "2", "3"]
    assert {"term": "Secret Material", "clause": "2"} in data["definitions"]
