"""`structure`: the document's own machinery: cross-references, defined terms and numbering."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msalint.rulebook.context import LintContext
from msalint.rulebook.kinds import Kind, register
from msalint.rulebook.undefined_terms import undefined_terms
from msalint.rulebook.schema import one_of

if TYPE_CHECKING:
    from msalint.model import Clause, Finding
    from msalint.rulebook.ruleset import Rule

CHECKS = ("unresolved_xrefs", "missing_attachments", "undefined_terms", "unused_terms", "duplicate_definitions",
          "numbering_gaps")


@dataclass(frozen=True)
class Structure:
    """Compiled `structure` rule: which document-structure check it runs."""

    check: str


def compile(ctx, rule: "Rule") -> Structure:
    """Validate the kind-specific keys."""
    return Structure(ctx.get("check", one_of(*CHECKS), required=True))


def run(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """Dispatch to the named check."""
    return CHECK_FUNCTIONS[rule.compiled.check](rule, lctx)


_EXTERNAL_AFTER = re.compile(
    # the rest of a cut-off label ("Section 21" + "E", + "(35A)") and a list ("Articles 17" + " and 18") may come
    # before "of the Exchange Act" / "of the Development Agreement"
    r"^[A-Za-z]{0,2}(?:\([\w.-]{1,6}\))*(?:\s*(?:,|and|or|through|to|-)\s*[\w.()-]{1,12}){0,6}"
    r"\W{0,3}\s*(?:(?:of|in|to|under)\s+(?:the\s+|that\s+certain\s+|that\s+|said\s+|such\s+|any\s+|each\s+)?"
    r"(?!this\b|these\b|hereof\b|herein\b)(?:[A-Z][\w.-]*|[A-Z]{2,})|(?:thereof|thereunder|therein|thereto)\b"
    # a statute named right after the number, without "of": "Schedule 6 Companies Act 2006", "section 7 the Data
    # Protection Act", "Part 3 Consumer Contracts Regulations 2013"
    r"|(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){1,6}(?:Act\b|(?:Regulations?|Directive|Ordinance|Order|Rules)\s+(?:19|20)\d\d\b))",
    re.S)
_ATTACHMENT_TARGET = re.compile(r"^(?:schedule|exhibit|annex|appendix|attachment|addendum)\b", re.I)


def is_external(lctx: LintContext, xref) -> bool:
    """True for references into another document ("Section 5 of the DPA"), which cannot be resolved here.

    The segmenter marks external references with ``target=None``; the text check catches the rest.
    """
    if getattr(xref, "external", False) or xref.target is None:
        return True
    return bool(_EXTERNAL_AFTER.match(lctx.text[xref.end:xref.end + 80])) or _owned_before(lctx.text, xref.start)


# "the Supply Agreement's Schedule 4", "the Companies Act's Schedule 6": a part another instrument owns
_OWNER_BEFORE = re.compile(r"(?:[A-Z][\w&-]*\s+){0,5}(?:Agreement|Contract|Act|Deed|Lease|Indenture|Plan|Terms|Policy|"
                           r"Regulations)['’]s?\s+$")
_OWN_INSTRUMENT = re.compile(r"\b(?:this|these|our|the\s+present)\s+$", re.IGNORECASE)


def _owned_before(text: str, start: int) -> bool:
    before = text[max(0, start - 80):start]
    owner = _OWNER_BEFORE.search(before)
    return owner is not None and not _OWN_INSTRUMENT.search(before[:owner.start()])


def _unresolved_internal(lctx: LintContext) -> list:
    return [x for x in lctx.analysis.xrefs
            if not x.resolved and not is_external(lctx, x) and not _opens_a_clause(lctx.text, x.target)]


def _unresolved_xrefs(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """References to numbered clauses of this document that do not exist (where its numbering shows it).

    A document that completes another agreement (a confirmation, schedule, amendment or order: ``kind.dependent``)
    shares "the Agreement" with it, so its own numbering proves nothing about "Section 5(a)(i)" unless the reference
    names the document itself ("Section 3 of this Amendment")."""
    if _numbering_flattened(lctx):
        return []
    labels = _clause_labels(lctx)
    dependent = lctx.kind is not None and lctx.kind.dependent
    broken = [x for x in _unresolved_internal(lctx)
              if not _ATTACHMENT_TARGET.match(x.target or "") and not _names_itself(lctx.text, x.start)
              and _provably_missing(x.target or "", labels) and not _on_contents_line(lctx.text, x.end)
              and (not dependent or _OWN_DOCUMENT.match(lctx.text, x.end))]
    return [lctx.finding(rule, x.start, x.end, fields={"ref": x.text})
            for before, x in zip([None, *broken], broken) if not _continues(lctx.text, before, x)]


_LIST_LINK = re.compile(r"\s*(?:,|and|or|to|through|-|–)?\s*(?:and|or)?\s*$")


def _continues(text: str, before, x) -> bool:
    """'(b)' in "paragraph 7.1(a) and (b)": a further item of a broken reference, said with it."""
    return (before is not None and x.text.startswith("(") and before.end <= x.start
            and _LIST_LINK.fullmatch(text, before.end, x.start) is not None)


# "... of this Amendment": a reference a dependent document makes to itself, not to the agreement it completes
_OWN_DOCUMENT = re.compile(r"\s*,?\s*(of|in|under)\s+this\s+(amendment|addendum|schedule|confirmation|order(\s+form)?|"
                           r"statement\s+of\s+work|sow|exhibit|annex|appendix|supplement|sla|dpa|policy)\b",
                           re.IGNORECASE)


def _names_itself(text: str, start: int) -> bool:
    """'... submitted to jurisdiction in this Section 9(c)': a clause naming itself exists, seen or not."""
    return re.search(r"\bthis\s+$", text[max(0, start - 8):start], re.IGNORECASE) is not None


RENDERED_FORMATS = ("md", "html", "rst")  # formats whose list numbers a renderer writes, not the author


def _numbering_flattened(lctx: LintContext) -> bool:
    """True when a rendered document's numbers restart (each list counts from "1." again under unnumbered
    headings): the section numbers a reference uses are not written anywhere, so nothing proves one missing."""
    if lctx.document.format not in RENDERED_FORMATS:
        return False
    labels = [c.label.strip().rstrip(".") for c in lctx.analysis.clauses if c.label]
    return len(labels) != len(set(labels))


def _clause_labels(lctx: LintContext) -> set[str]:
    """Clause ids in one spelling: "11.0" is "11", a repeated "10#2" is "10"."""
    out = set()
    for clause in lctx.analysis.clauses:
        if clause.id:
            out.add(re.sub(r"^(\d+)\.0(?=$|[.(])", r"\1", clause.id.split("#")[0]))
    return out


_TARGET_PARTS = re.compile(r"\.\d+|\([A-Za-z0-9]{1,5}\)")
_ROMAN_LABEL = re.compile(r"[IVXLC]+", re.I)
MIN_NUMBERING_COVERAGE = 0.8  # share of 1..max that must exist before a missing number counts as missing


def _provably_missing(target: str, labels: set[str]) -> bool:
    """True when the document's own numbering shows the target is absent, not merely unrecognised.

    Legacy PDFs often lose clause numbers ("11.0 Other Obligations" whose parts are unnumbered, or a page of
    clauses read as prose), and statutes are cited by number ("Section 563.99"); a reference into numbering
    that we cannot see, or that is mostly missing, is not reported.
    """
    target = re.sub(r"^(\d+)\.0(?=$|[.(])", r"\1", target)
    if _ROMAN_LABEL.fullmatch(target):
        return _beyond_reliable(_roman(target), [_roman(label) for label in labels if _ROMAN_LABEL.fullmatch(label)])
    top = re.match(r"\d+", target)
    parts = _TARGET_PARTS.findall(target[top.end():]) if top else []
    if not top or "".join(parts) != target[top.end():]:
        return False
    prefixes = [top.group()]
    for part in parts:
        prefixes.append(prefixes[-1] + part)
    if prefixes[0] not in labels:
        return _beyond_reliable(int(prefixes[0]), [int(label) for label in labels if label.isdigit()])
    for parent, child in zip(prefixes, prefixes[1:]):
        if child not in labels:
            siblings = [label[len(parent):] for label in labels
                        if label.startswith(parent) and _TARGET_PARTS.fullmatch(label[len(parent):])]
            return _missing_among(child[len(parent):], siblings)
    return False


def _missing_among(part: str, siblings: list[str]) -> bool:
    """A sub-clause label is missing from a sibling list of the same style whose numbering is reliable."""
    kind, n = _part_ordinal(part)
    same = [o for k, o in map(_part_ordinal, siblings) if k == kind and o]
    if kind == "alpha" and not same:  # "(i)" may be a roman item
        kind, n = "roman", _roman(part.strip("()"))
        same = [_roman(s.strip("()")) for s in siblings if s.startswith("(")]
    return bool(n) and _beyond_reliable(n, [o for o in same if o])


def _part_ordinal(part: str) -> tuple[str, int | None]:
    body = part.strip(".()")
    if body.isdigit():
        return ("dot" if part.startswith(".") else "paren-num", int(body))
    if len(body) == 1 and body.isalpha():
        return "alpha", ord(body.lower()) - 96
    return "roman", _roman(body)


def _beyond_reliable(n: int | None, ordinals: list[int | None]) -> bool:
    """True when ``n`` is absent from a numbering run that is mostly complete (and not absurdly far past its end)."""
    present = {o for o in ordinals if o}
    if not n or not present or n in present:
        return False
    last = max(present)
    return len(present) / last >= MIN_NUMBERING_COVERAGE and n <= max(2 * last + 5, 20)


def _missing_attachments(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """Schedules/exhibits referred to but not part of this document (often filed or kept separately), once each at
    their first citation, terms incorporated from a web address, and an absent instrument whose terms govern the
    document (``msalint.parents``); ``msalint.references`` reads what they hold."""
    from msalint.parents import parent_citations
    from msalint.references import incorporated_urls

    first: dict[str, tuple[int, int]] = {}
    headings = attachment_headings(lctx.text)
    for x in lctx.analysis.xrefs:
        cited = x.target or ""
        if not _ATTACHMENT_TARGET.match(cited) or is_external(lctx, x) or _of_another_instrument(lctx.text, x.end):
            continue
        suffix = _LABEL_SUFFIX.match(lctx.text, x.end)  # "Schedule 12L" is not Schedule 12
        target, end = (cited + suffix.group(), suffix.end()) if suffix else (cited, x.end)
        present = x.resolved and not suffix and not _contents_line_only(lctx, cited)
        if not present and not _attached(target, headings):
            first.setdefault(target.lower(), (x.start, end))
    series = _untitled_series(lctx.text, first)
    for start, end in incorporated_urls(lctx.text, lctx.analysis.sentences):
        first.setdefault(lctx.text[start:end].lower(), (start, end))
    parents = set(parent_citations(lctx.text))
    out = []
    for start, end in sorted(set(first.values()) | parents):
        ref = " ".join(lctx.text[start:end].split())
        if (start, end) in parents:
            out.append(lctx.finding(rule, start, end, fields={"ref": ref}, details={"parent_instrument": True}))
        elif (start, end) not in series:
            out.append(lctx.finding(rule, start, end, fields={"ref": ref}))
        elif series[(start, end)]:
            out.append(_series_finding(lctx, rule, (start, end), series[(start, end)]))
    return out


def _untitled_series(text: str, first: dict[str, tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
    """Attachments of one word that are cited without a title ("Schedules 2L ... 15L" of a disclosure letter):
    one finding for the series. Maps each citation of a series of two or more to the other labels (the first
    citation) or to [] (the rest)."""
    from msalint.references import attachment_kind

    by_word: dict[str, list[tuple[tuple[int, int], str]]] = {}
    for target, span in first.items():
        if attachment_kind(text, *span) is None:
            by_word.setdefault(target.partition(" ")[0], []).append((span, target))
    out: dict[tuple[int, int], list[str]] = {}
    for members in by_word.values():
        if len(members) > 1:
            members.sort()
            out[members[0][0]] = sorted((t.partition(" ")[2].upper() for _, t in members[1:]),
                                        key=lambda label: (len(label), label))
            out.update({span: [] for span, _ in members[1:]})
    return out


SERIES_SHOWN = 6  # labels of a series named in its finding
_PLURALS = {"appendix": "appendices", "annex": "annexes"}


def _series_finding(lctx: LintContext, rule: "Rule", span: tuple[int, int], others: list[str]) -> "Finding":
    ref = " ".join(lctx.text[span[0]:span[1]].split())
    shown = ", ".join(others[:SERIES_SHOWN]) + (", …" if len(others) > SERIES_SHOWN else "")
    finding = lctx.finding(rule, *span, fields={"ref": ref})
    word = ref.partition(" ")[0]
    more = (f"nor is {word} {others[0]}" if len(others) == 1
            else f"nor are {len(others)} other {_PLURALS.get(word.lower(), word.lower() + 's')} ({shown})")
    finding.message = f"{finding.message.rstrip('.')}, {more}."
    finding.details = {**finding.details, "series": [ref.partition(" ")[2]] + others}
    return finding


_LABEL_SUFFIX = re.compile(r"(?-i:[A-Z]{1,2})\b(?![-.]\d)")
# an attachment's heading: its label opening a line, alone or with its title, a dash, colon or a redaction
# ("EXHIBIT E", "Exhibit B - Form of Questionnaire", "Schedule 4: [***]", "Appendix B intentionally omitted");
# a table-of-contents line (a page number at its end) is no attachment, nor a line of a list of attachments (the
# next line names another), nor a filing's exhibit number ("Exhibit 10.1")
_LABEL = (r"(?:schedule|exhibit|annex|appendix|attachment)\s+(?P<des>(?-i:\d{1,3}[A-Z]?|[A-Z]\d{0,2}|[IVX]{1,4})"
          r"(?:-\d{1,3})?)\b(?!\.\d)")
_HEADING = re.compile(rf"^[ \t>#*_|]*(?:&\w+;\s*)*(?=(?P<word>\w+)){_LABEL}(?P<rest>[^\n]{{0,100}})$"
                      rf"(?!\n[ \t>#*_|]*(?:addendum\s+\w|{_LABEL.replace('?P<des>', '')}))",
                      re.IGNORECASE | re.MULTILINE)
_TOC_END = re.compile(r"(?:\.{2,}|\s)\s*\d{1,3}\s*$")
_TITLE_REST = re.compile(r"^\s*(?:$|[-–—:(\[*]|intentionally\b|omitted\b|reserved\b|(?-i:[A-Z][A-Z&,'’ -]*$))",
                         re.IGNORECASE)


def attachment_headings(text: str) -> set[tuple[str, str]]:
    """(word, designator) of every attachment that opens with its own heading in the text, lower-cased."""
    return {(m.group("word").lower(), m.group("des").lower()) for m in _HEADING.finditer(text)
            if _TITLE_REST.match(m.group("rest")) and not _TOC_END.search(m.group("rest"))}


def _on_contents_line(text: str, pos: int) -> bool:
    """``pos`` is on a table-of-contents line ("Section 12 Notices ........ 14"): an entry, not a reference."""
    line_end = text.find("\n", pos)
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:line_end if line_end != -1 else len(text)]
    return len(line) <= 120 and _TOC_END.search(line) is not None and re.search(r"\.{2,}|\s{3,}|\t", line) is not None


def _contents_line_only(lctx: LintContext, target: str) -> bool:
    """The clause a reference resolves to opens on a table-of-contents line ("Exhibit B Equipment ..... 14")."""
    for clause in lctx.analysis.clauses:
        if clause.id == target:
            line_end = lctx.text.find("\n", clause.start)
            return _TOC_END.search(lctx.text[clause.start:line_end if line_end != -1 else len(lctx.text)]) is not None
    return False


def _attached(target: str, headings: set[tuple[str, str]]) -> bool:
    """The cited attachment has a heading here: under its own label, as a part of one ("Exhibit C-1" of Exhibit C),
    or under another attachment word when the document has no attachment of the cited word at all ("Exhibit B" for
    an attached "Appendix B")."""
    word, _, designator = target.lower().partition(" ")
    base = re.split(r"[-.]", designator, maxsplit=1)[0]
    if (word, designator) in headings or (word, base) in headings:
        return True
    return not any(w == word for w, _ in headings) and any(d in (designator, base) for _, d in headings)


def _of_another_instrument(text: str, end: int) -> bool:
    """'Annex 7 "Maintenance", which was an integral part of the Purchase and Licence Contract': another
    instrument's attachment."""
    from msalint.parents import OWNED_BY_ANOTHER

    return OWNED_BY_ANOTHER.match(text, end) is not None


