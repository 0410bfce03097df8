"""Writing annotated copies safely: never onto the input, always through a temporary file and a rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from msalint.errors import MsalintError


class OutputError(MsalintError):
    """The output path cannot be used (it is the input, or its folder is not writable)."""


def check_output(source: str | os.PathLike, out: str | os.PathLike) -> None:
    """Refuse an output that is the input file itself (same path, a symlink to it or a hard link)."""
    src, dst = Path(source), Path(out)
    if src.resolve() == dst.resolve():
        raise OutputError(f"{out}: refusing to overwrite the input document; choose another -o")
    try:
        if dst.exists() and os.path.samefile(src, dst):
            raise OutputError(f"{out}: is the same file as the input {source} (a link); choose another -o")
    except OSError:
        pass
    if dst.is_dir():
        raise OutputError(f"{out}: is a directory; -o needs a file name")


def atomic_write(out: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``out``, then rename it over ``out``."""
    target = Path(out)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
