"""Engine fixes from the QA pass: clean placeholders, word-boundary excerpts, skip_negated / unless,
suppressed_by precedence and bisect clause lookups. Each test lints a short text of its own."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from msalint.engine import INTERNAL_RULE, lint_analysis
from msalint.errors import RuleFileError
from msalint.rulebook.context import EXCERPT_MAX, LintContext
# these tests exercise the rule kinds on clause-sized snippets: each is linted as an agreement (kind="agreement")
from msalint.rulebook.loader import load_ruleset

from .helpers import analyse_text

COMMON = """\
    rationale: Written for the engine tests only.
    remediation: Nothing to remedy here at all.
    examples: {fail: ["x"], pass: ["y"]}
"""


def pack(tmp_path: Path, rules: str, name: str = "pack.yaml") -> Path:
    """A rule pack file from rule bodies; each rule gets the boilerplate keys."""
    blocks = []
    for body in textwrap.dedent(rules).strip().split("\n\n"):
        severity = "" if "severity:" in body else "    severity: warning\n"
        blocks.append(textwrap.indent(body.strip(), "  ") + "\n" + severity + COMMON)
    path = tmp_path / name
    path.write_text("pack: t\nrules:\n" + "\n".join(blocks), encoding="utf-8")
    return path


def lint(path: Path, text: str, *ids: str, fmt: str = "txt"):
    ruleset = load_ruleset(extra=[path], builtin=False, kind="agreement")
    if ids:
        ruleset = ruleset.only(*ids)
    result = lint_analysis(analyse_text(text, fmt), ruleset)
    assert not [f for f in result.findings if f.rule == INTERNAL_RULE], result.findings
    return result


# ---- 1. placeholders carry no raw line breaks

def test_match_and_value_placeholders_collapse_whitespace(tmp_path):
    path = pack(tmp_path, """
        - id: T-FRB-001
          title: efforts
          kind: forbidden
          patterns: ["best efforts", "as soon as possible"]
          message: "Vague: '{match}'."

        - id: T-NUM-001
          title: payment days
          kind: numeric
          anchor: ["payable"]
          value: duration
          check: {max: "45 days"}
          message: "Payment in {value}."
    """)
    text = "The Provider shall use best\nefforts and act as    soon as\n possible.\nInvoices are payable within ninety (90)\n  days.\n"
    messages = sorted(f.message for f in lint(path, text).findings)
    assert messages == ["Payment in ninety (90) days.", "Vague: 'as soon as possible'.", "Vague: 'best efforts'."]


def test_very_long_match_is_cut_at_a_word(tmp_path):
    path = pack(tmp_path, """
        - id: T-FRB-002
          title: long
          kind: forbidden
          patterns: [{regex: 'provider\\s+shall[^.]+'}]
          message: "'{match}'"
    """)
    text = "The Provider shall " + " ".join(f"word{i}" for i in range(80)) + " end."
    [finding] = lint(path, text).findings
    assert finding.message.endswith("…'") and len(finding.message) < 160
    assert finding.message[1:-2].split()[-1] in text.split()  # the last word shown is a whole word


# ---- 2. excerpts are cut at word boundaries and keep the hit visible

def test_excerpt_of_long_sentence_is_a_word_window_around_the_hit(tmp_path):
    path = pack(tmp_path, """
        - id: T-FRB-003
          title: efforts
          kind: forbidden
          patterns: ["best efforts"]
          message: "m"
    """)
    words = " ".join(f"alpha{i}" for i in range(40))
    text = f"The Provider agrees that {words} and it shall use best efforts in {words} to the end."
    [finding] = lint(path, text).findings
    excerpt = finding.excerpt
    assert "best efforts" in excerpt and len(excerpt) <= EXCERPT_MAX
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert excerpt.index("best efforts") <= 70  # near the start: a reporter cutting the end still shows it
    shown = excerpt.strip("…").split()
    assert shown and all(word in text.split() for word in shown)  # no word was cut in half


def test_short_sentence_is_the_whole_excerpt(tmp_path):
    path = pack(tmp_path, """
        - id: T-FRB-004
          title: efforts
          kind: forbidden
          patterns: ["best efforts"]
          message: "m"
    """)
    [finding] = lint(path, "1. Services\nThe Provider shall use best\nefforts to deliver.\n").findings
    assert finding.excerpt == "The Provider shall use best efforts to deliver."


# ---- 5. skip_negated and unless for flag rules

FLAG_RULES = """
    - id: T-FLG-001
      title: guarantee flag
      kind: forbidden
      patterns: [{regex: 'guarantee\\w*\\s+that\\s+[^.;]{0,60}error[\\s-]free'}]
      message: "Guarantee: '{match}'."
      {skip}

    - id: T-FLG-002
      title: minimum commitment flag
      kind: required
      element: minimum_commitment
      report: present
      patterns: [{regex: 'minimum\\s+(\\w+\\s+){0,2}(spend|revenue)', negated_ok: true}]
      message: "Minimum: '{match}'."
      {skip}
