"""When each person's next 1:1 is due, and who is overdue. Pure: `today` is passed in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from oneonone_cli.domain.records import DueRow, MeetingFacts, Person

CANCEL_WINDOW_DAYS = 90


def next_due(person: Person, facts: MeetingFacts) -> date:
    """Last held 1:1 plus the cadence; a reschedule since then moves it; never met: due at once."""
    if facts.rescheduled_to is not None:
        return facts.rescheduled_to
    if facts.last_held is None:
        return person.added
    return person.every.after(facts.last_held)


def cancels_in_window(facts: MeetingFacts, today: date) -> int:
    start = today - timedelta(days=CANCEL_WINDOW_DAYS)
    return sum(1 for day in facts.cancels if start < day <= today)


def due_rows(
    people: Iterable[tuple[Person, MeetingFacts]],
    today: date,
    *,
    until: date | None = None,
    include_all: bool = False,
) -> list[DueRow]:
    """People due on or before `until` (default today), most overdue first; all with include_all."""
    until = today if until is None else until
    rows = []
    for person, facts in people:
        due = next_due(person, facts)
        if not include_all and due > until:
            continue
        rows.append(
            DueRow(
                person=person.handle,
                name=person.name,
                relationship=person.relationship,
                every=str(person.every),
                last=facts.last_held,
                due=due,
                days_overdue=(today - due).days,
                cancelled_90d=cancels_in_window(facts, today),
            )
        )
    rows.sort(key=lambda row: (-row.days_overdue, row.person))
    return rows
