"""The clause tree: numbering labels and headings -> Clause nodes with ids as a reader cites them."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from msalint.model import Clause, Document
from msalint.segment.candidates import Candidate, find_candidates
from msalint.segment.captions import heading_key
from msalint.segment.labels import ARTICLE_WORDS, ATTACHMENT_WORDS, keyword_title, list_style, ordinal

ATTACHMENT_RANK = 0
ARTICLE_RANK = 1
NUMERIC_RANK = 10
LIST_RANK = 20
_RECITALS = re.compile(r"\b(?:recitals?|background|witnesseth|preliminary\s+statements?|whereas)\b", re.IGNORECASE)
_CONTENTS_TITLE = re.compile(r"\b(?:table of contents|contents|index)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Open:
    """A clause still open on the stack while the tree is built."""

    rank: float
    index: int
    kind: str
    parts: tuple[int, ...] = ()
    family: tuple[str, str] | None = None
    last: int | None = None
    recital: bool = False


@dataclass(slots=True)
class _Builder:
    text_end: int
    clauses: list[Clause] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    prefix: str = ""
    last_top: int | None = None
    seen: Counter = field(default_factory=Counter)
    text: str = ""


def build_clauses(document: Document) -> tuple[list[Clause], list[Candidate]]:
    """The clause tree of ``document`` (pre-order list) and the candidates it was built from."""
    candidates = _filter(find_candidates(document), document)
    builder = _Builder(text_end=len(document.text.rstrip()), text=document.text)
    accepted: list[Candidate] = []
    for candidate in candidates:
        if _add(builder, candidate):
            accepted.append(candidate)
    _close(builder, 0, builder.text_end)
    text = document.text
    for clause in builder.clauses:
        clause.end = clause.start + len(text[clause.start:clause.end].rstrip())
        clause.page = document.page_of(clause.start)
    return builder.clauses, accepted


# -- filtering ---------------------------------------------------------------------------------------------------

def _filter(candidates: list[Candidate], document: Document) -> list[Candidate]:
    strong = sum(1 for c in candidates if c.kind in ("numeric", "article"))
    candidates = [c for c in candidates if not c.weak or strong < 3]
    _measure_bodies(candidates, document.text)
    candidates = _drop_running_lines(candidates)
    candidates = _drop_tables_of_contents(candidates, document.text)
    candidates = _drop_numbered_preamble(candidates)
    candidates = _drop_stray_attachments(candidates)
    _mark_nested_headings(candidates)
    return candidates


def _mark_nested_headings(candidates: list[Candidate]) -> None:
    """A caps line between 6.3 and 6.4 is a caption inside clause 6, not a new top-level heading."""
    current_top: str | None = None
    pending: list[Candidate] = []
    for c in candidates:
        if c.kind == "heading" and not c.trusted:
            pending.append(c)
        elif c.kind == "numeric" and not c.label.word:
            parts = c.label.parts
            if len(parts) >= 2 and current_top is not None and parts[0] == current_top:
                for heading in pending:
                    heading.nested = True
            pending = []
            if len(parts) == 1 or current_top != parts[0]:
                current_top = parts[0] if not c.inline or len(parts) == 1 else current_top
        elif c.kind in ("article", "attachment"):
            pending, current_top = [], None


def _continues_body(following: list[Candidate], last_top: int) -> bool:
    nxt = next((c for c in following if c.kind in ("numeric", "article")), None)  # past the rest of the list
    return nxt is not None and _top_value(nxt) == last_top + 1


def _top_value(c: Candidate) -> int | None:
    """3 for '3.' and for '3.0' (the 'N.0' house style); None for anything else."""
    if c.kind != "numeric" or c.label.word or c.label.subparts or c.inline:
        return None
    parts = c.label.parts
    if len(parts) == 1 or (len(parts) == 2 and set(parts[1]) == {"0"}):
        return int(parts[0]) if parts[0].isdigit() else None
    return None


def _is_top_number(c: Candidate, value: int | None = None) -> bool:
    if c.kind != "numeric" or c.trusted or c.label.word or len(c.label.parts) != 1 or c.label.subparts:
        return False
    return value is None or c.label.parts[0] == str(value)


def _drop_numbered_preamble(candidates: list[Candidate]) -> list[Candidate]:
    """'1. Acme Inc., a Delaware corporation' / '2. Beta Ltd.' listing the parties before a body that restarts at '1.'."""
    ones = [i for i, c in enumerate(candidates) if _is_top_number(c, 1)]
    if len(ones) < 2 or candidates[ones[1]].heading is None:
        return candidates
    before = [c for c in candidates[: ones[1]] if _is_top_number(c)]
    if len(before) > 6 or any(c.heading for c in before):
        return candidates
    drop = {id(c) for c in before}
    return [c for c in candidates if id(c) not in drop]


def _measure_bodies(candidates: list[Candidate], text: str) -> None:
    for i, c in enumerate(candidates):
        nxt = candidates[i + 1].start if i + 1 < len(candidates) else len(text)
        body_from = c.line_end if not c.inline else c.start
        c.body = len(re.sub(r"\s+", "", text[body_from:nxt])) if nxt > body_from else 0
        if c.inline or not c.whole_line:
            c.body = max(c.body, 1000)


def _drop_running_lines(candidates: list[Candidate]) -> list[Candidate]:
    """Unnumbered headings that repeat on many pages are running headers ('CONFIDENTIAL')."""
    counts = Counter(heading_key(c.heading or "") for c in candidates if c.kind == "heading" and not c.trusted)
    return [c for c in candidates if not (c.kind == "heading" and not c.trusted and counts[heading_key(c.heading or "")] >= 3)]


def _toc_key(c: Candidate) -> str:
    if c.label is not None and c.kind != "list":
        return c.label.raw.rstrip(".").lower().replace("section ", "")
    return heading_key(c.heading or "")


def _toc_like(c: Candidate) -> bool:
    return c.toc_entry or (c.whole_line and c.body <= 8 and not c.inline)


def _drop_tables_of_contents(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A run of caption-only lines whose entries come back later is a table of contents: drop it."""
    drop: set[int] = set()
    i = 0
    while i < len(candidates):
        j = i
        seen: set[str] = set()
        while j < len(candidates) and _toc_like(candidates[j]) and _toc_key(candidates[j]) not in seen:
            seen.add(_toc_key(candidates[j]))
            j += 1
        if j - i >= 3:
            run = candidates[i:j]
            later = {_toc_key(c) for c in candidates[j:]}
            keys = [_toc_key(c) for c in run]
            repeated = [k in later for k in keys]
            titled = bool(_CONTENTS_TITLE.search(text[max(0, run[0].start - 200):run[0].start]))
            leaders = sum(c.toc_entry for c in run)
            if (leaders * 2 >= len(run) and (titled or any(repeated))) or (titled and leaders):
                # entries with dot leaders go even when their body heading is worded differently; the title stays
                drop.update(i + k for k, c in enumerate(run) if c.toc_entry or repeated[k])
            elif sum(repeated) * 2 >= len(run) or (titled and any(repeated)):
                drop.update(i + k for k, again in enumerate(repeated) if again)  # the body's own headings stay
            elif titled:
                drop.update(range(i, j))
        i = max(j, i + 1)
    return [c for k, c in enumerate(candidates) if k not in drop]


