"""Typed value extraction: durations, percentages, money, priorities, counts, dual numerals."""
from __future__ import annotations

import pytest

from msalint import values as V


@pytest.mark.parametrize("text, number", [
    ("one", 1), ("fifteen", 15), ("twenty-four", 24), ("forty five", 45), ("ninety-nine", 99),
    ("one hundred", 100), ("one hundred and eighty", 180), ("one hundred twenty", 120), ("two thousand", 2000),
    ("one million", 1_000_000), ("thirty", 30),
])
def test_number_words(text, number):
    assert V.parse_number_words(text) == number


def test_number_words_rejects_other_words():
    assert V.parse_number_words("thirty days") is None
    assert V.parse_number("1,250.5") == 1250.5


@pytest.mark.parametrize("text, written, amount, unit, business, minutes", [
    ("within thirty (30) days of invoice", "thirty (30) days", 30, "day", False, 30 * 1440),
    ("within 30 days", "30 days", 30, "day", False, 30 * 1440),
    ("respond within four hours", "four hours", 4, "hour", False, 240),
    ("within 2 hrs", "2 hrs", 2, "hour", False, 120),
    ("15 minutes", "15 minutes", 15, "minute", False, 15),
    ("within 5 mins", "5 mins", 5, "minute", False, 5),
    ("within 4 business hours", "4 business hours", 4, "hour", True, 240),
    ("within ten (10) business days", "ten (10) business days", 10, "day", True, 10 * 1440 * 7 / 5),
    ("within 10 working days", "10 working days", 10, "day", True, 10 * 1440 * 7 / 5),
    ("sixty (60) calendar days", "sixty (60) calendar days", 60, "day", False, 60 * 1440),
    ("a 30-day cure period", "30-day", 30, "day", False, 30 * 1440),
    ("a sixty-day notice", "sixty-day", 60, "day", False, 60 * 1440),
    ("two weeks", "two weeks", 2, "week", False, 2 * 10080),
    ("twelve (12) months", "twelve (12) months", 12, "month", False, 12 * 43200),
    ("3 years", "3 years", 3, "year", False, 3 * 525600),
    ("twenty-four (24) hour(s)", "twenty-four (24) hour(s)", 24, "hour", False, 1440),
    ("one hundred and twenty (120) days", "one hundred and twenty (120) days", 120, "day", False, 120 * 1440),
    ("within 1.5 hours", "1.5 hours", 1.5, "hour", False, 90),
])
def test_durations(text, written, amount, unit, business, minutes):
    found = V.extract_durations(text)
    assert len(found) == 1, found
    d = found[0]
    assert (d.text, d.amount, d.unit, d.business) == (written, amount, unit, business)
    assert d.minutes == pytest.approx(minutes)
    assert text[d.start:d.end] == written


def test_duration_offsets_are_shifted():
    d = V.extract_durations("pay in 30 days", offset=100)[0]
    assert (d.start, d.end) == (107, 114)


def test_dual_form_disagreement_is_detected():
    d = V.extract_durations("within fifteen (30) days")[0]
    assert d.mismatch and d.words == 15 and d.digits == 30 and d.amount == 30
    assert not V.extract_durations("within thirty (30) days")[0].mismatch


def test_coverage_is_not_a_duration():
    assert V.extract_durations("support 24x7 and 24/7 and 24 x 7 x 365") == []
    assert [c.text for c in V.extract_coverage("support 24x7, 24/7 and 24 x 7 x 365")] == ["24x7", "24/7", "24 x 7 x 365"]
    assert V.extract_coverage("twenty-four hours a day, seven days a week")


def test_durations_not_invented():
    assert V.extract_durations("Section 4.2 and Schedule 3 apply; the Provider has 3 offices.") == []


