"""Segmentation: clause tree, sentences, defined terms and cross-references over a Document.

Interface decisions other layers rely on:

- Clause ids are what a reader cites: "8", "8.1", "8.1(b)(ii)", "Article IV", "Schedule B", and numbered
  clauses inside an attachment are qualified by it ("Schedule B 2.1"). Items under an unnumbered heading
  or an article are "HEADING (a)" / "Article IV (a)"; an unnumbered heading's id is its text. A repeated id
  gets "#2", "#3" in document order. Lettered recitals before the first numbered clause are "Recital A";
  a numbered list of lower-case items under an unnumbered heading is "HEADING (1)", "HEADING (2)".
  ``Clause.level`` is the depth in the tree (0 = top); spans include the children and end where the next
  clause of the same or a higher rank starts. Table-of-contents entries and signature-table labels are
  never clauses.
- Sentences are character spans; clause-number starts and block starts are boundaries except where an
  enumeration continues the sentence ("...: (a) x; (b) y; and (c) z."), enforced even inside a token.
- ``Definition.term`` has its whitespace collapsed (a quoted term may wrap over a line); ``start``/``end`` span
  the term as written. :func:`msalint.segment.definitions.term_variants` lists the forms a use may take
  (singular/plural, "(s)", Title Case of a term defined in capitals).
- ``XRef.target`` is the normalized id a reference points to and ``resolved`` says whether that clause
  exists. A reference to an item written inline in a clause ("Section 7(b)" where (b) is inside the text
  of clause 7) resolves to the clause holding it ("7"). References into other instruments (statutes,
  rules, other agreements) have ``target`` None and ``resolved`` False: :func:`is_external`.

spaCy is imported only when :func:`analyse` runs (``msalint.segment.nlp.get_nlp``).
"""
from __future__ import annotations

from msalint.segment.analysis import analyse
from msalint.segment.xrefs import is_external

__all__ = ["analyse", "is_external"]
