"""The cross-reference index: 'Section 8.4', 'Sections 3.1 through 3.4', 'paragraph (c) above', 'Schedule B'.

Each reference becomes one XRef. Internal references carry the normalized id they point to in
``target``; ``resolved`` says whether that clause exists. References into other instruments
("Section 365 of the Bankruptcy Code", "Rule 10b-5") are external: ``target`` is None and
``resolved`` False; use :func:`is_external` to tell them apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from msalint.model import Clause, XRef
from msalint.segment.labels import roman_value, to_roman

_PARENS = r"(?:\s?\((?-i:[a-z]{1,5}|\d{1,3}|[A-Z])\))"
_DESIGNATOR = (
    r"(?:\d{1,3}(?:\.\d{1,3})*(?!\.?\d)" + _PARENS + r"*|" + _PARENS + r"+|(?-i:[IVXLC]{1,7}|[A-Z](?:-?\d{1,2})?)\b(?!\.\w))"
)
_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or|through|thru|to)\s+|\s*[-–—]\s*|\s*&\s*)"
_KEYWORD = (
    r"(?P<kw>sections?|sec\.|§§?|clauses?|articles?|paragraphs?|para\.|sub-?sections?|sub-?clauses?|"
    r"sub-?paragraphs?|schedules?|exhibits?|annex(?:es)?|appendix|appendices|attachments?)"
)
_CAPTION = r"\s+\((?-i:[A-Z])[^()\n]{1,60}\)"
_REFERENCE = re.compile(
    r"(?<!\w)" + _KEYWORD + r"(?:(?<=§)\s*|\s+)(?P<list>" + _DESIGNATOR + r"(?:(?:" + _CAPTION + r")?" + _SEPARATOR + _DESIGNATOR + r")*)"
    r"(?P<caption>" + _CAPTION + r")?",
    re.IGNORECASE,
)
_INNER_CAPTION = re.compile(_CAPTION)
_ONE = re.compile(_DESIGNATOR, re.IGNORECASE)
_RULE = re.compile(r"\bRules?\s+\d{1,3}[a-z]?-\d{1,3}[a-z]?\b")
_INTERNAL_OWNER = re.compile(
    r"^\s*,?\s*(?:of|in|under|to)\s+(?:this|these|the\s+(?:agreement|contract)\b)|^\s*(?:hereof|herein|hereto|hereunder|above|below)\b",
    re.IGNORECASE,
)
_EXTERNAL_OWNER = re.compile(
    r"^\s*,?\s*(?:of|under)\s+(?:the\s+|that\s+|such\s+|said\s+)?"
    r"(?P<owner>(?:Title\s+\d+|Regulation\s+[A-Z0-9-]+|[A-Z0-9][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z0-9][\w.'’&-]*)*))"
)
_STATUTE_BEFORE = re.compile(
    r"(?:U\.\s?S\.\s?C\.|C\.\s?F\.\s?R\.|\b(?i:code|act|regulations?)|\b[A-Z][a-z]+\s+Law|"
    r"\b(?:FAR|DFARS?|IRC|UCC|ERISA|HIPAA|GDPR|CCPA|FCPA|DMCA|COBRA|FLSA|USC|CFR))"
    r"[\s,]*(?:§§?|(?i:sections?))?\s*$"
)
# a code cited by its abbreviation right after the number: "sec. 1 to 7 HGB (Commercial Code)", "Art. 28 GDPR."
_ACRONYM_OWNER = re.compile(r"^\s+(?!(?:HERE|THERE)[A-Z]*\b|ABOVE\b|BELOW\b)[A-Z]{2,6}(?=\s*[(),.;:]|\s*$)")
_ATTACHMENT_OWNER = re.compile(
    r"^\s*,?\s*of\s+(?:this\s+|the\s+)?(?P<kind>schedule|exhibit|annex|appendix|attachment)\s+(?P<des>(?-i:[A-Z0-9]{1,3}))\b",
    re.IGNORECASE,
)
_SELF_NAMES = frozenset({"agreement", "contract", "msa"})
_INSTRUMENT = re.compile(
    r"\b(?:Act|Code|Regulations?|Rules?|Agreements?|Law|Statutes?|Title|U\.S\.C|Treaty|Convention|Directive|Plan|"
    r"Lease|Contract|Order|Terms|Polic(?:y|ies)|Procedures|Guidelines|Licen[cs]e|Charter|Bylaws|Certificate|"
    r"Declaration|Indenture|Note|Protocol|Standards?|Form|Amendment|Addendum|[A-Z]{2,6})\b"
)
_ATTACHMENT_KEYWORDS = {"schedule": "Schedule", "exhibit": "Exhibit", "annex": "Annex", "appendix": "Appendix",
                        "appendices": "Appendix", "annexes": "Annex", "attachment": "Attachment"}


def is_external(xref: XRef) -> bool:
    """True for a reference into another instrument (statute, rule, other agreement): target is None."""
    return xref.target is None


@dataclass(slots=True)
class _Context:
    text: str
    ids: dict[str, Clause]
    clause_at: Callable[[int], Clause | None]
    label_starts: set[int]


def find_xrefs(
    text: str, clauses: list[Clause], clause_at: Callable[[int], Clause | None], label_starts: set[int]
) -> list[XRef]:
    """Every cross-reference in ``text``, resolved against ``clauses`` where possible."""
    ctx = _Context(text, {c.id: c for c in clauses}, clause_at, label_starts)
    out: list[XRef] = []
    for m in _REFERENCE.finditer(text):
        if m.start() in label_starts:
            continue  # "Section 5. Fees" opening a clause is a label, not a reference
        out.extend(_references(ctx, m))
    for m in _RULE.finditer(text):
        out.append(_external(ctx, m.group(0), m.start(), m.end()))
    out.sort(key=lambda x: (x.start, x.end))
    return out


def _keyword_kind(keyword: str) -> str:
    low = keyword.lower().rstrip(".s")
    if low.startswith("annex"):
        return "attachment"
    if low in ("schedule", "exhibit", "appendix", "appendice", "attachment"):
        return "attachment"
    if low.startswith("article"):
        return "article"
    if low.startswith(("sub", "para", "clause")):
        return "paragraph"
    return "section"


def _references(ctx: _Context, m: re.Match[str]) -> list[XRef]:
    kind = _keyword_kind(m.group("kw"))
    caption_end = m.end("caption") if m.group("caption") else m.end("list")
    trailer = ctx.text[caption_end: caption_end + 80]
    before = ctx.text[max(0, m.start() - 30): m.start()]
    items = _items(m)
    if kind == "attachment" and any("." in d or "(" in d for d, _, _ in items):
        return [_external(ctx, ctx.text[m.start():caption_end], m.start(), caption_end)]  # SEC exhibit numbers
    if kind != "attachment" and _is_external(trailer, before):
        return [_external(ctx, ctx.text[m.start():caption_end], m.start(), caption_end)]
    owner = _ATTACHMENT_OWNER.match(trailer)
    out = []
    last = items[-1][2]
    for index, (designator, start, end) in enumerate(items):
        span_start = m.start() if index == 0 else start
        inner = _INNER_CAPTION.match(ctx.text, end)
        span_end = caption_end if end == last else (inner.end() if inner else end)
        target, resolved = _resolve(ctx, kind, m.group("kw"), designator, span_start, owner)
        clause = ctx.clause_at(span_start)
        out.append(XRef(ctx.text[span_start:span_end], target, clause.id if clause else None, resolved,
                        span_start, span_end))
    return out


def _items(m: re.Match[str]) -> list[tuple[str, int, int]]:
    """Designators of a reference list, ranges expanded: [(designator, start, end)]."""
    base = m.start("list")
    listed = _INNER_CAPTION.sub(lambda c: " " * len(c.group(0)), m.group("list"))  # "6.3 (Warranties), 6.4"
    parts = [
        (d.group(0).strip(), base + d.start() + len(d.group(0)) - len(d.group(0).lstrip()), base + d.end())
        for d in _ONE.finditer(listed)
    ]
    shape = _shape(parts[0][0])
    number = re.match(r"[\d.]+", parts[0][0]).group(0).rstrip(".") if shape == "numeric" else ""
    kept = []
    for designator, start, end in parts:
        if _shape(designator) == shape:
            kept.append((designator, start, end))
        elif number and _shape(designator) == "paren":
            kept.append((number + designator, start, end))  # "Section 7.1(f), (g) and (h)"
        else:
            break
    parts = kept
    out: list[tuple[str, int, int]] = []
    for i, (designator, start, end) in enumerate(parts):
        if i and re.fullmatch(r"\s*(?:through|thru|to|[-–—])\s*", m.string[parts[i - 1][2]:start], re.I):
            low, low_start, _ = parts[i - 1]
            for middle in _range_between(low, designator):
                out.append((middle, low_start, end))
        out.append((designator, start, end))
    return out


def _shape(designator: str) -> str:
    """'numeric', 'paren' or 'letter': a list keeps the shape of its first designator ('Sec. 5 and No. 3')."""
    if designator[:1].isdigit():
        return "numeric"
    return "paren" if designator.lstrip().startswith("(") else "letter"


def _range_between(low: str, high: str) -> list[str]:
    """'3.1'..'3.4' -> ['3.2', '3.3'] (the ends are listed by the caller); nothing for odd shapes."""
    a, b = low.split("."), high.split(".")
    if len(a) != len(b) or a[:-1] != b[:-1] or not (a[-1].isdigit() and b[-1].isdigit()):
        return []
    first, last = int(a[-1]), int(b[-1])
    if not 0 <= last - first <= 50:
        return []
    return [".".join(a[:-1] + [str(n)]) for n in range(first + 1, last)]


def _is_external(trailer: str, before: str) -> bool:
    if _STATUTE_BEFORE.search(before) or _ACRONYM_OWNER.match(trailer):
        return True
    if _INTERNAL_OWNER.match(trailer):
        return False
    owner = _EXTERNAL_OWNER.match(trailer)
    if owner is None:
        return False
    name = owner.group("owner").rstrip(".,")
    if name.lower() in _SELF_NAMES or _ATTACHMENT_OWNER.match(trailer):
        return False
    return bool(_INSTRUMENT.search(name))  # "of the Bankruptcy Code", not "of Customer's choosing"


def _external(ctx: _Context, text: str, start: int, end: int) -> XRef:
    clause = ctx.clause_at(start)
    return XRef(text, None, clause.id if clause else None, False, start, end)


def _normalize(designator: str) -> str:
    return re.sub(r"\s+", "", designator).rstrip(".")


def _resolve(
    ctx: _Context, kind: str, keyword: str, designator: str, at: int, owner: re.Match[str] | None
) -> tuple[str, bool]:
    """(target id, resolved) for one designator."""
    designator = _normalize(designator)
    if kind == "attachment":
        name = _ATTACHMENT_KEYWORDS.get(keyword.lower().rstrip("s"), keyword.title().rstrip("s"))
        if keyword.lower() in _ATTACHMENT_KEYWORDS:
            name = _ATTACHMENT_KEYWORDS[keyword.lower()]
        target = f"{name} {designator}"
        return target, target in ctx.ids
    if designator.startswith("("):
        return _resolve_relative(ctx, designator, at)
    prefixes = _prefixes(ctx, at, owner)
    for candidate in _id_variants(kind, designator):
        for prefix in prefixes:
            if prefix + candidate in ctx.ids:
                return prefix + candidate, True
    found = _inline_item(ctx, prefixes, designator)
    if found:
        return found, True
    unresolved_prefix = prefixes[0] if owner is not None else prefixes[-1]
    return unresolved_prefix + _id_variants(kind, designator)[0], False


def _prefixes(ctx: _Context, at: int, owner: re.Match[str] | None) -> list[str]:
    """'Schedule B ' first inside Schedule B (or after 'of Schedule B'), then the main body."""
    if owner is not None:
        return [f"{_ATTACHMENT_KEYWORDS[owner.group('kind').lower()]} {owner.group('des').upper()} ", ""]
    clause = ctx.clause_at(at)
    while clause is not None and clause.parent is not None:
        clause = ctx.ids.get(clause.parent)
    if clause is not None and clause.label and clause.id.split(" ")[0] in _ATTACHMENT_KEYWORDS.values():
        return [clause.id + " ", ""]
    return [""]


def _id_variants(kind: str, designator: str) -> list[str]:
    """Ids a designator may have: 'IV' -> 'Article IV', 'Article 4', '4'; '5' -> '5', 'Article 5', 'Article V'."""
    if kind == "article":
        value = roman_value(designator) if not designator.isdigit() else int(designator)
        if not value and designator[:1].isdigit():
            return [designator, f"Article {designator}"]  # "Article 4.1": articles holding numbered sections
        variants = [f"Article {designator}"]
        if value:
            variants += [f"Article {to_roman(value).upper()}", f"Article {value}", str(value), f"{value}.0"]
        return variants
    variants = [designator]
    if designator.isdigit():
        value = int(designator)
        variants += [f"Article {designator}", f"Article {to_roman(value).upper()}" if value < 400 else "", f"{value}.0"]
    elif roman_value(designator):
        variants += [f"Article {designator.upper()}"]
    return variants


def _inline_item(ctx: _Context, prefixes: list[str], designator: str) -> str | None:
    """'7(b)' where (b) is an enumeration inside clause 7: resolves to the clause holding it."""
    m = re.match(r"([^()]+)((?:\([^()]+\))+)$", designator)
    if not m:
        if re.fullmatch(r"\d{1,3}", designator):
            for prefix in prefixes:  # "Section 5" when only "5.1", "5.2" carry numbers
                child = next((i for i in ctx.ids if i.startswith(f"{prefix}{designator}.")), None)
                if child:
                    return child
        return None
    base, items = m.group(1), re.findall(r"\([^()]+\)", m.group(2))
    for prefix in prefixes:
        for cut in range(len(items), -1, -1):
            clause_id = prefix + base + "".join(items[:cut])
            clause = ctx.ids.get(clause_id)
            if clause is not None and cut < len(items):
                if items[cut] in ctx.text[clause.start:clause.end]:
                    return clause_id
                break
            if clause is not None:
                return clause_id
    return None


def _resolve_relative(ctx: _Context, designator: str, at: int) -> tuple[str, bool]:
    """'paragraph (c) above': look among the current clause and its ancestors."""
    clause = ctx.clause_at(at)
    chain = []
    while clause is not None:
        chain.append(clause)
        clause = ctx.ids.get(clause.parent) if clause.parent else None
    for ancestor in chain:
        for candidate in (ancestor.id + designator, f"{ancestor.id} {designator}"):
            if candidate in ctx.ids:
                return candidate, True
    first = designator[: designator.index(")") + 1]
    for ancestor in chain:
        if re.search(r"(?:^|[\s:;,])" + re.escape(first) + r"\s", ctx.text[ancestor.start:ancestor.end]):
            return ancestor.id, True
    top = chain[-1].id if chain else ""
    return top + designator, False
