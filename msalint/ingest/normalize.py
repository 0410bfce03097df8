"""Character-level normalization shared by the readers (odd spaces, ligatures, control characters)."""
from __future__ import annotations

import re

# Characters that look like a space: normalized to a plain space (same length, so offsets are kept).
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters an editor does not treat as a line break but Python's splitlines() does.
ODD_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n")

# Look-alike punctuation some PDF producers emit (U+037E GREEK QUESTION MARK for ";"): one character each.
LOOKALIKE_PUNCTUATION = {"\u037e": ";", "\u2024": ".", "\uff0e": ".", "\uff1b": ";", "\uff1a": ":", "\uff0c": ","}

_SAME_LENGTH = str.maketrans({**{ch: " " for ch in ODD_SPACES + ODD_BREAKS + _CONTROL + "\x7f"}, **LOOKALIKE_PUNCTUATION})

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_PDF_TABLE = str.maketrans(
    {**{ch: " " for ch in ODD_SPACES + ODD_BREAKS + _CONTROL + "\t\x7f"}, **_LIGATURES, **LOOKALIKE_PUNCTUATION,
     **{ch: None for ch in _ZERO_WIDTH}}
)
_SPACE_RUNS = re.compile(r" {2,}")


def normalize_source_text(text: str) -> str:
    """Normalize TXT/Markdown text keeping every source line and column: newlines to \\n, odd spaces to ' '."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_SAME_LENGTH)


def normalize_pdf_line(line: str) -> str:
    """Clean one extracted PDF line: odd spaces, ligatures, zero-width characters, repeated spaces."""
    line = _SPACE_RUNS.sub(" ", line.translate(_PDF_TABLE)).strip()
    # A soft hyphen only matters at the line end, where it marks a word break for de-hyphenation.
    return line[:-1].replace("\u00ad", "") + line[-1:] if "\u00ad" in line else line
