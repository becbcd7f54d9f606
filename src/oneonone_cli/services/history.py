"""What happened and what is due: who is due a 1:1, someone's history. Returns records; prints
nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from oneonone_cli.store.core import Store


def due_report(store: Store, today: date, *, until: date, include_all: bool = False):
    from oneonone_cli.domain.cadence import CANCEL_WINDOW_DAYS, due_rows

    facts = store.meeting_facts(
        store.people(), cancels_since=today - timedelta(days=CANCEL_WINDOW_DAYS)
    )
    return due_rows(facts, today, until=until, include_all=include_all)


def anyone(store: Store) -> bool:
    """Whether the journal has anyone in it (an empty `due` says how to start)."""
    return bool(store.people())


class History(NamedTuple):
    person: object  # domain.records.Person
    meetings: list
    total: int | None  # every 1:1 with them, when the limit may have cut some; else None


def history(
    store: Store,
    handle: str,
    *,
    since: date | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> History:
    """Someone's 1:1s with their notes, newest first: `limit` of them, or all since `since`."""
    person = store.person(handle)
    meetings = store.history(handle, since=since, kind=kind, limit=limit)
    total = store.meeting_count(handle) if limit is not None and len(meetings) == limit else None
    return History(person, meetings, total)