def _drop_stray_attachments(candidates: list[Candidate]) -> list[Candidate]:
    """Attachment titles before the body (cover labels, lists of exhibits) do not open a schedule."""
    first_body = next((c.start for c in candidates if c.kind in ("numeric", "article")), None)
    out = []
    last_top = None
    for i, c in enumerate(candidates):
        if _top_value(c) is not None:
            last_top = _top_value(c)
        if c.kind == "attachment" and not c.trusted:
            if first_body is not None and c.start < first_body and not _is_document_title(candidates, i):
                continue
            if last_top is not None and _continues_body(candidates[i + 1:], last_top):
                continue  # "Attachment C - Charges" in a list, and the body goes on with the next number
            nxt = candidates[i + 1] if i + 1 < len(candidates) else None
            prv = candidates[i - 1] if i else None
            in_list = any(o is not None and o.kind == "attachment" and o.body < 150 for o in (nxt, prv))
            if c.body < 150 and in_list:
                continue
        out.append(c)
    return out


def _is_document_title(candidates: list[Candidate], i: int) -> bool:
    """A stand-alone schedule opens with its own title ("SCHEDULE 2 - SERVICE LEVELS") before its numbered body."""
    nxt = candidates[i + 1] if i + 1 < len(candidates) else None
    return i == 0 and candidates[i].start < 200 and (nxt is None or nxt.kind != "attachment")


