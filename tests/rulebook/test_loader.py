"""Loader and validator: every malformed rule file is reported with file:line and the key."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from msalint.errors import ConfigError, RuleFileError
from msalint.model import Severity
from msalint.rulebook.loader import load_ruleset

FIXTURES = Path(__file__).parent / "fixtures"

GOOD_RULE = """\
pack: t
rules:
  - id: T-FRB-001
    title: Vague wording
    kind: forbidden
    severity: warning
    patterns: ["best efforts"]
    message: "'{match}' is vague."
    rationale: Vague standards are hard to enforce.
    remediation: Use a concrete obligation.
    examples:
      fail: ["Provider shall use best efforts."]
      pass: ["Provider shall respond within 4 hours."]
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> RuleFileError:
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_ruleset(extra=[path], builtin=False)
    return info.value


def test_good_pack_loads(tmp_path):
    rs = load_ruleset(extra=[write(tmp_path, GOOD_RULE)], builtin=False)
    rule = rs.get("T-FRB-001")
    assert rule is not None and rule.kind == "forbidden" and rule.severity is Severity.WARNING
    assert rule.source_line == 3 and rule.source_file.endswith("pack.yaml")


@pytest.mark.parametrize("old, new, line, words", [
    ("    title: Vague wording\n", "    title: Vague wording\n    colour: red\n", 5, ["unknown key", "colour"]),
    ("    severity: warning\n", "    severity: [warning]\n", 6, ["severity", "unknown severity"]),
    ("    title: Vague wording\n", "", 3, ["title", "missing required key"]),
    ('    patterns: ["best efforts"]\n', "    patterns: [{regex: '(unclosed'}]\n", 7, ["bad regex", "patterns"]),
    ("    kind: forbidden\n", "    kind: banned\n", 5, ["unknown kind", "banned"]),
    ('      pass: ["Provider shall respond within 4 hours."]\n', "", 11, ["examples", "pass"]),
    ("    title: Vague wording\n", "    title: 42\n", 4, ["title", "string"]),
    ('    patterns: ["best efforts"]\n', "    patterns: [{phrase: x, lemma: maybe}]\n", 7, ["lemma", "true or false"]),
    ('    patterns: ["best efforts"]\n', "    patterns: [{regex: x, phrase: y}]\n", 7, ["exactly one"]),
    ("    message: \"'{match}' is vague.\"\n", "    message: \"{nope} is vague.\"\n", 8, ["placeholder", "nope"]),
    ("  - id: T-FRB-001\n", "  - id: lower-case\n", 3, ["id", "not a valid id"]),
])
def test_malformed_rule_names_file_line_and_key(tmp_path, old, new, line, words):
    assert old in GOOD_RULE
    err = load_error(tmp_path, GOOD_RULE.replace(old, new))
    assert err.line == line, str(err)
    assert err.file.endswith("pack.yaml")
    for word in words:
        assert word in str(err)
    assert str(err).startswith(f"{err.file}:{line}: ")


def test_examples_missing_entirely(tmp_path):
    text = GOOD_RULE.split("    examples:")[0]
    err = load_error(tmp_path, text)
    assert "examples" in str(err) and "missing required key" in str(err) and err.line == 3


def test_yaml_syntax_error_has_line(tmp_path):
    err = load_error(tmp_path, GOOD_RULE.replace("    kind: forbidden\n", "    kind: [forbidden\n"))
    assert err.line is not None and "invalid YAML" in str(err)


def test_duplicate_key_is_an_error(tmp_path):
    err = load_error(tmp_path, GOOD_RULE.replace("    kind: forbidden\n", "    kind: forbidden\n    kind: required\n"))
    assert "duplicate key" in str(err) and err.line == 6


def test_duplicate_id_across_packs(tmp_path):
    write(tmp_path, GOOD_RULE, "a.yaml")
    write(tmp_path, GOOD_RULE, "b.yaml")
    with pytest.raises(RuleFileError) as info:
        load_ruleset(extra=[tmp_path], builtin=False)
    assert "duplicate id" in str(info.value) and info.value.file.endswith("b.yaml") and info.value.line == 3
    assert "a.yaml:3" in str(info.value)


def test_unknown_top_level_key(tmp_path):
    err = load_error(tmp_path, "pack: t\nrulez: []\n")
    assert err.line == 2 and "rulez" in str(err)


def test_python_tags_are_rejected(tmp_path):
    err = load_error(tmp_path, "pack: !!python/object/apply:os.system ['echo hi']\nrules: []\n")
    assert "invalid YAML" in str(err)


