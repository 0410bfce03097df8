"""`msalint check` reads an MSA, its SLA schedule and an order form as one agreement (generated DOCX, PDF, Markdown)."""
from __future__ import annotations

import contextlib
import json
import shutil

import pytest
from click.testing import CliRunner

from msalint.cli import cli

from .documents import SLA_ELEMENTS, SLA_RULES, write_family

pytestmark = pytest.mark.slow


def run(folder, *args: str):
    """`msalint check ARGS` run in ``folder``."""
    with contextlib.chdir(folder):
        return CliRunner().invoke(cli, ["check", "--no-cache", *args])


def check(folder, *args: str) -> tuple[int, dict[str, dict]]:
    """Run `msalint check --format json` in ``folder``; returns the exit code and documents by file name."""
    res = run(folder, "--format", "json", *args)
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, {d["path"].rsplit("/", 1)[-1]: d for d in json.loads(res.stdout)["documents"]}


def active(doc: dict) -> set[str]:
    return {f["rule"] for f in doc["findings"] if not f.get("suppressed")}


def suppressed(doc: dict) -> dict[str, str]:
    return {f["rule"]: f["suppressed"] for f in doc["findings"] if f.get("suppressed")}


@pytest.fixture(scope="module")
def family(tmp_path_factory):
    return write_family(tmp_path_factory.mktemp("deal"))


def test_each_file_alone_reports_what_it_lacks(tmp_path, family):
    for path in family.values():
        shutil.copy(path, tmp_path / path.name)
    _, docs = check(tmp_path, "--no-families")
    msa, order = docs["msa.docx"], docs["order.md"]
    assert SLA_RULES <= active(msa)
    assert {msa["elements"][e] for e in SLA_ELEMENTS} == {"missing", "not_applicable"}
    assert msa["elements"]["service_credits"] == "not_applicable" and "MSA-SLA-008" not in active(msa)
    assert msa["not_applicable"]["service_credits"].startswith("needs service levels or response times")
    assert "MSA-TRM-001" in active(order)  # the order form states no initial term
    assert msa["family"] is None


def test_one_folder_is_one_family(family):
    _, docs = check(family["msa"].parent, ".")
    msa, sla, order = docs["msa.docx"], docs["sla.pdf"], docs["order.md"]
    assert not SLA_RULES & active(msa)
    assert set(suppressed(msa)) >= SLA_RULES
    assert all(reason.startswith("family:") for reason in suppressed(msa).values())
    for element in SLA_ELEMENTS:
        assert msa["elements"][element] == "present"
        assert msa["family"]["found_in"][element].endswith("sla.pdf")
    assert "MSA-TRM-001" not in active(order)
    assert order["family"]["found_in"]["initial_term"].endswith("msa.docx")
    assert msa["family"]["principal"].endswith("msa.docx")
    assert sorted(m.rsplit("/", 1)[-1] for m in msa["family"]["members"]) == ["msa.docx", "order.md", "sla.pdf"]
    assert {d["family"]["role"] for d in (sla, order)} == {"member"}


def test_missing_everywhere_is_reported_once_on_the_principal(family):
    # no member states support hours (an opt-in checklist rule): the MSA keeps its finding, the SLA's gives way
    _, docs = check(family["msa"].parent, ".", "--select", "ALL,checklist")
    msa, sla = docs["msa.docx"], docs["sla.pdf"]
    assert msa["elements"]["support_hours"] == "missing" and sla["elements"]["support_hours"] == "missing"
    assert "MSA-SLA-006" in active(msa) and "MSA-SLA-006" not in active(sla)
    assert suppressed(sla)["MSA-SLA-006"] == "family: reported once, on msa.docx"


def test_an_element_moot_in_the_principal_is_reported_by_the_member_that_needs_it(family):
    _, docs = check(family["msa"].parent, ".")
    # no member names an escalation path: it is reported once in the family. Read alone, the MSA has no service
    # levels or response times, so escalation is moot there; the SLA schedule, which has them, reports it
    msa, sla = docs["msa.docx"], docs["sla.pdf"]
    assert msa["elements"]["escalation"] == "not_applicable" and sla["elements"]["escalation"] == "missing"
    assert "MSA-SLA-007" in active(sla)
    assert "MSA-SLA-007" not in active(msa) and "MSA-SLA-007" not in suppressed(msa)


def test_a_staged_member_is_read_with_its_folder(family):
    """Pre-commit passes only the staged file: its family is read from disk, so the result matches a folder run."""
    _, docs = check(family["msa"].parent, "msa.docx")
    assert list(docs) == ["msa.docx"]
    assert not SLA_RULES & active(docs["msa.docx"])
    _, alone = check(family["msa"].parent, "msa.docx", "--no-families")
    assert SLA_RULES <= active(alone["msa.docx"])


def _count_card_reads(monkeypatch) -> list[str]:
    from msalint.families import context

    reads: list[str] = []
    real = context._read_card

    def counting(session, path, sha):
        reads.append(path.name)
        return real(session, path, sha)

    monkeypatch.setattr(context, "_read_card", counting)
    return reads


def test_sibling_cards_are_kept_even_without_the_result_cache(tmp_path, family, monkeypatch):
    """A sibling's card depends only on its bytes: a second `check --no-cache` does not read the siblings again,
    and reports the same."""
    for path in family.values():
        shutil.copy(path, tmp_path / path.name)
    reads = _count_card_reads(monkeypatch)
    first = run(tmp_path, "--format", "json", "msa.docx")
    assert sorted(reads) == ["order.md", "sla.pdf"]
    (tmp_path / "order.md").write_text((tmp_path / "order.md").read_text() + "\n", encoding="utf-8")
    second = run(tmp_path, "--format", "json", "msa.docx")
    assert sorted(reads) == ["order.md", "order.md", "sla.pdf"]  # only the changed sibling is read again
    assert json.loads(second.stdout)["documents"] == json.loads(first.stdout)["documents"]


