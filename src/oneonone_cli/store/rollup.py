"""The manager's lexicon entries and the theme roll-up (`note_themes`): each note's theme
signature, kept once analysed, read back summed in SQL."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from oneonone_cli.domain.records import KINDS, NoteText, RollupRow, ThemeTally, UserTheme, Window
from oneonone_cli.store.connection import BUSY_TIMEOUT_MS, _is_unwritable, is_busy

ID_OFFSET = 10**12  # added to note ids written after a date, so that they sort as numbers
CACHE_WAIT_MS = 500  # how long a report waits to keep its theme analysis (see keep_signatures)
SEP = "\t"  # separates matched terms and phrases in the theme roll-up
MEMO = 2048  # different terms or phrases values theme_tallies splits once and shares


class RollupMixin:
    """The Store's lexicon entries and theme roll-up (see `Store`)."""

    def user_lexicon(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        terms = self.conn.execute("SELECT theme, term FROM lexicon_terms ORDER BY rowid").fetchall()
        aliases = self.conn.execute(
            "SELECT tag, theme FROM lexicon_aliases ORDER BY rowid"
        ).fetchall()
        return [tuple(t) for t in terms], [tuple(a) for a in aliases]

    def add_term(self, theme: str, term: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO lexicon_terms (theme, term) VALUES (?, ?)", [theme, term]
            )

    def add_alias(self, tag: str, theme: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO lexicon_aliases (tag, theme) VALUES (?, ?)", [tag, theme]
            )

    def remove_term(self, theme: str, term: str) -> bool:
        """Forget one of the manager's terms (as stored); False when there was none."""
        with self.transaction():
            return (
                self.conn.execute(
                    "DELETE FROM lexicon_terms WHERE theme = ? AND term = ?", [theme, term]
                ).rowcount
                > 0
            )

    def remove_alias(self, tag: str) -> bool:
        """Forget one of the manager's #tag aliases (as stored); False when there was none."""
        with self.transaction():
            return (
                self.conn.execute("DELETE FROM lexicon_aliases WHERE tag = ?", [tag]).rowcount > 0
            )

    def user_themes(self) -> list[UserTheme]:
        """The manager's named themes (m004), oldest first."""
        return [
            UserTheme(key, name, kept_from, date.fromisoformat(added))
            for key, name, kept_from, added in self.conn.execute(
                "SELECT key, name, kept_from, added FROM user_themes ORDER BY rowid"
            )
        ]

    def add_user_theme(self, theme: UserTheme) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO user_themes (key, name, kept_from, added) VALUES (?, ?, ?, ?)",
                [theme.key, theme.name, theme.kept_from, theme.added.isoformat()],
            )

    def remove_user_theme(self, key: str) -> bool:
        with self.transaction():
            return self.conn.execute("DELETE FROM user_themes WHERE key = ?", [key]).rowcount > 0

    def dismissed_themes(self) -> list[str]:
        """The keys of the found themes the manager dismissed (m004), oldest first."""
        return [k for (k,) in self.conn.execute("SELECT key FROM dismissed_themes ORDER BY rowid")]

    def dismiss_theme(self, key: str, on: date) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO dismissed_themes (key, dismissed) VALUES (?, ?)",
                [key, on.isoformat()],
            )

    def undismiss_theme(self, key: str) -> bool:
        with self.transaction():
            return (
                self.conn.execute("DELETE FROM dismissed_themes WHERE key = ?", [key]).rowcount > 0
            )

    # The roll-up's rows are all made under one lexicon, the one whose fingerprint `meta`
    # names (or, for a journal this command cannot write, the one `_memory_lexicon` names: its
    # rows are kept in a temporary table of this connection). Analysing notes is the theme
    # service's job (services/themes.py); the store keeps and reads what it found.

    @property
    def memory_rollup(self) -> bool:
        """Whether the roll-up this connection reads is a temporary one, in memory."""
        return self._memory_lexicon is not None

    def rollup_lexicon(self) -> str | None:
        """The fingerprint of the lexicon the roll-up's rows were made under."""
        return self._memory_lexicon or self._meta("lexicon")

    def use_lexicon(self, fingerprint: str) -> None:
        """Rows made under another lexicon (another fingerprint) are dropped, once for each
        lexicon this store is asked about."""
        if self._lexicon == fingerprint:
            return
        if self._memory_lexicon is not None:  # a read-only journal's, made under another lexicon
            self.conn.execute("DROP TABLE temp.note_themes")
            self._memory_lexicon = None
        if self._meta("lexicon") != fingerprint:
            self.keep_signatures(fingerprint, [], drop_all=True)
        self._lexicon = fingerprint

    def window_counts(self, keys: Sequence[str], window: Window) -> tuple[int, int]:
        """(notes, roll-up rows under a theme of `keys` or none) of a window: a row is only ever
        kept for a note as it is (a changed or deleted note loses its row, see m003), so the
        two agree exactly when no note of the window is missing its row. A few index ranges,
        where finding the notes without a row (`unanalysed`) reads every note of the window."""
        clause, params = _window(window)
        (notes,) = self.conn.execute(
            f"SELECT count(*) FROM notes WHERE {clause}", params
        ).fetchone()
        rows = 0
        for key in (*keys, None):  # each theme's rows are a range of the roll-up's index
            (n,) = self.conn.execute(
                f"SELECT count(*) FROM note_themes WHERE theme IS ? AND {clause}", [key, *params]
            ).fetchone()
            rows += n
        return notes, rows

    def unanalysed(self, keys: Sequence[str], window: Window) -> list[NoteText]:
        """The notes of a window that have no roll-up row (written, changed since their last
        analysis, or never analysed) or one under a theme not in `keys` (a lexicon that another
        process kept rows under at the same moment)."""
        from oneonone_cli.store.meetings import note_columns  # a damaged row is named

        clause, params = _window(window, table="n.")
        notes = []
        for nid, text, tags, kind_, on, who, mid in self.conn.execute(
            "SELECT n.id, n.text, n.tags, n.kind, n.date, n.person, n.meeting_id"
            f" FROM notes n LEFT JOIN note_themes t ON t.note_id = n.id WHERE {clause}"
            f" AND (t.note_id IS NULL OR t.theme NOT IN ({','.join('?' * len(keys))}))",
            [*params, *keys],
        ):
            text, tag_list, day = note_columns(nid, text, tags, on)
            notes.append(NoteText(nid, text, tag_list, kind_, day, who, mid))
        return notes

    def orphaned(self, window: Window) -> list[int]:
        """The note ids of a window's roll-up rows whose note is gone (deleted by another
        program while m003's triggers were missing): read only when the counts disagree."""
        clause, params = _window(window, table="t.")
        return [
            nid
            for (nid,) in self.conn.execute(
                "SELECT t.note_id FROM note_themes t LEFT JOIN notes n ON n.id = t.note_id"
                f" WHERE {clause} AND n.id IS NULL",
                params,
            )
        ]

    def keep_signatures(
        self,
        fingerprint: str,
        rows: Sequence[RollupRow],
        *,
        drop_all: bool = False,
        gone: Sequence[int] = (),
    ) -> None:
        """Keep these analysed notes' rows, made under the lexicon `fingerprint`; `drop_all`
        first drops every stored one and records the lexicon they are made under. The rows of
        the notes `gone` (see `orphaned`) are dropped.

        The lexicon the roll-up is under is checked again in the transaction that keeps the
        rows. If another process changed it meanwhile, every stored row is dropped and this
        lexicon recorded with these rows (the next run under the other lexicon analyses afresh):
        the rows of the roll-up are always all made under the lexicon `meta` names."""
        values = [
            (
                r.note_id,
                r.kind,
                r.theme,
                r.on.isoformat(),
                r.person,
                r.meeting_id,
                SEP.join(r.terms),
                SEP.join(r.phrases),
            )
            for r in rows
        ]
        insert = (
            "INSERT OR REPLACE INTO {}note_themes"
            " (note_id, kind, theme, date, person, meeting_id, terms, phrases)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        drop = "DELETE FROM {}note_themes WHERE note_id = ?"
        if self._memory_lexicon is None:
            from oneonone_cli.store import connection

            commits = connection.COMMITS  # the roll-up is a cache, not a change the user made
            # A report does not wait long for the write lock to keep its cache: while another
            # command holds it, the analysis is kept in memory for this run (as below).
            self.conn.execute(f"PRAGMA busy_timeout={CACHE_WAIT_MS}")
            try:
                with self.transaction():
                    if drop_all or self._meta("lexicon") != fingerprint:
                        self.conn.execute("DELETE FROM note_themes")
                        self._set_meta("lexicon", fingerprint)
                    self.conn.executemany(insert.format(""), values)
                    self.conn.executemany(drop.format(""), [(n,) for n in gone])
                return
            except self.errors.OperationalError as exc:
                if not (_is_unwritable(exc) or is_busy(exc)) or self.conn.in_transaction:
                    raise  # (inside a caller's transaction, the caller decides)
            finally:
                connection.COMMITS = commits
                self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # A journal this command cannot write (read-only, or a full disk) still reports:
            # keep the analysis in this connection's memory, in a temporary table (with the
            # roll-up's key and index) that hides the stored one.
            self.conn.execute(
                "CREATE TEMP TABLE note_themes (note_id INTEGER PRIMARY KEY, kind TEXT,"
                " theme TEXT, date TEXT, person TEXT, meeting_id INTEGER, terms TEXT, phrases TEXT)"
            )
            self.conn.execute(
                "CREATE INDEX temp.note_themes_rollup ON note_themes"
                " (kind, theme, date, person, meeting_id, terms)"
            )
            if not drop_all and self._meta("lexicon") == fingerprint:
                self.conn.execute("INSERT INTO temp.note_themes SELECT * FROM main.note_themes")
            self._memory_lexicon = fingerprint
        elif drop_all or self._memory_lexicon != fingerprint:
            self.conn.execute("DELETE FROM temp.note_themes")
            self._memory_lexicon = fingerprint
        self.conn.executemany(insert.format("temp."), values)
        self.conn.executemany(drop.format("temp."), [(n,) for n in gone])

    def theme_tallies(
        self, keys: Sequence[str], window: Window
    ) -> tuple[list[ThemeTally], list[RollupRow]]:
        """The notes of a window as theme grouping needs them, from the roll-up: one tally per
        theme of `keys`, summed here in SQL (a year holds tens of thousands of themed notes;
        none of them becomes a Python object), and the rows of the notes no theme claimed
        (few), by date, for discovery."""
        where, params = _window(window)
        days: dict[str, date] = {}

        def day(on: str) -> date:
            return days.get(on) or days.setdefault(on, date.fromisoformat(on))

        tallies = []
        # Each theme's notes are read from the roll-up's index (one range of it per kind). Its
        # meetings are counted here, not by count(DISTINCT meeting_id), whose temporary b-tree
        # costs more than a set of the ids (1-2 ms of the ~24 a year's tallies take; NULLs are
        # skipped by group_concat as by count).
        for key in keys:
            notes, people, meetings, terms, usual = self.conn.execute(
                f"SELECT group_concat(date || ({ID_OFFSET} + note_id)), group_concat(person),"
                " group_concat(meeting_id), group_concat(terms, char(31)),"
                f" min(note_id) >= 0 AND max(note_id) < {ID_OFFSET}"
                f" FROM note_themes WHERE theme = ? AND {where}",
                [key, *params],
            ).fetchone()
            if notes is None:
                continue
            days_of_notes, note_ids = _by_date(notes, usual)
            per_day = Counter(days_of_notes)
            tallies.append(
                ThemeTally(
                    key=key,
                    note_ids=note_ids,
                    days=tuple((day(on), n) for on, n in sorted(per_day.items())),
                    people=tuple(sorted(set(people.split(",")))),
                    meetings=len(set(meetings.split(","))) if meetings else 0,
                    terms=_term_counts(terms),
                )
            )
        # Many notes repeat their terms and phrases (a year's 2,500 unthemed notes of the
        # benchmark journal have 40 different ones): each value is split once, and the rows
        # share its tuple. At most MEMO values are remembered, so a window of notes that all
        # differ keeps no more than it did.
        memo: dict[tuple[bool, str | None], tuple[str, ...]] = {}

        def pieces(value: str | None, phrases: bool) -> tuple[str, ...]:
            found = memo.get((phrases, value))
            if found is None:
                found = _shared(value) if phrases else _split(value)
                if len(memo) < MEMO:
                    memo[phrases, value] = found
            return found

        unthemed = [
            RollupRow(
                nid, kind_, None, day(on), who, mid, pieces(terms, False), pieces(phrases, True)
            )
            for nid, kind_, who, mid, on, terms, phrases in self.conn.execute(
                "SELECT note_id, kind, person, meeting_id, date, terms, phrases FROM note_themes"
                f" WHERE theme IS NULL AND {where} ORDER BY date, note_id",
                params,
            )
        ]
        return tallies, unthemed

    def theme_counts(
        self, keys: Sequence[str], window: Window, phrases: Mapping[str, str] | None = None
    ) -> dict[str, int]:
        """For comparing windows without loading them: notes per theme of `keys`, and for each
        `phrases` entry (phrase -> the key to count it under, a discovered theme's) the notes no
        theme claimed that have that phrase. Phrases are streamed, never kept."""
        where, params = _window(window)
        counts: dict[str, int] = {}
        for key in keys:
            (n,) = self.conn.execute(
                f"SELECT count(*) FROM note_themes WHERE theme = ? AND {where}", [key, *params]
            ).fetchone()
            if n:
                counts[key] = n
        found: Counter[str] = Counter()
        if phrases:
            for (stored,) in self.conn.execute(
                f"SELECT phrases FROM note_themes WHERE theme IS NULL AND {where}", params
            ):
                if stored:
                    found.update(phrases.keys() & set(stored.split(SEP)))
        counts.update(((phrases or {})[p], n) for p, n in found.items())
        return counts


def _window(window: Window, table: str = "") -> tuple[str, list]:
    """The WHERE clause for the notes of a window, of a kind (None: either), of a person, over
    `notes n` (table "n.") or the roll-up `note_themes`. With a theme, the roll-up's rows are
    a range of its index (kind, theme, date, ...) for each kind; a person is picked out within."""
    kinds = KINDS if window.kind is None else (window.kind,)
    where = [
        f"{table}kind IN ({','.join('?' * len(kinds))})",
        f"{table}date >= ?",
        f"{table}date <= ?",
    ]
    params: list = [*kinds, window.since.isoformat(), window.until.isoformat()]
    if window.person is not None:
        where.append(f"{table}person = ?")
        params.append(window.person)
    return " AND ".join(where), params


def _by_date(keys: str, usual: bool) -> tuple[list[str], tuple[int, ...]]:
    """The notes of a `group_concat(date || (ID_OFFSET + id))`, by date then id: each one's
    day ('2026-03-02') and the ids.

    When every id is `usual` (0 <= id < ID_OFFSET), each makes a 13-digit number starting with
    1 ('1000000012345'): the keys sort as strings and the id is what follows that 1. Other ids
    (SQLite allows any 64-bit one, though oneonone never writes them) are read as numbers."""
    notes = keys.split(",")
    if usual:
        notes.sort()
        return [note[:10] for note in notes], tuple(map(int, [note[11:] for note in notes]))
    pairs = sorted((note[:10], int(note[10:]) - ID_OFFSET) for note in notes)
    return [on for on, _ in pairs], tuple(nid for _, nid in pairs)


def _term_counts(per_note: str) -> Counter[str]:
    """Notes per matched term, from each note's stored terms joined by \\x1f. Few notes differ
    in their terms, so each different set is split once."""
    counts: Counter[str] = Counter()
    for terms, notes in Counter(per_note.split("\x1f")).items():
        for term in _split(terms):
            counts[term] += notes
    return counts


def _shared(value: str | None) -> tuple[str, ...]:
    """_split(), each piece interned: notes of a long window repeat the same key phrases, and a
    decade of them would otherwise hold each repeat as a string of its own."""
    return tuple(map(sys.intern, value.split(SEP))) if value else ()


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(SEP)) if value else ()