"""
NEGATED = ("Provider makes no guarantees that the platform will be error-free. "
           "There is no guarantee that any minimum level of revenue will be reached.")
AFFIRMED = ("Provider guarantees that the platform will be error-free. "
            "Customer commits to a minimum monthly spend of EUR 5,000.")


@pytest.mark.parametrize("skip, fires_on_negated", [("", True), ("skip_negated: true", False)])
def test_skip_negated_drops_negated_flags_only(tmp_path, skip, fires_on_negated):
    path = pack(tmp_path, FLAG_RULES.replace("{skip}", skip))
    negated = lint(path, NEGATED)
    assert bool(negated.findings) is fires_on_negated
    assert {f.rule for f in negated.findings} == ({"T-FLG-001", "T-FLG-002"} if fires_on_negated else set())
    assert negated.elements["minimum_commitment"] == ("present" if fires_on_negated else "missing")
    affirmed = lint(path, AFFIRMED)
    assert sorted(f.rule for f in affirmed.findings) == ["T-FLG-001", "T-FLG-002"]


def test_required_unless_suppresses_a_present_flag(tmp_path):
    path = pack(tmp_path, """
        - id: T-FLG-003
          title: termination without cause
          kind: required
          element: termination_for_convenience
          report: present
          patterns: [{regex: 'may\\s+terminate[^.;]{0,120}days.{0,3}\\s+(written\\s+)?notice'}]
          unless: [{regex: 'material\\s+breach'}]
          message: "Without cause: '{match}'."
    """)
    breach = "Either Party may terminate this Agreement upon thirty (30) days written notice if the other Party commits a material breach."
    convenience = "Customer may terminate this Agreement on ninety (90) days written notice."
    assert lint(path, breach).findings == []
    assert [f.rule for f in lint(path, convenience).findings] == ["T-FLG-003"]


def test_skip_negated_without_patterns_is_a_load_error(tmp_path):
    path = pack(tmp_path, """
        - id: T-FLG-004
          title: heading only
          kind: required
          element: audit
          headings: [audit]
          skip_negated: true
          message: "m"
    """)
    with pytest.raises(RuleFileError, match="skip_negated"):
        load_ruleset(extra=[path], builtin=False, kind="agreement")


# ---- 6. suppressed_by: rule precedence

PRECEDENCE = """
    - id: T-SLA-004
      title: response times
      kind: required
      element: response_times
      patterns: [{regex: 'respon\\w+\\s+within\\s+\\d+\\s+(minutes|hours)'}]
      message: "No response or resolution times."

    - id: T-SLA-005
      title: resolution times
      kind: required
      element: resolution_times
      patterns: [{regex: 'resol\\w+\\s+within\\s+\\d+\\s+(minutes|hours)'}]
      message: "Only response times are committed."
      {suppressed}

    - id: T-TRM-003
      title: renewal without period
      kind: conditional
      if: ["renews automatically"]
      then: [{regex: '\\d+\\s+days'}]
      within: clause
      severity: error
      message: "No stated notice period."

    - id: T-TRM-004
      title: non-renewal notice flag
      kind: required
      element: non_renewal_notice
      report: present
      patterns: [{regex: 'notice\\s+of\\s+non-renewal', negated_ok: true}]
      message: "Sets a notice period."
      {suppressed4}
