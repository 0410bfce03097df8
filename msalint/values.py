"""Typed value extraction: durations, percentages, money, priority labels, counts and dual numerals.

Every extractor takes a text (and an ``offset`` added to the spans it returns) and yields values in
text order. All matching is case-insensitive and linear-time friendly (no nested quantifiers).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from msalint.gate import gated

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
WORD_VALUES = {w: i for i, w in enumerate(UNITS)} | {w: 20 + 10 * i for i, w in enumerate(TENS)}
_WORD_ALT = "|".join(sorted(list(WORD_VALUES) + list(SCALES), key=len, reverse=True))
_WORD = rf"(?:{_WORD_ALT})"
_DIGIT_WORD = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|oh)"
# a run of number words: "ninety", "twenty-four", "one hundred and eighty", "one million",
# with spoken decimals: "ninety-nine point five"
WORD_RUN = rf"\b{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*(?:\s+point(?:\s+{_DIGIT_WORD})+)?\b"
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:{DIGITS}|{WORD_RUN})"

MINUTES_PER_UNIT = {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1_440, "week": 10_080, "month": 43_200, "year": 525_600}
# a business day/hour is converted to its calendar equivalent so values compare across clocks
BUSINESS_FACTOR = {"day": 7 / 5, "week": 1, "month": 1, "year": 1, "hour": 1, "minute": 1, "second": 1}
_UNIT_WORDS = {
    "second": r"seconds?",  # call-answer targets; not "secs" (too close to "Sec." for a section)
    "minute": r"minutes?|mins?",
    "hour": r"hours?(?:\(s\))?|hrs?",
    "day": r"days?(?:\(s\))?",
    "week": r"weeks?",
    "month": r"months?(?:\(s\))?",
    "year": r"years?",
}
_UNIT_ALT = "|".join(f"(?P<u_{name}>{alt})" for name, alt in _UNIT_WORDS.items())
_END = r"(?![a-z])"
_CLOCK = r"(?P<clock>business|working|calendar|clock|elapsed)"

# Most sentences hold no value of a kind: an extractor first checks that the text has a word every one of its
# matches needs (a unit for a duration, "%" or "cent" for a percentage), a few string searches instead of a regex
# tried at every position. Case-insensitive patterns also match these characters to ASCII letters (Python's regex
# case folding), so they fold to them before the words are looked for.
_ASCII_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_ascii(text: str) -> str:
    """``text`` lower-cased with every character a case-insensitive regex takes for an ASCII letter made that letter."""
    return text.translate(_ASCII_FOLD).lower()


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """True when ``text`` holds one of the lower-case ASCII ``words`` in any case."""
    folded = fold_ascii(text)
    return any(word in folded for word in words)



def parse_number_words(text: str) -> int | float | None:
    """Value of an English number phrase ("one hundred and twenty" -> 120, "ninety-seven point five" -> 97.5)."""
    whole, point, decimals = text.lower().partition(" point ")
    if point:
        digits = [UNITS.index(w) if w != "oh" else 0 for w in decimals.split()
                  if w in UNITS[:10] or w == "oh"]
        if not digits or len(digits) != len(decimals.split()):
            return None
        integer = parse_number_words(whole)
        return None if integer is None else float(f"{integer}." + "".join(map(str, digits)))
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    for word in words:
        if word in WORD_VALUES:
            current += WORD_VALUES[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
    return total + current


def parse_number(text: str) -> float | None:
    """Digits ("1,000.5") or number words ("forty-five") as a number; None if neither."""
    t = text.strip().lower()
    if re.fullmatch(DIGITS, t):
        return float(t.replace(",", ""))
    value = parse_number_words(t)
    return float(value) if value is not None else None


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class Value:
    """A value found in text: its span, the text as written and a kind-specific payload."""

    kind: str  # duration | percent | money | priority | count | coverage
    start: int
    end: int
    text: str
    amount: float = 0.0
    unit: str | None = None  # duration unit, currency code, or priority label family
    business: bool = False  # duration measured on a business/working clock
    rate: bool = False  # not a period of the contract: a rate or coverage ("24 hours a day", "5 days per week") or a
    # loan's or reference rate's tenor ("90 day loans", "3-month LIBOR")
    words: float | None = None  # the value spelled in words, when a dual form was used
    digits: float | None = None  # the value in digits, when a dual form was used

    @property
    def minutes(self) -> float:
        """A duration in calendar-equivalent minutes (business days count as 7/5 days)."""
        factor = BUSINESS_FACTOR.get(self.unit or "", 1) if self.business else 1
        return self.amount * MINUTES_PER_UNIT.get(self.unit or "", 0) * factor

    @property
    def mismatch(self) -> bool:
        """True when a dual form's words and digits disagree ("fifteen (30) days")."""
        return self.words is not None and self.digits is not None and self.words != self.digits

    def key(self) -> tuple:
        """A normalised comparison key (minutes, percent, amount+currency, rank)."""
        if self.kind == "duration":
            return ("duration", round(self.minutes, 3))
        return (self.kind, self.amount, self.unit)

    def describe(self) -> str:
        """A short normalised rendering, e.g. "30 business days", "99.9%", "USD 5,000"."""
        n = _num(self.amount)
        if self.kind == "duration":
            unit = self.unit if n == 1 else f"{self.unit}s"
            return f"{n} {'business ' if self.business else ''}{unit}"
        if self.kind == "percent":
            return f"{n}%"
        if self.kind == "money":
            return f"{self.unit} {n:,}"
        if self.kind == "priority":
            return f"P{n}"
        return str(n)


