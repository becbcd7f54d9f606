"""The meetings and notes tables: 1:1s held, cancelled and rescheduled, and their notes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date

from oneonone_cli import messages
from oneonone_cli.domain.records import (
    CANCELLED,
    HELD,
    RESCHEDULED,
    Meeting,
    MeetingFacts,
    Note,
    NoteDraft,
    Person,
    Signals,
)
from oneonone_cli.errors import OneOnOneError, shown


def _d(value: str | None, what: str = "1:1") -> date | None:
    """A date column; a value that is not a date (the file edited by hand, or damaged) is
    named, never a crash further on."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (ValueError, TypeError):
        raise OneOnOneError(
            messages.ROW_BAD_DATE.format(what=what, value=shown(str(value)))
        ) from None


def note_columns(nid: int, text, tags, on) -> tuple[str, tuple[str, ...], date]:
    """A note row's text, tags (a JSON list) and date, checked: a damaged one (the file edited
    by hand) is named in one line, never a crash further on (also store/rollup.py's)."""
    try:  # most notes have no tags: spared json.loads (~4 us a note)
        tag_list = [] if tags == "[]" else json.loads(tags)
    except (ValueError, TypeError):
        tag_list = None
    if not isinstance(tag_list, list) or not all(isinstance(t, str) for t in tag_list):
        raise OneOnOneError(messages.NOTE_BAD_TAGS.format(id=nid))
    if not isinstance(text, str):
        raise OneOnOneError(messages.NOTE_NOT_TEXT.format(id=nid))
    return text, tuple(tag_list), _d(on, "note")


# Where a person's latest reschedule moved their next 1:1 to, while it is pending (NULL once a
# 1:1 was held after it): a held 1:1 ends the reschedule when it is later by (date, id), that
# is held after the day the move was made, or on it but recorded after the move ("we met
# today, the next one moves" keeps the move). Purely a query, so it is SQL, for the person
# `who` (the people table's column, or a parameter): a seek on the (person, status, date) index.
PENDING_MOVE = (
    "SELECT mv.moved_to FROM (SELECT date, id, moved_to FROM meetings"
    " WHERE person = {who} AND status = :moved ORDER BY date DESC, id DESC LIMIT 1) mv"
    " WHERE NOT EXISTS (SELECT 1 FROM meetings h WHERE h.person = {who}"
    " AND h.status = :held AND (h.date, h.id) > (mv.date, mv.id))"
)


