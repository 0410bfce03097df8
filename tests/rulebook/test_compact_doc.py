"""The phrase matcher's copy of a document (no whitespace tokens, lower-cased lemmas) read as arrays gives what
reading it token by token gives."""
from __future__ import annotations

import pytest

TEXTS = [
    "The Services ran and are running.\n\nServices   RUN; the Supplier runs them, ran them, Run them.",
    "Data\tprocessing: the Processor processes Personal Data, as processors do.\n\n\n",
    "   ",
    "",
    "Invoices were paid; invoices are paying off. Fees FEES fee's",
]


def _token_by_token(doc, table):
    """Each kept token's text and lower-cased lemma; a lemma equal to the text (or none) goes through the
    lemma table; a lemma (or text) seen before keeps what it was given first."""
    given: dict[int, str] = {}
    out = []
    for token in doc:
        if token.is_space:
            continue
        key = token.lemma or token.orth
        if key not in given:
            text = doc.vocab.strings[key].lower()
            given[key] = table.get(text, text) if table is not None and key == token.orth and text else text
        out.append((token.text, token.idx, token.idx + len(token.text), given[key]))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_compact_doc_keeps_every_word_with_its_offsets_and_lemma(text):
    from msalint.rulebook.matching import _lemma_table, compact_doc
    from msalint.segment.lemmas import LEMMA_COMPONENT
    from msalint.segment.nlp import get_nlp

    nlp = get_nlp()
    table = _lemma_table(nlp)
    doc = nlp.get_pipe(LEMMA_COMPONENT)(nlp.make_doc(text))
    compact, starts, ends = compact_doc(doc, nlp.vocab, table=table)
    got = [(t.text, s, e, t.lemma_) for t, s, e in zip(compact, starts, ends)]
    assert got == _token_by_token(doc, table)
    bare, _, _ = compact_doc(doc, nlp.vocab, with_lemmas=False)
    assert [t.text for t in bare] == [t.text for t in compact] and all(t.lemma == 0 for t in bare)
    if text.strip():
        assert any(t.lemma_ != t.text.lower() for t in compact)  # the lemmas are read, not just copied


@pytest.mark.parametrize("text", TEXTS)
def test_compact_phrase_equals_compact_doc(text):
    from msalint.rulebook.matching import _lemma_table, compact_doc, compact_phrase
    from msalint.segment.lemmas import LEMMA_COMPONENT
    from msalint.segment.nlp import get_nlp

    nlp = get_nlp()
    table = _lemma_table(nlp)
    doc = nlp.get_pipe(LEMMA_COMPONENT)(nlp.make_doc(text))
    for with_lemmas in (True, False):
        arrays = compact_doc(doc, nlp.vocab, with_lemmas=with_lemmas, table=table)[0]
        tokens = compact_phrase(doc, nlp.vocab, with_lemmas=with_lemmas, table=table)
        assert [(t.orth, t.lemma) for t in tokens] == [(t.orth, t.lemma) for t in arrays]


def test_compact_phrase_equals_compact_doc_on_every_builtin_phrase():
    from msalint.rulebook import matching
    from msalint.rulebook.loader import load_ruleset
    from msalint.segment.lemmas import LEMMA_COMPONENT

    nlp = matching.get_pattern_nlp()
    table = matching._lemma_table(nlp)
    phrases = [p.value for p in matching._root_patterns(load_ruleset(), "phrase").values()]
    assert len(phrases) > 100
    differ = []
    for value in phrases:
        doc = nlp.get_pipe(LEMMA_COMPONENT)(nlp.make_doc(value))
        arrays = compact_doc_lemmas(matching.compact_doc(doc, nlp.vocab, table=table)[0])
        if compact_doc_lemmas(matching.compact_phrase(doc, nlp.vocab, table=table)) != arrays:
            differ.append(value)
    assert differ == []


def compact_doc_lemmas(doc):
    return [(t.orth, t.lemma) for t in doc]
