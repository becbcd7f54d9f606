"""Reading a journal for shell completion: read-only, fast, and never a change to the file.

`Store.open` may create, migrate or repair a journal; completion runs on every Tab press and
must do none of that. `Lookup` opens the file read-only (SQLite's `mode=ro`), asks a few small
indexed questions, and says nothing: a missing, locked, encrypted or foreign file answers
nothing (`None` from `open`, empty lists from the queries). All SQL of completion is here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

# A Tab press should never wait: a journal busy for longer than this completes nothing.
BUSY_TIMEOUT_S = 0.2


class Lookup:
    """Read-only questions asked of one journal file for completion."""

    conn: sqlite3.Connection

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, path: Path) -> Lookup | None:
        """The journal at `path` opened read-only; None when there is none to read (missing,
        unreadable, encrypted, not SQLite). Never creates the file nor its folder."""
        if not path.is_file():
            return None
        # Read-write (never create) when allowed, so that closing tidies a WAL journal's -wal
        # and -shm files away as every command does; read-only for a file this user may only
        # read. query_only refuses any write either way.
        for mode in ("rw", "ro"):
            conn = None
            try:
                uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
                conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                conn.execute("PRAGMA query_only=ON")
                conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
                return cls(conn)
            except (sqlite3.Error, OSError, ValueError) as problem:
                if conn is not None:
                    conn.close()
                from oneonone_cli.store.connection import is_busy  # (only when it failed)

                if isinstance(problem, sqlite3.OperationalError) and is_busy(problem):
                    return None  # waited once: read-only would wait as long again
        return None

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, params: list) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error:  # a table an older or foreign journal lacks, a lock: nothing
            return []

    def handles(self, prefix: str, *, archived: bool = False) -> list[tuple[str, str]]:
        """(handle, name) of the people whose handle starts with `prefix` (any case), active
        ones only unless `archived`, by handle."""
        where = "" if archived else " AND archived IS NULL"
        return self._rows(
            "SELECT handle, name FROM people WHERE handle LIKE ? ESCAPE '\\'"
            + where
            + " ORDER BY handle",
            [_like_prefix(prefix.lower())],
        )

    def prompts(self) -> list[tuple[str, str]]:
        """(id, text) of the manager's own prompts."""
        return self._rows("SELECT id, text FROM prompts ORDER BY id", [])

    def retired_prompts(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM retired_prompts", [])}

    def own_theme_keys(self) -> list[tuple[str, str]]:
        """(key, name) of the themes the manager made, and of those they taught terms or
        aliases to (the built-in ones are in the shipped lexicon); name may be empty."""
        return self._rows(
            "SELECT key, name FROM user_themes"
            " UNION SELECT theme, '' FROM lexicon_terms"
            " UNION SELECT theme, '' FROM lexicon_aliases",
            [],
        )

    def dismissed_theme_keys(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT key FROM dismissed_themes ORDER BY key", [])]

    def notes(
        self, prefix: str, *, person: str | None = None, limit: int = 20
    ) -> list[tuple[int, str, str, str, str]]:
        """(id, date, person, kind, text) of the newest `limit` notes whose ID starts with the
        digits `prefix` (all notes when it is empty), of `person` only when given. The IDs
        that start with a prefix are a few ranges (12: 12, 120-129, 1200-1299...), each read
        backwards along the notes' primary key: as fast on 300k notes as on ten."""
        if not prefix and person is not None:  # someone's latest: along their (person, date) index
            return self._rows(
                "SELECT id, date, person, kind, text FROM notes WHERE person = ?"
                " ORDER BY date DESC, id DESC LIMIT ?",
                [person.lower(), limit],
            )
        where, params = ("person = ?", [person.lower()]) if person is not None else ("", [])
        return self._newest("notes", "id, date, person, kind, text", prefix, where, params, limit)

    def meetings(self, prefix: str, *, limit: int = 20) -> list[tuple]:
        """(id, date, person, status, reason, moved_to, notes) of the newest `limit` 1:1s
        (held, cancelled or moved) whose ID starts with the digits `prefix`; `notes` is how
        many notes each holds (read along the notes' meeting index)."""
        return self._newest(
            "meetings",
            "id, date, person, status, reason, moved_to,"
            " (SELECT COUNT(*) FROM notes WHERE notes.meeting_id = meetings.id)",
            prefix,
            "",
            [],
            limit,
        )

    def follow_ups(self, prefix: str, *, done: bool | None = None, limit: int = 20) -> list[tuple]:
        """(id, person, added, done, text) of the newest `limit` follow-ups whose ID starts
        with the digits `prefix`: open ones only (`done` False), done ones only (True) or
        both (None)."""
        where = {None: "", False: "done IS NULL", True: "+done IS NOT NULL"}[done]
        # open ones are few (along the (done, added) index); done ones are most, read along
        # the primary key (the + keeps SQLite from sorting them all by their index)
        return self._newest("follow_ups", "id, person, added, done, text", prefix, where, [], limit)

    def trash(self, prefix: str, *, limit: int = 20) -> list[tuple]:
        """(id, what, item_id, person, day, summary) of the newest `limit` things in the
        trash whose trash ID starts with the digits `prefix`."""
        return self._newest(
            "trash", "id, what, item_id, person, day, summary", prefix, "", [], limit
        )

    def _newest(
        self, table: str, columns: str, prefix: str, where: str, params: list, limit: int
    ) -> list[tuple]:
        """`columns` of the newest `limit` rows of `table` (by its integer primary key `id`)
        whose ID starts with the digits `prefix` (any when it is empty) and that meet `where`.
        The IDs that start with a prefix are a few ranges (12: 12, 120-129, 1200-1299...),
        each read backwards along the primary key, the longest IDs first."""
        if prefix and (not prefix.isdigit() or prefix.startswith("0") or len(prefix) > 18):
            return []
        top = self._rows(f"SELECT MAX(id) FROM {table}", [])
        highest = top[0][0] if top and type(top[0][0]) is int else 0
        found: list[tuple] = []
        for low, high in reversed(id_ranges(prefix, highest)):
            sql = f"SELECT {columns} FROM {table} WHERE id BETWEEN ? AND ?"
            if where:
                sql += f" AND {where}"
            found += self._rows(
                sql + " ORDER BY id DESC LIMIT ?", [low, high, *params, limit - len(found)]
            )
            if len(found) >= limit:
                break
        return found


def id_ranges(prefix: str, highest: int) -> list[tuple[int, int]]:
    """The ranges of positive IDs up to `highest` whose decimal form starts with `prefix`."""
    if highest < 1:
        return []
    if not prefix:
        return [(1, highest)]
    start = int(prefix)
    ranges = []
    width = 1
    while start <= highest:
        ranges.append((start, min(start + width - 1, highest)))
        start, width = start * 10, width * 10
    return ranges


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
