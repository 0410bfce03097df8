"""Label loaders: msalint's simple layout (file, element, present) and CUAD's master_clauses.csv."""
from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from msalint.errors import ConfigError

# Label files read as JSON Lines (one object per line); the other layout is CSV (".csv").
JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
T = TypeVar("T")

TRUE_WORDS = {"true", "yes", "1", "y", "present"}
FALSE_WORDS = {"false", "no", "0", "n", "absent", ""}
ANSWER_SUFFIX = re.compile(r"\s*-\s*Answer\s*$")  # CUAD spells one column "...Renewal- Answer"


@dataclass(slots=True)
class LabelSet:
    """Gold presence labels: document stem -> label name -> present."""

    layout: str  # "simple" or "cuad"
    labels: dict[str, dict[str, bool]] = field(default_factory=dict)
    evidence: dict[tuple[str, str], str] = field(default_factory=dict)

    def names(self) -> list[str]:
        """Every label name that occurs, sorted."""
        return sorted({name for per_doc in self.labels.values() for name in per_doc})


def document_key(name: str) -> str:
    """Documents and labels are matched by file-name stem."""
    return Path(name).stem


def _parse_bool(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ConfigError(f"{where}: 'present' must be true or false, not {value!r}")


def _add(ls: LabelSet, file: str, name: str, present: bool, evidence: str = "") -> None:
    ls.labels.setdefault(document_key(file), {})[name] = present
    if evidence:
        ls.evidence[(document_key(file), name)] = evidence


def read_json_lines(path: Path, what: str, parse: Callable[[dict, str], T]) -> list[T]:
    """``parse(row, where)`` of each non-blank line of a JSON Lines file; a bad line is a ConfigError naming it."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                out.append(parse(json.loads(line), where))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ConfigError(f"{where}: not {what} ({exc})") from None
    return out


def load_simple_jsonl(path: Path) -> LabelSet:
    """JSON lines with keys file, element, present (and optional evidence)."""
    ls = LabelSet("simple")

    def add_row(row: dict, where: str) -> None:
        _add(ls, row["file"], row["element"], _parse_bool(row["present"], where), row.get("evidence") or "")

    read_json_lines(path, "a label line with file, element, present", add_row)
    return ls


def _cuad_spans(cell: str) -> list[str]:
    """CUAD evidence cells are Python-style lists of quoted spans."""
    cell = (cell or "").strip()
    if not cell or cell == "[]":
        return []
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return [cell]
    return [str(v) for v in value if str(v).strip()] if isinstance(value, list) else [str(value)]


def load_csv(path: Path) -> LabelSet:
    """A simple CSV (file, element, present) or CUAD's master_clauses.csv layout."""
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise ConfigError(f"{path}: empty label file") from None
        rows = list(reader)
    if "Filename" in header and any(ANSWER_SUFFIX.search(h) for h in header):
        return _load_cuad(path, header, rows)
    wanted = {"file", "element", "present"}
    if not wanted <= set(header):
        raise ConfigError(f"{path}: label CSV needs columns file, element, present (or CUAD's layout)")
    idx = {h: i for i, h in enumerate(header)}
    ls = LabelSet("simple")
    for n, row in enumerate(rows, 2):
        _add(ls, row[idx["file"]], row[idx["element"]], _parse_bool(row[idx["present"]], f"{path}:{n}"))
    return ls


def _load_cuad(path: Path, header: list[str], rows: list[list[str]]) -> LabelSet:
    answer_cols = {ANSWER_SUFFIX.sub("", h) for h in header if ANSWER_SUFFIX.search(h)}
    categories = [h for h in header if h in answer_cols and not ANSWER_SUFFIX.search(h)]
    idx = {h: i for i, h in enumerate(header)}
    ls = LabelSet("cuad")
    for row in rows:
        file = row[idx["Filename"]]
        for cat in categories:
            spans = _cuad_spans(row[idx[cat]])
            _add(ls, file, cat, bool(spans), spans[0] if spans else "")
    return ls


def load_labels(path: str | Path) -> LabelSet:
    """Load labels, choosing the layout from the file's suffix and header."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: label file not found")
    if p.suffix.lower() in JSON_LINES_SUFFIXES:
        return load_simple_jsonl(p)
    if p.suffix.lower() == ".csv":
        return load_csv(p)
    raise ConfigError(f"{p}: labels must be .jsonl or .csv")