def test_kind_specific_required_keys(tmp_path):
    numeric = GOOD_RULE.replace("kind: forbidden", "kind: numeric").replace('    patterns: ["best efforts"]\n',
                                                                           '    anchor: ["payment"]\n    value: duration\n')
    err = load_error(tmp_path, numeric)
    assert "check" in str(err) and "missing required key" in str(err)
    bad_threshold = numeric.replace("    value: duration\n", "    value: duration\n    check: {max: \"{max_days} parsecs\"}\n"
                                    "    params: {max_days: 4}\n")
    err = load_error(tmp_path, bad_threshold)
    assert "not a duration" in str(err) and err.line == 9


def test_conditional_element_must_be_detected(tmp_path):
    text = GOOD_RULE.replace("kind: forbidden", "kind: conditional").replace(
        '    patterns: ["best efforts"]\n', "    if: [{element: nothing_detects_me}]\n    then: [x]\n")
    err = load_error(tmp_path, text)
    assert "nothing_detects_me" in str(err)


def test_fixture_pack_loads_with_every_kind():
    rs = load_ruleset(extra=[FIXTURES], builtin=False)
    assert {r.kind for r in rs.rules} == {"required", "forbidden", "numeric", "conditional", "consistency", "structure"}


def test_profiles_apply_severity_and_params():
    base = load_ruleset(extra=[FIXTURES], builtin=False)
    provider = load_ruleset(extra=[FIXTURES], builtin=False, profile="provider")
    assert base.get("TST-REQ-001").severity is Severity.ERROR
    assert provider.get("TST-REQ-001").severity is Severity.INFO
    assert base.get("TST-NUM-001").params["max_days"] == 45
    assert provider.get("TST-NUM-001").params["max_days"] == 30
    assert base.hash != provider.hash


def test_unknown_profile_is_a_config_error():
    with pytest.raises(ConfigError):
        load_ruleset(extra=[FIXTURES], builtin=False, profile="auditor")


def test_select_and_ignore_by_prefix_ignore_wins():
    rs = load_ruleset(extra=[FIXTURES], builtin=False, select=["TST-CON", "TST-REQ-001"], ignore=["TST-CON-002"])
    assert sorted(r.id for r in rs.rules) == ["TST-CON-001", "TST-CON-003", "TST-REQ-001"]
    with pytest.raises(ConfigError):
        load_ruleset(extra=[FIXTURES], builtin=False, select=["NOPE-"])


def test_severity_and_threshold_overrides():
    rs = load_ruleset(extra=[FIXTURES], builtin=False, severity={"TST-FRB": "error"},
                      thresholds={"max_days": 60, "TST-NUM-001.max_days": 50})
    assert rs.get("TST-FRB-001").severity is Severity.ERROR
    assert rs.get("TST-NUM-001").params["max_days"] == 50
    with pytest.raises(ConfigError):
        load_ruleset(extra=[FIXTURES], builtin=False, thresholds={"no_such_param": 1})
    with pytest.raises(ConfigError):
        load_ruleset(extra=[FIXTURES], builtin=False, severity={"TST-FRB": "fatal"})


def test_hash_is_stable_and_tracks_changes():
    a = load_ruleset(extra=[FIXTURES], builtin=False)
    b = load_ruleset(extra=[FIXTURES], builtin=False)
    c = load_ruleset(extra=[FIXTURES], builtin=False, thresholds={"max_days": 60})
    assert a.hash == b.hash and len(a.hash) == 64
    assert a.hash != c.hash


def test_elements_index_and_single_rule_view():
    rs = load_ruleset(extra=[FIXTURES], builtin=False)
    assert [r.id for r in rs.elements()["service_levels"]] == ["TST-REQ-001"]
    view = rs.only("TST-CND-002")
    assert [r.id for r in view.rules] == ["TST-CND-002"]
    assert "service_levels" in view.element_rules  # the conditional can still detect the element


def test_builtin_rules_load():
    rs = load_ruleset()
    assert len(rs.rules) > 0
    assert all(r.source_file.endswith((".yaml", ".yml")) for r in rs.rules)


def test_ruleset_pickles_for_worker_processes():
    import pickle

    rs = load_ruleset(extra=[FIXTURES], builtin=False)
    rs.cache["phrase_index"] = object()  # caches are dropped, not pickled
    copy = pickle.loads(pickle.dumps(rs))
    assert copy.hash == rs.hash and copy.cache == {}
    assert [r.id for r in copy.rules] == [r.id for r in rs.rules]
