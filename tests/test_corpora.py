"""The team-written corpus: deliberate defects are found in every format, and findings match the goldens."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
sys.path.insert(0, str(CORPORA))

import golden  # noqa: E402  (corpora/golden.py)
import render  # noqa: E402  (corpora/render.py)

SPECS = sorted((CORPORA / "expected").glob("*.yaml"))


@pytest.fixture(scope="module")
def ruleset():
    from msalint import api

    return api.load_rules()


@pytest.fixture(scope="module")
def every_pack():
    """The rulebook with the opt-in packs: some deliberate defects are style ('and/or', 'etc.') or on the full
    checklist (support hours without a time zone)."""
    from msalint import api

    return api.load_rules(select=["ALL", "style", "checklist"])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return {src.stem: render.render(src, out) for src in render.SOURCES}


def _spec(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _found(result, defect: dict) -> bool:
    """The rule reports the defect at its clause, itself or as one of the places a folded finding names (the
    blanks of a form to fill in are said once, carrying their other places)."""
    def places(f):
        return [f.clause, *(p.get("clause") for p in f.details.get("also_at", []) if isinstance(p, dict))]

    return any(f.rule == defect["rule"] and (defect["clause"] is None or defect["clause"] in places(f))
               for f in result.findings)


def test_six_agreements_each_have_annotations_and_goldens():
    assert len(SPECS) >= 6
    for spec_path in SPECS:
        spec = _spec(spec_path)
        assert (CORPORA / spec["source"]).is_file()
        assert spec["defects"], spec_path.name
        assert spec_path.with_suffix(".findings.txt").is_file(), "run python corpora/golden.py --update"


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.stem)
def test_source_findings_match_golden(spec_path, ruleset):
    spec = _spec(spec_path)
    lines = golden.finding_lines(golden.lint(CORPORA / spec["source"], ruleset))
    expected = spec_path.with_suffix(".findings.txt").read_text(encoding="utf-8").splitlines()
    assert lines == expected, "findings changed: review, then python corpora/golden.py --update"


@pytest.mark.parametrize("fmt", ["source", "docx", "pdf"])
@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.stem)
def test_deliberate_defects_found_in_every_format(spec_path, fmt, every_pack, rendered):
    from msalint import api

    spec = _spec(spec_path)
    source = CORPORA / spec["source"]
    path = source if fmt == "source" else next(p for p in rendered[source.stem] if p.suffix == f".{fmt}")
    result = api.lint_path(path, every_pack)
    assert result.error is None
    missed = [d for d in spec["defects"] if not _found(result, d)]
    assert not missed, f"{path.name}: missed {missed}"
    if spec.get("no_errors"):
        errors = [f"{f.rule} {f.clause}: {f.message}" for f in result.findings if str(f.severity) == "error"]
        assert not errors
    if fmt == "pdf":
        assert all(f.page for f in result.findings if f.start is not None)
