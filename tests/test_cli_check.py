"""`msalint check`: exit codes, formats, configuration, cache and overrides.

Most tests replace the engine by a small fake (``load_rules``/``lint_path`` in msalint.api) so they test the
command itself; the tests at the end run the real engine once it exists.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import msalint.api as api
from msalint.cli import cli
from msalint.cli.common import use_color
from msalint.errors import RuleFileError
from msalint.model import DocumentResult, Finding, Severity


class FakeRuleset:
    def __init__(self, kwargs):
        self.kwargs = kwargs
        self.hash = hashlib.sha256(repr(sorted(kwargs.items())).encode()).hexdigest()
        self.rules = []

    def get(self, rule_id):
        raise KeyError(rule_id)


class FakeEngine:
    """Findings from plain-text markers: 'best efforts' -> warning, 'NO-CAP' -> error, 'FYI' -> info."""

    def __init__(self):
        self.loads: list[dict] = []
        self.linted: list[tuple[str, dict]] = []

    def load_rules(self, extra=(), **kwargs):
        kwargs["extra"] = [str(e) for e in extra]
        if any(e.endswith("broken.yaml") for e in kwargs["extra"]):
            raise RuleFileError(kwargs["extra"][-1], 3, "key 'kind': unknown kind 'sometimes'")
        self.loads.append(kwargs)
        return FakeRuleset(kwargs)

    def lint_path(self, path, ruleset, engine=None, max_pages=None, source=None):
        self.linted.append((str(path), ruleset.kwargs))
        data = Path(path).read_bytes()
        if data.startswith(b"%PDF"):
            return DocumentResult(path=str(path), error="damaged PDF (no xref table)", error_code="unreadable")
        findings = []
        for lineno, line in enumerate(data.decode().splitlines(), 1):
            for marker, rule, sev in (("best efforts", "MSA-WEAK-001", Severity.WARNING),
                                      ("NO-CAP", "MSA-LIAB-001", Severity.ERROR),
                                      ("FYI", "MSA-INFO-001", Severity.INFO)):
                if marker in line and not any(rule.startswith(i) for i in ruleset.kwargs["ignore"]):
                    findings.append(Finding(rule=rule, severity=sev, message=f"found {marker}", line=lineno,
                                            start=0, end=1, excerpt=line, fingerprint=f"{rule}:{lineno}"))
        return DocumentResult(path=str(path), sha256=hashlib.sha256(data).hexdigest(), format="txt",
                              findings=findings)


@pytest.fixture
def engine(monkeypatch):
    fake = FakeEngine()
    monkeypatch.setattr(api, "load_rules", fake.load_rules)
    monkeypatch.setattr(api, "lint_path", fake.lint_path)
    return fake


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MSALINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def doc(repo: Path, name: str, text: str) -> str:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return name


def run(*args, env=None):
    return CliRunner().invoke(cli, ["check", *args], env=env, catch_exceptions=False)


def test_clean_document_exits_0(engine, repo):
    result = run(doc(repo, "clean.txt", "The Provider shall respond within 4 hours.\n"))
    assert result.exit_code == 0
    assert result.stdout.strip() == "Found 0 findings: 0 errors, 0 warnings, 0 info in 1 document"
    assert result.stderr == ""


def test_default_fail_on_is_error(engine, repo):
    doc(repo, "weak.txt", "Provider will use best efforts.\n")
    assert run("weak.txt").exit_code == 0
    assert run("weak.txt", "--fail-on", "warning").exit_code == 1
    doc(repo, "bad.txt", "Liability: NO-CAP\n")
    assert run("bad.txt").exit_code == 1
    doc(repo, "fyi.txt", "FYI\n")
    assert run("fyi.txt", "--fail-on", "warning").exit_code == 0
    assert run("fyi.txt", "--fail-on", "info").exit_code == 1


def test_fail_on_from_config(engine, repo):
    doc(repo, "weak.txt", "best efforts\n")
    (repo / ".msalint.toml").write_text('fail_on = "warning"\n')
    assert run("weak.txt").exit_code == 1
    assert run("weak.txt", "--fail-on", "error").exit_code == 0  # the flag beats the file


def test_unreadable_document_exits_3_after_reporting_the_others(engine, repo):
    doc(repo, "a.txt", "NO-CAP\n")
    (repo / "b.pdf").write_bytes(b"%PDF-1.7 truncated")
    result = run("a.txt", "b.pdf")
    assert result.exit_code == 3
    assert "a.txt:1:1: error MSA-LIAB-001 found NO-CAP" in result.stdout
    assert "b.pdf: unreadable: damaged PDF (no xref table)" in result.stdout
    assert result.stdout.strip().endswith("in 2 documents; 1 unreadable")


def test_directories_are_searched(engine, repo):
    doc(repo, "contracts/x.txt", "best efforts\n")
    doc(repo, "contracts/sub/y.md", "NO-CAP\n")
    doc(repo, "contracts/ignore.csv", "NO-CAP\n")
    result = run("contracts")
    assert sorted(p for p, _ in engine.linted) == ["contracts/sub/y.md", "contracts/x.txt"]
    assert result.exit_code == 1


def test_json_format_and_output_file(engine, repo):
    doc(repo, "a.txt", "best efforts\nNO-CAP\n")
    (repo / "out").mkdir()
    result = run("a.txt", "--format", "json", "-o", "out/report.json")
    assert result.exit_code == 1 and result.stdout == ""
    data = json.loads((repo / "out" / "report.json").read_text())
    assert [f["rule"] for f in data["documents"][0]["findings"]] == ["MSA-WEAK-001", "MSA-LIAB-001"]
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 0}
    stdout_json = json.loads(run("a.txt", "--format", "json").stdout)
    assert stdout_json["documents"][0]["path"] == "a.txt"


def test_format_from_config(engine, repo):
    doc(repo, "a.txt", "ok\n")
    (repo / "pyproject.toml").write_text('[tool.msalint]\nformat = "json"\n')
    assert json.loads(run("a.txt").stdout)["version"] == 1


def test_select_and_ignore_are_comma_separated_and_repeatable(engine, repo):
    doc(repo, "a.txt", "ok\n")
    (repo / ".msalint.toml").write_text('ignore = ["MSA-INFO"]\n')
    run("a.txt", "--select", "MSA-SLA,MSA-LIAB", "--select", "MSA-WEAK-001", "--ignore", "MSA-LIAB-002,MSA-X",
        "--profile", "customer")
    kwargs = engine.loads[-1]
    assert kwargs["select"] == ["MSA-SLA", "MSA-LIAB", "MSA-WEAK-001"]
    assert kwargs["ignore"] == ["MSA-INFO", "MSA-LIAB-002", "MSA-X"]
    assert kwargs["profile"] == "customer"


def test_config_thresholds_severity_and_rules_reach_load_rules(engine, repo):
    doc(repo, "a.txt", "ok\n")
    (repo / "packs").mkdir()
    (repo / "packs" / "house.yaml").write_text("rules: []\n")
    (repo / ".msalint.toml").write_text(
        'rules = ["packs/house.yaml"]\n[thresholds]\nmax_days = 30\n[severity]\nMSA-WEAK-001 = "error"\n')
    run("a.txt")
    kwargs = engine.loads[-1]
    assert kwargs["extra"] == [str(repo / "packs" / "house.yaml")]
    assert kwargs["thresholds"] == {"max_days": 30} and kwargs["severity"] == {"MSA-WEAK-001": "error"}


def test_overrides_lint_matching_documents_with_their_own_ruleset(engine, repo):
    doc(repo, "legacy/old.txt", "best efforts\n")
    doc(repo, "current/new.txt", "best efforts\n")
    (repo / ".msalint.toml").write_text('fail_on = "warning"\n[[overrides]]\npaths = ["legacy/*"]\nignore = ["MSA-WEAK"]\n')
    result = run("legacy", "current")
    used = dict(engine.linted)
    assert used["legacy/old.txt"]["ignore"] == ["MSA-WEAK"] and used["current/new.txt"]["ignore"] == []
    assert "current/new.txt:1:1" in result.stdout and "legacy/old.txt:1:1" not in result.stdout
    assert result.exit_code == 1


def test_exclude_from_config_applies_to_explicit_files(engine, repo):
    doc(repo, "drafts/d.txt", "NO-CAP\n")
    doc(repo, "final.txt", "ok\n")
    (repo / ".msalint.toml").write_text('exclude = ["drafts/*"]\n')
    result = run("drafts/d.txt", "final.txt")
    assert [p for p, _ in engine.linted] == ["final.txt"] and result.exit_code == 0


def test_second_run_is_answered_from_the_cache(engine, repo):
    doc(repo, "a.txt", "best efforts\n")
    first = run("a.txt", "--fail-on", "warning")
    second = run("a.txt", "--fail-on", "warning")
    assert len(engine.linted) == 1
    assert first.stdout == second.stdout and second.exit_code == 1
    assert list((repo / ".msalint-cache").rglob("*.json"))
    doc(repo, "a.txt", "best efforts, changed\n")
    run("a.txt")
    assert len(engine.linted) == 2  # changed bytes -> miss
    run("a.txt", "--ignore", "MSA-X")
    assert len(engine.linted) == 3  # different ruleset -> miss


def test_warm_run_loads_no_rules_unless_the_format_needs_them(engine, repo):
    doc(repo, "a.txt", "best efforts\n")
    run("a.txt")
    loads = len(engine.loads)
    assert run("a.txt").exit_code == 0 and run("a.txt", "--format", "json").exit_code == 0
    assert len(engine.loads) == loads  # every document was a cache hit: no YAML parsing at all
    run("a.txt", "--statistics")
    assert len(engine.loads) == loads + 1  # rule titles are needed
    assert len(engine.linted) == 1


def test_editing_an_extra_rule_pack_invalidates_the_cache(engine, repo):
    doc(repo, "a.txt", "ok\n")
    doc(repo, "packs/house.yaml", "rules: []\n")
    run("a.txt", "--rules", "packs")
    run("a.txt", "--rules", "packs")
    assert len(engine.linted) == 1
    doc(repo, "packs/house.yaml", "rules: []  # edited\n")
    run("a.txt", "--rules", "packs")
    assert len(engine.linted) == 2


def test_no_cache_flag_and_config_and_env_dir(engine, repo, tmp_path_factory):
    doc(repo, "a.txt", "ok\n")
    run("a.txt", "--no-cache")
    run("a.txt", "--no-cache")
    assert len(engine.linted) == 2 and not (repo / ".msalint-cache").exists()
    (repo / ".msalint.toml").write_text("cache = false\n")
    run("a.txt")
    assert len(engine.linted) == 3
    (repo / ".msalint.toml").unlink()
    elsewhere = tmp_path_factory.mktemp("cachedir")
    run("a.txt", env={"MSALINT_CACHE_DIR": str(elsewhere)})
    run("a.txt", env={"MSALINT_CACHE_DIR": str(elsewhere)})
    assert len(engine.linted) == 4 and list(elsewhere.rglob("*.json"))


def test_rule_file_error_exits_2_with_one_line(engine, repo):
    doc(repo, "a.txt", "ok\n")
    doc(repo, "broken.yaml", "rules: []\n")
    result = run("a.txt", "--rules", "broken.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "msalint: error: broken.yaml:3: key 'kind': unknown kind 'sometimes'\n"


@pytest.mark.parametrize("args", [["--format", "xml"], ["--fail-on", "fatal"], ["--bogus"]])
def test_usage_errors_exit_2_with_one_line(engine, repo, args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("msalint: error: ") and result.stderr.count("\n") == 1


def test_bad_config_exits_2(engine, repo):
    doc(repo, "a.txt", "ok\n")
    (repo / ".msalint.toml").write_text('select = "MSA"\n')
    result = run("a.txt")
    assert result.exit_code == 2 and "key 'select'" in result.stderr


def test_colour_flag(engine, repo):
    doc(repo, "a.txt", "NO-CAP\n")
    assert "\x1b[" in run("a.txt", "--color", "always").stdout
    assert "\x1b[" not in run("a.txt").stdout  # not a terminal


class FakeTTY:
    def isatty(self):
        return True


def test_colour_decision(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", FakeTTY()) is True
    assert use_color("never", FakeTTY()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", FakeTTY()) is False
    assert use_color("always", FakeTTY()) is True  # an explicit flag beats NO_COLOR (no-color.org)
    monkeypatch.setenv("NO_COLOR", "")
    assert use_color("auto", FakeTTY()) is True


def test_no_documents_warns_on_stderr_unless_quiet(engine, repo):
    (repo / "empty").mkdir()
    result = run("empty")
    assert result.exit_code == 0 and "no documents" in result.stderr
    assert run("empty", "--quiet").stderr == ""


def test_statistics(engine, repo):
    doc(repo, "a.txt", "best efforts\nbest efforts\nNO-CAP\n")
    out = run("a.txt", "--statistics").stdout
    assert "    2  MSA-WEAK-001  warning" in out and "    1  MSA-LIAB-001  error" in out
    assert "a.txt:1:1" not in out


# --- with the real engine -------------------------------------------------------------------------------

def real_engine_available() -> bool:
    try:
        import msalint.engine  # noqa: F401
        import msalint.rulebook.loader  # noqa: F401
        import msalint.segment  # noqa: F401
    except ImportError:
        return False
    return True


needs_engine = pytest.mark.skipif(not real_engine_available(), reason="rule engine not built yet")

DEFECTIVE = """MASTER SERVICES AGREEMENT