@pytest.mark.parametrize("text, amount", [
    ("99.9%", 99.9), ("99.9 %", 99.9), ("99.9 percent", 99.9), ("99.95 per cent", 99.95),
    ("five per cent", 5), ("fifty percent (50%)", 50), ("ten (10%) percent", 10), ("100%", 100),
])
def test_percents(text, amount):
    found = V.extract_percents(f"an availability of {text} applies")
    assert len(found) == 1 and found[0].amount == amount and found[0].text == text


def test_percent_dual_mismatch():
    p = V.extract_percents("fifteen percent (50%)")[0]
    assert p.mismatch and p.words == 15 and p.digits == 50


@pytest.mark.parametrize("text, amount, currency", [
    ("$1,000,000", 1_000_000, "USD"), ("USD 5,000", 5000, "USD"), ("EUR 10 000", 10_000, "EUR"),
    ("one million dollars", 1_000_000, "USD"), ("$1.5 million", 1_500_000, "USD"), ("10,000 USD", 10_000, "USD"),
    ("£500", 500, "GBP"), ("€2,500.50", 2500.5, "EUR"), ("$5k", 5000, "USD"), ("GBP 250", 250, "GBP"),
    ("five thousand euros", 5000, "EUR"),
])
def test_money(text, amount, currency):
    found = V.extract_money(f"a cap of {text} applies")
    assert len(found) == 1, found
    assert found[0].amount == pytest.approx(amount) and found[0].unit == currency


@pytest.mark.parametrize("text, ranks", [
    ("P1 and P2 incidents", [1, 2]),
    ("Priority 1, Severity 2, Sev 3, Sev1", [1, 2, 3, 1]),
    ("Priority One tickets", [1]),
    ("Critical incidents and high priority requests", [1, 2]),
    ("Priority: Low", [4]),
    ("a high standard of care and a low price", []),
])
def test_priorities(text, ranks):
    assert [int(p.amount) for p in V.extract_priorities(text)] == ranks


def test_priority_bare_words_in_cells():
    assert [int(p.amount) for p in V.extract_priorities("High", bare_words=True)] == [2]
    assert V.extract_priorities("High") == []


def test_counts_skip_percent_and_money():
    counts = V.extract_counts("three (3) audits, 10% and $5 fees")
    assert [(c.text, c.amount) for c in counts] == [("three (3)", 3)]


def test_dual_numbers():
    found = V.extract_dual_numbers("fifteen (30) days and thirty (30) days and ten (10%)")
    assert [(d.text, d.mismatch) for d in found] == [("fifteen (30)", True), ("thirty (30)", False), ("ten (10%)", False)]


@pytest.mark.parametrize("kind, text, expect", [
    ("duration", "45 days", 45 * 1440), ("percent", "99.5%", 99.5), ("money", "USD 1000", 1000), ("count", "3", 3),
])
def test_parse_value_for_thresholds(kind, text, expect):
    v = V.parse_value(kind, text)
    assert (v.minutes if kind == "duration" else v.amount) == expect
    assert V.parse_value("duration", "45 parsecs") is None


def test_describe_and_key():
    d = V.extract_durations("30 business days")[0]
    assert d.describe() == "30 business days"
    assert V.extract_durations("4 hours")[0].key() == V.extract_durations("240 minutes")[0].key()


def test_rates_are_marked():
    found = V.extract_durations("support 24 hours a day, 5 days per week, response within 4 hours")
    assert [(d.text, d.rate) for d in found] == [("24 hours", True), ("5 days", True), ("4 hours", False)]


@pytest.mark.parametrize("text", ["the Provider's 3 engineers", "Clauses 2 and 3", "as 1 of", "step 2"])
def test_priority_labels_not_invented(text):
    assert V.extract_priorities(text) == []


def test_priority_label_forms():
    text = "P1, p2, P 3, Sev-2, SEV1, S1, severity level 3, Priority four"
    assert [int(p.amount) for p in V.extract_priorities(text)] == [1, 2, 3, 2, 1, 1, 3, 4]


