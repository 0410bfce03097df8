"""Lookup lemmas (spacy-lookups-data's English table) set for a whole Doc at once.

spaCy's lookup lemmatizer does the same lookup, ``table.get(token.text, token.text)``, but creates a Token object
and sets ``lemma_`` for every token of every document: about a tenth of a batch's time. A lemma depends only on
the token's text, so it is found once per distinct text and written to the Doc as one array.
"""
from __future__ import annotations

from typing import Any

LEMMA_COMPONENT = "msalint_lemmas"


class LookupLemmas:
    """spaCy component: LEMMA of every token from the lookup table, memoised per token text."""

    def __init__(self, table: Any):
        self.table = table  # text -> lemma
        self._lemma_of: dict[int, int] = {}  # orth hash -> lemma hash (the pipeline's one StringStore)

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import LEMMA, ORTH

        if not len(doc):
            return doc
        strings = doc.vocab.strings
        lemma_of = self._lemma_of
        lemmas = []
        for orth in doc.to_array(ORTH).tolist():
            lemma = lemma_of.get(orth)
            if lemma is None:
                text = strings[orth]
                lemma = lemma_of[orth] = strings.add(self.table.get(text, text))
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        return doc


def lookup_table() -> Any:
    """The English lemma lookup table of spacy-lookups-data, as a plain dict: the same text -> lemma answers as
    spaCy's ``load_lookups`` Table, which re-keys every one of its 40,000 entries by string hash (0.1 s a run)."""
    from spacy.util import load_language_data
    from spacy_lookups_data import en

    return load_language_data(en["lemma_lookup"])
