"""Custom batch tasks: a ``module:function`` given on the command line instead of the lint session."""
from __future__ import annotations

import importlib

from msalint.errors import ConfigError

def load_task(spec: str):
    """Import a task given as ``module:attribute`` (a callable ``path -> DocumentResult``)."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ConfigError(f"--task must look like module:function, got {spec!r}")
    try:
        target = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot import task {spec!r}: {exc}") from exc
    if not callable(target):
        raise ConfigError(f"task {spec!r} is not callable")
    return target
