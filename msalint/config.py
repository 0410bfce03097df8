"""Configuration: discovery, strict validation, CLI layering and per-path overrides.

Sources, lowest to highest precedence: built-in defaults, then one config file (``--config FILE``, or else
the nearest ``.msalint.toml`` / ``pyproject.toml`` with a ``[tool.msalint]`` table found walking up from the
working directory, stopping at the git root), then command-line flags. Files are not merged with each other.

Layering rules: a CLI ``--select`` replaces the file's ``select``; CLI ``--ignore`` and ``--rules`` are added to
the file's lists; every other CLI flag replaces the file's value. An ``[[overrides]]`` entry applies to
documents matching one of its ``paths`` globs: its ``select`` and ``profile`` replace, its ``ignore`` is added
and its ``severity`` table is merged over the base one. Paths in a file are relative to that file's folder.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from msalint.datafiles import load_toml
from msalint.errors import ConfigError
from msalint.model import DOCUMENT_KINDS, SUBJECTS, Severity
from msalint.report import FORMATS as REPORT_FORMATS

DEFAULT = "default"
COMMAND_LINE = "command line"
CONFIG_FILE_NAMES = (".msalint.toml", "pyproject.toml")
SEVERITIES = tuple(str(s) for s in sorted(Severity, reverse=True))  # worst first: error, warning, info
PROFILES = ("customer", "provider")
FORMATS = tuple(REPORT_FORMATS)  # the output formats msalint.report can render
DEFAULT_WAIVERS = Path(".msalint") / "waivers.yaml"
DEFAULT_BASELINE = Path(".msalint") / "baseline.json"

TOP_LEVEL_KEYS = {
    "select", "ignore", "fail_on", "profile", "rules", "severity", "thresholds", "exclude",
    "baseline", "waivers", "cache", "format", "overrides", "kind", "subject", "families",
    "auto_families",
}
OVERRIDE_KEYS = {"paths", "select", "ignore", "severity", "profile", "kind", "subject"}
FAMILY_KEYS = {"name", "paths"}


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Everything ``load_rules`` needs; hashable so equal settings share one loaded ruleset."""

    extra: tuple[str, ...] = ()
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    thresholds: tuple[tuple[str, Any], ...] = ()
    kind: str | None = None  # the document kind, when configured instead of detected
    subject: str | None = None  # the subject (it / other), when configured instead of detected

    def load_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``msalint.api.load_rules``."""
        return {
            "extra": list(self.extra),
            "profile": self.profile,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "severity": dict(self.severity),
            "thresholds": dict(self.thresholds),
            "kind": self.kind,
            "subject": self.subject,
        }


@dataclass(slots=True)
class Override:
    """Settings for documents matching ``paths`` (globs relative to ``base``)."""

    paths: list[str]
    base: Path
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    profile: str | None = None
    kind: str | None = None
    subject: str | None = None
    source: str = ""

    def matches(self, path: str | os.PathLike) -> bool:
        """Whether a document path matches one of this override's globs."""
        return path_matches(path, self.paths, self.base)


@dataclass(frozen=True, slots=True)
class FamilySpec:
    """A declared family: documents matching ``paths`` (globs relative to ``base``, in order) are one agreement."""

    name: str
    paths: tuple[str, ...]
    base: Path
    source: str = ""

    def matches(self, path: str | os.PathLike) -> bool:
        """Whether a document path matches one of this family's globs."""
        return path_matches(path, list(self.paths), self.base)


