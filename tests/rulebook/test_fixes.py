"""`fix:` in the rule language: a literal edit with a safety level, carried by findings, JSON, the cache and
SARIF `fixes[]` (PDF and DOCX lines are not the file's, so they get none)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.serialise import result_from_dict
from msalint.cli import cli
from msalint.engine import lint_analysis
from msalint.errors import RuleFileError
from msalint.rulebook.fixes import match_case

from .helpers import analyse_text, load_pack

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
sys.path.insert(0, str(Path(__file__).parents[1] / "report"))
from docxgen import build_docx  # noqa: E402

PACK = (Path(__file__).parent / "packs" / "house-email.yaml").read_text(encoding="utf-8")
AGREEMENT = "1. Notices\n\nNotices go by E-mail or post.\nA copy goes by e-mail to the account manager.\n"


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("house")
    load_pack(folder, PACK)
    return folder


def findings(folder, text):
    # a two-line fragment reads as no agreement at all; lint it as one
    return lint_analysis(analyse_text(text), load_pack(folder, PACK).with_kind("agreement")).findings


def test_findings_carry_the_literal_fix_in_the_hits_capitalisation(pack_dir):
    found = findings(pack_dir, AGREEMENT)
    assert [(f.fix.original, f.fix.replacement, f.fix.applicability) for f in found] == [
        ("E-mail", "Email", "safe"), ("e-mail", "email", "safe")]
    for f in found:
        assert AGREEMENT[f.fix.start:f.fix.end] == f.fix.original and (f.fix.start, f.fix.end) == (f.start, f.end)
        assert f.to_dict()["fix"]["replacement"] == f.fix.replacement


def test_match_case():
    assert match_case("AND/OR", "or") == "OR" and match_case("And/or", "or") == "Or"
    assert match_case("and/or", "or") == "or" and match_case("E-mail", "") == ""


def test_builtin_and_or_proposes_an_unsafe_edit():
    from msalint.rulebook.loader import load_ruleset

    ruleset = load_ruleset(select=["MSA-WRD-006"])
    found = lint_analysis(analyse_text("Provider shall repair And/or replace the device."), ruleset).findings
    assert [(f.rule, f.fix.original, f.fix.replacement, f.fix.applicability) for f in found] == [
        ("MSA-WRD-006", "And/or", "Or", "unsafe")]


def test_the_cache_keeps_the_fix_and_refuses_a_malformed_one(pack_dir):
    from msalint.model import DocumentResult

    result = DocumentResult(path="a.txt", sha256="0" * 64, format="txt", findings=findings(pack_dir, AGREEMENT))
    data = json.loads(json.dumps(result.to_dict()))
    assert [f.fix for f in result_from_dict(data, "a.txt").findings] == [f.fix for f in result.findings]
    data["findings"][0]["fix"]["start"] = "7"
    with pytest.raises(TypeError):
        result_from_dict(data, "a.txt")


@pytest.mark.parametrize("fix, message", [
    ("fix: email", "must be a mapping"),
    ("fix: {replace: email}", "applicability must be one of"),
    ("fix: {replace: email, applicability: maybe}", "applicability must be one of"),
    ("fix: {replace: [email], applicability: safe}", "literal replacement text"),
    ("fix: {replace: email, applicability: safe, regex: x}", "unknown key 'regex'"),
])
def test_a_bad_fix_is_a_located_rule_file_error(tmp_path, fix, message):
    text = PACK.replace("fix:\n      replace: email\n      applicability: safe\n"
                        "      description: \"Use the house spelling 'email'\"", fix)
    assert text != PACK
    with pytest.raises(RuleFileError, match=message) as err:
        load_pack(tmp_path, text)
    assert "pack.yaml:" in str(err.value)


def test_only_forbidden_rules_take_a_fix(tmp_path):
    text = PACK.replace("kind: forbidden", "kind: required\n    element: email_spelling")
    with pytest.raises(RuleFileError, match="unknown key for a required rule"):
        load_pack(tmp_path, text)


def sarif(tmp_path, pack_dir, name, data):
    (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(tmp_path / name), "--format", "sarif", "--no-cache",
                                      "--rules", str(pack_dir / "pack.yaml"), "--select", "HSE",
                                      "--kind", "agreement"])
    assert result.exit_code == 0, result.output  # warnings only
    return json.loads(result.stdout)["runs"][0]["results"]


def test_sarif_fixes_replace_exactly_the_words_in_a_text_file(tmp_path, pack_dir):
    results = sarif(tmp_path, pack_dir, "msa.txt", AGREEMENT.encode())
    lines = AGREEMENT.split("\n")
    assert len(results) == 2
    for r in results:
        (fix,) = r["fixes"]
        (change,) = fix["artifactChanges"]
        (replacement,) = change["replacements"]
        region = replacement["deletedRegion"]
        line = lines[region["startLine"] - 1]
        deleted = line[region["startColumn"] - 1:region["endColumn"] - 1]
        assert deleted.lower() == "e-mail" and replacement["insertedContent"]["text"].lower() == "email"
        assert change["artifactLocation"]["uri"].endswith("msa.txt")
        assert fix["properties"]["applicability"] == "safe"


def test_sarif_has_no_fixes_for_docx(tmp_path, pack_dir):
    results = sarif(tmp_path, pack_dir, "msa.docx", build_docx(AGREEMENT.strip().split("\n")))
    assert results and all("fixes" not in r for r in results)


@pytest.mark.shared
def test_sarif_with_fixes_is_valid(tmp_path, pack_dir, shared):
    from test_sarif_format import validate_schema

    (tmp_path / "msa.txt").write_text(AGREEMENT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "msa.txt"), "--format", "sarif", "--no-cache",
                                      "--rules", str(pack_dir / "pack.yaml"), "--kind", "agreement"])
    log = json.loads(result.stdout)
    assert any("fixes" in r for r in log["runs"][0]["results"])
    validate_schema(log, shared)


def test_sarif_fixes_for_markdown_as_written_but_not_for_rendered_markup(tmp_path, pack_dir):
    plain = sarif(tmp_path, pack_dir, "plain.md", AGREEMENT.encode())
    assert len(plain) == 2 and all(r.get("fixes") for r in plain)
    rendered = AGREEMENT.replace("Notices go by", "<span class='x'>Notices</span> go by")
    results = sarif(tmp_path, pack_dir, "rendered.md", rendered.encode())
    assert len(results) == 2 and not any("fixes" in r for r in results)
