"""Load rule packs (built-in and extra), validate them, and apply profile, selection and overrides."""
from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Iterable

from msalint.config import PROFILES as BUILTIN_PROFILES
from msalint.errors import ConfigError, MsalintWarning, RuleFileError
from msalint.model import Severity
from msalint.rulebook.concepts import ConceptRegistry, builtin_concept_files, builtin_registry, is_concept_file, using
from msalint.rulebook.kinds import kind_of, kinds as registered_kinds
from msalint.rulebook.ruleset import Rule, RuleSet, element_index
from msalint.rulebook.moot import check_element_conditions
from msalint.rulebook.schema import PACK_KEYS, load_yaml, validate_rule

DEFAULT_PROFILE_NAMES = ("default", "baseline", "none")
RULE_SUFFIXES = (".yaml", ".yml")


def builtin_rules_dir() -> Path | None:
    """The built-in rulebook: the repo's top-level rules/ folder, or an installed msalint/_rules copy."""
    import msalint

    repo_rules = Path(msalint.__file__).resolve().parent.parent / "rules"
    if repo_rules.is_dir():
        return repo_rules
    try:
        from importlib.resources import files

        installed = files("msalint") / "_rules"
        if installed.is_dir():
            return Path(str(installed))
    except (ModuleNotFoundError, TypeError, FileNotFoundError):
        pass
    return None


def rule_files(path: str | os.PathLike) -> list[Path]:
    """A rule file, or every *.yaml / *.yml under a folder (sorted, hidden folders skipped)."""
    p = Path(path)
    if p.is_dir():
        return sorted(q for q in p.rglob("*") if q.suffix in RULE_SUFFIXES and q.is_file()
                      and not any(part.startswith(".") for part in q.relative_to(p).parts))
    if p.is_file():
        return [p]
    raise RuleFileError(str(p), None, "no such rule file or folder")


def load_pack(path: Path, kinds: dict[str, Any] | None = None, data: Any = None) -> list[Rule]:
    """Validate and compile the rules of one pack file (``data``: the file already parsed)."""
    kinds = kinds or registered_kinds()
    data = load_yaml(path) if data is None else data
    file = str(path)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise RuleFileError(file, 1, "a rule file must be a mapping with 'pack' and 'rules'")
    for key in data:
        if key not in PACK_KEYS:
            raise RuleFileError(file, data.key_lines.get(key),
                                f"unknown top-level key '{key}' (allowed: pack, description, opt_in, rules)")
    opt_in = data.get("opt_in", False)
    if not isinstance(opt_in, bool):
        raise RuleFileError(file, data.key_lines.get("opt_in"), "'opt_in' must be true or false")
    if "rules" not in data:
        raise RuleFileError(file, data.line, "missing required key 'rules'")
    rules = data["rules"]
    if not isinstance(rules, list):
        raise RuleFileError(file, data.key_lines.get("rules"), "'rules' must be a list of rule mappings")
    lines = getattr(rules, "item_lines", [None] * len(rules))
    out = [validate_rule(node, file, kinds, line) for node, line in zip(rules, lines)]
    for rule in out:
        rule.pack = rule.pack or str(data.get("pack") or path.stem)  # a rule's own `opt_in` pack comes first
        if opt_in:
            rule.enabled = False  # an opt-in pack runs only when selected by name (or a rule by its id)
    return out


def load_rules_from(paths: Iterable[str | os.PathLike], concepts: ConceptRegistry | None = None) -> list[Rule]:
    """Load every pack under ``paths``; duplicate ids across packs are errors.

    Concept files (top-level ``concepts``) are read first, into ``concepts`` (default: a registry of the
    built-in concepts), so that any rule may use any concept whatever the file order.
    """
    kinds = registered_kinds()
    registry = concepts if concepts is not None else builtin_registry()
    builtin = {p.resolve() for p in builtin_concept_files()}
    packs = []
    for path in paths:
        for file in rule_files(path):
            data = load_yaml(file)
            if is_concept_file(data):
                if file.resolve() not in builtin:
                    registry.add_file(data, str(file))
            else:
                packs.append((file, data))
    seen: dict[str, Rule] = {}
    out: list[Rule] = []
    with using(registry):
        for file, data in packs:
            for rule in load_pack(file, kinds, data):
                if rule.id in seen:
                    first = seen[rule.id]
                    raise RuleFileError(rule.source_file, rule.source_line,
                                        f"rule {rule.id}, key 'id': duplicate id (first defined at "
                                        f"{first.source_file}:{first.source_line})")
                seen[rule.id] = rule
                out.append(rule)
    _check_element_references(out)
    _check_precedence(out)
    check_element_conditions(out)
    return out


