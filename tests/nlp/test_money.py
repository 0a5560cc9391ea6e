"""Tests for allywatch.nlp.money: amounts of money in text, their year and their value in dollars."""

from __future__ import annotations

from pathlib import Path

import pytest

from allywatch.model import Amount
from allywatch.nlp.money import FxTable, find_amounts


@pytest.fixture(scope="module")
def fx() -> FxTable:
    return FxTable.load()


def _check_offsets(text: str, amounts: list[Amount]) -> None:
    for amount in amounts:
        assert amount.text == text[amount.start : amount.end]
    assert [a.start for a in amounts] == sorted(a.start for a in amounts)


# (text, expected amount text, value in units, ISO currency): exactly one amount expected.
SINGLE = [
    ("Tokyo pledged ¥43 trillion to a build-up.", "¥43 trillion", 43e12, "JPY"),
    ("spending reached 9 trillion yen last year", "9 trillion yen", 9e12, "JPY"),
    ("spending reached about 9 trillion yen.", "9 trillion yen", 9e12, "JPY"),
    ("the budget is projected at $935 billion, while", "$935 billion", 935e9, "USD"),
    ("the budget is projected at \\$935 billion, while", "$935 billion", 935e9, "USD"),
    ("a deal worth A$10 billion over ten years", "A$10 billion", 10e9, "AUD"),
    ("a deal worth A$10bn over ten years", "A$10bn", 10e9, "AUD"),
    ("Britain will spend £10bn on submarines", "£10bn", 10e9, "GBP"),
    ("an order of €6.6 billion for tanks", "€6.6 billion", 6.6e9, "EUR"),
    ("Hanwha's ₩9 trillion deal", "₩9 trillion", 9e12, "KRW"),
    ("exports of ₩8.98 trillion in 2023", "₩8.98 trillion", 8.98e12, "KRW"),
    ("a 1.5 trillion won contract", "1.5 trillion won", 1.5e12, "KRW"),
    ("worth 9 trillion won.", "9 trillion won", 9e12, "KRW"),
    ("The ₹63,000 crore deal for 26 Rafale-M jets", "₹63,000 crore", 6.3e11, "INR"),
    ("contracts worth Rs 500 crore were signed", "Rs 500 crore", 5e9, "INR"),
    ("contracts worth Rs. 500 crore were signed", "Rs. 500 crore", 5e9, "INR"),
    ("a budget of INR 2 lakh crore for capital outlay", "INR 2 lakh crore", 2e12, "INR"),
    ("a budget of 6.81 lakh crore rupees", "6.81 lakh crore rupees", 6.81e12, "INR"),
    ("a deal of $55 billion", "$55 billion", 55e9, "USD"),
    ("a $100 million grant", "$100 million", 100e6, "USD"),
    ("an order of €199 million", "€199 million", 199e6, "EUR"),
    ("China will spend 5 billion yuan on it", "5 billion yuan", 5e9, "CNY"),
    ("China will spend RMB 10 billion on it", "RMB 10 billion", 10e9, "CNY"),
    ("China will spend CNY 3bn on it", "CNY 3bn", 3e9, "CNY"),
    ("Taiwan's special budget of NT$20 billion", "NT$20 billion", 20e9, "TWD"),
    ("Ottawa's C$1.2 billion purchase", "C$1.2 billion", 1.2e9, "CAD"),
    ("New Zealand's NZ$2.7 billion frigate upgrade", "NZ$2.7 billion", 2.7e9, "NZD"),
    ("a HK$3 billion fund", "HK$3 billion", 3e9, "HKD"),
    ("Singapore's S$20 billion defence budget", "S$20 billion", 20e9, "SGD"),
    ("Embraer's R$5 billion order", "R$5 billion", 5e9, "BRL"),
    ("Norway will spend NOK 10 billion", "NOK 10 billion", 10e9, "NOK"),
    ("Norway will spend 10 billion kroner", "10 billion kroner", 10e9, "NOK"),
    ("Sweden will spend SEK 5 billion", "SEK 5 billion", 5e9, "SEK"),
    ("Sweden will spend 5 billion kronor", "5 billion kronor", 5e9, "SEK"),
    ("Denmark will spend 3 billion Danish kroner", "3 billion Danish kroner", 3e9, "DKK"),
    ("Poland signed for 25 billion zloty", "25 billion zloty", 25e9, "PLN"),
    ("Poland signed for 25 mld złotych", None, 0.0, ""),  # Polish scale words are not English
    ("Poland signed for 25 billion złoty", "25 billion złoty", 25e9, "PLN"),
    ("Poland signed for PLN 25 billion", "PLN 25 billion", 25e9, "PLN"),
    ("a deal of 500 billion rupees", "500 billion rupees", 500e9, "INR"),
    ("Indonesia will pay 12 trillion rupiah", "12 trillion rupiah", 12e12, "IDR"),
    ("Indonesia will pay Rp 12 trillion", "Rp 12 trillion", 12e12, "IDR"),
    ("Manila set aside 35 billion pesos", "35 billion pesos", 35e9, "PHP"),
    ("Manila set aside ₱35 billion", "₱35 billion", 35e9, "PHP"),
    ("Manila set aside PHP 35 billion", "PHP 35 billion", 35e9, "PHP"),
    ("Ankara earmarked 40 billion lira", "40 billion lira", 40e9, "TRY"),
    ("Ankara earmarked TRY 40 billion", "TRY 40 billion", 40e9, "TRY"),
    ("Ankara earmarked ₺40 billion", "₺40 billion", 40e9, "TRY"),
    ("Moscow spent 13 trillion roubles", "13 trillion roubles", 13e12, "RUB"),
    ("Moscow spent 13 trillion rubles", "13 trillion rubles", 13e12, "RUB"),
    ("Moscow spent ₽13 trillion", "₽13 trillion", 13e12, "RUB"),
    ("Kyiv allocated 2.2 trillion hryvnias", "2.2 trillion hryvnias", 2.2e12, "UAH"),
    ("Kyiv allocated ₴2.2 trillion", "₴2.2 trillion", 2.2e12, "UAH"),
    ("Israel approved 30 billion shekels", "30 billion shekels", 30e9, "ILS"),
    ("Israel approved ₪30 billion", "₪30 billion", 30e9, "ILS"),
    ("Riyadh signed for 10 billion riyals", "10 billion riyals", 10e9, "SAR"),
    ("Riyadh signed for SAR 10 billion", "SAR 10 billion", 10e9, "SAR"),
    ("Abu Dhabi paid 5 billion dirhams", "5 billion dirhams", 5e9, "AED"),
    ("Abu Dhabi paid AED 5 billion", "AED 5 billion", 5e9, "AED"),
    ("Bern approved 6 billion Swiss francs", "6 billion Swiss francs", 6e9, "CHF"),
    ("Bern approved CHF 6 billion", "CHF 6 billion", 6e9, "CHF"),
    ("a grant of USD 5 million", "USD 5 million", 5e6, "USD"),
    ("a grant of EUR 2.3bn", "EUR 2.3bn", 2.3e9, "EUR"),
    ("a grant of GBP 400 million", "GBP 400 million", 400e6, "GBP"),
    ("a grant of JPY 50 billion", "JPY 50 billion", 50e9, "JPY"),
    ("a grant of 5 million USD", "5 million USD", 5e6, "USD"),
    ("a $5m grant", "$5m", 5e6, "USD"),
    ("a €5m grant", "€5m", 5e6, "EUR"),
    ("a $2B grant", "$2B", 2e9, "USD"),
    ("a $500k grant", "$500k", 5e5, "USD"),
    ("a $5 mn grant", "$5 mn", 5e6, "USD"),
    ("a $5 bn grant", "$5 bn", 5e9, "USD"),
    ("a $1tn plan", "$1tn", 1e12, "USD"),
    ("a $1 trn plan", "$1 trn", 1e12, "USD"),
    ("a $30 thousand fee", "$30 thousand", 3e4, "USD"),
    ("aid of $5 billions", "$5 billions", 5e9, "USD"),
    ("Rs 5 lakh per soldier", "Rs 5 lakh", 5e5, "INR"),
    ("a $1.2-billion contract", "$1.2-billion", 1.2e9, "USD"),
    ("a contract of $1,200,000 for spares", "$1,200,000", 1.2e6, "USD"),
    ("a contract of ₹1,50,000 crore", "₹1,50,000 crore", 1.5e12, "INR"),
    ("a US$3 billion deal", "US$3 billion", 3e9, "USD"),
    ("a U.S. $3 billion deal", "U.S. $3 billion", 3e9, "USD"),
    ("a U.S.$3 billion deal", "U.S.$3 billion", 3e9, "USD"),
    ("a $3 billion deal", "$3 billion", 3e9, "USD"),
    ("worth 3 billion dollars", "3 billion dollars", 3e9, "USD"),
    ("worth 3 billion U.S. dollars", "3 billion U.S. dollars", 3e9, "USD"),
    ("a 10-billion-dollar deal", "10-billion-dollar", 10e9, "USD"),
    ("worth 10 billion Australian dollars", "10 billion Australian dollars", 10e9, "AUD"),
    ("worth 10 billion Canadian dollars", "10 billion Canadian dollars", 10e9, "CAD"),
    ("worth 10 billion Singapore dollars", "10 billion Singapore dollars", 10e9, "SGD"),
    ("worth 10 billion Taiwan dollars", "10 billion Taiwan dollars", 10e9, "TWD"),
    ("worth 10 billion New Taiwan dollars", "10 billion New Taiwan dollars", 10e9, "TWD"),
    ("worth 10 billion New Zealand dollars", "10 billion New Zealand dollars", 10e9, "NZD"),
    ("worth 10 billion Hong Kong dollars", "10 billion Hong Kong dollars", 10e9, "HKD"),
    ("worth 2 billion pounds sterling", "2 billion pounds sterling", 2e9, "GBP"),
    ("worth 2 billion pounds", "2 billion pounds", 2e9, "GBP"),
    ("worth 2 billion euros", "2 billion euros", 2e9, "EUR"),
    ("a 2 billion euro contract", "2 billion euro", 2e9, "EUR"),
    ("worth 12 billion Mexican pesos", "12 billion Mexican pesos", 12e9, "MXN"),
    ("worth 3 billion Egyptian pounds", "3 billion Egyptian pounds", 3e9, "EGP"),
    ("worth 20 billion rand", "20 billion rand", 20e9, "ZAR"),
    ("worth 4 billion ringgit", "4 billion ringgit", 4e9, "MYR"),
    ("worth RM4 billion", "RM4 billion", 4e9, "MYR"),
    ("worth 40 billion baht", "40 billion baht", 40e9, "THB"),
    ("worth 100 billion forints", "100 billion forints", 100e9, "HUF"),
    ("worth 10 billion Czech korunas", "10 billion Czech korunas", 10e9, "CZK"),
    ("worth 5,000 won", "5,000 won", 5e3, "KRW"),
]


