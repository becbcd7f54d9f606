"""The follow_ups table (m006): things agreed to do, open until marked done."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from oneonone_cli.domain.records import FollowUp

_COLUMNS = "id, person, meeting_id, text, added, done"


class FollowUpsMixin:
    """The Store's follow-ups (see `Store`)."""

    def insert_follow_ups(
        self, handle: str, meeting_id: int | None, on: date, texts: Sequence[str]
    ) -> list[int]:
        """Follow-ups written inside the caller's transaction (log's): their ids."""
        ids = []
        for text in texts:
            cursor = self.conn.execute(
                "INSERT INTO follow_ups (person, meeting_id, text, added) VALUES (?, ?, ?, ?)",
                [handle, meeting_id, text, on.isoformat()],
            )
            ids.append(cursor.lastrowid)
        return ids

    def add_follow_up(self, handle: str, text: str, on: date) -> int:
        """One follow-up agreed outside a 1:1, in its own transaction: its id."""
        self.require(handle)
        with self.transaction():
            return self.insert_follow_ups(handle, None, on, [text])[0]

    def follow_ups(
        self, handle: str | None = None, *, include_done: bool = False, limit: int | None = None
    ) -> list[FollowUp]:
        """Open follow-ups (and done ones with `include_done`) of one person or everyone,
        oldest first; the first `limit` of them."""
        where, params = [], []
        if handle is not None:
            where.append("person = ?")
            params.append(handle)
        if not include_done:
            where.append("done IS NULL")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return [
            _follow_up(r)
            for r in self.conn.execute(
                f"SELECT {_COLUMNS} FROM follow_ups{clause} ORDER BY added, id LIMIT ?",
                [*params, -1 if limit is None else limit],
            )
        ]

    def follow_up_count(self, handle: str | None = None, *, include_done: bool = False) -> int:
        """How many follow-ups `follow_ups` would list with no limit."""
        where = ["1"] if handle is None else ["person = ?"]
        where += [] if include_done else ["done IS NULL"]
        (n,) = self.conn.execute(
            f"SELECT COUNT(*) FROM follow_ups WHERE {' AND '.join(where)}",
            [] if handle is None else [handle],
        ).fetchone()
        return n

    def follow_ups_by_id(self, ids: Iterable[int]) -> dict[int, FollowUp]:
        wanted = list(dict.fromkeys(ids))
        found: dict[int, FollowUp] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {_COLUMNS} FROM follow_ups WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = _follow_up(row)
        return found

    def follow_ups_of_meetings(self, meeting_ids: Iterable[int]) -> dict[int, list[FollowUp]]:
        """The follow-ups agreed in each of these 1:1s, in the order they were written."""
        wanted = list(meeting_ids)
        found: dict[int, list[FollowUp]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {_COLUMNS} FROM follow_ups WHERE meeting_id IN ({marks}) ORDER BY id",
                chunk,
            ):
                found.setdefault(row[2], []).append(_follow_up(row))
        return found

    def follow_ups_added(self, since: date, until: date) -> list[FollowUp]:
        """Follow-ups added from `since` to `until` (both included), done or not, oldest first."""
        return [
            _follow_up(r)
            for r in self.conn.execute(
                f"SELECT {_COLUMNS} FROM follow_ups WHERE added >= ? AND added <= ?"
                " ORDER BY added, id",
                [since.isoformat(), until.isoformat()],
            )
        ]

    def finish_follow_ups(self, ids: Sequence[int], on: date) -> list[FollowUp]:
        """Mark these follow-ups done on `on`, in one transaction, and return them as they were
        before (one already done keeps its date). The ids are read again inside the transaction:
        one removed meanwhile by another process is left out of what is returned."""
        with self.transaction():
            before = self.follow_ups_by_id(ids)
            self.conn.executemany(
                "UPDATE follow_ups SET done = ? WHERE id = ? AND done IS NULL",
                [(on.isoformat(), i) for i in before],
            )
        return [before[i] for i in ids if i in before]

    def reopen_follow_ups(self, ids: Sequence[int]) -> list[FollowUp]:
        """Mark these follow-ups open again (done by mistake): as they were before."""
        with self.transaction():
            before = self.follow_ups_by_id(ids)
            self.conn.executemany(
                "UPDATE follow_ups SET done = NULL WHERE id = ?", [(i,) for i in before]
            )
        return [before[i] for i in ids if i in before]

    def change_follow_up_text(self, fid: int, text: str, expect: FollowUp | None = None) -> None:
        """A follow-up's text, in one transaction (open or done, its dates and 1:1 kept). With
        `expect` (the follow-up as the editor opened on it), it must still be that one, with
        that text and person: otherwise (changed or removed meanwhile) nothing is written."""
        from oneonone_cli import messages
        from oneonone_cli.errors import NoteChangedMeanwhile, OneOnOneError

        with self.transaction():
            now = self.follow_ups_by_id([fid]).get(fid)
            if expect is not None and now is None:
                raise NoteChangedMeanwhile(
                    messages.TODO_EDIT_GONE_MEANWHILE.format(id=fid), gone=True
                )
            if now is None:
                raise OneOnOneError(messages.TODO_UNKNOWN_ID.format(ids=fid))
            if expect is not None and (now.text, now.person, now.added) != (
                expect.text,
                expect.person,
                expect.added,
            ):
                raise NoteChangedMeanwhile(
                    messages.TODO_EDIT_CHANGED_MEANWHILE.format(id=fid), gone=False
                )
            self.conn.execute("UPDATE follow_ups SET text = ? WHERE id = ?", [text, fid])


def _follow_up(row: Sequence) -> FollowUp:
    from oneonone_cli.store.meetings import _d  # a damaged date is named, never a crash

    fid, person, meeting_id, text, added, done = row
    return FollowUp(
        fid, person, meeting_id, str(text), _d(added, "follow-up"), _d(done, "follow-up")
    )
