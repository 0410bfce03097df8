"""Segmentation: clause tree, sentences, defined terms and cross-references over a Document.

spaCy is imported only when :func:`analyse` runs (``msalint.segment.nlp.get_nlp``).
"""
from __future__ import annotations

from msalint.segment.analysis import analyse
from msalint.segment.xrefs import is_external

__all__ = ["analyse", "is_external"]
