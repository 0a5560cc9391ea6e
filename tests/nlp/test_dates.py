"""Date expressions: absolute forms, tense-dependent years, weekdays, relative phrases, negatives."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from allywatch.model import DateMention
from allywatch.nlp.dates import find_dates


def found(text: str, published: dt.date | None) -> list[tuple[str, str]]:
    """(text, value) pairs, after checking that every mention's offsets point at its text."""
    mentions = find_dates(text, published)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    return [(m.text, m.value) for m in mentions]


def one(text: str, published: dt.date | None) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --- absolute dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Australia and Japan signed the agreement on April 6, 2024, in Canberra.",
            ("April 6, 2024", "2024-04-06"),
        ),
        ("The memorandum dated 6 April 2024 sets out joint production.", ("6 April 2024", "2024-04-06")),
        ("CANBERRA, Aug. 5, 2025 (Wire) — The navy picked Mitsubishi.", ("Aug. 5, 2025", "2025-08-05")),
        ("The contract takes effect on Sept. 1, 2025, the ministry said.", ("Sept. 1, 2025", "2025-09-01")),
        ("Published 2025-04-28 by the Defence Ministry.", ("2025-04-28", "2025-04-28")),
        ("The two navies began joint patrols in July 2023.", ("July 2023", "2023-07")),
        ("Seoul and Warsaw have cooperated on artillery since 2015.", ("2015", "2015")),
        ("The ministry requested the funds in its budget for fiscal 2025.", ("fiscal 2025", "2025")),
        ("Hanwha expects first deliveries in Q1 2025.", ("Q1 2025", "2025")),
        (
            "Exercise Talisman Sabre runs July 14-28, 2025, off Queensland.",
            ("July 14-28, 2025", "2025-07-14"),
        ),
    ],
)
def test_absolute_dates(text: str, expected: tuple[str, str]) -> None:
    assert found(text, dt.date(2025, 9, 2)) == [expected]
    assert found(text, None) == [expected]


def test_absolute_date_offsets() -> None:
    text = "Australia and Japan signed the agreement on April 6, 2024, in Canberra."
    mention = one(text, None)
    assert mention == DateMention("April 6, 2024", "2024-04-06", text.index("April"), text.index(", in"))


def test_range_without_year_reports_its_start() -> None:
    text = "The Balikatan drills, held April 8-14, involved 16,000 troops."
    assert found(text, dt.date(2024, 4, 20)) == [("April 8-14", "2024-04-08")]


def test_bare_year_needs_a_preposition() -> None:
    text = "The 2025 budget funds 2,000 troops, 400 missiles, 180 K2 tanks and a total of 2000 rounds."
    assert found(text, dt.date(2025, 1, 10)) == []


def test_year_ranges() -> None:
    text = "Exports rose from 2020 to 2023 and the plan runs between 2025 and 2030."
    assert found(text, None) == [("2020", "2020"), ("2023", "2023"), ("2025", "2025"), ("2030", "2030")]


def test_invalid_calendar_dates_are_skipped() -> None:
    assert found("The file 2025-13-45 and April 31 are not dates.", dt.date(2025, 4, 1)) == []


# --- month and day without a year --------------------------------------------------------------------------


def test_month_day_takes_the_publication_year() -> None:
    text = "Defense ministers from the three countries met in Hawaii on Aug. 1."
    assert found(text, dt.date(2024, 8, 3)) == [("Aug. 1", "2024-08-01")]


def test_month_day_future_sentence_moves_to_next_year() -> None:
    text = "The first two frigates will be handed over on Feb. 10, the shipyard said."
    assert found(text, dt.date(2024, 12, 27)) == [("Feb. 10", "2025-02-10")]


def test_month_day_past_sentence_moves_to_previous_year() -> None:
    text = "The first batch of K9 howitzers was delivered on Nov. 20 to Poland."
    assert found(text, dt.date(2025, 1, 15)) == [("Nov. 20", "2024-11-20")]


def test_month_day_within_two_months_keeps_the_year() -> None:
    # Past sentence, date a few days after publication: still the year of publication.
    text = "The agreement was signed on April 9 in Washington."
    assert found(text, dt.date(2024, 4, 6)) == [("April 9", "2024-04-09")]


def test_month_day_neutral_sentence_takes_the_nearest() -> None:
    assert found("Jan. 5: talks in Manila.", dt.date(2024, 12, 27)) == [("Jan. 5", "2025-01-05")]


def test_day_month_without_year() -> None:
    text = "The memorandum was signed on 6 April in Canberra."
    assert found(text, dt.date(2024, 4, 8)) == [("6 April", "2024-04-06")]


