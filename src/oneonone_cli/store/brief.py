"""What `prep` and `health` read: 1:1s with their signals (mood, talk share, status update),
open follow-ups, the latest note of each kind, prompts asked. Reads only; schema m006.

The team's `health` reads everyone at once, in a fixed number of statements whatever the
number of people (team_signals_since, prompts_asked; tests/test_health_speed.py counts them),
each over the indexes the journal has: no index of its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oneonone_cli.domain.records import HELD, FollowUp, MeetingSignals, PromptsAsked, PromptUse
from oneonone_cli.store.meetings import _d

_STATUSES = "('held', 'cancelled', 'rescheduled')"  # HELD, CANCELLED, RESCHEDULED


class BriefMixin:
    """The Store's reads for the 1:1 brief and the health report (see `Store`)."""

    def signals_since(self, handles: Sequence[str], since: date) -> list[MeetingSignals]:
        """Each person's 1:1s from their last held one before `since` (whatever came earlier,
        when none was held before it) to the latest, by person, then date and id: what the
        on-time rule needs to know the due date of every 1:1 from `since` on. One statement a
        person, seeks on the (status, person, date) index (one statement for everyone joins
        worse: 15 times slower on 500 people)."""
        found: list[MeetingSignals] = []
        for handle in handles:
            rows = self.conn.execute(
                "SELECT id, person, date, status, moved_to, mood, talk, status_update"
                f" FROM meetings WHERE person = :who AND status IN {_STATUSES}"
                " AND date >= coalesce((SELECT MAX(date) FROM meetings WHERE person = :who"
                " AND status = :held AND date < :since), '') ORDER BY date, id",
                {"who": handle, "held": HELD, "since": since.isoformat()},
            ).fetchall()
            found.extend(_signals(rows))
        return found

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
        return _signals(rows)

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

    def open_follow_ups(self, handle: str | None = None) -> list[FollowUp]:
        """Follow-ups not done yet (of one person, or everyone's), oldest first."""
        who, params = ("", []) if handle is None else (" AND person = ?", [handle])
        rows = self.conn.execute(
            "SELECT id, person, meeting_id, text, added, done FROM follow_ups"
            f" WHERE done IS NULL{who} ORDER BY added, id",
            params,
        ).fetchall()
        return [
            FollowUp(fid, person, meeting_id, text, _d(added, "follow-up"), None)
            for fid, person, meeting_id, text, added, _ in rows
        ]

    def last_note_days(self, since: date, handle: str | None = None) -> dict[tuple[str, str], date]:
        """(person, kind) -> the day of their latest note of that kind, from `since` on."""
        who, params = ("", []) if handle is None else (" AND person = ?", [handle])
        return {
            (person, kind): _d(on, "note")
            for person, kind, on in self.conn.execute(
                # +person: read the window's range of the (date, kind) index, not every note
                # in the order of (person, date) (6 times slower on 300k notes)
                f"SELECT person, kind, MAX(date) FROM notes WHERE date >= ?{who}"
                " GROUP BY +person, kind",
                [since.isoformat(), *params],
            )
        }

    def prompt_uses_since(self, since: date, handle: str | None = None) -> list[PromptUse]:
        """Prompts asked from `since` on (of one person, or of anyone), by date."""
        who, params = ("", []) if handle is None else (" AND person = ?", [handle])
        return [
            PromptUse(meeting_id, person, prompt_id, _d(on))
            for meeting_id, person, prompt_id, on in self.conn.execute(
                "SELECT meeting_id, person, prompt_id, date FROM prompt_uses"
                f" WHERE date >= ?{who} ORDER BY date, meeting_id, prompt_id",
                [since.isoformat(), *params],
            )
        ]

    def note_ids_of(self, handle: str, kind: str, since: date, until: date) -> set[int]:
        """The ids of someone's notes of one kind from `since` to `until`."""
        return {
            nid
            for (nid,) in self.conn.execute(
                "SELECT id FROM notes WHERE person = ? AND date BETWEEN ? AND ? AND kind = ?",
                [handle, since.isoformat(), until.isoformat(), kind],
            )
        }

    def asked_in(self, meeting_id: int) -> list[str]:
        """The prompts asked in one 1:1."""
        return [
            pid
            for (pid,) in self.conn.execute(
                "SELECT prompt_id FROM prompt_uses WHERE meeting_id = ? ORDER BY prompt_id",
                [meeting_id],
            )
        ]


def _int(value) -> int | None:
    """A signal column: an integer, or None when not recorded (or not a number: a hand edit)."""
    return value if isinstance(value, int) else None


def _signals(rows: list[tuple]) -> list[MeetingSignals]:
    """Rows of (id, person, date, status, moved_to, mood, talk, status_update) as records:
    the dates parsed inline (thousands of rows for the team), a date that is not one (a hand
    edit) named in one line."""
    try:
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
    except (ValueError, TypeError):
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
