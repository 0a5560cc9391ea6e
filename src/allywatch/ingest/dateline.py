"""Datelines ("TOKYO, April 6, (AP): ...", "CANBERRA, Aug. 5, 2025 (Wire) —") and publication dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,\s*(?P<month>" + _MONTH + r")\s+(?P<day>\d{1,2})(?:,?\s*(?P<year>(?:19|20)\d{2}))?)?"
    r",?\s*(?:\((?P<outlet>[^()\n]{1,60})\))?\s*[:\u2014\u2013-]+\s"
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: the place, the date if any, and the outlet if any."""

    place: str
    published: str | None
    outlet: str | None
    length: int


def parse_dateline(paragraph: str, context: str = "", today: dt.date | None = None) -> Dateline | None:
    """Parse a dateline at the start of ``paragraph``; ``context`` (the article) helps find a missing year."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip()
    if len(place) < 3 or not any(c.isalpha() for c in place):
        return None
    published = None
    if match.group("month"):
        month = MONTHS[match.group("month").rstrip(".").lower()[:3]]
        day = int(match.group("day"))
        if match.group("year"):
            year: int | None = int(match.group("year"))
        else:
            year = infer_year(month, day, paragraph[match.end():], context, today)
        if year is not None:
            try:
                published = dt.date(year, month, day).isoformat()
            except ValueError:
                published = None
    outlet = match.group("outlet")
    return Dateline(place=place, published=published, outlet=outlet.strip() if outlet else None, length=match.end())


_NUMERIC_DAY_MONTH = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
_LINE_WORDS = 8


def parse_date_line(paragraph: str) -> str | None:
    """A line that is only a date, with perhaps a place, an outlet, a time or a label: "New Delhi (AFP) Sept 25,
    2025", "09:40 KST, March 3, 2025", "Published: 2025-06-13 09:12". dateparser reads the date (day, month and
    year all required, nothing relative); forms such as "3-11-2024" are left out, as day and month could be either
    way round, and a wrong date is worse than none."""
    line = paragraph.strip()
    if not line or len(line) > 90 or len(line.split()) > _LINE_WORDS + 4:
        return None
    from dateparser.search import search_dates  # imported here: it is slow to import and most lines never get here

    found = search_dates(line, languages=["en"], settings={
        "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": dt.datetime(2000, 1, 1)})
    if not found:
        return None
    text, value = found[0]
    date_part = re.sub(r"\b\d{1,2}:\d{2}\b.*?(?=[A-Z][a-z]|\d{4}|$)", "", text).strip(" ,")
    if _NUMERIC_DAY_MONTH.match(date_part) or not (re.search(_MONTH, text) or _ISO_DATE.search(text)):
        return None
    rest = line.replace(text, " ")
    if len(re.findall(r"[A-Za-z]{2,}", rest)) > _LINE_WORDS // 2:
        return None  # a sentence that mentions a date, not a date line
    return value.date().isoformat()


_LEAD_DASH = re.compile(r"^[^.\n]{0,25}?[\u2014\u2013]|^[^.\n]{0,25}?\s-\s")


def lead_date(paragraph: str) -> str | None:
    """A full date that opens a paragraph as a dateline does, whatever precedes it ("China News Network, May 1,
    2025 electricity — ..."): the date must be written out (month name or ISO) and a dash must follow it closely."""
    head = paragraph[:100]
    if not re.search(_MONTH, head) and not _ISO_DATE.search(head):
        return None
    from dateparser.search import search_dates

    found = search_dates(head, languages=["en"], settings={
        "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "RELATIVE_BASE": dt.datetime(2000, 1, 1)})
    if not found:
        return None
    text, value = found[0]
    at = head.find(text)
    if at < 0 or at > 60 or not _LEAD_DASH.match(head[at + len(text):]):
        return None
    if not (re.search(_MONTH, text) or _ISO_DATE.search(text)):
        return None
    return value.date().isoformat()


def infer_year(month: int, day: int, lead: str, context: str, today: dt.date | None = None) -> int | None:
    """The year of a dateline that gives only month and day.

    Candidates run from the latest year the article mentions (it cannot be
    older than its own news) to this year. Wire copy dates its lead's
    weekday ("said Friday") on the dateline day or the day before, so only
    years whose calendar agrees with the lead's weekdays remain. News
    mentions recent years: a fitting year within a year of the latest one
    it names is taken, otherwise the latest fitting year in the past, or the
    year before it when only that one puts the weekday on the dateline day
    itself.

    The answer depends on the article alone, never on the day it is read: ``today`` (a setting, not the clock)
    only bounds the years when given. An article that names no year and no ``today`` gets no year.
    """
    years = [int(y) for y in _YEAR.findall(context or lead) if today is None or int(y) <= today.year]
    if not years and today is None:
        return None
    low = max(years) if years else today.year - 1 if today else 0
    high = today.year if today else low + 1
    weekdays = {WEEKDAYS.index(w.lower()) for w in _WEEKDAY.findall(_first_sentence(lead))}
    fitting, exact = [], []
    for year in range(high, low - 1, -1):
        try:
            day_of = dt.date(year, month, day)
        except ValueError:
            continue
        if today is not None and day_of > today:
            continue
        near = {day_of.weekday(), (day_of - dt.timedelta(days=1)).weekday()}
        if not weekdays or weekdays <= near:
            fitting.append(year)
            if weekdays == {day_of.weekday()}:
                exact.append(year)
    if not fitting:
        return None
    if years and weekdays:
        # a year the article names is usually this year or last; prefer a fit right after it
        fitting = [y for y in fitting if low <= y <= low + 1] or fitting
    # the lead's weekday is most often the dateline's own day ("LONDON, Oct 23 — … signed on Wednesday"): of the
    # two latest fitting years, one whose calendar puts that weekday on the dateline day wins
    recent = [y for y in exact if fitting[0] - 1 <= y <= fitting[0]]
    return recent[0] if recent else fitting[0]


def _first_sentence(paragraph: str) -> str:
    end = re.search(r"[.!?](?:\s|$)", paragraph)
    return paragraph[: end.end()] if end else paragraph


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value such as '2025-08-31T15:20:00+01:00', or None."""
    if not value:
        return None
    value = str(value).strip()
    match = _ISO_DATE.search(value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    try:
        import dateparser

        parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:  # dateparser raises assorted errors on odd input; an unreadable date is just absent
        return None
    return parsed.date().isoformat() if parsed else None
