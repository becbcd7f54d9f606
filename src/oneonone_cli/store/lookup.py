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
            except (sqlite3.Error, OSError, ValueError):
                if conn is not None:
                    conn.close()
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
        if prefix and (not prefix.isdigit() or prefix.startswith("0") or len(prefix) > 18):
            return []
        top = self._rows("SELECT MAX(id) FROM notes", [])
        highest = top[0][0] if top and top[0][0] is not None else 0
        if not prefix and person is not None:  # someone's latest: along their (person, date) index
            return self._rows(
                "SELECT id, date, person, kind, text FROM notes WHERE person = ?"
                " ORDER BY date DESC, id DESC LIMIT ?",
                [person.lower(), limit],
            )
        found: list[tuple] = []
        # The ranges grow with the ID's length, the longest last: read from there down, each
        # range newest first along the primary key, until `limit` notes are found.
        for low, high in reversed(id_ranges(prefix, highest)):
            where, params = "id BETWEEN ? AND ?", [low, high]
            if person is not None:
                where, params = where + " AND person = ?", [*params, person.lower()]
            found += self._rows(
                f"SELECT id, date, person, kind, text FROM notes WHERE {where}"
                " ORDER BY id DESC LIMIT ?",
                [*params, limit - len(found)],
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
