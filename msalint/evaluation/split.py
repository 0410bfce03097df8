"""The development protocol's fixed split of labeled documents into a tuning part and a locked part.

A document is *locked* when the low 32 bits of sha256(file-name stem) fall below 30% of their range:
``int(sha256(stem).hexdigest()[-8:], 16) < 0.30 * 2**32``. The split depends on nothing but the
name, so it is the same on every machine, for every label set and for documents added later.
The low bits are used because the high bits already decided which CUAD contracts are in the
development folder at all (its file names all hash above 0.4 there), so they would lock nothing.

Errors are read (``msalint eval --show-errors``) on the tuning part only; the locked part is
scored to report and to gate CI, never to change a rule.
"""
from __future__ import annotations

import hashlib

LOCKED_FRACTION = 0.30
SPLITS = ("tuning", "locked", "all")
_RANGE = 2**32


def split_of(stem: str) -> str:
    """'locked' or 'tuning' for a document, by its file-name stem (``labels.document_key``)."""
    low_bits = int(hashlib.sha256(stem.encode("utf-8")).hexdigest()[-8:], 16)
    return "locked" if low_bits < LOCKED_FRACTION * _RANGE else "tuning"


def in_split(key: str, split: str) -> bool:
    """True when the document key (a file-name stem) belongs to ``split`` ('all' takes every document)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (use one of {', '.join(SPLITS)})")
    return split == "all" or split_of(key) == split
