"""Sentence boundaries: abbreviations, numbers, enumerations, paragraph and clause starts."""
from __future__ import annotations

import pytest


def sentences(analysis) -> list[str]:
    text = analysis.document.text
    return [text[s:e] for s, e in analysis.sentences]


@pytest.mark.parametrize(
    "text",
    [
        "The fee is set out in Sec. 5 of the order form.",
        "Invoice No. 12 is overdue.",
        "Acme Inc. shall pay the fee.",
        "Acme Inc. (the Supplier) shall pay.",
        "Foo Ltd. and Bar Corp. shall cooperate.",
        "It is governed by U.S. law and U.S. Federal regulations.",
        "Some services, e.g. Hosting, are included.",
        "Some services, i.e. Hosting and Support, are included.",
        "The Customer shall pay approx. 5 percent of the fee.",
        "Hosting, support, etc. are included in the fee.",
        "Pay the amount referred to in clause (a) within the period stated in 12.3 of the Order.",
        "Version 12.3 of the service description applies.",
        "The Supplier shall provide the following: (a) hosting; (b) support; and (c) monitoring.",
        "J. Smith shall act as the account manager.",
    ],
)
def test_no_split_inside(analyse_text, text):
    assert sentences(analyse_text(text)) == [text]


def test_splits_at_real_sentence_ends(analyse_text):
    text = "Payment is due within 30 days. 5 business days later a reminder is sent. Hosting, etc. Then support."
    assert sentences(analyse_text(text)) == [
        "Payment is due within 30 days.",
        "5 business days later a reminder is sent.",
        "Hosting, etc.",
        "Then support.",
    ]


def test_single_newline_is_not_a_boundary_but_a_paragraph_end_is(analyse_text):
    text = "The Supplier shall provide\nthe Services with care\n\nA heading without a stop\n\nNext paragraph here."
    assert sentences(analyse_text(text)) == [
        "The Supplier shall provide\nthe Services with care",
        "A heading without a stop",
        "Next paragraph here.",
    ]


def test_clause_number_starts_a_sentence_even_without_a_stop(analyse_text):
    text = "1. Services\n1.1 The Supplier shall provide the Services\n1.2 The Customer shall pay"
    got = sentences(analyse_text(text))
    assert got == ["1. Services", "1.1 The Supplier shall provide the Services", "1.2 The Customer shall pay"]


def test_enumeration_on_separate_lines_stays_one_sentence(analyse_text):
    text = "2.1 Scope. The Supplier shall provide:\n(a) hosting;\n(b) support; and\n(c) monitoring.\n2.2 Fees. The fee is fixed."
    got = sentences(analyse_text(text))
    assert "The Supplier shall provide:\n(a) hosting;\n(b) support; and\n(c) monitoring." in got
    assert got[-1] == "The fee is fixed."


def test_label_token_does_not_end_a_sentence(analyse_text):
    got = sentences(analyse_text("8. Fees and Payment. Customer shall pay all fees."))
    assert got == ["8. Fees and Payment.", "Customer shall pay all fees."]


def test_default_breaks_without_user_data():
    """The pipeline component also works on plain text (no Document): blank lines break."""
    from msalint.segment.nlp import get_nlp
    from msalint.segment.sentences import sentence_spans

    text = "First paragraph without stop\n\nSecond one. Third one."
    doc = get_nlp()(text)
    assert [text[s:e] for s, e in sentence_spans(doc)] == ["First paragraph without stop", "Second one.", "Third one."]


def test_pipeline_is_cached_and_has_lemmas():
    from msalint.segment.nlp import get_nlp

    nlp = get_nlp()
    assert get_nlp() is nlp
    assert nlp.pipe_names == ["msalint_sentences", "msalint_lemmas"]
    assert [t.lemma_ for t in nlp("services were provided")] == ["service", "be", "provide"]


def test_no_sentence_crosses_a_block_start_inside_a_token(make_doc, analyse_text):
    from msalint.model import Block
    from msalint.segment import analyse

    text = "The fee is due with no further obligation.10.4 The Vendor hosts the service."
    cut = text.index("10.4")  # extraction glued the next block's label to the full stop: one spaCy token
    doc = make_doc(text, blocks=[Block(0, cut, "paragraph"), Block(cut, len(text), "paragraph")])
    got = [text[s:e] for s, e in analyse(doc).sentences]
    assert got == ["The fee is due with no further obligation.", "10.4 The Vendor hosts the service."]


def test_split_at_breaks_keeps_spans_and_trims():
    from msalint.segment.sentences import split_at_breaks

    text = "Alpha beta   gamma delta"
    assert split_at_breaks([(0, len(text))], [13], text) == [(0, 10), (13, len(text))]
    assert split_at_breaks([(0, 10)], [0, 10, 20], text) == [(0, 10)]


def test_a_long_run_of_underscores_is_one_token_and_a_short_blank_is_unchanged():
    from msalint.segment.nlp import get_nlp

    nlp = get_nlp()
    long_run = "_" * 5_000
    tokens = [t.text for t in nlp.make_doc(f"Fee: ${long_run}. per month")]
    assert tokens == ["Fee", ":", "$", long_run, ".", "per", "month"]
    assert [t.text for t in nlp.make_doc("Fee: ____ per month")] == ["Fee", ":", "_", "_", "_", "_", "per", "month"]


def test_a_long_underscore_run_attached_to_a_word_is_one_token_too():
    from msalint.segment.nlp import get_nlp

    nlp = get_nlp()
    long_run = "_" * 20_000  # peeled one underscore per pass this took about a minute
    assert [t.text for t in nlp.make_doc(f"Name:{long_run} Date")] == ["Name", ":", long_run, "Date"]
    assert [t.text for t in nlp.make_doc(f"{long_run}Signature")] == [long_run, "Signature"]
    assert [t.text for t in nlp.make_doc("Name:____ Date")] == ["Name", ":", "_", "_", "_", "_", "Date"]
