"""Sums of money in news text, with their currency, the year they refer to and their value in US dollars.

Why a small parser of our own: the libraries we tried do not fit defence-budget news.
``price-parser`` reads one price per string and drops scale words ("¥43 trillion" becomes 43),
``quantulum3`` loses "crore"/"lakh" and reads "¥" as Chinese yuan, and neither of them returns
"326 billion euros ($376.7 billion)" as the two amounts it is. What news needs is narrow and
regular: a currency marker (symbol, ISO 4217 code, or a currency word after the number), a number
with optional thousands separators, and an optional scale word. This module is that, as a few
regexes compiled once at import from the tables below.

Forms recognised (see the tables for the full lists):

* prefix markers: ``$ US$ U.S. $ A$ C$ NZ$ HK$ S$ NT$ R$ £ € ¥ ₩ ₹ ₱ ₺ ₽ ₴ ₪ Rs Rp RMB`` and ISO codes
  (``USD 5 million``, ``EUR 2.3bn``); ``Y`` directly followed by a digit is yen (``Y5.13 trillion``);
  a backslash before ``$`` (markdown escaping, ``\\$935 billion``) is tolerated, the span starts at ``$``;
* suffix words and codes: ``9 trillion yen``, ``326 billion euros``, ``10 billion Australian dollars``,
  ``5 million USD``;
* scale words: thousand, million/mn/mln, billion/bn/bln, trillion/tn/trn, crore/cr, lakh, lakh crore;
  the single letters k/m/b only when attached to the number (``$5m``, ``€5m``, ``$2B``);
* ranges sharing a scale: ``$5-6 billion``, ``between $5 and $6 billion``, ``2 to 3 trillion won``
  give two amounts, the first borrowing the scale (and currency) of the second;
  ``$5 billion to $6 billion`` is simply two amounts.

Markers that are also common words or acronyms in defence news ("won", "pounds", "rand", ``SAR``
search and rescue, ``PHP``, ``TRY``, ``AED``, ``CAD``, ``RM``, ``Y``) count only with a scale word or
a number with thousands separators, and a bare year ("in 2024 dollars") is never an amount.

The year of an amount is the nearest year (1990-2100) written in the same sentence, else the
caller's default (the publication year). Dollar values come from :class:`FxTable`, annual
average rates in ``kb/data/fx_rates.yaml``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from allywatch.model import Amount
from allywatch.nlp.sentences import split_sentences

__all__ = ["FxTable", "find_amounts"]

# --------------------------------------------------------------------------------------------
# Exchange rates
# --------------------------------------------------------------------------------------------

_FX_RESOURCE = "kb/data/fx_rates.yaml"


def _empty_rates() -> Mapping[str, Mapping[int, float]]:
    return MappingProxyType({})


@dataclass(frozen=True, eq=False)
class FxTable:
    """Annual average exchange rates, in units of currency per US dollar, read-only once loaded."""

    rates: Mapping[str, Mapping[int, float]] = field(default_factory=_empty_rates, repr=False)
    source: str = ""

    @classmethod
    def from_mapping(cls, rates: Mapping[str, Mapping[int, float]], source: str = "") -> FxTable:
        """A table from ``{currency: {year: units per USD}}``; codes are upper-cased, rates checked."""
        frozen: dict[str, Mapping[int, float]] = {}
        for code, by_year in rates.items():
            cleaned: dict[int, float] = {}
            for year, rate in by_year.items():
                value = float(rate)
                if not value > 0:
                    raise ValueError(f"fx rate for {code} {year} must be positive, got {rate!r}")
                cleaned[int(year)] = value
            if cleaned:
                frozen[str(code).upper()] = MappingProxyType(dict(sorted(cleaned.items())))
        return cls(rates=MappingProxyType(frozen), source=source)

    @classmethod
    def load(cls, path: Path | None = None) -> FxTable:
        """Read a rates file; by default the package's ``kb/data/fx_rates.yaml``."""
        if path is None:
            text = resources.files("allywatch").joinpath(_FX_RESOURCE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data: Any = yaml.safe_load(text)
        if not isinstance(data, dict) or not isinstance(data.get("rates"), dict):
            raise ValueError(f"fx rates file {path or _FX_RESOURCE} has no 'rates' mapping")
        unit = data.get("unit", "per_usd")
        if unit != "per_usd":
            raise ValueError(f"fx rates unit must be 'per_usd', got {unit!r}")
        rates = data["rates"]
        bad = [code for code, by_year in rates.items() if not isinstance(by_year, dict)]
        if bad:
            raise ValueError(f"fx rates for {', '.join(map(str, bad))} must map years to rates")
        return cls.from_mapping(rates, source=str(data.get("source", "")))

    @property
    def currencies(self) -> frozenset[str]:
        """ISO codes with at least one rate (USD is implicit and not listed)."""
        return frozenset(self.rates)

    def rate(self, currency: str, year: int | None) -> float | None:
        """Units of ``currency`` per US dollar in ``year`` (nearest year in the table), or None."""
        code = currency.upper()
        if code == "USD":
            return 1.0
        by_year = self.rates.get(code)
        if not by_year or year is None:
            return None
        found = by_year.get(year)
        if found is not None:
            return found
        # Nearest available year; on a tie the later one.
        nearest = min(by_year, key=lambda y: (abs(y - year), -y))
        return by_year[nearest]

    def to_usd(self, value: float, currency: str, year: int | None) -> float | None:
        """``value`` in ``currency`` converted to US dollars at ``year``'s average rate, or None if unknown."""
        if currency.upper() == "USD":
            return float(value)
        rate = self.rate(currency, year)
        if rate is None:
            return None
        return value / rate


# --------------------------------------------------------------------------------------------
# Tables: currency markers and scale words
# --------------------------------------------------------------------------------------------

# Markers written before the number: (regex, ISO 4217 code, weak). A weak marker is also a common
# word or acronym and counts only with a scale word (not a single letter: "Y2K") or a number with
# thousands separators.
# Order matters where one marker is a prefix of another: longer ones first.
_PREFIX_TABLE: tuple[tuple[str, str, bool], ...] = (
    (r"U\.S\.[ \u00a0]?\$", "USD", False),
    (r"US[ \u00a0]?\$", "USD", False),
    (r"AU?\$", "AUD", False),
    (r"(?:Can|CA|C)\$", "CAD", False),
    (r"NZ\$", "NZD", False),
    (r"HK\$", "HKD", False),
    (r"(?:SG|S)\$", "SGD", False),
    (r"NT\$", "TWD", False),
    (r"R\$", "BRL", False),
    (r"\$", "USD", False),
    (r"£", "GBP", False),
    (r"€", "EUR", False),
    (r"JP¥", "JPY", False),
    (r"CN¥", "CNY", False),
    (r"¥", "JPY", False),  # in English-language news "¥" is yen; yuan is written "yuan", "RMB" or "CN¥"
    (r"Y(?=\d)", "JPY", True),  # "Y5.13 trillion" (Kyodo, Nikkei style)
    (r"₩", "KRW", False),
    (r"₹", "INR", False),
    (r"₱", "PHP", False),
    (r"₺", "TRY", False),
    (r"₽", "RUB", False),
    (r"₴", "UAH", False),
    (r"₪", "ILS", False),
    (r"Rs\.?", "INR", False),
    (r"Rp\.?", "IDR", False),
    (r"RMB", "CNY", False),
    (r"RM", "MYR", True),
)

# ISO 4217 codes accepted as markers before ("USD 5 million") or after ("5 million USD") the number.
_ISO_CODES: tuple[str, ...] = (
    "USD", "EUR", "JPY", "GBP", "KRW", "INR", "AUD", "CAD", "CNY", "TWD", "CHF", "SEK", "NOK", "DKK",
    "PLN", "TRY", "RUB", "UAH", "ILS", "SAR", "AED", "QAR", "SGD", "HKD", "NZD", "BRL", "IDR", "PHP",
    "MXN", "ZAR", "CZK", "HUF", "RON", "THB", "MYR", "VND", "PKR", "EGP",
)  # fmt: skip
# Codes that double as acronyms in defence news: SAR (search and rescue), PHP (the language),
# TRY, AED (defibrillator), CAD (computer-aided design).
_WEAK_CODES = frozenset({"SAR", "PHP", "TRY", "AED", "CAD"})

# Currency words written after the number: (regex, ISO code, weak). Case-insensitive. Qualified
# forms come before the bare word they end with.
_SUFFIX_TABLE: tuple[tuple[str, str, bool], ...] = (
    (r"U\.?S\.?[ \u00a0]+dollars?", "USD", False),
    (r"American[ \u00a0]+dollars?", "USD", False),
    (r"Australian[ \u00a0]+dollars?", "AUD", False),
    (r"Canadian[ \u00a0]+dollars?", "CAD", False),
    (r"Singapore(?:an)?[ \u00a0]+dollars?", "SGD", False),
    (r"(?:New[ \u00a0]+)?Taiwan(?:ese)?[ \u00a0]+dollars?", "TWD", False),
    (r"New[ \u00a0]+Zealand[ \u00a0]+dollars?", "NZD", False),
    (r"Hong[ \u00a0]+Kong[ \u00a0]+dollars?", "HKD", False),
    (r"dollars?", "USD", False),
    (r"euros?", "EUR", False),
    (r"(?:British[ \u00a0]+)?pounds?[ \u00a0]+sterling|sterling", "GBP", False),
    (r"British[ \u00a0]+pounds?", "GBP", False),
    (r"Egyptian[ \u00a0]+pounds?", "EGP", False),
    (r"pounds?(?![ \u00a0]+of\b)", "GBP", True),  # "2 million pounds of explosives" is weight
    (r"(?:Japanese[ \u00a0]+)?yen", "JPY", False),
    (r"(?:South[ \u00a0]+)?Korean[ \u00a0]+won", "KRW", False),
    (r"won", "KRW", True),
    (r"(?:Chinese[ \u00a0]+)?yuan|renminbi", "CNY", False),
    (r"Pakistani[ \u00a0]+rupees?", "PKR", False),
    (r"(?:Indian[ \u00a0]+)?rupees?", "INR", False),
    (r"(?:Indonesian[ \u00a0]+)?rupiahs?", "IDR", False),
    (r"Mexican[ \u00a0]+pesos?", "MXN", False),
    # Bare "pesos" is read as Philippine pesos: in Asia-Pacific defence news the Philippines is by far
    # the likeliest; other pesos are only recognised when qualified (and unknown ones not at all).
    (r"(?:Philippine[ \u00a0]+)?pesos?", "PHP", False),
    (r"(?:Turkish[ \u00a0]+)?liras?", "TRY", False),
    (r"roubles?|rubles?", "RUB", False),
    (r"hryvnias?|hryvnyas?|hryvnas?", "UAH", False),
    (r"(?:new[ \u00a0]+)?(?:Israeli[ \u00a0]+)?shekels?", "ILS", False),
    (r"Qatari[ \u00a0]+riyals?", "QAR", False),
    (r"(?:Saudi[ \u00a0]+)?riyals?", "SAR", False),
    (r"(?:(?:UAE|Emirati)[ \u00a0]+)?dirhams?", "AED", False),
    (r"Swiss[ \u00a0]+francs?", "CHF", False),
    (r"Danish[ \u00a0]+kroner|Danish[ \u00a0]+krone", "DKK", False),
    (r"Swedish[ \u00a0]+kronor|Swedish[ \u00a0]+krona|kronor|krona", "SEK", False),
    # Bare "kroner"/"krone" is read as Norwegian: the context (Norway or Denmark) is unknown here.
    (r"(?:Norwegian[ \u00a0]+)?kroner|(?:Norwegian[ \u00a0]+)?krone", "NOK", False),
    (r"(?:Czech[ \u00a0]+)?korunas?|(?:Czech[ \u00a0]+)?koruny", "CZK", False),
    (r"(?:Polish[ \u00a0]+)?(?:zlotys?|złotys?|zlotych|złotych|zł)", "PLN", False),
    (r"(?:Hungarian[ \u00a0]+)?forints?", "HUF", False),
    (r"(?:Romanian[ \u00a0]+)?lei", "RON", True),
    (r"Brazilian[ \u00a0]+reais|Brazilian[ \u00a0]+real|reais", "BRL", False),
    (r"(?:Malaysian[ \u00a0]+)?ringgit", "MYR", False),
    (r"(?:Thai[ \u00a0]+)?baht", "THB", False),
    (r"South[ \u00a0]+African[ \u00a0]+rand", "ZAR", False),
    (r"rand", "ZAR", True),
    (r"(?:Vietnamese[ \u00a0]+)?dong", "VND", True),
)

# Scale words (regex, multiplier), case-insensitive; they may follow the number after a space or
# a hyphen ("$1.2-billion") or attached ("A$10bn"). Longer forms first.
_SCALE_TABLE: tuple[tuple[str, int], ...] = (
    (r"lakhs?(?:[ \u00a0]+|-)crores?", 10**12),
    (r"trillions?|trn|tn", 10**12),
    (r"billions?|bln|bn", 10**9),
    (r"millions?|mln|mn", 10**6),
    (r"thousands?", 10**3),
    (r"crores?|cr", 10**7),
    (r"lakhs?|lacs?", 10**5),
)
# Single letters count only when attached to the number: "$5m", "€5m", "$2B", "$500k".
_LETTER_SCALES: Mapping[str, int] = MappingProxyType({"k": 10**3, "m": 10**6, "b": 10**9})

# --------------------------------------------------------------------------------------------
# Compiled patterns (built once at import)
# --------------------------------------------------------------------------------------------

_SP = r"[ \t\u00a0]"
# 1,234,567 or Indian 1,23,45,678 or plain digits, optional decimals; never followed by more digits.
_NUM = r"(?:\d{1,2}(?:,\d\d)+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|[.,]\d)"
_SCALE_WORDS = "|".join(f"(?:{rx})" for rx, _ in _SCALE_TABLE)
_PREFIX_ALT = "|".join([f"(?:{rx})" for rx, _, _ in _PREFIX_TABLE] + list(_ISO_CODES))
_SUFFIX_ALT = "|".join([f"(?i:{rx})" for rx, _, _ in _SUFFIX_TABLE] + list(_ISO_CODES) + ["RMB"])
_RANGE_SEP = rf"{_SP}*(?:-|–|—|to|and){_SP}*"


def _scale(tag: str) -> str:
    return (
        rf"(?:(?:{_SP}+|-)?(?P<scale{tag}>(?i:{_SCALE_WORDS}))(?![A-Za-z])"
        rf"|(?P<letter{tag}>[kKmMbB])(?![A-Za-z0-9]))"
    )


def _amount_pattern(ranges: bool) -> re.Pattern[str]:
    """Prefix branch ("$5 billion") or suffix branch ("9 trillion won"), with or without ranges."""
    range_p = rf"(?:{_RANGE_SEP}(?P<pre2>{_PREFIX_ALT})?{_SP}?(?P<num2>{_NUM}))?" if ranges else ""
    range_s = rf"(?:{_RANGE_SEP}(?P<snum2>{_NUM}))?" if ranges else ""
    prefix_branch = (
        rf"(?<![A-Za-z0-9])(?P<pre>{_PREFIX_ALT}){_SP}?(?P<num>{_NUM}){range_p}{_scale('')}?"
        r"(?![^\W\d_])"  # not followed by a letter that is no scale: "$5x", "₩1,500억"
    )
    suffix_branch = (
        rf"(?<![\w.,/\\$€£¥₩₹₱₺₽₴₪-])(?P<snum>{_NUM}){range_s}{_scale('s')}?"
        rf"(?:{_SP}+|-)(?P<suf>{_SUFFIX_ALT})(?![A-Za-z])"
    )
    return re.compile(f"{prefix_branch}|{suffix_branch}")


_AMOUNT = _amount_pattern(ranges=True)
# The same without ranges, used when a range turns out not to be one ("$5 - 6 were killed").
_AMOUNT_SINGLE = _amount_pattern(ranges=False)

_PREFIX_LOOKUP: tuple[tuple[re.Pattern[str], str, bool], ...] = tuple(
    [(re.compile(rx), code, weak) for rx, code, weak in _PREFIX_TABLE]
    + [(re.compile(re.escape(c)), c, c in _WEAK_CODES) for c in _ISO_CODES]
)
_SUFFIX_LOOKUP: tuple[tuple[re.Pattern[str], str, bool], ...] = tuple(
    [(re.compile(f"(?i:{rx})"), code, weak) for rx, code, weak in _SUFFIX_TABLE]
    + [(re.compile(re.escape(c)), c, c in _WEAK_CODES) for c in _ISO_CODES]
    + [(re.compile("RMB"), "CNY", False)]
)
_SCALE_LOOKUP: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), mult) for rx, mult in _SCALE_TABLE
)

