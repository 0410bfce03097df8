"""matrix.csv, results.json and report.html from a small batch; contract text never becomes markup."""
from __future__ import annotations

import base64
import csv
import hashlib
import json
from html.parser import HTMLParser

import fake_tasks
import pytest
from batch_helpers import write_contract

from msalint.batch.html_template import JS
from msalint.batch.portfolio import write_report
from msalint.batch.runner import BatchConfig, run_batch

HOSTILE_TEXT = '<script>alert("pwned")</script>'
HOSTILE_NAME = "<img src=x onerror=alert(1)>.txt"


class PageParser(HTMLParser):
    """Collects script elements, event-handler attributes, img tags, text and details ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.details: list[str] = []
        self._in_script = False
        self.csp = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy":
            self.csp = dict(attrs)["content"]
        if tag == "details":
            self.details.append(dict(attrs)["id"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    folder = base / "in"
    folder.mkdir()
    write_contract(folder, "clean.txt", {"term": "present", "liability-cap": "present"}, [])
    write_contract(folder, "risky.txt", {"term": "missing", "liability-cap": "incomplete"},
                   [("error", "REQ-CAP", "no cap at all"), ("error", "REQ-TERM", "term absent"),
                    ("warning", "WEAK", "best efforts")])
    write_contract(folder, HOSTILE_NAME, {"term": "present", "liability-cap": "missing"},
                   [("warning", "WEAK", HOSTILE_TEXT)])
    write_contract(folder, "noisy.txt", {"term": "present"}, [("warning", "WEAK", f"vague {i}") for i in range(8)])
    write_contract(folder, "CRASH.txt", {}, [])
    db = base / "r.sqlite"
    run_batch(BatchConfig(paths=[str(folder)], db=str(db), jobs=2), task=fake_tasks.misbehave)
    out = base / "out"
    write_report(db, out)
    return out


def test_matrix_csv_has_a_row_per_contract_and_a_column_per_element(report_dir):
    with open(report_dir / "matrix.csv", newline="", encoding="utf-8") as fh:
        rows = {r["path"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"clean.txt", "risky.txt", "noisy.txt", HOSTILE_NAME, "CRASH.txt"}
    assert rows["noisy.txt"]["warnings"] == "8" and rows["noisy.txt"]["liability-cap"] == ""
    risky = rows["risky.txt"]
    assert (risky["status"], risky["errors"], risky["warnings"], risky["infos"]) == ("ok", "2", "1", "0")
    assert (risky["term"], risky["liability-cap"]) == ("missing", "incomplete")
    assert rows["CRASH.txt"]["status"] == "crashed" and "worker died" in rows["CRASH.txt"]["read_error"]
    assert rows["CRASH.txt"]["term"] == ""


def test_results_json_exports_documents_and_findings(report_dir):
    data = json.loads((report_dir / "results.json").read_text(encoding="utf-8"))
    docs = {d["display_path"]: d for d in data["documents"]}
    assert data["totals"]["contracts"] == 5 and data["totals"]["findings"]["error"] == 2
    assert [f["rule"] for f in docs["risky.txt"]["findings"]] == ["REQ-CAP", "REQ-TERM", "WEAK"]
    assert docs[HOSTILE_NAME]["findings"][0]["excerpt"] == HOSTILE_TEXT  # JSON keeps text verbatim
    assert data["elements"] == ["term", "liability-cap"]
    assert data["rules"][0]["rule"] == "WEAK" and data["rules"][0]["contracts"] == 3
    assert len(docs["noisy.txt"]["findings"]) == 8


def test_html_runs_only_its_own_script_and_shows_contract_text_escaped(report_dir):
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    page = PageParser()
    page.feed(html)
    assert page.scripts == [JS]  # exactly one script element: ours
    assert page.handlers == []  # no onerror=/onclick= smuggled in through a file name
    assert "img" not in page.tags
    assert HOSTILE_TEXT in "".join(page.text)  # shown to the reviewer as text
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html and "src=" not in html.replace("src=x", "")


def test_html_has_heatmap_and_worst_contract_first(report_dir):
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    page = PageParser()
    page.feed(html)
    assert len(page.details) == 5
    first = html.index(f'id="{page.details[0]}"')
    assert "risky.txt" in html[first:first + 400]
    assert 'class="heat"' in html and '<td class="cell m"></td>' in html
    assert '<span class="m" title="missing">term</span>' in html  # the gaps of a contract are listed by name
    assert "Could not be checked (1)" in html
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page.csp  # the browser lets our own script, and only it, run


def test_html_caps_repeated_findings_of_one_rule_per_contract(report_dir):
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    assert sum(f"vague {i}" in html for i in range(8)) == 5
    assert "and 3 more finding(s) of this rule" in html


def test_matrix_csv_neutralises_spreadsheet_formulas(tmp_path):
    """Names (and read errors) starting with = + - @ are text in a spreadsheet, not formulas."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = ['=HYPERLINK("x.invalid","open").txt', "+1+1.txt", "-2+3.txt", "@SUM(A1).txt"]
    for name in names:
        write_contract(folder, name, {"term": "present"}, [])
    db = tmp_path / "r.sqlite"
    run_batch(BatchConfig(paths=[str(folder)], db=str(db), jobs=1), task=fake_tasks.echo)
    write_report(db, tmp_path / "out")
    with open(tmp_path / "out" / "matrix.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(row["path"] for row in rows) == sorted("'" + name for name in names)
    assert all(row["term"] == "present" and row["findings"] == "0" for row in rows)


def test_batch_report_that_cannot_finish_leaves_no_partial_files(tmp_path, monkeypatch):
    import errno

    from msalint.errors import OutputError

    folder = tmp_path / "in"
    folder.mkdir()
    write_contract(folder, "a.txt", {"term": "present"}, [])
    db = tmp_path / "r.sqlite"
    run_batch(BatchConfig(paths=[str(folder)], db=str(db), jobs=1), task=fake_tasks.echo)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("msalint.batch.portfolio.render_html", disk_full)
    with pytest.raises(OutputError, match="report.html: cannot write the output"):
        write_report(db, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["matrix.csv", "results.json"]
