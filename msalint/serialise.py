"""Reading back the one serialisation of a lint result (``DocumentResult.to_dict`` / ``Finding.to_dict``).

The result cache stores that dict, `check --format json` prints a projection of it and the batch database keeps
one column per key of a finding's dict; all three read it back through ``result_from_dict`` /
``finding_from_dict``, which trust only data of exactly that shape: an edited, truncated or foreign value raises
ValueError or TypeError, never becomes a wrong result.
"""
from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from typing import Any

from msalint.model import DocumentResult, Finding, Fix, Severity

# The keys of a finding's dict, in the order of the Finding dataclass (the batch database's finding columns).
FINDING_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Finding))
# Keys Finding.to_dict leaves out when empty.
_OPTIONAL_FINDING_KEYS = ("details", "suppressed", "fix")


def _json_types(hint: object) -> type | tuple[type, ...]:
    """The JSON value types a field annotated ``hint`` serialises to (enums are written as strings)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(t for arg in typing.get_args(hint) for t in _as_tuple(_json_types(arg)))
    origin = typing.get_origin(hint) or hint
    if isinstance(origin, type) and issubclass(origin, enum.Enum):
        return str
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):
        return dict  # written as its to_dict()
    return origin  # type: ignore[return-value]


def _as_tuple(types_: type | tuple[type, ...]) -> tuple[type, ...]:
    return types_ if isinstance(types_, tuple) else (types_,)


def _field_types(cls: type) -> dict[str, type | tuple[type, ...]]:
    return {name: _json_types(hint) for name, hint in typing.get_type_hints(cls).items() if not name.startswith("_")}


# Derived from the dataclasses, so a new field can never make every stored result unreadable.
_FINDING_FIELDS = _field_types(Finding)
_FIX_FIELDS = _field_types(Fix)
_RESULT_FIELDS = _field_types(DocumentResult)


def _check_fields(data: object, fields: dict[str, Any], optional: tuple[str, ...] = ()) -> dict:
    if not isinstance(data, dict) or not set(data) <= set(fields) or not set(fields) - set(optional) <= set(data):
        raise ValueError("unexpected fields")
    for name, value in data.items():
        if not isinstance(value, fields[name]) or isinstance(value, bool):
            raise TypeError(f"{name}: unexpected type {type(value).__name__}")
    return data


def finding_from_dict(data: object) -> Finding:
    """Rebuild a Finding from ``Finding.to_dict`` output; raises ValueError/TypeError on any other shape."""
    fields = dict(_check_fields(data, _FINDING_FIELDS, optional=_OPTIONAL_FINDING_KEYS))
    fields["severity"] = Severity.parse(fields["severity"])
    fields["details"] = fields.get("details") or {}
    if fields.get("fix") is not None:
        fields["fix"] = Fix(**_check_fields(fields["fix"], _FIX_FIELDS, optional=("description",)))
    return Finding(**fields)


def result_from_dict(data: object, path: str | None = None) -> DocumentResult:
    """Rebuild a DocumentResult from ``DocumentResult.to_dict`` output (re-labelled with ``path`` when given);
    raises ValueError/TypeError on any other shape."""
    fields = dict(_check_fields(data, _RESULT_FIELDS))
    fields["findings"] = [finding_from_dict(f) for f in fields["findings"]]
    if path is not None:
        fields["path"] = path
    return DocumentResult(**fields)


def finding_row(data: dict[str, Any]) -> tuple:
    """A finding's dict (``Finding.to_dict``) as one database row, in FINDING_KEYS order (nested values as
    JSON text)."""
    return tuple(_cell(data.get(key)) for key in FINDING_KEYS)


def finding_from_row(row: typing.Mapping[str, Any]) -> Finding:
    """The finding a ``finding_row`` row holds (missing or NULL optional columns read as absent)."""
    data: dict[str, Any] = {}
    for key in FINDING_KEYS:
        value = row[key] if key in row.keys() else None
        if key in _OPTIONAL_FINDING_KEYS:
            if value is None:
                continue
            value = value if key == "suppressed" else json.loads(value)
        data[key] = value
    return finding_from_dict(data)


def _cell(value: Any) -> Any:
    return json.dumps(value, default=str, sort_keys=True) if isinstance(value, (dict, list)) else value
