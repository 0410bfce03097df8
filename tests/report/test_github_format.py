"""GitHub workflow commands: golden file, escaping and grouping."""
from __future__ import annotations

import re

from ci_samples import make_results, render_to_text

from msalint.report.github import command, escape_data, escape_property

COMMAND = re.compile(r"^::(error|warning|notice)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = {}
    for part in (m["props"] or "").split(","):
        key, _, value = part.partition("=")
        props[key] = unescape(value)
    return m.group(1), props, unescape(m["message"])


def test_github_golden(golden):
    golden("sample.github.txt", render_to_text("github"))


def test_escape_data_and_properties():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    assert escape_data("a,b:c") == "a,b:c"  # message data keeps , and :
    # '%' first: an already-escaped-looking sequence must not be decoded by the runner
    assert escape_data("%0A") == "%250A"


def test_command_round_trips_awkward_values():
    line = command("warning", "line one\nline two: 100%", file="dir/beta, v2: final.docx", line=7, title="R-1: x,y")
    kind, props, message = parse(line)
    assert kind == "warning"
    assert props == {"file": "dir/beta, v2: final.docx", "line": "7", "title": "R-1: x,y"}
    assert message == "line one\nline two: 100%"


def test_every_line_is_a_command_or_plain_text_and_groups_balance():
    lines = render_to_text("github").splitlines()
    depth = 0
    annotations = []
    for line in lines:
        if line.startswith("::group::"):
            assert depth == 0
            depth += 1
        elif line == "::endgroup::":
            depth -= 1
        elif line.startswith("::"):
            annotations.append(parse(line))
    assert depth == 0
    # 5 active findings + 1 unreadable document; the 2 suppressed findings are not annotated
    assert len(annotations) == 6
    assert [a[0] for a in annotations].count("error") == 3
    files = {a[1]["file"] for a in annotations}
    assert files == {"contracts/acme-msa.pdf", "contracts/beta, v2: final.docx", "contracts/scan.pdf"}


def test_annotation_names_page_clause_and_excerpt():
    annotations = [parse(l) for l in render_to_text("github").splitlines() if l.startswith("::warning")]
    kind, props, message = annotations[0]
    assert props["line"] == "42" and props["title"] == "MSA-WEAK-002: Vague obligation: best efforts"
    assert message.splitlines()[0] == "Vague obligation: best efforts (page 3, §8.1(b))"
    assert "100% of \"services\"" in message


def test_one_group_per_document_with_findings_only():
    groups = [l for l in render_to_text("github").splitlines() if l.startswith("::group::")]
    assert groups == ["::group::msalint: contracts/acme-msa.pdf", "::group::msalint: contracts/beta, v2: final.docx",
                      "::group::msalint: contracts/scan.pdf"]


def test_clean_run_has_no_annotations():
    clean = [r for r in make_results() if not r.findings and not r.error]
    assert render_to_text("github", clean) == "msalint: 0 finding(s) in 1 document(s)\n"
