"""msalint: a linter for managed-services agreements and other contracts."""
from __future__ import annotations

__version__ = "0.2.0"

__all__ = ["__version__", "lint_path", "lint_text", "read_document", "analyse", "load_rules"]


def __getattr__(name: str):
    # The public API is imported lazily so `msalint --help` stays fast.
    if name in {"lint_path", "lint_text", "read_document", "analyse", "load_rules", "lint_document"}:
        from msalint import api

        return getattr(api, name)
    raise AttributeError(name)
