"""Markdown emphasis markers blanked for reading: `_Customer_ breaches` reads as `Customer breaches`.

Rules, definitions and spaCy read the words, not the markup around them; a pattern for "Customer does not cure"
must not fail on `_Customer_ does not **cure**`. The markers become spaces, so every offset (lines, columns,
clause spans found on the raw text before) stays the same. Runs of underscores that stand alone are blanks to fill
in, not emphasis, and are kept; so are code spans and fenced code.
"""
from __future__ import annotations

import re

from msalint.ingest.markdown_render import fenced_lines

_CODE_SPAN = re.compile(r"`[^`\n]*`")
# an opening run right before a word, a closing run of the same length right after one, on one line
_STARS = re.compile(r"(?<![\w*\\])(\*{1,3})(?=[^\s*])([^\n]*?[^\s*\\])\1(?![\w*])")
_UNDERSCORES = re.compile(r"(?<![\w\\])(_{1,3})(?=[^\s_])([^\n]*?[^\s_\\])\1(?!\w)")


def blank_emphasis(text: str) -> str:
    """``text`` with Markdown emphasis delimiters replaced by spaces (same length)."""
    if "*" not in text and "_" not in text:
        return text
    lines = text.split("\n")
    code = fenced_lines(lines)
    return "\n".join(line if i in code else _blank_line(line) for i, line in enumerate(lines))


def _blank_line(line: str) -> str:
    if "*" not in line and "_" not in line:
        return line
    code = [m.span() for m in _CODE_SPAN.finditer(line)]
    chars = list(line)
    for pattern in (_STARS, _UNDERSCORES):
        for m in pattern.finditer(line):
            if any(a <= m.start() < b for a, b in code):
                continue
            width = len(m.group(1))
            for i in (*range(m.start(), m.start() + width), *range(m.end() - width, m.end())):
                chars[i] = " "
    return "".join(chars)