def _dual_parts(m: re.Match) -> tuple[float | None, float | None, float]:
    """(words, digits, chosen value) of a number group optionally followed by "(30)"."""
    first = parse_number(m.group("num"))
    digits = m.group("dig")
    if digits is None:
        return None, None, first if first is not None else 0.0
    d = float(digits.replace(",", ""))
    if first is None or re.fullmatch(DIGITS, m.group("num").strip()):
        return None, None, d
    return first, d, d


_DURATION_RE = gated(
    rf"(?P<num>{NUMBER})(?:\s*\(\s*(?P<dig>{DIGITS})\s*\))?[\s-]*(?:{_CLOCK}[\s-]+)?(?:{_UNIT_ALT}){_END}",
    re.I,
)
_COVERAGE_RE = re.compile(
    r"\b24\s*(?:x|×|/)\s*7(?:\s*(?:x|×|/)\s*365)?\b"
    r"|\b(?:twenty[\s-]four|24)\s*(?:\(24\)\s*)?hours\s+(?:a|per|each)\s+day,?\s*(?:and\s+)?"
    r"(?:seven|7)\s*(?:\(7\)\s*)?days\s+(?:a|per|each)\s+week\b", re.I)


def extract_coverage(text: str, offset: int = 0) -> list[Value]:
    """Round-the-clock coverage statements: "24x7", "24/7", "24 x 7 x 365"."""
    return [Value("coverage", m.start() + offset, m.end() + offset, m.group(0), 24 * 7, "hours/week")
            for m in _COVERAGE_RE.finditer(text)]


# "within an hour", "no later than a business day", "by the next working day": one unit, only after a preposition
# (not "24 hours a day")
_ARTICLE_DURATION_RE = gated(
    rf"\b(?:within|in|after|before|than|of|for|by)\s+(?P<dur>(?:an?|the\s+(?:next|following))\s+"
    rf"(?:{_CLOCK}[\s-]+)?(?:{_UNIT_ALT})){_END}", re.I)
_RATE_AFTER = re.compile(r"\s*(?:a|per|each|every|/)\s*(?:calendar\s+)?(?:day|week|month|year|annum)\b", re.I)
# the tenor of a loan or reference rate names an instrument, not a period of the contract: "the prime rate for 90 day
# loans", "three-month LIBOR", "30-day Treasury bills", "1-month Term SOFR"
_TENOR_AFTER = re.compile(
    r"[\s-]*(?:(?:term|u\.?s\.?|us\s+dollar|dollar|euro|sterling|usd|eur|gbp)\s+)?(?:loans?|libor|euribor|sonia|sofr|"
    r"bibor|hibor|sibor|tibor|cdor|bbsy|treasury|t-bills?|bills?|deposits?|commercial\s+paper|certificates?\s+of\s+deposit|"
    r"interbank|inter-bank)\b", re.I)


# every unit word of _UNIT_WORDS holds one of these
UNIT_STEMS = ("second", "min", "hour", "hr", "day", "week", "month", "year")


