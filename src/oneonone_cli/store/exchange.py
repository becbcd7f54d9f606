"""Export and import: every table a journal is exchanged as, read as a stream and written in
batches (the caller holds one transaction around a whole import).

Rows go out and come in as tuples in the column order of `EXCHANGE_TABLES`
(domain/records.py), dates as ISO text and tags as the JSON text the notes table keeps: the
exchange formats are made of exactly these values, so nothing is converted twice on 300k notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from oneonone_cli.domain.records import EXCHANGE_TABLES, ExportScope

EVERYTHING = ExportScope()
# How each table is read: its order (stable, so that an export of an import is the same file),
# and the column that names its person and its date, for an export's scope.
_ORDER = {
    "people": "handle",
    "prompt_sources": "key",
    "prompts": "id",
    "retired_prompts": "id",
    "lexicon_terms": "rowid",  # the order they were taught in is the order they apply in
    "lexicon_aliases": "rowid",
    "user_themes": "rowid",
    "dismissed_themes": "rowid",
    "meetings": "id",
    "prompt_uses": "meeting_id, prompt_id",
    "notes": "id",
    "follow_ups": "id",
}
_PERSON = {"people": "handle", "meetings": "person", "prompt_uses": "person", "notes": "person"}
_PERSON["follow_ups"] = "person"
_DATE = {"meetings": "date", "prompt_uses": "date", "notes": "date"}
# A follow-up belongs to the window of the 1:1 it was agreed in (so an export never holds a
# follow-up whose 1:1 it left out); one agreed outside a 1:1, to the day it was added.
_FOLLOW_UPS_SINCE = (
    "((meeting_id IS NULL AND added >= :since)"
    " OR meeting_id IN (SELECT id FROM meetings WHERE date >= :since))"
)
# The 1:1s with their notes, one row per note (one with NULL note columns for a 1:1 without
# notes), and the prompts asked in each as one space-separated text: CSV and Markdown.
_MEETING_NOTES = (
    "SELECT m.id, m.person, m.date, m.status, m.reason, m.moved_to, m.mood, m.talk,"
    " m.status_update,"
    " (SELECT group_concat(prompt_id, ' ') FROM"
    " (SELECT prompt_id FROM prompt_uses u WHERE u.meeting_id = m.id ORDER BY prompt_id)),"
    " n.id, n.kind, n.text, n.tags"
    " FROM meetings m LEFT JOIN notes n ON n.meeting_id = m.id"
)


def _where(table: str, scope: ExportScope) -> tuple[str, dict]:
    terms, params = [], {}
    if scope.person is not None and table in _PERSON:
        terms.append(f"{_PERSON[table]} = :person")
        params["person"] = scope.person
    if scope.since is not None:
        if table in _DATE:
            terms.append(f"{_DATE[table]} >= :since")
        elif table == "follow_ups":
            terms.append(_FOLLOW_UPS_SINCE)
        if table in _DATE or table == "follow_ups":
            params["since"] = scope.since.isoformat()
    return (" WHERE " + " AND ".join(terms) if terms else ""), params


class ExchangeMixin:
    """The Store's export and import (see `Store`)."""

    def exchange_rows(self, table: str, scope: ExportScope = EVERYTHING) -> Iterator[tuple]:
        """The rows of `table` within `scope`, in the columns of EXCHANGE_TABLES, streamed."""
        columns = ", ".join(EXCHANGE_TABLES[table])
        where, params = _where(table, scope)
        yield from self.conn.execute(
            f"SELECT {columns} FROM {table}{where} ORDER BY {_ORDER[table]}", params
        )

    def exchange_count(self, table: str, scope: ExportScope = EVERYTHING) -> int:
        where, params = _where(table, scope)
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}{where}", params).fetchone()[0]

    def meetings_with_notes(self, scope: ExportScope, *, by_person: bool) -> Iterator[tuple]:
        """The 1:1s within `scope` joined with their notes, streamed: the 9 meeting columns of
        EXCHANGE_TABLES, the prompts asked (space-separated, or None), then the note's id,
        kind, text and tags (None for a 1:1 without notes). By 1:1 ID, or by person then
        date (`by_person`)."""
        terms, params = [], {}
        if scope.person is not None:
            terms.append("m.person = :person")
            params["person"] = scope.person
        if scope.since is not None:
            terms.append("m.date >= :since")
            params["since"] = scope.since.isoformat()
        where = " WHERE " + " AND ".join(terms) if terms else ""
        order = "m.person, m.date, m.id, n.id" if by_person else "m.id, n.id"
        yield from self.conn.execute(f"{_MEETING_NOTES}{where} ORDER BY {order}", params)

    # ------------------------------------------------------------------ import

    def ids_in_use(self) -> bool:
        """Whether any 1:1, note or follow-up is recorded (an import then gives new IDs)."""
        row = self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM meetings) OR EXISTS (SELECT 1 FROM notes)"
            " OR EXISTS (SELECT 1 FROM follow_ups)"
        ).fetchone()
        return bool(row[0])

    def next_ids(self) -> dict[str, int]:
        """The next free ID of meetings, notes and follow-ups (taken under the write lock)."""
        return {
            table: self.conn.execute(f"SELECT coalesce(MAX(id), 0) + 1 FROM {table}").fetchone()[0]
            for table in ("meetings", "notes", "follow_ups")
        }

    def handles(self) -> set[str]:
        return {h for (h,) in self.conn.execute("SELECT handle FROM people")}

    def meetings_of(self, handles: Iterable[str]) -> Iterator[tuple]:
        """(id, person, date, status, reason, moved_to) of these people's 1:1s, by ID."""
        for handle in sorted(set(handles)):
            yield from self.conn.execute(
                "SELECT id, person, date, status, reason, moved_to FROM meetings"
                " WHERE person = ? ORDER BY id",
                [handle],
            )

    def notes_of_meetings(self, meeting_ids: Iterable[int]) -> Iterator[tuple]:
        """(meeting_id, kind, text) of the notes of these 1:1s."""
        ids = sorted(set(meeting_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            yield from self.conn.execute(
                "SELECT meeting_id, kind, text FROM notes"
                f" WHERE meeting_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )

    def prompt_uses_of(self, meeting_ids: Iterable[int]) -> set[tuple[int, str]]:
        ids = sorted(set(meeting_ids))
        found: set[tuple[int, str]] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found.update(
                self.conn.execute(
                    "SELECT meeting_id, prompt_id FROM prompt_uses"
                    f" WHERE meeting_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return found

    def follow_ups_of(self, handles: Iterable[str]) -> Iterator[tuple]:
        """(person, meeting_id, text, added) of these people's follow-ups, by ID."""
        for handle in sorted(set(handles)):
            yield from self.conn.execute(
                "SELECT person, meeting_id, text, added FROM follow_ups WHERE person = ?"
                " ORDER BY id",
                [handle],
            )

    def insert_rows(self, table: str, rows: Iterable[tuple], *, keep_existing: bool) -> int:
        """Insert rows (in the columns of EXCHANGE_TABLES) into `table` inside the caller's
        transaction; with `keep_existing`, a row whose key is taken is skipped (the journal's
        own is kept). Returns how many rows were added."""
        columns = EXCHANGE_TABLES[table]
        verb = "INSERT OR IGNORE" if keep_existing else "INSERT"
        cursor = self.conn.executemany(
            f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            rows,
        )
        return max(cursor.rowcount, 0)  # rows this statement added (not its triggers' rows)

    def insert_notes_in_bulk(self, rows: Iterable[tuple]) -> int:
        """Insert many notes inside the caller's transaction with their search index built once
        at the end (its trigger, row by row, costs five times more on 300k notes): the trigger
        is dropped, the notes inserted, the index rebuilt from the notes table and the trigger
        put back, all in the same transaction (a kill leaves the journal as it was)."""
        from oneonone_cli.store.connection import SEARCH_TRIGGERS

        self.conn.execute("DROP TRIGGER IF EXISTS notes_insert_indexes")
        added = self.insert_rows("notes", rows, keep_existing=False)
        self.conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")
        self.conn.execute(SEARCH_TRIGGERS["notes_insert_indexes"])
        return added
