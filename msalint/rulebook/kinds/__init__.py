"""Rule kinds: one module per kind, each with KEYS, compile(ctx, rule) and run(rule, lint_context)."""
from __future__ import annotations

import importlib
from types import ModuleType

KIND_NAMES = ("required", "forbidden", "numeric", "conditional", "consistency", "structure")


def kind_modules() -> dict[str, ModuleType]:
    """Kind name -> its module."""
    return {name: importlib.import_module(f"msalint.rulebook.kinds.{name}") for name in KIND_NAMES}