def extract_durations(text: str, offset: int = 0) -> list[Value]:
    """Durations with units, word numerals and dual forms ("thirty (30) business days").

    A duration followed by "a day" / "per week" (coverage) or by a loan or reference rate ("90 day loans", "3-month
    LIBOR": a tenor) is marked ``rate``: not a deadline.
    """
    return _scan_durations(text, offset) if mentions(text, UNIT_STEMS) else []


def _scan_durations(text: str, offset: int) -> list[Value]:
    covered = [(v.start - offset, v.end - offset) for v in extract_coverage(text)]
    out = []
    for m in _DURATION_RE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        words, digits, amount = _dual_parts(m)
        unit = next(name for name in _UNIT_WORDS if m.group(f"u_{name}"))
        clock = (m.group("clock") or "").lower()
        rate = bool(_RATE_AFTER.match(text, m.end()) or _TENOR_AFTER.match(text, m.end()))
        out.append(Value("duration", m.start() + offset, m.end() + offset, m.group(0), amount, unit,
                         business=clock in ("business", "working"), rate=rate, words=words, digits=digits))
    for m in _ARTICLE_DURATION_RE.finditer(text):
        unit = next(name for name in _UNIT_WORDS if m.group(f"u_{name}"))
        clock = (m.group("clock") or "").lower()
        out.append(Value("duration", m.start("dur") + offset, m.end() + offset, m.group("dur"), 1.0, unit,
                         business=clock in ("business", "working")))
    return sorted(out, key=lambda v: v.start) if out else out


_PERCENT_RE = gated(
    rf"(?P<num2>{NUMBER})\s*(?:per\s*cent|percent)\s*\(\s*(?P<dig2>{DIGITS})\s*%\s*\)"
    rf"|(?P<num>{NUMBER})(?:\s*\(\s*(?P<dig>{DIGITS})\s*(?:%|per\s*cent|percent)?\s*\))?\s*(?:%|per\s*cent\b|percent\b)",
    re.I,
)


def extract_percents(text: str, offset: int = 0) -> list[Value]:
    """Percentages: "99.9%", "99.9 percent", "five per cent", "fifty percent (50%)"."""
    return _scan_percents(text, offset) if "%" in text or mentions(text, ("cent",)) else []


def _scan_percents(text: str, offset: int) -> list[Value]:
    out = []
    for m in _PERCENT_RE.finditer(text):
        raw, dig = (m.group("num2"), m.group("dig2")) if m.group("num2") else (m.group("num"), m.group("dig"))
        first = parse_number(raw)
        words = digits = None
        amount = first if first is not None else 0.0
        if dig is not None:
            digits = float(dig.replace(",", ""))
            if first is not None and not re.fullmatch(DIGITS, raw.strip()):
                words = first
            amount = digits
        out.append(Value("percent", m.start() + offset, m.end() + offset, m.group(0), amount, "%",
                         words=words, digits=digits if words is not None else None))
    return out


CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "CHF", "AUD", "CAD", "JPY", "INR", "NZD", "SGD", "HKD", "SEK", "NOK", "DKK")
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
                  "pounds sterling": "GBP", "sterling": "GBP"}
_MULT = r"(?P<mult>k\b|m\b|mm\b|million\b|thousand\b|billion\b|bn\b)"
_AMOUNT = r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d+)?"
_CODES = "|".join(CURRENCY_CODES)
_MONEY_RE = re.compile(
    rf"(?P<sym>US\$|[$€£¥]|\b(?:{_CODES})\b)\s?(?P<amt>{_AMOUNT})(?:\s*{_MULT})?"
    rf"|(?P<amt2>{_AMOUNT})(?:\s*{_MULT.replace('mult', 'mult2')})?\s*(?P<code2>\b(?:{_CODES})\b|dollars|euros|pounds)"
    rf"|(?P<words>{WORD_RUN})\s+(?P<wcur>(?:us\s+)?dollars|euros|pounds(?:\s+sterling)?)",
    re.I,
)
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "billion": 1e9, "bn": 1e9}


def _currency(token: str) -> str:
    t = token.strip().lower()
    if t in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[t]
    t = t.removeprefix("us ").strip()
    return CURRENCY_WORDS.get(t, t.upper())