def test_weekday_before_a_date_is_one_mention() -> None:
    text = "On Thursday, April 4, the leaders met in Tokyo."
    assert found(text, dt.date(2024, 4, 6)) == [("On Thursday, April 4", "2024-04-04")]


# --- weekdays ----------------------------------------------------------------------------------------------


def test_weekday_same_day_counts() -> None:
    text = "Australia and Japan signed a deal on Thursday to build frigates together."
    mention = one(text, dt.date(2025, 5, 22))  # a Thursday
    assert (mention.text, mention.value) == ("on Thursday", "2025-05-22")
    assert mention.start == text.index("on Thursday")


def test_weekday_past_is_the_latest_on_or_before() -> None:
    text = "Mitsubishi Heavy Industries said Friday it would bid for the program."
    assert found(text, dt.date(2025, 5, 22)) == [("Friday", "2025-05-16")]


def test_weekday_future_is_the_next_on_or_after() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida will hold talks with Joe Biden at the White House on "
        "Wednesday, followed by a trilateral summit with Philippine President Ferdinand Marcos Jr. "
        "the next day."
    )
    assert found(text, dt.date(2024, 4, 6)) == [
        ("on Wednesday", "2024-04-10"),
        ("the next day", "2024-04-11"),
    ]


def test_weekday_due_to_arrive() -> None:
    text = "The Australian delegation is due to arrive on Friday."
    assert found(text, dt.date(2024, 4, 6)) == [("on Friday", "2024-04-12")]


def test_weekday_at_sentence_start_uses_the_verb_after_it() -> None:
    text = "On Monday, the two defence ministers signed a memorandum on submarine maintenance."
    assert found(text, dt.date(2024, 4, 6)) == [("On Monday", "2024-04-01")]


def test_weekday_past_verb_before_future_clause() -> None:
    text = "Japan signed an agreement with Australia on Thursday that will see joint production."
    assert found(text, dt.date(2024, 4, 6)) == [("on Thursday", "2024-04-04")]


def test_last_and_next_weekday() -> None:
    text = "The leaders met last Thursday and will meet again next Saturday."
    assert found(text, dt.date(2024, 4, 6)) == [
        ("last Thursday", "2024-04-04"),
        ("next Saturday", "2024-04-13"),
    ]


def test_weekday_names_that_are_not_days() -> None:
    text = "The Sunday Times reported that Black Friday sales and Good Friday services went ahead."
    assert found(text, dt.date(2024, 4, 6)) == []


# --- today, yesterday, the next day ------------------------------------------------------------------------


def test_day_words() -> None:
    text = (
        "The ministry confirmed today that the Hunter-class contract was amended yesterday. "
        "Officials will brief lawmakers tomorrow, and talks continue this week."
    )
    assert found(text, dt.date(2024, 7, 9)) == [
        ("today", "2024-07-09"),
        ("yesterday", "2024-07-08"),
        ("tomorrow", "2024-07-10"),
        ("this week", "2024-07-09"),
    ]


def test_previous_day_without_earlier_date() -> None:
    text = "Officials said the contract with Rheinmetall had been signed the previous day."
    assert found(text, dt.date(2024, 7, 9)) == [("the previous day", "2024-07-08")]


def test_next_day_follows_the_last_full_date() -> None:
    text = "The frigate was launched on June 3, 2024. A day later it began trials; two days later it docked."
    assert found(text, dt.date(2024, 7, 9)) == [
        ("June 3, 2024", "2024-06-03"),
        ("A day later", "2024-06-04"),
        ("two days later", "2024-06-06"),
    ]


def test_day_before_a_named_event_is_not_resolved() -> None:
    assert found("The day before the summit, officials met privately.", dt.date(2024, 7, 9)) == []


def test_usa_today_is_not_a_date() -> None:
    assert found("USA Today reported the sale.", dt.date(2024, 7, 9)) == []


def test_last_and_next_week() -> None:
    text = "Poland received tanks last week and expects more next week."
    assert found(text, dt.date(2024, 7, 9)) == [("last week", "2024-07-02"), ("next week", "2024-07-16")]


# --- months ------------------------------------------------------------------------------------------------


def test_month_in_past_sentence() -> None:
    text = "The first Type 31 frigate was floated out in July."
    assert found(text, dt.date(2024, 10, 16)) == [("July", "2024-07")]


def test_month_in_future_sentence_moves_to_next_year() -> None:
    text = "The procurement agency will receive the funds in the fiscal year beginning in April."
    assert found(text, dt.date(2024, 12, 27)) == [("April", "2025-04")]


