"""Rule and RuleSet: validated, compiled rules with their effective severity and parameters."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from msalint.model import Severity
from msalint.rulebook.kinds import kind_of


@dataclass(frozen=True, slots=True)
class Softening:
    """`softened_by`: when the document holds one of ``elements``, this rule's missing-element finding is graded
    one step down (error -> warning -> info) and says why (``because``)."""

    elements: tuple[str, ...]
    because: str

    def describe(self) -> str:
        """One line for `msalint rule ID`."""
        return f"one step down when the document has {either_of(self.elements)}: {self.because}"


@dataclass(frozen=True, slots=True)
class AppliesTo:
    """Which documents a rule is for: document kinds, the subject, and optionally content patterns."""

    kinds: tuple[str, ...] | None = None  # None: every contract kind (never `not_contract`)
    subject: str | None = None  # "it": only agreements about IT / managed services
    patterns: tuple = ()  # content test: at least ``min_hits`` hits anywhere (negation ignored)
    min_hits: int = 1
    requires: tuple[str, ...] = ()  # elements: the rule applies only when the document holds one of them
    moot_if: tuple[str, ...] = ()  # elements: the rule is moot when the document holds any of them

    def allows(self, kind: str, subject: str) -> bool:
        """Whether a document of this kind and subject is one the rule is for (patterns aside)."""
        if self.kinds is not None and kind not in self.kinds:
            return False
        return self.subject is None or self.subject == subject

    def describe(self) -> str:
        """One line for `msalint rule ID` and the rules index."""
        parts = [", ".join(self.kinds) if self.kinds is not None else "every contract kind"]
        if self.subject:
            parts.append(f"subject {self.subject}")
        if self.patterns:
            parts.append(f"documents with {self.min_hits}+ hit(s) of its patterns")
        if self.requires:
            parts.append(f"only when the document has {either_of(self.requires)}")
        if self.moot_if:
            parts.append(f"moot when it has {either_of(self.moot_if)}")
        return "; ".join(parts)


def element_words(element: str) -> str:
    """'service_levels' -> 'service levels'."""
    return element.replace("_", " ")


def either_of(elements: tuple[str, ...]) -> str:
    """('service_levels', 'response_times') -> 'service levels or response times'."""
    words = [element_words(e) for e in elements]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


@dataclass(slots=True)
class Rule:
    """One validated rule with its effective (profile/config-adjusted) settings."""

    id: str
    title: str
    kind: str
    severity: Severity
    message: str
    rationale: str
    remediation: str
    examples: dict[str, list[str]]
    element: str | None = None
    cuad: list[str] = field(default_factory=list)
    category: str | None = None
    references: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    tags: list[str] = field(default_factory=list)
    scope: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    source_file: str = ""
    source_line: int | None = None
    spec: dict[str, Any] = field(default_factory=dict)  # the raw rule mapping (plain data)
    compiled: Any = None  # kind-specific compiled configuration
    suppressed_by: list[tuple[str, str]] = field(default_factory=list)  # (rule id, within): precedence
    applies_to: AppliesTo | None = None  # the documents the rule is for (None: every contract kind)
    softened_by: Softening | None = None  # graded one step down when the document holds one of these elements
    pack: str = ""  # the pack's name; selecting it switches on an opt-in pack

    def effective_spec(self) -> dict[str, Any]:
        """The rule as it will run: raw spec plus effective severity, params and enablement."""
        spec = {k: v for k, v in self.spec.items() if k != "profiles"}
        spec.update(severity=str(self.severity), params=self.params, enabled=self.enabled)
        return spec


class RuleSet:
    """The rules selected for a run, plus every loaded rule that detects an element (for `conditional`)."""

    def __init__(self, rules: list[Rule], *, profile: str | None = None,
                 element_rules: dict[str, list[Rule]] | None = None, parent: "RuleSet | None" = None,
                 loaded: list[Rule] | None = None, kind: str | None = None, subject: str | None = None):
        self.rules = rules
        # a document kind / subject forced by configuration (`kind = "sla"`, `--kind`): replaces the classifier's
        self.kind: str | None = kind if kind is not None else (parent.kind if parent is not None else None)
        self.subject: str | None = subject if subject is not None else (parent.subject if parent is not None else None)
        self.loaded: list[Rule] = loaded if loaded is not None else (parent.loaded if parent is not None else rules)
        self.profile = profile
        self._by_id = {r.id: r for r in rules}
        self.element_rules = element_rules if element_rules is not None else element_index(rules)
        self._parent = parent
        self._hash: str | None = None
        self.cache: dict[str, Any] = parent.cache if parent is not None else {}  # shared matchers
        self.concepts_digest: str = parent.concepts_digest if parent is not None else ""  # words behind {concept: ...}

    def __getstate__(self) -> dict[str, Any]:
        # matchers are rebuilt on first use in the receiving process
        state = dict(self.__dict__)
        state["cache"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None."""
        return self._by_id.get(rule_id)

    def elements(self) -> dict[str, list[Rule]]:
        """Element name -> the selected rules that detect or check it."""
        out: dict[str, list[Rule]] = {}
        for rule in self.rules:
            if rule.element:
                out.setdefault(rule.element, []).append(rule)
        return out

    def element_detectors(self) -> list[Rule]:
        """The `required` rules whose element states a run reports: the selected ones, plus the opt-in ones left
        unselected (an opt-in checklist stays quiet but its elements still read present or missing; a rule the
        user ignored does not count)."""
        chosen = [r for r in self.rules if kind_of(r).detects_element(r)]
        ids = {r.id for r in chosen}
        return chosen + [r for r in self.loaded if kind_of(r).detects_element(r) and not r.enabled
                         and r.pack and r.id not in ids]

    def only(self, *rule_ids: str) -> "RuleSet":
        """A view with just these rules (element detectors and matcher caches are shared)."""
        picked = [self._by_id[i] for i in rule_ids]
        return RuleSet(picked, profile=self.profile, element_rules=self.element_rules, parent=self)

    def with_kind(self, kind: str | None, subject: str | None = None) -> "RuleSet":
        """The same rules, linting every document as this kind (and subject)."""
        return RuleSet(self.rules, profile=self.profile, element_rules=self.element_rules, parent=self, kind=kind,
                       subject=subject)

    @property
    def hash(self) -> str:
        """Stable sha256 of the effective rule specs, the profile and the msalint version."""
        if self._hash is None:
            from msalint import __version__

            payload = {
                "version": __version__,
                "profile": self.profile,
                "concepts": self.concepts_digest,
                "kind": self.kind,
                "subject": self.subject,
                "rules": [r.effective_spec() for r in sorted(self.rules, key=lambda r: r.id)],
            }
            blob = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
            self._hash = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        return self._hash


def element_index(rules: list[Rule]) -> dict[str, list[Rule]]:
    """Element -> the rules that detect it (whatever the selection: conditional rules read any element)."""
    index: dict[str, list[Rule]] = {}
    for rule in rules:
        if rule.element is not None and kind_of(rule).detects_element(rule):
            index.setdefault(rule.element, []).append(rule)
    return index