# -- tree building -----------------------------------------------------------------------------------------------

def _close(b: _Builder, rank: float, at: int) -> None:
    """Pop every open clause with rank >= ``rank``; they end at ``at``."""
    while b.stack and b.stack[-1].rank >= rank:
        node = b.stack.pop()
        b.clauses[node.index].end = max(at, b.clauses[node.index].start)


def _unique(b: _Builder, clause_id: str) -> str:
    b.seen[clause_id] += 1
    return clause_id if b.seen[clause_id] == 1 else f"{clause_id}#{b.seen[clause_id]}"


def _open(b: _Builder, c: Candidate, clause_id: str, node: _Open) -> None:
    parent = b.clauses[b.stack[-1].index] if b.stack else None
    clause = Clause(
        id=_unique(b, clause_id),
        heading=c.heading,
        level=len(b.stack),
        parent=parent.id if parent else None,
        start=c.start,
        end=b.text_end,
        label=c.label.raw.strip() if c.label else None,
    )
    node.index = len(b.clauses)
    b.clauses.append(clause)
    b.stack.append(node)


def _add(b: _Builder, c: Candidate) -> bool:
    if c.kind == "close_lists":
        _close(b, LIST_RANK, c.start)  # '"Credit Documents" means ...' ends the (a)..(e) of the definition before
        return False
    if c.kind == "attachment":
        _close(b, ATTACHMENT_RANK, c.start)
        clause_id = f"{keyword_title(c.label.word)} {c.label.designator}"
        _open(b, c, clause_id, _Open(ATTACHMENT_RANK, 0, "attachment"))
        b.prefix, b.last_top = clause_id + " ", None
        return True
    if c.kind == "article":
        if c.inline:
            return False
        _close(b, ARTICLE_RANK, c.start)
        _open(b, c, f"{b.prefix}{keyword_title(c.label.word)} {c.label.designator}", _Open(ARTICLE_RANK, 0, "article"))
        return True
    if c.kind == "heading":
        rank = NUMERIC_RANK + min(c.level or 0, 3)  # a heading is a sibling of the top-level numbered clauses
        if c.nested and b.stack:
            rank = b.stack[-1].rank + 0.25 if b.stack[-1].kind != "heading" else b.stack[-1].rank
        _close(b, rank, c.start)
        _open(b, c, f"{b.prefix}{c.heading}", _Open(rank, 0, "heading"))
        return True
    if c.kind == "numeric":
        return _add_numeric(b, c)
    return _add_list(b, c)


def _numeric_parts(c: Candidate) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in c.label.parts)
    except ValueError:
        return None  # "Section A": lettered sections are treated as top-level numbers below


def _expected_numbers(b: _Builder, strict: bool = False) -> set[tuple[int, ...]]:
    """Numbers that may follow the open clauses (one missing number tolerated unless ``strict``)."""
    top = max([b.last_top or 0] + [n.parts[0] for n in b.stack if n.kind == "numeric" and n.parts])
    steps = (1,) if strict else (1, 2)
    expected = {(top + 1, 1)} | {(top + step,) for step in steps}
    for node in b.stack:
        if node.kind == "numeric" and node.parts:
            expected.add(node.parts + (1,))
            for step in steps:
                expected.add(node.parts[:-1] + (node.parts[-1] + step,))
    return expected


def _add_numeric(b: _Builder, c: Candidate) -> bool:
    parts = _numeric_parts(c)
    label = c.label
    depth = len(label.parts) - 1
    if parts is not None:
        if c.inline and parts not in _expected_numbers(b, strict=c.loose):
            return False
        if depth == 0 and not label.word and not label.subparts and _enumerates_under_heading(b, c):
            return _add_list(b, c, family=("digit", "numdot"))
        if depth == 0 and not c.styled_heading and not label.word and not label.subparts:
            open_numeric = any(n.kind == "numeric" for n in b.stack)
            continuing_list = any(
                n.kind == "list" and n.family == ("digit", "numdot") and n.last == parts[0] - 1 for n in b.stack
            )
            restart = parts[0] == 1 and b.last_top is not None and b.last_top >= 1
            if open_numeric and (restart or (continuing_list and (not c.heading or parts[0] <= (b.last_top or 0)))):
                return _add_list(b, c, family=("digit", "numdot"))
            if b.last_top is not None and parts[0] > b.last_top + 10:
                return False
    rank = NUMERIC_RANK + depth + 0.5 * len(label.subparts)
    _close(b, rank, c.start)
    while parts is not None and b.stack and b.stack[-1].kind == "numeric" and b.stack[-1].parts != parts[: len(b.stack[-1].parts)]:
        _close(b, b.stack[-1].rank, c.start)  # "9.1" without a "9." closes clause 8
    clause_id = b.prefix + ".".join(label.parts) + "".join(f"({s})" for s in label.subparts)
    _open(b, c, clause_id, _Open(rank, 0, "numeric", parts or ()))
    if depth == 0 and parts is not None:
        b.last_top = parts[0]
    return True


