"""Rule patterns: phrases, safe regexes, spaCy token patterns and element references.

User regexes never hang the linter: they run on google-re2 (linear time) when RE2 accepts them,
otherwise on the ``regex`` module with a per-search time limit.
"""
from __future__ import annotations

import functools
import json
import re
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from msalint.rulebook.prefilter import Requirement

REGEX_TIMEOUT_S = 1.0


# RE2's memory budget per regex (its default is 8 MiB). The lazily built DFA states fill it on long documents:
# with 600 rule regexes that was about 60 MB of a batch worker's peak, for no measurable speed (the DFA starts
# over when its share is full; matches are the same). A regex too large for this budget gets RE2's default.
RE2_MAX_MEM = 1 << 20


class RegexTimeout(RuntimeError):
    """A user regex took longer than the time limit on one document."""


# The backtracking fallback unrolls counted repetitions when it compiles: ((a{1000}){1000}){1000} would need
# gigabytes. Patterns RE2 refuses must stay below these sizes (the built-in rules need < 400 and < 5,000).
MAX_FALLBACK_REGEX_CHARS = 5_000
MAX_FALLBACK_UNROLLED = 100_000
_COUNTED = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


def check_fallback_size(source: str, re2_refusal: str) -> None:
    """Raise ValueError when a pattern RE2 refused is too large for the backtracking engine to compile."""
    if len(source) > MAX_FALLBACK_REGEX_CHARS:
        raise ValueError(f"RE2 cannot run it ({re2_refusal}) and at {len(source):,} characters it is too long "
                         f"for the fallback engine (limit {MAX_FALLBACK_REGEX_CHARS:,})")
    size = unrolled_size(source)
    if size > MAX_FALLBACK_UNROLLED:
        raise ValueError(f"RE2 cannot run it ({re2_refusal}) and its counted repetitions unroll to over "
                         f"{MAX_FALLBACK_UNROLLED:,} items for the fallback engine; use smaller counts or * / +")


def unrolled_size(source: str) -> int:
    """How many items the pattern has with every counted repetition ({n}, {m,n}) written out in full."""
    frames = [[0, 0]]  # per open group: [total cost so far, cost of the last item]
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        cost = 1
        if char == "\\":
            i = _skip_escape(source, i)
        elif char == "[":
            i = _skip_class(source, i)
        elif char == "(":
            frames.append([0, 0])
            i += 1
            continue
        elif char == ")" and len(frames) > 1:
            cost = max(frames.pop()[0], 1)
            i += 1
        elif char == "{" and (m := _COUNTED.match(source, i)) and (m.group(1) or m.group(3)):
            low = int(m.group(1) or 0)
            times = max(low, int(m.group(3)) if m.group(3) else low, 1)
            frame = frames[-1]
            frame[0] += frame[1] * (times - 1)
            frame[1] *= times
            i = m.end()
            continue
        else:
            i += 1
        frames[-1][0] += cost
        frames[-1][1] = cost
    return sum(frame[0] for frame in frames)


def _skip_escape(source: str, i: int) -> int:
    """Index after the escape at ``i`` (\\p{..}, \\N{..}, \\x{..} included)."""
    if i + 2 < len(source) and source[i + 1] in "pPNxu" and source[i + 2] == "{":
        end = source.find("}", i + 2)
        return len(source) if end < 0 else end + 1
    return i + 2


