"""Full-text search over the notes (the FTS5 index `notes_fts` of migration m005). SQL only."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Found(NamedTuple):
    """One note a search found: its columns, its text with the matched words between `marks`
    (see `search_notes`), and its relevance (FTS5's bm25, higher is better)."""

    id: int
    meeting_id: int
    person: str
    on: str
    kind: str
    text: str
    marked: str
    relevance: float


class SearchMixin:
    """The Store's search (see `Store`)."""

    def search_notes(
        self,
        query: str,
        *,
        person: str | None = None,
        kind: str | None = None,
        since: date | None = None,
        newest: bool = False,
        limit: int = 20,
        marks: tuple[str, str] = ("[", "]"),
    ) -> list[Found]:
        """The notes matching the FTS5 `query` (best match first, or newest first), at most
        `limit`, with each matched word of the text between `marks`. A query FTS5 cannot read
        raises the connection's OperationalError."""
        where, params = ["notes_fts MATCH ?"], [query]
        if person is not None:
            where.append("n.person = ?")
            params.append(person)
        if kind is not None:
            where.append("n.kind = ?")
            params.append(kind)
        if since is not None:
            where.append("n.date >= ?")
            params.append(since.isoformat())
        order = "n.date DESC, n.id DESC" if newest else "f.rank, n.date DESC, n.id DESC"
        rows = self.conn.execute(
            "SELECT n.id, n.meeting_id, n.person, n.date, n.kind, n.text, f.rank"
            # CROSS JOIN: the index finds the notes, each then read by its id. Left to choose,
            # SQLite may walk someone's notes by the (person, date) index and run the whole
            # search once for each of them (0.4 s for a person with 1,300 notes).
            " FROM notes_fts f CROSS JOIN notes n ON n.id = f.rowid"
            f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?",
            [*params, limit],
        ).fetchall()
        # The matched words of the notes shown only: highlight() in the query above would mark
        # every match before the sort (twice the time for a word in half the notes).
        marked = (
            dict(
                self.conn.execute(
                    "SELECT rowid, highlight(notes_fts, 0, ?, ?) FROM notes_fts"
                    f" WHERE notes_fts MATCH ? AND rowid IN ({', '.join('?' * len(rows))})",
                    [*marks, query, *(r[0] for r in rows)],
                ).fetchall()
            )
            if rows
            else {}
        )
        return [
            Found(i, m, p, d, k, str(t), str(marked.get(i, t)), -float(r or 0.0))
            for i, m, p, d, k, t, r in rows
        ]
