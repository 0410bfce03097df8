"""Short captions ("Fees and Payment") after a numbering label, and heading-shaped lines."""
from __future__ import annotations

import re

SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or the to with without upon under over per via vs "
    "its their his her this that other than not nor".split()
)
# Runs are entered only at their start and taken possessively: a line of 1 MB of underscores or spaces costs
# linear time, not a retry at every position of the run.
_DOT_LEADER = re.compile(
    r"(?:(?<!\s)\s*+(?<![._·…])[._·…]{3,}+\s*+|(?<!\t)\t++)\d{1,4}\s*+$|(?<!\s)\s++\d{1,3}\s*+$"
)
_CAPTION_END = re.compile(r"(.{1,90}?)(?:\.|:|\s[-–—]\s)(?:\s|$)")
_COMPANY = re.compile(r"\b(?:INC|LTD|CORP|CORPORATION|LLC|L\.L\.C|LIMITED|PLC|GMBH|LLP|N\.A)\b")
NOT_HEADINGS = re.compile(
    r"^(?:by|name|print\s+name|title|date|its|witness|signature|address|notice\s+address|attention|attn|fax|email|"
    r"e-mail|phone|tel)\b",
    re.IGNORECASE,
)


def strip_page_number(text: str) -> str:
    """'Definitions ........ 3' -> 'Definitions' (table-of-contents entries)."""
    return _DOT_LEADER.sub("", text).strip()


def title_like(text: str, max_words: int = 12) -> bool:
    """True for a caption: a few words, each significant one capitalised ("Term and Termination")."""
    words = text.split()
    if not words or len(words) > max_words or len(text) > 100 or text.endswith((",", ";")):
        return False
    first_alpha = next((c for c in text if c.isalpha()), "")
    if not first_alpha.isupper():
        return False
    for word in words:
        core = word.strip("()[]\"'“”‘’,&/-")
        if not core or not any(c.isalpha() for c in core) or core.lower() in SMALL_WORDS:
            continue
        if not core[0].isupper() and not core[0].isdigit():
            return False
    return True


def clean_caption(text: str) -> str:
    """A caption without trailing punctuation, dot leaders and doubled spaces."""
    text = strip_page_number(text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .:;-–—").strip()


def caption_after_label(rest: str) -> tuple[str | None, bool]:
    """The caption at the start of ``rest`` and whether it fills the whole line (no body text follows)."""
    rest = rest.strip()
    if not rest:
        return None, True
    plain = strip_page_number(rest)
    if title_like(plain) and not re.search(r"[.:]\s+\S", plain) and not NOT_HEADINGS.match(plain):
        return clean_caption(plain) or None, True
    m = _CAPTION_END.match(rest)
    if m and title_like(m.group(1), max_words=10) and not m.group(1).rstrip().endswith(("Inc", "Ltd", "Co", "No")):
        return clean_caption(m.group(1)) or None, False
    return None, False


def caps_heading(line: str) -> bool:
    """An ALL-CAPS line that reads as a heading ("FEES AND PAYMENT", "RECITALS")."""
    text = strip_page_number(line.strip())
    if not text[:1].isalnum():
        return False  # "[ ] ISO 27001": a check box or placeholder, not a caption
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3 or len(text) > 80 or len(text.split()) > 10:
        return False
    if len(letters) < 0.5 * len(text.replace(" ", "")):
        return False  # "D/WLM/717334.1": a document id, not a caption
    if text.endswith((",", ";", ":")) or NOT_HEADINGS.match(text):
        return False
    if all(w.lower() in SMALL_WORDS or w.lower() == "between" for w in re.findall(r"[A-Za-z]+", text)):
        return False  # "AND" / "BY AND BETWEEN" between two party names
    if sum(c.isupper() for c in letters) < 0.9 * len(letters):
        return False
    if re.search(r"[.;,]\s+\S", text.rstrip(".")) or _COMPANY.search(text):
        return False  # a sentence in capitals or a party's name in a signature block, not a caption
    return True


def heading_key(text: str) -> str:
    """A comparison key for headings: lower-case words only."""
    return " ".join(re.findall(r"[a-z0-9]+", strip_page_number(text).lower()))