def test_month_in_past_sentence_keeps_the_year() -> None:
    text = "The defense budget exceeded the figure announced in October by 2 percent."
    assert found(text, dt.date(2024, 12, 27)) == [("October", "2024-10")]


def test_month_with_modifiers() -> None:
    text = "Production will begin in early March, with deliveries from mid-July; the first came last May."
    assert found(text, dt.date(2024, 6, 10)) == [
        ("early March", "2025-03"),
        ("mid-July", "2024-07"),
        ("last May", "2024-05"),
    ]


def test_relative_months() -> None:
    text = (
        "Exports fell last month, talks resume next month and a decision is due later this month; "
        "the plan was approved earlier this month."
    )
    assert found(text, dt.date(2024, 12, 27)) == [
        ("last month", "2024-11"),
        ("next month", "2025-01"),
        ("later this month", "2024-12"),
        ("earlier this month", "2024-12"),
    ]


def test_month_with_relative_year() -> None:
    text = (
        "The deal was first discussed in August last year and signed October last year; "
        "talks resume in March next year."
    )
    assert found(text, dt.date(2024, 5, 2)) == [
        ("August last year", "2023-08"),
        ("October last year", "2023-10"),
        ("March next year", "2025-03"),
    ]


def test_may_as_a_month() -> None:
    text = "The contract was signed in May, and deliveries begin May 5."
    assert found(text, dt.date(2024, 4, 6)) == [("May", "2024-05"), ("May 5", "2024-05-05")]


@pytest.mark.parametrize(
    "text",
    [
        "Japan may export the frigates to Australia.",
        "May the talks succeed, the minister said.",
        "The K2 tanks may be built in Poland, officials said.",
        "The ministry may buy 400 missiles and deploy 2,000 troops.",
        "The March agreement covers submarines.",
    ],
)
def test_not_months(text: str) -> None:
    assert found(text, dt.date(2024, 4, 6)) == []


# --- years -------------------------------------------------------------------------------------------------


def test_relative_years() -> None:
    text = (
        "Arms exports doubled last year and rose again earlier this year; the ministry expects a new "
        "record this year and a contract early next year, later this year or next year."
    )
    assert found(text, dt.date(2024, 12, 27)) == [
        ("last year", "2023"),
        ("earlier this year", "2024"),
        ("this year", "2024"),
        ("early next year", "2025"),
        ("later this year", "2024"),
        ("next year", "2025"),
    ]


def test_ago() -> None:
    text = "The program started two years ago; the prototype flew three months ago and landed 10 days ago."
    assert found(text, dt.date(2024, 12, 27)) == [
        ("two years ago", "2022"),
        ("three months ago", "2024-09"),
        ("10 days ago", "2024-12-17"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Cooperation has deepened in recent years.",
        "Sales rose 12 percent in the first quarter.",
        "Spending grew over the past year and will rise over the next year.",
    ],
)
def test_unresolvable_periods_are_skipped(text: str) -> None:
    assert found(text, dt.date(2024, 12, 27)) == []


# --- without a publication date ----------------------------------------------------------------------------


def test_without_published_only_absolute_dates() -> None:
    text = (
        "SEOUL, April 9 — Hanwha said on Thursday it signed the deal yesterday, after talks in July 2023 "
        "and a contract dated 6 April 2024. Deliveries start next year; the budget for fiscal 2025 was set "
        "last month, and the next day the ministry confirmed it."
    )
    assert found(text, None) == [
        ("July 2023", "2023-07"),
        ("6 April 2024", "2024-04-06"),
        ("fiscal 2025", "2025"),
    ]


# --- whole text --------------------------------------------------------------------------------------------

ARTICLE = """TOKYO, April 6 (Wire) - Japanese Prime Minister Fumio Kishida will hold talks with U.S. \
President Joe Biden at the White House on Wednesday, followed by a trilateral summit with Philippine \
President Ferdinand Marcos Jr. the next day.
The two countries signed a defense pact in July 2023, and Japan plans to buy 400 Tomahawk missiles by \
fiscal 2025. Mitsubishi Heavy Industries said its profits rose 12 percent last year.
Officials said on Friday that the K2 tanks may be delivered in March next year."""


def test_article() -> None:
    assert found(ARTICLE, dt.date(2024, 4, 6)) == [
        ("April 6", "2024-04-06"),
        ("on Wednesday", "2024-04-10"),
        ("the next day", "2024-04-11"),
        ("July 2023", "2023-07"),
        ("fiscal 2025", "2025"),
        ("last year", "2023"),
        ("on Friday", "2024-04-05"),
        ("March next year", "2025-03"),
    ]


