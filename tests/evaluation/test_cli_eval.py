"""`msalint eval` end to end on small written agreements: tables, JSON contract, errors and gates."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from msalint.cli import cli

LAW = "1. Governing Law\n1.1 This Agreement is governed by the laws of the State of New York.\n"
CONF = ("2. Confidentiality\n2.1 Each party shall keep the other party's Confidential Information secret "
        "and use it only to perform this Agreement.\n")
FEES = "3. Fees\n3.1 Customer shall pay each invoice within 30 days of receipt.\n"


@pytest.fixture()
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "both.txt").write_text(LAW + CONF + FEES, encoding="utf-8")
    (folder / "law_only.txt").write_text(LAW + FEES, encoding="utf-8")
    (folder / "neither.md").write_text(FEES, encoding="utf-8")
    (folder / "unlabeled.txt").write_text(LAW, encoding="utf-8")
    return folder


def write_labels(tmp_path, rows):
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(dict(zip(("file", "element", "present"), r))) + "\n" for r in rows))
    return path


def run(*args):
    return CliRunner().invoke(cli, ["eval", *map(str, args), "-j", "1"])


def test_json_contract_counts_true_and_false_positives(tmp_path, docs):
    labels = write_labels(tmp_path, [
        ("both.txt", "governing_law", True), ("both.txt", "confidentiality", True),
        ("law_only.txt", "governing_law", True), ("law_only.txt", "confidentiality", True),  # a miss
        ("neither.md", "governing_law", True),  # a miss
        ("neither.md", "confidentiality", False),
    ])
    result = run("--docs", docs, "--labels", labels, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 3  # unlabeled.txt is not scored
    law = data["elements"]["governing_law"]
    assert (law["tp"], law["fp"], law["fn"]) == (2, 0, 1)
    conf = data["elements"]["confidentiality"]
    assert (conf["tp"], conf["fp"], conf["fn"]) == (1, 0, 1)
    assert conf["precision"] == 1.0 and conf["recall"] == 0.5
    assert data["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2, abs=1e-4)


def test_show_errors_names_the_false_positive_clause(tmp_path, docs):
    labels = write_labels(tmp_path, [("law_only.txt", "governing_law", False), ("both.txt", "governing_law", True)])
    result = run("--docs", docs, "--labels", labels, "--show-errors")
    assert result.exit_code == 0, result.output
    fp_lines = [line for line in result.output.splitlines() if line.startswith("FP governing_law")]
    assert len(fp_lines) == 1 and "law_only" in fp_lines[0] and "§1" in fp_lines[0]
    assert "macro-F1 0.6667" in result.output


def test_fail_under_gates_on_macro_f1(tmp_path, docs):
    labels = write_labels(tmp_path, [("both.txt", "governing_law", True), ("neither.md", "governing_law", True)])
    assert run("--docs", docs, "--labels", labels, "--fail-under", "0.6").exit_code == 0
    low = run("--docs", docs, "--labels", labels, "--fail-under", "0.7")
    assert low.exit_code == 1 and "below the floor 0.7" in low.output


def test_fail_under_each_names_the_weak_element(tmp_path, docs):
    labels = write_labels(tmp_path, [
        ("both.txt", "governing_law", True), ("law_only.txt", "governing_law", True),
        ("both.txt", "confidentiality", True), ("law_only.txt", "confidentiality", True),
    ])
    result = run("--docs", docs, "--labels", labels, "--fail-under-each", "0.8")
    assert result.exit_code == 1
    assert "confidentiality F1 0.6667 is below the per-element floor 0.8" in result.output
    assert "governing_law F1" not in result.output.split("macro-F1")[-1]
    assert run("--docs", docs, "--labels", labels, "--fail-under-each", "0.6").exit_code == 0


def test_cuad_layout_maps_categories_through_rule_metadata(tmp_path, docs):
    path = tmp_path / "master_clauses.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Filename", "Governing Law", "Governing Law-Answer", "Parties", "Parties-Answer"])
        w.writerow(["both.pdf", "['governed by the laws of New York']", "New York", "['A', 'B']", "A; B"])
        w.writerow(["neither.pdf", "[]", "", "[]", ""])
    result = run("--docs", docs, "--labels", path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data["elements"]) == ["Governing Law"]
    assert data["elements"]["Governing Law"]["element"] == "governing_law"
    assert data["elements"]["Governing Law"]["f1"] == 1.0
    assert "Parties" in data["unscored"]


def test_nothing_scorable_is_a_usage_error(tmp_path, docs):
    labels = write_labels(tmp_path, [("absent.txt", "governing_law", True)])
    result = run("--docs", docs, "--labels", labels)
    assert result.exit_code == 2 and "no label could be scored" in result.output
