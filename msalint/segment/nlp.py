"""The cached spaCy pipeline: blank English, lookup lemmatizer, msalint's sentence boundaries."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SENTENCE_COMPONENT = "msalint_sentences"
MAX_LENGTH = 20_000_000  # the blank pipeline has no parser or NER, so long contracts are cheap
# spaCy's affix loop peels a run of underscores one character at a time, re-searching the rest each time: quadratic
# (8,000 underscores take seconds, 100,000 never finish). A run this long is one token; short blanks keep their
# usual one-token-per-underscore shape, so rules and findings on ordinary blanks do not change.
LONG_UNDERSCORE_RUN = r"_{64,}\Z"


def _register() -> None:
    from spacy.language import Language

    from msalint.segment.sentences import set_sentence_starts

    if not Language.has_factory(SENTENCE_COMPONENT):
        Language.component(SENTENCE_COMPONENT, func=set_sentence_starts)


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """spacy.blank('en') + lookup lemmatizer (spacy-lookups-data) + the legal sentence component."""
    import spacy

    _register()
    nlp = spacy.blank("en")
    nlp.tokenizer.token_match = re.compile(LONG_UNDERSCORE_RUN).match
    from msalint.ingest import max_chars

    nlp.max_length = max(MAX_LENGTH, min(max_chars(), 2**31 - 1) + 1)
    nlp.add_pipe(SENTENCE_COMPONENT)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
