"""Every placeholder and drafting note in the DOCX templates is reported, with its clause.

The expected occurrences come from this file's own scan of the extracted text, not from the rulebook's
patterns, so a gap in a rule shows up as a miss here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest


def _shared_at_collection():
    """../shared for parametrizing at collection time; the `shared` fixture still skips when absent."""
    from shared_paths import shared_dir

    return shared_dir()


pytestmark = pytest.mark.shared

TEMPLATE_DIR = "corpora/templates"

# Imperative words that open a fill-in instruction in brackets ("[Describe the fees ...]").
_INSTRUCTION_VERBS = (
    "describe", "enter", "fill in", "insert", "specify", "select", "choose", "identify", "list", "add",
    "include", "state", "provide", "complete", "type",
)

# Category -> regex over the extracted text. Each match is one expected placeholder occurrence.
CATEGORIES: dict[str, re.Pattern[str]] = {
    "curly_field": re.compile(r"\{[^{}\n]{1,80}\}"),
    "empty_box": re.compile(r"\[[ \t\u00a0_]*\]"),
    "marked_box": re.compile(r"\[[ \t\u00a0]*[xX#][ \t\u00a0]*\]"),
    "instruction_bracket": re.compile(
        r"\[[ \t\u00a0]*(?:" + "|".join(v.replace(" ", r"\s+") for v in _INSTRUCTION_VERBS) + r")\b[^\[\]\n]*\]",
        re.IGNORECASE,
    ),
    # "[Company Name]": two to five capitalised words, no sentence punctuation.
    "name_bracket": re.compile(r"\[(?:[A-Z][\w’']*\s+){1,4}[A-Z][\w’']*\]"),
    # Bare blanks such as "this ____ day of ______"; bracketed ones ("[____]") are empty boxes above.
    "underscore_blank": re.compile(r"(?<![\[_])_{3,}(?![_\]])"),
    "drafting_note": re.compile(r"(?im)(?:\[\s*|^\s*)drafting\s+note\b"),
}

# The team's own sample agreements (in the repo): placeholders there sit inside numbered clauses.
REPO_SAMPLES = ("weak-msa.md", "legacy-msa.txt")


@dataclass(frozen=True)
class Occurrence:
    """One placeholder found by this test's own scan."""

    category: str
    start: int
    end: int
    text: str


def _template_paths():
    base = _shared_at_collection()
    if base is None:
        return []
    return sorted((base / TEMPLATE_DIR).glob("*.docx"))


# A box that opens a line ("[ x ] Fixed prices", "- [ ] EU hosting") is an option in a list of choices, not a blank.
_OPTION_BOX_LEAD = re.compile(r"(?:^|\n)[ \t\u00a0]*(?:[-*+•][ \t]+)?$")
_BOXES = ("empty_box", "marked_box")


def _scan(text: str) -> list[Occurrence]:
    """All placeholder occurrences in ``text``, by this test's own simple detection."""
    found = []
    for category, pattern in CATEGORIES.items():
        for m in pattern.finditer(text):
            if category in _BOXES and _OPTION_BOX_LEAD.search(text, max(0, m.start() - 40), m.start()):
                continue
            found.append(Occurrence(category, m.start(), m.end(), m.group(0)))
    return found


def _placeholder_rule_ids(ruleset) -> set[str]:
    """Ids of rules whose title concerns placeholders or drafting notes."""
    return {r.id for r in ruleset.loaded if re.search(r"placeholder|drafting note", r.title, re.I)}


@pytest.fixture(scope="module")
def placeholder_rules(full_ruleset) -> set[str]:
    ids = _placeholder_rule_ids(full_ruleset)
    assert ids, "the rulebook has no placeholder / drafting-note rules"
    return ids


def _repo_sample_params():
    corpora = Path(__file__).resolve().parents[2] / "corpora"
    out = []
    for name in REPO_SAMPLES:
        for category in CATEGORIES:
            out.append(pytest.param(corpora / name, category, id=f"{name}-{category}"))
    return out


@pytest.mark.parametrize(("path", "category"), _repo_sample_params())
def test_every_placeholder_in_the_sample_agreements_is_reported(linted, placeholder_rules, path, category):
    if not path.exists():
        pytest.skip(f"{path.name} not in this checkout")
    _assert_all_reported(linted, placeholder_rules, path, category)


@pytest.mark.parametrize("name", REPO_SAMPLES)
def test_sample_placeholders_in_numbered_clauses_name_them(linted, placeholder_rules, name):
    """Text placeholders under a numbered heading ("4.1 ... $[AMOUNT]") cite that clause."""
    path = Path(__file__).resolve().parents[2] / "corpora" / name
    if not path.exists():
        pytest.skip(f"{name} not in this checkout")
    document, _, result = linted(path)
    checked, wrong = 0, []
    for f in result.findings:
        if f.rule not in placeholder_rules or f.start is None:
            continue
        label = _enclosing_number_in_text(document.text, f.start)
        if label is None:
            continue
        checked += 1
        if f.clause is None or not f.clause.startswith(label):
            wrong.append((document.text[f.start:f.end], label, f.clause))
    assert checked, f"no placeholder under a numbered heading in {name}"
    assert not wrong, wrong