# Years 1990-2100 as numbers of their own ("in 2024", "fiscal 2025", "FY2025"), not parts of other
# tokens ("F-2000", "1,2024", "3.2024"); years inside an amount are dropped later. Cheap on purpose:
# "Mirage 2000" or "2000 troops" still read as years.
_YEAR = re.compile(r"(?:(?<=FY)|(?<![\w.,/\\$€£¥₩₹-]))(?P<y>19\d\d|20\d\d|2100)(?!\d|[.,]\d|%)")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")



# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def _lookup(
    table: tuple[tuple[re.Pattern[str], str, bool], ...], text: str, start: int, end: int
) -> tuple[str, bool] | None:
    """The (ISO code, weak) of the marker at ``text[start:end]``, matched in place so lookarounds work."""
    for rx, code, weak in table:
        found = rx.match(text, start)
        if found is not None and found.end() == end:
            return code, weak
    return None


def _multiplier(scale: str | None, letter: str | None) -> int:
    if letter:
        return _LETTER_SCALES[letter.lower()]
    if scale:
        for rx, mult in _SCALE_LOOKUP:
            if rx.fullmatch(scale):
                return mult
    return 1


def _number(written: str) -> Decimal:
    return Decimal(written.replace(",", ""))


def _units(written: str, multiplier: int) -> float:
    # Decimal keeps 8.98 * 10**12 exact before the single rounding to float.
    return float(_number(written) * multiplier)


