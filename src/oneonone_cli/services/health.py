"""The health of the manager's 1:1 habits (`health [HANDLE]`): each person's figures and the
team's, with their warnings. Reads the journal; returns records; prints nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from oneonone_cli.domain.health import Health
from oneonone_cli.domain.records import Person, check_handle
from oneonone_cli.store.core import Store


class HealthReport(NamedTuple):
    since: date
    lookback: date  # how far back the latest note of each kind was looked for
    people: list[Person]
    rows: list[Health]  # one per person, in the order of `people`
    team: Health | None  # None for one person's report


def health_report(
    store: Store, today: date, since: date, handle: str | None = None
) -> HealthReport:
    """Figures from `since` to `today` for one person (`handle`) or everyone active."""
    from oneonone_cli.domain.health import FEEDBACK_GAP_DAYS, Bank, person_health, team_health
    from oneonone_cli.services.prompts import prompt_bank
    from oneonone_cli.themes.sparkline import mood_sparkline

    with store.reading():
        # A fixed number of statements whatever the number of people (none of them per person:
        # tests/test_health_speed.py counts them).
        if handle is not None:
            people = [store.person(check_handle(handle))]
            one = people[0].handle
            meetings_of = store.signals_since([one], since)
        else:
            people = store.people()
            one = None
            meetings_of = store.team_signals_since(since)
        handles = [p.handle for p in people]
        meetings: dict[str, list] = {h: [] for h in handles}
        for m in meetings_of:
            if m.person in meetings:
                meetings[m.person].append(m)
        asked = {a.person: a for a in store.prompts_asked(since, today, one)}
        # Far enough back that no feedback seen means none for over FEEDBACK_GAP_DAYS.
        lookback = min(since, today - timedelta(days=FEEDBACK_GAP_DAYS + 1))
        last: dict[str, dict] = {h: {} for h in handles}
        for (person, kind), day in store.last_note_days(lookback, one).items():
            last.setdefault(person, {})[kind] = day
        follow_ups: dict[str, list] = {h: [] for h in handles}
        for f in store.open_follow_ups(one):
            follow_ups.setdefault(f.person, []).append(f)
        bank = Bank(prompt_bank(store))
    rows = [
        person_health(
            p,
            meetings[p.handle],
            since=since,
            today=today,
            bank=bank,
            asked=asked.get(p.handle),
            last_note=last[p.handle],
            follow_ups=follow_ups[p.handle],
        )
        for p in people
    ]
    team = team_health(rows, today) if handle is None else None
    rows = [h._replace(mood_sparkline=mood_sparkline(h.moods)) for h in rows]
    if team is not None:
        team = team._replace(mood_sparkline=mood_sparkline(team.moods))
    return HealthReport(since, lookback, people, rows, team)
