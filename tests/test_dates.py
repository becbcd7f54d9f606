from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.dates import parse_cadence, parse_date, parse_since, parse_until
from oneonone_cli.domain.records import Cadence
from oneonone_cli.errors import OneOnOneError

MON = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-28", date(2026, 2, 28)),
        ("today", MON),
        (" Today ", MON),
        ("yesterday", date(2026, 3, 1)),
        ("tomorrow", date(2026, 3, 3)),
        ("monday", MON),  # a bare weekday includes today
        ("friday", date(2026, 2, 27)),
        ("last monday", date(2026, 2, 23)),  # "last" never means today
        ("last friday", date(2026, 2, 27)),
        ("next monday", date(2026, 3, 9)),
        ("3 days ago", date(2026, 2, 27)),
        ("2 weeks ago", date(2026, 2, 16)),
        ("1 month ago", date(2026, 2, 2)),
        ("in 3 days", date(2026, 3, 5)),
        ("Feb 14", date(2026, 2, 14)),
        ("14 February 2025", date(2025, 2, 14)),
        ("November 3rd, 2026", date(2026, 11, 3)),
        ("sept 5", date(2026, 9, 5)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, MON) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "now-ish",
        "tomorrow-ish",
        "30x",
        "banana",
        "2026-02-30",
        "2025-02-29",
        "3",
        "feb",
        "last",
        "3 fortnights ago",
        "next",
        "monday morning",
        "12:30",
        "2026-13-01",
        "mar 2 -3",
        "2/3 mar",
        "feb 30",
        "14 feb 26",
    ],
)
def test_garbage_dates_are_errors_not_today(text):
    with pytest.raises(OneOnOneError):
        parse_date(text, MON)


@given(st.text(max_size=30))
def test_parse_date_never_crashes(text):
    try:
        result = parse_date(text, MON)
    except OneOnOneError:
        return
    assert isinstance(result, date)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30d", date(2026, 1, 31)),
        ("2w", date(2026, 2, 16)),
        ("1m", date(2026, 2, 2)),
        ("3 months", date(2025, 12, 2)),
        ("1y", date(2025, 3, 2)),
        ("2026-01-01", date(2026, 1, 1)),
    ],
)
def test_parse_since(text, expected):
    assert parse_since(text, MON) == expected


def test_parse_until():
    assert parse_until("7d", MON) == date(2026, 3, 9)
    assert parse_until("2026-04-01", MON) == date(2026, 4, 1)
    with pytest.raises(OneOnOneError):
        parse_until("soon", MON)
    with pytest.raises(OneOnOneError):
        parse_since("30x", MON)


@pytest.mark.parametrize(
    ("text", "cadence"),
    [
        ("1w", Cadence(1, "w")),
        ("2w", Cadence(2, "w")),
        ("3w", Cadence(3, "w")),
        ("4w", Cadence(4, "w")),
        ("6w", Cadence(6, "w")),
        ("10d", Cadence(10, "d")),
        ("1m", Cadence(1, "m")),
        ("2m", Cadence(2, "m")),
        ("3m", Cadence(3, "m")),
        ("weekly", Cadence(1, "w")),
        ("biweekly", Cadence(2, "w")),
        ("fortnightly", Cadence(2, "w")),
        ("monthly", Cadence(1, "m")),
        ("quarterly", Cadence(3, "m")),
        ("every 2 weeks", Cadence(2, "w")),
        ("2 Weeks", Cadence(2, "w")),
    ],
)
def test_parse_cadence(text, cadence):
    assert parse_cadence(text) == cadence


@pytest.mark.parametrize("text", ["", "0w", "5x", "w", "53w", "13m", "daily-ish", "1y", "-1w"])
def test_bad_cadence(text):
    with pytest.raises(OneOnOneError):
        parse_cadence(text)


@given(st.integers(1, 12), st.sampled_from(["d", "w", "m"]))
def test_cadence_round_trip(amount, unit):
    cadence = Cadence(amount, unit)
    assert parse_cadence(str(cadence)) == cadence


@pytest.mark.parametrize(
    ("start", "every", "expected"),
    [
        (date(2026, 1, 31), "1m", date(2026, 2, 28)),  # calendar month, clamped
        (date(2024, 1, 31), "1m", date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), "3m", date(2024, 5, 29)),
        (date(2026, 12, 28), "1w", date(2027, 1, 4)),  # year end
        (date(2026, 11, 30), "quarterly", date(2027, 2, 28)),
        (date(2026, 3, 28), "10d", date(2026, 4, 7)),  # across a DST change: dates only
    ],
)
def test_cadence_arithmetic(start, every, expected):
    assert parse_cadence(every).after(start) == expected