@dataclass(frozen=True)
class _Raw:
    """An amount found in the text before its year and dollar value are known."""

    value: float
    currency: str
    start: int
    end: int


def _parse(match: re.Match[str]) -> list[_Raw] | None:
    """The amounts of one match, or None if the match is not money (or its range is not a range)."""
    groups = match.groupdict()
    prefixed = groups["pre"] is not None
    tag = "" if prefixed else "s"
    num: str = groups["num"] if prefixed else groups["snum"]
    num2: str | None = groups.get("num2" if prefixed else "snum2")
    scale, letter = groups["scale" + tag], groups["letter" + tag]
    marker = "pre" if prefixed else "suf"
    table = _PREFIX_LOOKUP if prefixed else _SUFFIX_LOOKUP
    found = _lookup(table, match.string, match.start(marker), match.end(marker))
    if found is None:
        return None
    currency, weak = found
    has_scale = bool(scale or letter)
    last_number = num2 or num
    if weak and not (scale or "," in last_number):
        return None  # a single-letter scale is no evidence either: "Y2K", "the team 3 won"
    if not prefixed and not has_scale and _YEAR_LIKE.fullmatch(last_number):
        return None  # "in 2024 dollars", "2022 won"
    mult = _multiplier(scale, letter)
    if num2 is None:
        return [_Raw(_units(num, mult), currency, match.start(), match.end())]
    if not has_scale or _number(num) >= _number(num2):
        return None  # not a range sharing a scale: the caller parses again without the range
    if prefixed and groups["pre2"] is not None:
        second = _lookup(_PREFIX_LOOKUP, match.string, match.start("pre2"), match.end("pre2"))
        if second is None or second[0] != currency:
            return None
        start2 = match.start("pre2")
    else:
        start2 = match.start("num2" if prefixed else "snum2")
    return [
        _Raw(_units(num, mult), currency, match.start(), match.end("num" if prefixed else "snum")),
        _Raw(_units(num2, mult), currency, start2, match.end()),
    ]