def test_same_titles_between_other_parties_are_not_a_family(tmp_path, family):
    other = write_family(tmp_path / "other", parties='Harrow Lane Ltd ("Provider") and Copperkettle Inns plc '
                                                     '("Customer")')
    shutil.copy(family["sla"], other["sla"])  # the SLA of the first deal, filed in the wrong folder
    _, docs = check(other["msa"].parent, ".")
    assert SLA_RULES <= active(docs["msa.docx"])
    assert docs["sla.pdf"]["family"] is None


def test_a_cited_attachment_in_the_family_is_checked_in_it(tmp_path):
    files = write_family(tmp_path / "deal", cite_schedule=True)
    files["order"].unlink()
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(files["msa"], alone / "msa.docx")
    _, docs = check(alone, ".")
    msa = docs["msa.docx"]
    assert "MSA-REF-005" in active(msa)
    assert {msa["elements"][e] for e in SLA_ELEMENTS} == {"referenced"}
    _, docs = check(files["msa"].parent, ".")
    msa = docs["msa.docx"]
    assert "MSA-REF-005" not in active(msa)
    assert suppressed(msa)["MSA-REF-005"] == "family: sla.pdf is in this family"
    assert {msa["elements"][e] for e in SLA_ELEMENTS} == {"present"}
    assert msa["family"]["found_in"]["response_times"].endswith("sla.pdf")


def test_declared_family_in_config_spans_folders(tmp_path):
    files = write_family(tmp_path / "deal")
    (tmp_path / "schedules").mkdir()
    files["sla"].rename(tmp_path / "schedules" / "sla.pdf")
    # both folders linted, but documents in different folders are never detected as one family
    _, docs = check(tmp_path, "deal", "schedules")
    assert SLA_RULES <= active(docs["msa.docx"])
    (tmp_path / ".msalint.toml").write_text(
        '[[families]]\nname = "Bramblewood managed services"\npaths = ["deal/msa.docx", "schedules/*.pdf"]\n',
        encoding="utf-8")
    _, docs = check(tmp_path, "deal/msa.docx")  # the SLA is read from disk: it is declared
    msa = docs["msa.docx"]
    assert not SLA_RULES & active(msa)
    assert msa["family"]["name"] == "Bramblewood managed services"
    assert msa["family"]["source"].endswith(".msalint.toml")


def test_family_option_on_the_command_line(tmp_path):
    files = write_family(tmp_path / "deal")
    (tmp_path / "schedules").mkdir()
    files["sla"].rename(tmp_path / "schedules" / "sla.pdf")
    _, docs = check(tmp_path, "deal/msa.docx", "schedules/sla.pdf", "--family", "bramblewood=deal/msa.docx,schedules/*")
    msa = docs["msa.docx"]
    assert not SLA_RULES & active(msa)
    assert msa["family"]["name"] == "bramblewood" and msa["family"]["source"] == "command line"


def test_order_form_liability_cap_is_satisfied_by_incorporated_terms(tmp_path):
    """An order form checked as a complete agreement lacks a liability cap; the MSA it incorporates holds one."""
    files = write_family(tmp_path / "deal")
    (tmp_path / "deal" / ".msalint.toml").write_text(
        '[[overrides]]\npaths = ["order.md"]\nkind = "agreement"\n', encoding="utf-8")
    _, alone = check(files["msa"].parent, "order.md", "--no-families")
    cap = {f["rule"] for f in alone["order.md"]["findings"] if f["element"] == "liability_cap"}
    assert cap and cap <= active(alone["order.md"])
    _, docs = check(files["msa"].parent, ".")
    order = docs["order.md"]
    assert not cap & active(order)
    assert order["elements"]["liability_cap"] == "present"
    assert order["family"]["found_in"]["liability_cap"].endswith("msa.docx")


def test_text_report_names_the_family(family):
    res = run(family["msa"].parent, "--color", "never", ".")
    header = next(line for line in res.stdout.splitlines() if line.startswith("msa.docx  "))
    assert "family 'MASTER SERVICES AGREEMENT' with order.md, sla.pdf" in header


def test_bad_family_config_is_one_line_exit_2(tmp_path):
    (tmp_path / ".msalint.toml").write_text('[[families]]\nname = "x"\n', encoding="utf-8")
    res = run(tmp_path, ".")
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        "msalint: error: .msalint.toml: key 'families[0].paths': missing (a family needs a name and a list of "
        "paths or globs)"]


def test_a_file_named_in_a_portfolio_folder_is_read_alone(tmp_path):
    """Past SIBLING_LIMIT documents a folder is a portfolio: naming one file does not read all the others."""
    from msalint.families.context import SIBLING_LIMIT

    files = write_family(tmp_path / "portfolio")
    for i in range(SIBLING_LIMIT - 2):
        (tmp_path / "portfolio" / f"note-{i:02}.md").write_text(f"# Note {i}\n\nNothing to see.\n", encoding="utf-8")
    _, docs = check(files["msa"].parent, "msa.docx")
    assert SLA_RULES <= active(docs["msa.docx"])
    _, docs = check(files["msa"].parent, ".")  # the folder itself: every file is in the run, families form
    assert not SLA_RULES & active(docs["msa.docx"])
