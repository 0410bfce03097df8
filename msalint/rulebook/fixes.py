"""`fix:` in a rule: a literal replacement for the words a finding points at, with a safety level.

```yaml
fix:
  replace: "email"          # literal text, never a pattern or template
  applicability: safe       # safe | unsafe | display-only (ruff's levels)
  description: Use the house spelling
```
Only `forbidden` rules take it: their findings are the very words to replace.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from msalint.model import Fix

APPLICABILITY = ("safe", "unsafe", "display-only")
_KEYS = {"replace", "applicability", "description"}


@dataclass(frozen=True, slots=True)
class FixSpec:
    """A validated `fix:` mapping."""

    replace: str
    applicability: str
    description: str | None = None

    def at(self, text: str, start: int, end: int) -> Fix:
        """The fix for the hit text[start:end], the replacement taking the hit's capitalisation."""
        original = text[start:end]
        return Fix(start, end, original, match_case(original, self.replace), self.applicability, self.description)


def check_fix(value: Any, fail: Callable[[str], None]) -> FixSpec:
    """Validate a `fix:` mapping (fail() raises a file:line error)."""
    if not isinstance(value, dict):
        fail("fix must be a mapping with 'replace' and 'applicability'")
    unknown = set(value) - _KEYS
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} in fix (allowed: {', '.join(sorted(_KEYS))})")
    replace, applicability = value.get("replace"), value.get("applicability")
    if not isinstance(replace, str):
        fail("fix.replace must be the literal replacement text (a string; '' deletes the words)")
    if applicability not in APPLICABILITY:
        fail(f"fix.applicability must be one of {', '.join(APPLICABILITY)}")
    description = value.get("description")
    if description is not None and not isinstance(description, str):
        fail("fix.description must be a string")
    return FixSpec(replace, applicability, description)


def match_case(original: str, replacement: str) -> str:
    """'AND/OR' -> 'OR', 'And/or' -> 'Or': the replacement follows the hit's capitalisation."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and original.lstrip()[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