def _enumerates_under_heading(b: _Builder, c: Candidate) -> bool:
    """'SERVICES ... the following services:' then '1. connectivity ...; 2. storage ...': items, not clauses."""
    if c.heading or b.last_top is not None or not any(n.kind == "heading" for n in b.stack):
        return False
    if any(n.kind == "numeric" for n in b.stack):
        return False
    after = c.line_text[c.label.length:].lstrip()[:1]
    continuing = any(n.family == ("digit", "numdot") for n in b.stack)
    return after.islower() or (continuing and not c.whole_line)


def _add_list(b: _Builder, c: Candidate, family: tuple[str, str] | None = None) -> bool:
    value = c.label.parts[0]
    family = family or list_style(c.label)
    family = _disambiguate(b, value, family)
    position = ordinal(value, family[0])
    sibling = next((k for k in range(len(b.stack) - 1, -1, -1) if b.stack[k].family == family), None)
    if sibling is not None:
        node = b.stack[sibling]
        recital = node.recital
        if c.inline and (position is None or node.last is None or position != node.last + 1):
            return False
        _close(b, node.rank, c.start)
        rank = node.rank
    else:
        if position != 1 and (c.inline or not c.trusted):
            return False  # "(v)" opening a wrapped line of a run-in enumeration, not a new list
        rank = max(LIST_RANK, b.stack[-1].rank + 1 if b.stack else LIST_RANK)
        recital = _opens_recitals(b, c, family)
    parent = b.clauses[b.stack[-1].index] if b.stack else None
    shown = f"({value})" if family[1] in ("paren", "half", "numdot") else value
    if recital:
        _open(b, c, f"Recital {value}", _Open(rank, 0, "list", family=family, last=position, recital=True))
        return True
    if parent is None:
        clause_id = b.prefix + shown
    elif _is_numbered(parent):
        clause_id = parent.id + f"({value})"
    else:
        clause_id = f"{parent.id} {shown}"
    _open(b, c, clause_id, _Open(rank, 0, "list", family=family, last=position))
    return True


def _opens_recitals(b: _Builder, c: Candidate, family: tuple[str, str]) -> bool:
    """'Recitals' / 'WHEREAS' then 'A. ...', 'B. ...' before the first numbered clause: cited as 'Recital A'."""
    if b.last_top is not None or b.prefix or family[0] != "ALPHA" or any(n.kind != "heading" for n in b.stack):
        return False
    return bool(_RECITALS.search(b.text[max(0, c.start - 300):c.start]))


def _is_numbered(clause: Clause) -> bool:
    """Numbered clauses take list items as '8.1(b)'; articles, schedules and headings as 'Article IV (b)'."""
    if not clause.label:
        return False
    return clause.label.split()[0].lower() not in ARTICLE_WORDS + ATTACHMENT_WORDS


def _disambiguate(b: _Builder, value: str, family: tuple[str, str]) -> tuple[str, str]:
    """'(i)' after '(h)' is a letter, not a roman one; '(v)' after '(u)' too."""
    if family[0] in ("roman", "ROMAN") and len(value) == 1:
        alpha = ("alpha" if family[0] == "roman" else "ALPHA", family[1])
        previous = ord(value.lower()) - 97
        for node in b.stack:
            if node.family == alpha and node.last == previous:
                return alpha
        if value.lower() != "i" and not any(n.family == family for n in b.stack):
            return alpha  # a lone "(v)" or "(x)" with no roman list open is a letter
    return family
