"""Fixing what was recorded: a note's text, kind or person, a 1:1's date, a handle, a prompt
retired by mistake. Each change is one transaction; the triggers of m003 (theme roll-up) and
m005 (search index) bring what is derived from a note in step in that same transaction."""

from __future__ import annotations

import json
from datetime import date

from oneonone_cli import messages
from oneonone_cli.domain.records import HELD, Meeting, Note, Signals
from oneonone_cli.errors import NoteChangedMeanwhile, OneOnOneError
from oneonone_cli.store.meetings import _d

# The trash summary of a held 1:1 a note move left with nothing in it: the next move of a note
# of that person and day into it takes it back out of the trash (see `move_note`).
EMPTIED_BY_MOVE = "held; emptied by a note move"

# Every table that names a person by handle (the people table itself aside).
HANDLE_COLUMNS = (
    ("meetings", "person"),
    ("notes", "person"),
    ("prompt_uses", "person"),
    ("note_themes", "person"),
    ("follow_ups", "person"),
    ("trash", "person"),
)


class FixesMixin:
    """The Store's fixes (see `Store`)."""

    # ------------------------------------------------ looking up by ID

    def note(self, note_id: int) -> Note | None:
        row = self.conn.execute(
            "SELECT id, meeting_id, person, date, kind, text, tags FROM notes WHERE id = ?",
            [note_id],
        ).fetchone()
        return None if row is None else self._note(row)

    def meeting(self, meeting_id: int) -> Meeting | None:
        """A 1:1 by ID with its notes and the prompts asked in it."""
        row = self.conn.execute(
            "SELECT id, person, date, status, reason, moved_to, mood, talk, status_update"
            " FROM meetings WHERE id = ?",
            [meeting_id],
        ).fetchone()
        if row is None:
            return None
        notes = tuple(
            self._note(r)
            for r in self.conn.execute(
                "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
                " WHERE meeting_id = ? ORDER BY id",
                [meeting_id],
            )
        )
        asked = tuple(
            r[0]
            for r in self.conn.execute(
                "SELECT prompt_id FROM prompt_uses WHERE meeting_id = ? ORDER BY prompt_id",
                [meeting_id],
            )
        )
        mid, person, on, status, reason, moved_to, mood, talk, status_update = row
        signals = Signals(mood, talk, None if status_update is None else bool(status_update))
        return Meeting(mid, person, _d(on), status, reason, _d(moved_to), notes, asked, signals)

    def meeting_follow_up_count(self, meeting_id: int) -> int:
        (n,) = self.conn.execute(
            "SELECT count(*) FROM follow_ups WHERE meeting_id = ?", [meeting_id]
        ).fetchone()
        return n

    def note_count(self, handle: str) -> int:
        (n,) = self.conn.execute("SELECT count(*) FROM notes WHERE person = ?", [handle]).fetchone()
        return n

    # ------------------------------------------------ notes

    def change_note(self, note_id: int, expect: Note | None = None, **changes) -> None:
        """Set a note's text (and tags, a tuple), kind, or person and meeting, in one
        transaction; the roll-up row goes and the search index follows (triggers). With
        `expect` (the note as it was read, e.g. when the editor opened on it), the note must
        still be that note, with that text, kind, person, 1:1 and date: otherwise (changed or
        removed meanwhile, its ID perhaps given to a new note) nothing is written."""
        allowed = {"text", "kind", "person", "meeting_id", "date"}
        sets, params = [], []
        for column, value in changes.items():
            assert column in allowed or column == "tags"
            if column == "tags":
                value = json.dumps(list(value), ensure_ascii=False)
            sets.append(f"{column} = ?")
            params.append(value)
        with self.transaction():
            if expect is not None:
                self._still(note_id, expect)
            cursor = self.conn.execute(
                f"UPDATE notes SET {', '.join(sets)} WHERE id = ?", [*params, note_id]
            )
            if cursor.rowcount != 1:
                raise OneOnOneError(messages.NO_SUCH_NOTE.format(id=note_id, hint=""))

    def _still(self, note_id: int, expect: Note) -> None:
        """Inside the write transaction: the note is still `expect`, or NoteChangedMeanwhile."""
        now = self.note(note_id)
        if now is None:
            raise NoteChangedMeanwhile(messages.NOTE_GONE_MEANWHILE.format(id=note_id), gone=True)
        fields = ("text", "kind", "person", "meeting_id", "on")
        if any(getattr(now, f) != getattr(expect, f) for f in fields):
            # Other words for another person or day: another note took the ID (the old one
            # was removed; SQLite gives the highest ID again). A move keeps the words.
            gone = now.text != expect.text and (now.person, now.on) != (expect.person, expect.on)
            template = messages.NOTE_GONE_MEANWHILE if gone else messages.NOTE_CHANGED_MEANWHILE
            raise NoteChangedMeanwhile(template.format(id=note_id), gone=gone)

    def move_note(
        self, note_id: int, handle: str, today: date
    ) -> tuple[int, bool, tuple[int, int] | None, int | None]:
        """Give a note to another person: into their held 1:1 of the note's day, made (a held
        1:1 record with no other notes) when there is none, or taken back out of the trash
        when a move emptied it earlier. (The 1:1's ID, whether it was made, (the ID of the 1:1
        it left, its trash ID) when that one was left with nothing in it and went to the
        trash, the trash ID it was taken back from, else None.) One transaction."""
        with self.transaction():
            note = self.note(note_id)
            if note is None:
                raise OneOnOneError(messages.NO_SUCH_NOTE.format(id=note_id, hint=""))
            self.person(handle)
            row = self.conn.execute(
                "SELECT id FROM meetings WHERE person = ? AND status = ? AND date = ?"
                " ORDER BY id LIMIT 1",
                [handle, HELD, note.on.isoformat()],
            ).fetchone()
            made = row is None
            revived = None
            if made:
                # Their 1:1 of that day that an earlier move emptied is in the trash: the note
                # goes back into it (out of the trash), never into a second record of the same
                # 1:1, which a later move would empty and trash again (two entries for one 1:1).
                revived = self._emptied_by_move(handle, note.on.isoformat())
            if revived is not None:
                _, renumbered, _, _ = self.restore_from_trash(revived[0])
                meeting_id = renumbered["meetings"].get(revived[1], revived[1])
                made = False
            elif made:
                meeting_id = self.conn.execute(
                    "INSERT INTO meetings (person, date, status) VALUES (?, ?, ?)",
                    [handle, note.on.isoformat(), HELD],
                ).lastrowid
            else:
                meeting_id = row[0]
            self.conn.execute(
                "UPDATE notes SET person = ?, meeting_id = ? WHERE id = ?",
                [handle, meeting_id, note_id],
            )
            emptied = None
            if self.meeting_is_empty(note.meeting_id):
                # The 1:1 it left has nothing in it now (most often one an earlier move made):
                # it goes to the trash in this same transaction, restorable like any 1:1.
                tid = self._into_trash(
                    "meeting",
                    note.meeting_id,
                    note.person,
                    note.on.isoformat(),
                    today,
                    EMPTIED_BY_MOVE,
                    {"meetings": self._dict_rows("meetings", "id = ?", [note.meeting_id])},
                )
                self.conn.execute("DELETE FROM meetings WHERE id = ?", [note.meeting_id])
                emptied = (note.meeting_id, tid)
        return meeting_id, made, emptied, None if revived is None else revived[0]

    def _emptied_by_move(self, handle: str, day: str) -> tuple[int, int] | None:
        """(trash ID, 1:1 ID) of the person's held 1:1 of `day` that a note move emptied and
        put in the trash (the oldest such entry), else None. A 1:1 removed with `meeting rm`
        stays in the trash: that one the manager said did not happen."""
        return self.conn.execute(
            "SELECT id, item_id FROM trash WHERE what = 'meeting' AND person = ? AND day = ?"
            " AND summary = ? ORDER BY id LIMIT 1",
            [handle, day, EMPTIED_BY_MOVE],
        ).fetchone()

    def meeting_is_empty(self, meeting_id: int) -> bool:
        """Whether a held 1:1 has nothing in it: no notes, prompts asked, follow-ups, signals
        (mood, talk, status update) or reason."""
        row = self.conn.execute(
            "SELECT status, reason, mood, talk, status_update FROM meetings WHERE id = ?",
            [meeting_id],
        ).fetchone()
        if row is None or row[0] != HELD or any(v is not None for v in row[1:]):
            return False
        return not any(
            self.conn.execute(
                f"SELECT 1 FROM {table} WHERE meeting_id = ? LIMIT 1", [meeting_id]
            ).fetchone()
            for table in ("notes", "prompt_uses", "follow_ups")
        )

    # ------------------------------------------------ 1:1s

    def move_meeting_date(self, meeting_id: int, day: date) -> None:
        """A 1:1's date, with its notes' dates, the prompts asked in it and the follow-ups
        agreed in it (added on its day, or on their done day if that came first), in one
        transaction."""
        with self.transaction():
            row = self.conn.execute(
                "SELECT date FROM meetings WHERE id = ?", [meeting_id]
            ).fetchone()
            if row is None:
                raise OneOnOneError(messages.NO_SUCH_MEETING.format(id=meeting_id, hint=""))
            new = day.isoformat()
            self.conn.execute("UPDATE meetings SET date = ? WHERE id = ?", [new, meeting_id])
            self.conn.execute(
                "UPDATE notes SET date = ? WHERE meeting_id = ? AND date != ?",
                [new, meeting_id, new],
            )
            self.conn.execute(
                "UPDATE prompt_uses SET date = ? WHERE meeting_id = ?", [new, meeting_id]
            )
            # A follow-up agreed in it was added on its day, but never after it was done (its
            # `done` is the day it was ticked off, a fact, not part of the 1:1): added is
            # min(day, done), whatever it was before (there and back again, reopened between).
            self.conn.execute(
                "UPDATE follow_ups SET added = CASE WHEN done < :new THEN done ELSE :new END"
                " WHERE meeting_id = :id",
                {"new": new, "id": meeting_id},
            )

    def edit_meeting(
        self,
        meeting_id: int,
        day: date | None,
        signals: dict[str, int | bool | None],
        *,
        again: bool = False,
    ) -> Meeting | None:
        """A 1:1's date (as `move_meeting_date`) and its signals ({column: value}, None to
        clear one: mood, talk, status_update), in one transaction: the 1:1 as it was, read in
        that transaction (None, nothing written, when there is none by that ID), so that what changes is decided on what is there (two edits at once:
        one after the other, each whole). Signals are a held 1:1's only: on a cancelled or
        moved one nothing is written. A held 1:1 moved onto a day with another held 1:1 of
        theirs is refused unless `again` (checked here too: two moves at once)."""
        assert set(signals) <= {"mood", "talk", "status_update"}
        with self.transaction():
            before = self.meeting(meeting_id)
            if before is None:
                return None
            if signals and before.status != HELD:
                raise OneOnOneError(
                    messages.MEETING_SIGNALS_NOT_HELD.format(
                        id=meeting_id, handle=before.person, day=before.on, status=before.status
                    )
                )
            if day is not None and day != before.on:
                other = (
                    None
                    if again or before.status != HELD
                    else self.held_on_day(before.person, day, before.id)
                )
                if other is not None:
                    raise OneOnOneError(
                        messages.MEETING_ONTO_HELD_NEEDS_AGAIN.format(
                            id=meeting_id, handle=before.person, day=day, other=other
                        )
                    )
                self.move_meeting_date(meeting_id, day)
            was = before.signals._asdict()
            changed = {c: v for c, v in signals.items() if was[c] != v}
            if changed:
                values = [
                    int(v) if column == "status_update" and v is not None else v
                    for column, v in changed.items()
                ]
                self.conn.execute(
                    f"UPDATE meetings SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                    [*values, meeting_id],
                )
        return before

    def held_on_day(self, handle: str, day: date, other_than: int) -> int | None:
        """The ID of a held 1:1 with them on `day` (not `other_than`), else None."""
        row = self.conn.execute(
            "SELECT id FROM meetings WHERE person = ? AND date = ? AND status = ? AND id != ?"
            " LIMIT 1",
            [handle, day.isoformat(), HELD, other_than],
        ).fetchone()
        return None if row is None else row[0]

    # ------------------------------------------------ people

    def rename_person(self, old: str, new: str) -> None:
        """A handle, everywhere it is kept, in one transaction. The foreign keys (on in every
        connection) are checked at COMMIT rather than at each UPDATE, so that the people row
        and the rows naming it can change one after the other; a removed item in the trash
        is renamed too, so that it can be restored to the person it belongs to."""
        with self.transaction():
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            if self._person_row(new) is not None:
                raise OneOnOneError(messages.PERSON_ALREADY_IN_JOURNAL.format(handle=new))
            if self._person_row(old) is None:
                self.person(old)  # the one-line "no one called" with its hint
            # A name never given is the handle itself (`add` without --name): it follows.
            self.conn.execute(
                "UPDATE people SET handle = :new, name = CASE WHEN name = :old THEN :new"
                " ELSE name END WHERE handle = :old",
                {"new": new, "old": old},
            )
            for table, column in HANDLE_COLUMNS:
                self.conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [new, old])
            for tid, raw in self.conn.execute(
                "SELECT id, rows FROM trash WHERE person = ?", [new]
            ).fetchall():
                kept = json.loads(raw)
                for rows in kept.values():
                    for row in rows:
                        if row.get("person") == old:
                            row["person"] = new
                self.conn.execute(
                    "UPDATE trash SET rows = ? WHERE id = ?",
                    [json.dumps(kept, ensure_ascii=False), tid],
                )
        self._known.discard(old)

    # ------------------------------------------------ prompts

    def unretire_prompt(self, prompt_id: str) -> bool:
        """Suggest a retired prompt again: False when it was not retired."""
        with self.transaction():
            return (
                self.conn.execute("DELETE FROM retired_prompts WHERE id = ?", [prompt_id]).rowcount
                > 0
            )
