"""The trash (migration m007): a removed note or 1:1 is kept here, row for row as JSON, until it
is restored or the trash is emptied. Removing and restoring are each one transaction: the rows
leave their tables and enter the trash together (or come back together), and the triggers of
m003/m005 keep the theme roll-up and the search index in step in that same transaction.

Restoring puts each row back under its own ID when that ID is free. SQLite gives a new row the
highest ID in use plus one, so the ID of a removed note (or 1:1) that was the newest can be
given to a later one: the restored row then gets a new ID, and the caller is told which."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from oneonone_cli import messages
from oneonone_cli.domain.records import HELD, TrashItem
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.store.meetings import _d

NOTE, MEETING, FOLLOW_UP = "note", "meeting", "follow-up"
# The tables a removed 1:1 takes with it, in the order they are put back.
_TABLES = ("meetings", "notes", "prompt_uses", "follow_ups")


class TrashMixin:
    """The Store's trash (see `Store`)."""

    # ------------------------------------------------ reading rows as dicts

    def _dict_rows(self, table: str, where: str, params: Sequence) -> list[dict]:
        cursor = self.conn.execute(f"SELECT * FROM {table} WHERE {where}", list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def _put_back(self, table: str, row: dict, *, keep_id: bool) -> int:
        """Insert a row as it was kept (only the columns the table has now); its own ID when
        `keep_id`, else a new one. The row's ID."""
        columns = [c for c in self._columns(table) if c in row and (keep_id or c != "id")]
        marks = ", ".join("?" * len(columns))
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            [row[c] for c in columns],
        )
        return cursor.lastrowid

    def _id_free(self, table: str, row_id: int) -> bool:
        return self.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is None

    # ------------------------------------------------ removing

    def trash_note(self, note_id: int, today: date, summary: str) -> int:
        """Move one note to the trash: its row leaves `notes` (its roll-up row and its place
        in the search index go with it, by trigger). The trash ID."""
        with self.transaction():
            rows = self._dict_rows("notes", "id = ?", [note_id])
            if not rows:
                raise OneOnOneError(messages.NO_SUCH_NOTE.format(id=note_id, hint=""))
            note = rows[0]
            tid = self._into_trash(
                NOTE, note_id, note["person"], note["date"], today, summary, {"notes": rows}
            )
            self.conn.execute("DELETE FROM notes WHERE id = ?", [note_id])
        return tid

    def trash_meeting(self, meeting_id: int, today: date, summary: str) -> int:
        """Move a 1:1 (held, cancelled or moved) to the trash with its notes, the prompts asked
        in it and the follow-ups agreed in it. The trash ID."""
        with self.transaction():
            meeting = self._dict_rows("meetings", "id = ?", [meeting_id])
            if not meeting:
                raise OneOnOneError(messages.NO_SUCH_MEETING.format(id=meeting_id, hint=""))
            kept = {"meetings": meeting}
            for table in _TABLES[1:]:
                kept[table] = self._dict_rows(table, "meeting_id = ?", [meeting_id])
            m = meeting[0]
            tid = self._into_trash(
                MEETING, meeting_id, m["person"], m["date"], today, summary, kept
            )
            for table in ("follow_ups", "prompt_uses", "notes"):
                self.conn.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting_id])
            self.conn.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
        return tid

    def trash_follow_ups(self, ids: Sequence[int], today: date) -> list[tuple[int, int]]:
        """Move follow-ups to the trash, one trash item each, in one transaction (all or
        none): [(follow-up ID, trash ID)]."""
        moved = []
        with self.transaction():
            for fid in ids:
                rows = self._dict_rows("follow_ups", "id = ?", [fid])
                if not rows:
                    continue
                f = rows[0]
                summary = f["text"] + (f" (done {f['done']})" if f.get("done") else "")
                tid = self._into_trash(
                    FOLLOW_UP, fid, f["person"], f["added"], today, summary, {"follow_ups": rows}
                )
                self.conn.execute("DELETE FROM follow_ups WHERE id = ?", [fid])
                moved.append((fid, tid))
        return moved

    def _into_trash(self, what, item_id, person, day, today, summary, rows) -> int:
        cursor = self.conn.execute(
            "INSERT INTO trash (what, item_id, person, day, removed, summary, rows)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                what,
                item_id,
                person,
                day,
                today.isoformat(),
                summary,
                json.dumps(rows, ensure_ascii=False),
            ],
        )
        return cursor.lastrowid

    # ------------------------------------------------ listing, restoring, emptying

    @staticmethod
    def _trash_item(row: Sequence) -> TrashItem:
        tid, what, item_id, person, day, removed, summary = row
        return TrashItem(tid, what, item_id, person, _d(day), _d(removed), summary)

    def trash_items(self) -> list[TrashItem]:
        """What the trash holds, most recently removed first."""
        return [
            self._trash_item(r)
            for r in self.conn.execute(
                "SELECT id, what, item_id, person, day, removed, summary FROM trash"
                " ORDER BY id DESC"
            )
        ]

    def trash_item(self, trash_id: int) -> TrashItem | None:
        row = self.conn.execute(
            "SELECT id, what, item_id, person, day, removed, summary FROM trash WHERE id = ?",
            [trash_id],
        ).fetchone()
        return None if row is None else self._trash_item(row)

    def restore_from_trash(
        self, trash_id: int
    ) -> tuple[TrashItem, dict[str, dict[int, int]], int | None, list[tuple[int, int, int]]]:
        """Put a trashed note or 1:1 back, in one transaction, and take it out of the trash:
        (the item, for each table {old ID: ID now} of the rows put back, the ID of a held 1:1
        record made for a note whose 1:1 is gone, else None, the 1:1s that came back with it as
        (trash ID, its old ID, its ID now)).

        A note whose 1:1 was removed after it brings that 1:1 back from the trash too (so that
        removing and restoring in any order gives the journal back); when that 1:1 is no longer
        in the trash either (emptied), the note goes into that person's held 1:1 of its day, or
        into a new held 1:1 record of that day. A person who is no longer in the journal (only
        a hand-edited file) is refused: the item stays in the trash."""
        with self.transaction():
            item = self.trash_item(trash_id)
            if item is None:
                raise OneOnOneError(messages.NO_SUCH_TRASH.format(id=trash_id, hint=""))
            (raw,) = self.conn.execute("SELECT rows FROM trash WHERE id = ?", [trash_id]).fetchone()
            kept = json.loads(raw)
            if self._person_row(item.person) is None:
                raise OneOnOneError(
                    messages.TRASH_PERSON_GONE.format(id=trash_id, handle=item.person)
                )
            renumbered: dict[str, dict[int, int]] = {t: {} for t in _TABLES}
            made, brought = None, []
            for row in kept.get("meetings", []):
                new = self._put_back("meetings", row, keep_id=self._id_free("meetings", row["id"]))
                renumbered["meetings"][row["id"]] = new
            for row in kept.get("notes", []):
                row = dict(row)
                meeting_id = renumbered["meetings"].get(row["meeting_id"], row["meeting_id"])
                # Its own 1:1, removed after it, is looked for in the trash FIRST: its ID may
                # have been given to another 1:1 since (even one of the same person).
                owner = None
                if row["meeting_id"] not in renumbered["meetings"]:
                    owner = self.conn.execute(
                        "SELECT id FROM trash WHERE what = ? AND item_id = ? AND person = ?"
                        " AND id > ? ORDER BY day = ? DESC, id LIMIT 1",
                        [MEETING, meeting_id, row["person"], trash_id, row["date"]],
                    ).fetchone()
                if owner is not None:
                    _, theirs, _, also = self.restore_from_trash(owner[0])
                    now = theirs["meetings"].get(meeting_id, meeting_id)
                    brought += [(owner[0], meeting_id, now), *also]
                    meeting_id = now
                elif not self._meeting_of(meeting_id, row["person"]):
                    meeting_id, made = self._held_meeting_for(row["person"], row["date"])
                row["meeting_id"] = meeting_id
                new = self._put_back("notes", row, keep_id=self._id_free("notes", row["id"]))
                renumbered["notes"][row["id"]] = new
            for row in kept.get("prompt_uses", []):
                row = dict(row)
                row["meeting_id"] = renumbered["meetings"].get(row["meeting_id"], row["meeting_id"])
                columns = [c for c in self._columns("prompt_uses") if c in row]
                self.conn.execute(
                    f"INSERT OR IGNORE INTO prompt_uses ({', '.join(columns)})"
                    f" VALUES ({', '.join('?' * len(columns))})",
                    [row[c] for c in columns],
                )
            for row in kept.get("follow_ups", []):
                row = dict(row)
                if row.get("meeting_id") is not None:
                    row["meeting_id"] = renumbered["meetings"].get(
                        row["meeting_id"], row["meeting_id"]
                    )
                    if not self._meeting_of(row["meeting_id"], row["person"]):
                        row["meeting_id"] = None  # its 1:1 is gone: agreed all the same
                new = self._put_back(
                    "follow_ups", row, keep_id=self._id_free("follow_ups", row["id"])
                )
                renumbered["follow_ups"][row["id"]] = new
            self.conn.execute("DELETE FROM trash WHERE id = ?", [trash_id])
        return item, renumbered, made, brought

    def _meeting_of(self, meeting_id: int, handle: str) -> bool:
        """Whether 1:1 `meeting_id` is there and is this person's."""
        row = self.conn.execute("SELECT person FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        return row is not None and row[0] == handle

    def _held_meeting_for(self, handle: str, day: str) -> tuple[int, int | None]:
        """The person's held 1:1 of `day` (the earliest recorded), or a new held record of that
        day: (its ID, the ID when it was made now, else None)."""
        row = self.conn.execute(
            "SELECT id FROM meetings WHERE person = ? AND status = ? AND date = ?"
            " ORDER BY id LIMIT 1",
            [handle, HELD, day],
        ).fetchone()
        if row is not None:
            return row[0], None
        cursor = self.conn.execute(
            "INSERT INTO meetings (person, date, status) VALUES (?, ?, ?)", [handle, day, HELD]
        )
        return cursor.lastrowid, cursor.lastrowid

    def empty_trash(self, removed_before: date | None) -> int:
        """Delete for good what the trash holds (only what was removed before a day, when
        given): how many items."""
        with self.transaction():
            if removed_before is None:
                cursor = self.conn.execute("DELETE FROM trash")
            else:
                cursor = self.conn.execute(
                    "DELETE FROM trash WHERE removed < ?", [removed_before.isoformat()]
                )
            return cursor.rowcount
