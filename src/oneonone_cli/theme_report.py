"""Turning grouped notes into the rows of the `themes` report. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from oneonone_cli.model import Note
from oneonone_cli.themes import NoteSig, ThemeGroup


@dataclass(frozen=True)
class ThemeRow:
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


def theme_rows(
    groups: Sequence[ThemeGroup], sigs: Sequence[NoteSig], notes: Mapping[int, Note]
) -> list[ThemeRow]:
    by_id = {s.id: s for s in sigs}
    rows = []
    for group in groups:
        members = sorted((by_id[i] for i in group.note_ids), key=lambda s: (s.on, s.id))
        latest = members[-1]
        rows.append(
            ThemeRow(
                theme=group.name,
                key=group.key,
                mentions=len(members),
                people=tuple(sorted({s.person for s in members})),
                first=members[0].on,
                last=latest.on,
                weeks=len({s.on.isocalendar()[:2] for s in members}),
                terms=group.terms,
                note_ids=tuple(s.id for s in members),
                example=notes[latest.id].text,
            )
        )
    rows.sort(key=lambda r: (-r.mentions, -len(r.people), r.key))
    return rows
