"""Strict parsing of dates (`--on`, `--to`), spans (`--since`, `--within`) and cadences (`--every`).

Every parser takes `today` explicitly and never reads the clock. Anything it cannot read with
certainty is an error: dateutil's lenient parser fills missing fields from a default, so a
string it half-understood would silently become today. We only hand it text that looks like a
calendar date and check that it really named a day and a month.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from oneonone_cli import messages
from oneonone_cli.domain.records import Cadence
from oneonone_cli.errors import OneOnOneError, shown

# A span reaches at most this far (a career of 1:1s) and lands on or after EARLIEST; --since
# up to today, --within at most MAX_SPAN_YEARS after it: further than that has
# no notes, and the date arithmetic of a report (the window before it, as long again) would
# overflow.
MAX_SPAN_YEARS = 100
EARLIEST = date(1900, 1, 1)
MAX_AHEAD_YEARS = 10  # a 1:1 moved further ahead than this is a typo, --yes or not

# Weekday numbers as date.weekday() and dateutil count them (Monday is 0).
_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

_UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "wks": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "mos": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "yrs": "y",
    "year": "y",
    "years": "y",
}

# Patterns are compiled on first use (re keeps them), not at import: most runs parse no date.
_AMOUNT = r"^(\d{1,4})\s*([a-z]+)$"
_AGO = r"^(\d{1,4})\s*([a-z]+)\s+ago$"
_IN = r"^in\s+(\d{1,4})\s*([a-z]+)$"
_ISO = r"^\d{4}-\d{2}-\d{2}$"
# The only written dates handed to dateutil: "Nov 3", "November 3rd, 2026", "3 Nov 2026".
# Anything looser ("mar 2 -3") would let dateutil read a stray number as a year.
_WRITTEN = (
    r"^(?:[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)? [a-z]{3,9}\.?)"
    r"(?:,? \d{4})?$"
)
_MONTH_WORD = r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"


def span_delta(amount: int, unit: str):
    """Days and weeks are a timedelta; months and years dateutil's calendar-aware relativedelta
    (Jan 31 + 1 month is Feb 28), imported only then."""
    if unit == "d":
        return timedelta(days=amount)
    if unit == "w":
        return timedelta(weeks=amount)
    from dateutil.relativedelta import relativedelta

    return relativedelta(months=amount) if unit == "m" else relativedelta(years=amount)


def _on_weekday(start: date, day: int, direction: int) -> date:
    """The first `day` (0 = Monday) on or before `start` (direction -1), or on or after it (+1)."""
    from dateutil.relativedelta import relativedelta, weekday

    return start + relativedelta(weekday=weekday(day, direction))


def _shift(today: date, sign: int, amount: tuple[int, str], text: str) -> date:
    try:
        return today + sign * span_delta(*amount)
    except (ValueError, OverflowError):
        raise OneOnOneError(messages.DATE_OUT_OF_YEARS.format(text=text)) from None


def _amount(match: re.Match[str]) -> tuple[int, str] | None:
    unit = _UNITS.get(match.group(2))
    return None if unit is None else (int(match.group(1)), unit)


def parse_date(text: str, today: date, direction: int = 0) -> date:
    """Read a calendar date, relative to `today`. Raises OneOnOneError when unsure.

    `direction` says which way the date is expected to lie when the text leaves it open: -1
    (a 1:1 held or cancelled: "Dec 30" said on Jan 2 is last year's, "friday" the last one),
    +1 (a 1:1 moved ahead, a window forward: "Jan 5" said in December is next year's, "friday"
    the coming one), 0 (as written: this year's, the last weekday)."""
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise OneOnOneError(messages.DATE_EMPTY.format(help=messages.DATE_HELP))
    if re.match(_ISO, text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise OneOnOneError(
                messages.DATE_NOT_REAL.format(raw=raw, help=messages.DATE_HELP)
            ) from None
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    if text == "tomorrow":
        return today + timedelta(days=1)
    words = text.split(" ")
    if len(words) == 1 and text in _WEEKDAYS:
        # A bare weekday is the most recent one (the coming one, looking ahead), today
        # included: "friday" said on a Friday is today.
        return _on_weekday(today, _WEEKDAYS[text], +1 if direction > 0 else -1)
    if len(words) == 2 and words[0] in ("last", "next") and words[1] in _WEEKDAYS:
        day = _WEEKDAYS[words[1]]
        if words[0] == "last":
            return _on_weekday(today - timedelta(days=1), day, -1)
        return _on_weekday(today + timedelta(days=1), day, +1)
    for pattern, sign in ((_AGO, -1), (_IN, +1)):
        match = re.match(pattern, text)
        if match and (amount := _amount(match)):
            return _shift(today, sign, amount, raw)
    parsed = _written_date(text, today)
    if parsed is None:
        raise OneOnOneError(
            messages.DATE_UNREADABLE.format(raw=shown(raw), help=messages.DATE_HELP)
        )
    if direction and not re.search(r"\d{4}", text):  # no year written: the nearest one that way
        if direction < 0 and parsed > today:
            parsed = _years_after(parsed, -1)
        elif direction > 0 and parsed < today:
            parsed = _years_after(parsed, 1)
    return parsed


def _written_date(text: str, today: date) -> date | None:
    """A date written with a month name ("Nov 3", "3 November 2026"), or None.

    dateutil fills any field the text does not name from `default`; parsing against two
    defaults that differ in every field shows which fields the text really named.
    """
    if not re.match(_WRITTEN, text) or not re.search(_MONTH_WORD, text):
        return None
    from datetime import datetime

    from dateutil import parser

    first = datetime(today.year, 1, 1)
    second = datetime(today.year, 2, 2)
    try:
        a = parser.parse(text, default=first)
        b = parser.parse(text, default=second)
    except (ValueError, OverflowError):
        return None
    if a != b or (a.hour, a.minute, a.second) != (0, 0, 0):
        return None  # the day or month came from the default, or a time crept in
    return a.date()


def check_meeting_date(day: date, today: date) -> date:
    """A 1:1's date (held, cancelled, moved to) within sane bounds, even when confirmed: from
    EARLIEST to MAX_AHEAD_YEARS after today."""
    latest = _years_after(today, MAX_AHEAD_YEARS)
    if not EARLIEST <= day <= latest:
        raise OneOnOneError(
            messages.DATE_OUT_OF_RANGE_FOR_MEETING.format(day=day, earliest=EARLIEST, latest=latest)
        )
    return day


def held_on(text: str | None, today: date) -> date:
    """The day a 1:1 was held (`log --on`, default today): today or before."""
    day = parse_date(text, today, -1) if text is not None else today
    if day > today:
        raise OneOnOneError(messages.DATE_FUTURE_LOG.format(day=day))
    return day


def cancelled_on(text: str | None, today: date, handle: str) -> date:
    """The day of a cancelled 1:1 (`cancel --on`, default today): today or before; a later
    one is moved, not cancelled."""
    day = parse_date(text, today, -1) if text is not None else today
    if day > today:
        raise OneOnOneError(messages.DATE_FUTURE_CANCEL.format(day=day, handle=handle))
    return day


def moved_to(text: str, today: date) -> date:
    """The new day of a rescheduled 1:1 (`reschedule --to`): today or later."""
    day = parse_date(text, today, +1)
    if day < today:
        raise OneOnOneError(messages.DATE_PAST_RESCHEDULE.format(day=day))
    return day


def more_than_a_year(day: date, today: date) -> bool:
    """Whether `day` is more than a calendar year before or after `today`: likely a typo."""
    # Compared as (year, month, day) a year off: no calendar library on `log`'s path, and
    # Feb 29 needs no special case.
    then = (day.year, day.month, day.day)
    return then < (today.year - 1, today.month, today.day) or then > (
        today.year + 1,
        today.month,
        today.day,
    )


def parse_since(text: str, today: date) -> date:
    """A span back from today ("30d", "2w", "3m", "1y") or a date: the first day included."""
    return _span(text, today, -1)


def parse_until(text: str, today: date) -> date:
    """A span forward from today ("7d", "2w") or a date ("friday": the coming one): the last
    day included."""
    return _span(text, today, +1)


def _span(text: str, today: date, sign: int) -> date:
    match = re.match(_AMOUNT, " ".join(text.strip().lower().split()))
    if match:
        amount = _amount(match)
        if amount is None:
            raise OneOnOneError(
                messages.SPAN_UNKNOWN_UNIT.format(text=text, help=messages.SPAN_HELP)
            )
        days = amount[0] * {"d": 1, "w": 7, "m": 30.5, "y": 366}[amount[1]]
        if days > MAX_SPAN_YEARS * 366:
            raise OneOnOneError(
                messages.SPAN_TOO_LONG.format(text=text, max_span_years=MAX_SPAN_YEARS)
            )
        day = _shift(today, sign, amount, text)
    else:
        try:
            day = parse_date(text, today, sign)
        except OneOnOneError:
            raise OneOnOneError(
                messages.SPAN_UNREADABLE.format(text=shown(text), help=messages.SPAN_HELP)
            ) from None
    earliest, latest = span_bounds(today, sign)
    if sign < 0 and day > today:
        raise OneOnOneError(messages.SINCE_IN_FUTURE.format(text=shown(text)))
    if sign > 0 and day < today:
        raise OneOnOneError(messages.WITHIN_IN_PAST.format(text=shown(text)))
    if not earliest <= day <= latest:
        raise OneOnOneError(
            messages.SPAN_DATE_OUT_OF_RANGE.format(
                text=text, earliest=EARLIEST, latest=latest, max_span_years=MAX_SPAN_YEARS
            )
        )
    return day


def span_bounds(today: date, sign: int) -> tuple[date, date]:
    """The first and last day a span back (sign -1, --since: up to today) or forward (+1) may
    reach."""
    return EARLIEST, today if sign < 0 else _years_after(today, MAX_SPAN_YEARS)


def _years_after(today: date, years: int) -> date:
    if today.year + years > 9999:
        return date.max
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # February 29th
        return today.replace(year=today.year + years, day=28)


_CADENCE_NAMES = {
    "weekly": Cadence(1, "w"),
    "biweekly": Cadence(2, "w"),
    "fortnightly": Cadence(2, "w"),
    "monthly": Cadence(1, "m"),
    "bimonthly": Cadence(2, "m"),
    "quarterly": Cadence(3, "m"),
}
_CADENCE_LIMITS = {"d": 366, "w": 52, "m": 12}


@lru_cache(maxsize=64)  # Cadences are immutable; a journal holds a handful of distinct ones
def parse_cadence(text: str) -> Cadence:
    normal = " ".join(text.strip().lower().split())
    if normal.startswith("every "):
        normal = normal[len("every ") :]
    if normal in _CADENCE_NAMES:
        return _CADENCE_NAMES[normal]
    match = re.match(_AMOUNT, normal)
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit not in _CADENCE_LIMITS:
        raise OneOnOneError(
            messages.CADENCE_UNREADABLE.format(text=text, help=messages.CADENCE_HELP)
        )
    amount = int(match.group(1))
    if not 1 <= amount <= _CADENCE_LIMITS[unit]:
        raise OneOnOneError(
            messages.CADENCE_OUT_OF_RANGE.format(text=text, unit=unit, limit=_CADENCE_LIMITS[unit])
        )
    return Cadence(amount, unit)