1. Services
The Provider will use best efforts to provide the Services.

2. Fees
Invoices are payable within ninety (90) days.
"""


@needs_engine
def test_real_engine_end_to_end(repo):
    doc(repo, "msa.md", DEFECTIVE)
    result = run("msa.md", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert data["documents"][0]["findings"], "the defective agreement should give findings"
    assert data["documents"][0]["sha256"] == hashlib.sha256(DEFECTIVE.encode()).hexdigest()


@needs_engine
def test_cache_hit_does_not_import_spacy_or_pdf_readers(repo):
    doc(repo, "msa.md", DEFECTIVE)
    env = {**os.environ, "MSALINT_CACHE_DIR": str(repo / "c")}
    code = ("import sys; from msalint.cli import main; sys.argv=['msalint','check','msa.md','-q'];\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code=e.code\n"
            "heavy=[m for m in ('spacy','pdfplumber','pypdfium2','docx') if m in sys.modules]\n"
            "print('HEAVY', ','.join(heavy), 'EXIT', code, file=sys.stderr)")
    def once():
        return subprocess.run([sys.executable, "-c", code], cwd=repo, env=env, capture_output=True, text=True)

    first = once()
    assert "HEAVY spacy" in first.stderr  # the first run really linted
    # Teammates editing msalint/ or rules/ in this shared checkout change the cache key between runs, so
    # allow a couple of refills; on a quiet tree the second run is the hit.
    for _ in range(3):
        second = once()
        if second.stderr.strip().startswith("HEAVY  EXIT"):
            break
        first = second
    assert second.stderr.strip().startswith("HEAVY  EXIT"), second.stderr
    assert second.stdout == first.stdout


@needs_engine
def test_real_engine_unreadable_pdf_exits_3_and_others_are_reported(repo):
    doc(repo, "msa.md", DEFECTIVE)
    (repo / "scan.pdf").write_bytes(b"%PDF-1.7\n this is not really a PDF")
    result = run("msa.md", "scan.pdf", "--no-cache")
    assert result.exit_code == 3
    assert "msa.md: info MSA-GEN-001" in result.stdout  # a missing element: no line to point at
    assert "scan.pdf: unreadable:" in result.stdout


def test_pdf_engine_option_reaches_the_reader(tmp_path, monkeypatch):
    from fpdf import FPDF

    seen = []
    real_read = api.read_document

    def spy(path, *, engine=None, source=None):
        seen.append(engine)
        return real_read(path, engine=engine, source=source)

    monkeypatch.setattr(api, "read_document", spy)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "1. Services\nProvider will use best efforts to provide the services.")
    path = tmp_path / "a.pdf"
    pdf.output(str(path))
    runner = CliRunner()
    for engine in ("pdfplumber", "pypdfium2"):
        res = runner.invoke(cli, ["check", "--no-cache", "--select", "MSA-WRD-001", "--format", "json",
                                  "--pdf-engine", engine, str(path)])
        doc = json.loads(res.output)["documents"][0]
        assert [f["rule"] for f in doc["findings"]] == ["MSA-WRD-001"], engine
        assert doc["findings"][0]["page"] == 1
    assert seen == ["pdfplumber", "pypdfium2"]


def test_min_severity_filters_what_is_printed_not_the_exit_status(engine, repo):
    doc(repo, "a.txt", "FYI only\nbest efforts\nNO-CAP\n")
    everything = run("a.txt", "--no-cache")
    assert "MSA-INFO-001" in everything.stdout
    for flag in ("--min-severity", "--show"):
        result = run("a.txt", "--no-cache", flag, "warning")
        assert "MSA-INFO-001" not in result.stdout and "MSA-WEAK-001" in result.stdout
        assert result.exit_code == everything.exit_code == 1
    quiet = run("a.txt", "--no-cache", "--show", "error", "--fail-on", "warning")
    assert "MSA-WEAK-001" not in quiet.stdout and quiet.exit_code == 1  # hidden, still failing
    assert quiet.stdout.rstrip().endswith("; 2 below error hidden")


def test_verbose_shows_the_excerpt_under_each_finding(engine, repo):
    doc(repo, "a.txt", "They use best efforts here\n")
    assert "> They use best efforts here" not in run("a.txt", "--no-cache").stdout
    for flag in ("-v", "--verbose", "--show-details"):
        assert "    > They use best efforts here" in run("a.txt", "--no-cache", flag).stdout


README = "# contracts\n\nOur signed supplier agreements, one folder per supplier.\nRun `pre-commit install` once.\n"


@needs_engine
def test_a_readme_in_a_folder_run_is_listed_as_skipped_and_exits_0(repo):
    doc(repo, "contracts/README.md", README)
    result = run("contracts", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "contracts/README.md: skipped: not an agreement" in result.stdout
    assert "1 skipped (not an agreement)" in result.stdout
    assert result.stderr == ""  # a folder run only lists it


@needs_engine
def test_a_readme_named_on_the_command_line_says_so_on_stderr(repo):
    name = doc(repo, "README.md", README)
    result = run(name, "--no-cache", "--format", "json")
    assert result.exit_code == 0
    (document,) = json.loads(result.stdout)["documents"]
    assert document["kind"]["kind"] == "not_contract" and document["findings"] == []
    assert document["skipped"].startswith("not an agreement")
    assert result.stderr.startswith("msalint: README.md: not an agreement")
    assert "--kind" in result.stderr  # and how to lint it anyway


@needs_engine
def test_kind_set_per_path_in_the_config_overrides_the_classifier(repo):
    (repo / ".msalint.toml").write_text('[[overrides]]\npaths = ["schedules/*"]\nkind = "sla"\n', encoding="utf-8")
    doc(repo, "schedules/notes.md", DEFECTIVE)
    doc(repo, "msa.md", DEFECTIVE)
    result = run(".", "--no-cache", "--format", "json")
    kinds = {Path(d["path"]).name: d["kind"] for d in json.loads(result.stdout)["documents"]}
    assert kinds["notes.md"]["kind"] == "sla" and kinds["notes.md"]["source"] != "detected"
    assert kinds["msa.md"]["kind"] == "agreement" and kinds["msa.md"]["source"] == "detected"


CONSULTING = """CONSULTING AGREEMENT

