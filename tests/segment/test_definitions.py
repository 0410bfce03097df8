"""The defined-terms index."""
from __future__ import annotations

from msalint.model import clause_locator
from msalint.segment.clauses import build_clauses
from msalint.segment.definitions import find_definitions


def terms(make_doc, text):
    doc = make_doc(text)
    clauses, _ = build_clauses(doc)
    return find_definitions(doc.text, clause_locator(clauses))


def test_quoted_means_forms(make_doc):
    text = ('1. Definitions.\n\n1.1 "Affiliate" means a controlled entity.\n\n'
            '1.2 “Service Credit” shall mean a credit against fees.\n\n'
            '1.3 "Business Day" or "BD" means a weekday.\n\n'
            '1.4 "Fees": means the charges in the Order.\n\n'
            '1.5 "Deliverables" has the meaning given in Section 4.\n')
    found = terms(make_doc, text)
    assert [(d.term, d.clause) for d in found] == [
        ("Affiliate", "1.1"), ("Service Credit", "1.2"), ("Business Day", "1.3"), ("BD", "1.3"),
        ("Fees", "1.4"), ("Deliverables", "1.5"),
    ]
    doc_text = text
    assert all(doc_text[d.start:d.end] == d.term for d in found)


def test_parenthetical_definitions(make_doc):
    text = ('This Agreement (the "Agreement") is made by Acme Inc. ("Supplier") and Beta LLC '
            '(hereinafter “Customer”), (each, a "Party" and together the "Parties"), effective as of the date '
            '(hereinafter referred to as the "Effective Date"). Beta LLC, hereinafter referred to as the "Buyer", agrees.')
    assert [d.term for d in terms(make_doc, text)] == [
        "Agreement", "Supplier", "Customer", "Party", "Parties", "Effective Date", "Buyer",
    ]


def test_citations_of_terms_are_not_definitions(make_doc):
    text = 'The fee (as defined in "Schedule A") is due. The "Services" are described below. See "Fees" here.'
    assert terms(make_doc, text) == []


def test_unquoted_definition_lists(make_doc):
    text = ("2. Definitions.\n\nAffiliate means a controlled entity.\n\nConfidential Information: means secret "
            "information.\n\nAs used herein, Service Level means the standard in Schedule B.\n\n"
            "It means nothing.\n")
    found = terms(make_doc, text)
    assert [(d.term, d.clause) for d in found] == [
        ("Affiliate", "2"), ("Confidential Information", "2"), ("Service Level", "2"),
    ]


def test_quoted_term_wrapped_over_a_line_break(make_doc):
    text = ('1. Secrets. Each party may share business plans (together, "Protected\n'
            'Material") with the other.\n\n2. Use. "Service\nWindow" means the hours of support.\n')
    found = terms(make_doc, text)
    assert [(d.term, d.clause) for d in found] == [("Protected Material", "1"), ("Service Window", "2")]
    assert text[found[0].start:found[0].end] == "Protected\nMaterial"


def test_quotes_over_a_blank_line_are_not_one_term(make_doc):
    text = '1. Notes. The word "alpha\n\nappears" here; "Beta" means a test.\n'
    assert [d.term for d in terms(make_doc, text)] == ["Beta"]


def test_term_variants_cover_plural_optional_s_and_capitals():
    from msalint.segment.definitions import term_variants

    assert term_variants("Impression(s)")[:3] == ["Impression(s)", "Impression", "Impressions"]
    assert "Effective Date" in term_variants("EFFECTIVE DATE")
    assert {"Error", "Errors"} <= set(term_variants("ERROR"))
    assert "Invoice" in term_variants("Invoices")
    assert term_variants("Order  Form")[0] == "Order Form"
    assert "Gross Margin" not in term_variants("Gross margin")  # only terms defined in capitals change case


def test_definitions_after_layout_runs_of_whitespace(make_doc):
    # Space-aligned layouts put long runs of blanks between a number and its term; the scan must still find them
    # (and stays linear in the run's length: see benchmarks/speed.py scaling).
    text = ("1. Definitions.\n\n" + "Term" + " " * 300 + "\n\n\n\n(a)" + " \t" * 40 + "Affiliate means a controlled "
            "entity.\n\nAs used herein Service Level means the standard.\n" + "\n" * 200 + "1.2    Uptime: means the "
            "measured availability.\n")
    assert [d.term for d in terms(make_doc, text)] == ["Affiliate", "Service Level", "Uptime"]


def test_ies_plurals_fold_both_ways():
    from msalint.segment.definitions import term_variants

    assert "Restricted Activity" in term_variants("Restricted Activities")
    assert "Restricted Activities" in term_variants("Restricted Activity")
    assert "PROPERTIES" in term_variants("PROPERTY")
    assert "Days" in term_variants("Day")  # a vowel before the y keeps the plain -s plural
    assert "Daies" not in term_variants("Day")


def test_title_after_a_numbered_part_is_not_a_definition(make_doc):
    text = ('1. Scope. The items listed in Exhibit 4 ("Covered Equipment List") and in Schedule 2.1 '
            '("Sites") are covered; see also Section 7 (“Fees”). The Supplier (the "Contractor") agrees.\n')
    assert [d.term for d in terms(make_doc, text)] == ["Contractor"]


def test_a_lower_case_gloss_is_not_a_definition(make_doc):
    text = '1. Indemnity. Each party shall indemnify ("garantir") the other. Beta LLC (the "Customer") agrees.\n'
    assert [d.term for d in terms(make_doc, text)] == ["Customer"]
