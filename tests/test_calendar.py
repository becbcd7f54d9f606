"""`calendar`: one recurring event per active person, parsed back with icalendar; RRULEs from
cadences agree with `due`'s own arithmetic; stable UIDs; no notes; archived people left out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from oneonone_cli.domain.calendar import recurrence, uid
from oneonone_cli.domain.records import Cadence

TODAY = date(2026, 3, 2)


def events(path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def occurrences(event, n: int) -> list[date]:
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    return [d.date() for d in rule[:n]]


@pytest.fixture
def team(run):
    run("add", "alice", "--name", "Alice Smith", "--every", "2w")
    run("add", "bob", "--name", "Bob Okafor")
    run("add", "dana", "--name", "Dana Lee", "--as", "peer", "--every", "1m")
    run("add", "eli", "--every", "10d")
    run("add", "gone", "--name", "Left Already")
    run("archive", "gone")
    run("log", "alice", "--on", "2026-02-20", "-R", "SECRET roadblock text #oncall")
    run("log", "bob", "--on", "2026-02-27", "-M", "SECRET morale text")
    run("reschedule", "dana", "--to", "2026-03-10")


def test_one_recurring_event_per_active_person(run, team, tmp_path):
    out = tmp_path / "team.ics"
    said = run("calendar", "-o", str(out)).stdout
    assert said.startswith(f"Wrote 4 events to {out}")
    found = events(out)
    assert set(found) == {uid(h) for h in ("alice", "bob", "dana", "eli")}
    alice = found[uid("alice")]
    assert str(alice["summary"]) == "1:1 Alice Smith (alice)"
    assert alice.decoded("dtstart") == date(2026, 3, 6)  # last held 02-20 + 2w
    assert occurrences(alice, 3) == [date(2026, 3, 6), date(2026, 3, 20), date(2026, 4, 3)]
    bob = found[uid("bob")]
    assert bob.decoded("dtstart") == date(2026, 3, 6)
    assert occurrences(bob, 2) == [date(2026, 3, 6), date(2026, 3, 13)]
    dana = found[uid("dana")]  # rescheduled: from the new date, monthly
    assert occurrences(dana, 3) == [date(2026, 3, 10), date(2026, 4, 10), date(2026, 5, 10)]
    eli = found[uid("eli")]  # never met: due since added (today), every 10 days
    assert occurrences(eli, 2) == [TODAY, TODAY + timedelta(days=10)]


def test_no_note_and_no_archived_person_is_in_the_file(run, team, tmp_path):
    out = tmp_path / "team.ics"
    run("calendar", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "SECRET" not in text and "oncall" not in text
    assert "gone" not in text and "Left Already" not in text


def test_uids_are_stable_and_a_second_file_replaces_the_first(run, team, tmp_path):
    out = tmp_path / "team.ics"
    run("calendar", "-o", str(out))
    first = events(out)
    run("log", "alice", "--on", "2026-03-02", "--no-notes")
    run("calendar", "-o", str(out))  # a calendar written before is replaced
    second = events(out)
    assert set(first) == set(second)
    assert second[uid("alice")].decoded("dtstart") == date(2026, 3, 16)


def test_stdout_without_output_and_an_overdue_person_starts_today(run, team):
    text = run("calendar", env={"ONEONONE_TODAY": "2026-04-01"}).stdout
    cal = Calendar.from_ical(text)
    starts = {str(e["uid"]): e.decoded("dtstart") for e in cal.walk("VEVENT")}
    assert starts[uid("alice")] == date(2026, 4, 1)  # overdue since 03-06: from today


def test_refuses_to_overwrite_what_is_not_a_calendar(run, team, journal, tmp_path):
    before = journal.read_bytes()
    err = run.fails("calendar", "-o", str(journal))
    assert "was not written by" in err
    assert journal.read_bytes() == before
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    run.fails("calendar", "-o", str(notes))
    assert notes.read_text(encoding="utf-8") == "mine"
    assert "does not exist" in run.fails("calendar", "-o", str(tmp_path / "no" / "x.ics"))
    assert "is a folder" in run.fails("calendar", "-o", str(tmp_path))
    assert not list(tmp_path.glob(".*.partial"))


def test_no_one_is_one_line(run):
    assert "No one to put in a calendar" in run.fails("calendar")


@pytest.mark.parametrize(
    ("every", "rule"),
    [
        ("1w", "FREQ=WEEKLY"),
        ("2w", "FREQ=WEEKLY;INTERVAL=2"),
        ("10d", "FREQ=DAILY;INTERVAL=10"),
        ("1m", "FREQ=MONTHLY"),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3"),
    ],
)
def test_rrule_of_each_cadence(run, tmp_path, every, rule):
    run("add", "alice", "--every", every)
    out = tmp_path / "a.ics"
    run("calendar", "-o", str(out))
    assert events(out)[uid("alice")]["rrule"].to_ical().decode() == rule


cadences = st.one_of(
    st.builds(Cadence, st.integers(1, 366), st.just("d")),
    st.builds(Cadence, st.integers(1, 52), st.just("w")),
    st.builds(Cadence, st.integers(1, 12), st.just("m")),
)


@settings(max_examples=300, deadline=None)
@given(cadences, st.dates(date(2000, 1, 1), date(2090, 12, 31)))
def test_the_rrule_agrees_with_due_arithmetic(every, start):
    """The rule's second occurrence is the next due date after the first (`Cadence.after`);
    the k-th is k cadences after the start: months clamp at the month's end (a 31st falls on
    Feb 28) and come back to the 31st where there is one."""
    from dateutil.relativedelta import relativedelta
    from icalendar import vRecur

    rule = rrulestr(vRecur(recurrence(every, start)).to_ical().decode(), dtstart=start)
    got = [d.date() for d in rule[:4]]
    assert got[0] == start
    assert got[1] == every.after(start)
    unit = {"d": "days", "w": "weeks", "m": "months"}[every.unit]
    assert got == [start + relativedelta(**{unit: k * every.amount}) for k in range(4)]