def extract_money(text: str, offset: int = 0) -> list[Value]:
    """Money: "$1,000,000", "USD 5,000", "EUR 10 000", "$1.5 million", "one million dollars"."""
    out = []
    for m in _MONEY_RE.finditer(text):
        if m.group("sym"):
            amount = float(re.sub(r"[,\u00a0 ]", "", m.group("amt")))
            mult, cur = m.group("mult"), _currency(m.group("sym"))
        elif m.group("amt2"):
            amount = float(re.sub(r"[,\u00a0 ]", "", m.group("amt2")))
            mult, cur = m.group("mult2"), _currency(m.group("code2"))
        else:
            amount = float(parse_number_words(m.group("words")) or 0)
            mult, cur = None, _currency(m.group("wcur"))
        if mult:
            amount *= _MULTIPLIERS[mult.lower()]
        out.append(Value("money", m.start() + offset, m.end() + offset, m.group(0).strip(), amount, cur))
    return out


PRIORITY_WORDS = {"critical": 1, "urgent": 1, "emergency": 1, "high": 2, "major": 2, "medium": 3,
                  "moderate": 3, "normal": 3, "minor": 4, "low": 4}
_PRIORITY_NUM = gated(
    r"(?<![\w'’])(?:[Pp]|[Ss]ev|SEV|S(?!-))-?(?P<n1>[0-5])\b|(?<![\w'’])(?:P|[Ss]ev|SEV)[\s-](?P<n3>[0-5])\b"
    r"|\b(?i:priority|severity|sev)(?:\s+(?i:level))?[\s:#-]*(?P<n2>[0-5]|(?i:one|two|three|four|five))\b",
)
# a class of requests named by a number or letter: "Class 1 Error", "Level B incidents", "Category II defect"
_CLASS_RANKS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "a": 1, "b": 2, "c": 3, "d": 4}
_CLASS_WORDS = ("class", "level", "category", "tier", "type")
_PRIORITY_CLASS = gated(
    rf"\b(?:{'|'.join(_CLASS_WORDS)})\s*(?P<c>[1-5]|one|two|three|four|five|iv|i{{1,3}}|[a-d])"
    r"\s+(?:errors?|incidents?|defects?|problems?|faults?|issues?|calls?|requests?|tickets?)\b",
    re.I,
)
_CONTEXT = "priority|severity|impact|incidents?|issues?|tickets?|requests?|faults?|problems?"
_CONTEXT_WORDS = tuple(word.removesuffix("s?") for word in _CONTEXT.split("|"))
_PRIORITY_WORD_CTX = gated(
    rf"\b(?P<w1>{'|'.join(PRIORITY_WORDS)})[\s-]+(?:{_CONTEXT})\b"
    rf"|\b(?:priority|severity)\s*[:-]?\s*(?P<w2>{'|'.join(PRIORITY_WORDS)})\b",
    re.I,
)
_PRIORITY_WORD_BARE = gated(rf"\b(?P<w1>{'|'.join(PRIORITY_WORDS)})\b", re.I)
# what each priority pattern needs: "P1", "S-2", "Sev 3" or the word "priority" / "sev..." (_PRIORITY_NUM); a class
# word (_PRIORITY_CLASS); a priority word, and next to it one of _CONTEXT_WORDS unless bare words count
_RANK_AFTER_LETTER = re.compile(r"[PpSvV][\s-]?[0-5]")


def _may_hold_rank(text: str, folded: str) -> bool:
    return _RANK_AFTER_LETTER.search(text) is not None or "priority" in folded or "sev" in folded


def _may_hold_class(folded: str) -> bool:
    return any(word in folded for word in _CLASS_WORDS)


def _may_hold_word(folded: str, bare_words: bool) -> bool:
    return any(word in folded for word in PRIORITY_WORDS) and (
        bare_words or any(word in folded for word in _CONTEXT_WORDS))