@dataclass(slots=True)
class Config:
    """The effective configuration plus, for each key, where its value came from."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    profile: str | None = None
    rules: list[Path] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    baseline: Path | None = None
    waivers: Path | None = None
    cache: bool = True
    format: str = "text"
    overrides: list[Override] = field(default_factory=list)
    kind: str | None = None  # every document is this kind instead of the detected one
    subject: str | None = None  # every document has this subject (it / other) instead of the detected one
    families: list[FamilySpec] = field(default_factory=list)  # [[families]] entries, then --family options
    auto_families: bool = True  # link files of one folder that cite each other (--no-families turns it off)
    file: Path | None = None  # the config file used, if any
    root: Path = field(default_factory=Path.cwd)  # project root: git root, else the working directory
    sources: dict[str, str] = field(default_factory=dict)

    def source_of(self, key: str) -> str:
        """Where the value of ``key`` came from: 'default', a file path or 'command line'."""
        return self.sources.get(key, DEFAULT)

    def base_settings(self) -> RuleSettings:
        """Rule settings for a document that no override matches."""
        return RuleSettings(
            extra=tuple(str(p) for p in self.rules),
            profile=self.profile,
            select=tuple(self.select),
            ignore=tuple(self.ignore),
            severity=tuple(sorted(self.severity.items())),
            thresholds=tuple(sorted(self.thresholds.items())),
            kind=self.kind,
            subject=self.subject,
        )

    def settings_for(self, path: str | os.PathLike) -> RuleSettings:
        """Rule settings for one document, with every matching override applied in order."""
        settings = self.base_settings()
        for ov in self.overrides:
            if not ov.matches(path):
                continue
            severity = dict(settings.severity) | ov.severity
            settings = replace(
                settings,
                select=tuple(ov.select) if ov.select is not None else settings.select,
                ignore=settings.ignore + tuple(i for i in ov.ignore if i not in settings.ignore),
                severity=tuple(sorted(severity.items())),
                profile=ov.profile or settings.profile,
                kind=ov.kind or settings.kind,
                subject=ov.subject or settings.subject,
            )
        return settings

    def is_excluded(self, path: str | os.PathLike) -> bool:
        """Whether ``exclude`` globs drop this document."""
        base = self.file.parent if self.file else self.root
        return path_matches(path, self.exclude, base)

    def as_dict(self) -> dict[str, Any]:
        """The effective values in TOML-like form (paths as strings)."""
        return {
            "select": self.select,
            "ignore": self.ignore,
            "fail_on": self.fail_on,
            "profile": self.profile,
            "rules": [str(p) for p in self.rules],
            "severity": self.severity,
            "thresholds": self.thresholds,
            "exclude": self.exclude,
            "baseline": str(self.baseline) if self.baseline else None,
            "waivers": str(self.waivers) if self.waivers else None,
            "cache": self.cache,
            "format": self.format,
            "kind": self.kind,
            "subject": self.subject,
            "families": [{"name": f.name, "paths": list(f.paths)} for f in self.families],
            "auto_families": self.auto_families,
            "overrides": [
                {"paths": o.paths, "select": o.select, "ignore": o.ignore, "severity": o.severity,
                 "profile": o.profile, "kind": o.kind, "subject": o.subject}
                for o in self.overrides
            ],
        }


def path_matches(path: str | os.PathLike, globs: list[str], base: Path) -> bool:
    """Match a path against globs, tried on the path relative to ``base``, as given, and on its name."""
    if not globs:
        return False
    p = Path(path)
    forms = {p.as_posix(), p.name}
    try:
        forms.add(p.resolve().relative_to(base.resolve()).as_posix())
    except ValueError:
        pass
    for glob in globs:
        candidates = {glob, glob[3:]} if glob.startswith("**/") else {glob}
        if any(fnmatch.fnmatchcase(form, g) for form in forms for g in candidates):
            return True
    return False


def find_git_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git``."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def discover_config_file(start: Path) -> Path | None:
    """The nearest config file from ``start`` upwards, stopping at the git root."""
    stop = find_git_root(start)
    for folder in (start, *start.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        if folder == stop:
            break
    return None


def read_config_table(path: Path) -> dict[str, Any]:
    """The msalint table of a config file: ``[tool.msalint]`` of pyproject.toml; in .msalint.toml the top
    level, or a ``[tool.msalint]`` table pasted from a pyproject.toml."""
    data = load_toml(path)
    if path.name == "pyproject.toml":
        return _tool_table(path, data) or {}
    if "tool" in data and isinstance(data["tool"], dict) and "msalint" in data["tool"]:
        others = sorted(set(data) - {"tool"})
        if others:
            raise ConfigError(f"{path}: use either top-level keys or a [tool.msalint] table, not both "
                              f"(found {others[0]!r} outside the table)")
        return _tool_table(path, data) or {}
    return data


def _tool_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """``data["tool"]["msalint"]`` checked to be a table; None when absent."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table")
    table = tool.get("msalint")
    if table is not None and not isinstance(table, dict):
        form = "an array of tables: write [tool.msalint], not [[tool.msalint]]" if isinstance(table, list) else \
            f"a {type(table).__name__}"
        raise ConfigError(f"{path}: [tool.msalint] must be a table, not {form}")
    return table


