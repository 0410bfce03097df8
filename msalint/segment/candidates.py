"""Where clauses may start: numbering labels and headings at line starts (and, strictly, after a full stop)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from msalint.ingest.blocks import strong_caption
from msalint.model import Block, Document
from msalint.segment.captions import NOT_HEADINGS, caps_heading, caption_after_label, clean_caption, title_like
from msalint.segment.labels import ZERO_WIDTH_TO_SPACE, Label, parse_label

# Formats whose reader marks headings and list numbers itself (Word styles, Markdown and what is rendered to it).
STRUCTURED_FORMATS = frozenset({"docx", "md", "html", "rst"})
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+")
_INLINE_START = re.compile(r"(?<=[.!?:])[\"”’)]?[ \t]{1,4}(?=[(\dA-Za-z§])")
_ABBREVIATION_BEFORE = re.compile(r"(?:\b(?:no|nos|sec|secs|inc|ltd|corp|co|e\.g|i\.e|etc|approx|art|para|cl|vs|v|mr|mrs|ms|dr|st)|\b[A-Za-z])\.$", re.I)
_LEADING_JUNK = re.compile(r"^[\s*_#>|]+")
_LOOSE_START = re.compile(r"(?<=[A-Za-z\]\)*] )\d{1,3}(?:\.\d{1,3})+(?=\s)")
_REFERENCE_WORDS = frozenset(
    "section sections clause clauses article articles paragraph paragraphs subsection subsections schedule "
    "exhibit annex appendix and or to through thru of in under with see §".split()
)
_DEFINITION_ENTRY = re.compile(
    r"[\"“][^\"“”\n]{1,80}[\"”][^\n]{0,40}?\b(?:means|shall\s+mean|shall\s+have|has\s+the\s+meaning|refers\s+to)\b"
)
_RUN_IN_CAPS = re.compile(r"([A-Z][A-Z0-9&/,'’ -]{2,60}[A-Z]):\s+\S")  # "SERVICES: Kubient shall ..."
_SEGMENT = re.compile(r"\S(?:.*?\S)??(?=\s{3,}|\s*$)")
_SEC_EXHIBIT = re.compile(r"^(?:exhibit|ex-)\s*\d+\.\d+", re.IGNORECASE)
_LEAD_IN_END = re.compile(r"(?:[:;]|\b(?:and|or))\s*$")
_CONTENTS = re.compile(r"^\s*(?:table of contents|contents|index)\s*$", re.IGNORECASE)
_PARTY_JOINER = re.compile(r"(?:^|\s)(?:(?:by\s+and\s+)?between|and)\s*:?\s*$", re.IGNORECASE)
_SIGNATURE_CELL = re.compile(
    r"^\s*(?:signature|signed|by|name|print(?:ed)?\s+name|title|date|company|notice\s+address|its|witness)\s*:?\s*$",
    re.IGNORECASE,
)
# "Non disclosure..........5" / "Term<TAB>4": a table-of-contents entry, whatever its caption looks like.
_TOC_LEADER = re.compile(r"\S.*?(?:\s*[._·…]{4,}\s*|\t+)(?:page\s+)?\d{1,4}\s*$", re.IGNORECASE)
# The leader pattern backtracks through a long run of leader characters from every start position (quadratic: a
# 20,000-underscore line took minutes). A run longer than five matches exactly when its first five do.
_LONG_LEADER_RUN = re.compile(r"[._·…]{6,}")


def _toc_entry(text: str) -> bool:
    """A table-of-contents line: a caption, a leader (dots, underscores or tabs) and a page number."""
    return bool(_TOC_LEADER.fullmatch(_LONG_LEADER_RUN.sub(lambda m: m.group(0)[:5], text)))
# "2 2.  TERM": a printed page number fused to the heading that follows it in flattened filings.
_STRAY_PAGE_NUMBER = re.compile(r"\d{1,3}[ \t]+(?=\S)")


@dataclass(slots=True)
class Candidate:
    """A possible clause start: a label and/or a heading at ``start``."""

    start: int
    kind: str  # attachment | article | numeric | list | heading | close_lists
    label: Label | None
    heading: str | None
    line_end: int  # end of the label's line (or of the heading line consumed with it)
    whole_line: bool  # nothing but label and caption on the line
    inline: bool = False
    nested: bool = False  # an unnumbered heading inside a numbered clause (a table caption, a sub-heading)
    loose: bool = False  # inline without a full stop before it: accepted only as the very next number
    styled_heading: bool = False  # a Word/Markdown heading paragraph
    weak: bool = False  # a Title Case line used as a heading only when the document has no numbering
    trusted: bool = False  # DOCX auto-numbering, Markdown/Word heading styles
    level: int | None = None
    body: int = 0  # non-space characters between this candidate's line and the next candidate
    line_text: str = ""
    toc_entry: bool = False  # a caption ending in dot leaders and a page number


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, starts_line) of each non-blank line and of each run after 3+ spaces inside a line.

    Texts flattened from PDF (CUAD) keep former line breaks only as runs of spaces.
    """
    out = []
    offset = 0
    for raw in text.split("\n"):
        first = True
        for m in _SEGMENT.finditer(raw):
            out.append((offset + m.start(), offset + m.end(), first))
            first = False
        offset += len(raw) + 1
    return out


