"""`applies_to: {requires: [...], moot_if: [...]}`: an element that is moot given the rest of the deal is
`not_applicable` with a reason, and its rule gives no finding; bad declarations are load errors naming file:line."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from msalint.engine import lint_analysis
from msalint.errors import RuleFileError

from .helpers import analyse_text, load_pack, write_deal

RULE = """
  - id: {id}
    title: {element}
    kind: required
    element: {element}
    severity: warning
    patterns: [{pattern}]{extra}
    message: No {element}.
    rationale: It matters.
    remediation: Add it.
    examples:
      fail: ["Nothing here."]
      pass: ["{pattern}"]
"""


def pack(*rules: tuple[str, str, str, str]) -> str:
    """A pack of required rules from (id, element, phrase, extra YAML lines)."""
    return "rules:" + "".join(RULE.format(id=i, element=e, pattern=p, extra=x) for i, e, p, x in rules)


LEVELS = ("TST-MT-001", "service_levels", "availability of", "")
CREDITS = ("TST-MT-002", "service_credits", "service credit", "\n    applies_to: {requires: [service_levels]}")
AT_WILL = ("TST-MT-003", "exit_at_will", "either party may terminate for convenience",
           "\n    report: present\n    enabled: false")
CURE = ("TST-MT-004", "cure_period", "cure period", "\n    applies_to: {moot_if: [exit_at_will]}")


def lint(ruleset, text):
    result = lint_analysis(analyse_text(text), ruleset)
    return sorted(f.rule for f in result.findings), result.elements, result.not_applicable


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    return load_pack(tmp_path_factory.mktemp("moot"), pack(LEVELS, CREDITS, AT_WILL, CURE))


def test_a_rule_that_requires_an_absent_element_is_not_applicable_with_the_reason(ruleset):
    rules, elements, reasons = lint(ruleset, "Provider shall build the website for a fixed fee.")
    assert "TST-MT-002" not in rules and "TST-MT-001" in rules
    assert elements["service_credits"] == "not_applicable" and elements["service_levels"] == "missing"
    assert reasons == {"service_credits": "needs service levels, which the document does not have"}


def test_the_same_rule_applies_once_the_required_element_is_there(ruleset):
    rules, elements, reasons = lint(ruleset, "Provider shall keep an availability of 99.9% each month.")
    assert "TST-MT-002" in rules and elements["service_credits"] == "missing"
    assert "service_credits" not in reasons


def test_moot_if_reads_a_silent_detection_only_element(ruleset):
    text = "Either party may terminate for convenience on thirty days' notice."
    rules, elements, reasons = lint(ruleset, text)
    assert "TST-MT-004" not in rules and "TST-MT-003" not in rules  # the fact itself is off by default
    assert elements["cure_period"] == "not_applicable"
    assert reasons["cure_period"] == "moot: the document has exit at will"
    rules, elements, _ = lint(ruleset, "The Customer may terminate for convenience on thirty days' notice.")
    assert "TST-MT-004" in rules and elements["cure_period"] == "missing"


def test_a_present_element_stays_present_even_when_moot(ruleset):
    text = "Either party may terminate for convenience. A cure period of 30 days applies to any breach."
    rules, elements, reasons = lint(ruleset, text)
    assert elements["cure_period"] == "present" and "cure_period" not in reasons


def test_the_answer_does_not_depend_on_rule_order_or_selection(tmp_path, ruleset):
    reversed_set = load_pack(tmp_path, pack(CURE, AT_WILL, CREDITS, LEVELS))
    text = "Either party may terminate for convenience. Provider shall build the website."
    assert lint(reversed_set, text) == lint(ruleset, text)
    # the credits rule alone still reads the service-levels detection of the rules it was loaded with
    alone = lint_analysis(analyse_text("Provider shall build the website."), ruleset.only("TST-MT-002"))
    assert alone.findings == [] and alone.elements["service_credits"] == "not_applicable"


@pytest.mark.parametrize("rules, message", [
    ((LEVELS, ("TST-MT-002", "service_credits", "service credit", "\n    applies_to: {requires: [uptime]}")),
     "key 'applies_to.requires': element 'uptime' is not detected by any loaded required rule"),
    ((LEVELS, ("TST-MT-002", "service_credits", "service credit", "\n    applies_to: {moot_if: [service_credits]}")),
     "a rule cannot depend on its own element 'service_credits'"),
    ((("TST-MT-001", "service_levels", "availability of", "\n    applies_to: {requires: [service_credits]}"),
      CREDITS), "elements require each other (service_credits -> service_levels -> service_credits)"),
    ((LEVELS, AT_WILL, ("TST-MT-004", "cure_period", "cure period",
                        "\n    applies_to: {requires: [exit_at_will], moot_if: [exit_at_will]}")),
     "element 'exit_at_will' is in both requires and moot_if"),
    ((LEVELS, ("TST-MT-002", "service_credits", "service credit", "\n    applies_to: {requires: [Service Levels]}")),
     "'Service Levels' is not an element name"),
    ((LEVELS, ("TST-MT-002", "service_credits", "service credit", "\n    applies_to: {requires: []}")),
     "applies_to"),
])
def test_bad_declarations_are_load_errors_naming_the_file_and_line(tmp_path, rules, message):
    with pytest.raises(RuleFileError) as err:
        load_pack(tmp_path, pack(*rules))
    text = str(err.value)
    assert message in text and "pack.yaml:" in text


def test_rules_check_reports_a_requires_cycle_as_one_line_with_exit_2(tmp_path):
    cyclic = (("TST-MT-001", "service_levels", "availability of", "\n    applies_to: {requires: [service_credits]}"),
              CREDITS)
    (tmp_path / "pack.yaml").write_text(pack(*cyclic), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "msalint", "rules", "--check", "--rules", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "pack.yaml:" in proc.stderr and "require each other" in proc.stderr and "Traceback" not in proc.stderr


# ---- the built-in rulebook on generated documents (Markdown, DOCX, PDF)

HEAD = ["MANAGED IT SERVICES AGREEMENT",
        'This Agreement is made between Acme Ltd ("Customer") and Beta IT Ltd ("Provider").']
LAW = "4. Governing law. This Agreement is governed by the laws of England."
FEES = "2. Fees. Customer shall pay the fees within 30 days of invoice."
ON_SITE = ("1. Services. Provider shall give help desk support and maintain the Customer's own servers, network and "
           "software at the Customer's premises.")
HOSTED = ("1. Services. Provider shall host the Customer's online shop in its data centre and give help desk "
          "support.")
RESPONSE = "Provider shall respond to each support request within four hours."
BREACH = ("3. Termination. Either party may terminate this Agreement if the other party commits a material breach "
          "and fails to remedy it within 30 days after notice.")
MUTUAL_EXIT = "3. Termination. This Agreement may be terminated by either party for any reason on sixty days' notice."
CUSTOMER_EXIT = "3. Termination. The Customer may terminate this Agreement for convenience on sixty days' notice."

SUPPORT_REGIME = {"priority_levels", "resolution_times"}  # classify and close support requests: need response times
SLA_FAMILY = {"MSA-SLA-003": "priority_levels", "MSA-SLA-005": "resolution_times", "MSA-SLA-007": "escalation",
              "MSA-SLA-008": "service_credits", "MSA-GOV-001": "reporting"}


@pytest.fixture(scope="module")
def builtin():
    from msalint.rulebook.loader import load_ruleset

    return load_ruleset()


def lint_file(tmp_path, builtin, fmt: str, paragraphs: list[str]):
    from msalint.api import lint_path

    result = lint_path(write_deal(tmp_path / f"deal.{fmt}", paragraphs), builtin)
    assert result.error is None and result.kind["kind"] == "agreement"
    return {f.rule for f in result.findings}, result.elements, result.not_applicable


FORMATS = ["md", "docx", "pdf"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_service_levels_or_response_times_make_the_sla_family_moot(tmp_path, builtin, fmt):
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, HEAD + [ON_SITE, FEES, BREACH, LAW])
    assert {"MSA-SLA-001", "MSA-SLA-004"} <= rules  # the real gap is still reported, once
    assert not rules & set(SLA_FAMILY)
    for element in SLA_FAMILY.values():
        assert elements[element] == "not_applicable"
        needs = "response times" if element in SUPPORT_REGIME else "service levels or response times"
        assert reasons[element] == f"needs {needs}, which the document does not have"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_response_time_brings_the_sla_family_back(tmp_path, builtin, fmt):
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, HEAD + [ON_SITE + " " + RESPONSE, FEES, BREACH, LAW])
    assert elements["response_times"] == "present"
    assert {"MSA-SLA-003", "MSA-SLA-007", "MSA-SLA-008", "MSA-GOV-001"} <= rules
    assert not set(SLA_FAMILY.values()) & set(reasons)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_exit_at_will_for_either_party_makes_breach_termination_and_cure_moot(tmp_path, builtin, fmt):
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, HEAD + [HOSTED, FEES, MUTUAL_EXIT, LAW])
    assert not rules & {"MSA-TRX-001", "MSA-TRX-002"}
    assert elements["termination_for_cause"] == elements["cure_period"] == "not_applicable"
    assert reasons["termination_for_cause"] == "moot: the document has mutual termination for convenience"
    assert reasons["cure_period"] == "moot: the document has mutual termination for convenience"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_one_sided_exit_leaves_breach_termination_asked_and_cure_needs_it(tmp_path, builtin, fmt):
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, HEAD + [HOSTED, FEES, CUSTOMER_EXIT, LAW])
    assert "MSA-TRX-001" in rules and elements["termination_for_cause"] == "missing"
    assert "MSA-TRX-002" not in rules
    assert reasons["cure_period"] == "needs termination for cause, which the document does not have"


def test_check_json_rule_text_and_batch_report_show_the_reason(tmp_path):
    folder = tmp_path / "deals"
    folder.mkdir()
    (folder / "deal.md").write_text("\n\n".join(HEAD + [ON_SITE, FEES, BREACH, LAW]) + "\n", encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "msalint", *args],  # noqa: E731
                                       capture_output=True, text=True)
    checked = json.loads(run("check", str(folder / "deal.md"), "--format", "json").stdout)
    reasons = checked["documents"][0]["not_applicable"]
    assert reasons["service_credits"].startswith("needs service levels or response times")
    shown = run("rule", "MSA-SLA-008").stdout
    assert "only when the document has service levels or response times" in shown
    assert "moot when it has mutual termination for convenience" in run("rule", "MSA-TRX-002").stdout
    db, out = tmp_path / "r.sqlite", tmp_path / "review"
    assert run("batch", "run", str(folder), "--db", str(db)).returncode in (0, 1)
    assert run("batch", "report", "--db", str(db), "--out", str(out)).returncode == 0
    exported = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert exported["documents"][0]["not_applicable"]["escalation"].startswith("needs service levels")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "not applicable: needs service levels or response times" in html


BUILD = ("1. Services. Provider shall design and build the Customer's online shop and give help desk support "
         "at the Customer's premises.")


HOSTING_HEAD = ["WEB HOSTING AGREEMENT", HEAD[1]]  # a managed (IT) service builds configurations: work made
SUPPORT_HEAD = ["SOFTWARE SUPPORT AGREEMENT", HEAD[1]]  # support of systems the customer runs itself: nothing to move
ASKED_ONLY_WITH = [  # rule, element, why not asked, document without the fact, document with it
    ("MSA-TRX-006", "data_return", "needs hosted customer data", HEAD + [ON_SITE], HEAD + [HOSTED]),
    ("MSA-TRX-005", "exit_assistance", "needs operated service", SUPPORT_HEAD + [ON_SITE], HEAD + [HOSTED]),
    ("MSA-IPR-001", "ip_ownership", "needs work product made", HOSTING_HEAD + [HOSTED], HEAD + [BUILD]),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("rule, element, why, without, with_fact", ASKED_ONLY_WITH, ids=[r[0] for r in ASKED_ONLY_WITH])
def test_an_element_is_asked_only_when_the_deal_has_what_it_needs(tmp_path, builtin, fmt, rule, element, why,
                                                                 without, with_fact):
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, without + [FEES, BREACH, LAW])
    assert rule not in rules and elements[element] == "not_applicable"
    assert reasons[element] == f"{why}, which the document does not have"
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, with_fact + [FEES, BREACH, LAW])
    assert rule in rules and elements[element] == "missing" and element not in reasons


UPTIME_ONLY = "Provider shall keep the online shop available 99.9% of each calendar month, measured by its monitoring."


@pytest.mark.parametrize("fmt", FORMATS)
def test_availability_targets_alone_ask_for_response_times_once_not_for_priorities(tmp_path, builtin, fmt):
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, HEAD + [HOSTED + " " + UPTIME_ONLY, FEES, BREACH, LAW])
    assert elements["service_levels"] == "present" and "MSA-SLA-004" in rules
    assert not rules & {"MSA-SLA-003", "MSA-SLA-005"}
    assert reasons["priority_levels"] == reasons["resolution_times"] == (
        "needs response times, which the document does not have")
    assert "MSA-SLA-008" in rules  # credits still follow the availability target
