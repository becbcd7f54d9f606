"""The only module that speaks SQL: open, migrate, read and write the journal.

The journal is one SQLite file. Its schema is created and upgraded by the named migrations in
`migrations.py`; every command's writes happen inside one `db.atomic()` transaction. The store
hands back model objects, never raw rows.
"""

from __future__ import annotations

import difflib
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone_cli.dates import parse_cadence
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.model import (
    CANCELLED,
    HELD,
    RESCHEDULED,
    Meeting,
    MeetingFacts,
    Note,
    NoteDraft,
    Person,
    Prompt,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from oneonone_cli.themes import Lexicon, NoteSig

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
SEP = "\t"  # separates matched terms and phrases in the theme roll-up
BACKUP_FOLDER = "backups"
KEEP_MIGRATION_BACKUPS = 5


def _d(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class Store:
    """The journal behind one SQLite connection."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path | None, *, create: bool, make_parents: bool = False) -> Store:
        """Open (and migrate) the journal at `path`.

        With `create` false and no file there, an empty in-memory journal stands in, so that
        reports on a fresh machine answer without writing anything. `make_parents` creates the
        missing folders of the default location; a `--db` in a missing folder is an error.
        """
        from sqlite_utils import Database

        if path is None or (not path.exists() and not create):
            db = Database(memory=True, execute_plugins=False)
            store = cls(db, None)
            store._migrate()
            return store
        _check_path(path, make_parents=make_parents)
        fresh = not path.exists() or path.stat().st_size == 0
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys=ON")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise OneOnOneError(
                f"cannot read {path} as a journal ({exc}): check the --db path or restore a backup"
            ) from None
        db = Database(conn, execute_plugins=False)
        store = cls(db, path)
        store._check_ours(tables)
        if fresh:
            conn.execute("PRAGMA journal_mode=WAL")
        store._migrate()
        return store

    def _check_ours(self, tables: set[str]) -> None:
        from oneonone_cli.migrations import MIGRATIONS

        user_tables = {t for t in tables if not t.startswith("sqlite_")}
        if not user_tables:
            return
        if MIGRATIONS.migrations_table not in user_tables or "people" not in user_tables:
            raise OneOnOneError(
                f"{self.path} is a SQLite database but not a oneonone journal: "
                "choose another --db path"
            )
        known = {m.name for m in MIGRATIONS._migrations}
        applied = {m.name for m in MIGRATIONS.applied(self.db)}
        if applied - known:
            raise OneOnOneError(
                f"{self.path} was written by a newer version of oneonone: "
                "upgrade with 'pip install -U oneonone' before opening it"
            )

    def _migrate(self) -> None:
        from oneonone_cli.migrations import MIGRATIONS

        pending = MIGRATIONS.pending(self.db)
        if not pending:
            return
        if self.path is not None and MIGRATIONS.applied(self.db):
            # An existing journal is about to change shape: keep a copy of it as it was.
            self._backup_before(pending[0].name)
        MIGRATIONS.apply(self.db)

    def _backup_before(self, migration: str) -> Path:
        folder = self.path.parent / BACKUP_FOLDER
        folder.mkdir(mode=0o700, exist_ok=True)
        dest = folder / f"{self.path.stem}-before-{migration}.db"
        if dest.exists():
            dest.unlink()  # an earlier, interrupted attempt at this same migration
        self.backup_to(dest)
        kept = sorted(folder.glob(f"{self.path.stem}-before-*.db"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP_MIGRATION_BACKUPS]:
            old.unlink()
        return dest

    def backup_to(self, dest: Path) -> None:
        """A consistent copy of the journal, even while other commands write (SQLite's backup
        API copies a snapshot). The copy is created readable by its owner only."""
        if self.path is None:
            raise OneOnOneError("there is no journal yet: nothing to back up")
        if dest.exists():
            raise OneOnOneError(f"{dest} already exists: choose a new file for the backup")
        if not dest.parent.is_dir():
            raise OneOnOneError(f"the folder {dest.parent} does not exist: create it first")
        fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        target = sqlite3.connect(str(dest))
        try:
            self.db.conn.backup(target)
        except BaseException:
            target.close()
            dest.unlink(missing_ok=True)
            raise
        target.close()

    def close(self) -> None:
        self.db.close()

    def atomic(self):
        return self.db.atomic()

    # ---------------------------------------------------------------- people

    def add_person(self, person: Person) -> None:
        if self._person_row(person.handle) is not None:
            raise OneOnOneError(
                f"'{person.handle}' is already in the journal: "
                f"change them with 'oneonone edit {person.handle}'"
            )
        with self.db.atomic():
            self.db["people"].insert(
                {
                    "handle": person.handle,
                    "name": person.name,
                    "relationship": person.relationship,
                    "every": str(person.every),
                    "added": person.added.isoformat(),
                    "archived": None,
                }
            )

    def _person_row(self, handle: str) -> tuple | None:
        return self.db.execute(
            "SELECT handle, name, relationship, every, added, archived FROM people"
            " WHERE handle = ?",
            [handle],
        ).fetchone()

    @staticmethod
    def _person(row: Sequence) -> Person:
        handle, name, relationship, every, added, archived = row
        return Person(handle, name, relationship, parse_cadence(every), _d(added), _d(archived))

    def person(self, handle: str) -> Person:
        """The person with this handle; an unknown handle suggests the closest one."""
        row = self._person_row(handle)
        if row is None:
            handles = [r[0] for r in self.db.execute("SELECT handle FROM people")]
            close = difflib.get_close_matches(handle, handles, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise OneOnOneError(
                f"no one called '{handle}' in the journal: {hint}"
                f"add them with 'oneonone add {handle} --name \"Full Name\"'"
            )
        return self._person(row)

    def people(self, *, include_archived: bool = False) -> list[Person]:
        where = "" if include_archived else " WHERE archived IS NULL"
        rows = self.db.execute(
            "SELECT handle, name, relationship, every, added, archived FROM people"
            f"{where} ORDER BY handle"
        ).fetchall()
        return [self._person(r) for r in rows]

    def update_person(self, person: Person) -> None:
        with self.db.atomic():
            self.db["people"].update(
                person.handle,
                {
                    "name": person.name,
                    "relationship": person.relationship,
                    "every": str(person.every),
                    "archived": None if person.archived is None else person.archived.isoformat(),
                },
            )

    # ---------------------------------------------------------------- meetings

    def log_meeting(
        self, handle: str, on: date, notes: Sequence[NoteDraft], asked: Sequence[str]
    ) -> tuple[int, list[int]]:
        """Record one held 1:1 with its notes and prompts asked, in one transaction."""
        from oneonone_cli.themes import extract_tags

        self.person(handle)
        self.check_prompts_exist(asked)
        with self.db.atomic():
            meeting_id = self._insert_meeting(handle, on, HELD)
            note_ids = []
            for draft in notes:
                cursor = self.db.execute(
                    "INSERT INTO notes (meeting_id, person, date, kind, text, tags)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        meeting_id,
                        handle,
                        on.isoformat(),
                        draft.kind,
                        draft.text,
                        json.dumps(list(extract_tags(draft.text)), ensure_ascii=False),
                    ],
                )
                note_ids.append(cursor.lastrowid)
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO prompt_uses (meeting_id, person, prompt_id, date)"
                " VALUES (?, ?, ?, ?)",
                [(meeting_id, handle, p, on.isoformat()) for p in asked],
            )
        return meeting_id, note_ids

    def _insert_meeting(
        self,
        handle: str,
        on: date,
        status: str,
        *,
        reason: str | None = None,
        moved_to: date | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO meetings (person, date, status, reason, moved_to) VALUES (?, ?, ?, ?, ?)",
            [handle, on.isoformat(), status, reason, moved_to and moved_to.isoformat()],
        )
        return cursor.lastrowid

    def cancel(self, handle: str, on: date, reason: str | None) -> int:
        self.person(handle)
        with self.db.atomic():
            return self._insert_meeting(handle, on, CANCELLED, reason=reason)

    def reschedule(self, handle: str, on: date, to: date, reason: str | None) -> int:
        self.person(handle)
        with self.db.atomic():
            return self._insert_meeting(handle, on, RESCHEDULED, reason=reason, moved_to=to)

    def meeting_facts(self, people: Iterable[Person]) -> list[tuple[Person, MeetingFacts]]:
        """For each person: last held 1:1, a pending reschedule, and cancel dates.

        One indexed query per table, whatever the journal's size: the last held date comes from
        a grouped MAX over the (person, status, date) index.
        """
        last = dict(
            self.db.execute(
                "SELECT person, MAX(date) FROM meetings WHERE status = ? GROUP BY person", [HELD]
            ).fetchall()
        )
        moves: dict[str, tuple[str, str]] = {}
        for person, on, to in self.db.execute(
            "SELECT person, date, moved_to FROM meetings WHERE status = ? ORDER BY date, id",
            [RESCHEDULED],
        ):
            moves[person] = (on, to)
        cancels: dict[str, list[date]] = {}
        for person, on in self.db.execute(
            "SELECT person, date FROM meetings WHERE status = ?", [CANCELLED]
        ):
            cancels.setdefault(person, []).append(date.fromisoformat(on))
        facts = []
        for person in people:
            held = last.get(person.handle)
            move = moves.get(person.handle)
            # A reschedule counts until a 1:1 is held on or after the day it was recorded.
            pending = move is not None and (held is None or held < move[0])
            facts.append(
                (
                    person,
                    MeetingFacts(
                        last_held=_d(held),
                        rescheduled_to=_d(move[1]) if pending else None,
                        cancels=tuple(cancels.get(person.handle, ())),
                    ),
                )
            )
        return facts

    def last_held(self, handle: str) -> date | None:
        row = self.db.execute(
            "SELECT MAX(date) FROM meetings WHERE person = ? AND status = ?", [handle, HELD]
        ).fetchone()
        return _d(row[0])

    def recent_notes(self, handle: str, kind: str, limit: int) -> list[Note]:
        rows = self.db.execute(
            "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
            " WHERE person = ? AND kind = ? ORDER BY date DESC, id DESC LIMIT ?",
            [handle, kind, limit],
        ).fetchall()
        return [self._note(r) for r in rows]

    @staticmethod
    def _note(row: Sequence) -> Note:
        nid, meeting_id, person, on, kind, text, tags = row
        return Note(nid, meeting_id, person, date.fromisoformat(on), kind, text, tuple(json.loads(tags)))

    def history(self, handle: str, *, since: date | None, kind: str | None) -> list[Meeting]:
        """A person's 1:1s (held, cancelled, rescheduled) with notes and prompts, newest first."""
        since_s = (since or date.min).isoformat()
        meetings = self.db.execute(
            "SELECT id, person, date, status, reason, moved_to FROM meetings"
            " WHERE person = ? AND date >= ? ORDER BY date DESC, id DESC",
            [handle, since_s],
        ).fetchall()
        kind_sql, params = ("", []) if kind is None else (" AND kind = ?", [kind])
        notes: dict[int, list[Note]] = {}
        for row in self.db.execute(
            "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
            f" WHERE person = ? AND date >= ?{kind_sql} ORDER BY id",
            [handle, since_s, *params],
        ):
            notes.setdefault(row[1], []).append(self._note(row))
        asked: dict[int, list[str]] = {}
        for meeting_id, prompt_id in self.db.execute(
            "SELECT meeting_id, prompt_id FROM prompt_uses WHERE person = ? AND date >= ?"
            " ORDER BY prompt_id",
            [handle, since_s],
        ):
            asked.setdefault(meeting_id, []).append(prompt_id)
        return [
            Meeting(
                id=mid,
                person=person,
                on=date.fromisoformat(on),
                status=status,
                reason=reason,
                moved_to=_d(moved_to),
                notes=tuple(notes.get(mid, ())),
                asked=tuple(asked.get(mid, ())),
            )
            for mid, person, on, status, reason, moved_to in meetings
        ]

    # ---------------------------------------------------------------- prompts

    def prompt_bank(self) -> list[Prompt]:
        """Built-in prompts plus the manager's own, with retired ones marked."""
        from oneonone_cli.prompts import builtin_prompts

        retired = {r[0] for r in self.db.execute("SELECT id FROM retired_prompts")}
        own = [
            Prompt(pid, kind, audience, text, topic or "", builtin=False)
            for pid, kind, audience, text, topic in self.db.execute(
                "SELECT id, kind, audience, text, topic FROM prompts ORDER BY id"
            )
        ]
        return [
            Prompt(p.id, p.kind, p.audience, p.text, p.topic, p.builtin, p.id in retired)
            for p in (*builtin_prompts(), *own)
        ]

    def check_prompts_exist(self, prompt_ids: Iterable[str]) -> None:
        known = {p.id for p in self.prompt_bank()}
        for pid in prompt_ids:
            if pid not in known:
                close = difflib.get_close_matches(pid, known, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise OneOnOneError(
                    f"unknown prompt '{pid}': {hint}list IDs with 'oneonone prompts --all'"
                )

    def add_prompt(self, prompt: Prompt) -> None:
        with self.db.atomic():
            self.db["prompts"].insert(
                {
                    "id": prompt.id,
                    "kind": prompt.kind,
                    "audience": prompt.audience,
                    "text": prompt.text,
                    "topic": prompt.topic,
                }
            )

    def retire_prompt(self, prompt_id: str, on: date) -> None:
        self.check_prompts_exist([prompt_id])
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO retired_prompts (id, retired) VALUES (?, ?)",
                [prompt_id, on.isoformat()],
            )

    def asked_of(self, handle: str) -> dict[str, date]:
        """Each prompt asked of this person, with the last date it was asked."""
        return {
            pid: date.fromisoformat(on)
            for pid, on in self.db.execute(
                "SELECT prompt_id, MAX(date) FROM prompt_uses WHERE person = ? GROUP BY prompt_id",
                [handle],
            )
        }

    def asked_by_person(self) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {}
        for person, pid in self.db.execute("SELECT DISTINCT person, prompt_id FROM prompt_uses"):
            result.setdefault(person, set()).add(pid)
        return result

    def team_last_asked(self) -> dict[str, date]:
        return {
            pid: date.fromisoformat(on)
            for pid, on in self.db.execute(
                "SELECT prompt_id, MAX(date) FROM prompt_uses GROUP BY prompt_id"
            )
        }

    # ---------------------------------------------------------------- themes

    def user_lexicon(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        terms = self.db.execute("SELECT theme, term FROM lexicon_terms ORDER BY rowid").fetchall()
        aliases = self.db.execute("SELECT tag, theme FROM lexicon_aliases ORDER BY rowid").fetchall()
        return [tuple(t) for t in terms], [tuple(a) for a in aliases]

    def add_term(self, theme: str, term: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO lexicon_terms (theme, term) VALUES (?, ?)", [theme, term]
            )

    def add_alias(self, tag: str, theme: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT OR REPLACE INTO lexicon_aliases (tag, theme) VALUES (?, ?)", [tag, theme]
            )

    def note_signatures(
        self, lexicon: Lexicon, *, since: date, until: date, kind: str | None, person: str | None
    ) -> list[NoteSig]:
        """Theme signatures of the notes in a window, from the roll-up kept in `note_themes`.

        Notes are analysed once and the result kept; notes written since, or analysed under a
        different lexicon, are analysed now and stored, so a report reads only stored rows.
        """
        from oneonone_cli.themes import NoteSig, Signature

        where = ["n.date >= ?", "n.date <= ?"]
        params: list = [since.isoformat(), until.isoformat()]
        if kind is not None:
            where.append("n.kind = ?")
            params.append(kind)
        if person is not None:
            where.append("n.person = ?")
            params.append(person)
        clause = " AND ".join(where)
        self._refresh_signatures(lexicon, clause, params)
        rows = self.db.execute(
            "SELECT n.id, n.person, n.meeting_id, n.date, t.theme, t.terms, t.phrases"
            f" FROM notes n JOIN note_themes t ON t.note_id = n.id WHERE {clause}",
            params,
        ).fetchall()
        return [
            NoteSig(
                nid,
                who,
                mid,
                date.fromisoformat(on),
                Signature(theme, _split(terms), _split(phrases)),
            )
            for nid, who, mid, on, theme, terms, phrases in rows
        ]

    def _refresh_signatures(self, lexicon: Lexicon, clause: str, params: list) -> None:
        from oneonone_cli.themes import analyse

        fingerprint = lexicon.fingerprint()
        stale = self._meta("lexicon") != fingerprint
        missing = self.db.execute(
            "SELECT n.id, n.text, n.tags, n.kind FROM notes n"
            " LEFT JOIN note_themes t ON t.note_id = n.id"
            f" WHERE {clause} AND (t.note_id IS NULL OR ?)",
            [*params, stale],
        ).fetchall()
        if not missing and not stale:
            return
        rows = []
        for nid, text, tags, kind in missing:
            sig = analyse(text, tuple(json.loads(tags)), kind, lexicon)
            rows.append((nid, sig.theme, SEP.join(sig.terms), SEP.join(sig.phrases)))
        try:
            with self.db.atomic():
                if stale:
                    self.db.execute("DELETE FROM note_themes")
                    self._set_meta("lexicon", fingerprint)
                self.db.conn.executemany(
                    "INSERT OR REPLACE INTO note_themes (note_id, theme, terms, phrases)"
                    " VALUES (?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                raise
            # A read-only journal still reports: keep the analysis in this connection's memory.
            self.db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS note_themes AS SELECT * FROM main.note_themes"
                " WHERE NOT ?",
                [stale],
            )
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO temp.note_themes (note_id, theme, terms, phrases)"
                " VALUES (?, ?, ?, ?)",
                rows,
            )

    def notes_by_id(self, note_ids: Iterable[int]) -> dict[int, Note]:
        ids = list(note_ids)
        result: dict[int, Note] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                "SELECT id, meeting_id, person, date, kind, text, tags FROM notes"
                f" WHERE id IN ({marks})",
                chunk,
            ):
                result[row[0]] = self._note(row)
        return result

    # ---------------------------------------------------------------- meta

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(SEP)) if value else ()


def _check_path(path: Path, *, make_parents: bool) -> None:
    if path.is_dir():
        raise OneOnOneError(f"{path} is a folder: give --db a file path such as {path}/journal.db")
    parent = path.parent
    if not parent.exists():
        if not make_parents:
            raise OneOnOneError(
                f"the folder {parent} does not exist: create it first or choose another --db path"
            )
        parent.mkdir(parents=True, mode=0o700)
    if path.exists():
        if not path.is_file():
            raise OneOnOneError(f"{path} is not a regular file: choose another --db path")
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except PermissionError:
            raise OneOnOneError(f"cannot read {path}: check its permissions") from None
        if header and header != SQLITE_HEADER:
            raise OneOnOneError(
                f"{path} is not a oneonone journal (not a SQLite file): check the --db path"
            )


def loose_permissions(path: Path) -> bool:
    """True when the journal file can be read by other users."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))
