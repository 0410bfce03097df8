"""Helpers shared by the batch tests (a uniquely named module, so it never clashes with other conftest.py files)."""
from __future__ import annotations

from pathlib import Path


def write_contract(folder: Path, name: str, elements: dict[str, str], findings: list[tuple[str, str, str]],
                   body: str = "") -> Path:
    """Write one fake contract whose @-lines the fake tasks turn into elements and findings."""
    lines = [f"MASTER SERVICES AGREEMENT {name}", body]
    lines += [f"@element {k} {v}" for k, v in elements.items()]
    lines += [f"@finding {sev} {rule} {excerpt}" for sev, rule, excerpt in findings]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
