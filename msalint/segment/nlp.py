"""The cached spaCy pipeline: blank English, lookup lemmatizer, msalint's sentence boundaries."""
from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types
from functools import lru_cache
from pathlib import Path
from typing import Any

from msalint.segment.lemmas import LEMMA_COMPONENT, LookupLemmas, lookup_table

SENTENCE_COMPONENT = "msalint_sentences"
MAX_LENGTH = 20_000_000  # the blank pipeline has no parser or NER, so long contracts are cheap
# spaCy's affix loop peels a run of underscores one character at a time, re-searching the rest each time: quadratic
# (8,000 underscores take seconds, 100,000 never finish). A run this long is one token; short blanks keep their
# usual one-token-per-underscore shape, so rules and findings on ordinary blanks do not change.
LONG_UNDERSCORE_RUN = r"_{64,}\Z"
# The same run attached to other characters ("Name:____", "____Date") is peeled off whole, as one prefix or
# suffix (spaCy adds the anchors; the look-behind starts the suffix where the run starts, to stay linear).
# Runs of other peeled characters (brackets, quotes, "=") stay one token each, as separator lines ("=====") have
# always been (sentences and findings depend on them); msalint.segment.suffixes keeps peeling them linear.
LONG_UNDERSCORE_PREFIX = r"_{64,}"
LONG_UNDERSCORE_SUFFIX = r"(?<!_)_{64,}"


def import_spacy() -> types.ModuleType:
    """``import spacy`` without ``spacy.cli``: spaCy's package init imports its command line (typer, weasel,
    requests: a third of the import time) only to re-export ``spacy.info``, which msalint never calls. A stand-in
    ``spacy.cli`` package (the real folder, so its submodules still import) loads the real one on first use."""
    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.origin is not None:
            _install_deferred_cli(Path(spec.origin).parent / "cli")
    import spacy

    if isinstance(sys.modules.get("spacy.cli"), _DeferredModule):
        spacy.cli = sys.modules["spacy.cli"]  # the import system binds a submodule only when it loads it
    return spacy


class _DeferredModule(types.ModuleType):
    """A stand-in module; any attribute it lacks loads the real module (see import_spacy)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_load_real_cli(self.__name__), name)


def _install_deferred_cli(folder: Path) -> None:
    cli = _DeferredModule("spacy.cli")
    cli.__path__ = [str(folder)]
    info = _DeferredModule("spacy.cli.info")
    info.info = lambda *args, **kwargs: _load_real_cli("spacy.cli.info").info(*args, **kwargs)
    cli.info = info
    sys.modules.setdefault("spacy.cli", cli)
    sys.modules.setdefault("spacy.cli.info", info)


def _load_real_cli(name: str) -> types.ModuleType:
    for stand_in in ("spacy.cli.info", "spacy.cli"):
        if isinstance(sys.modules.get(stand_in), _DeferredModule):
            del sys.modules[stand_in]
    real = importlib.import_module(name)
    sys.modules["spacy"].cli = sys.modules["spacy.cli"]
    return real


def _register() -> None:
    from spacy.language import Language

    from msalint.segment.sentences import set_sentence_starts

    if not Language.has_factory(SENTENCE_COMPONENT):
        Language.component(SENTENCE_COMPONENT, func=set_sentence_starts)
    if not Language.has_factory(LEMMA_COMPONENT):
        Language.factory(LEMMA_COMPONENT, func=lambda nlp, name: LookupLemmas(lookup_table()))


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """Blank English with msalint's tokenizer settings + lookup lemmas (spacy-lookups-data) + the legal sentence
    component."""
    import_spacy()
    _register()
    from msalint.ingest import max_chars

    from spacy.lang.en import English

    nlp = English(create_tokenizer=_legal_tokenizer)
    nlp.max_length = max(MAX_LENGTH, min(max_chars(), 2**31 - 1) + 1)
    nlp.add_pipe(SENTENCE_COMPONENT)
    nlp.add_pipe(LEMMA_COMPONENT)
    nlp.initialize()
    return nlp


def _legal_tokenizer(nlp: Any) -> Any:
    """spaCy's English tokenizer with the long-underscore rules and a suffix search that looks at the end of a
    token only (msalint.segment.suffixes), built once: setting ``token_match``, ``prefix_search`` or
    ``suffix_search`` on a built tokenizer re-adds all ~1,300 special cases each time."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex

    from msalint.segment.suffixes import windowed_suffix_search

    defaults = nlp.Defaults
    return Tokenizer(nlp.vocab, rules=defaults.tokenizer_exceptions,
                     prefix_search=compile_prefix_regex([LONG_UNDERSCORE_PREFIX, *defaults.prefixes]).search,
                     suffix_search=windowed_suffix_search([LONG_UNDERSCORE_SUFFIX, *defaults.suffixes]),
                     infix_finditer=compile_infix_regex(defaults.infixes).finditer,
                     token_match=re.compile(LONG_UNDERSCORE_RUN).match, url_match=defaults.url_match)
