"""Opening files named by users: regular files only, checked on the open handle before a byte is read.

A FIFO, a character device (/dev/zero) or a socket never ends: hashing or reading one hangs or fills memory.
Opening with O_NONBLOCK keeps even the open() of a FIFO from waiting for a writer; fstat() on the handle then
decides, so nothing can swap the file between the check and the read.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from typing import BinaryIO, Iterator, TextIO


class NotRegularFileError(OSError):
    """The path exists but is a FIFO, device, socket or directory, not a file that can be read to its end."""


def file_kind(mode: int) -> str:
    """A short name for what a non-regular file is."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a file"


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """Open ``path`` for reading in binary mode; raise NotRegularFileError unless it is a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(errno.EINVAL, f"is {file_kind(info.st_mode)}, not a regular file", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_bytes(path: str | os.PathLike, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` + 1 of them (so the caller can tell it is too big)."""
    with open_regular(path) as handle:
        return handle.read() if max_bytes is None else handle.read(max_bytes + 1)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, *, encoding: str = "utf-8", newline: str | None = "\n") -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only when the block finishes: a failed write (read-only folder,
    full disk) or an exception leaves no partial file, and an OSError becomes an OutputError naming ``path``.

    A symlink is written through (its target is replaced); a device or FIFO (/dev/stdout) is written directly,
    never replaced by a regular file.
    """
    from msalint.errors import OutputError

    tmp = None
    try:
        existing = _stat_or_none(path)
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            with open(path, "w", encoding=encoding, newline=newline) as stream:
                yield stream
            return
        target = os.path.realpath(os.fspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".msalint-", suffix=".tmp", dir=os.path.dirname(target))
        os.chmod(tmp, stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as stream:
            yield stream
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(os.fspath(path), exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _stat_or_none(path: str | os.PathLike) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
