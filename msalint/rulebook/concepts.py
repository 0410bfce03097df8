"""Shared vocabularies: named concepts defined once in YAML and used by name in any rule (``{concept: respond}``).

A concept file holds one top-level key, ``concepts``, mapping names to a description, words and phrases
(matched on lemmas, so "respond" also finds "responds", "responded" and "responding") and examples:

    concepts:
      respond:
        description: a party answering or acting on a request
        words: [respond, response, reply, acknowledge, get back to]
        examples: {match: ["We reply to every ticket."], no_match: ["The respondent party."]}

The built-in concepts (``rules/concepts/``) are always loaded; a user's pack may add concepts or add words
to one with ``extend: true``. Redefining a concept without ``extend`` is an error.
"""
from __future__ import annotations

import contextvars
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from msalint.errors import RuleFileError

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
CONCEPT_KEYS = {"description", "words", "include", "extend", "examples"}


@dataclass
class Concept:
    """One named vocabulary: lemma-matched words and phrases, plus other concepts it includes."""

    name: str
    description: str
    words: list[str]
    include: list[str] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""


class ConceptRegistry:
    """Every concept loaded for a run, by name."""

    def __init__(self) -> None:
        self.concepts: dict[str, Concept] = {}

    def add_file(self, data: Any, file: str) -> None:
        """Add the concepts of one parsed concept file (``{concepts: {...}}``)."""
        body = data.get("concepts")
        extra = set(data) - {"concepts", "description"}
        if extra:
            raise RuleFileError(file, data.key_lines.get(sorted(extra)[0]) if hasattr(data, "key_lines") else None,
                                f"unknown top-level key {sorted(extra)[0]!r} in a concept file (allowed: concepts, description)")
        if not isinstance(body, dict) or not body:
            raise RuleFileError(file, getattr(data, "line", None), "'concepts' must map concept names to definitions")
        for name, spec in body.items():
            line = body.key_lines.get(name) if hasattr(body, "key_lines") else None
            self._add(str(name), spec, file, line)

    def _add(self, name: str, spec: Any, file: str, line: int | None) -> None:
        def fail(message: str) -> None:
            raise RuleFileError(file, line, f"concept {name!r}: {message}")

        if not NAME_RE.match(name):
            fail("a concept name is snake_case")
        if not isinstance(spec, dict):
            fail("a concept is a mapping with 'words' (and 'description', 'include', 'examples')")
        unknown = set(spec) - CONCEPT_KEYS
        if unknown:
            fail(f"unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(CONCEPT_KEYS))})")
        words = spec.get("words", [])
        include = spec.get("include", [])
        for key, value in (("words", words), ("include", include)):
            if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
                fail(f"'{key}' must be a list of non-empty strings")
        if not words and not include:
            fail("needs 'words' or 'include'")
        examples = spec.get("examples", {})
        if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
            fail("'examples' is a mapping with 'match' and 'no_match' lists")
        words = [" ".join(w.lower().split()) for w in words]
        if spec.get("extend"):
            if name not in self.concepts:
                fail("'extend: true' needs an existing concept of that name")
            base = self.concepts[name]
            base.words += [w for w in words if w not in base.words]
            base.include += [i for i in include if i not in base.include]
            return
        if name in self.concepts:
            fail(f"already defined in {self.concepts[name].source} (use 'extend: true' to add words)")
        self.concepts[name] = Concept(name, str(spec.get("description", "")), words, list(include),
                                      {k: list(v) for k, v in examples.items()}, file)

    def words_of(self, name: str, fail: Callable[[str], None], _seen: tuple[str, ...] = ()) -> list[str]:
        """Every word and phrase of a concept, its included concepts' too."""
        if name not in self.concepts:
            known = ", ".join(sorted(self.concepts)) or "none loaded"
            fail(f"unknown concept {name!r} (known: {known})")
        if name in _seen:
            fail(f"concept {name!r} includes itself ({' -> '.join(_seen + (name,))})")
        concept = self.concepts[name]
        out = list(concept.words)
        for other in concept.include:
            out += [w for w in self.words_of(other, fail, _seen + (name,)) if w not in out]
        return out

    def digest(self) -> str:
        """A hash of every concept's words (part of the rule set's cache key)."""
        blob = json.dumps({n: (c.words, c.include) for n, c in sorted(self.concepts.items())}, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


_ACTIVE: contextvars.ContextVar[ConceptRegistry | None] = contextvars.ContextVar("msalint_concepts", default=None)


def is_concept_file(data: Any) -> bool:
    """True for a parsed YAML file that defines concepts rather than rules."""
    return isinstance(data, dict) and "concepts" in data and "rules" not in data


def builtin_concept_files() -> list[Path]:
    """The built-in concept files (rules/concepts/*.yaml)."""
    from msalint.rulebook.loader import builtin_rules_dir

    root = builtin_rules_dir()
    folder = root / "concepts" if root is not None else None
    return sorted(folder.glob("*.yaml")) if folder is not None and folder.is_dir() else []


def builtin_registry() -> ConceptRegistry:
    """A registry of the built-in concepts only."""
    from msalint.rulebook.schema import load_yaml

    registry = ConceptRegistry()
    for path in builtin_concept_files():
        registry.add_file(load_yaml(path), str(path))
    return registry


def active_registry() -> ConceptRegistry:
    """The registry of the load in progress, or the built-in concepts outside a load."""
    registry = _ACTIVE.get()
    if registry is None:
        registry = builtin_registry()
        _ACTIVE.set(registry)
    return registry


def using(registry: ConceptRegistry):
    """Context manager: patterns parsed inside it resolve concepts in ``registry``."""
    import contextlib

    @contextlib.contextmanager
    def scope():
        token = _ACTIVE.set(registry)
        try:
            yield registry
        finally:
            _ACTIVE.reset(token)

    return scope()
