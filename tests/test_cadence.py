from datetime import date

from oneonone_cli.domain.cadence import cancels_in_window, due_rows, next_due
from oneonone_cli.domain.records import Cadence, MeetingFacts, Person

TODAY = date(2026, 3, 2)


def person(handle="alice", every=Cadence(1, "w"), added=date(2026, 1, 1)):
    return Person(handle, handle.title(), "report", every, added)


def test_next_due_is_last_held_plus_cadence():
    assert next_due(person(), MeetingFacts(date(2026, 2, 20), None)) == date(2026, 2, 27)


def test_never_met_is_due_from_the_day_added():
    assert next_due(person(), MeetingFacts(None, None)) == date(2026, 1, 1)


def test_reschedule_moves_the_due_date():
    facts = MeetingFacts(date(2026, 2, 20), rescheduled_to=date(2026, 3, 5))
    assert next_due(person(), facts) == date(2026, 3, 5)
    [row] = due_rows([(person(), facts)], TODAY, include_all=True)
    assert row.days_overdue == -3
    assert due_rows([(person(), facts)], TODAY) == []  # not overdue until the new date


def test_monthly_cadence_at_month_end():
    facts = MeetingFacts(date(2026, 1, 31), None)
    assert next_due(person(every=Cadence(1, "m")), facts) == date(2026, 2, 28)


def test_cancel_keeps_person_due_and_counts_in_window():
    facts = MeetingFacts(
        date(2026, 2, 1), None, cancels=(date(2026, 2, 23), date(2026, 3, 2), date(2025, 11, 1))
    )
    assert cancels_in_window(facts, TODAY) == 2
    [row] = due_rows([(person(), facts)], TODAY)
    assert row.days_overdue == 22 and row.cancelled_90d == 2 and row.warning


def test_due_sorting_and_within():
    people = [
        (person("amy"), MeetingFacts(date(2026, 2, 27), None)),  # due 03-06
        (person("bo"), MeetingFacts(date(2026, 2, 10), None)),  # due 02-17
        (person("cy"), MeetingFacts(date(2026, 2, 20), None)),  # due 02-27
    ]
    assert [r.person for r in due_rows(people, TODAY)] == ["bo", "cy"]
    within = due_rows(people, TODAY, until=date(2026, 3, 9))
    assert [(r.person, r.days_overdue) for r in within] == [("bo", 13), ("cy", 3), ("amy", -4)]


def test_due_today_counts():
    [row] = due_rows([(person(), MeetingFacts(date(2026, 2, 23), None))], TODAY)
    assert row.days_overdue == 0