def _scan(text: str) -> list[_Raw]:
    found: list[_Raw] = []
    pos = 0
    while True:
        match = _AMOUNT.search(text, pos)
        if match is None:
            return found
        raws = _parse(match)
        if raws is None and (match.group("num2") or match.group("snum2")):
            single = _AMOUNT_SINGLE.match(text, match.start())
            if single is not None:
                match = single
                raws = _parse(single)
        if raws is None:
            pos = match.start() + 1
            continue
        found.extend(raws)
        pos = match.end()


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin (always including 0), by the pipeline's own sentence splitter."""
    return sorted({0, *(span.start for span in split_sentences(text))})


def _years(text: str, sentence: tuple[int, int], raws: list[_Raw]) -> list[tuple[int, int, int]]:
    """(start, end, year) of the years in one sentence of ``text`` that are not inside an amount."""
    raw_starts = [r.start for r in raws]
    years: list[tuple[int, int, int]] = []
    for match in _YEAR.finditer(text, sentence[0], sentence[1]):
        year = int(match.group("y"))
        if not 1990 <= year <= 2100:
            continue
        i = bisect.bisect_left(raw_starts, match.end()) - 1  # the last amount starting before the year ends
        if i >= 0 and raws[i].end > match.start():
            continue
        years.append((match.start(), match.end(), year))
    return years


