"""Word automatic numbering: numbering.xml definitions, counters and the labels Word displays."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from msalint.ingest.docx_xml import W, wint, wval

MAX_LEVELS = 9
# Beyond these, letter and Roman labels grow without bound (a hostile start value could make megabytes of
# label); larger values are shown as decimals.
MAX_LETTER_VALUE = 780  # thirty repeated letters
MAX_ROMAN_VALUE = 3999
_PLACEHOLDER = re.compile(r"%([1-9])")
_DECIMAL_FAMILY = {"decimal", "decimalZero", "decimalEnclosedParen", "decimalEnclosedFullstop",
                   "decimalEnclosedCircle", "decimalFullWidth", "decimalHalfWidth"}
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}


@dataclass(slots=True)
class Level:
    """One w:lvl of an abstract numbering definition (or of a lvlOverride)."""

    start: int = 1
    num_fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart (1-based level; 0 = never restart)
    is_legal: bool = False
    suffix: str = "\t"
    p_style: str | None = None


@dataclass(slots=True)
class AbstractNum:
    """A w:abstractNum: up to nine levels, or a link to a numbering style."""

    abstract_id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None
    style_link: str | None = None


@dataclass(slots=True)
class Num:
    """A w:num instance: its abstract definition plus per-level overrides."""

    num_id: str
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _parse_level(el, base: Level | None = None) -> Level:
    level = replace(base) if base is not None else Level()
    start = el.find(f"{W}start")
    if start is not None:
        level.start = wint(start, 1)
    fmt = el.find(f"{W}numFmt")
    if fmt is not None:
        level.num_fmt = wval(fmt) or "decimal"
    text = el.find(f"{W}lvlText")
    if text is not None:
        level.text = wval(text) or ""
    restart = el.find(f"{W}lvlRestart")
    if restart is not None:
        level.restart = wint(restart)
    legal = el.find(f"{W}isLgl")
    if legal is not None:
        level.is_legal = wval(legal) not in ("0", "false", "off")
    suffix = el.find(f"{W}suff")
    if suffix is not None:
        level.suffix = _SUFFIXES.get(wval(suffix) or "tab", "\t")
    p_style = el.find(f"{W}pStyle")
    if p_style is not None:
        level.p_style = wval(p_style)
    return level


def _level_index(el) -> int:
    try:
        return int(el.get(f"{W}ilvl") or 0)
    except ValueError:
        return -1  # a malformed level is ignored rather than failing the whole document


def _levels(el, base: dict[int, Level] | None = None) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in el.findall(f"{W}lvl"):
        ilvl = _level_index(lvl)
        if 0 <= ilvl < MAX_LEVELS:
            levels[ilvl] = _parse_level(lvl, (base or {}).get(ilvl))
    return levels


class NumberingDefinitions:
    """The parsed numbering.xml: abstract definitions and num instances."""

    def __init__(self, root, styles=None):
        self.abstracts: dict[str, AbstractNum] = {}
        self.nums: dict[str, Num] = {}
        self.styles = styles
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for el in root.findall(f"{W}abstractNum"):
            abstract = AbstractNum(el.get(f"{W}abstractNumId") or "", _levels(el))
            link = el.find(f"{W}numStyleLink")
            abstract.num_style_link = wval(link) if link is not None else None
            link = el.find(f"{W}styleLink")
            abstract.style_link = wval(link) if link is not None else None
            self.abstracts[abstract.abstract_id] = abstract
        for el in root.findall(f"{W}num"):
            abstract_el = el.find(f"{W}abstractNumId")
            num = Num(el.get(f"{W}numId") or "", wval(abstract_el) if abstract_el is not None else "")
            for override in el.findall(f"{W}lvlOverride"):
                ilvl = _level_index(override)
                if not 0 <= ilvl < MAX_LEVELS:
                    continue
                start = override.find(f"{W}startOverride")
                if start is not None:
                    num.start_overrides[ilvl] = wint(start, 1)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    base = self.abstracts.get(num.abstract_id)
                    num.level_overrides[ilvl] = _parse_level(lvl, base.levels.get(ilvl) if base else None)
            self.nums[num.num_id] = num

    def abstract_for(self, num: Num) -> AbstractNum | None:
        """The abstract definition holding the levels, following numStyleLink through numbering styles."""
        abstract = self.abstracts.get(num.abstract_id)
        seen: set[str] = set()
        while abstract is not None and abstract.num_style_link and self.styles is not None:
            if abstract.abstract_id in seen:
                break
            seen.add(abstract.abstract_id)
            linked_num_id, _ = self.styles.numbering(abstract.num_style_link)
            linked = self.nums.get(linked_num_id or "")
            if linked is None:
                break
            abstract = self.abstracts.get(linked.abstract_id)
        return abstract

    def level_for_style(self, num_id: str, style_ids: list[str]) -> int | None:
        """The level whose w:pStyle names one of these styles (style-linked numbering without ilvl)."""
        num = self.nums.get(num_id)
        abstract = self.abstract_for(num) if num else None
        if abstract is None:
            return None
        for style_id in style_ids:
            for ilvl, level in sorted(abstract.levels.items()):
                if level.p_style == style_id:
                    return ilvl
        return None


class NumberingState:
    """Running counters as Word keeps them while laying out the document in order."""

    def __init__(self, definitions: NumberingDefinitions):
        self.defs = definitions
        self._counters: dict[str, list[int | None]] = {}
        self._started_nums: set[str] = set()

    def _levels_of(self, num: Num, abstract: AbstractNum) -> dict[int, Level]:
        levels = dict(abstract.levels)
        levels.update(num.level_overrides)
        for ilvl, start in num.start_overrides.items():
            levels[ilvl] = replace(levels.get(ilvl, Level()), start=start)
        return levels

    def next_label(self, num_id: str | None, ilvl: int) -> tuple[str, str] | None:
        """Advance the counter for (numId, ilvl) and return (label, suffix); None for bullets/no numbering."""
        num = self.defs.nums.get(num_id or "")
        if num is None or num_id == "0":
            return None
        abstract = self.defs.abstract_for(num)
        if abstract is None:
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        levels = self._levels_of(num, abstract)
        counters = self._counters.setdefault(abstract.abstract_id, [None] * MAX_LEVELS)
        if num.num_id not in self._started_nums:
            self._started_nums.add(num.num_id)
            if num.start_overrides or num.level_overrides:
                # A num instance with overrides starts its list afresh from the overridden level down.
                first = min([*num.start_overrides, *num.level_overrides])
                for k in range(first, MAX_LEVELS):
                    counters[k] = None
        level = levels.get(ilvl, Level())
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for k in range(ilvl + 1, MAX_LEVELS):
            restart = levels.get(k, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[k] = None
        if level.num_fmt == "bullet" or not level.text:
            return None
        label = self._render(level, levels, counters)
        if not label.strip():
            return None
        return label, level.suffix

    def _render(self, level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
        def substitute(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, Level())
            value = counters[k] if counters[k] is not None else lvl.start - 1
            fmt = lvl.num_fmt
            if level.is_legal and fmt not in _DECIMAL_FAMILY:
                fmt = "decimal"
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(substitute, level.text or "")


def format_number(value: int, num_fmt: str) -> str:
    """A counter value in one of Word's number formats (unknown formats fall back to decimal)."""
    if num_fmt in ("none", "bullet"):
        return ""
    if value <= 0 and num_fmt not in ("decimal", "decimalZero"):
        return str(value)
    if num_fmt in ("lowerLetter", "upperLetter") and value <= MAX_LETTER_VALUE:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if num_fmt == "upperLetter" else letter
    if num_fmt in ("lowerRoman", "upperRoman") and value <= MAX_ROMAN_VALUE:
        roman = to_roman(value)
        return roman.lower() if num_fmt == "lowerRoman" else roman
    if num_fmt == "decimalZero":
        return f"{value:02d}"
    if num_fmt == "decimalEnclosedParen":
        return f"({value})"
    if num_fmt == "ordinal":
        return f"{value}{_ordinal_suffix(value)}"
    if num_fmt == "cardinalText":
        return number_words(value).capitalize()
    if num_fmt == "ordinalText":
        return ordinal_words(value).capitalize()
    return str(value)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def to_roman(value: int) -> str:
    """Upper-case Roman numeral of a positive integer."""
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _ordinal_suffix(value: int) -> str:
    if 10 <= value % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


def number_words(value: int) -> str:
    """English words for 0-999 (larger values fall back to digits)."""
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    return str(value)


def ordinal_words(value: int) -> str:
    """English ordinal words ("first", "twenty-second") for 1-999."""
    words = number_words(value)
    head, sep, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    elif not last.isdigit():
        last += "th"
    return f"{head}{sep}{last}"