@pytest.mark.parametrize(("text", "written", "value", "currency"), SINGLE)
def test_single_amount(fx: FxTable, text: str, written: str | None, value: float, currency: str) -> None:
    amounts = find_amounts(text, fx)
    _check_offsets(text, amounts)
    if written is None:
        assert amounts == []
        return
    assert len(amounts) == 1, amounts
    (amount,) = amounts
    assert amount.text == written
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency
    assert amount.start == text.index(written)
    assert amount.end == amount.start + len(written)


# (text, [(expected text, value, currency), ...]): several amounts, in order.
MULTIPLE = [
    (
        "the EU allocated 326 billion euros ($376.7 billion), and",
        [("326 billion euros", 326e9, "EUR"), ("$376.7 billion", 376.7e9, "USD")],
    ),
    (
        "the EU allocated 326 billion euros (\\$376.7 billion), and",
        [("326 billion euros", 326e9, "EUR"), ("$376.7 billion", 376.7e9, "USD")],
    ),
    (
        "the budget of US$43.6 billion (Y5.13 trillion) was approved",
        [("US$43.6 billion", 43.6e9, "USD"), ("Y5.13 trillion", 5.13e12, "JPY")],
    ),
    (
        "a $6.5 billion, or roughly 9 trillion won, deal",
        [("$6.5 billion", 6.5e9, "USD"), ("9 trillion won", 9e12, "KRW")],
    ),
    (
        "Japan's spending reached about 9 trillion yen (\\$62.4 billion).",
        [("9 trillion yen", 9e12, "JPY"), ("$62.4 billion", 62.4e9, "USD")],
    ),
    (
        "a contract of A$10 billion (US$6.6 billion)",
        [("A$10 billion", 10e9, "AUD"), ("US$6.6 billion", 6.6e9, "USD")],
    ),
    ("between $5 billion to $6 billion", [("$5 billion", 5e9, "USD"), ("$6 billion", 6e9, "USD")]),
    ("from $5 billion to $6 billion", [("$5 billion", 5e9, "USD"), ("$6 billion", 6e9, "USD")]),
    ("cost $5-6 billion", [("$5", 5e9, "USD"), ("6 billion", 6e9, "USD")]),
    ("cost $5 to $6 billion", [("$5", 5e9, "USD"), ("$6 billion", 6e9, "USD")]),
    ("between $5 and $6 billion", [("$5", 5e9, "USD"), ("$6 billion", 6e9, "USD")]),
    ("cost 2 to 3 trillion won", [("2", 2e12, "KRW"), ("3 trillion won", 3e12, "KRW")]),
    ("£5m and €7m", [("£5m", 5e6, "GBP"), ("€7m", 7e6, "EUR")]),
]