def _nearest_year(raw: _Raw, years: list[tuple[int, int, int]]) -> int | None:
    """The year nearest to ``raw`` (the one before it on a tie), or None; ``years`` is in text order."""
    i = bisect.bisect_left(years, raw.start, key=lambda y: y[1])  # first year ending after the start
    before = years[i - 1] if i > 0 else None
    after = years[i] if i < len(years) else None
    if before is None or (after is not None and after[0] - raw.end < raw.start - before[1]):
        return after[2] if after else None
    return before[2]


def find_amounts(text: str, fx: FxTable, default_year: int | None = None) -> list[Amount]:
    """Every sum of money in text, in order, with value in units, ISO 4217 currency, the text as written,
    char offsets, usd and the year used.

    The year is the nearest year (1990-2100) in the amount's sentence, else ``default_year``;
    ``usd`` is ``fx.to_usd(value, currency, year)`` (the value itself for US dollars).
    """
    raws = [_with_larger_part(text, raw) for raw in _scan(text)]
    if not raws:
        return []
    starts = _sentence_starts(text)
    by_sentence: dict[int, list[_Raw]] = {}
    for raw in raws:
        by_sentence.setdefault(bisect.bisect_right(starts, raw.start) - 1, []).append(raw)
    amounts: list[Amount] = []
    for i, in_sentence in by_sentence.items():
        sentence = (starts[i], starts[i + 1] if i + 1 < len(starts) else len(text))
        years = _years(text, sentence, in_sentence)
        amounts.extend(_amount(text, raw, _nearest_year(raw, years), default_year, fx) for raw in in_sentence)
    return amounts