"""


def _precedence_pack(tmp_path, suppressed="", suppressed4=""):
    return pack(tmp_path, PRECEDENCE.replace("{suppressed}", suppressed).replace("{suppressed4}", suppressed4))


def test_document_level_precedence(tmp_path):
    text = "1. Support\nProvider runs a service desk for the Customer.\n"
    plain = lint(_precedence_pack(tmp_path), text, "T-SLA-004", "T-SLA-005")
    assert sorted(f.rule for f in plain.findings) == ["T-SLA-004", "T-SLA-005"]
    ranked = lint(_precedence_pack(tmp_path, "suppressed_by: [T-SLA-004]"), text, "T-SLA-004", "T-SLA-005")
    assert [f.rule for f in ranked.findings] == ["T-SLA-004"]
    assert ranked.meta["suppressed_by_rule"] == [
        {"rule": "T-SLA-005", "by": "T-SLA-004", "fingerprint": plain.findings[1].fingerprint}]
    assert ranked.elements["resolution_times"] == "missing"  # the element matrix is unchanged
    # when the suppressing rule does not fire, the other finding stays
    text2 = "1. Support\nProvider shall respond within 15 minutes to each call.\n"
    kept = lint(_precedence_pack(tmp_path, "suppressed_by: [T-SLA-004]"), text2, "T-SLA-004", "T-SLA-005")
    assert [f.rule for f in kept.findings] == ["T-SLA-005"]


def test_clause_precedence_and_unselected_suppressor(tmp_path):
    text = ("1. Term\nThis Agreement renews automatically each year. "
            "Either party may give notice of non-renewal before the renewal date.\n"
            "2. Other\nA party may give notice of non-renewal by e-mail.\n")
    path = _precedence_pack(tmp_path, suppressed4="suppressed_by: [{rule: T-TRM-003, within: clause}]")
    ranked = lint(path, text, "T-TRM-003", "T-TRM-004")
    assert sorted((f.rule, f.clause) for f in ranked.findings) == [("T-TRM-003", "1"), ("T-TRM-004", "2")]
    alone = lint(path, text, "T-TRM-004")  # the suppressor is not selected: nothing is dropped
    # a flag is said once per document, at its first place, naming the others
    assert [(f.clause, f.details.get("also_at")) for f in alone.findings] == [("1", ["§2"])]
    same_sentence = _precedence_pack(tmp_path, suppressed4="suppressed_by: [T-TRM-003]")
    # default granularity is the sentence: the flag in the next sentence of clause 1 survives
    assert [(f.clause, f.details.get("also_at")) for f in lint(same_sentence, text, "T-TRM-003", "T-TRM-004").findings
            if f.rule == "T-TRM-004"] == [("1", ["§2"])]


@pytest.mark.parametrize("value, error", [
    ("[T-NOPE-001]", "no loaded rule has the id 'T-NOPE-001'"),
    ("[T-SLA-005]", "cannot suppress itself"),
    ("[{rule: T-SLA-004, within: page}]", "expected one of"),
])
def test_bad_suppressed_by_is_a_load_error(tmp_path, value, error):
    path = _precedence_pack(tmp_path, f"suppressed_by: {value}")
    with pytest.raises(RuleFileError, match=error):
        load_ruleset(extra=[path], builtin=False, kind="agreement")


def test_suppression_cycle_is_a_load_error(tmp_path):
    path = _precedence_pack(tmp_path, "suppressed_by: [T-SLA-004]")
    text = path.read_text().replace('message: "No response or resolution times."',
                                    'message: "No response or resolution times."\n    suppressed_by: [T-SLA-005]')
    path.write_text(text)
    with pytest.raises(RuleFileError, match="cycle"):
        load_ruleset(extra=[path], builtin=False, kind="agreement")


# ---- 7. clause lookups: one locator (model.clause_locator) for the segmenter, the engine and the model

def test_findings_name_the_deepest_clause(tmp_path):
    path = pack(tmp_path, """
        - id: T-FRB-005
          title: efforts
          kind: forbidden
          patterns: ["best efforts"]
          message: "m"
    """)
    text = "1. Services\n1.1 Scope\nThe Provider shall use best efforts.\n2. Fees\n2.1 Payment\nUse best efforts to pay.\n"
    analysis = analyse_text(text)
    result = lint_analysis(analysis, load_ruleset(extra=[path], builtin=False, kind="agreement"))
    assert [f.clause for f in result.findings] == ["1.1", "2.1"]


def test_locator_agrees_with_linear_lookup():
    text = "Preamble.\n1. Services\n1.1 Scope\nText (a) one; (b) two.\n2. Fees\nMore text.\n\nSchedule 1\n1. Item\n"
    analysis = analyse_text(text)
    lctx = LintContext(analysis, load_ruleset(builtin=False, extra=[]))
    for pos in range(len(text)):
        containing = [c for c in analysis.clauses if c.start <= pos < c.end]
        expected = max(containing, key=lambda c: c.level, default=None)  # the deepest clause, by brute force
        got = lctx.clause_at(pos)
        assert (got.id if got else None) == (expected.id if expected else None), pos


# ---- 3. values as written

def test_numeric_value_is_the_whole_spoken_decimal(tmp_path):
    path = pack(tmp_path, """
        - id: T-NUM-005
          title: availability floor
          kind: numeric
          anchor: [{regex: 'availab\\w+'}]
          value: percent
          check: {min: "99%"}
          message: "Availability of {value} is below {limit}."
    """)
    text = "The Services shall be available ninety-seven point five percent (97.5%) of each calendar month."
    [finding] = lint(path, text).findings
    assert finding.message == "Availability of ninety-seven point five percent (97.5%) is below 99%."


def test_numeric_unless_skips_units_such_as_service_credit_rates(tmp_path):
    rule = """
        - id: T-NUM-006
          title: availability floor
          kind: numeric
          anchor: [{regex: 'availab\\w+'}]
          value: percent
          check: {min: "99%"}
          message: "Availability of {value} is below {limit}."
          {unless}
    """
    text = ("1. Service Levels\nAvailability shall be at least 97% in each month.\n"
            "2. Credits\nFor each full 0.1% by which availability falls below the target, Provider shall "
            "credit Customer 3% of the monthly fees.\n")
    plain = lint(pack(tmp_path, rule.replace("{unless}", "")), text)
    assert sorted(f.message for f in plain.findings) == ["Availability of 3% is below 99%.", "Availability of 97% is below 99%."]
    ranked = lint(pack(tmp_path, rule.replace("{unless}", "unless: [credit customer]")), text)
    assert [f.message for f in ranked.findings] == ["Availability of 97% is below 99%."]


def test_excerpt_window_never_exceeds_the_limit_and_keeps_whole_words():
    import random

    from msalint.rulebook.context import window_excerpt

    rng = random.Random(7)
    for _ in range(300):
        words = ["w" * rng.randint(1, 12) for _ in range(rng.randint(30, 90))]
        k = rng.randrange(len(words) - 2)
        words[k:k + 2] = ["best", "efforts"]
        text = " ".join(words)
        start = text.index("best efforts")
        excerpt = window_excerpt(text, 0, len(text), start, start + len("best efforts"))
        assert len(excerpt) <= EXCERPT_MAX and "best efforts" in excerpt
        assert all(w in words for w in excerpt.strip("…").split())


def test_unitless_target_at_clause_end_is_not_mistaken_for_a_date():
    from msalint import api

    rs = api.load_rules(select=["MSA-NUM-001"], kind="agreement")
    text = "3.2 Priority 3 requests will receive a response within 4.\n\n3.3 Escalation contacts are listed.\n"
    assert [f.rule for f in api.lint_text(text, rs).findings] == ["MSA-NUM-001"]
    dated = "3.2 Priority 3 requests will receive a response within 4/5 of the month.\n"
    assert api.lint_text(dated, rs).findings == []


def test_unused_term_check_accepts_title_case_and_plural_variants_of_a_definition():
    from msalint import api

    rs = api.load_rules(select=["MSA-REF-003"])
    text = ('1. Definitions\n\n1.1 "EFFECTIVE DATE" means 1 May 2025.\n\n1.2 "Impression(s)" means a view of an '
            'advertisement.\n\n2. Term\n\n2.1 This Agreement starts on the Effective Date. Each Impression is counted.\n')
    assert api.lint_text(text, rs).findings == []
    unused = text.replace("Each Impression is counted.", "")
    assert [f.details.get("term") or f.message for f in api.lint_text(unused, rs).findings] != []


def test_statute_and_other_agreement_references_are_not_broken_internal_references():
    from msalint import api

    rs = api.load_rules(select=["MSA-REF-001", "MSA-REF-005"])
    text = ("1. Compliance\nEach party shall comply with Section 21E of the Exchange Act and Section 101(35A) of the "
            "Bankruptcy Code, and with Articles 17 and 18 of the Development Agreement.\n\n"
            "2. Liability\nSubject to Section 9.4, liability is capped. The services are listed in Exhibit C.\n")
    found = sorted((f.rule, f.excerpt is not None) for f in api.lint_text(text, rs).findings)
    assert found == [("MSA-REF-001", True), ("MSA-REF-005", True)]
