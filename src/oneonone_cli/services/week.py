"""The week's digest (`week`): what everyone raised in a window (the 7 days ending today by default),
by person, with the follow-ups added and the recurring themes that got a new mention. Returns
records; prints nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from oneonone_cli.store.core import Store

# The notes the week shows: what they raised and the feedback given (every kind of note).
WEEK_KINDS = ("roadblock", "morale", "feedback")
# The recurring themes are read over this many days ending today (the `themes` default): a
# theme is listed when one of its mentions falls in the week.
THEME_DAYS = 30


class PersonWeek(NamedTuple):
    person: str
    notes: tuple  # domain.records.Note, by date then id
    follow_ups: tuple  # domain.records.FollowUp added in the window, oldest first
    meetings: tuple  # (day, Signals) of the 1:1s held in the window with signals recorded


class WeekTheme(NamedTuple):
    theme: str
    key: str
    new: int  # mentions in the week
    mentions: int  # mentions in the THEME_DAYS window
    people: tuple[str, ...]  # who raised it in the week
    trend: str


class Week(NamedTuple):
    since: date
    until: date
    people: list[PersonWeek]
    themes: list[WeekTheme]


def week(
    store: Store, since: date, today: date, user_file: Path | None = None, progress=None
) -> Week:
    """The digest of `since` to `today` (both included)."""
    notes = store.notes_between(since, today, WEEK_KINDS)
    added = store.follow_ups_added(since, today)
    signals = store.signals_between(since, today)
    by_person: dict[str, list] = {}
    for note in notes:
        by_person.setdefault(note.person, [[], [], []])[0].append(note)
    for f in added:
        by_person.setdefault(f.person, [[], [], []])[1].append(f)
    for person, day, sig in signals:
        by_person.setdefault(person, [[], [], []])[2].append((day, sig))
    people = [
        PersonWeek(person, tuple(n), tuple(f), tuple(m))
        for person, (n, f, m) in sorted(by_person.items())
    ]
    roadblocks = {n.id: n.person for n in notes if n.kind == "roadblock"}
    themes = _themes_mentioned(store, since, today, roadblocks, user_file, progress)
    return Week(since, today, people, themes)


def _themes_mentioned(store, since, today, roadblocks, user_file, progress) -> list[WeekTheme]:
    """The recurring roadblock themes of the last THEME_DAYS days with a mention in the week,
    most new mentions first. Feedback notes never make a theme (they are not read)."""
    if not roadblocks:
        return []  # nothing raised this week: no theme can have a new mention
    from datetime import timedelta

    from oneonone_cli.services.themes import ThemeQuery, themes_report

    start = min(since, today - timedelta(days=THEME_DAYS))
    rows = themes_report(store, ThemeQuery(start, today), user_file, progress=progress)
    found = []
    for row in rows:
        new = [roadblocks[i] for i in row.note_ids if i in roadblocks]
        if new:
            found.append(
                WeekTheme(
                    row.theme, row.key, len(new), row.mentions, tuple(sorted(set(new))), row.trend
                )
            )
    found.sort(key=lambda t: (-t.new, -t.mentions, t.key))
    return found