@pytest.mark.parametrize(("text", "expected"), MULTIPLE)
def test_several_amounts(fx: FxTable, text: str, expected: list[tuple[str, float, str]]) -> None:
    amounts = find_amounts(text, fx)
    _check_offsets(text, amounts)
    assert [(a.text, a.currency) for a in amounts] == [(t, c) for t, _, c in expected]
    assert [a.value for a in amounts] == pytest.approx([v for _, v, _ in expected])


NOT_MONEY = [
    "defense spending rose 2% of GDP in 2024",
    "a 15.5% increase",
    "in 2024 the ministry said",
    "400 Tomahawk missiles",
    "the K2 tank and the F-35 fighter",
    "K9 howitzers and KF-21 jets",
    "call +82 2 1234 5678 or (202) 555-0143",
    "5 billion people live in Asia",
    "measured in 2024 dollars",
    "Hanwha in 2022 won a contract",
    "the team 3 won",
    "2 million pounds of explosives",
    "SAR 2 helicopters and PHP 8 servers",
    "the Mirage 2000 and the Y2K bug",
    "a 5m-long hull and 10 km range",
    "1,000 troops",
    "Rafale B and 3 M-346",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(fx: FxTable, text: str) -> None:
    assert find_amounts(text, fx) == []


def test_year_from_the_sentence(fx: FxTable) -> None:
    text = (
        "According to NATO, the U.S. defense budget for 2024 is projected at \\$935 billion, while the EU "
        "allocated 326 billion euros (\\$376.7 billion). In 2022, Tokyo pledged ¥43 trillion over five years. "
        "The request for fiscal 2025 is ¥8.7 trillion."
    )
    amounts = find_amounts(text, fx, default_year=2026)
    _check_offsets(text, amounts)
    assert [(a.text, a.year) for a in amounts] == [
        ("$935 billion", 2024),
        ("326 billion euros", 2024),
        ("$376.7 billion", 2024),
        ("¥43 trillion", 2022),
        ("¥8.7 trillion", 2025),
    ]
    assert amounts[0].usd == 935e9
    assert amounts[1].usd == pytest.approx(326e9 / 0.924, rel=0.01)
    assert amounts[3].usd == pytest.approx(43e12 / 131.5, rel=0.01)


def test_year_after_the_amount_and_nearest(fx: FxTable) -> None:
    text = "Seoul spent ₩9 trillion in 2023, up from 2019."
    (amount,) = find_amounts(text, fx)
    assert amount.year == 2023
    text = "In 2019 plans, Seoul will spend ₩9 trillion by 2030."
    (amount,) = find_amounts(text, fx)
    assert amount.year == 2030


def test_year_fy_prefix(fx: FxTable) -> None:
    (amount,) = find_amounts("The FY2025 request is $850 billion.", fx)
    assert amount.year == 2025


def test_year_not_taken_from_another_sentence(fx: FxTable) -> None:
    text = "The plan dates from 2019. It costs ₩9 trillion.\nSeparately, in 2021 nothing."
    (amount,) = find_amounts(text, fx, default_year=2025)
    assert amount.year == 2025
    assert amount.usd == pytest.approx(9e12 / 1422, rel=0.02)


def test_year_defaults_to_none(fx: FxTable) -> None:
    (yen,) = find_amounts("It costs ¥9 trillion.", fx)
    assert yen.year is None
    assert yen.usd is None
    (dollars,) = find_amounts("It costs $9 billion.", fx)
    assert dollars.year is None
    assert dollars.usd == 9e9


def test_example_article_if_present(fx: FxTable) -> None:
    path = Path(__file__).parents[2] / "examples" / "corpus" / "003_d77a52cf5c881cd8.txt"
    if not path.exists():
        pytest.skip("example corpus not present")
    text = path.read_text(encoding="utf-8")
    amounts = find_amounts(text, fx, default_year=2025)
    _check_offsets(text, amounts)
    assert [(a.currency, a.value) for a in amounts] == [
        ("USD", 935e9),
        ("EUR", 326e9),
        ("USD", 376.7e9),
        ("JPY", 9e12),
        ("USD", 62.4e9),
    ]


def test_fx_known_figures(fx: FxTable) -> None:
    assert fx.to_usd(1e9, "JPY", 2024) == pytest.approx(6.6e6, rel=0.05)
    assert fx.to_usd(1e9, "EUR", 2024) == pytest.approx(1.082e9, rel=0.05)
    assert fx.to_usd(1e9, "GBP", 2024) == pytest.approx(1.278e9, rel=0.05)
    assert fx.to_usd(1e12, "KRW", 2024) == pytest.approx(7.33e8, rel=0.05)
    assert fx.to_usd(1e9, "INR", 2024) == pytest.approx(1.195e7, rel=0.05)
    assert fx.to_usd(1e9, "AUD", 2024) == pytest.approx(6.6e8, rel=0.05)
    assert fx.to_usd(3.75e9, "SAR", 2015) == pytest.approx(1e9)


def test_fx_nearest_year_and_unknowns(fx: FxTable) -> None:
    assert fx.to_usd(1e9, "JPY", 1995) == fx.to_usd(1e9, "JPY", 2010)
    assert fx.to_usd(1e9, "JPY", 2090) == fx.to_usd(1e9, "JPY", max(fx.rates["JPY"]))
    assert fx.to_usd(1e9, "XYZ", 2024) is None
    assert fx.to_usd(1e9, "EUR", None) is None
    assert fx.to_usd(5.0, "USD", None) == 5.0
    assert fx.to_usd(5.0, "usd", 2024) == 5.0


def test_fx_table_covers_the_required_currencies(fx: FxTable) -> None:
    required = (
        "EUR", "JPY", "GBP", "KRW", "INR", "AUD", "CAD", "CNY", "TWD", "CHF", "SEK", "NOK", "DKK", "PLN", "TRY",
        "RUB", "UAH", "ILS", "SAR", "AED", "SGD", "HKD", "NZD", "BRL", "IDR", "PHP", "MXN", "ZAR", "CZK", "HUF",
        "RON", "THB", "MYR", "VND", "PKR", "EGP",
    )  # fmt: skip
    for code in required:
        years = set(fx.rates[code])
        assert set(range(2010, 2027)) <= years, code
        assert all(rate > 0 for rate in fx.rates[code].values())


def test_fx_load_from_path(tmp_path: Path) -> None:
    path = tmp_path / "fx.yaml"
    path.write_text("source: test\nunit: per_usd\nrates:\n  eur: {2020: 0.5}\n", encoding="utf-8")
    table = FxTable.load(path)
    assert table.source == "test"
    assert table.to_usd(1.0, "EUR", 2023) == pytest.approx(2.0)
    path.write_text("rates:\n  EUR: {2020: -1}\n", encoding="utf-8")
    with pytest.raises(ValueError):
        FxTable.load(path)


def test_every_currency_found_has_a_rate(fx: FxTable) -> None:
    text = " ".join(t for t, w, _, _ in SINGLE if w is not None)
    for amount in find_amounts(text, fx, default_year=2024):
        assert amount.usd is not None, amount


def test_a_figure_written_in_two_parts_is_one_amount() -> None:
    from allywatch.nlp.money import FxTable, find_amounts

    [amount] = find_amounts("The order is worth 3 trillion 450 billion won in all.", FxTable.load(), 2025)
    assert amount.value == 3.45e12 and amount.currency == "KRW" and amount.text == "3 trillion 450 billion won"
    amounts = find_amounts("It costs 1.5 trillion won, or 120 billion won a year.", FxTable.load(), 2025)
    assert [a.value for a in amounts] == [1.5e12, 1.2e11]


def test_shared_currency_names_take_the_articles_country() -> None:
    from collections import Counter

    from allywatch.nlp.money import FxTable, find_amounts, localise

    fx = FxTable.load()
    found = find_amounts("Bogota will pay 3 trillion pesos and Rs 5 billion.", fx, 2025)
    colombian = localise(found, Counter({"COL": 3, "PHL": 1}), fx)
    assert [a.currency for a in colombian] == ["COP", "INR"]
    pakistani = localise(find_amounts("Defence gets Rs2.1 trillion.", fx, 2025), Counter({"PAK": 2, "IND": 1}), fx)
    assert [a.currency for a in pakistani] == ["PKR"]
    qualified = localise(find_amounts("It costs 9 billion Indian rupees.", fx, 2025), Counter({"PAK": 4}), fx)
    assert [a.currency for a in qualified] == ["INR"]
    assert [a.currency for a in localise(found, Counter(), fx)] == ["PHP", "INR"]