def _check_precedence(rules: list[Rule]) -> None:
    """suppressed_by must name loaded rules and must not form a cycle."""
    by_id = {r.id: r for r in rules}
    for rule in rules:
        for other, _ in rule.suppressed_by:
            if other not in by_id:
                raise RuleFileError(rule.source_file, rule.source_line,
                                    f"rule {rule.id}, key 'suppressed_by': no loaded rule has the id {other!r}")
    state: dict[str, int] = {}

    def visit(rule: Rule, path: list[str]) -> None:
        if state.get(rule.id) == 2:
            return
        if state.get(rule.id) == 1:
            cycle = " -> ".join(path[path.index(rule.id):] + [rule.id])
            raise RuleFileError(rule.source_file, rule.source_line,
                                f"rule {rule.id}, key 'suppressed_by': suppression cycle {cycle}")
        state[rule.id] = 1
        for other, _ in rule.suppressed_by:
            visit(by_id[other], path + [rule.id])
        state[rule.id] = 2

    for rule in rules:
        visit(rule, [])


def _check_element_references(rules: list[Rule]) -> None:
    detected = {r.element for r in rules if kind_of(r).detects_element(r)}
    for rule in rules:
        for element in kind_of(rule).elements_read(rule):
            if element not in detected:
                raise RuleFileError(rule.source_file, rule.source_line,
                                    f"rule {rule.id}: element {element!r} is not detected by any required rule")


def known_profiles(rules: Iterable[Rule]) -> set[str]:
    """Profiles that exist: the built-in ones plus any a rule mentions."""
    names = set(BUILTIN_PROFILES)
    for rule in rules:
        names.update(rule.profiles)
    return names


def apply_profile(rules: list[Rule], profile: str | None) -> None:
    """Apply each rule's `profiles.<profile>` overrides in place."""
    if profile is None:
        return
    for rule in rules:
        override = rule.profiles.get(profile, {})
        if "severity" in override:
            rule.severity = override["severity"]
        if "enabled" in override:
            rule.enabled = override["enabled"]
        if "params" in override:
            rule.params.update(override["params"])


def apply_thresholds(rules: list[Rule], thresholds: dict[str, Any]) -> None:
    """Override params: key "param" applies to every rule with that param, "RULE-ID.param" to one rule."""
    for key, value in thresholds.items():
        rule_id, _, param = key.rpartition(".") if "." in key else ("", "", key)
        targets = [r for r in rules if (not rule_id or r.id == rule_id) and param in r.params]
        if not targets:
            raise ConfigError(f"threshold {key!r}: no loaded rule has a parameter of that name")
        for rule in targets:
            rule.params[param] = value
    for rule in rules:
        problem = kind_of(rule).check_params(rule)
        if problem is not None:
            raise ConfigError(f"rule {rule.id}: {problem}")


def matches(rule_id: str, selector: str) -> bool:
    """True when a selector (an id, a prefix such as "MSA-SLA", or "ALL") covers the rule id."""
    selector = selector.strip()
    return selector.upper() == "ALL" or rule_id == selector or rule_id.startswith(selector)


def resolve_selectors(rules: list[Rule], selectors: Iterable[str], what: str) -> list[str]:
    """Each selector in the form that matches rule ids.

    A selector that matches as written (or names a pack: "style") is kept; one written without its pack prefix
    ("WRD-006", "SLA") is completed when exactly one pack has it ("MSA-WRD-006"); anything else is a ConfigError
    with a suggestion.
    """
    ids = [rule.id for rule in rules]
    resolved = []
    for selector in (s.strip() for s in selectors):
        if not selector:
            continue
        if selector.upper() == "ALL" or any(matches(i, selector) for i in ids) or any(names_pack(r, selector)
                                                                                   for r in rules):
            resolved.append(selector)
            continue
        completed = sorted({f"{pack}-{selector}" for pack, _, rest in (i.partition("-") for i in ids)
                            if rest and matches(rest, selector)})
        if len(completed) > 1:
            raise ConfigError(f"{what} {selector!r} is ambiguous: write one of {', '.join(completed)}")
        if not completed:
            raise ConfigError(f"{what} {selector!r}: no rule has this id or prefix{_did_you_mean(selector, ids)}")
        resolved.append(completed[0])
    return resolved


