"""spaCy is imported without its command line, which msalint never uses."""
from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from msalint.segment.nlp import get_nlp
nlp = get_nlp()
print(sorted(m for m in sys.modules if m.startswith("spacy.cli")), "typer" in sys.modules)
print([t.lemma_ for t in nlp("The Services were terminated.")])
import spacy.cli
print(callable(spacy.cli.download), callable(spacy.info), "spacy.cli._util" in sys.modules)
"""


def test_the_pipeline_loads_without_spacy_cli_and_the_cli_still_loads_on_first_use():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    loaded, lemmas, later = out.splitlines()
    assert loaded == "['spacy.cli', 'spacy.cli.info'] False"  # the two stand-ins only: no typer
    assert lemmas == "['The', 'Services', 'be', 'terminate', '.']"
    assert later == "True True True"  # the real spacy.cli once something asks for it
