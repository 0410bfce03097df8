"""Rule kinds: the one contract every kind meets, and the registry the kinds enter themselves into.

A kind is a subclass of ``Kind`` in a module of this package, decorated with ``@register`` (as Vale's
``Rule`` interface with a typed struct per ``extends``, or ruff's ``Violation``). It declares its YAML keys and
message placeholders, compiles a rule's keys into its typed ``config`` dataclass and runs a compiled rule over a
document. Element detectors and rules that read elements say so through the hooks below, so the loader, the
engine, the rule index and the attachment step never name a kind.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
import pkgutil
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.context import LintContext
    from msalint.rulebook.ruleset import Rule
    from msalint.rulebook.schema import RuleContext


class Kind:
    """The contract of a rule kind. Subclasses set ``name`` and ``config`` and implement compile and run;
    the element hooks default to "this kind detects and reads no element"."""

    name: ClassVar[str]
    config: ClassVar[type]  # the typed configuration compile() returns (a dataclass)
    placeholders: ClassVar[frozenset[str]] = frozenset()  # {names} its messages may use besides the common ones
    # YAML keys whose name differs from a config field (``if`` -> ``if_``) or that compile into several fields
    yaml_keys: ClassVar[frozenset[str] | None] = None

    @classmethod
    def keys(cls) -> frozenset[str]:
        """The kind-specific keys a rule of this kind may have: ``yaml_keys``, else the config's field names."""
        if cls.yaml_keys is not None:
            return cls.yaml_keys
        return frozenset(f.name for f in dataclasses.fields(cls.config))

    @staticmethod
    def compile(ctx: "RuleContext", rule: "Rule") -> Any:
        """Validate the kind-specific keys of ``rule`` (``ctx.fail`` on error); returns a ``config`` instance."""
        raise NotImplementedError

    @staticmethod
    def run(rule: "Rule", lctx: "LintContext") -> list["Finding"]:
        """The findings of one compiled rule on one document."""
        raise NotImplementedError

    @staticmethod
    def detects_element(rule: "Rule") -> bool:
        """Whether ``rule`` decides its element's state (present, incomplete, missing) in a document."""
        return False

    @staticmethod
    def element_state(rule: "Rule", lctx: "LintContext") -> str:
        """present | incomplete | missing for the element of a rule that ``detects_element``."""
        raise NotImplementedError

    @staticmethod
    def element_evidence(rule: "Rule", lctx: "LintContext") -> dict | None:
        """Where a detected element was found (None: not found or nothing to show)."""
        return None

    @staticmethod
    def element_spans(rule: "Rule", lctx: "LintContext") -> list[tuple[int, int]]:
        """Where a detected element's evidence lies (hits and clauses under its heading); [] when absent."""
        return []

    @staticmethod
    def elements_read(rule: "Rule") -> Iterable[str]:
        """Elements whose state the rule reads (each must be detected by some rule)."""
        return ()

    @staticmethod
    def check_params(rule: "Rule") -> str | None:
        """Why the rule's current params (after profiles and thresholds) cannot work, or None."""
        return None

    @staticmethod
    def report(rule: "Rule") -> str | None:
        """For element detectors: what the rule reports ('missing', 'present', ...) in the rule index."""
        return None

    @staticmethod
    def fold(findings: list["Finding"], ruleset: Any, lctx: "LintContext") -> list["Finding"]:
        """A last pass over all of a document's findings (after precedence and blanks), e.g. to say a repeated
        finding of this kind's rules once; the default keeps them as they are."""
        return findings

    @staticmethod
    def names_attachments(rule: "Rule") -> bool:
        """Whether the rule's findings each name an attachment the document refers to but lacks."""
        return False


_REGISTRY: dict[str, type[Kind]] = {}


def register(cls: type[Kind]) -> type[Kind]:
    """Class decorator: enter a Kind subclass into the registry under its ``name``."""
    if not dataclasses.is_dataclass(cls.config):
        raise TypeError(f"kind {cls.name!r}: config must be a dataclass")
    if _REGISTRY.get(cls.name, cls) is not cls:
        raise ValueError(f"kind {cls.name!r} is registered twice")
    _REGISTRY[cls.name] = cls
    return cls


@functools.cache
def _import_kind_modules() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def kinds() -> dict[str, type[Kind]]:
    """Kind name -> its Kind, after importing every module of this package (each registers its kind)."""
    _import_kind_modules()
    return dict(sorted(_REGISTRY.items()))


def kind_of(rule: "Rule") -> type[Kind]:
    """The Kind of a loaded rule."""
    _import_kind_modules()
    return _REGISTRY[rule.kind]