def _skip_class(source: str, i: int) -> int:
    """Index after the character class opening at ``i``."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source) and source[j] != "]":
        j = j + 2 if source[j] == "\\" else j + 1
    return j + 1


class SafeRegex:
    """A case-insensitive (by default) user regex compiled on RE2 when possible, else on ``regex``."""

    def __init__(self, source: str, case_sensitive: bool = False):
        self.source = source
        self.case_sensitive = case_sensitive
        self.engine, self._compiled = self._compile(source, case_sensitive)

    # A pickled rule set (the rulebook cache, worker processes) carries the source, engine and prefilter
    # literals; the regex is compiled again only when first run, so a regex the prefilter always skips is never
    # compiled, and the literals (a parse of the regex, 0.2 s for the rulebook) are found once, when stored.
    def __getstate__(self) -> dict[str, Any]:
        return {"source": self.source, "case_sensitive": self.case_sensitive, "engine": self.engine,
                "requirement": self.requirement, "lead": self.lead, "breaks": self.breaks}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._compiled = None

    @property
    def compiled(self) -> Any:
        """The compiled regex of ``engine``."""
        if self._compiled is None:
            engine, self._compiled = self._compile(self.source, self.case_sensitive)
            if engine != self.engine:  # stored where RE2 was installed, run where it is not: what ranges hold differs
                self.engine = engine
                self.__dict__.pop("breaks", None)
        return self._compiled

    @staticmethod
    def _compile(source: str, case_sensitive: bool) -> tuple[str, Any]:
        # RE2 first: it compiles in bounded time and memory and rejects what it cannot run linearly
        try:
            import re2

            options = re2.Options()
            options.log_errors = False
            options.case_sensitive = case_sensitive
            options.max_mem = RE2_MAX_MEM
            try:
                return "re2", re2.compile(source, options)
            except Exception:  # noqa: BLE001 - maybe only too large for the small budget: RE2's default next
                options.max_mem = re2.Options().max_mem
                return "re2", re2.compile(source, options)
        except Exception as exc:  # not RE2-compatible (lookaround, backreference...) or re2 missing
            reason = exc.args[0] if exc.args else type(exc).__name__
            re2_refusal = reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
        check_fallback_size(source, re2_refusal)
        import regex

        flags = regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
        return "regex", regex.compile(source, flags)

    def spans(self, text: str, timeout: float | None = None, data: bytes | None = None,
              starts: list[int] | None = None, ranges: list[tuple[int, int]] | None = None
              ) -> Iterator[tuple[int, int]]:
        """Non-empty match spans in ``text`` (fallback engine: at most ``timeout`` seconds).

        ``data`` may hold ``text`` encoded as UTF-8: RE2 then reports byte offsets. ``starts`` (offsets in the
        searched string, in order) are the only places a match can start (see ``lead``): RE2 tries just those.
        ``ranges`` (disjoint, in order) hold every match (see ``breaks``): just those are searched.
        """
        timeout = REGEX_TIMEOUT_S if timeout is None else timeout
        matches: Iterable[Any]
        if self.engine == "re2":
            subject = data if data is not None else text
            if starts is not None:
                matches = self._matches_at(subject, starts)
            elif ranges is not None:
                matches = (m for lo, hi in ranges for m in self.compiled.finditer(subject, lo, hi))
            else:
                matches = self.compiled.finditer(subject)
        elif starts is not None:
            matches = self._with_timeout(lambda: list(self._matches_at(text, starts, timeout=timeout)), timeout)
        elif ranges is not None:
            matches = self._with_timeout(lambda: list(self._matches_in(text, ranges, timeout)), timeout)
        else:
            matches = self._with_timeout(lambda: list(self.compiled.finditer(text, timeout=timeout)), timeout)
        for m in matches:
            if m.end() > m.start():
                yield m.start(), m.end()

    def _matches_at(self, subject: str | bytes, starts: list[int], timeout: float | None = None) -> Iterator[Any]:
        """What finditer finds, when every match starts at one of ``starts``: the first match anchored at a start
        is the leftmost, and the next is sought after its end. Both engines read the whole text around the start,
        so word boundaries, anchors and lookbehinds see the real neighbours. ``timeout``: for all tries together
        (the fallback engine)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        end = 0
        for start in starts:
            if start < end:
                continue
            if deadline is None:
                m = self.compiled.match(subject, start)
            else:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                m = self.compiled.match(subject, start, timeout=left)
            if m is not None and m.end() > m.start():
                end = m.end()
                yield m

    def _matches_in(self, text: str, ranges: list[tuple[int, int]], timeout: float) -> Iterator[Any]:
        """The fallback engine's matches in each range, all searches sharing one time limit."""
        deadline = time.monotonic() + timeout
        for lo, hi in ranges:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            yield from self.compiled.finditer(text, lo, hi, timeout=left)

    def _with_timeout(self, run: Callable[[], list], timeout: float) -> list:
        try:
            return run()
        except TimeoutError:
            raise RegexTimeout(f"regex {self.source!r} timed out after {timeout:g} s") from None

    @functools.cached_property
    def requirement(self) -> "Requirement | None":
        """Literals one of which every match contains (see rulebook.prefilter), found on first use."""
        from msalint.rulebook.prefilter import required_literals

        return required_literals(self.source)

    @functools.cached_property
    def lead(self) -> "frozenset[str] | None":
        """Literals one of which starts every match (see rulebook.prefilter), found on first use."""
        from msalint.rulebook.prefilter import leading_literals

        return leading_literals(self.source)

    @functools.cached_property
    def breaks(self) -> "frozenset[str] | None":
        """Break characters no match can contain, for this engine (see rulebook.prefilter), found on first use."""
        from msalint.rulebook.prefilter import excluded_breaks

        return excluded_breaks(self.source, sees_around=self.engine == "re2")

    def matches_empty(self) -> bool:
        """True when the pattern can match the empty string (such a rule would fire everywhere)."""
        return self.compiled.search("") is not None

    def search(self, text: str) -> bool:
        """True when the pattern matches anywhere in ``text``."""
        return next(iter(self.spans(text)), None) is not None


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern item of a rule."""

    type: str  # phrase | regex | tokens | element
    value: str  # phrase text, regex source, JSON of the token pattern, or element name
    lemma: bool = False
    negated_ok: bool = False
    case_sensitive: bool = False
    regex: SafeRegex | None = field(default=None, compare=False, hash=False)
    tokens: tuple | None = field(default=None, compare=False, hash=False)
    # exceptions checked only in the hit's own segment (sentence part between semicolons)
    unless: tuple["Pattern", ...] = field(default=(), compare=False, hash=False)
    # sub-patterns: a concept's words (lemma phrases), a `near` pattern's items
    parts: tuple["Pattern", ...] = field(default=(), compare=False, hash=False)
    # the author's reason why a narrow pattern is general (see `msalint rules --check`)
    note: str = field(default="", compare=False, hash=False)

    @property
    def key(self) -> tuple:
        """Identity used to cache hits across rules in one document."""
        return (self.type, self.value, self.lemma, self.case_sensitive)

    def describe(self) -> str:
        """A short human rendering for messages and `msalint rule`."""
        if self.type == "phrase":
            return f'"{self.value}"' + (" (lemma)" if self.lemma else "")
        if self.type == "element":
            return f"element {self.value}"
        if self.type in ("concept", "value"):
            return f"{self.type} {self.value}"
        if self.type == "near":
            spec = json.loads(self.value)
            items = " + ".join(p.describe() for p in self.parts)
            order = " in this order" if spec["ordered"] else ""
            return f"near({items}) within {spec['within']} words in one {spec['unit']}{order}"
        if self.type == "column":
            spec = json.loads(self.value)
            return "table column " + " / ".join(spec["column"]) + (f" ({spec['value']})" if spec["value"] else "")
        return f"{self.type} {self.value}"


PATTERN_OPTIONS = {
    "phrase": {"phrase", "lemma", "negated_ok", "unless", "note"},
    "regex": {"regex", "negated_ok", "case_sensitive", "unless", "note"},
    "tokens": {"tokens", "negated_ok", "unless", "note"},
    "concept": {"concept", "negated_ok", "unless", "note"},
    "near": {"near", "within", "unit", "ordered", "negated_ok", "unless", "note"},
    "element": {"element"},
    "column": {"column", "value", "negated_ok", "note"},
}
COLUMN_VALUES = ("duration", "percent", "money", "count", "priority")
NEAR_UNITS = ("sentence", "segment", "clause")
NEAR_DEFAULT_WITHIN = 12  # words between the first and the farthest item
NEAR_VALUES = ("duration", "percent", "money", "count", "priority", "coverage")


def phrase_regex(phrase: str) -> str:
    """A word-bounded, whitespace-tolerant regex for a phrase (used when no tokens are available)."""
    words = [re.escape(w) for w in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def normalize_phrase(phrase: str) -> str:
    """Lower-case and collapse whitespace."""
    return " ".join(phrase.lower().split())


def parse_pattern(item: Any, fail: Callable[[str], None], allow_element: bool = False) -> Pattern:
    """Validate and compile one pattern item; ``fail(message)`` raises a located RuleFileError."""
    pattern = _parse_pattern(item, fail, allow_element)
    if isinstance(item, dict) and "unless" in item:
        unless = item["unless"]
        if isinstance(unless, list) and any(isinstance(u, dict) and "unless" in u for u in unless):
            fail("a pattern's 'unless' items cannot have their own 'unless'")
        pattern = replace(pattern, unless=tuple(parse_patterns(unless, fail)))
    if isinstance(item, dict) and item.get("note"):
        pattern = replace(pattern, note=item["note"])
    return pattern


def _parse_pattern(item: Any, fail: Callable[[str], None], allow_element: bool) -> Pattern:
    if isinstance(item, str):
        if not item.strip():
            fail("empty phrase")
        return Pattern("phrase", normalize_phrase(item))
    if not isinstance(item, dict):
        fail(f"a pattern must be a string or a mapping, not {type(item).__name__}")
    types = [t for t in PATTERN_OPTIONS if t in item]
    if len(types) != 1 or (types[0] == "element" and not allow_element):
        allowed = "phrase, regex, tokens, concept, near, column" + (", element" if allow_element else "")
        fail(f"a pattern mapping needs exactly one of {allowed}; got keys {sorted(item)}")
    kind = types[0]
    unknown = set(item) - PATTERN_OPTIONS[kind]
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} in {kind} pattern (allowed: {sorted(PATTERN_OPTIONS[kind])})")
    for flag in ("lemma", "negated_ok", "case_sensitive"):
        if flag in item and not isinstance(item[flag], bool):
            fail(f"'{flag}' must be true or false")
    negated_ok = bool(item.get("negated_ok", False))
    value = item[kind]
    if kind == "phrase":
        if not isinstance(value, str) or not value.strip():
            fail("'phrase' must be a non-empty string")
        return Pattern("phrase", normalize_phrase(value), lemma=bool(item.get("lemma")), negated_ok=negated_ok)
    if kind == "regex":
        if not isinstance(value, str) or not value:
            fail("'regex' must be a non-empty string")
        case_sensitive = bool(item.get("case_sensitive", False))
        try:
            compiled = SafeRegex(value, case_sensitive)
        except Exception as exc:
            fail(f"bad regex {value!r}: {exc}")
        if compiled.matches_empty():
            fail(f"regex {value!r} matches the empty string")
        return Pattern("regex", value, negated_ok=negated_ok, case_sensitive=case_sensitive, regex=compiled)
    if kind == "tokens":
        if not isinstance(value, list) or not value or not all(isinstance(t, dict) and t for t in value):
            fail("'tokens' must be a non-empty list of token mappings, e.g. [{LOWER: within}]")
        for tok in value:
            bad = [k for k in tok if not isinstance(k, str) or not (k.isupper() or k == "_")]
            if bad:
                fail(f"token attribute {bad[0]!r} must be upper case (LOWER, LEMMA, IS_DIGIT, OP...)")
        check_token_pattern(value, fail)
        return Pattern("tokens", json.dumps(value, sort_keys=True), negated_ok=negated_ok, tokens=tuple(value))
    if "note" in item and not (isinstance(item["note"], str) and item["note"].strip()):
        fail("'note' must be a non-empty string (why the pattern is general)")
    if kind == "column":
        return _column_pattern(item, fail, negated_ok)
    if kind == "concept":
        return concept_pattern(value, fail, negated_ok)
    if kind == "near":
        return _near_pattern(item, fail, negated_ok)
    if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        fail("'element' must be a snake_case element name")
    return Pattern("element", value)


# spaCy's Matcher returns every span a pattern can match and branches at every optional token: two {OP: "*"}
# took 3-11 GB, and even {OP: "{0,10}"} takes 28 s on a 50,000-token document. So operators must be bounded
# and few: a pattern may skip at most MAX_TOKEN_OPTIONAL tokens and span at most MAX_TOKEN_SPAN tokens.
MAX_TOKEN_OPTIONAL = 4
MAX_TOKEN_SPAN = 16
_COUNTED_OP = re.compile(r"\{(\d*)(,?)(\d*)\}")


def check_token_pattern(tokens: list[dict], fail: Callable[[str], None]) -> None:
    """Refuse token patterns spaCy would reject and patterns whose matching could blow up."""
    optional = span = 0
    for tok in tokens:
        low, high = _op_range(tok.get("OP"))
        if high is None:
            fail(f"token operator {tok['OP']!r} is unbounded (matching would be quadratic or worse); "
                 f"use ? or a bounded count such as {{OP: \"{{0,3}}\"}}")
        optional += high - low
        span += high
    if optional > MAX_TOKEN_OPTIONAL:
        fail(f"token pattern has {optional} optional tokens; the limit is {MAX_TOKEN_OPTIONAL}")
    if span > MAX_TOKEN_SPAN:
        fail(f"token pattern can span {span} tokens; the limit is {MAX_TOKEN_SPAN}")
    from msalint.segment.nlp import import_spacy

    import_spacy()  # only rule files with token patterns pay this import
    from spacy.schemas import validate_token_pattern

    errors = validate_token_pattern(tokens)
    if errors:
        fail(f"invalid token pattern: {errors[0]}")


def _op_range(op: Any) -> tuple[int, int | None]:
    """(fewest, most) tokens one token spec with operator ``op`` matches; most is None when unbounded."""
    if op in (None, "!"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op in ("*", "+"):
        return (0 if op == "*" else 1), None
    counted = _COUNTED_OP.fullmatch(op) if isinstance(op, str) else None
    if counted is None:
        return 1, 1  # not an operator at all: the schema check names the mistake
    low = int(counted.group(1) or 0)
    if not counted.group(2):
        return low, low
    return low, int(counted.group(3)) if counted.group(3) else None


def _column_pattern(item: dict, fail: Callable[[str], None], negated_ok: bool) -> Pattern:
    """{column: "response time" | [phrases], value: duration}: table cells under a matching header."""
    names = item["column"]
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        fail("'column' must be a header phrase or a non-empty list of header phrases")
    kind = item.get("value")
    if kind is not None and kind not in COLUMN_VALUES:
        fail(f"'value' of a column pattern must be one of {', '.join(COLUMN_VALUES)}")
    spec = {"column": [normalize_phrase(n) for n in names], "value": kind}
    return Pattern("column", json.dumps(spec, sort_keys=True), negated_ok=negated_ok)


def concept_pattern(name: Any, fail: Callable[[str], None], negated_ok: bool = False) -> Pattern:
    """{concept: name}: any word or phrase of a shared vocabulary, matched on lemmas."""
    from msalint.rulebook.concepts import active_registry

    if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        fail("'concept' must be a snake_case concept name")
    words = active_registry().words_of(name, fail)
    parts = tuple(Pattern("phrase", normalize_phrase(w), lemma=True) for w in words)
    return Pattern("concept", name, negated_ok=negated_ok, parts=parts)


def _near_pattern(item: dict, fail: Callable[[str], None], negated_ok: bool) -> Pattern:
    """{near: [A, B, ...], within: N, unit: sentence, ordered: false}: all items within N words of the first."""
    raw = item["near"]
    if not isinstance(raw, list) or len(raw) < 2:
        fail("'near' needs a list of at least two items (phrases, concepts, regexes or {value: kind})")
    within = item.get("within", NEAR_DEFAULT_WITHIN)
    if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= 200:
        fail("'within' is a number of words from 1 to 200")
    unit = item.get("unit", "sentence")
    if unit not in NEAR_UNITS:
        fail(f"'unit' must be one of {', '.join(NEAR_UNITS)}")
    ordered = item.get("ordered", False)
    if not isinstance(ordered, bool):
        fail("'ordered' must be true or false")
    parts = tuple(_near_item(i, fail) for i in raw)
    spec = {"items": [list(p.key) for p in parts], "within": within, "unit": unit, "ordered": ordered}
    return Pattern("near", json.dumps(spec, sort_keys=True), negated_ok=negated_ok, parts=parts)


def _near_item(item: Any, fail: Callable[[str], None]) -> Pattern:
    if isinstance(item, dict) and set(item) == {"value"}:
        if item["value"] not in NEAR_VALUES:
            fail(f"a near item's 'value' must be one of {', '.join(NEAR_VALUES)}")
        return Pattern("value", item["value"])
    if isinstance(item, dict) and ("near" in item or "unless" in item or "negated_ok" in item):
        fail("a near item is a phrase, {concept: ...}, {phrase: ...}, {regex: ...}, {tokens: ...} or {value: ...}")
    return _parse_pattern(item, fail, allow_element=False)


def parse_patterns(items: Any, fail: Callable[[str], None], allow_element: bool = False) -> list[Pattern]:
    """Validate a pattern list (a single string is accepted as a one-item list)."""
    if isinstance(items, (str, dict)):
        items = [items]
    if not isinstance(items, list) or not items:
        fail("expected a non-empty list of patterns")
    return [parse_pattern(item, fail, allow_element) for item in items]


# Negation: a cue shortly before a hit, in the same sentence, with no clause break in between.
_NEGATION_CUE = re.compile(
    r"\b(?:no|not|never|neither|nor|none|nothing|without|cannot)\b|n't\b|\bin\s+no\s+event\b", re.I
)
_NOT_NEGATION = re.compile(
    r"\b(?:no|not)\s+(?:later|less|more|fewer|earlier|sooner|greater)\s+than\b|\bwithout\s+(?:limitation|limiting|undue\s+delay)\b"
    r"|\bwhether\s+or\s+not\b|\bnot\s+(?:only|to\s+be\s+unreasonably|limited\s+to)\b|\bnotwithstanding\b"
    # a price, not a negation: "at no cost to Customer", "for no additional charge"
    r"|\b(?:at|for)\s+no\s+(?:additional\s+|extra\s+|further\s+)?(?:cost|charge|expense|fee)s?\b"
    # a negated relative clause before the main verb: "the party which is not in default shall ..."
    r"|\b(?:which|who|that)\s+(?:is|are|was|were|has|have|does|do|did)\s+not\b(?=.*\b(?:shall|will|must|may)\b)",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:but|provided\s+that|however|unless|then)\b"
    r"|,\s+(?:it|they|each\s+party|either\s+party|the\s+\w+)\s+(?:shall|will|must|may|is|are)\b"
    # ", Customer may ...": a new main clause after a conditional one ("If X is not cured, ...")
    r"|,\s+(?-i:[A-Z]\w+)(?:\s+(?-i:[A-Z]\w+))?\s+(?:shall|will|must|may)\b", re.I)
_SENTENCE_WIDE = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:nothing\s+in\s+this|in\s+no\s+event|under\s+no\s+circumstances)\b", re.I)
NEGATION_WINDOW_WORDS = 8


NEGATION_TAIL_CHARS = 400  # only the last words before a hit matter; bounds the work per hit


def is_negated(sentence_prefix: str) -> bool:
    """True when the text of a sentence before a hit negates the hit ("no", "not", "nothing in this...")."""
    if _SENTENCE_WIDE.search(sentence_prefix[:160]):
        return True
    tail = _NOT_NEGATION.sub(" ", sentence_prefix[-NEGATION_TAIL_CHARS:])
    breaks = list(_CLAUSE_BREAK.finditer(tail))
    if breaks:
        tail = tail[breaks[-1].end():]
    words = tail.split()[-NEGATION_WINDOW_WORDS:]
    return bool(_NEGATION_CUE.search(" ".join(words)))