#: Currency names and symbols several countries share, the country that uses each, and the reading taken when
#: the article names none of them more than the default's country.
_SHARED = {
    "INR": (re.compile(r"^Rs\.?(?=\s|\d)|\brupees?\b", re.IGNORECASE), {"PAK": "PKR", "LKA": "LKR", "NPL": "NPR"},
            "IND"),
    "PHP": (re.compile(r"\bpesos?\b", re.IGNORECASE), {"COL": "COP", "MEX": "MXN", "ARG": "ARS", "CHL": "CLP"},
            "PHL"),
}
_QUALIFIED = re.compile(r"\b(?:Indian|Philippine|Pakistani|Mexican|Colombian|Argentine|Chilean)\b|₹|₱")


def localise(amounts: list[Amount], parties: Counter[str], fx: FxTable) -> list[Amount]:
    """Rupees in a Pakistani story are Pakistani rupees, pesos in a Colombian one Colombian pesos: where a
    currency's name or symbol is shared and not qualified, the country the article names most among its users
    decides (the default's own country wins ties)."""
    out = []
    for amount in amounts:
        shared = _SHARED.get(amount.currency)
        if shared and shared[0].search(amount.text) and not _QUALIFIED.search(amount.text):
            _, others, home = shared
            best = max(others, key=lambda code: parties.get(code, 0))
            if parties.get(best, 0) > parties.get(home, 0):
                currency = others[best]
                amount = replace(amount, currency=currency, usd=fx.to_usd(amount.value, currency, amount.year))
        out.append(amount)
    return out


