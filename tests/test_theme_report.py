from datetime import date, timedelta

import pytest

from oneonone_cli.domain.records import Note
from oneonone_cli.themes.analysis import NoteSig, Signature
from oneonone_cli.themes.grouping import ThemeGroup, tally
from oneonone_cli.themes.report import (
    FrogRule,
    find_row,
    previous_mentions,
    sparkline,
    theme_rows,
    trend,
    weekly_counts,
)

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (3, 0, "new"),
        (6, 2, "rising"),
        (3, 2, "steady"),
        (2, 2, "steady"),
        (1, 4, "falling"),
        (2, 3, "steady"),
        (4, 2, "rising"),
    ],
)
def test_trend(current, previous, expected):
    assert trend(current, previous) == expected


def test_weekly_counts_end_today_oldest_first():
    since = TODAY - timedelta(days=27)  # 28 days: 4 weeks
    days = [(since, 1), (TODAY - timedelta(days=7), 1), (TODAY - timedelta(days=6), 1), (TODAY, 3)]
    assert weekly_counts(days, since, TODAY) == (1, 0, 1, 4)
    assert weekly_counts([], TODAY, TODAY) == (0,)
    # a 30-day window has 5 buckets; a day outside the window is not counted
    assert (
        weekly_counts([(TODAY - timedelta(days=400), 2)], TODAY - timedelta(days=30), TODAY)
        == (0,) * 5
    )


def test_sparkline():
    assert sparkline([0, 1, 2, 4]) == "▁▄▅█"
    assert sparkline([0, 0]) == "▁▁"
    year = [0] * 52 + [4]  # 53 weeks: 16 bins of up to 4 weeks, the last ending today
    assert len(sparkline(year)) == 14 and sparkline(year)[-1] == "█"
    assert len(sparkline([1] * 40, width=10)) == 10


def sig(nid, person, day, theme="oncall", phrases=()):
    return NoteSig(nid, person, nid, day, Signature(theme, ("alert",), tuple(phrases)))


def group_of(sigs, key="oncall", name="On-call alert noise"):
    return ThemeGroup.of(tally(key, sigs), name, ("alert",))


def rows_for(sigs, previous=None, frog=FrogRule()):
    notes = {s.id: Note(s.id, s.id, s.person, s.on, "roadblock", f"note {s.id}", ()) for s in sigs}
    return theme_rows(
        [group_of(sigs)],
        notes,
        since=TODAY - timedelta(days=41),
        today=TODAY,
        previous=previous,
        frog=frog,
    )


def test_normalised_needs_three_weeks_and_two_people():
    weeks = [TODAY - timedelta(days=7 * k) for k in range(3)]
    [row] = rows_for([sig(1, "a", weeks[0]), sig(2, "b", weeks[1]), sig(3, "a", weeks[2])])
    assert row.normalised and row.weeks == 3 and row.people == ("a", "b")
    assert row.example == "note 1" and row.first == weeks[2] and row.last == weeks[0]
    [one_person] = rows_for([sig(1, "a", weeks[0]), sig(2, "a", weeks[1]), sig(3, "a", weeks[2])])
    assert not one_person.normalised
    [two_weeks] = rows_for([sig(1, "a", weeks[0]), sig(2, "b", weeks[0]), sig(3, "a", weeks[1])])
    assert not two_weeks.normalised
    [custom] = rows_for([sig(1, "a", weeks[0]), sig(2, "b", weeks[1])], frog=FrogRule(2, 2))
    assert custom.normalised


def test_trend_against_previous_window():
    current = [sig(i, "a", TODAY - timedelta(days=i)) for i in range(1, 6)]
    previous = {"oncall": 1, "flaky-ci": 1, "phrase:staging env": 4}
    [row] = rows_for(current, previous)
    assert (row.previous, row.trend) == (1, "rising")


def test_find_row():
    [row] = rows_for([sig(1, "a", TODAY), sig(2, "b", TODAY)])
    assert find_row([row], "oncall") is row
    assert find_row([row], "On-call alert noise") is row
    assert find_row([row], "on-call") is row  # a unique start of the name
    assert find_row([row], "flaky") is None


def test_previous_mentions_of_a_discovered_phrase():
    notes = [sig(1, "a", TODAY, theme=None), sig(2, "b", TODAY, theme=None)]
    group = group_of(notes, "phrase:staging env", "Staging env")
    counts = {"oncall": 5, "phrase:staging env": 2}
    assert group.phrase == "staging env"
    assert previous_mentions(group, counts) == 2
    assert previous_mentions(group_of(notes), counts) == 5
    assert previous_mentions(group_of(notes, "phrase:other"), counts) == 0


def test_a_tally_is_by_date_then_id_and_its_latest_note_is_quoted():
    sigs = [sig(3, "a", TODAY), sig(2, "b", TODAY - timedelta(days=3)), sig(1, "a", TODAY)]
    summed = tally("oncall", sigs)
    assert summed.note_ids == (2, 1, 3)
    assert summed.days == ((TODAY - timedelta(days=3), 1), (TODAY, 2))
    assert (summed.people, summed.meetings, dict(summed.terms)) == (("a", "b"), 3, {"alert": 3})
    assert group_of(sigs).latest == 3
    [row] = rows_for(sigs)
    assert (row.example, row.note_ids, row.first, row.last) == (
        "note 3",
        (2, 1, 3),
        TODAY - timedelta(days=3),
        TODAY,
    )
