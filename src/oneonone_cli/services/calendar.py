"""The team's 1:1s as calendar events (`calendar`). Returns records; prints nothing."""

from __future__ import annotations

from datetime import date, timedelta

from oneonone_cli.store.core import Store


def calendar_events(store: Store, today: date):
    """One event per active person (archived people are left out), by handle."""
    from oneonone_cli.domain import calendar
    from oneonone_cli.domain.cadence import CANCEL_WINDOW_DAYS

    facts = store.meeting_facts(
        store.people(), cancels_since=today - timedelta(days=CANCEL_WINDOW_DAYS)
    )
    return calendar.calendar_events(facts, today)
