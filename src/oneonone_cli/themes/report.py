"""Turning grouped notes into the rows of the `themes` report: counts, trend, weekly
sparkline and the "normalised" flag for the boiling frog. Pure: `today` is passed in."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from oneonone_cli.domain.records import Note
from oneonone_cli.themes.grouping import ThemeGroup, theme_origin
from oneonone_cli.themes.sparkline import SPARKS, sparkline  # noqa: F401 (its home before)

NEW, RISING, STEADY, FALLING = "new", "rising", "steady", "falling"


class FrogRule(NamedTuple):
    """A theme raised in at least `weeks` different weeks by at least `people` people has
    become background noise: the team got used to it."""

    weeks: int = 3
    people: int = 2


class ThemeRow(NamedTuple):
    theme: str  # readable name
    key: str
    mentions: int
    people: tuple[str, ...]
    first: date
    last: date
    weeks: int  # distinct ISO weeks with a mention
    terms: tuple[str, ...]
    note_ids: tuple[int, ...]
    example: str  # the latest note's text
    previous: int  # mentions in the window of the same length just before
    trend: str  # new | rising | steady | falling
    weekly: tuple[int, ...]  # mentions per week, oldest first, the last ending today
    normalised: bool
    origin: str  # "builtin", "yours" (a theme the manager made or kept) or "found"

    @property
    def sparkline(self) -> str:
        return sparkline(self.weekly)


def trend(current: int, previous: int) -> str:
    """Compare a theme's mentions with the previous window of the same length. Small counts
    move by chance, so a change must be both half again as large and at least two notes."""
    if previous == 0:
        return NEW
    if current >= previous * 1.5 and current - previous >= 2:
        return RISING
    if previous >= current * 1.5 and previous - current >= 2:
        return FALLING
    return STEADY


def weekly_counts(days: Iterable[tuple[date, int]], since: date, today: date) -> tuple[int, ...]:
    """Mentions per 7-day bucket counted back from today, oldest bucket first, from
    (day, mentions that day) pairs."""
    buckets = max(1, -(-((today - since).days + 1) // 7))
    counts = [0] * buckets
    for day, mentions in days:
        back = (today - day).days // 7
        if 0 <= back < buckets:
            counts[buckets - 1 - back] += mentions
    return tuple(counts)


def previous_mentions(group: ThemeGroup, previous: Mapping[str, int]) -> int:
    """How many notes of the previous window belong to this theme, from what
    `Store.theme_counts` counted there: lexicon themes by key, discovered ones by their phrase
    among the notes no lexicon theme claimed (both are keyed like the group)."""
    return previous.get(group.key, 0)


def theme_rows(
    groups: Sequence[ThemeGroup],
    notes: Mapping[int, Note],
    *,
    since: date,
    today: date,
    previous: Mapping[str, int] | None = None,
    frog: FrogRule = FrogRule(),
    positive: Collection[str] = (),
    builtin: Collection[str] | None = None,
) -> list[ThemeRow]:
    """One row per theme. `notes` needs at least each theme's latest note (its example);
    `previous` is what `Store.theme_counts` says of the window before. The themes keyed in
    `positive` (morale: recognition, growth) are never flagged normalised: the flag warns of a
    roadblock the team got used to, and good news that recurs is no warning sign. `builtin`
    holds the built-in themes' keys (by default, the shipped lexicon's), for each row's origin."""
    if builtin is None:
        from oneonone_cli.themes.lexicon import builtin_keys

        builtin = builtin_keys()
    rows = []
    for group in groups:
        mentions = len(group.note_ids)
        weeks = len({day.isocalendar()[:2] for day, _ in group.days})
        before = previous_mentions(group, previous or {})
        rows.append(
            ThemeRow(
                theme=group.name,
                key=group.key,
                mentions=mentions,
                people=group.people,
                first=group.days[0][0],
                last=group.days[-1][0],
                weeks=weeks,
                terms=group.terms,
                note_ids=group.note_ids,
                example=_text(notes.get(group.latest)),
                previous=before,
                trend=trend(mentions, before),
                weekly=weekly_counts(group.days, since, today),
                normalised=weeks >= frog.weeks
                and len(group.people) >= frog.people
                and group.key not in positive,
                origin=theme_origin(group.key, builtin),
            )
        )
    rows.sort(key=lambda r: (-r.mentions, -len(r.people), r.key))
    return rows


def _text(note: Note | None) -> str:
    """A note's text; empty for one gone since the roll-up counted it (a row left by another
    program's delete, dropped by the next report): the report still answers."""
    return "" if note is None else note.text


def find_row(rows: Sequence[ThemeRow], wanted: str) -> ThemeRow | None:
    """The theme a manager named: its key, its name, or a unique start of either."""
    needle = wanted.strip().lower().lstrip("#")
    exact = [r for r in rows if needle in (r.key.lower(), r.theme.lower())]
    if exact:
        return exact[0]
    partial = [
        r for r in rows if r.key.lower().startswith(needle) or r.theme.lower().startswith(needle)
    ]
    return partial[0] if len(partial) == 1 else None
