"""Date expressions in English news text, resolved to ISO values.

``find_dates(text, published)`` reports every date expression it can resolve,
in text order, as :class:`~allywatch.model.DateMention` objects whose value is
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. Plain regular expressions, no
``dateparser``: the patterns below are a closed list, which keeps the module
fast (well over 1 MB of text per second) and its behaviour predictable.

What is recognised
------------------
Absolute (resolved even when ``published`` is None):
  ``2025-04-28``; ``April 6, 2024`` / ``Aug. 5, 2025`` / ``6 April 2024`` /
  ``April 8-14, 2024`` (the start day); ``July 2023`` → ``2023-07``; a bare
  year only after a preposition or modifier (``in 2015``, ``since``, ``by``,
  ``until``, ``from``, ``of``, ``during`` …, ``fiscal 2025``, ``FY2025``,
  ``mid-2025``, ``Q1 2025``) → ``YYYY``. Quantities such as ``2,000 troops``
  or ``of 2000 missiles`` are not years.
Relative (need ``published``):
  ``April 9`` / ``6 April`` (year chosen by tense, see below); weekdays
  (``on Thursday``, ``said Friday``, ``last Monday``); ``today``,
  ``yesterday``, ``tomorrow``; ``the next day`` / ``the previous day`` /
  ``two days later`` (relative to the last day-precision date already
  resolved in the text, else to ``published``); ``last week`` / ``this week``
  / ``next week`` (published −7, +0, +7 days); ``in July``, ``last July``,
  ``October last year``; ``last month`` / ``this month`` / ``next month``;
  ``last year`` / ``early next year``; ``two years ago``.

Text spans
----------
The reported text is the expression itself: prepositions are left out
(``in 2015`` → ``2015``, ``in July`` → ``July``) except ``on`` before a
weekday (``on Thursday``), as is usual for weekday references. Modifiers that
belong to the expression stay in it (``early next year``, ``mid-July``,
``fiscal 2025``, ``last July``). A weekday directly followed by a date is one
mention (``on Thursday, April 6``) and its weekday helps choose the year.

Tense
-----
Expressions without a year (month-day, bare month, weekday) depend on the
tense of their sentence (split at ``. ``, ``? ``, ``! `` and line breaks,
abbreviations like ``Aug.`` or ``Jr.`` excepted). Cue words:

* future: will, would, shall, 'll, is/are (set) to, to be, set to,
  expect(s/ed), plan(s/ned/ning), scheduled, due (not "due to the …"), next,
  upcoming, forthcoming, beginning/starting (not "… of");
* past: was, were, had, did, said, told, announced, signed, agreed, held,
  met, visited, took, began, ended, completed, concluded, delivered,
  launched, approved, awarded, reported, unveiled, conducted, hosted,
  received, ordered, confirmed, ago, earlier, previously, last (participles
  right after "be" do not count: "will be signed").

The cue nearest before the expression decides (English adjuncts usually
follow their verb: "signed … on Thursday that will …" is past); failing that,
the nearest cue after it; no cue means neutral. Cue words inside other date
expressions ("next week", "last year") are ignored.

* month-day: the publication year, unless that is more than ~2 months (60
  days) in the wrong direction (before ``published`` in a future sentence,
  after it in a past one); neutral sentences take the nearest occurrence;
* bare month: the same rule with 2 months;
* weekday: past or neutral → the latest such day on or before ``published``,
  future → the next one on or after it (the same day counts either way);
  ``last``/``next`` Thursday exclude the publication day itself.

Not resolved (skipped): ``in recent years``, ``in the first quarter`` without
a year, ``the past year``, ``over the next month``, decades, seasons without
a year, numeric dates like ``04/05/2025``.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import re
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Final, Literal

from allywatch.model import DateMention
from allywatch.nlp.sentences import ABBREVIATIONS

Tense = Literal["past", "future", "neutral"]

__all__ = ["find_dates"]

# Every pattern starts with a literal anchor (a month or weekday name, year digits, "day", "last"...):
# Python's regex engine scans for such literals quickly, while a leading "\b" or optional prefix makes
# it try every position. Optional words before the anchor ("in", "on", "early") are read afterwards
# by small look-back patterns ending in "\Z", run on a short window before the anchor.
_LOOKBACK: Final = 40

_MONTHS: Final = MappingProxyType(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
     "nov": 11, "dec": 12}
)  # fmt: skip
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBERS: Final = MappingProxyType(
    {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
     "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
)  # fmt: skip
_NUMBER: Final = r"(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|\d{1,3}"

# Month names are case-sensitive: lower-case "may" or "march" is never a month. Abbreviations
# ("Aug.", "Sept", "Mar") count only with a day or a year.
_MONTH: Final = (
    "(?P<month>" + "|".join(_MONTH_NAMES) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY_NUM: Final = r"(?:[12]\d|3[01]|0?[1-9])"
_RANGE_END: Final = rf"(?:\s*[-–]\s*{_DAY_NUM}(?!\d))?"
_YEAR_NUM: Final = r"(?:19|20)\d\d(?![\d%])"

# "April 6, 2024", "Aug. 5", "April 8-14", "July 2023", "July", "October last year".
_MONTH_FIRST: Final = re.compile(
    _MONTH + r"(?![A-Za-z])"
    rf"(?:\s+(?P<day>{_DAY_NUM})(?:st|nd|rd|th)?(?!\d){_RANGE_END}(?:(?:,\s*|\s+)(?P<year>{_YEAR_NUM}))?(?![.,]?\d)"
    rf"|(?:\s+of)?,?\s+(?P<myear>{_YEAR_NUM})"
    r"|(?P<suffix>,?\s+(?:of\s+)?(?P<yrel>last|next|this)\s+year\b))?"
)
# "6 April 2024", "8-14 April", "the 5th of May".
_DAY_FIRST: Final = re.compile(
    rf"(?P<day>{_DAY_NUM})(?:st|nd|rd|th)?{_RANGE_END}\s+(?:of\s+)?{_MONTH}(?![A-Za-z])"
    rf"(?:,?\s+(?P<year>{_YEAR_NUM}))?"
)
_ISO: Final = re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")
_YEAR: Final = re.compile(r"(?P<year>" + _YEAR_NUM + r")(?![A-Za-z_])(?![.,]\d)")
_FY2: Final = re.compile(r"FY\s?-?(?P<yy>\d\d)(?![\w%])")
_WEEKDAY: Final = re.compile("(?P<wd>" + "|".join(_WEEKDAYS) + r")\b")
_SHORT_WEEKDAYS: Final = MappingProxyType({"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
                                           "Fri": 4, "Sat": 5, "Sun": 6})
_WEEKDAY_SHORT: Final = re.compile(r"(?P<wd>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?")
_DAY_WORD: Final = re.compile(
    r"(?P<word>today|Today|tonight|Tonight|yesterday|Yesterday|tomorrow|Tomorrow)\b"
)
_DAY_UNIT: Final = re.compile(r"days?(?P<dir>\s+(?:later|earlier|before|after))?\b")
_UNIT: Final = re.compile(r"(?P<rel>last|next|this|Last|Next|This)\s+(?P<unit>week|month|year)\b")
_AGO: Final = re.compile(r"(?P<unit>day|week|month|year)s?\s+ago\b")

_PREPOSITIONS: Final = (
    r"[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|[Dd]uring"
    r"|[Oo]f|[Ff]or|[Bb]etween"
)
_MONTH_PREFIX: Final = re.compile(
    rf"(?:\b(?P<pre>{_PREPOSITIONS}|[Tt]o)\s+)?"
    r"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s+|\b(?P<mid>[Mm]id|[Ee]nd)-)?\Z"
)
# Words before a bare year: prepositions (left out of the text) and modifiers (kept: "fiscal 2025").
_YEAR_PREFIX: Final = re.compile(
    rf"\b(?:(?P<pre>{_PREPOSITIONS}|[Yy]ear|to|and)"
    r"|(?P<mod>[Ff]iscal(?:\s+[Yy]ear)?|[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all"
    r"|[Ww]inter))(?:\s+|-)\Z"
    r"|\b(?P<q>[QH][1-4](?:\s+of)?[\s-]+(?:FY\s?|[Ff]iscal\s+)?)\Z"
    r"|\b(?P<fy>FY\s?-?)\Z"
)
_YEAR_BEFORE: Final = re.compile(r"(?<!\d)(?:19|20)\d\d\s*\Z")
_SINCE: Final = re.compile(r"\b[Ss]ince\s+\Z")
_WEEKDAY_PREFIX: Final = re.compile(r"(?:\b(?P<on>[Oo]n)\s+)?(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\Z")
_DOUBLE_PREFIX: Final = re.compile(r"\b[Tt]he\s+day\s+(?P<dir>before|after)\s+\Z")
_DAY_UNIT_PREFIX: Final = re.compile(
    rf"(?:\b[Tt]he\s+(?P<dir>next|following|previous|preceding)|\b(?P<n>{_NUMBER})|\b(?P<the>[Tt]he))\s+\Z"
)
_UNIT_PREFIX: Final = re.compile(
    r"(?:\b(?P<the>[Tt]he)\s+)?(?:\b(?P<mod>[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate)\s+|\b(?P<mid>[Mm]id)-)?\Z"
)
_NUMBER_PREFIX: Final = re.compile(rf"\b(?P<n>{_NUMBER})\s+\Z")
_PREVIOUS_WORD: Final = re.compile(r"([A-Za-z]+)[ \t]+\Z")
_NEXT_WORD: Final = re.compile(r"[ \t]+([A-Za-z]+)")
_NOUNISH: Final = re.compile(r"\s+(?:the|a|an|his|her|its|their|our|this|that|[A-Z0-9$])")
_WEEKDAY_PAPERS: Final = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Guardian|Standard|Observer)\b"
)
_BETWEEN_WEEKDAY_AND_DATE: Final = re.compile(r",?\s+")

# A year followed by one of these (or, for 1900 and 2000, by any plural) is a quantity: "of 2000 missiles".
_QUANTITY_WORDS: Final = frozenset(
    ["people", "personnel", "men", "women", "staff", "crew", "feet", "km", "kg", "million", "billion",
     "thousand", "hundred", "more", "additional", "new", "other", "strong"]
)  # fmt: skip
_NOT_PLURAL: Final = frozenset(
    ["was", "has", "is", "as", "its", "this", "his", "plus", "versus", "thus", "across", "perhaps", "always",
     "towards", "besides", "unless", "does", "less", "us"]
)  # fmt: skip
_WEEKDAY_EXCLUDED: Final = frozenset(
    ["black", "good", "holy", "super", "ash", "cyber", "easter", "bloody", "maundy"]
)
_DAY_BEFORE_NOT: Final = frozenset(".,-/$€£¥_")  # and no letter or digit: not "F-16 May", "2,000"


def _words(*words: str) -> str:
    return "|".join(w for word in words for w in (word, word.capitalize()))


_FUTURE_WORDS: Final = _words(
    "will", "would", "shall", "expect", "expects", "expected", "plan", "plans", "planned", "planning",
    "scheduled", "upcoming", "forthcoming",
    # a present tense of beginning dates what is still to come ("the drills begin on Tuesday")
    "begin", "begins", "start", "starts", "open", "opens", "resume", "resumes", "commence", "commences",
    "run", "runs",
)  # fmt: skip
# Past forms of verbs that news dates ("broke ground on Monday", "flew to Kyiv on Friday", "inked the deal on May 2"),
# which are no past cue right after "be" either ("will be handed over").
_IRREGULAR: Final = (
    "broke", "came", "went", "made", "gave", "sent", "won", "led", "flew", "sold", "bought", "struck", "spoke",
    "wrote", "chose", "drew", "rose", "fell", "brought", "sought", "saw", "stood", "threw", "paid", "laid",
    "became", "oversaw", "underwent", "withdrew", "forgot", "inked", "sealed", "opened", "closed", "started",
    "finished", "joined", "arrived", "landed", "sailed", "fired", "tested", "handed", "shipped",
    "accused", "rejected", "denied", "welcomed", "condemned",
)  # fmt: skip
_PAST_WORDS: Final = _words(
    "was", "were", "had", "did", "said", "told", "announced", "signed", "agreed", "held", "met", "visited",
    "took", "began", "ended", "completed", "concluded", "delivered", "launched", "approved", "awarded",
    "reported", "unveiled", "conducted", "hosted", "received", "ordered", "confirmed", "ago", "earlier",
    "previously", "last",
    *_IRREGULAR,
)  # fmt: skip
# Past participles that are no past cue right after "be": "will be signed", "is to be held".
_PARTICIPLES: Final = frozenset(
    ["signed", "held", "delivered", "launched", "approved", "awarded", "reported", "unveiled", "conducted",
     "hosted", "received", "ordered", "confirmed", "announced", "completed", "concluded", "visited", "told"]
)  # fmt: skip
_CUES: Final = re.compile(
    rf"(?P<f>(?:{_FUTURE_WORDS})\b|(?:is|are|Is|Are)\s+(?:set\s+)?to\b|set\s+(?:to|for)\b|to\s+be\b|slated\b"
    r"|(?:due|Due)\b(?!\s+to\s+(?:the|a|an|its|their|his|her|this|that)\b)|(?:next|Next)\b(?!\s+to\b)"
    r"|(?:beginning|starting|Beginning|Starting)\b(?!\s+of\b)|['’]ll\b)"
    rf"|(?P<p>(?:{_PAST_WORDS})\b)"
)
_BOUNDARY: Final = re.compile(r"[.!?][\"'”’)\]]*[ \t]+|\n+")

_TOLERANCE_DAYS: Final = 60
_TOLERANCE_MONTHS: Final = 2
_SHIFT: Final = MappingProxyType({"last": -1, "this": 0, "next": 1})


@dataclass(frozen=True)
class _Candidate:
    """A date expression found in the text, before resolution.

    kinds: "date" (a full date), "md" (month and day, no year), "my" (month and year), "year", "month"
    (a month name without day or year), "weekday", "dayword" (today, yesterday...), "anaphor" (the next
    day...), "unit" (last week, this month, next year), "ago".
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int = 0
    day: int = 0
    weekday: int | None = None
    rel: str = ""
    yrel: str = ""
    unit: str = ""
    offset: int = 0


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in text that can be resolved, with its ISO value, in text order."""
    if not text:
        return []
    chosen = _merge_weekdays(text, _select(_candidates(text)))
    resolver = _Resolver(text, published, chosen)
    out: list[DateMention] = []
    for cand in chosen:
        value = resolver.resolve(cand)
        if value is not None:
            out.append(
                DateMention(text=text[cand.start : cand.end], value=value, start=cand.start, end=cand.end)
            )
    return out


# --- finding ---------------------------------------------------------------------------------------------


def _candidates(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for find in (
        _month_first,
        _day_first,
        _iso,
        _years,
        _fy2,
        _weekdays,
        _day_words,
        _day_units,
        _units,
        _agos,
        _days_of_month,
    ):
        out.extend(find(text))
    return out


_DAY_OF_MONTH: Final = re.compile(
    r"\b(?P<lead>[Oo]n|[Tt]o|[Uu]ntil|[Tt]ill|[Ff]rom|[Ss]ince|[Bb]y)\s+the\s+(?P<day>[12]\d|3[01]|[1-9])"
    r"(?:st|nd|rd|th)\b(?P<tail>\s+day\b|\s+of\s+(?P<rel>this|last|next)\s+month\b)?"
    r"|\bthe\s+(?P<day2>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)\s+(?:day\b|of\s+(?P<rel2>this|last|next)\s+month\b)"
    # translated copy: "last month 20th day", "last month 26th"
    r"|\b(?P<rel3>[Tt]his|[Ll]ast|[Nn]ext)\s+month\s+(?P<day3>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)(?:\s+day)?\b")


def _days_of_month(text: str) -> list[_Candidate]:
    """"on the 4th", "from the 27th to the 29th", "the 9th day", "the 2nd of this month": a day of the month the
    article is in (translated copy writes dates this way); "the 4th Infantry Division" is no date."""
    out: list[_Candidate] = []
    for m in _DAY_OF_MONTH.finditer(text):
        after = text[m.end():m.end() + 14]
        if not m.group("tail") and m.group("day") and (re.match(r"\s[A-Z]", after) or re.match(
                r"\s+(?:century|anniversary|round|edition|session|time|year|annual|largest|biggest)\b", after)):
            continue  # "the 4th Infantry Division", "the 21st century", "the 5th round"
        day = int(m.group("day") or m.group("day2") or m.group("day3"))
        rel = (m.group("rel") or m.group("rel2") or m.group("rel3") or "").lower()
        lead = (m.group("lead") or "").lower()
        start = m.start() if lead == "on" or not m.group("day") else m.start("day") - len("the ")
        # "until the 29th", "to the 29th": the end of a span, on or after the day it is told
        out.append(_Candidate(start, m.end(), "dom", day=day, rel=rel,
                              unit="end" if lead in {"to", "until", "till", "by"} else ""))
    return out


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


def _lookback(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    return pattern.search(text, max(0, start - _LOOKBACK), start)


def _month_number(name: str) -> int:
    return int(name) if name.isdigit() else _MONTHS[name[:3].lower()]


def _month_first(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _MONTH_FIRST.finditer(text):
        start, end = m.span()
        if not _starts_word(text, start):
            continue
        month = _month_number(m.group("month"))
        if m.group("day"):
            year = int(m.group("year")) if m.group("year") else None
            out.append(_Candidate(start, end, "date" if year else "md", year, month, int(m.group("day"))))
            continue
        full_name = m.group("month") in _MONTH_NAMES
        prefix = _lookback(_MONTH_PREFIX, text, start)
        assert prefix is not None  # every part of the pattern is optional
        if m.group("myear"):
            modifier = prefix.group("mid") or (prefix.group("rel") or "").lower() in ("early", "late")
            first = prefix.start("rel") if prefix.group("rel") else prefix.start("mid")
            out.append(_Candidate(first if modifier else start, end, "my", int(m.group("myear")), month))
        elif full_name and (prefix.group(0) or m.group("suffix")):
            first = min(i for i in (prefix.start("rel"), prefix.start("mid"), start) if i >= 0)
            rel = (prefix.group("rel") or "").lower()
            out.append(_Candidate(first, end, "month", None, month, rel=rel, yrel=m.group("yrel") or ""))
    return out


def _day_first(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _DAY_FIRST.finditer(text):
        start, end = m.span()
        if start > 0 and (text[start - 1] in _DAY_BEFORE_NOT or text[start - 1].isalnum()):
            continue
        year = int(m.group("year")) if m.group("year") else None
        month = _month_number(m.group("month"))
        out.append(_Candidate(start, end, "date" if year else "md", year, month, int(m.group("day"))))
    return out


def _iso(text: str) -> list[_Candidate]:
    return [
        _Candidate(
            m.start(), m.end(), "date", int(m.group("year")), int(m.group("month")), int(m.group("day"))
        )
        for m in _ISO.finditer(text)
        if _starts_word(text, m.start())
    ]


def _years(text: str) -> list[_Candidate]:
    """Years after a preposition ("in 2015": text "2015") or a modifier ("fiscal 2025", "Q1 2025")."""
    out: list[_Candidate] = []
    for m in _YEAR.finditer(text):
        start, end = m.span()
        prefix = _lookback(_YEAR_PREFIX, text, start)
        if prefix is None or (not _starts_word(text, start) and not prefix.group(0).endswith("FY")):
            continue  # "FY2025" is the one prefix written without a space
        pre = prefix.group("pre")
        if pre in ("to", "and") and not _YEAR_BEFORE.search(
            text, max(0, prefix.start() - 12), prefix.start()
        ):
            continue  # "to"/"and" only in ranges: "from 2020 to 2025", "between 2020 and 2025"
        year = int(m.group("year"))
        word = _NEXT_WORD.match(text, end)
        if word and word.group(1).islower():
            token = word.group(1)
            plural = token.endswith("s") and token not in _NOT_PLURAL
            if token in _QUANTITY_WORDS or (plural and year % 100 == 0):
                continue
        out.append(_Candidate(start if pre else prefix.start(), end, "year", year))
    return out


def _fy2(text: str) -> list[_Candidate]:
    return [
        _Candidate(m.start(), m.end(), "year", 2000 + int(m.group("yy")))
        for m in _FY2.finditer(text)
        if _starts_word(text, m.start())
    ]


def _weekdays(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _WEEKDAY.finditer(text):
        start, end = m.span()
        if not _starts_word(text, start):
            continue
        prefix = _lookback(_WEEKDAY_PREFIX, text, start)
        assert prefix is not None
        if not prefix.group(0):
            previous = _lookback(_PREVIOUS_WORD, text, start)
            if previous and previous.group(1).lower() in _WEEKDAY_EXCLUDED:
                continue  # "Black Friday", "Good Friday"
            if _WEEKDAY_PAPERS.match(text, end):
                continue  # "Sunday Times"
        weekday = _WEEKDAYS.index(m.group("wd"))
        rel = (prefix.group("rel") or "").lower()
        if not rel and _SINCE.search(text, max(0, start - 8), start):
            rel = "last"  # "drilling since Saturday": a day gone by, whatever the clause's tense
        out.append(
            _Candidate(prefix.start() if prefix.group(0) else start, end, "weekday", weekday=weekday, rel=rel)
        )
    for m in _WEEKDAY_SHORT.finditer(text):
        # briefs shorten weekdays ("start next Mon", "delivered (Tue)"); alone, "Sun" and "Wed" are other words, so
        # a short form counts only after "next", "last", "this" or "on", or in brackets
        start, end = m.span()
        if not _starts_word(text, start):
            continue
        prefix = _lookback(_WEEKDAY_PREFIX, text, start)
        bracketed = text[start - 1:start] == "(" and text[end:end + 1] == ")"
        if not (prefix is not None and prefix.group(0)) and not bracketed:
            continue
        weekday = _SHORT_WEEKDAYS[m.group("wd")]
        rel = ((prefix.group("rel") if prefix is not None else "") or "").lower()
        out.append(_Candidate(prefix.start() if prefix is not None and prefix.group(0) else start, end, "weekday",
                              weekday=weekday, rel=rel))
    return out


def _day_words(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _DAY_WORD.finditer(text):
        start, end = m.span()
        word = m.group("word").lower()
        if not _starts_word(text, start):
            continue
        if m.group("word") == "Today":
            previous = _lookback(_PREVIOUS_WORD, text, start)
            if previous and previous.group(1)[0].isupper():
                continue  # "USA Today", "Japan Today"
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        double = _lookback(_DOUBLE_PREFIX, text, start)
        if double and word in ("yesterday", "tomorrow"):
            offset += -1 if double.group("dir") == "before" else 1
            start = double.start()
        out.append(_Candidate(start, end, "dayword", offset=offset))
    return out


def _day_units(text: str) -> list[_Candidate]:
    """ "the next day", "the following day", "a day later", "two days earlier", "the day before"."""
    out: list[_Candidate] = []
    for m in _DAY_UNIT.finditer(text):
        start, end = m.span()
        if start == 0 or not text[start - 1].isspace():
            continue
        prefix = _lookback(_DAY_UNIT_PREFIX, text, start)
        if prefix is None:
            continue
        plural = m.group(0).startswith("days")
        direction = (m.group("dir") or "").strip()
        if prefix.group("dir") and not plural:
            sign = 1 if prefix.group("dir") in ("next", "following") else -1
            out.append(_Candidate(prefix.start(), m.start() + 3, "anaphor", offset=sign))
            continue
        if not direction or (prefix.group("the") and plural):
            continue
        if direction in ("before", "after") and _NOUNISH.match(text, end):
            continue  # "the day before the summit" is relative to the summit
        count = _number(prefix.group("n")) if prefix.group("n") else 1
        sign = 1 if direction in ("later", "after") else -1
        out.append(_Candidate(prefix.start(), end, "anaphor", offset=sign * count))
    return out


def _units(text: str) -> list[_Candidate]:
    """ "last week", "later this month", "early next year" (not "the last year", "over the next month")."""
    out: list[_Candidate] = []
    for m in _UNIT.finditer(text):
        start, end = m.span()
        if not _starts_word(text, start):
            continue
        prefix = _lookback(_UNIT_PREFIX, text, start)
        assert prefix is not None
        if prefix.group("the"):
            continue
        first = prefix.start() if prefix.group(0) else start
        out.append(_Candidate(first, end, "unit", rel=m.group("rel").lower(), unit=m.group("unit")))
    return out


def _agos(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _AGO.finditer(text):
        start, end = m.span()
        if start == 0 or not text[start - 1].isspace():
            continue
        prefix = _lookback(_NUMBER_PREFIX, text, start)
        if prefix is not None:
            out.append(
                _Candidate(
                    prefix.start(), end, "ago", unit=m.group("unit"), offset=_number(prefix.group("n"))
                )
            )
    return out


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """The longest candidates that do not overlap, in text order."""
    starts: list[int] = []
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_right(starts, cand.start)
        if i > 0 and kept[i - 1].end > cand.start:
            continue
        if i < len(kept) and kept[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        kept.insert(i, cand)
    return kept


def _merge_weekdays(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """Join "on Thursday" with a date right after it ("on Thursday, April 6") into one mention."""
    out: list[_Candidate] = []
    i = 0
    while i < len(chosen):
        cand = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        if (
            nxt is not None
            and cand.kind == "weekday"
            and not cand.rel
            and nxt.kind in ("date", "md")
            and _BETWEEN_WEEKDAY_AND_DATE.fullmatch(text, cand.end, nxt.start)
        ):
            out.append(replace(nxt, start=cand.start, weekday=cand.weekday))
            i += 2
            continue
        out.append(cand)
        i += 1
    return out


# --- resolving -------------------------------------------------------------------------------------------


def _resolve_day_of_month(day: int, rel: str, published: dt.date, tense: Tense) -> dt.date | None:
    """The day of the month meant: "of this/last/next month" says which; otherwise the latest such day on or before
    publication, or the next on or after it in a sentence about the future."""
    months = published.year * 12 + published.month - 1
    if rel:
        months += _SHIFT[rel]
        candidates = [months]
    elif tense == "future":
        candidates = [months, months + 1]
    else:
        candidates = [months, months - 1]
    for index in candidates:
        try:
            found = dt.date(index // 12, index % 12 + 1, day)
        except ValueError:
            continue
        if rel or (tense == "future" and found >= published) or (tense != "future" and found <= published):
            return found
    return None


class _Resolver:
    """Resolves candidates in text order; remembers the last day-precision date for "the next day"."""

    def __init__(self, text: str, published: dt.date | None, chosen: list[_Candidate]) -> None:
        self.text = text
        self.published = published
        self.last_day: dt.date | None = None
        self._starts = [c.start for c in chosen]
        self._ends = [c.end for c in chosen]
        self._sentence_starts: list[int] | None = None
        self._cues: dict[int, tuple[list[int], list[int], list[Tense]]] = {}

    def resolve(self, cand: _Candidate) -> str | None:
        """The ISO value of a candidate, or None when it cannot be resolved."""
        if cand.kind == "date":
            assert cand.year is not None
            try:
                return self._day(dt.date(cand.year, cand.month, cand.day))
            except ValueError:
                return None
        if cand.kind == "year":
            return f"{cand.year:04d}"
        if cand.kind == "my":
            return f"{cand.year:04d}-{cand.month:02d}"
        published = self.published
        if published is None:
            return None
        if cand.kind == "md":
            day = _resolve_month_day(cand.month, cand.day, published, self.tense(cand), cand.weekday)
            return None if day is None else self._day(day)
        if cand.kind == "weekday":
            assert cand.weekday is not None
            return self._day(_resolve_weekday(cand.weekday, cand.rel, published, self.tense(cand)))
        if cand.kind == "month":
            return _resolve_month(cand, published, self.tense(cand))
        if cand.kind == "dayword":
            return self._day(published + dt.timedelta(days=cand.offset))
        if cand.kind == "anaphor":
            return self._day((self.last_day or published) + dt.timedelta(days=cand.offset))
        if cand.kind == "unit":
            return _resolve_unit(cand.rel, cand.unit, published)
        if cand.kind == "ago":
            return self._ago(cand.offset, cand.unit, published)
        if cand.kind == "dom":
            if cand.unit == "end" and self.last_day is not None and self.last_day.day < cand.day:
                # "from the 27th to the 29th": the span ends in the month it began
                try:
                    return self._day(self.last_day.replace(day=cand.day))
                except ValueError:
                    pass
            tense = self.tense(cand)
            day = _resolve_day_of_month(cand.day, cand.rel, published,
                                        "future" if cand.unit == "end" and tense != "past" else tense)
            return None if day is None else self._day(day)
        return None

    def _day(self, day: dt.date) -> str:
        self.last_day = day
        return day.isoformat()

    def _ago(self, count: int, unit: str, published: dt.date) -> str:
        if unit == "day":
            return self._day(published - dt.timedelta(days=count))
        if unit == "week":
            return (published - dt.timedelta(days=7 * count)).isoformat()
        if unit == "month":
            return _month_value(published.year * 12 + published.month - 1 - count)
        return f"{published.year - count:04d}"

    # --- tense ---

    def tense(self, cand: _Candidate) -> Tense:
        """The tense of the candidate's sentence, from the nearest cue word before it, else after it."""
        sentence_start, sentence_end = self._sentence(cand.start)
        cues = self._cues.get(sentence_start)
        if cues is None:
            cues = self._find_cues(sentence_start, sentence_end)
            self._cues[sentence_start] = cues
        starts, ends, tenses = cues
        i = bisect.bisect_right(ends, cand.start)
        if i > 0:
            return tenses[i - 1]
        j = bisect.bisect_left(starts, cand.end)
        return tenses[j] if j < len(starts) else "neutral"

    def _find_cues(self, start: int, end: int) -> tuple[list[int], list[int], list[Tense]]:
        """Cue words of a sentence as parallel lists of starts, ends and tenses."""
        text = self.text
        cues: list[tuple[int, int, Tense]] = []
        for c in _CUES.finditer(text, start, end):
            s, e = c.span()
            if (text[s].isalpha() and not _starts_word(text, s)) or self._masked(s, e):
                continue
            if c.group("p"):
                if (c.group("p").lower() in _PARTICIPLES or c.group("p").lower() in _IRREGULAR) and \
                        _is_after_be(text, s):
                    continue  # "will be signed", "is to be held"
                cues.append((s, e, "past"))
            else:
                cues.append((s, e, "future"))
        return [c[0] for c in cues], [c[1] for c in cues], [c[2] for c in cues]

    def _masked(self, start: int, end: int) -> bool:
        """Whether a cue lies inside a date expression ("next" in "next week")."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end

    def _sentence(self, pos: int) -> tuple[int, int]:
        if self._sentence_starts is None:
            starts = [0]
            for b in _BOUNDARY.finditer(self.text):
                if self.text[b.start()] == "." and _is_abbreviation(self.text, b.start()):
                    continue
                starts.append(b.end())
            self._sentence_starts = starts
        starts = self._sentence_starts
        i = bisect.bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else len(self.text)


def _is_after_be(text: str, start: int) -> bool:
    return text[max(0, start - 3) : start].lower() == "be " and _starts_word(text, start - 3)


def _is_abbreviation(text: str, dot: int) -> bool:
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _month_value(index: int) -> str:
    """'YYYY-MM' of a month index (year * 12 + month - 1)."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _resolve_month_day(
    month: int, day: int, published: dt.date, tense: Tense, weekday: int | None = None
) -> dt.date | None:
    """The year of publication unless it is > 60 days the wrong way for the tense; neutral: the nearest."""
    options: list[dt.date] = []
    for year in (published.year - 1, published.year, published.year + 1):
        with contextlib.suppress(ValueError):
            options.append(dt.date(year, month, day))
    if not options:
        return None
    if weekday is not None:
        matching = [d for d in options if d.weekday() == weekday]
        if matching:
            return min(matching, key=lambda d: abs((d - published).days))
    nearest = min(options, key=lambda d: (abs((d - published).days), d.year != published.year))
    same = [d for d in options if d.year == published.year]
    if tense == "neutral" or not same:
        return nearest
    candidate = same[0]
    tolerance = dt.timedelta(days=_TOLERANCE_DAYS)
    if tense == "future" and candidate < published - tolerance:
        return dt.date(candidate.year + 1, month, day)
    if tense == "past" and candidate > published + tolerance:
        return dt.date(candidate.year - 1, month, day)
    return candidate