def find_candidates(document: Document) -> list[Candidate]:
    """Every plausible clause start in reading order, before any tree-level filtering."""
    text = document.text.translate(ZERO_WIDTH_TO_SPACE)  # same length: offsets stay valid
    trusted_format = document.format in STRUCTURED_FORMATS
    block_by_start = {b.start: b for b in document.blocks}
    segments = _segments(text)
    signature_cells = _signature_table_cells(document)
    found: list[Candidate] = []
    consumed_until = -1
    previous_end = ""
    for index, (start, end, starts_line) in enumerate(segments):
        if start < consumed_until:
            continue
        block = block_by_start.get(start) if starts_line else None
        if starts_line and block is None:
            block = _block_starting_near(document, start)
        at_block_start = block is not None or (starts_line and not document.blocks)
        line = text[start:end]
        candidate = _line_candidate(line, start, end, block, trusted_format, at_block_start, previous_end)
        if candidate is not None and candidate.kind == "heading" and block is not None and block.start in signature_cells:
            candidate = None  # "PARTY 1", "Company", "Title" in a signature table label a column, not a clause
        if candidate is not None:
            if candidate.whole_line and not _segment_is_line_end(segments, index) and not line.endswith((".", ":")):
                _check_run_on(candidate, text, segments[index + 1])
            if candidate.label is not None and candidate.heading is None and candidate.whole_line:
                _heading_from_next_line(candidate, text, segments, index)
            if candidate.kind != "dropped":
                found.append(candidate)
                consumed_until = candidate.line_end
            else:
                candidate = None
        found.extend(_inline_candidates(text, start, end, candidate))
        page_number = bool(re.fullmatch(r"\d{1,3}", line)) or bool(_CONTENTS.match(line))
        previous_end = "." if (candidate is not None and candidate.whole_line) or page_number else line[-12:]
    return found


def _signature_table_cells(document: Document) -> set[int]:
    """Starts of the cells of tables that hold a signature block (two or more cells like "Print Name", "Title")."""
    out: set[int] = set()
    run: list[Block] = []
    for block in [*document.blocks, None]:
        if block is not None and block.kind == "table_cell":
            run.append(block)
            continue
        labels = sum(1 for b in run if _SIGNATURE_CELL.match(document.text[b.start:b.end]))
        if labels >= 2:
            out.update(b.start for b in run)
        run = []
    return out


def _segment_is_line_end(segments: list[tuple[int, int, bool]], index: int) -> bool:
    return index + 1 >= len(segments) or segments[index + 1][2]


def _check_run_on(candidate: Candidate, text: str, nxt: tuple[int, int, bool]) -> None:
    """A caption cut off by a run of spaces is only a caption if a label or a heading follows it."""
    following = text[nxt[0]:nxt[1]]
    if re.fullmatch(r"\d{1,3}|[ivxlc]{1,6}", following):
        return  # "Section 1.02 Accounting Terms    4": a table-of-contents entry and its page
    if candidate.kind == "heading" and following[:1].isupper():
        return  # "WITNESSETH   Whereas the parties ..."
    if parse_label(following) is None and not caps_heading(following):
        if candidate.kind == "heading":
            candidate.kind = "dropped"
        candidate.heading, candidate.whole_line = None, False


def _block_starting_near(document: Document, start: int) -> Block | None:
    block = document.block_at(start)
    if block is not None and block.start <= start and not document.text[block.start:start].strip():
        return block
    return None


def _line_candidate(
    line: str, start: int, end: int, block: Block | None, trusted_format: bool, at_block_start: bool, prev_end: str
) -> Candidate | None:
    candidate = _labelled_or_heading(line, start, end, block, trusted_format, at_block_start, prev_end)
    if candidate is None and at_block_start:
        candidate = _after_stray_page_number(line, start, end, block, trusted_format, prev_end)
    return candidate