def _opens_a_clause(text: str, target: str | None) -> bool:
    """True when the target label opens a clause somewhere that the segmenter missed.

    A dotted number is distinctive anywhere ("6.6 Notices"); a plain number only where it opens a line followed
    by a heading in capitals ("10 CONFIDENTIALITY."), as when one heading lost its dot.
    """
    if not target:
        return False
    if re.fullmatch(r"\d+(?:\.\d+)+", target):
        opens, heading = _label_opens_sentence, _HEADING_AFTER_DOTTED
    elif target.isdigit():
        opens, heading = _label_opens_line, _HEADING_AFTER_NUMBER
    else:
        return False
    # each occurrence of the label is checked where it stands (a regex searching for what precedes the label
    # was quadratic in long runs of whitespace)
    at = text.find(target)
    while at >= 0:
        if heading.match(text, at + len(target)) and opens(text, at):
            return True
        at = text.find(target, at + 1)
    return False


_HEADING_AFTER_DOTTED = re.compile(r"\.?\s+(?=[A-Z(\"“])")
_HEADING_AFTER_NUMBER = re.compile(r"\.?[ \t]+[A-Z][A-Z&,'’-]{2,}\b")
_LINE_KEYWORD = re.compile(r"(?i:section|article|clause)")


def _label_opens_sentence(text: str, at: int) -> bool:
    """``at`` follows the text's start, a newline, a sentence mark and space, or two spaces, perhaps with
    "section " between."""
    gap = _run_start(text, at, str.isspace)
    return _after_break(text, at) or (gap < at and text.endswith("section", 0, gap) and _after_break(text, gap - 7))


