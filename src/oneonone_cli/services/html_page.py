"""The printable page (HTML) of one person or of the team over a window: the cadence kept, the
themes raised with their weeks, the mood trend, the follow-ups. Gathered through the existing
services (due, themes) and the store; returns a record; prints nothing.

The cadence kept is computed here simply (held 1:1s against the number the cadence asks for in
the window); the health figures being built in services/health.py can replace it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from oneonone_cli import messages
from oneonone_cli.domain.records import CadenceKept, HtmlPage
from oneonone_cli.store.core import Store

DEFAULT_DAYS = 90


def expected_meetings(every_days: int, since: date, added: date, today: date) -> int:
    """How many 1:1s a cadence of `every_days` asks for between `since` (or the day the person
    was added, if later) and today: at least one, once a whole cadence has passed."""
    start = max(since, added)
    days = (today - start).days + 1
    return max(1, days // every_days) if days >= every_days else 0


def kept_percent(held: int, expected: int) -> int:
    if expected == 0:
        return 100
    return min(100, round(100 * held / expected))


def html_page(
    store: Store,
    today: date,
    *,
    person: str | None = None,
    since: date | None = None,
    user_file: Path | None = None,
) -> HtmlPage:
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.services.history import due_report
    from oneonone_cli.services.themes import ThemeQuery, themes_report

    since = since if since is not None else today - timedelta(days=DEFAULT_DAYS)
    handle = None
    if person is not None:
        found = store.person(check_handle(person))
        handle = found.handle
        title = messages.HTML_TITLE_PERSON.format(name=found.name, handle=found.handle)
    else:
        title = messages.HTML_TITLE_TEAM
    people = {p.handle: p for p in store.people(include_archived=handle is not None)}
    counts = store.meetings_in(since, today)
    due = {r.person: r for r in due_report(store, today, until=today, include_all=True)}
    cadence = []
    for p in people.values():
        if handle is not None and p.handle != handle:
            continue
        held, cancels, first = counts.get(p.handle, (0, 0, None))
        # From the day they were added, or their first 1:1 if it came before (logged later).
        start = min(p.added, first) if first is not None else p.added
        expected = expected_meetings(p.every.approx_days, since, start, today)
        row = due.get(p.handle)  # an archived person is not due: their page shows no date
        cadence.append(
            CadenceKept(
                p.handle,
                p.name,
                p.relationship,
                str(p.every),
                held,
                expected,
                kept_percent(held, expected),
                cancels,
                row.last if row is not None else store.last_held(p.handle),
                row.due if row is not None else None,
                row.days_overdue if row is not None else 0,
            )
        )
    cadence.sort(key=lambda c: (c.kept, c.person))
    themes = {
        kind: tuple(themes_report(store, ThemeQuery(since, today, handle, kind), user_file))
        for kind in ("roadblock", "morale")
    }
    moods = store.moods(handle, since, today)
    follow_ups = store.follow_up_lines(handle, since)
    return HtmlPage(
        title,
        handle,
        since,
        today,
        tuple(cadence),
        themes["roadblock"],
        themes["morale"],
        tuple(moods),
        tuple(follow_ups),
    )