def _has_tool_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures msalint; a malformed one is an error, never silently skipped."""
    return _tool_table(pyproject, load_toml(pyproject)) is not None


def load_config(
    config_file: str | os.PathLike | None = None,
    *,
    cwd: Path | None = None,
    cli: dict[str, Any] | None = None,
) -> Config:
    """Build the effective configuration: defaults, then the config file, then CLI values.

    ``cli`` holds only the flags the user gave: select, ignore, rules (lists), fail_on, profile,
    baseline, cache, format.
    """
    cwd = (cwd or Path.cwd()).resolve()
    git_root = find_git_root(cwd)
    config = Config(root=git_root or cwd)
    path: Path | None
    if config_file is not None:
        path = Path(config_file)
        path = (cwd / path) if not path.is_absolute() else path
        if not path.is_file():
            raise ConfigError(f"{config_file}: config file not found")
    else:
        path = discover_config_file(cwd)
    if path is not None:
        config.file = path
        _apply_file(config, read_config_table(path), path, _display(path, cwd))
    _apply_cli(config, cli or {})
    if config.waivers is None:
        default = config.root / DEFAULT_WAIVERS
        if default.is_file():
            config.waivers = default
            config.sources["waivers"] = f"{DEFAULT} ({DEFAULT_WAIVERS.as_posix()})"
    if config.baseline is None:
        default = config.root / DEFAULT_BASELINE
        if default.is_file():
            config.baseline = default
            config.sources["baseline"] = f"{DEFAULT} ({DEFAULT_BASELINE.as_posix()})"
    return config


def _apply_file(config: Config, table: dict[str, Any], path: Path, where: str) -> None:
    check = _Checker(where)
    unknown = sorted(set(table) - TOP_LEVEL_KEYS)
    if unknown:
        check.fail(unknown[0], f"unknown key (expected one of: {', '.join(sorted(TOP_LEVEL_KEYS))})")
    base = path.parent
    parsers = {
        "select": check.str_list,
        "ignore": check.str_list,
        "fail_on": lambda k, v: check.choice(k, v, SEVERITIES),
        "profile": lambda k, v: check.choice(k, v, PROFILES),
        "rules": lambda k, v: [base / p for p in check.str_list(k, v)],
        "severity": check.severity_table,
        "thresholds": check.thresholds,
        "exclude": check.str_list,
        "baseline": lambda k, v: base / check.string(k, v),
        "waivers": lambda k, v: base / check.string(k, v),
        "cache": check.boolean,
        "format": lambda k, v: check.choice(k, v, FORMATS),
        "kind": lambda k, v: check.choice(k, v, DOCUMENT_KINDS),
        "subject": lambda k, v: check.choice(k, v, SUBJECTS),
        "auto_families": check.boolean,
    }
    for key, parse in parsers.items():
        if key in table:
            setattr(config, key, parse(key, table[key]))
            config.sources[key] = where
    if "overrides" in table:
        config.overrides = _parse_overrides(check, table["overrides"], base, where)
        config.sources["overrides"] = where
    if "families" in table:
        config.families = _parse_families(check, table["families"], base, where)
        config.sources["families"] = where


def _table_entries(check: "_Checker", name: str, value: Any, allowed: set[str]) -> list[tuple[str, dict]]:
    """(key, entry) of each table of an array of tables ``[[name]]``, with no key outside ``allowed``."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        check.fail(name, f"expected an array of tables ([[{name}]])")
    for i, entry in enumerate(value):
        unknown = sorted(set(entry) - allowed)
        if unknown:
            check.fail(f"{name}[{i}].{unknown[0]}", f"unknown key (expected one of: {', '.join(sorted(allowed))})")
    return [(f"{name}[{i}]", entry) for i, entry in enumerate(value)]


def _parse_families(check: "_Checker", value: Any, base: Path, where: str) -> list[FamilySpec]:
    result = []
    for key, entry in _table_entries(check, "families", value, FAMILY_KEYS):
        for required in ("name", "paths"):
            if required not in entry:
                check.fail(f"{key}.{required}", "missing (a family needs a name and a list of paths or globs)")
        result.append(FamilySpec(name=check.string(f"{key}.name", entry["name"]),
                                 paths=tuple(check.str_list(f"{key}.paths", entry["paths"])), base=base, source=where))
    return result