def _after_break(text: str, at: int) -> bool:
    gap = _run_start(text, at, str.isspace)
    return at == 0 or text[at - 1] == "\n" or at - gap >= 2 or (at - gap == 1 and gap > 0 and text[gap - 1] in ".;:")


def _label_opens_line(text: str, at: int) -> bool:
    """``at`` opens a line after spaces or tabs, perhaps after "Section", "Article" or "Clause" and space."""
    if _at_line_start(text, at):
        return True
    gap = _run_start(text, at, str.isspace)
    return gap < at and any(_LINE_KEYWORD.fullmatch(text, gap - n, gap) and _at_line_start(text, gap - n)
                            for n in (7, 6) if gap >= n)


def _at_line_start(text: str, at: int) -> bool:
    indent = _run_start(text, at, lambda char: char in " \t")
    return indent == 0 or text[indent - 1] == "\n"


def _run_start(text: str, end: int, member) -> int:
    """Start of the run of ``member`` characters that ends at ``end``."""
    start = end
    while start > 0 and member(text[start - 1]):
        start -= 1
    return start


def _unused_terms(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    definitions = lctx.analysis.definitions
    if not definitions:
        return []
    forms = {d.term: _forms(d.term) for d in definitions}
    terms = sorted({f for fs in forms.values() for f in fs}, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in terms)
    uses: dict[str, list[int]] = {}
    for m in re.finditer(rf"(?<![\w-])({alternation})(?:s|es|'s|’s)?(?![\w-])", lctx.text):
        uses.setdefault(" ".join(m.group(1).split()), []).append(m.start())
    out = []
    for d in definitions:
        positions = [pos for form in forms[d.term] for pos in uses.get(" ".join(form.split()), [])]
        elsewhere = [pos for pos in positions if not (d.start <= pos < d.end)
                     and lctx.text[max(pos - 1, 0):pos] not in ('"', "“")]  # another quoted definition
        if not elsewhere:
            out.append(lctx.finding(rule, d.start, d.end, fields={"term": d.term}))
    return out


def _forms(term: str) -> list[str]:
    """The forms a use of the term may take: singular/plural, "(s)", Title Case of an all-caps term."""
    from msalint.segment.definitions import term_variants

    forms = list(term_variants(term))
    if len(term) > 3 and term.endswith("s") and not term.endswith("ss") and term[:-1] not in forms:
        forms.append(term[:-1])
    return forms


# '"X" has the meaning given in Clause 8', '"RFP" - shall have the meaning ascribed in the preamble', '"X" is defined in',
# '"X" or "Y" - shall have the meaning ...' (a pointer for two names), '(the "Software", as further defined below)'
_POINTER = re.compile(r"^[\"”’']?(?:\s*(?:,|or|and)\s*(?:the\s+)?[\"“][^\"”]{1,40}[\"”])*\)?\s*[:,\-–—]?\s*(?:shall\s+)?"
                      r"(?:(?:has|have|bears?)\s+the\s+(?:same\s+)?meaning|(?:is|are)\s+(?:as\s+)?defined\s+(?:in|under|at)\b|"
                      r"as\s+(?:further\s+|more\s+(?:fully|particularly)\s+|hereinafter\s+)?(?:defined|described)\s+"
                      r"(?:below|herein|hereinafter|in\b))", re.I)
# a definition that describes the thing by the clause that sets it up: '"Hardware" means the equipment referred to in
# Clause 8' is the same definition as Clause 8's '(collectively the "Hardware")'
_CITED_CLAUSE = re.compile(r"\b(?:clause|section|article|paragraph)\s+(\d+(?:\.\d+)*)", re.I)
_ANNEX = re.compile(r"^(?:exhibit|schedule|annex|appendix|attachment|addendum)\b", re.I)


def _top_part(lctx: LintContext, pos: int) -> str:
    """The exhibit/schedule a position belongs to ("" for the main body)."""
    clause = lctx.clause_at(pos)
    while clause is not None:
        if _ANNEX.match(clause.id) or _ANNEX.match(clause.label or ""):
            return clause.id
        clause = lctx.clause_by_id(clause.parent) if clause.parent else None
    return ""


def _duplicate_definitions(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    """A term defined twice in the same part (body, or one exhibit); pointer definitions are not definitions."""
    first: dict[tuple[str, str], object] = {}
    out = []
    seen_spans = set()
    for d in sorted(lctx.analysis.definitions, key=lambda d: d.start):
        if (d.start, d.end) in seen_spans or d.term.islower() or _POINTER.match(lctx.text[d.end:d.end + 100]):
            continue  # recorded twice, an interpretation rule ("agreement" means...), or "has the meaning in..."
        seen_spans.add((d.start, d.end))
        key = (" ".join(d.term.lower().split()), _top_part(lctx, d.start))
        prev = first.setdefault(key, d)
        if prev is not d and not _one_points_to_the_other(lctx, prev, d):
            out.append(lctx.finding(rule, d.start, d.end, fields={
                "term": d.term, "first": prev.clause or f"line {lctx.document.line_of(prev.start)}"}))
    return out


def _one_points_to_the_other(lctx: LintContext, a, b) -> bool:
    """True when either definition's sentence cites the clause that holds the other one."""
    return _cites_clause_of(lctx, a, b) or _cites_clause_of(lctx, b, a)


def _cites_clause_of(lctx: LintContext, pointer, target) -> bool:
    if not target.clause:
        return False
    start, end = lctx.sentence_span(pointer.start)
    target_id = target.clause.split("#")[0]
    return any(target_id == m.group(1) or target_id.startswith(m.group(1) + ".") or target_id.startswith(m.group(1) + "(")
               for m in _CITED_CLAUSE.finditer(lctx.text, pointer.end, max(end, pointer.end)))


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _roman(s: str) -> int | None:
    s = s.lower()
    if not s or any(ch not in _ROMAN for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b in _ROMAN and _ROMAN[b] > v else v
    return total


_LAST = re.compile(r"(?:^|[.\s(])\(?([0-9]+|[A-Za-z]+)\)?\.?\s*$")


def _ordinals(siblings: list["Clause"]) -> list[tuple["Clause", str, int]]:
    """(clause, family, ordinal) for siblings whose label ends in a number, letter or roman numeral."""
    labels = []
    for c in siblings:
        m = _LAST.search((c.label or c.id or "").strip())
        labels.append((c, m.group(1) if m else None))
    romanish = any(t and len(t) > 1 and _roman(t) for _, t in labels)
    out = []
    for c, token in labels:
        if token is None:
            continue
        if token.isdigit():
            out.append((c, "number", int(token)))
        elif romanish and _roman(token):
            out.append((c, "roman", _roman(token)))
        elif len(token) == 1:
            out.append((c, "letter", ord(token.lower()) - 96))
    return out


def _numbering_gaps(rule: "Rule", lctx: LintContext) -> list["Finding"]:
    groups: dict[str | None, list] = {}
    for c in lctx.analysis.clauses:
        groups.setdefault(c.parent, []).append(c)
    out = []
    for siblings in groups.values():
        # inline enumerations ("... (ii) the ...") are found unreliably: compare clauses opening a line only
        siblings = sorted((c for c in siblings if _opens_line(lctx.text, c.start)), key=lambda c: c.start)
        ords = _ordinals(siblings)
        for (prev, fam_a, a), (c, fam_b, b) in zip(ords, ords[1:]):
            # exactly one number skipped: larger jumps are mostly clauses the segmenter could not see
            if fam_a == fam_b and b == a + 2:
                label = (c.label or c.id).strip()
                m = _LAST.search(label)
                expected = _render(fam_a, a + 1)
                if m:
                    token = m.group(1)
                    expected = label[:m.start(1)] + (expected.upper() if token.isupper() else expected) + label[m.end(1):]
                between = lctx.text[prev.start + 1:c.start]
                if _label_in(between, expected) or _stands_for_the_gap(between, label):
                    continue  # the "missing" clause is there, inline or misread, or was redacted from the filing
                out.append(lctx.finding(rule, c.start, c.start + len(label), fields={
                    "label": label, "expected": expected}))
    return out


def _label_in(text: str, label: str) -> bool:
    """True when a clause label such as "3.6", "(e)" or "Exhibit E" occurs in ``text`` as a label."""
    core = label.strip().rstrip(".")
    if not core:
        return False
    words = r"\s*".join(re.escape(w) for w in core.split())  # "Article9." is Article 9 with its space lost
    return re.search(rf"(?<![\w.]){words}(?![\w]|\.\d)", text, re.IGNORECASE) is not None


_OMITTED = re.compile(r"\b(?:omitted|redacted)\b", re.IGNORECASE)
_BRACKETED_ITEM = re.compile(r"^[ \t]*\(\w{1,4}\)", re.MULTILINE)


def _stands_for_the_gap(between: str, label: str) -> bool:
    """Text between two clauses that stands for the one skipped: a redaction ("[***]", "*****", "[Section omitted]")
    or, in a bracketed list, one line opening with another bracketed item (OCR reads "(f)" as "(1)"; two or more
    are a sub-list, which stands for nothing)."""
    from msalint.rulebook.proximity import REDACTION

    if REDACTION.search(between) or _OMITTED.search(between):
        return True
    return label.startswith("(") and len(_BRACKETED_ITEM.findall(between)) == 1


def _opens_line(text: str, pos: int) -> bool:
    """True when only whitespace precedes ``pos`` on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _render(family: str, n: int) -> str:
    if family == "letter":
        return chr(96 + n) if 1 <= n <= 26 else str(n)
    if family == "roman":
        parts = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        s = ""
        for v, r in parts:
            while n >= v:
                s, n = s + r, n - v
        return s
    return str(n)


CHECK_FUNCTIONS = {
    "missing_attachments": _missing_attachments,
    "unresolved_xrefs": _unresolved_xrefs,
    "undefined_terms": undefined_terms,
    "unused_terms": _unused_terms,
    "duplicate_definitions": _duplicate_definitions,
    "numbering_gaps": _numbering_gaps,
}


@register
class StructureKind(Kind):
    """Checks of the document's own structure: cross-references, defined terms, numbering, attachments."""

    name = "structure"
    config = Structure
    placeholders = frozenset({"ref", "term", "label", "expected", "first"})
    compile = staticmethod(compile)
    run = staticmethod(run)

    @staticmethod
    def names_attachments(rule: "Rule") -> bool:
        return rule.compiled.check == "missing_attachments"