_LARGER = re.compile(r"(\d+(?:\.\d+)?)\s+(trillion|billion)\s+$", re.IGNORECASE)
_SCALES = {"trillion": 1e12, "billion": 1e9, "million": 1e6}


def _with_larger_part(text: str, raw: _Raw) -> _Raw:
    """"5 trillion 120 billion won" (as Korean and Japanese figures are often written): the smaller part was read
    as the amount; the larger one just before it belongs to it."""
    before = _LARGER.search(text, max(0, raw.start - 30), raw.start)
    if before is None:
        return raw
    scale = _SCALES[before.group(2).lower()]
    inner = re.match(r"\s*[\d.,]+\s+(trillion|billion|million)\b", text[raw.start:raw.end], re.IGNORECASE)
    if inner is None or _SCALES[inner.group(1).lower()] >= scale:
        return raw
    return _Raw(value=raw.value + float(before.group(1)) * scale, currency=raw.currency, start=before.start(),
                end=raw.end)


_BOUNDS = {"min": ("more than", "over", "at least", "upwards of", "in excess of", "above", "exceeding", "just over",
                   "north of", "a minimum of"),
           "max": ("up to", "less than", "under", "below", "as much as", "as many as", "just under", "at most",
                   "a maximum of"),
           "about": ("about", "around", "roughly", "some", "approximately", "an estimated", "nearly", "almost",
                     "close to", "estimated at", "approx.")}
_BOUND = re.compile(r"(?i)\b(" + "|".join(re.escape(w) for words in _BOUNDS.values() for w in words)
                    + r")\s+(?:an?\s+)?$")
_BOUND_OF = {w: kind for kind, words in _BOUNDS.items() for w in words}


def bound_before(text: str, start: int) -> str | None:
    """Whether the figure at ``start`` is a bound ("more than", "up to") or an estimate ("about"), or exact."""
    found = _BOUND.search(text, max(0, start - 24), start)
    return _BOUND_OF[found.group(1).lower()] if found else None


def _amount(text: str, raw: _Raw, year: int | None, default_year: int | None, fx: FxTable) -> Amount:
    if year is None:
        year = default_year
    return Amount(
        bound=bound_before(text, raw.start),
        value=raw.value,
        currency=raw.currency,
        text=text[raw.start : raw.end],
        start=raw.start,
        end=raw.end,
        usd=fx.to_usd(raw.value, raw.currency, year),
        year=year,
    )
