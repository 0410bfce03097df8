"""A body cue that anchors at line starts finds its heading after a long run of blank lines, on its own line."""
from __future__ import annotations

from msalint.classify import _body_hits, cues


def test_a_notices_heading_after_many_blank_lines_is_found_on_its_line():
    cue = next(c for c in cues().cues if c.zone == "body" and "notices" in c.pattern.pattern)
    text = "The parties agree as follows." + "\n" * 20_000 + "12. Notices\nAll notices must be in writing.\n"
    hits = _body_hits(cue, text)
    assert hits and hits[0][1] == 20_001  # the heading's own line, not the first blank line before it
    assert _body_hits(cue, "The parties agree." + "\n" * 20_000) == []