def test_is_pure() -> None:
    published = dt.date(2024, 4, 6)
    assert find_dates(ARTICLE, published) == find_dates(ARTICLE, published)
    assert find_dates("", published) == []


def test_speed() -> None:
    """About 1 MB of date-dense news text well within a few seconds (measured: ~0.4 s)."""
    text = (ARTICLE + "\n") * (1_000_000 // len(ARTICLE))
    begin = time.perf_counter()
    mentions = find_dates(text, dt.date(2024, 4, 6))
    assert time.perf_counter() - begin < 5.0
    assert len(mentions) > 10_000


def test_a_day_something_is_set_or_slated_for_is_ahead() -> None:
    import datetime as dt

    from allywatch.nlp.dates import find_dates

    published = dt.date(2025, 5, 22)  # a Thursday
    assert [d.value for d in find_dates("The talks are set for Friday.", published)] == ["2025-05-23"]
    assert [d.value for d in find_dates("Drills are slated for Monday.", published)] == ["2025-05-26"]
    assert [d.value for d in find_dates("The two met on Monday.", published)] == ["2025-05-19"]


@pytest.mark.parametrize("text,values", [
    ("The drill began on the 24th and runs until the 26th.", ["2024-06-24", "2024-06-26"]),
    ("They inked the contract on the 4th.", ["2024-06-04"]),
    ("The ministers met on the 2nd of this month.", ["2024-06-02"]),
    ("Talks will resume on the 3rd.", ["2024-07-03"]),
    ("The order was signed on the 1st day.", ["2024-06-01"]),
    ("The 4th Infantry Division moved north.", []),
    ("Wars of the 21st century are fought with drones.", []),
])
def test_a_day_of_the_month_as_translated_copy_writes_it(text: str, values: list[str]) -> None:
    import datetime as dt

    from allywatch.nlp.dates import find_dates

    assert [d.value for d in find_dates(text, dt.date(2024, 6, 27))] == values


def test_a_weekday_takes_the_tense_of_an_irregular_past_verb_before_any_later_future() -> None:
    friday = dt.date(2025, 12, 5)
    for text in ("On Monday, the two firms broke ground on a plant that is to make rocket fuel.",
                 "On Monday the minister flew to Oslo; the jets will follow in spring.",
                 "The shipyard sold its first hull on Monday and is to build four more."):
        assert found(text, friday)[0] == ("On Monday" if text.startswith("On") else "on Monday", "2025-12-01"), text


def test_an_irregular_past_form_after_be_is_no_past_cue() -> None:
    text = "The first boats will be handed over on Feb. 10 at the yard."
    assert found(text, dt.date(2024, 12, 27)) == [("Feb. 10", "2025-02-10")]
    text = "The keel is to be laid on Monday."
    assert found(text, dt.date(2025, 12, 5)) == [("on Monday", "2025-12-08")]


def test_short_weekdays_count_after_next_last_on_or_in_brackets() -> None:
    thursday = dt.date(2025, 8, 14)
    assert found("Drills start next Mon and run 11 days.", thursday) == [("next Mon", "2025-08-18")]
    assert found("Talks set for next Tue in Tokyo.", thursday) == [("next Tue", "2025-08-19")]
    assert found("All six launchers were delivered (Mon).", thursday) == [("Mon", "2025-08-11")]
    # alone, the short forms are other words
    assert found("The Sun reported that the couple will wed in spring.", thursday) == []


def test_a_present_tense_of_beginning_dates_a_day_to_come() -> None:
    sunday = dt.date(2025, 6, 15)
    assert found("The joint drills begin on Tuesday off Goa.", sunday) == [("on Tuesday", "2025-06-17")]
    assert found("The joint drills began on Tuesday off Goa.", sunday) == [("on Tuesday", "2025-06-10")]


def test_a_month_then_a_day_in_translated_copy() -> None:
    wednesday = dt.date(2025, 6, 11)
    assert found("The president visited Cairo last month 26th.", wednesday) == [("last month 26th", "2025-05-26")]
    assert found("The envoy arrived last month 20th day for talks.", wednesday) == [
        ("last month 20th day", "2025-05-20")]
    assert found("This month 3rd the two sides signed.", wednesday) == [("This month 3rd", "2025-06-03")]


def test_a_span_from_a_weekday_in_the_present_is_to_come() -> None:
    wednesday = dt.date(2025, 6, 11)
    assert found("The drills run from Sunday.", wednesday) == [("Sunday", "2025-06-15")]
    assert found("The drills ran from Sunday to Tuesday.", wednesday) == [("Sunday", "2025-06-08"),
                                                                           ("Tuesday", "2025-06-10")]
