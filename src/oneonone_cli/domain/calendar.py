"""The 1:1s as recurring calendar events (`calendar`): one per active person, starting at their
next due date, repeating at their cadence. Pure: `today` is passed in; no notes, ever (an event
carries a name and a handle only)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from oneonone_cli.domain.records import Cadence, CalendarEvent, MeetingFacts, Person

FREQUENCIES = {"d": "DAILY", "w": "WEEKLY", "m": "MONTHLY"}
UID_DOMAIN = "oneonone.invalid"  # a domain that is nobody's (RFC 2606): UIDs stay ours


def recurrence(every: Cadence, start: date) -> dict[str, object]:
    """The RRULE of a cadence from `start`, as icalendar's {part: value}. Months are calendar
    months clamped at the month's end, as `due` counts them: a monthly 1:1 from the 31st falls
    on the 31st or on the month's last day (BYMONTHDAY=31,-1 with BYSETPOS=1: the earlier)."""
    rule: dict[str, object] = {"FREQ": FREQUENCIES[every.unit]}
    if every.amount != 1:
        rule["INTERVAL"] = every.amount
    if every.unit == "m" and start.day > 28:
        rule["BYMONTHDAY"] = [start.day, -1]
        rule["BYSETPOS"] = 1
    return rule


def uid(handle: str) -> str:
    """The same person's event has the same UID in every file written: importing the file again
    updates the events instead of adding them twice."""
    return f"1on1-{handle}@{UID_DOMAIN}"


def calendar_events(
    people: Iterable[tuple[Person, MeetingFacts]], today: date
) -> list[CalendarEvent]:
    """One event per person (archived people are not passed in): from their next due date, or
    today when that has passed (an overdue 1:1 is due now)."""
    from oneonone_cli.domain.cadence import next_due

    events = []
    for person, facts in people:
        start = max(next_due(person, facts), today)
        events.append(
            CalendarEvent(
                uid=uid(person.handle),
                handle=person.handle,
                name=person.name,
                relationship=person.relationship,
                every=person.every,
                start=start,
                rule=recurrence(person.every, start),
            )
        )
    return events
