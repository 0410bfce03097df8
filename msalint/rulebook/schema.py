"""Rule-file schema: safe YAML loading with line numbers and strict validation of every key."""
from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any, Callable

import yaml

from msalint.errors import RuleFileError
from msalint.model import Severity
from msalint.rulebook.patterns import parse_patterns
from msalint.rulebook.ruleset import AppliesTo, Rule, Softening
from msalint.safe_yaml import YamlLimitError, bounded_loader, load_bounded

ID_RE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
ELEMENT_RE = re.compile(r"^[a-z][a-z0-9_]*$")
CATEGORIES = ("required-element", "weak-wording", "numeric", "consistency", "structure")
PACK_KEYS = {"pack", "description", "opt_in", "rules"}
PACK_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]*$")


class LineDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A sequence that remembers its line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list


class _LineLoader(bounded_loader()):  # type: ignore[misc]
    """A safe loader (C or Python) that records line numbers and rejects duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(None, None, "keys must be scalars", key_node.start_mark)
        if key in data:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1
    return data


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    data = LineList(loader.construct_object(child, deep=True) for child in node.value)
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> Any:
    """Parse a YAML rule file safely, keeping line numbers; YAML errors become RuleFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), None, f"cannot read rule file: {exc}") from None
    try:
        return load_bounded(text, _LineLoader)
    except YamlLimitError as exc:
        raise RuleFileError(str(path), exc.line, f"refused: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(str(path), line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(str(path), None, f"invalid YAML: {exc}") from None


def plain(value: Any) -> Any:
    """Convert LineDict/LineList trees to plain dicts and lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class RuleContext:
    """Validation context of one rule mapping: raises located errors naming the rule and key."""

    def __init__(self, file: str, node: LineDict, rule_id: str | None = None):
        self.file = file
        self.node = node
        self.rule_id = rule_id

    def line(self, key: str | None = None) -> int:
        """Line of a key of the rule (or of the rule itself)."""
        if key is not None and key in getattr(self.node, "key_lines", {}):
            return self.node.key_lines[key]
        return getattr(self.node, "line", 0) or None

    def fail(self, key: str | None, message: str, line: int | None = None) -> None:
        """Raise a RuleFileError at the key's line."""
        who = f"rule {self.rule_id}" if self.rule_id else "rule"
        where = f"{who}, key '{key}'" if key else who
        raise RuleFileError(self.file, line or self.line(key), f"{where}: {message}")

    def failer(self, key: str, line: int | None = None) -> Callable[[str], None]:
        """A one-argument fail function bound to a key (for nested validators)."""
        return lambda message: self.fail(key, message, line)

    def get(self, key: str, checker: Callable, required: bool = False, default: Any = None) -> Any:
        """Validate ``node[key]`` with ``checker(value, fail)``; missing and required is an error."""
        if key not in self.node:
            if required:
                self.fail(key, "missing required key")
            return default
        return checker(self.node[key], self.failer(key))


# ---- value checkers: checker(value, fail) -> normalised value

def check_str(value: Any, fail: Callable) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        fail(f"expected a non-empty string, got {_type(value)}")
    return value.strip()


def check_bool(value: Any, fail: Callable) -> bool:
    """true / false."""
    if not isinstance(value, bool):
        fail(f"expected true or false, got {_type(value)}")
    return value


def check_str_list(value: Any, fail: Callable) -> list[str]:
    """A list of non-empty strings (a single string is accepted)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        fail(f"expected a list of strings, got {_type(value)}")
    return [v.strip() for v in value]


def check_nonempty_str_list(value: Any, fail: Callable) -> list[str]:
    """A non-empty list of strings."""
    out = check_str_list(value, fail)
    if not out:
        fail("expected at least one string")
    return out


def check_mapping(value: Any, fail: Callable) -> dict:
    """A mapping with string keys."""
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        fail(f"expected a mapping, got {_type(value)}")
    return value


def check_params(value: Any, fail: Callable) -> dict:
    """A mapping of parameter name -> scalar or list of scalars."""
    check_mapping(value, fail)
    for k, v in value.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", k):
            fail(f"parameter name {k!r} must be snake_case")
        if not _is_scalarish(v):
            fail(f"parameter {k!r} must be a number, string, boolean or list of them")
    return plain(value)


def check_severity(value: Any, fail: Callable) -> Severity:
    """error / warning / info."""
    try:
        return Severity.parse(value)
    except ValueError as exc:
        fail(str(exc))


def one_of(*choices: str) -> Callable:
    """A checker for a string among ``choices``."""
    def checker(value: Any, fail: Callable) -> str:
        if value not in choices:
            fail(f"expected one of {', '.join(choices)}, got {value!r}")
        return value
    return checker


def check_examples(value: Any, fail: Callable) -> dict[str, list[str]]:
    """{fail: [text...], pass: [text...]}, both non-empty."""
    check_mapping(value, fail)
    unknown = set(value) - {"fail", "pass"}
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} (examples take 'fail' and 'pass')")
    out = {}
    for key in ("fail", "pass"):
        if key not in value:
            fail(f"examples missing '{key}' (each rule needs failing and passing examples)")
        texts = value[key]
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) and t.strip() for t in texts):
            fail(f"examples '{key}' must be a non-empty list of texts")
        out[key] = list(texts)
    return out


SCOPE_KEYS = {"headings", "fallback", "unit"}


def check_scope(value: Any, fail: Callable) -> dict:
    """{headings: [...], fallback: document|none, unit: sentence|clause|document}."""
    check_mapping(value, fail)
    unknown = set(value) - SCOPE_KEYS
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} in scope (allowed: {', '.join(sorted(SCOPE_KEYS))})")
    out = {"headings": [], "fallback": "document", "unit": "sentence"}
    if "headings" in value:
        out["headings"] = check_nonempty_str_list(value["headings"], fail)
    if "fallback" in value:
        out["fallback"] = one_of("document", "none")(value["fallback"], fail)
    if "unit" in value:
        out["unit"] = one_of("sentence", "clause", "document")(value["unit"], fail)
    return out


PROFILE_KEYS = {"severity", "enabled", "params"}


def check_profiles(value: Any, fail: Callable) -> dict:
    """{profile: {severity, enabled, params}}."""
    check_mapping(value, fail)
    out = {}
    for name, override in value.items():
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
            fail(f"profile name {name!r} must be lower case")
        check_mapping(override, fail)
        unknown = set(override) - PROFILE_KEYS
        if unknown:
            fail(f"unknown key {sorted(unknown)[0]!r} in profile {name!r} (allowed: severity, enabled, params)")
        entry = {}
        if "severity" in override:
            entry["severity"] = check_severity(override["severity"], fail)
        if "enabled" in override:
            entry["enabled"] = check_bool(override["enabled"], fail)
        if "params" in override:
            entry["params"] = check_params(override["params"], fail)
        out[name] = entry
    return out


PRECEDENCE_WITHIN = ("same", "document", "clause", "sentence")


def check_suppressed_by(value: Any, fail: Callable) -> list[tuple[str, str]]:
    """[RULE-ID | {rule: RULE-ID, within: same|document|clause|sentence}] -> [(id, within)]."""
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list) or not value:
        fail("expected a list of rule ids (or {rule: ID, within: document|clause|sentence} mappings)")
    out = []
    for item in value:
        if isinstance(item, str):
            rule_id, within = item.strip(), "same"
        elif isinstance(item, dict):
            unknown = set(item) - {"rule", "within"}
            if unknown or "rule" not in item:
                fail("a suppressed_by mapping takes 'rule' (required) and 'within'")
            rule_id = check_str(item["rule"], fail)
            within = one_of(*PRECEDENCE_WITHIN)(item.get("within", "same"), fail)
        else:
            fail(f"expected a rule id or a mapping, got {_type(item)}")
        if not ID_RE.match(rule_id):
            fail(f"{rule_id!r} is not a rule id")
        out.append((rule_id, within))
    return out


APPLIES_TO_KEYS = ("kinds", "subject", "patterns", "min_hits", "requires", "moot_if")


def check_applies_to(value: Any, fail: Callable, key: str = "applies_to") -> AppliesTo:
    """{kinds: [...], subject: it, patterns: [...], min_hits: N, requires: [element...], moot_if: [element...]}:
    the documents the rule is for (whether the named elements are detected is checked when all rules are loaded)."""
    from msalint.classify import CONTRACT_KINDS

    if not isinstance(value, dict) or not value:
        fail(f"{key} must be a mapping with some of: {', '.join(APPLIES_TO_KEYS)}")
    unknown = set(value) - set(APPLIES_TO_KEYS)
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} in {key} (allowed: {', '.join(APPLIES_TO_KEYS)})")
    kinds = None
    if "kinds" in value:
        kinds = tuple(check_str_list(value["kinds"], fail))
        bad = [k for k in kinds if k not in CONTRACT_KINDS]
        if bad or not kinds:
            fail(f"{key}.kinds: {bad[0] if bad else 'an empty list'!r} is not a contract kind "
                 f"(expected some of: {', '.join(CONTRACT_KINDS)})")
    subject = value.get("subject")
    if subject is not None and subject != "it":
        fail(f"{key}.subject must be 'it' (IT / managed services), got {subject!r}")
    min_hits = value.get("min_hits", 1)
    if not isinstance(min_hits, int) or isinstance(min_hits, bool) or min_hits < 1:
        fail(f"{key}.min_hits must be a whole number >= 1")
    if "min_hits" in value and "patterns" not in value:
        fail(f"{key}.min_hits needs patterns")
    patterns = tuple(parse_patterns(value["patterns"], fail)) if "patterns" in value else ()
    requires, moot_if = (_element_list(value, name, key, fail) for name in ("requires", "moot_if"))
    both = sorted(set(requires) & set(moot_if))
    if both:
        fail(f"{key}: element {both[0]!r} is in both requires and moot_if, so the rule could never apply")
    return AppliesTo(kinds=kinds, subject=subject, patterns=patterns, min_hits=min_hits, requires=requires,
                     moot_if=moot_if)


def _element_list(value: dict, name: str, key: str, fail: Callable) -> tuple[str, ...]:
    if name not in value:
        return ()
    elements = check_nonempty_str_list(value[name], fail)
    bad = [e for e in elements if not ELEMENT_RE.match(e)]
    if bad:
        fail(f"{key}.{name}: {bad[0]!r} is not an element name (snake_case, e.g. service_levels)")
    return tuple(elements)


def check_softened_by(value: Any, fail: Callable) -> Softening:
    """{elements: [element...], because: "why the gap matters less then"}: the grading-down relation."""
    if not isinstance(value, dict) or set(value) != {"elements", "because"}:
        fail("softened_by must be a mapping with 'elements' (a list of element names) and 'because' (why)")
    elements = _element_list(value, "elements", "softened_by", fail)
    return Softening(elements=elements, because=check_str(value["because"], fail))


def check_applies_if(value: Any, fail: Callable) -> AppliesTo:
    """The older spelling: {patterns: [...], min_hits: N} only (same as applies_to with those keys)."""
    if not isinstance(value, dict) or "patterns" not in value:
        fail("applies_if must be a mapping with 'patterns' (and optionally 'min_hits'); prefer applies_to")
    unknown = set(value) - {"patterns", "min_hits"}
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} in applies_if (allowed: min_hits, patterns)")
    return check_applies_to(value, fail, key="applies_if")


# key -> (checker, required); kinds add their own keys
COMMON_KEYS: dict[str, tuple[Callable, bool]] = {
    "id": (check_str, True),
    "title": (check_str, True),
    "kind": (check_str, True),
    "severity": (check_severity, True),
    "message": (check_str, True),
    "rationale": (check_str, True),
    "remediation": (check_str, True),
    "examples": (check_examples, True),
    "element": (check_str, False),
    "cuad": (check_str_list, False),
    "category": (one_of(*CATEGORIES), False),
    "references": (check_str_list, False),
    "scope": (check_scope, False),
    "profiles": (check_profiles, False),
    "params": (check_params, False),
    "suggestion": (check_str, False),
    "tags": (check_str_list, False),
    "enabled": (check_bool, False),
    "opt_in": (check_str, False),
    "suppressed_by": (check_suppressed_by, False),
    "applies_to": (check_applies_to, False),
    "applies_if": (check_applies_if, False),
    "softened_by": (check_softened_by, False),
}

# placeholders any message may use, besides the rule's params
COMMON_PLACEHOLDERS = {"match", "value", "element", "missing", "limit", "first", "priority", "other", "metric",
                       "term", "ref", "label", "expected", "words", "digits", "sentence", "clause", "id", "title"}


def check_placeholders(ctx: RuleContext, key: str, text: str, params: dict, extra: set[str] = frozenset()) -> None:
    """Every {placeholder} in a message must be a known name or a param."""
    try:
        names = {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError as exc:
        ctx.fail(key, f"bad message template: {exc}")
    unknown = names - COMMON_PLACEHOLDERS - set(params) - set(extra)
    if unknown:
        ctx.fail(key, f"unknown placeholder {{{sorted(unknown)[0]}}} (not a param or a known field)")


def validate_rule(node: Any, file: str, kinds: dict[str, Any], line: int | None = None) -> Rule:
    """Validate one rule mapping and compile it with its Kind (``kinds``: name -> Kind)."""
    ctx = RuleContext(file, node if isinstance(node, dict) else LineDict())
    if not isinstance(node, dict):
        raise RuleFileError(file, line, f"each rule must be a mapping, got {_type(node)}")
    rule_id = ctx.get("id", check_str, required=True)
    if not ID_RE.match(rule_id):
        ctx.fail("id", f"{rule_id!r} is not a valid id (expected e.g. MSA-SLA-001)")
    ctx.rule_id = rule_id
    kind = ctx.get("kind", check_str, required=True)
    if kind not in kinds:
        ctx.fail("kind", f"unknown kind {kind!r} (expected one of {', '.join(kinds)})")
    kind_class = kinds[kind]
    allowed = set(COMMON_KEYS) | kind_class.keys()
    for key in node:
        if key not in allowed:
            ctx.fail(key, f"unknown key for a {kind} rule (allowed: {', '.join(sorted(allowed))})")
    values = {key: ctx.get(key, checker, required) for key, (checker, required) in COMMON_KEYS.items()}
    element = values["element"]
    if element is not None and not ELEMENT_RE.match(element):
        ctx.fail("element", f"{element!r} must be snake_case")
    params = values["params"] or {}
    if values["applies_to"] is not None and values["applies_if"] is not None:
        ctx.fail("applies_if", "give either applies_to or applies_if, not both")
    rule = Rule(
        id=rule_id, title=values["title"], kind=kind, severity=values["severity"], message=values["message"],
        rationale=values["rationale"], remediation=values["remediation"], examples=values["examples"],
        element=element, cuad=values["cuad"] or [], category=values["category"],
        references=values["references"] or [], params=dict(params), suggestion=values["suggestion"],
        tags=values["tags"] or [], scope=values["scope"] or {"headings": [], "fallback": "document", "unit": "sentence"},
        enabled=values["enabled"] if values["enabled"] is not None else True,
        profiles=values["profiles"] or {}, source_file=file, source_line=ctx.line(), spec=plain(node),
        suppressed_by=values["suppressed_by"] or [], applies_to=values["applies_to"] or values["applies_if"],
        softened_by=values["softened_by"],
    )
    if values["opt_in"]:
        # one rule of an otherwise default pack that runs only when its opt-in pack is selected by name
        if not PACK_NAME_RE.match(values["opt_in"]):
            ctx.fail("opt_in", f"{values['opt_in']!r} must be a pack name in lower case (e.g. checklist)")
        rule.pack, rule.enabled = values["opt_in"], False
    if rule.applies_to is not None and element in rule.applies_to.requires + rule.applies_to.moot_if:
        ctx.fail("applies_to", f"a rule cannot depend on its own element {element!r} (requires / moot_if)")
    if rule.softened_by is not None and (kind != "required" or element in rule.softened_by.elements):
        ctx.fail("softened_by", "only a required rule's missing element can be softened, and not by itself")
    if any(other == rule_id for other, _ in rule.suppressed_by):
        ctx.fail("suppressed_by", "a rule cannot suppress itself")
    rule.compiled = kind_class.compile(ctx, rule)
    for key in ("message", "message_incomplete"):
        if isinstance(node.get(key), str):
            check_placeholders(ctx, key, node[key], params, kind_class.placeholders)
    return rule


def _is_scalarish(v: Any) -> bool:
    if isinstance(v, (str, int, float, bool)):
        return True
    return isinstance(v, list) and all(isinstance(x, (str, int, float, bool)) for x in v)


def _type(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"