This Consulting Agreement is made between Northfield Ltd ("Company") and Rowan Advisory LLP ("Consultant").

1. Services. Consultant shall advise the Company on its marketing plans for the spring season.
2. Fees. The Company shall pay the monthly fee within thirty (30) days of each invoice.
3. Law. This Agreement is governed by the laws of England.
"""


def _cap_finding(result):
    (document,) = json.loads(result.stdout)["documents"]
    return document["kind"]["subject"], next(f for f in document["findings"] if f["element"] == "liability_cap")


@needs_engine
def test_a_missing_element_outside_it_is_info_until_the_subject_is_set(repo):
    name = doc(repo, "consulting.md", CONSULTING)
    subject, cap = _cap_finding(run(name, "--no-cache", "--format", "json"))
    assert subject == "other" and cap["severity"] == "info" and cap["details"]["rule_severity"] == "warning"
    subject, cap = _cap_finding(run(name, "--no-cache", "--format", "json", "--subject", "it"))
    assert subject == "it" and cap["severity"] == "warning" and "graded" not in cap["details"]


@needs_engine
def test_subject_set_per_path_in_the_config(repo):
    (repo / ".msalint.toml").write_text('[[overrides]]\npaths = ["it/*"]\nsubject = "it"\n', encoding="utf-8")
    doc(repo, "it/consulting.md", CONSULTING)
    subject, cap = _cap_finding(run("it/consulting.md", "--no-cache", "--format", "json"))
    assert subject == "it" and cap["severity"] == "warning"


def test_a_bad_subject_in_the_config_is_a_usage_error(repo):
    (repo / ".msalint.toml").write_text('subject = "finance"\n', encoding="utf-8")
    doc(repo, "consulting.md", CONSULTING)
    result = run("consulting.md", "--no-cache")
    assert result.exit_code == 2 and "subject" in result.stderr and "finance" in result.stderr
