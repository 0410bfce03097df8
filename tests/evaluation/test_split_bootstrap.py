"""The tuning/locked split, bootstrap intervals, and how `msalint eval` uses them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from msalint.cli import cli
from msalint.evaluation.bootstrap import bootstrap
from msalint.evaluation.split import LOCKED_FRACTION, in_split, split_of

LAW = "1. Governing Law\n1.1 This Agreement is governed by the laws of the State of New York.\n"
FEES = "2. Fees\n2.1 Customer shall pay each invoice within 30 days of receipt.\n"


def test_split_is_a_fixed_function_of_the_name_with_about_thirty_percent_locked():
    names = [f"contract-{i:04d}" for i in range(2000)]
    locked = [n for n in names if split_of(n) == "locked"]
    assert abs(len(locked) / len(names) - LOCKED_FRACTION) < 0.04
    assert [split_of(n) for n in names] == [split_of(n) for n in names]
    assert all(in_split(n, "all") for n in names)
    assert all(in_split(n, "locked") != in_split(n, "tuning") for n in names)
    with pytest.raises(ValueError):
        in_split("x", "test")


def test_bootstrap_interval_is_seeded_and_brackets_the_point_estimate():
    verdicts = {f"d{i}": {"a": (i % 3 != 0, i % 4 != 0), "b": (i % 2 == 0, i % 2 == 0)} for i in range(40)}
    macro, per = bootstrap(verdicts, ["a", "b"])
    assert (macro, per) == bootstrap(verdicts, ["a", "b"])  # same seed, same interval
    assert per["b"].low == per["b"].high == 1.0  # always right: no spread
    assert per["a"].low < 0.75 < per["a"].high  # point F1 of "a" is about 0.76
    assert macro.low < macro.high <= 1.0


@pytest.fixture()
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("alpha", "beta", "gamma", "epsilon"):  # alpha, beta: tuning; gamma, epsilon: locked
        (folder / f"{name}.txt").write_text(LAW + FEES if name in ("alpha", "gamma") else FEES, encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    rows = [{"file": f"{n}.txt", "element": "governing_law", "present": n != "epsilon"}
            for n in ("alpha", "beta", "gamma", "epsilon")]
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [split_of(n) for n in ("alpha", "beta", "gamma", "epsilon")] == ["tuning", "tuning", "locked", "locked"]
    return folder, labels


def run(*args):
    return CliRunner().invoke(cli, ["eval", *map(str, args), "-j", "1"])


def test_split_scores_only_that_part(docs):
    folder, labels = docs
    tuning = json.loads(run("--docs", folder, "--labels", labels, "--split", "tuning", "--format", "json").output)
    locked = json.loads(run("--docs", folder, "--labels", labels, "--split", "locked", "--format", "json").output)
    assert (tuning["documents"], tuning["split"]) == (2, "tuning")
    assert (tuning["elements"]["governing_law"]["tp"], tuning["elements"]["governing_law"]["fn"]) == (1, 1)
    assert locked["documents"] == 2 and locked["elements"]["governing_law"]["tp"] == 1
    assert locked["elements"]["governing_law"]["fn"] == 0 and len(locked["macro_f1_ci"]) == 2


def test_show_errors_is_refused_on_the_locked_split(docs):
    folder, labels = docs
    result = run("--docs", folder, "--labels", labels, "--split", "locked", "--show-errors")
    assert result.exit_code == 2 and "refused on the locked split" in result.output


def test_show_errors_on_all_documents_hides_locked_errors(docs, tmp_path):
    folder, labels = docs
    (folder / "epsilon.txt").write_text(LAW, encoding="utf-8")  # a locked false positive
    result = run("--docs", folder, "--labels", labels, "--show-errors")
    assert result.exit_code == 0
    assert "FN governing_law: beta" in result.output
    assert "epsilon" not in result.output.split("macro-F1")[1]
    assert "errors of the 2 locked documents are not shown" in result.output


def test_ci_flag_adds_an_interval_per_element(docs):
    folder, labels = docs
    text = run("--docs", folder, "--labels", labels, "--ci").output
    assert "f1 95% CI" in text and "macro-F1" in text and "(95% CI [" in text
    data = json.loads(run("--docs", folder, "--labels", labels, "--ci", "--format", "json").output)
    low, high = data["elements"]["governing_law"]["f1_ci"]
    assert low <= data["elements"]["governing_law"]["f1"] <= high