def _after_stray_page_number(
    line: str, start: int, end: int, block: Block | None, trusted_format: bool, prev_end: str
) -> Candidate | None:
    """'2 2.  TERM': skip the page number when a numbered caption line follows it."""
    m = _STRAY_PAGE_NUMBER.match(line)
    if m is None:
        return None
    rest = line[m.end():]
    label = parse_label(rest)
    if label is None or label.kind not in ("numeric", "article") or label.subparts:
        return None
    if label.kind == "numeric" and not (label.word or label.raw.endswith(".")):
        return None  # "3 4.5 Fees": too ambiguous without the dot of a top-level label
    candidate = _labelled_or_heading(rest, start + m.end(), end, block, trusted_format, True, prev_end)
    if candidate is None or candidate.label is None or candidate.heading is None or not candidate.whole_line:
        return None
    return candidate


def _labelled_or_heading(
    line: str, start: int, end: int, block: Block | None, trusted_format: bool, at_block_start: bool, prev_end: str
) -> Candidate | None:
    md = _MD_HEADING.match(line) if trusted_format else None
    body = line[md.end():] if md else line
    shift = (md.end() if md else 0)
    caption = strong_caption(body) if trusted_format and block is not None and block.kind == "heading" else None
    if caption is not None:  # "**2. Fees**": the words inside the bold markers
        shift += body.index(caption)
        body = caption
    trusted = trusted_format and block is not None and (block.number is not None or block.kind == "heading")
    label = parse_label(body)
    if label is None and trusted and block is not None and block.number:
        number = block.number.strip()
        label = parse_label(body, bare_numbers=True) if body.startswith(number) else None
    if label is not None and (trusted or _plausible_label(label, body, at_block_start, prev_end)):
        rest = body[label.length:]
        heading, whole = caption_after_label(rest)
        styled_line = trusted and block is not None and block.kind == "heading"
        if heading is None and styled_line and 0 < len(rest.strip()) <= 120:
            heading, whole = clean_caption(rest) or None, True  # a styled heading's whole line is its caption
        toc_entry = _toc_entry(rest.strip()) and label.kind != "list"
        if toc_entry:
            heading, whole = clean_caption(rest) or heading, True
        if label.kind == "attachment" and not whole and heading is None and rest.strip():
            return None  # "Schedule B sets out the fees ..." is prose
        if label.kind == "attachment" and heading and heading.lower().startswith("to "):
            heading = None  # "SCHEDULE 1 TO EXHIBIT B": the caption, if any, is on the next line
        level = block.level if block is not None else None
        styled = block is not None and block.kind == "heading"
        return Candidate(start + shift, label.kind, label, heading, end, whole, trusted=trusted, level=level,
                         line_text=line, styled_heading=styled, toc_entry=toc_entry)
    if _SEC_EXHIBIT.match(body):
        return None
    if at_block_start and _DEFINITION_ENTRY.match(body):
        return Candidate(start, "close_lists", None, None, start, False, line_text=line)
    heading_block = trusted and block is not None and block.kind == "heading"
    party_name = bool(_PARTY_JOINER.search(prev_end))  # "BETWEEN" / "AND" then "ACME HOSTING": a name on a cover
    if heading_block or ((at_block_start or prev_end[-1:] in ".:;!?\"”)") and caps_heading(body) and not _CONTENTS.match(body)
                         and not party_name):
        caption = clean_caption(body)
        if caption:
            level = block.level if block is not None else None
            if md:
                level = len(md.group(0).strip()) - 1
            return Candidate(start + shift, "heading", None, caption, end, True, trusted=heading_block,
                             level=level, line_text=line, toc_entry=_toc_entry(body.strip()))
    if block is not None and block.end == end and _title_heading(body):
        return Candidate(start, "heading", None, clean_caption(body), end, True, weak=True, line_text=line)
    run_in = _RUN_IN_CAPS.match(body) if at_block_start or prev_end[-1:] in ".;!?\"”)" else None
    if run_in and caps_heading(run_in.group(1)):
        return Candidate(start, "heading", None, clean_caption(run_in.group(1)), end, False, weak=True,
                         line_text=line)
    return None


def _title_heading(line: str) -> bool:
    """'Included Monthly Services' alone in its paragraph."""
    if line[-1:] in ".,;:!?)" or ":" in line or not line[:1].isalpha() or not title_like(line, max_words=7):
        return False  # "Name: Jane Roe" in a signature block is no heading
    if NOT_HEADINGS.match(line) or _PARTY_JOINER.fullmatch(" " + line.strip()):
        return False  # "BETWEEN" / "AND" between the parties' names on a cover page
    return any(len(w) >= 4 for w in re.findall(r"[A-Za-z]+", line))