def parse_family_option(value: str, base: Path) -> FamilySpec:
    """A ``--family`` value: ``NAME=GLOB[,GLOB...]`` or just ``GLOB[,GLOB...]`` (named after its first glob)."""
    name, sep, globs = value.partition("=")
    if not sep:
        name, globs = "", value
    paths = tuple(g.strip() for g in globs.split(",") if g.strip())
    if not paths:
        raise ConfigError(f"{COMMAND_LINE}: --family {value!r}: expected NAME=GLOB[,GLOB...]")
    return FamilySpec(name=name.strip() or paths[0], paths=paths, base=base, source=COMMAND_LINE)


def _parse_overrides(check: "_Checker", value: Any, base: Path, where: str) -> list[Override]:
    result = []
    for key, entry in _table_entries(check, "overrides", value, OVERRIDE_KEYS):
        if "paths" not in entry:
            check.fail(f"{key}.paths", "missing (a list of globs is required)")
        result.append(Override(
            paths=check.str_list(f"{key}.paths", entry["paths"]),
            base=base,
            select=check.str_list(f"{key}.select", entry["select"]) if "select" in entry else None,
            ignore=check.str_list(f"{key}.ignore", entry.get("ignore", [])),
            severity=check.severity_table(f"{key}.severity", entry.get("severity", {})),
            profile=check.choice(f"{key}.profile", entry["profile"], PROFILES) if "profile" in entry else None,
            kind=check.choice(f"{key}.kind", entry["kind"], DOCUMENT_KINDS) if "kind" in entry else None,
            subject=check.choice(f"{key}.subject", entry["subject"], SUBJECTS) if "subject" in entry else None,
            source=where,
        ))
    return result


def _apply_cli(config: Config, cli: dict[str, Any]) -> None:
    def add(key: str, extra: list[Any]) -> None:
        current = getattr(config, key)
        setattr(config, key, current + [x for x in extra if x not in current])
        previous = config.sources.get(key)
        config.sources[key] = f"{previous} + {COMMAND_LINE}" if previous and current else COMMAND_LINE

    for key, value in cli.items():
        if value is None:
            continue
        if key == "ignore":
            add("ignore", list(value))
        elif key == "rules":
            add("rules", [Path(p) for p in value])  # as typed: relative to the working directory
        elif key == "baseline":
            config.baseline = Path(value)
            config.sources[key] = COMMAND_LINE
        elif key == "families":
            config.families = config.families + [parse_family_option(v, Path.cwd()) for v in value]
            config.sources[key] = COMMAND_LINE
        elif key == "auto_families":
            config.auto_families = bool(value)
            config.sources[key] = COMMAND_LINE
        elif key in {"select", "fail_on", "profile", "cache", "format", "kind", "subject"}:
            setattr(config, key, list(value) if key == "select" else value)
            config.sources[key] = COMMAND_LINE
        else:
            raise ConfigError(f"{COMMAND_LINE}: unknown setting {key!r}")


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


class _Checker:
    """Type checks for config values; every failure names the file and the key."""

    def __init__(self, where: str):
        self.where = where

    def fail(self, key: str, message: str):
        raise ConfigError(f"{self.where}: key '{key}': {message}")

    def string(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value:
            self.fail(key, f"expected a non-empty string, got {value!r}")
        return value

    def str_list(self, key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, f"expected a list of non-empty strings, got {value!r}")
        return list(value)

    def choice(self, key: str, value: Any, choices: tuple[str, ...]) -> str:
        if value not in choices:
            self.fail(key, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {value!r}")
        return value

    def severity_table(self, key: str, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            self.fail(key, "expected a table of rule-id = severity")
        for rule, level in value.items():
            self.choice(f"{key}.{rule}", level, SEVERITIES)
        return dict(value)

    def thresholds(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(key, "expected a table of param-name = value")
        for name, v in value.items():
            if isinstance(v, bool) or not isinstance(v, (int, float, str)):
                self.fail(f"{key}.{name}", f"expected a number or a string, got {v!r}")
        return dict(value)
