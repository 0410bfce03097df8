"""Label loading in both layouts, and the precision/recall/F1 arithmetic."""
from __future__ import annotations

import csv
import json
from types import SimpleNamespace

import pytest

from msalint.errors import ConfigError
from msalint.evaluation.kinds import load_kind_labels
from msalint.evaluation.labels import load_labels
from msalint.evaluation.metrics import Score, macro_f1
from msalint.evaluation.runner import index_documents, label_mapping


def test_simple_jsonl_matches_documents_by_stem(tmp_path):
    p = tmp_path / "labels.jsonl"
    rows = [
        {"file": "alpha.txt", "element": "escalation", "present": True, "evidence": "escalate to"},
        {"file": "alpha.txt", "element": "reporting", "present": False},
        {"file": "beta.pdf", "element": "escalation", "present": "no"},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    ls = load_labels(p)
    assert ls.layout == "simple"
    assert ls.labels == {"alpha": {"escalation": True, "reporting": False}, "beta": {"escalation": False}}
    assert ls.evidence[("alpha", "escalation")] == "escalate to"


def test_simple_jsonl_rejects_bad_present_value(tmp_path):
    p = tmp_path / "labels.jsonl"
    p.write_text(json.dumps({"file": "a.txt", "element": "x", "present": "maybe"}) + "\n")
    with pytest.raises(ConfigError, match=r"labels.jsonl:1"):
        load_labels(p)


def test_cuad_layout_present_when_evidence_quotes_a_span(tmp_path):
    p = tmp_path / "master_clauses.csv"
    with p.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Filename", "Governing Law", "Governing Law-Answer", "Audit Rights", "Audit Rights-Answer",
                    "Notice Period", "Notice Period- Answer"])
        w.writerow(["one.pdf", "['This Agreement is governed by the laws of Ohio.']", "Ohio", "[]", "No", "[]", ""])
        w.writerow(["two.pdf", "[]", "", "['may inspect the books', 'audit once a year']", "Yes", "['90 days']", "90"])
    ls = load_labels(p)
    assert ls.layout == "cuad"
    assert ls.labels["one"] == {"Governing Law": True, "Audit Rights": False, "Notice Period": False}
    assert ls.labels["two"] == {"Governing Law": False, "Audit Rights": True, "Notice Period": True}


def test_simple_csv_layout(tmp_path):
    p = tmp_path / "labels.csv"
    p.write_text("file,element,present\nx.docx,confidentiality,yes\nx.docx,indemnification,false\n")
    assert load_labels(p).labels == {"x": {"confidentiality": True, "indemnification": False}}


def test_unknown_label_format_is_rejected(tmp_path):
    p = tmp_path / "labels.yaml"
    p.write_text("a: 1")
    with pytest.raises(ConfigError):
        load_labels(p)


def test_score_arithmetic():
    s = Score()
    for doc, gold, pred in [("a", True, True), ("b", True, False), ("c", False, True), ("d", True, True), ("e", False, False)]:
        s.add(doc, gold, pred)
    assert (s.tp, s.fp, s.fn, s.tn) == (2, 1, 1, 1)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.false_positives == ["c"] and s.false_negatives == ["b"]
    perfect = Score(tp=3)
    assert macro_f1({"x": s, "y": perfect}) == pytest.approx((2 / 3 + 1) / 2)


def test_score_with_no_positives_anywhere_is_perfect_but_a_false_alarm_is_not():
    assert Score(tn=5).f1 == 1.0
    assert Score(fp=1, tn=4).f1 == 0.0


def test_mapping_uses_rule_metadata_and_leaves_unmapped_out():
    rules = [
        SimpleNamespace(element="governing_law", cuad=["Governing Law"]),
        SimpleNamespace(element="audit_rights", cuad=["Audit Rights"]),
    ]
    ruleset = SimpleNamespace(element_detectors=lambda: rules)
    cuad = SimpleNamespace(layout="cuad", names=lambda: ["Audit Rights", "Governing Law", "Parties"])
    mapping, unscored = label_mapping(cuad, ruleset)
    assert mapping == {"Governing Law": "governing_law", "Audit Rights": "audit_rights"}
    assert unscored == ["Parties"]
    simple = SimpleNamespace(layout="simple", names=lambda: ["audit_rights", "escalation"])
    assert label_mapping(simple, ruleset) == ({"audit_rights": "audit_rights"}, ["escalation"])


def test_index_prefers_text_over_pdf_for_the_same_stem(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "b.docx").write_bytes(b"PK")
    (tmp_path / "c.json").write_text("{}")
    idx = index_documents(tmp_path)
    assert idx["a"].suffix == ".txt" and idx["b"].suffix == ".docx" and "c" not in idx


def test_opt_in_checklist_elements_are_still_scored_and_stated():
    """An opt-in rule (`opt_in: checklist`) gives no finding by default, yet its element is still detected: eval
    scores it and the element matrix says present / missing."""
    from msalint.api import lint_text
    from msalint.rulebook.loader import load_ruleset

    ruleset = load_ruleset()
    notices = next(r for r in ruleset.loaded if r.element == "notices")
    assert not notices.enabled and notices.pack == "checklist"
    assert notices not in ruleset.rules and notices in ruleset.element_detectors()
    assert "notices" in label_mapping(SimpleNamespace(layout="simple", names=lambda: ["notices"]), ruleset)[0]
    result = lint_text("SERVICES AGREEMENT\n\n1. Fees. Customer shall pay the fees within 30 days of invoice.\n",
                       ruleset)
    assert result.elements["notices"] == "missing"
    assert not any(f.rule == notices.id for f in result.findings)


@pytest.mark.parametrize(("line", "message"), [
    ('{"file": "b.txt", "element": "escalation"}', "not a label line with file, element, present"),
    ('{"file": "b.txt", "element": "escalation", "present": "perhaps"}', "present"),
    ("not json", "not a label line with file, element, present"),
])
def test_a_bad_element_label_line_is_named_with_its_line_number(tmp_path, line, message):
    p = tmp_path / "labels.jsonl"
    p.write_text('{"file": "a.txt", "element": "escalation", "present": true}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"labels.jsonl:3: .*{message}"):
        load_labels(p)


def test_a_bad_kind_label_line_is_named_with_its_line_number(tmp_path):
    p = tmp_path / "kinds.jsonl"
    p.write_text('{"file": "a.txt", "kind": "sla"}\n{"file": "b.txt"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="kinds.jsonl:2: not a kind label line with file and kind"):
        load_kind_labels(p)
    p.write_text('{"file": "a.txt", "doc_type": "sla"}\n', encoding="utf-8")
    assert load_kind_labels(p).kinds == {"a": "sla"}
