"""The one-page HTML review (`check --format html`, `annotate` on text): escaped, self-contained, navigable."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from msalint.annotate.pipeline import lint_for_annotation
from msalint.cli import cli

HOSTILE = "<script>alert('owned')</script>"
AGREEMENT = f"""# MANAGED SERVICES AGREEMENT

1. Services

1.1 Provider will use best efforts to restore the service {HOSTILE} promptly.

1.2 Provider may provide a monthly report and/or a quarterly review.

2. Fees

2.1 The fees are [TBD] and Customer shall pay within fifteen (30) days.

2.2 Provider may change the fees at any time in its sole discretion.
"""


@pytest.fixture(scope="module")
def review(tmp_path_factory, config):
    folder = tmp_path_factory.mktemp("html")
    source = folder / "msa.txt"  # plain text: the <script> is contract text (in Markdown it would be markup)
    source.write_text(AGREEMENT, encoding="utf-8")
    out = folder / "msa.html"
    result = CliRunner().invoke(cli, ["check", str(source), "--format", "html", "-o", str(out), "--no-cache"])
    assert result.exit_code == 1, result.output
    linted = lint_for_annotation(source, config)
    return out, linted


def marked_keys(page) -> set[str]:
    return {key for mark in page.xpath("//mark[@data-f]") for key in mark.get("data-f").split()}


def test_page_is_self_contained_with_a_strict_policy(review):
    out, _ = review
    text = out.read_text(encoding="utf-8")
    csp = lxml_html.fromstring(text.encode()).xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "unsafe-eval" not in csp
    assert not re.search(r'(src|href)="(https?:)?//', text)
    assert text.count("<script") == 1
    assert HOSTILE not in text and "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in text


def test_every_finding_with_a_span_is_highlighted_and_listed(review):
    out, linted = review
    page = lxml_html.fromstring(out.read_bytes())
    with_span = [n for n, f in enumerate(linted.findings, 1) if f.start is not None]
    assert len(with_span) >= 5
    assert marked_keys(page) == {f"d1-{n}" for n in with_span}
    assert len(page.xpath("//ol[@class='list']/li")) == len(linted.findings)
    for n in with_span:  # each list entry jumps to an anchor that exists
        assert page.xpath(f"//*[@id='d1-f{n}']"), n
    highlighted = "".join(page.xpath("//mark/text()"))
    assert "best efforts" in highlighted and "TBD" in highlighted


def test_header_shows_counts_chips_and_filters(review):
    out, linted = review
    page = lxml_html.fromstring(out.read_bytes())
    errors = sum(1 for f in linted.findings if str(f.severity) == "error")
    assert page.xpath("//div[@class='counts']/span[@class='error']/text()")[0] == f"{errors} error"
    chips = page.xpath("//div[@class='chips']/span")
    assert len(chips) == len(linted.result.elements)
    assert {c.get("class") for c in chips} <= {f"chip-{s}" for s in
                                              ("present", "incomplete", "referenced", "missing", "not_applicable")}
    filters = {i.get("data-filter") for i in page.xpath("//input[@type='checkbox']")}
    assert {"sev:error", "sev:warning", "sev:info", "pack:wording"} <= filters
    margin = page.xpath("//span[@class='no']/text()")
    assert "1.1" in margin and "2.1" in margin


def test_annotate_on_text_writes_the_review(tmp_path):
    source = tmp_path / "msa.md"
    source.write_text(AGREEMENT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["annotate", str(source)])
    assert result.exit_code == 1
    page = lxml_html.fromstring((tmp_path / "msa.review.html").read_bytes())
    assert page.xpath("//mark[@data-f]")


def test_several_documents_give_one_section_each(tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(AGREEMENT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--format", "html", "--no-cache"])
    page = lxml_html.fromstring(result.stdout.encode())
    assert [s.get("id") for s in page.xpath("//section[@class='doc']")] == ["d1", "d2"]
    keys = marked_keys(page)
    first = {k.split("-", 1)[1] for k in keys if k.startswith("d1-")}
    assert first and first == {k.split("-", 1)[1] for k in keys if k.startswith("d2-")}


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed")
def test_renders_in_headless_chromium(review, tmp_path):
    out, linted = review
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", out.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    page = lxml_html.fromstring(done.stdout.encode())
    assert page.get("data-ready") == "1", "the page script did not run to its end"
    assert len(page.xpath("//script")) == 1
    assert HOSTILE in "".join(page.xpath("//span[@class='tx']//text()"))
    with_span = sum(1 for f in linted.findings if f.start is not None)
    assert len(marked_keys(page)) == with_span


def test_header_names_the_document_kind_and_every_element_state():
    from msalint.annotate.html_review import ReviewEntry, render_review
    from msalint.model import DocumentResult
    from msalint.report import RenderContext

    states = {"service_levels": "present", "payment_terms": "incomplete", "response_times": "referenced",
              "liability_cap": "missing", "data_protection": "not_applicable"}
    result = DocumentResult(path="order.md", sha256="ab" * 32, format="md", elements=states,
                            meta={"kind": {"kind": "order_form", "confidence": 0.9}})
    page = lxml_html.fromstring(render_review([ReviewEntry(result, None)], RenderContext()).encode())
    facts = page.xpath("//div[@class='facts']")[0]
    assert facts.text_content().startswith("document kind: order form")
    chips = {c.text_content(): c.get("class") for c in page.xpath("//div[@class='chips']/span")}
    assert chips == {name.replace("_", " "): f"chip-{state}" for name, state in states.items()}
    summary = " ".join(page.xpath("//div[@class='facts']/text()"))
    assert all(s in summary for s in ("1 present", "1 incomplete", "1 referenced", "1 missing", "1 not applicable"))