def test_priority_classes_named_by_number_or_letter_and_form_names_are_not_priorities():
    text = "A Class 1 Error stops work; a Level B incident slows it; Category II defects are cosmetic."
    assert [int(p.amount) for p in V.extract_priorities(text)] == [1, 2, 2]
    assert V.extract_priorities("filed on Form S-4 and Form S-1") == []


@pytest.mark.parametrize("text", ["24x7", "24/7/365", "twenty-four (24) hours a day, seven (7) days a week",
                                  "24 hours per day, 7 days per week"])
def test_round_the_clock_coverage(text):
    assert [v.kind for v in V.extract("coverage", text, 0)] == ["coverage"]


@pytest.mark.parametrize("text, written, minutes", [
    ("respond within an hour", "an hour", 60), ("no later than a business day after", "a business day", 1440 * 7 / 5),
    ("for a year", "a year", 525_600),
    ("repaired no later than the next working day", "the next working day", 1440 * 7 / 5),
    ("answered by the following business day", "the following business day", 1440 * 7 / 5),
])
def test_article_durations(text, written, minutes):
    found = V.extract_durations(text)
    assert [(d.text, d.minutes) for d in found] == [(written, pytest.approx(minutes))]


def test_article_not_a_duration_without_preposition():
    assert [d.text for d in V.extract_durations("support 24 hours a day, once a month")] == ["24 hours"]
    assert V.extract_durations("The next working day he left on a business day trip.") == []


# ---- spoken decimals (QA: "ninety-seven point five percent (97.5%)" was read as "five percent (97.5%)")

@pytest.mark.parametrize("text, number", [
    ("ninety-seven point five", 97.5), ("ninety nine point nine five", 99.95), ("zero point five", 0.5),
])
def test_number_words_with_point(text, number):
    assert V.parse_number_words(text) == pytest.approx(number)


def test_percent_with_spoken_decimal_keeps_the_whole_value_as_written():
    [v] = V.extract_percents("an availability of ninety-seven point five percent (97.5%) per month")
    assert v.text == "ninety-seven point five percent (97.5%)" and v.amount == 97.5 and not v.mismatch
    assert V.extract_dual_numbers("ninety-seven point five (97.5) percent")[0].mismatch is False
    assert V.extract_dual_numbers("ninety-seven point five (95.7) percent")[0].mismatch is True


def test_point_without_digit_words_is_not_a_decimal():
    [v] = V.extract_durations("a point of contact within five days")
    assert v.text == "five days" and v.amount == 5


def test_seconds_are_a_duration_unit_but_a_section_abbreviation_is_not():
    found = V.extract_durations("95% of calls are answered within thirty (30) seconds; see Sec. 5 for credits.")
    assert [(v.amount, v.unit) for v in found] == [(30, "second")]
    assert found[0].minutes == pytest.approx(0.5)
    assert V.parse_value("duration", "20 seconds").minutes < V.parse_value("duration", "1 minute").minutes


@pytest.mark.parametrize("text, mismatch", [
    ("Six (6,000,000) Million Dollars", False),
    ("Six (6) Million Dollars", False),
    ("Six (7,000,000) Million Dollars", True),
    ("fifteen (30) days", True),
])
def test_dual_numbers_with_a_trailing_scale_word(text, mismatch):
    (value,) = V.extract_dual_numbers(text)
    assert value.mismatch is mismatch


@pytest.mark.parametrize("text, tenor", [
    ("interest at the prime rate for 90 day loans", "90 day"),
    ("the three-month LIBOR plus two percent", "three-month"),
    ("a rate equal to 1-month Term SOFR", "1-month"),
    ("the yield on 30-day Treasury bills", "30-day"),
])
def test_a_loan_or_reference_rate_tenor_is_not_a_deadline(text, tenor):
    found = V.extract_durations(text)
    assert [(d.text, d.rate) for d in found] == [(tenor, True)]


def test_a_deadline_before_a_loan_word_elsewhere_is_still_a_deadline():
    found = V.extract_durations("Invoices are payable within 30 days; the loans bear interest.")
    assert [(d.text, d.rate) for d in found] == [("30 days", False)]
