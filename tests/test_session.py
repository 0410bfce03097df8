"""One lint session under every command: check, batch and eval read the same config and give the same results,
and one rule-set identity names the rules in the result cache, the baseline and the batch database."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.cli import cli

pytest.importorskip("msalint.engine")

# Invented agreement: weak wording (MSA-WRD), a confidentiality clause, and no data-protection terms (MSA-DPS).
AGREEMENT = """MASTER SERVICES AGREEMENT

1. Services. The Supplier shall provide the managed hosting services and shall use best efforts to restore outages.

2. Fees. The Customer shall pay the fees within thirty (30) days of receipt of a correct invoice.

3. Confidentiality. Each party shall keep the other party's Confidential Information secret and use it only to
perform this Agreement.

4. Governing Law. This Agreement is governed by the laws of England and Wales and/or the courts of London.
"""

# The project's config: a family ignored everywhere, a severity changed, and an override for one folder.
CONFIG = """
ignore = ["MSA-WRD"]
severity = {"MSA-SLA-001" = "info"}
[[overrides]]
paths = ["legacy/*"]
ignore = ["MSA-DPS"]
"""

LABELS = [{"file": "msa", "element": "confidentiality", "present": True},
          {"file": "old", "element": "confidentiality", "present": True}]


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "legacy").mkdir()
    (root / "msa.txt").write_text(AGREEMENT, encoding="utf-8")
    (root / "legacy" / "old.md").write_text(AGREEMENT, encoding="utf-8")
    (root / ".msalint.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(r) for r in LABELS), encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("MSALINT_CACHE_DIR", str(tmp_path / "cache"))
    return root


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result


def check_findings(*args: str) -> set[tuple]:
    data = json.loads(invoke("check", ".", "--format", "json", *args).stdout)
    return {(Path(d["path"]).name, f["rule"], f["severity"], f["fingerprint"])
            for d in data["documents"] for f in d["findings"]}


def batch_rows(db: Path, *args: str) -> sqlite3.Connection:
    result = CliRunner().invoke(cli, ["batch", ".", "--db", str(db), "-j", "1", "--progress", "none", *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return sqlite3.connect(db)


def batch_findings(db: Path, *args: str) -> set[tuple]:
    rows = batch_rows(db, *args).execute(
        "SELECT d.path, f.rule, f.severity, f.fingerprint FROM findings f JOIN documents d ON d.id = f.document_id")
    return {(Path(path).name, rule, severity, fingerprint) for path, rule, severity, fingerprint in rows}


@pytest.mark.slow
def test_check_and_batch_give_identical_findings_under_the_project_config(project, tmp_path):
    configured = check_findings()
    assert configured == batch_findings(tmp_path / "configured.sqlite")
    unconfigured = check_findings("--config", str(tmp_path / "empty.toml"))
    assert unconfigured == batch_findings(tmp_path / "plain.sqlite", "--config", str(tmp_path / "empty.toml"))

    def rules(findings, name):
        return {rule for file, rule, _, _ in findings if file == name}

    # the config really changed something, in the same way for both commands
    assert any(r.startswith("MSA-WRD") for r in rules(unconfigured, "msa.txt"))
    assert not any(r.startswith("MSA-WRD") for r in rules(configured, "msa.txt") | rules(configured, "old.md"))
    assert any(r.startswith("MSA-DPS") for r in rules(configured, "msa.txt"))
    assert not any(r.startswith("MSA-DPS") for r in rules(configured, "old.md"))  # the override
    assert {s for _, r, s, _ in unconfigured if r == "MSA-SLA-001"} == {"warning"}  # the default severity
    assert {s for _, r, s, _ in configured if r == "MSA-SLA-001"} == {"info"}


@pytest.mark.slow
def test_check_with_jobs_and_exclude_matches_the_serial_run(project):
    serial = check_findings("--no-cache")
    assert check_findings("--no-cache", "-j", "2") == serial
    assert {f[0] for f in check_findings("--no-cache", "--exclude", "legacy/*")} == {"msa.txt"}


@pytest.mark.slow
def test_eval_honours_the_config_and_predicts_what_batch_stored(project, tmp_path):
    def scored(*args):
        out = invoke("eval", "--docs", ".", "--labels", str(tmp_path / "labels.jsonl"), "--format", "json",
                     "-j", "1", *args).stdout
        return json.loads(out)["elements"]["confidentiality"]

    # without the config both documents show the confidentiality clause; the override turns MSA-DPS off in legacy/
    assert (scored("--config", str(tmp_path / "empty.toml"))["tp"], scored()["tp"]) == (2, 1)
    elements = dict(batch_rows(tmp_path / "r.sqlite").execute("SELECT path, elements FROM documents"))
    stored = {Path(p).name: json.loads(e).get("confidentiality") for p, e in elements.items()}
    assert stored == {"msa.txt": "present", "old.md": None}


@pytest.mark.slow
def test_one_rule_set_identity_in_cache_baseline_and_batch_database(project, tmp_path):
    (project / "legacy" / "old.md").unlink()  # one rule setting, so one identity
    invoke("check", "msa.txt")
    invoke("baseline", "msa.txt")
    conn = batch_rows(tmp_path / "r.sqlite")
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1
    identities = {
        "cache": json.loads(entries[0].read_text(encoding="utf-8"))["ruleset"],
        "baseline": json.loads((project / ".msalint" / "baseline.json").read_text(encoding="utf-8"))["ruleset"],
        "batch run": conn.execute("SELECT ruleset_hash FROM runs").fetchone()[0],
        "batch document": conn.execute("SELECT ruleset_hash FROM documents").fetchone()[0],
    }
    assert len(set(identities.values())) == 1, identities
    assert len(identities["cache"]) == 64
