"""Blanks left to fill in, said once: one finding per field, and one finding per rule for a blank form.

Rules tagged ``blank`` (placeholders, TBDs, underscores, drafting notes) report every hit. A reviewer reads a
field repeated in twelve places ("{Customer}") as one thing to fill in, so identical blanks become one finding
at the first place, carrying the others.

Blanks mean different things by the document's state. In an executed agreement a blank is a gap in the deal (an
error). In a template or form meant to be filled in, the blanks are its design: each blank rule says so once, as
info, naming a few fields. A document is a form when it has many different named fields, or when the parties
themselves are blank in its opening ("by and between ________ (the "Client")", "[Your Company Name]",
"{{ customer_name }}"): an agreement whose parties are not named has not been executed. Only named fields count
towards the first test: a few underscore lines or empty brackets are blanks in an agreement.

Two kinds of underscore blank are not separate tasks. A signature block's lines ("By: ____", a name line above "(Print
Name)", two parties' columns side by side) are completed at signing, so a blank on a line with a signature label,
or next to one, is layout. Underscore lines of different lengths are one thing to fill in: one finding at the first,
naming every other place (reviewers read the second and later copies as repeats).

A document that calls itself a form ("FORM OF SERVICES AGREEMENT", "[FORM]", a template or model agreement) is a
form whatever its number of fields; an attachment that is a form ("Exhibit D – Form of Statement of Work") holds the
blanks of future documents, so its blanks are said once, as info, like a form's.

A blank for a contact detail ("E-mail: ______", a phone or fax cell of a contacts list) or for the person who
fills a contact role ("The Customer's relationship manager shall be: ______", "Account Manager: ____") is
operational data the parties exchange when the service starts, not a term of the deal: it is said once, as info.
The label may end the line above a blank that opens its own line (a wrapped PDF line).

In an executed agreement a blank is an error only where it leaves an essential term open: a price, fee, rate or
other ``essential_term`` (the concept MSA-WRD-015 uses for "to be agreed"), an amount (a currency, a percentage),
a quantity or period (a number of days, months, megabytes), or a date ("Dated the ____ day of May"). A blank for
a detail a party fixes later or at its discretion ("Serial numbers: TBD" of equipment not yet delivered, a list the
company may amend) is said as info. Rules tagged ``value_blank`` get this grading (placeholders, TBDs, underscores,
template fields); a drafting note is not a value.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from msalint.model import Finding, Severity

if TYPE_CHECKING:
    from msalint.rulebook.ruleset import RuleSet

BLANK_TAG = "blank"
VALUE_TAG = "value_blank"  # a blank for a value of the deal, graded by whether that value is an essential term
FORM_MIN_FIELDS = 8  # different named fields ("[Customer Name]", not "____") that make a document a form
FORM_EXAMPLES = 3
# where an agreement names its parties (title, preamble, cover-page party fields): the first quarter of the text,
# at least 2,000 and at most 8,000 characters (a template may open with a page of guidance)
OPENING_CHARS = (2000, 8000)
# a blank where a party's name goes: after "between", after a party's role ("the Client, ____", "PROVIDER: [..]"),
# or before a party's definition ("________ (the "Client")"; not a date's)
_BEFORE_PARTY_SLOT = re.compile(r"(\bbetween|\bamong|\b(client|customer|provider|supplier|company|party|vendor|"
                                r"contractor|consultant|licensee|licensor|buyer|seller|purchaser))[\s:,*]*$", re.IGNORECASE)
_AFTER_PARTY_SLOT = re.compile(r"^\s*,?\s*\(\s*(the\s+|hereinafter\s+)?[\"“”*]*"
                               r"(?!(Effective|Commencement|Start|Signature)?\s*Date)[A-Z]")

_UNDERSCORE_FIELD = "___"  # the one field all underscore blanks of a document share
_CONTACT_FIELD = "contact details"  # the one field all contact-detail blanks of a document share
# the label of a contact detail just before the blank on its line ("E-mail:", "| Phone |", "Fax No.")
_CONTACT_LABEL = re.compile(r"(?i)\b(?:e-?mail(?:\s+address)?|(?:tele)?phone|tel|fax|facsimile|mobile|cell(?:\s+phone)?)"
                            r"(?:\s+(?:no|number|#))?[\s.:#|*\xa0]*$")
# the person named for a contact role ("the Acme relationship manager shall be:", "Account Manager:", "its contact
# person is"): who answers the phone, not what the parties agreed
_CONTACT_ROLE = re.compile(r"(?i)\b(?:(?:relationship|account|project|product|service|contract|engagement|delivery|"
                           r"programme|program|client|customer)\s+(?:manager|lead|executive|director)|contact(?:\s+person)?|"
                           r"point\s+of\s+contact|liaison(?:\s+officer)?|coordinator|representative)s?"
                           r"(?:\s+(?:shall|will)\s+be|\s+is|\s+are)?(?:\s+as\s+follows)?[\s.:|*\xa0-]*$")
# labels of a signature block's lines; a label ends in a colon ("By:") or is a printed-name caption
_SIGNATURE_LABEL = re.compile(r"(?im)(?:^|[\s_])(?:by|name|title|its|per|signature|signed|print(?:ed)?\s+name|witness|attest)"
                              r"\s*:|\(\s*print(?:ed)?\b")


# where a document calls itself a form, in its title lines (the first few non-empty lines, not a contents list
# further down): "FORM OF AGREEMENT", "[FORM]", "Template Services Agreement", "Model Data Protection Agreement"
FORM_TITLE_CHARS = 1500
FORM_TITLE_LINES = 5
_FORM_TITLE = re.compile(r"(?im)^[ \t#*>|]*(?:\[\s*form\s*\]|form\s+of\s+[\w\"“]|(?:template|model)\s+(?:[\w-]+\s+){0,3}"
                         r"(?:agreement|contract|addendum|terms)\b)")
# an attachment's label word and designator ("Exhibit G", "Schedule 3.1", "Annex C-1")
_ATTACHMENT = r"(?:exhibit|schedule|annex|appendix|attachment|addendum)\s+[\w.-]{1,6}"
# an attachment that is a form: its label, then "Form of" on the same or the next line
_ATTACHMENT_HEAD = r"^[ \t#*]*" + _ATTACHMENT + r"\b"
_FORM_ATTACHMENT = re.compile(_ATTACHMENT_HEAD + r"[ \t]*[-–—:.]?[ \t]*\n?[ \t#*]*\[?\s*form\s+of\b", re.IGNORECASE | re.MULTILINE)
_NEXT_ATTACHMENT = re.compile(_ATTACHMENT_HEAD, re.IGNORECASE | re.MULTILINE)


# a leading YAML front-matter block of a Markdown file ("---\ntitle: ...\nsignatures: []\n---"): metadata, where
# "[]" is an empty list, not a blank
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n){0,60}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def fold_blanks(findings: list[Finding], ruleset: "RuleSet", text: str) -> list[Finding]:
    """The findings with each blank field reported once, and a blank form reported once per blank rule."""
    blank_rules = {r.id for r in ruleset.rules if BLANK_TAG in r.tags}
    metadata = _FRONT_MATTER.match(text)
    if metadata:
        findings = [f for f in findings if not (f.rule in blank_rules and f.start is not None
                                                and f.start < metadata.end())]
    blanks = [f for f in findings if f.rule in blank_rules and f.start is not None]
    if not blanks:
        return findings
    blanks = [f for f in blanks if not (_is_underscores(text, f) and _in_signature_block(text, f))
              and not _attachment_title(text, f)]
    spans = _form_attachments(text)
    contacts: list[Finding] = []
    attached_forms: list[Finding] = []
    terms: list[Finding] = []  # blanks in the deal's own terms
    for f in blanks:
        (contacts if _contact_detail(text, f) else attached_forms if _inside(f, spans) else terms).append(f)
    blanks = terms
    fields = _fields(text, blanks)
    is_form = (len({name for _, name in fields if _is_named(name)}) >= FORM_MIN_FIELDS
               or any(_party_left_blank(text, f) for f in blanks)
               or _FORM_TITLE.search(text, 0, _title_end(text)) is not None)
    if is_form:
        folded = _form_findings(fields)
    else:
        value_rules = {r.id for r in ruleset.rules if VALUE_TAG in r.tags}
        folded = [_graded(text, _one_field(group), group, value_rules) for group in fields.values()]
    keep = [f for f in findings if f.rule not in blank_rules or f.start is None]
    return keep + folded + _attached_form_findings(text, attached_forms) + _contact_finding(contacts)


def _title_end(text: str) -> int:
    """The end of the document's title lines: its first FORM_TITLE_LINES non-empty lines, within FORM_TITLE_CHARS."""
    seen, end = 0, 0
    while seen < FORM_TITLE_LINES and end < min(len(text), FORM_TITLE_CHARS):
        nl = text.find("\n", end)
        line_end = len(text) if nl == -1 else nl
        seen += bool(text[end:line_end].strip())
        end = line_end + 1
    return min(end, FORM_TITLE_CHARS, len(text))


