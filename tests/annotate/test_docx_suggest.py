"""`annotate --suggest`: a rule's safe literal fix becomes a Word tracked change; unsafe ones stay proposals."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from docx_inspect import W, comments, part
from docxgen import build_docx, p, run
from lxml import etree

from msalint.api import read_document
from msalint.cli import cli

PACK = (Path(__file__).parents[1] / "rulebook" / "packs" / "house-email.yaml").read_text(encoding="utf-8")
PARAGRAPHS = [
    ("1. Notices",),
    ("E-mail notices are effective on receipt.",),
    ("Provider shall repair ", "and/or", " replace faulty devices; reports go by e-", "mail each month.",),
]


def write_inputs(folder: Path) -> tuple[Path, Path]:
    (folder / "house.yaml").write_text(PACK, encoding="utf-8")
    source = folder / "msa.docx"
    source.write_bytes(build_docx([p(*(run(t) for t in parts)) for parts in PARAGRAPHS]))
    return source, folder / "house.yaml"


def annotate(folder: Path, *extra: str) -> Path:
    source, pack = write_inputs(folder)
    out = folder / "out.docx"
    result = CliRunner().invoke(cli, ["annotate", str(source), "-o", str(out), "--rules", str(pack),
                                      "--select", "HSE", "--select", "MSA-WRD-006", *extra])
    assert result.exit_code == 0, result.output
    return out


def tracked(out: Path) -> tuple[list[str], list[str]]:
    root = etree.fromstring(part(out, "word/document.xml"))
    mine = [el for el in root.iter(f"{W}del", f"{W}ins") if el.get(f"{W}author") == "msalint"]
    deleted = ["".join(t.text or "" for t in el.iter(f"{W}delText")) for el in mine if el.tag == f"{W}del"]
    inserted = ["".join(t.text or "" for t in el.iter(f"{W}t")) for el in mine if el.tag == f"{W}ins"]
    return deleted, inserted


def test_safe_fixes_become_tracked_changes_across_runs_and_unsafe_ones_only_comments(tmp_path):
    out = annotate(tmp_path, "--suggest")
    deleted, inserted = tracked(out)
    assert sorted(deleted) == ["E-mail", "e-mail"] and sorted(inserted) == ["Email", "email"]
    notes = list(comments(out).values())
    assert len(notes) == 3
    assert any("MSA-WRD-006" in n and "Proposed edit: 'and/or' -> 'or' (unsafe)" in n for n in notes)
    # accepting every change gives the input text with exactly the safe edits made
    source_text = read_document(tmp_path / "msa.docx").text
    assert read_document(out).text == source_text.replace("E-mail", "Email").replace("e-mail", "email")


def test_without_suggest_nothing_is_edited(tmp_path):
    out = annotate(tmp_path)
    assert tracked(out) == ([], [])
    assert read_document(out).text == read_document(tmp_path / "msa.docx").text


def test_contradictory_numbers_and_placeholders_get_comments_never_edits(tmp_path):
    source = tmp_path / "msa.docx"
    source.write_bytes(build_docx([p(run("1. Fees")),
                                   p(run("Customer shall pay each invoice within fifteen (30) days.")),
                                   p(run("The escalation contact is [TBD]."))]))
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["annotate", str(source), "-o", str(out), "--suggest"])
    assert result.exit_code in (0, 1), result.output
    notes = " ".join(comments(out).values())
    assert "MSA-CON-003" in notes and ("MSA-WRD-008" in notes or "MSA-WRD-009" in notes)
    assert tracked(out) == ([], [])
    assert read_document(out).text == read_document(source).text
