"""Opening files named by users: regular files only, checked on the open handle before a byte is read.

A FIFO, a character device (/dev/zero) or a socket never ends: hashing or reading one hangs or fills memory.
Opening with O_NONBLOCK keeps even the open() of a FIFO from waiting for a writer; fstat() on the handle then
decides, so nothing can swap the file between the check and the read.
"""
from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO


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