def _resolve_weekday(target: int, rel: str, published: dt.date, tense: Tense) -> dt.date:
    """Past or neutral: the latest such day on or before publication; future: the next on or after it."""
    if rel == "last":
        return published - dt.timedelta(days=(published.weekday() - target) % 7 or 7)
    if rel == "next":
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if tense == "future" or (rel == "this" and tense != "past"):
        return published + dt.timedelta(days=(target - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def _resolve_month(cand: _Candidate, published: dt.date, tense: Tense) -> str:
    here = published.year * 12 + published.month - 1
    same = published.year * 12 + cand.month - 1
    if cand.yrel:
        return _month_value(same + 12 * _SHIFT[cand.yrel])
    if cand.rel == "last":
        return _month_value(same if same < here else same - 12)
    if cand.rel == "next":
        return _month_value(same if same > here else same + 12)
    if cand.rel == "this":
        return _month_value(same)
    if tense == "future":
        return _month_value(same + 12 if same < here - _TOLERANCE_MONTHS else same)
    if tense == "past":
        return _month_value(same - 12 if same > here + _TOLERANCE_MONTHS else same)
    return _month_value(min((same - 12, same, same + 12), key=lambda i: (abs(i - here), i != same)))


def _resolve_unit(rel: str, unit: str, published: dt.date) -> str:
    shift = _SHIFT[rel]
    if unit == "week":
        return (published + dt.timedelta(days=7 * shift)).isoformat()
    if unit == "month":
        return _month_value(published.year * 12 + published.month - 1 + shift)
    return f"{published.year + shift:04d}"
