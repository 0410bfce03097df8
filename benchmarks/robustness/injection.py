"""Output injection: hostile file names and contract text through every output format (text, JSON, SARIF, GitHub,
JUnit, GitLab, JSON Lines, HTML review) and the batch report (CSV, JSON, HTML). Prints, per format, the checks made
and whether each held.

    python benchmarks/robustness/injection.py
"""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

REPO = Path(__file__).resolve().parents[2]
NAMES = ["<script>alert(1)<\\script>.md", "=HYPERLINK(x).md", "+1+1.md", "-2.md", "@SUM(A1).md",
         "::error file=x::pwned%0A.md", "a#b?c%2f.md", "javascript:alert(1).md", "evil\x1b[31m\nFAKE.md"]
TEXT = """# 1. Services

The Supplier will use best efforts <script>alert("x")</script> to respond [click](javascript:alert(1)).

::warning file=README.md::forged annotation %0A::error::second

=1+1 and @SUM(A1) are fees as reasonably determined.
"""


class Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self.js_links = 0, [], []

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.js_links += [v for n, v in attrs if n in ("href", "src") and v and v.strip().lower().startswith("javascript")]


def msalint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "msalint", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}, timeout=600)


def checks_for(fmt: str, out: str, names: list[str]) -> dict[str, bool]:
    if fmt == "text":
        return {"no raw control characters": not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out),
                "no forged line": not any(line.startswith("FAKE") for line in out.splitlines())}
    if fmt == "github":
        commands = [line for line in out.splitlines() if line.startswith("::")]
        ok_kinds = all(re.match(r"::(group|endgroup|error|warning|notice)( |::)", c) for c in commands)
        return {"only msalint's own workflow commands": ok_kinds,
                "no line forged by contract text or names": not any(
                    line.startswith(("::warning file=README.md", "::error::second", "::error file=x::"))
                    for line in out.splitlines())}
    if fmt == "sarif":
        log = json.loads(out)
        uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
                for loc in r["locations"]}
        return {"every URI names an existing file": {unquote(u).rsplit("/", 1)[-1] for u in uris} <= set(names),
                "no raw # or ? in URIs": not any(c in u for u in uris for c in "#?")}
    if fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
        return {"well-formed XML": True}
    if fmt in ("json", "gitlab"):
        json.loads(out)
        return {"valid JSON": True}
    if fmt == "json-lines":
        [json.loads(line) for line in out.splitlines() if line.strip()]
        return {"valid JSON on every line": True}
    if fmt == "html":
        page = Markup()
        page.feed(out)
        return {"no script from content": page.scripts <= 1, "no on* handlers": not page.handlers,
                "no javascript: links": not page.js_links}
    raise ValueError(fmt)


def main() -> None:
    results: dict[str, dict[str, bool]] = {}
    with tempfile.TemporaryDirectory(prefix="msalint-inject-") as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        folder = root / "contracts"
        folder.mkdir()
        names = []
        for name in NAMES:
            try:
                (folder / name).write_text(TEXT, encoding="utf-8")
                names.append(name)
            except OSError:
                pass
        for fmt in ("text", "json", "sarif", "github", "junit", "gitlab", "json-lines", "html"):
            done = msalint("check", "--no-cache", "--format", fmt, "contracts", cwd=root)
            results[fmt] = {"exit 0/1/3, no traceback": done.returncode in (0, 1, 3) and "Traceback" not in done.stderr,
                            **checks_for(fmt, done.stdout, names)}
        db = root / "r.sqlite"
        msalint("batch", "contracts", "--db", str(db), "-j", "1", "--quiet", cwd=root)
        report = msalint("batch", "report", "--db", str(db), "--out", "out", cwd=root)
        with open(root / "out" / "matrix.csv", newline="", encoding="utf-8") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        page = Markup()
        page.feed((root / "out" / "report.html").read_text(encoding="utf-8"))
        results["batch report"] = {
            "exit 0": report.returncode == 0,
            "no CSV cell starts a formula": not any(c[:1] in ("=", "+", "-", "@") for c in cells),
            "HTML: only the report's own script": page.scripts <= 1 and not page.handlers and not page.js_links,
        }
    held = sum(v for checks in results.values() for v in checks.values())
    total = sum(len(checks) for checks in results.values())
    print(json.dumps({"file_names": len(names), "checks_held": held, "checks": total, "by_format": results},
                     indent=1))


if __name__ == "__main__":
    main()