def _did_you_mean(selector: str, ids: list[str]) -> str:
    from rapidfuzz import fuzz, process, utils

    prefixes = {i.rsplit("-", n)[0] for i in ids for n in range(1, i.count("-") + 1)}
    best = process.extractOne(selector, sorted(set(ids) | prefixes), scorer=fuzz.ratio,
                              processor=utils.default_process, score_cutoff=70)
    return f"; did you mean {best[0]!r}?" if best else ""


def apply_severities(rules: list[Rule], severity: dict[str, Any]) -> None:
    """Severity overrides by id or prefix; the longest matching selector wins."""
    parsed = {}
    for selector, value in severity.items():
        try:
            level = Severity.parse(value)
        except ValueError as exc:
            raise ConfigError(f"severity override for {selector!r}: {exc}") from None
        [resolved] = resolve_selectors(rules, [selector], "severity override")
        parsed[resolved] = level
    for rule in rules:
        hits = [s for s in parsed if matches(rule.id, s)]
        if hits:
            rule.severity = parsed[max(hits, key=len)]


def names_pack(rule: Rule, selector: str) -> bool:
    """True when the selector is the rule's pack name ("style"), case-insensitively."""
    return bool(rule.pack) and selector.strip().lower() == rule.pack.lower()


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    """Ruff-style selection: select (ids, prefixes or pack names) then ignore; ignore wins; a disabled rule
    (an opt-in pack's, or `enabled: false`) needs its exact id or its pack's name."""
    select = resolve_selectors(rules, select, "select")
    ignore = resolve_selectors(rules, ignore, "ignore")
    picked = []
    for rule in rules:
        if select:
            if not any(matches(rule.id, s) or names_pack(rule, s) for s in select):
                continue
            if not rule.enabled and not any(rule.id == s or names_pack(rule, s) for s in select):
                continue
        elif not rule.enabled:
            continue
        if any(matches(rule.id, s) or names_pack(rule, s) for s in ignore):
            continue
        picked.append(rule)
    return picked


def warn_about_packs_selected_away(rules: list[Rule], selected: list[Rule], select: list[str],
                                   extra: list[str | os.PathLike]) -> None:
    """Warn when ``select`` leaves out every rule of an extra pack (a house pack that would silently never run)."""
    if not select or not extra:
        return
    roots = [Path(p).resolve() for p in extra]
    chosen = {rule.id for rule in selected}
    packs: dict[str, list[Rule]] = {}
    for rule in rules:
        source = Path(rule.source_file).resolve()
        if rule.enabled and any(source == root or root in source.parents for root in roots):
            packs.setdefault(rule.source_file, []).append(rule)
    for file, pack_rules in packs.items():
        if not any(r.id in chosen for r in pack_rules):
            prefixes = sorted({r.id.split("-")[0] for r in pack_rules})
            warnings.warn(MsalintWarning(
                f"select = {', '.join(select)} leaves out every rule of the extra pack {file}; "
                f"add {' and '.join(repr(p) for p in prefixes)} to select to run it"), stacklevel=2)


def load_ruleset(extra: list[str | os.PathLike] | None = None, profile: str | None = None,
                 select: list[str] | None = None, ignore: list[str] | None = None,
                 severity: dict[str, Any] | None = None, thresholds: dict[str, Any] | None = None,
                 builtin: bool = True, kind: str | None = None,
                 subject: str | None = None) -> RuleSet:
    """Load the built-in rulebook plus extra packs and apply profile, thresholds, severities and selection."""
    paths: list[str | os.PathLike] = []
    if builtin:
        root = builtin_rules_dir()
        if root is not None:
            paths.append(root)
    paths.extend(extra or [])
    concepts = builtin_registry()
    rules = load_rules_from(paths, concepts)
    if profile is not None and profile.lower() in DEFAULT_PROFILE_NAMES:
        profile = None
    if profile is not None and profile not in known_profiles(rules):
        raise ConfigError(f"unknown profile {profile!r} (known: {', '.join(sorted(known_profiles(rules)))})")
    apply_profile(rules, profile)
    apply_thresholds(rules, thresholds or {})
    apply_severities(rules, severity or {})
    selected = select_rules(rules, [s for s in (select or []) if s], [s for s in (ignore or []) if s])
    warn_about_packs_selected_away(rules, selected, [s for s in (select or []) if s], extra or [])
    ruleset = RuleSet(selected, profile=profile, element_rules=element_index(rules), loaded=rules, kind=kind,
                      subject=subject)
    ruleset.concepts_digest = concepts.digest()
    return ruleset


def find_rule(rule_id: str, ruleset: RuleSet) -> Rule | None:
    """A loaded rule by id even when the selection left it out (for `msalint rule ID`)."""
    return next((r for r in ruleset.loaded if r.id == rule_id), None)