def extract_priorities(text: str, offset: int = 0, *, bare_words: bool = False) -> list[Value]:
    """Priority labels: P1..P4, "Priority 1", "Severity 1", "Sev 1", "Class 1 Error", "Critical"/"High"... ranks 1 up.

    Words such as "High" count only next to "priority"/"severity"/"incident" unless ``bare_words``
    (used for table cells, where a bare "High" is a label).
    """
    found: list[Value] = []
    folded = fold_ascii(text)
    for m in _PRIORITY_NUM.finditer(text) if _may_hold_rank(text, folded) else ():
        raw = (m.group("n1") or m.group("n2") or m.group("n3")).lower()
        rank = float(raw) if raw.isdigit() else float(parse_number_words(raw) or 0)
        found.append(Value("priority", m.start() + offset, m.end() + offset, m.group(0), rank, "number"))
    for m in _PRIORITY_CLASS.finditer(text) if _may_hold_class(folded) else ():
        raw = m.group("c").lower()
        rank = float(raw) if raw.isdigit() else float(_CLASS_RANKS.get(raw) or parse_number_words(raw) or 0)
        found.append(Value("priority", m.start() + offset, m.end() + offset, m.group(0), rank, "class"))
    word_re = _PRIORITY_WORD_BARE if bare_words else _PRIORITY_WORD_CTX
    for m in word_re.finditer(text) if _may_hold_word(folded, bare_words) else ():
        word = (m.group("w1") or m.group("w2")).lower()
        start, end = m.start() + offset, m.end() + offset
        if any(v.start <= start < v.end or start <= v.start < end for v in found):
            continue
        found.append(Value("priority", start, end, m.group(0), float(PRIORITY_WORDS[word]), "word"))
    return sorted(found, key=lambda v: v.start)


_COUNT_RE = re.compile(rf"(?<![\w.$€£%-])(?P<num>{NUMBER})(?:\s*\(\s*(?P<dig>{DIGITS})\s*\))?(?![\w%]|\.\d)", re.I)


def extract_counts(text: str, offset: int = 0) -> list[Value]:
    """Plain numbers ("three", "3", "three (3)") that are not part of a percentage or money amount."""
    taken = [(v.start - offset, v.end - offset) for v in extract_percents(text) + extract_money(text)]
    out = []
    for m in _COUNT_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        words, digits, amount = _dual_parts(m)
        out.append(Value("count", m.start() + offset, m.end() + offset, m.group(0), amount,
                         words=words, digits=digits))
    return out


_DUAL_RE = gated(rf"(?P<words>{WORD_RUN})\s*\(\s*(?P<dig>{DIGITS})\s*(?:%|per\s*cent|percent)?\s*\)", re.I)


_SCALE_AFTER = re.compile(rf"\s*({'|'.join(SCALES)})\b", re.I)


_DIGIT_IN_PARENTHESES = re.compile(r"\(\s*\d")  # what every _DUAL_RE match holds


def extract_dual_numbers(text: str, offset: int = 0) -> list[Value]:
    """Every "words (digits)" pair, e.g. "thirty (30)"; ``mismatch`` tells when they disagree."""
    if _DIGIT_IN_PARENTHESES.search(text) is None:
        return []
    out = []
    for m in _DUAL_RE.finditer(text):
        words = parse_number_words(m.group("words"))
        if words is None:
            continue
        digits = float(m.group("dig").replace(",", ""))
        scale = _SCALE_AFTER.match(text, m.end())
        if scale and words * SCALES[scale.group(1).lower()] == digits:
            words = digits  # "Six (6,000,000) Million": the scale word belongs to the words
        out.append(Value("count", m.start() + offset, m.end() + offset, m.group(0), digits,
                         words=float(words), digits=digits))
    return out


EXTRACTORS = {
    "duration": extract_durations,
    "percent": extract_percents,
    "money": extract_money,
    "priority": extract_priorities,
    "count": extract_counts,
    "coverage": extract_coverage,
}
VALUE_KINDS = tuple(EXTRACTORS)


def extract(kind: str, text: str, offset: int = 0) -> list[Value]:
    """Values of one kind (duration, percent, money, priority, count, coverage) in ``text``."""
    return EXTRACTORS[kind](text, offset)


def parse_value(kind: str, text: str) -> Value | None:
    """Parse a threshold such as "45 days", "99.5%", "USD 1000" or "3" into a Value (None if unparsable)."""
    if kind == "count":
        number = parse_number(str(text))
        return Value("count", 0, len(str(text)), str(text), number) if number is not None else None
    found = extract(kind, str(text))
    return found[0] if found else None


@dataclass(slots=True)
class PriorityTargets:
    """Per-priority response and resolution targets with the value that stated each."""

    response: dict[int, Value] = field(default_factory=dict)
    resolution: dict[int, Value] = field(default_factory=dict)
