"""What the team's `health` reads, for everyone at once: a fixed number of statements, however
many people the journal holds (tests/test_health_speed.py counts them). Reads only; schema m006.

Each is one statement over the indexes the journal has (no index of its own: see the query
plans in the docstrings); the figures are the domain's (domain/health.py)."""

from __future__ import annotations

from datetime import date

from oneonone_cli.domain.records import HELD, MeetingSignals, PromptsAsked
from oneonone_cli.store.brief import _STATUSES, _int
from oneonone_cli.store.meetings import _d


class HealthMixin:
    """The Store's team-wide reads for the health report (see `Store`)."""

    def team_signals_since(self, since: date) -> list[MeetingSignals]:
        """Every active person's 1:1s as `signals_since` gives one person's (from their last
        held 1:1 before `since`, or their first, to the latest; by person, then date and id),
        in one statement: for each person, one seek of the (status, person, date) index finds
        their start, then their 1:1s are a range of it (one statement a person: twice as slow
        at 500 people)."""
        rows = self.conn.execute(
            "WITH start AS (SELECT handle, coalesce((SELECT MAX(date) FROM meetings"
            " WHERE person = handle AND status = :held AND date < :since), '') AS day"
            " FROM people WHERE archived IS NULL)"
            " SELECT m.id, m.person, m.date, m.status, m.moved_to, m.mood, m.talk,"
            " m.status_update FROM start CROSS JOIN meetings AS m ON m.person = start.handle"
            f" AND m.status IN {_STATUSES} AND m.date >= start.day"
            " ORDER BY m.person, m.date, m.id",
            {"held": HELD, "since": since.isoformat()},
        ).fetchall()
        try:  # the dates parsed inline: thousands of rows
            day = date.fromisoformat
            return [
                MeetingSignals(
                    mid,
                    person,
                    day(on),
                    status,
                    None if moved_to is None else day(moved_to),
                    mood if isinstance(mood, int) else None,
                    talk if isinstance(talk, int) else None,
                    None if flag is None else bool(flag),
                )
                for mid, person, on, status, moved_to, mood, talk, flag in rows
            ]
        except (ValueError, TypeError):  # a date that is not one (a hand edit): named
            return [
                MeetingSignals(
                    mid,
                    person,
                    _d(on),
                    status,
                    _d(moved_to),
                    _int(mood),
                    _int(talk),
                    None if flag is None else bool(flag),
                )
                for mid, person, on, status, moved_to, mood, talk, flag in rows
            ]

    def prompts_asked(
        self, since: date, until: date, handle: str | None = None
    ) -> list[PromptsAsked]:
        """Each person's prompts (of one person, or of everyone asked any): every one ever
        asked, and those asked from `since` to `until`, an id each time. One row a person off
        one scan of the (person, prompt_id, date) index, which holds all it reads: the ids
        joined by commas, which a prompt id never holds (domain/prompts.py _ID)."""
        who, params = ("", {}) if handle is None else (" AND person = :who", {"who": handle})
        return [
            PromptsAsked(
                person,
                frozenset(ever.split(",")),
                tuple(window.split(",")) if window is not None else (),
            )
            for person, ever, window in self.conn.execute(
                "SELECT person, group_concat(DISTINCT prompt_id), group_concat(CASE WHEN"
                " date >= :since AND date <= :until THEN prompt_id END) FROM prompt_uses"
                f" WHERE prompt_id IS NOT NULL{who} GROUP BY person",
                {"since": since.isoformat(), "until": until.isoformat(), **params},
            )
            if person is not None
        ]
