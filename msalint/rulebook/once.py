"""Say a repeated finding once per document: the first stays and names the other places (in its message and in
``details.also_at``); the rest are dropped. Kinds use it in their ``fold`` pass (a present flag, the same
out-of-range value in two mutual clauses)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Hashable

if TYPE_CHECKING:
    from msalint.model import Finding
    from msalint.rulebook.context import LintContext


def say_once(findings: list["Finding"], key_of: Callable[["Finding"], Hashable | None],
             lctx: "LintContext") -> list["Finding"]:
    """Findings with the same key (``key_of`` returns None for a finding to keep as it is) said once."""
    first: dict[Hashable, "Finding"] = {}
    others: dict[Hashable, list[str]] = {}
    out = []
    for f in sorted(findings, key=lambda f: (f.start is None, f.start or 0)):
        key = key_of(f) if f.start is not None else None
        if key is None or f.start is None:
            out.append(f)
        elif key not in first:
            first[key] = f
            out.append(f)
        else:
            place, earlier = place_name(lctx, f.start), first[key].start
            if (earlier is not None and place != place_name(lctx, earlier)
                    and place not in others.setdefault(key, [])):
                others[key].append(place)
    for key, places in others.items():
        if places:
            kept = first[key]
            kept.message += f" (also in {_listed(places)})"
            kept.details = {**kept.details, "also_at": places}
    return out


def place_name(lctx: "LintContext", start: int) -> str:
    """'§12.2' for a place in a numbered clause, else 'line N'."""
    clause = lctx.clause_at(start)
    return f"§{clause.id}" if clause and clause.id else f"line {lctx.document.line_of(start)}"


def _listed(names: list[str], shown: int = 4) -> str:
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")
