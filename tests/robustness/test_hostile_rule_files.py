"""Untrusted rule files, waivers and baselines: refused with one `file:line` line and exit 2, never expanded,
executed or allowed to exhaust memory (each run is capped at 1 GiB and 60 s)."""
from __future__ import annotations

from pathlib import Path

import pytest
from bounded_run import run_msalint

RULE_HEAD = """\
pack: t
rules:
  - id: T-FRB-001
    title: Vague wording
    kind: forbidden
    severity: warning
    message: "'{match}' is vague."
    rationale: Vague standards are hard to enforce.
    remediation: Use a concrete obligation.
    examples:
      fail: ["Provider shall use best efforts."]
      pass: ["Provider shall respond within 4 hours."]
"""


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A few hundred bytes that stand for width**levels strings once aliases are expanded."""
    lines = ["bomb:", f"  - &a0 [{', '.join(['best efforts'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"  - &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def lint_rules(tmp_path: Path, text: str, *, name: str = "house.yaml", memory_mb: int = 1024):
    rules = tmp_path / name
    rules.write_text(text, encoding="utf-8")
    return rules, run_msalint(["rules", "--rules", str(rules)], cwd=tmp_path, memory_mb=memory_mb)


def assert_refused(run, rules: Path, *, line: int | None, words: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert not run.traceback, run.stderr[-2000:]
    message = run.stderr.strip().splitlines()[-1]
    where = f"{rules}:{line}:" if line else f"{rules}"
    assert where in message and words in message, message


# Hostile rule files loaded in ONE bounded child process (a child per file would cost CI a second each):
# name -> (text, expected line or None, words of the error).
HOSTILE = {
    "recursive-anchor": (RULE_HEAD + "    patterns: &loop [best efforts, *loop]\n", 13, "recursive anchor"),
    "nesting-100": (RULE_HEAD + "    patterns: " + "[" * 100 + "]" * 100 + "\n", 13, "deeper than 64 levels"),
    # libyaml >= 0.2.6 (PyYAML 6.0.4 wheels) refuses this itself ("exceeded maximum nesting depth")
    "nesting-200000": (RULE_HEAD + "    patterns: " + "[" * 200_000 + "]" * 200_000 + "\n", 13, "nesting"),
    "5000-digit-int": (RULE_HEAD + "    params: {max_days: " + "9" * 5000 + "}\n", 13,
                       "integer with 5000 digits is too long"),
    "huge-file": (RULE_HEAD + "    patterns: [best efforts]\n" + ("# " + "x" * 100 + "\n") * 45_000, None,
                  "over the 4,194,304 limit"),
    "counted-regex": (RULE_HEAD + "    patterns: [{regex: '((a{1000}){1000}){1000}'}]\n", 13,
                      "counted repetitions unroll to over 100,000"),
    # lookbehind: RE2 cannot run it, so only the size bound protects the fallback's compile
    "fallback-regex": (RULE_HEAD + "    patterns: [{regex: '(?<=x)((ab{500}){500})'}]\n", 13,
                       "unroll to over 100,000"),
    "tokens-star": (RULE_HEAD + '    patterns: [{tokens: [{LOWER: pay}, {OP: "*"}, {OP: "*"}, {LOWER: days}]}]\n',
                    13, "'*' is unbounded"),
    "tokens-plus": (RULE_HEAD + '    patterns: [{tokens: [{LOWER: pay}, {OP: "+"}]}]\n', 13, "'+' is unbounded"),
    "tokens-open-count": (RULE_HEAD + '    patterns: [{tokens: [{LOWER: pay}, {OP: "{2,}"}]}]\n', 13,
                          "'{2,}' is unbounded"),
    "tokens-many-optional": (RULE_HEAD + '    patterns: [{tokens: [{LOWER: pay}, {OP: "{0,10}"}, {LOWER: days}]}]\n',
                             13, "10 optional tokens; the limit is 4"),
    "tokens-long": (RULE_HEAD + '    patterns: [{tokens: [{LOWER: pay, OP: "{20}"}]}]\n', 13,
                    "span 20 tokens; the limit is 16"),
    "tokens-bad-attribute": (RULE_HEAD + "    patterns: [{tokens: [{LOWR: pay}]}]\n", 13, "invalid token pattern"),
    "list-not-mapping": ("- pack: t\n- rules: []\n", 1, "must be a mapping"),
    "rule-is-a-list": ("pack: t\nrules:\n  - [id, T-FRB-001]\n", 3, "each rule must be a mapping"),
}

_LOADER = """
import json, sys
from msalint.errors import RuleFileError
from msalint.rulebook.loader import load_rules_from
out = {}
for name, path in json.loads(sys.argv[1]).items():
    try:
        load_rules_from([path])
        out[name] = ["loaded", None, ""]
    except RuleFileError as exc:
        out[name] = ["RuleFileError", exc.line, str(exc)]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def refusals(tmp_path_factory):
    """{name: [error class, line, message]} for every HOSTILE file, loaded under 1 GiB and 120 s."""
    import json
    import resource
    import subprocess
    import sys

    from bounded_run import REPO

    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for name, (text, _, _) in HOSTILE.items():
        paths[name] = str(folder / f"{name}.yaml")
        Path(paths[name]).write_text(text, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    done = subprocess.run([sys.executable, "-c", _LOADER, json.dumps(paths)], capture_output=True, text=True,
                          timeout=120, preexec_fn=limit, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout), paths


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_rule_file_is_refused_with_its_line(refusals, name):
    results, paths = refusals
    kind, line, message = results[name]
    _, expected_line, words = HOSTILE[name]
    assert kind == "RuleFileError", (name, message)
    assert line == expected_line and words in message, message
    assert message.startswith(paths[name])


def test_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    bomb = alias_bomb()
    assert len(bomb) < 1000
    # the bomb sits where the validator walks: the patterns of an otherwise valid rule
    text = bomb.replace("bomb:", "x-bomb:") + RULE_HEAD.replace("pack: t\n", "") + "    patterns: *a8\n"
    rules, run = lint_rules(tmp_path, "pack: t\n" + text)
    assert_refused(run, rules, line=None, words="aliases expand to more than")
    assert run.seconds < 30


def test_a_few_aliases_like_the_builtin_rulebook_still_load(tmp_path):
    text = RULE_HEAD.replace('    message:', '    patterns: &vague ["best efforts"]\n    message:')
    second = RULE_HEAD.split("rules:\n", 1)[1].replace("T-FRB-001", "T-FRB-002") + "    patterns: *vague\n"
    rules, run = lint_rules(tmp_path, text + second)
    assert run.returncode == 0, run.stderr
    assert "T-FRB-002" in run.stdout


def test_python_tags_are_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = RULE_HEAD + f"    patterns: !!python/object/apply:os.system ['touch {marker}']\n"
    rules, run = lint_rules(tmp_path, text)
    assert_refused(run, rules, line=13, words="python/object/apply")
    assert not marker.exists()


def test_catastrophic_counted_regex_is_refused_at_once(tmp_path):
    rules, run = lint_rules(tmp_path, RULE_HEAD + "    patterns: [{regex: '((a{1000}){1000}){1000}'}]\n")
    assert_refused(run, rules, line=13, words="counted repetitions unroll to over 100,000")
    assert run.seconds < 30


def test_bounded_token_pattern_loads_and_matches(tmp_path):
    tokens = '[{LOWER: best}, {OP: "?"}, {LOWER: efforts}]'
    rules = tmp_path / "house.yaml"
    rules.write_text(RULE_HEAD + f"    patterns: [{{tokens: {tokens}}}]\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("1. Services\n\nProvider shall use best commercial efforts to respond.\n", encoding="utf-8")
    run = run_msalint(["check", str(doc), "--rules", str(rules), "--select", "T-FRB-001", "--no-cache",
                       "--fail-on", "warning"], cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "T-FRB-001" in run.stdout


def test_waivers_alias_bomb_is_refused(tmp_path):
    (tmp_path / ".msalint").mkdir()
    (tmp_path / ".msalint" / "waivers.yaml").write_text(alias_bomb() + "waivers: []\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("1. Services\n\nProvider shall respond within 4 hours.\n", encoding="utf-8")
    run = run_msalint(["check", str(doc), "--no-cache"], cwd=tmp_path, memory_mb=1024)
    assert run.returncode == 2, run.stderr[-2000:]
    assert not run.traceback
    assert "waivers.yaml" in run.stderr and "aliases expand" in run.stderr


@pytest.mark.parametrize("content", [
    '{"version": 1, "documents": {}, "n": ' + "7" * 5000 + "}",
    "[" * 100_000 + "]" * 100_000,
], ids=["5000-digit-int", "deep-nesting"])
def test_hostile_baseline_is_a_clear_error(tmp_path, content):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("1. Services\n\nProvider shall respond within 4 hours.\n", encoding="utf-8")
    run = run_msalint(["check", str(doc), "--baseline", str(baseline), "--no-cache"], cwd=tmp_path)
    assert run.returncode == 2, run.stderr[-2000:]
    assert not run.traceback
    assert "baseline.json" in run.stderr and "invalid JSON" in run.stderr


def test_alias_bomb_helper_really_is_a_bomb():
    """Guard the fixture: expanded, the bomb has more values than the limit (so the refusal is meaningful)."""
    import yaml

    from msalint.safe_yaml import MAX_YAML_NODES

    root = yaml.compose(alias_bomb(), Loader=yaml.SafeLoader)
    memo: dict[int, int] = {}

    def size(node) -> int:
        if id(node) not in memo:
            children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else (
                node.value if isinstance(node, yaml.SequenceNode) else [])
            memo[id(node)] = 1 + sum(size(c) for c in children)
        return memo[id(node)]

    assert size(root) > 100 * MAX_YAML_NODES