class MeetingsMixin:
    """The Store's meetings and notes (see `Store`)."""

    def log_meeting(
        self,
        handle: str,
        on: date,
        notes: Sequence[NoteDraft],
        asked: Sequence[str],
        follow_ups: Sequence[str] = (),
        signals: Signals | None = None,
    ) -> tuple[int, list[int]]:
        """Record one held 1:1 with its notes, prompts asked, follow-ups agreed and signals,
        in one transaction."""
        self.require(handle)  # (the prompts `asked` are checked by the caller)
        with self.transaction():
            self._still_there(handle)
            meeting_id = self._insert_meeting(handle, on, HELD, signals=signals)
            note_ids = []
            for draft in notes:
                cursor = self.conn.execute(
                    "INSERT INTO notes (meeting_id, person, date, kind, text, tags)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        meeting_id,
                        handle,
                        on.isoformat(),
                        draft.kind,
                        draft.text,
                        json.dumps(list(draft.tags()), ensure_ascii=False),
                    ],
                )
                note_ids.append(cursor.lastrowid)
            self.conn.executemany(
                "INSERT OR IGNORE INTO prompt_uses (meeting_id, person, prompt_id, date)"
                " VALUES (?, ?, ?, ?)",
                [(meeting_id, handle, p, on.isoformat()) for p in asked],
            )
            if follow_ups:
                self.insert_follow_ups(handle, meeting_id, on, follow_ups)
        return meeting_id, note_ids

    def _still_there(self, handle: str) -> None:
        """Under the write lock: the person is still in the journal (a `rename` in another
        process may have just taken the handle away): else the one line naming the closest
        handle, and nothing is written."""
        if handle in self._known and self._person_row(handle) is None:
            self._known.discard(handle)
            self.person(handle)

    def _insert_meeting(
        self,
        handle: str,
        on: date,
        status: str,
        *,
        reason: str | None = None,
        moved_to: date | None = None,
        signals: Signals | None = None,
    ) -> int:
        mood, talk, status_update = signals or (None, None, None)
        cursor = self.conn.execute(
            "INSERT INTO meetings (person, date, status, reason, moved_to, mood, talk,"
            " status_update) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                handle,
                on.isoformat(),
                status,
                reason,
                moved_to and moved_to.isoformat(),
                mood,
                talk,
                None if status_update is None else int(status_update),
            ],
        )
        return cursor.lastrowid

    def cancel(self, handle: str, on: date, reason: str | None) -> int | None:
        """Record a cancelled 1:1; None when one is already recorded for that day (a command
        run twice must not look like two cancels, a warning sign)."""
        self.require(handle)
        with self.transaction():
            self._still_there(handle)
            if self.has_meeting(handle, on, CANCELLED):
                return None
            return self._insert_meeting(handle, on, CANCELLED, reason=reason)

    def has_meeting(self, handle: str, on: date, status: str) -> bool:
        """Whether a 1:1 of this status is recorded with this person on this day."""
        row = self.conn.execute(
            "SELECT 1 FROM meetings WHERE person = ? AND status = ? AND date = ? LIMIT 1",
            [handle, status, on.isoformat()],
        ).fetchone()
        return row is not None

    def reschedule(self, handle: str, on: date, to: date, reason: str | None) -> int | None:
        """Record a moved 1:1; None when it is already moved to that day (a command run twice
        must not look like two reschedules)."""
        self.require(handle)
        with self.transaction():
            self._still_there(handle)
            (pending,) = self.conn.execute(
                "SELECT (" + PENDING_MOVE.format(who=":handle") + ")",
                {"handle": handle, "held": HELD, "moved": RESCHEDULED},
            ).fetchone()
            if pending == to.isoformat():
                return None
            return self._insert_meeting(handle, on, RESCHEDULED, reason=reason, moved_to=to)

    def meeting_facts(
        self, people: Iterable[Person], *, cancels_since: date
    ) -> list[tuple[Person, MeetingFacts]]:
        """For each person: last held 1:1, their latest reschedule, and cancels since a date.

        One statement: for each person a seek on the (person, status, date) index, so `due`
        costs the same with ten years of history as with one.
        """
        latest = {
            handle: (held, move_to)
            for handle, held, move_to in self.conn.execute(
                "SELECT handle,"
                " (SELECT MAX(date) FROM meetings WHERE person = handle AND status = :held),"
                f" ({PENDING_MOVE.format(who='handle')})"
                " FROM people",
                {"held": HELD, "moved": RESCHEDULED},
            )
        }
        cancels: dict[str, list[date]] = {}
        for handle, on in self.conn.execute(
            "SELECT person, date FROM meetings WHERE status = ? AND date >= ?",
            [CANCELLED, cancels_since.isoformat()],
        ):
            cancels.setdefault(handle, []).append(date.fromisoformat(on))
        facts = []
        for person in people:
            held, move_to = latest.get(person.handle, (None, None))
            facts.append(
                (
                    person,
                    MeetingFacts(
                        last_held=_d(held),
                        rescheduled_to=_d(move_to),
                        cancels=tuple(cancels.get(person.handle, ())),
                    ),
                )
            )
        return facts

    def meeting_count(self, handle: str) -> int:
        (count,) = self.conn.execute(
            "SELECT COUNT(*) FROM meetings WHERE person = ?", [handle]
        ).fetchone()
        return count

    def last_held(self, handle: str) -> date | None:
        row = self.conn.execute(
            "SELECT MAX(date) FROM meetings WHERE person = ? AND status = ?", [handle, HELD]
        ).fetchone()
        return _d(row[0])

    def recent_notes(self, handle: str, kind: str, limit: int) -> list[Note]:
        rows = self.conn.execute(
            "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
            " WHERE person = ? AND kind = ? ORDER BY date DESC, id DESC LIMIT ?",
            [handle, kind, limit],
        ).fetchall()
        return [self._note(r) for r in rows]

    @staticmethod
    def _note(row: Sequence) -> Note:
        nid, meeting_id, person, on, kind, text, tags = row
        text, tag_list, day = note_columns(nid, text, tags, on)
        return Note(nid, meeting_id, person, day, kind, text, tag_list)

    def history(
        self, handle: str, *, since: date | None, kind: str | None, limit: int | None = None
    ) -> list[Meeting]:
        """A person's 1:1s (held, cancelled, rescheduled) with notes and prompts, newest first;
        at most `limit` of them."""
        meetings = self.conn.execute(
            "SELECT id, person, date, status, reason, moved_to, mood, talk, status_update"
            " FROM meetings WHERE person = ? AND date >= ? ORDER BY date DESC, id DESC LIMIT ?",
            [handle, (since or date.min).isoformat(), -1 if limit is None else limit],
        ).fetchall()
        since_s = meetings[-1][2] if meetings else date.max.isoformat()
        kind_sql, params = ("", []) if kind is None else (" AND kind = ?", [kind])
        notes: dict[int, list[Note]] = {}
        for row in self.conn.execute(
            "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
            f" WHERE person = ? AND date >= ?{kind_sql} ORDER BY id",
            [handle, since_s, *params],
        ):
            notes.setdefault(row[1], []).append(self._note(row))
        asked: dict[int, list[str]] = {}
        for meeting_id, prompt_id in self.conn.execute(
            "SELECT meeting_id, prompt_id FROM prompt_uses WHERE person = ? AND date >= ?"
            " ORDER BY prompt_id",
            [handle, since_s],
        ):
            asked.setdefault(meeting_id, []).append(prompt_id)
        agreed = self.follow_ups_of_meetings(m[0] for m in meetings)
        return [
            Meeting(
                id=mid,
                person=person,
                on=_d(on),
                status=status,
                reason=reason,
                moved_to=_d(moved_to),
                notes=tuple(notes.get(mid, ())),
                asked=tuple(asked.get(mid, ())),
                signals=Signals(mood, talk, None if status_update is None else bool(status_update)),
                follow_ups=tuple(agreed.get(mid, ())),
            )
            for mid, person, on, status, reason, moved_to, mood, talk, status_update in meetings
        ]

    def notes_between(self, since: date, until: date, kinds: Sequence[str]) -> list[Note]:
        """Everyone's notes of these kinds written from `since` to `until` (both included), by
        person, then date and id (a range of the (date, kind) index)."""
        marks = ",".join("?" * len(kinds))
        rows = self.conn.execute(
            "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
            f" WHERE date >= ? AND date <= ? AND kind IN ({marks}) ORDER BY person, date, id",
            [since.isoformat(), until.isoformat(), *kinds],
        ).fetchall()
        return [self._note(r) for r in rows]

    def signals_between(self, since: date, until: date) -> list[tuple[str, date, Signals]]:
        """The held 1:1s from `since` to `until` with any signal recorded: (person, day,
        signals), by person and date. Read as a range of the (status, person, date) index for
        each person (every meeting's person is one: a foreign key), not all the held 1:1s
        scanned for their dates (~10 ms at 100k meetings, a week's table's most costly read)."""
        return [
            (person, _d(on), Signals(mood, talk, None if st is None else bool(st)))
            for person, on, mood, talk, st in self.conn.execute(
                "SELECT person, date, mood, talk, status_update FROM meetings"
                " WHERE status = ? AND person IN (SELECT handle FROM people)"
                " AND date >= ? AND date <= ?"
                " AND (mood IS NOT NULL OR talk IS NOT NULL OR status_update IS NOT NULL)"
                " ORDER BY person, date, id",
                [HELD, since.isoformat(), until.isoformat()],
            )
        ]

    def notes_by_id(self, note_ids: Iterable[int]) -> dict[int, Note]:
        ids = list(note_ids)
        result: dict[int, Note] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
                f" WHERE id IN ({marks})",
                chunk,
            ):
                result[row[0]] = self._note(row)
        return result