def _form_attachments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each attachment that is a form, up to the next attachment's label or the end."""
    spans = []
    for head in _FORM_ATTACHMENT.finditer(text):
        after = _NEXT_ATTACHMENT.search(text, head.end())
        spans.append((head.start(), after.start() if after else len(text)))
    return spans


def _inside(f: Finding, spans: list[tuple[int, int]]) -> bool:
    return f.start is not None and any(start <= f.start < end for start, end in spans)


def _fields(text: str, blanks: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """Blanks grouped by (rule, field): the same field in several places is one thing to fill in."""
    fields: dict[tuple[str, str], list[Finding]] = {}
    for f in blanks:
        fields.setdefault((f.rule, _field(text, f)), []).append(f)
    return fields


def _attached_form_findings(text: str, blanks: list[Finding]) -> list[Finding]:
    return _form_findings(_fields(text, blanks), where="an attached form for later documents, not a term of this one")


def _contact_detail(text: str, f: Finding) -> bool:
    """True for a blank right after a contact detail's label or a contact role on its line, or at the start of the
    line after one that ends with such a label."""
    if f.start is None:
        return False
    line_start = text.rfind("\n", 0, f.start) + 1
    if not text[line_start:f.start].strip() and line_start > 0:
        line_start = text.rfind("\n", 0, line_start - 1) + 1
    return any(label.search(text, line_start, f.start) for label in (_CONTACT_LABEL, _CONTACT_ROLE))


def _contact_finding(contacts: list[Finding]) -> list[Finding]:
    if not contacts:
        return []
    first = _one_field(contacts)
    message = (f"Contact details left blank ({len(contacts)} place{'s' if len(contacts) > 1 else ''}): fill them in "
               "when the service starts; not a term of the deal.")
    return [replace(first, severity=min(first.severity, Severity.INFO), message=message,
                    details={**first.details, "field": _CONTACT_FIELD})]


def _party_left_blank(text: str, f: Finding) -> bool:
    """True for a blank in the opening of the document where a party's name goes."""
    opening = min(max(OPENING_CHARS[0], len(text) // 4), OPENING_CHARS[1])
    start, end = f.start, f.end
    if start is None or end is None:
        return False
    return start < opening and bool(_BEFORE_PARTY_SLOT.search(text[max(0, start - 30):start])
                                    or _AFTER_PARTY_SLOT.match(text[end:end + 40]))


def _in_signature_block(text: str, f: Finding) -> bool:
    """True for a blank on a line of a signature block, or on the line above or below one."""
    line_start = text.rfind("\n", 0, f.start) + 1
    above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    below_end = text.find("\n", text.find("\n", f.end) + 1)
    window = text[above:below_end if below_end != -1 else len(text)]
    return bool(_SIGNATURE_LABEL.search(window))


# an attachment's label, alone or with a dash or colon, just before a bracketed title ("Exhibit G [List of
# Transferred Employees]", "Schedule 3 –\n[Form of Notice]")
_ATTACHMENT_LABEL = re.compile(r"\b" + _ATTACHMENT + r"[ \t\xa0]*[-–—:.]?[ \t\xa0]*\n?[ \t\xa0]*$", re.IGNORECASE)
# a title names what the attachment holds in capitalised words; an instruction to the drafter is a blank
_TITLE_WORDS = re.compile(r"\[\s*(?!(?:insert|enter|describe|fill|specify|add|provide|complete|type|select|choose|"
                          r"state|include|identify)\b)[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|or|for|to|the|"
                          r"in|on|a|an|&))*\s*\]", re.IGNORECASE)

_LINE_END = re.compile(r"[ \t\xa0]*(?:\n|$)")


def _attachment_title(text: str, f: Finding) -> bool:
    """True for a bracketed title right after an attachment's label that ends its line: a heading, not a blank."""
    start, end = f.start, f.end
    if start is None or end is None:
        return False
    return (bool(_ATTACHMENT_LABEL.search(text, max(0, start - 40), start))
            and _LINE_END.match(text, end) is not None
            and _TITLE_WORDS.fullmatch(text, start, end) is not None
            and all(w[:1].isupper() for w in re.findall(r"[\w'’-]+", text[start:end]) if len(w) > 3))


def _field(text: str, f: Finding) -> str:
    if _is_underscores(text, f):  # underscore lines differ only in length: one field, every place named
        return _UNDERSCORE_FIELD
    return " ".join(text[f.start:f.end].split()).casefold()


def _is_underscores(text: str, f: Finding) -> bool:
    return text[f.start:f.end].strip().strip("_") == ""


def _is_named(field: str) -> bool:
    return field != _UNDERSCORE_FIELD and any(c.isalpha() for c in field)


def _one_field(group: list[Finding]) -> Finding:
    first = group[0]
    if len(group) == 1:
        return first
    return replace(first, message=f"{first.message} (×{len(group)})",
                   details={**first.details, "occurrences": len(group), "also_at": [_place(f) for f in group[1:]]})


def _form_findings(fields: dict[tuple[str, str], list[Finding]],
                   where: str = "a template, not an executed agreement") -> list[Finding]:
    by_rule: dict[str, list[list[Finding]]] = {}
    for (rule, _), group in fields.items():
        by_rule.setdefault(rule, []).append(group)
    out = []
    for groups in by_rule.values():
        first = groups[0][0]
        names = [g[0].message for g in groups]
        examples = "; ".join(_quoted(m) for m in names[:FORM_EXAMPLES]) + ("; …" if len(names) > FORM_EXAMPLES else "")
        message = (f"Form to fill in: {len(groups)} different blank{'s' if len(groups) > 1 else ''} of this kind "
                   f"({examples}); {where}.")
        out.append(replace(first, severity=min(first.severity, Severity.INFO), message=message,
                           details={**first.details, "form": True, "fields": len(groups),
                                    "occurrences": sum(len(g) for g in groups),
                                    "also_at": [_place(f) for g in groups for f in g if f is not first]}))
    return out


def _quoted(message: str) -> str:
    """The quoted blank of a message ("Template field left unfilled: '{x}'." -> "'{x}'")."""
    start, end = message.find("'"), message.rfind("'")
    return message[start:end + 1] if 0 <= start < end else message


def _place(f: Finding) -> dict:
    return {k: v for k, v in (("clause", f.clause), ("page", f.page), ("line", f.line), ("start", f.start),
                              ("end", f.end)) if v is not None}


# what makes a blank's value essential besides an `essential_term` word: an amount (currency before, a percentage
# or basis points after), a quantity or period (a unit right after: "___ days", "___ megabytes (MB)"), or a date
_AMOUNT_BEFORE = re.compile(r"(?:[$€£¥]|\b(?:usd|eur|gbp|chf|cad|aud|us\$|dollars?|euros?|pounds?))[\s\xa0]*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"^[\s\xa0)\]]*(?:\([^()\n]{0,20}\)[\s\xa0]*)?(?:%|percent\b|per\s*cent\b|basis\s+points?\b|bps\b|"
                         r"(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|"
                         r"seconds?)\b|(?:kilo|mega|giga|tera)?bytes?\b|[kmgt]b\b|(?:kbps|mbps|gbps)\b)", re.IGNORECASE)
_DATE_WORDS = re.compile(r"(?i)\b(?:dated?|day\s+of|effective|commencement|as\s+of)\b")
# where the sentence that holds a blank begins and ends (a sentence end, a blank line), within a window
_SENTENCE_END = re.compile(r"[.;!?][\"”')\]]*\s+(?=[\"“(]?[A-Z0-9])|\n[ \t]*\n")
CONTEXT_BEFORE, CONTEXT_AFTER = 200, 120


def _graded(text: str, finding: Finding, group: list[Finding], value_rules: set[str]) -> Finding:
    """The finding as info when none of its blanks leaves an essential term of the deal open."""
    if finding.rule not in value_rules or any(_essential(text, f) for f in group):
        return finding
    return replace(finding, severity=min(finding.severity, Severity.INFO),
                   message=f"{finding.message} Not a price, amount, period, date or other essential term: a detail a "
                           "party can fix later; confirm who fills it in.")


def _essential(text: str, f: Finding) -> bool:
    """True when the blank holds an essential term: its sentence names one, or the blank is an amount, a quantity
    or period, or a date."""
    start, end = f.start, f.end
    if start is None or end is None:
        return True
    before = text[max(0, start - CONTEXT_BEFORE):start]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    before = before[cut[-1]:] if cut else before
    after = text[end:end + CONTEXT_AFTER]
    stop = _SENTENCE_END.search(after)
    after = after[:stop.start()] if stop else after
    sentence = before + text[start:end] + after
    return bool(_AMOUNT_BEFORE.search(before) or _UNIT_AFTER.match(after) or _DATE_WORDS.search(sentence)
                or _essential_words().search(sentence))


@lru_cache(maxsize=1)
def _essential_words() -> re.Pattern[str]:
    """The words of the ``essential_term`` concept (the one MSA-WRD-015 uses), as a pattern."""
    from msalint.rulebook.concepts import builtin_registry

    def fail(message: str) -> None:
        raise ValueError(message)

    words = builtin_registry().words_of("essential_term", fail)
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i)\b(?:{alternatives})s?\b")
