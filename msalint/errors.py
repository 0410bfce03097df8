"""Error hierarchy with stable codes and the exit code each maps to."""
from __future__ import annotations

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3


class MsalintError(Exception):
    """Base class: every error msalint raises on purpose carries a code and an exit status."""

    code = "msalint-error"
    exit_code = EXIT_USAGE


class IngestError(MsalintError):
    """A document could not be read (unreadable, hostile, unsupported). Exit 3."""

    code = "unreadable"
    exit_code = EXIT_UNREADABLE

    def __init__(self, path: str, cause: str, code: str | None = None):
        self.path = str(path)
        self.cause = cause
        if code:
            self.code = code
        super().__init__(f"{self.path}: {cause}")


class RuleFileError(MsalintError):
    """A rule file is malformed; message names file:line and the key. Exit 2."""

    code = "rule-file"

    def __init__(self, file: str, line: int | None, message: str):
        self.file = str(file)
        self.line = line
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {message}")


class ConfigError(MsalintError):
    """A configuration file or value is invalid; message names the file and key. Exit 2."""

    code = "config"


class OutputError(MsalintError):
    """A report, database or other output could not be written (folder missing or read-only, disk full). Exit 2."""

    code = "output"

    def __init__(self, path: str, exc: OSError):
        self.path = str(path)
        super().__init__(f"{self.path}: cannot write the output ({exc.strerror or exc})")


class MsalintWarning(UserWarning):
    """Something the user should know that does not stop the run; the CLI prints it as one stderr line."""
