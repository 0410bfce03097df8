"""Read msalint's own data files (config TOML, baseline JSON, waivers YAML) as plain data.

Every failure is a ConfigError naming the file, the line when the parser knows it, and the cause; hostile content
(numbers longer than Python converts, nesting deeper than the parser recurses) is one of those errors too.
"""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any, Callable

from msalint.errors import ConfigError
from msalint.files import NotRegularFileError, read_regular_bytes

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def load_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict."""
    return _parse(path, "TOML", tomllib.loads, _toml_position)


def load_json(path: Path) -> Any:
    """A JSON file as plain data."""
    return _parse(path, "JSON", json.loads, _json_position)


def load_yaml(path: Path) -> Any:
    """A YAML file as plain data: safe tags only, size, nesting and alias expansion bounded (msalint.safe_yaml)."""
    from msalint.safe_yaml import bounded_loader, load_bounded

    return _parse(path, "YAML", lambda text: load_bounded(text, bounded_loader()), _yaml_position)


def _parse(path: Path, language: str, parse: Callable[[str], Any],
           position: Callable[[Exception, str], tuple[int | None, str] | None]) -> Any:
    try:
        text = read_regular_bytes(path).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except NotRegularFileError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return parse(text)
    except RecursionError:
        raise ConfigError(f"{path}: invalid {language}: nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - parser errors differ per language; all become one line
        located = position(exc, text)
        if located is None:
            if not (isinstance(exc, ValueError) and "digits" in str(exc)):
                raise
            located = _long_number_line(text), "a number has more digits than msalint reads"
        line, cause = located
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: invalid {language}: {cause}") from None


def _long_number_line(text: str) -> int | None:
    match = re.search(r"\d{4000,}", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _toml_position(exc: Exception, text: str) -> tuple[int | None, str] | None:
    if not isinstance(exc, tomllib.TOMLDecodeError):
        return None
    message = str(exc)
    match = _TOML_POSITION.search(message)
    cause = message[:match.start()] if match else message
    if match is None:
        return None, cause
    return (int(match.group(1)) if match.group(1) else text.count("\n") + 1), cause


def _json_position(exc: Exception, text: str) -> tuple[int | None, str] | None:
    if not isinstance(exc, json.JSONDecodeError):
        return None
    return exc.lineno, exc.msg


def _yaml_position(exc: Exception, text: str) -> tuple[int | None, str] | None:
    import yaml

    from msalint.safe_yaml import YamlLimitError

    if isinstance(exc, YamlLimitError):
        return exc.line, f"refused: {exc}"
    if not isinstance(exc, yaml.YAMLError):
        return None
    mark = getattr(exc, "problem_mark", None)
    cause = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return (mark.line + 1 if mark is not None else None), cause