def _enclosing_number_in_text(text: str, offset: int) -> str | None:
    """The number of the last "N." / "N.N" line start at or before ``offset`` (plain-text numbering)."""
    label = None
    for m in re.finditer(r"(?m)^(?:#+\s*)?(\d+(?:\.\d+)*)\.?\s", text[:offset + 1]):
        label = m.group(1)
    return label


def _numbered_block_label(document, offset: int) -> str | None:
    """The printed numbering label ("4.3", "(d)") of the paragraph holding ``offset``, if numbered."""
    block = document.block_at(offset)
    if block is None or not (block.start <= offset < block.end) or not block.number:
        return None
    return block.number.strip().rstrip(".")


def _params():
    paths = _template_paths() or [None]
    out = []
    for path in paths:
        for category in CATEGORIES:
            name = f"{path.stem if path else 'none'}-{category}"
            out.append(pytest.param(path, category, id=name))
    return out


@pytest.mark.parametrize(("path", "category"), _params())
def test_every_placeholder_is_reported(shared, linted, placeholder_rules, path, category):
    if path is None:
        pytest.skip("no templates")
    _assert_all_reported(linted, placeholder_rules, path, category)


def _assert_all_reported(linted, placeholder_rules, path, category):
    """Every occurrence of ``category`` in ``path`` lies inside a placeholder-rule finding."""
    document, _, result = linted(path)
    assert result.error is None, result.error
    wanted = [o for o in _scan(document.text) if o.category == category]
    if not wanted:
        pytest.skip(f"no {category} in {path.name}")
    reported = [f for f in result.findings if f.rule in placeholder_rules and f.start is not None]
    spans = [(f.start, f.end) for f in reported]
    spans += [(p["start"], p["end"]) for f in reported for p in f.details.get("also_at", [])]  # a repeated field
    missed = [o for o in wanted if not any(s <= o.start < e for s, e in spans)]
    assert not missed, f"{len(missed)}/{len(wanted)} {category} not reported in {path.name}: " + "; ".join(
        repr(o.text[:50]) for o in missed[:8]
    )


@pytest.mark.parametrize("path", _template_paths() or [None], ids=lambda p: p.stem if p else "none")
def test_placeholder_findings_name_their_clause(shared, linted, placeholder_rules, path):
    if path is None:
        pytest.skip("no templates")
    document, analysis, result = linted(path)
    checked = 0
    wrong = []
    for f in result.findings:
        if f.rule not in placeholder_rules or f.start is None:
            continue
        label = _numbered_block_label(document, f.start)
        if label is None:
            continue
        checked += 1
        if f.clause is None or not f.clause.endswith(label):
            wrong.append((document.text[f.start:f.end][:40], label, f.clause))
    if not checked:
        pytest.skip(f"no placeholder inside a numbered paragraph of {path.name}")
    assert not wrong, f"{len(wrong)}/{checked} findings in numbered paragraphs lack the right clause: {wrong[:6]}"


def test_findings_lie_on_the_text_they_report(shared, linted, placeholder_rules):
    """A placeholder finding's span holds bracket/brace or note text (guards against shifted offsets)."""
    paths = _template_paths()
    bad = []
    for path in paths:
        document, _, result = linted(path)
        for f in result.findings:
            if f.rule in placeholder_rules and f.start is not None:
                span = document.text[f.start:f.end]
                if not re.search(r"[\[\]{}<>_]|tb[dca]|to be|note", span, re.I):
                    bad.append((path.name, f.rule, span[:40]))
    assert not bad, bad[:8]


def test_option_boxes_of_a_list_of_choices_are_not_reported(shared, linted, placeholder_rules):
    """'[ x ] Option A' / '[ ] Option B' lines are choices: no placeholder finding starts on such a box."""
    option_boxes, reported = 0, []
    for path in _template_paths():
        document, _, result = linted(path)
        starts = {f.start for f in result.findings if f.rule in placeholder_rules and f.start is not None}
        starts |= {p["start"] for f in result.findings if f.rule in placeholder_rules
                   for p in f.details.get("also_at", [])}
        for box in re.finditer(r"\[[ \t\u00a0]*[xX]?[ \t\u00a0]*\]", document.text):
            if _OPTION_BOX_LEAD.search(document.text, max(0, box.start() - 40), box.start()):
                option_boxes += 1
                if box.start() in starts:
                    reported.append((path.name, box.group(0)))
    if not option_boxes:
        pytest.skip("no option boxes in the templates")
    assert not reported, reported[:8]