def _plausible_label(label: Label, body: str, at_block_start: bool, prev_end: str) -> bool:
    """Reject numbers that are prose: wrapped lines, amounts, dates, page numbers."""
    rest = body[label.length:].lstrip()
    first = rest[:1]
    after_lead_in = bool(_LEAD_IN_END.search(prev_end))
    if not at_block_start and prev_end and not (after_lead_in or prev_end[-1] in ".!?\"”)"):
        multi_level = label.kind == "numeric" and len(label.parts) > 1
        if not (multi_level and first.isupper()):
            return False  # a wrapped line that happens to begin with a number
    if label.kind in ("numeric", "article", "attachment") and first.islower():
        single = label.kind == "numeric" and len(label.parts) == 1 and not label.word and label.raw[-1:] in ".)"
        if not (single and after_lead_in):
            return False  # "2.5 million ..." / "Section 5 of ..." wrapped onto a new line
    if label.kind == "numeric":
        if not label.word and int(label.parts[0]) > 300:
            return False
        if first in "%$€£" and first:
            return False
        if re.match(r"\d", first) and not label.word:
            return False  # "1. 2020" / "2.5 10" look like amounts or dates
    if label.kind == "list" and label.style == "dot" and label.parts[0].isupper():
        if not first or not (first.isupper() or first in "\"“("):
            return False  # "A." alone or before lower case: an initial, not a label
    return True


def _heading_from_next_line(candidate: Candidate, text: str, lines: list[tuple[int, int, bool]], index: int) -> None:
    """'ARTICLE IV' / 'FEES AND PAYMENT' on two lines: the second line is the caption."""
    if index + 1 >= len(lines):
        return
    start, end, starts_line = lines[index + 1]
    nxt = text[start:end]
    if not starts_line and candidate.label.kind != "list" and _toc_entry(nxt.strip()):
        candidate.heading, candidate.line_end, candidate.toc_entry = clean_caption(nxt) or None, end, True
        return  # "7.    Non disclosure........5" with the label set apart by spaces
    if parse_label(nxt) is not None or len(nxt) > 90 or nxt.rstrip().endswith((",", ";")):
        return
    plain = nxt.rstrip(".")
    if caps_heading(nxt) or (title_like(plain, max_words=8) and not re.search(r"[.;]\s", plain)):
        candidate.heading = clean_caption(nxt)
        candidate.line_end = end


def _inline_candidates(text: str, start: int, end: int, line_candidate: Candidate | None) -> list[Candidate]:
    """Labels that begin a new sentence inside a line ("... thereof. (b) Customer shall ...")."""
    out: list[Candidate] = []
    from_offset = start
    if line_candidate is not None:
        from_offset = max(start, line_candidate.start + (line_candidate.label.length if line_candidate.label else 0))
    segment = text[from_offset:end]
    if len(segment) < 8:
        return out
    for m in _LOOSE_START.finditer(segment):
        if segment[max(0, m.start() - 12):m.start()].lower().split()[-1:] in ([w] for w in _REFERENCE_WORDS):
            continue
        label = parse_label(segment[m.start():m.start() + 40])
        if label is None or label.kind != "numeric" or len(label.parts) < 2:
            continue
        after = segment[m.start() + label.length:].lstrip()[:1]
        if after.isupper() or after in "\"“":
            out.append(Candidate(from_offset + m.start(), "numeric", label, None, end, False, inline=True,
                                 loose=True, line_text=segment[m.start():m.start() + 60]))
    for m in _INLINE_START.finditer(segment):
        pos = m.end()
        before = segment[max(0, m.start() - 8):m.start() + 1]
        if _ABBREVIATION_BEFORE.search(before):
            continue
        label = parse_label(segment[pos:pos + 40])
        if label is None or label.kind in ("attachment", "article") or label.word or label.style == "dot":
            continue
        if label.kind == "list" and segment[m.start()] == ":":
            continue  # "the following: (a) ...; (b) ..." is an enumeration inside one sentence
        after = segment[pos + label.length:].lstrip()[:1]
        if not (after.isupper() or after in "\"“"):
            continue
        rest = segment[pos + label.length:]
        heading, _ = caption_after_label(rest[:120])
        out.append(Candidate(from_offset + pos, label.kind, label, heading, end, False, inline=True,
                             line_text=segment[pos:pos + 60]))
    return out
