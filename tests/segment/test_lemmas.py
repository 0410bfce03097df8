"""msalint's lemma component gives exactly the lemmas of spaCy's lookup lemmatizer."""
from __future__ import annotations

import spacy

from msalint.segment.nlp import get_nlp

TEXT = ("The Services WERE terminated, and Supplier's invoices were paid; was it? Fees: USD 1,000.00 per month.\n\n"
        "  Customer shall be notified within thirty (30) days. Children's data; better, best, mice, geese.")


def test_lemmas_equal_the_spacy_lookup_lemmatizer():
    reference = spacy.blank("en")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    ours = [(t.text, t.lemma_) for t in get_nlp()(TEXT)]
    assert ours == [(t.text, t.lemma_) for t in reference(TEXT)]
    assert ("WERE", "WERE") in ours and ("were", "be") in ours and ("mice", "mouse") in ours


def test_an_empty_document_has_no_lemmas():
    assert len(get_nlp()("")) == 0
