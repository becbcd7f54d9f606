"""The only module that speaks SQL: open, migrate, read and write the journal.

The journal is one SQLite file. Its schema is created and upgraded by the named sqlite-utils
migrations in `migrations.py`. Everyday commands talk to SQLite through the standard library
alone: importing sqlite-utils costs more than a whole `log` may take, so it is imported only
when a migration is pending. Every command's writes happen in one `transaction()`, which takes
the write lock up front (BEGIN IMMEDIATE): with several processes writing, a transaction that
started by reading could otherwise fail to upgrade to a writer. The store hands back model
objects, never raw rows.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import sqlite3
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from oneonone_cli.domain.dates import parse_cadence
from oneonone_cli.errors import OneOnOneError, shown
from oneonone_cli.domain.records import (
    CANCELLED,
    HELD,
    KINDS,
    RESCHEDULED,
    RESERVED_HANDLES,
    Meeting,
    MeetingFacts,
    Note,
    NoteDraft,
    Person,
    Prompt,
)

if TYPE_CHECKING:
    from oneonone_cli.store.crypto import Cipher
    from oneonone_cli.themes.grouping import ThemeTally
    from oneonone_cli.themes.analysis import NoteSig
    from oneonone_cli.themes.lexicon import Lexicon

T = TypeVar("T")
ID_OFFSET = 10**12  # added to note ids written after a date, so that they sort as numbers
BUSY_TIMEOUT_MS = 10_000
CACHE_WAIT_MS = 500  # how long a report waits to keep its theme analysis (see _keep_signatures)
SEP = "\t"  # separates matched terms and phrases in the theme roll-up
BACKUP_FOLDER = "backups"
KEEP_MIGRATION_BACKUPS = 5
MIGRATION_SET = "oneonone"
# The names of the migrations in migrations.py, in order (a test checks they agree), so that
# opening an up-to-date journal needs no sqlite-utils import.
SCHEMA = ("m001_initial", "m002_theme_rollup")
# Transactions this process committed (and backups it wrote) and rolled back: the exit point
# reads them, so that a crash message says what really happened (saved, rolled back, or
# untouched).
COMMITS = 0
ROLLBACKS = 0


def _d(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class Store:
    """The journal behind one SQLite connection."""

    cipher: Cipher | None = None  # an encrypted journal's driver and key, set by open()
    read_only = False  # an upgraded copy of an older journal this user may only read
    _identity: tuple[int, int] | None = None  # the file opened at `path` (device, inode)
    _created = False  # this command created the file at `path`

    @property
    def errors(self):
        """The module whose exceptions this connection raises: sqlite3, or SQLCipher's."""
        return sqlite3 if self.cipher is None else self.cipher.dbapi2

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._prompt_ids: set[str] | None = None
        self._known: set[str] = set()  # handles already looked up in this store
        self._checked = path is None  # an in-memory journal has nothing to check
        self._wrote = False
        self._lexicon: str | None = None  # the fingerprint stored signatures were checked against
        self._memory_rollup = False  # a read-only journal's analysis is kept in a temp table

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path | None, *, create: bool, make_parents: bool = False) -> Store:
        """Open (and migrate) the journal at `path`.

        With `create` false and no file there, an empty in-memory journal stands in, so that
        reports on a fresh machine answer without writing anything. `make_parents` creates the
        missing folders of the default location; a `--db` in a missing folder is an error.
        """
        if path is None or (not _exists(path) and not create):
            store = cls(sqlite3.connect(":memory:", isolation_level=None), None)
            store._migrate()
            return store
        _check_path(path, make_parents=make_parents)
        # A file replaced while it was being opened (`encrypt` swaps in its encrypted copy;
        # a failed first command removes the journal it created) is opened again.
        for _ in range(20):
            before = _identity(path)
            if before is None and not create:  # removed meanwhile: as if it never existed
                return cls.open(None, create=False)
            store = cls._open_file(path, create=create)
            if store.path is None:  # an upgraded copy in memory of a read-only journal
                return store
            if store._identity is not None and before in (None, store._identity):
                if before is None:  # created: only the command's own writes count, below
                    store._created, store._wrote = True, False
                return store
            store.conn.close()
        raise OneOnOneError(f"{path} keeps being replaced while it opens: try again in a moment")

    @classmethod
    def _open_file(cls, path: Path, *, create: bool) -> Store:
        """One attempt of `open` on a file path; its `_identity` is the file it found there."""
        # The file is created by SQLite under a private umask, never opened by Python: closing
        # any descriptor of a database file drops this process's SQLite locks on it.
        old_umask = os.umask(0o077)
        conn = cipher = None
        read_only = False
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            if conn is not None and _cannot_share(path, exc):
                # This user may only read the file or its folder, or the disk is full: SQLite
                # cannot make the shared-memory file a WAL journal is read through.
                conn.close()
                if create:
                    raise OneOnOneError(cannot_write_message(path, exc)) from None
                conn = _reading_connection(path, exc)
                read_only = True
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            elif conn is None or "not a database" not in str(exc):
                raise OneOnOneError(unreadable_message(path, exc)) from None
            else:
                conn.close()
                # Only for a file that is not plain SQLite:
                from oneonone_cli.store import crypto

                if not crypto.looks_encrypted(path):
                    raise OneOnOneError(unreadable_message(path, exc)) from None
                cipher, conn = crypto.open_journal(path, timeout=BUSY_TIMEOUT_MS / 1000)
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            os.umask(old_umask)
        conn.execute("PRAGMA foreign_keys=ON")
        store = cls(conn, path)
        store.cipher = cipher
        store.read_only = read_only
        store._identity = _identity(path)
        if store._identity is None:
            return store  # removed under our feet: `open` tries again
        try:
            store._check_ours(tables)
            if create:
                store._ensure_wal()
            try:
                store._migrate()
            except store.errors.OperationalError as exc:
                if "readonly" not in str(exc) or cipher is not None:
                    raise
                store = store._upgraded_copy()
        except store.errors.DatabaseError:
            if _identity(path) == store._identity:
                raise
            store._identity = None  # replaced while we opened it (the old file is retired)
        return store

    def _upgraded_copy(self) -> Store:
        """A journal written by an older version that this user may only read: its schema
        cannot be upgraded in place, so the command reads an upgraded copy in memory, and
        refuses to write as the file itself would (see `transaction`)."""
        copy = sqlite3.connect(":memory:", isolation_level=None)
        self.conn.backup(copy)
        self.conn.close()
        store = Store(copy, None)
        store._migrate()
        store.read_only = True
        return store

    def _applied(self) -> list[str]:
        """Names of the migrations already applied to this journal, in order."""
        try:
            return [r[0] for r in self.conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            )]  # fmt: skip
        except self.errors.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise

    def _check_ours(self, tables: set[str]) -> None:
        user_tables = {t for t in tables if not t.startswith("sqlite_")}
        if not user_tables or (user_tables == {"_sqlite_migrations"} and not self._applied()):
            return  # new, or a first write that was interrupted before its schema committed
        if "_sqlite_migrations" not in user_tables or "people" not in user_tables:
            raise OneOnOneError(
                f"{self.path} is a SQLite database but not a oneonone journal: "
                "choose another --db path"
            )
        if set(self._applied()) - set(SCHEMA):
            raise OneOnOneError(
                f"{self.path} was written by a newer version of oneonone: "
                "upgrade with 'pip install -U oneonone' before opening it"
            )

    def _ensure_wal(self) -> None:
        """Write-ahead logging lets reports read while another command writes. Switching needs
        a moment alone with the file, so a busy journal is retried rather than failed."""
        for attempt in range(100):
            try:
                mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode == "wal":
                    return
                self.conn.execute("PRAGMA journal_mode=WAL")
            except self.errors.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                time.sleep(0.02 + 0.001 * attempt)
        raise OneOnOneError("the journal stayed busy: try again in a moment")

    def _migrate(self) -> None:
        """Bring the schema up to date. Under the write lock, so that of several commands opening
        the journal at once, exactly one migrates (and backs up) and the others see the result."""
        if self._applied() == list(SCHEMA):
            return
        from sqlite_utils import Database

        from oneonone_cli.store.migrations import MIGRATIONS

        db = Database(self.conn, execute_plugins=False)
        with self.transaction():
            pending = MIGRATIONS.pending(db)
            if pending and self.path is not None and self._applied():
                # An existing journal is about to change shape: keep a copy of it as it was.
                self._backup_before(pending[0].name)
            if pending:
                MIGRATIONS.apply(db)  # each migration a savepoint inside this transaction

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is kept or none. Taken with the write lock up front;
        a transaction already open (a bulk import logging many 1:1s) simply includes this one."""
        if self.conn.in_transaction:
            yield
            return
        if self.read_only:  # the error SQLite gives for a read-only file, reported the same way
            raise self.errors.OperationalError("attempt to write a readonly database")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._check_same_file()
            if not self._checked:
                self._check_before_writing()
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
                global ROLLBACKS
                ROLLBACKS += 1
            raise
        self.conn.execute("COMMIT")
        self._wrote = True
        global COMMITS
        COMMITS += 1

    def _check_same_file(self) -> None:
        """Under the write lock: the file this store opened is still the one at its path. A
        writer that waited for the lock while `encrypt` replaced the journal must not commit into
        the replaced file (which only the backups folder's plain copy would then hold)."""
        if self._identity is not None and _identity(self.path) != self._identity:
            raise OneOnOneError(
                f"{self.path} was just replaced by another oneonone command (encrypt): "
                "nothing was written; run the command again"
            )

    def _check_before_writing(self) -> None:
        """Refuse to write into a damaged journal, even one damaged on pages this write never
        reads. A full `PRAGMA quick_check` costs ~0.2 s on a decade of notes, so it runs only
        when the file is not as this tool last left it (the stamp file beside it, see `close`):
        the first write after a copy, a restore, a sync tool or any other program changed it."""
        if _file_state(self.path) != _read_stamp(self.path):
            problems = [r[0] for r in self.conn.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                first = " ".join(problems[0].replace("*** in database main ***", "").split())
                raise OneOnOneError(damaged_message(self.path, first[:160]))
        self._checked = True

    def _backup_before(self, migration: str) -> Path:
        folder = self.path.parent / BACKUP_FOLDER
        folder.mkdir(mode=0o700, exist_ok=True)
        dest = folder / f"{self.path.stem}-before-{migration}.db"
        # A complete copy or none, whoever else is upgrading.
        self.backup_to(dest, if_exists="replace")
        kept = sorted(folder.glob(f"{self.path.stem}-before-*.db"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP_MIGRATION_BACKUPS]:
            old.unlink(missing_ok=True)
        return dest

    def backup_to(self, dest: Path, *, if_exists: str = "refuse") -> Path:
        """A consistent copy of the journal, even while other commands write (SQLite's backup
        API copies a snapshot), and the path it was written to. The copy is written under a
        temporary name beside `dest` and then given its name, so that `dest` is a complete copy
        or absent, whenever the command is killed. The copy is readable by its owner only.

        `if_exists`: "refuse" (a file, folder or link at `dest` is an error), "unique" (a name
        already taken gets a number: a name the user never chose) or "replace"."""
        if self.path is None:
            raise OneOnOneError("there is no journal yet: nothing to back up")
        if if_exists == "refuse" and os.path.lexists(dest):
            raise OneOnOneError(f"{dest} already exists: choose a new file for the backup")
        folder = dest.parent
        if not _exists(folder):
            raise OneOnOneError(f"the folder {folder} does not exist: create it first")
        if not folder.is_dir():
            raise OneOnOneError(f"{folder} is not a folder: choose another path for the backup")
        remove_stale(folder, f".{dest.name}.*.partial", -3)  # .NAME.PID.RANDOM.partial
        try:
            fd, partial = _new_private_file(folder, f".{dest.name}.", ".partial")
        except OSError as exc:
            raise OneOnOneError(_cannot_write(folder, exc)) from None
        os.close(fd)
        global COMMITS
        try:
            # Through a connection of its own: the backup API cannot read from a connection
            # that holds the write lock (as `_migrate` does), and in WAL mode a second
            # connection reads the last committed state while others write. SQLite shares one
            # process's locks on a file between its connections, so opening and closing this
            # one is safe. An encrypted journal's copy is encrypted with the same key. A
            # journal this command may only read (read-only, or on a full disk) is copied
            # through the reading connection it was opened with: a second one could not open.
            connect = sqlite3.connect if self.cipher is None else self.cipher.connect
            own = not self.read_only
            source = connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000) if own else self.conn
            try:
                target = connect(str(partial))
                try:
                    target.execute("PRAGMA journal_mode=OFF")  # a failed copy is deleted whole
                    source.backup(target)
                finally:
                    target.close()
            except self.errors.DatabaseError as exc:
                raise OneOnOneError(
                    f"could not write the backup {dest} ({exc}): free some space there or "
                    "choose another place; the journal itself is untouched"
                ) from None
            finally:
                if own:
                    source.close()
            _fsync(partial)
            named = _give_name(partial, dest, if_exists)
            COMMITS += 1  # written: the exit point must not say "nothing was changed"
            return named
        finally:
            partial.unlink(missing_ok=True)

    def close(self) -> None:
        self.conn.close()
        if self._wrote and self.path is not None:
            # Closing checkpointed the log into the file: remember the file as this tool left it
            # (checked, then written by this tool alone), so the next write can skip the check.
            _write_stamp(self.path)
        elif self._created and self._identity is not None and sys.exc_info()[0] is not None:
            # Closed by a command that failed before writing anything: it leaves no new file
            # behind (`log ghost --db new.db`). Opened and closed without an error, a new
            # journal is kept (the API creates journals so).
            _discard_if_unused(self.path, self._identity)

    # ---------------------------------------------------------------- drafts

    def write_sealed_draft(self, dest: Path, data: bytes) -> None:
        """Keep text typed for this encrypted journal, that could not be logged, in a file of
        its own at `dest`, encrypted with the journal's key (see `write_sealed`)."""
        write_sealed(self.cipher, dest, data)

    def read_sealed_draft(self, path: Path) -> bytes:
        """The text kept by `write_sealed_draft`; an error if this journal's key cannot read it."""
        if self.cipher is None:
            raise OneOnOneError(f"{path} is an encrypted draft: open it with its encrypted journal")
        conn = self.cipher.connect(str(path))
        try:
            return b"".join(r[0] for r in conn.execute("SELECT data FROM draft ORDER BY rowid"))
        except self.cipher.dbapi2.DatabaseError as exc:
            raise OneOnOneError(f"cannot read the draft {path} ({exc})") from None
        finally:
            conn.close()

    # ---------------------------------------------------------------- people

    def add_person(self, person: Person) -> None:
        """Checked and inserted in one transaction: of two `add` of one handle at once, one adds
        and the other is told the handle is taken."""
        taken = OneOnOneError(
            f"'{person.handle}' is already in the journal: "
            f"change them with 'oneonone edit {person.handle}'"
        )
        if self._person_row(person.handle) is not None:
            raise taken  # without taking the write lock
        with self.transaction():
            if self._person_row(person.handle) is not None:
                raise taken
            try:
                self.conn.execute(
                    "INSERT INTO people (handle, name, relationship, every, added, archived)"
                    " VALUES (?, ?, ?, ?, ?, NULL)",
                    [person.handle, person.name, person.relationship, str(person.every),
                     person.added.isoformat()],
                )  # fmt: skip
            except self.errors.IntegrityError:
                raise taken from None

    def _person_row(self, handle: str) -> tuple | None:
        return self.conn.execute(
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
            handles = [r[0] for r in self.conn.execute("SELECT handle FROM people")]
            close = difflib.get_close_matches(handle, handles, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            add = (f"'{handle}' is a command word, not a handle" if handle in RESERVED_HANDLES
                   else f"add them with 'oneonone add {handle} --name \"Full Name\"'")
            raise OneOnOneError(
                f"no one called '{handle}' in the journal: {hint}{add}"
            )
        self._known.add(handle)  # `require` need not look again
        return self._person(row)

    def require(self, handle: str) -> None:
        """Check the handle exists (once per store: a bulk import logs many 1:1s per person)."""
        if handle not in self._known:
            self.person(handle)
            self._known.add(handle)

    def people(self, *, include_archived: bool = False) -> list[Person]:
        where = "" if include_archived else " WHERE archived IS NULL"
        rows = self.conn.execute(
            "SELECT handle, name, relationship, every, added, archived FROM people"
            f"{where} ORDER BY handle"
        ).fetchall()
        return [self._person(r) for r in rows]

    def change_person(
        self, handle: str, change: Callable[[Person], Person]
    ) -> tuple[Person, Person]:
        """Read the person, apply `change` and write the result, all in one transaction: an
        `edit` and an `archive` of one person at once each keep the other's change. Returns
        the person before and after; nothing is written when `change` changed nothing."""
        with self.transaction():
            before = self.person(handle)
            after = change(before)
            if after != before:
                self.update_person(after)
        return before, after

    def update_person(self, person: Person) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE people SET name = ?, relationship = ?, every = ?, archived = ?"
                " WHERE handle = ?",
                [person.name, person.relationship, str(person.every),
                 person.archived and person.archived.isoformat(), person.handle],
            )  # fmt: skip

    # ---------------------------------------------------------------- meetings

    def log_meeting(
        self, handle: str, on: date, notes: Sequence[NoteDraft], asked: Sequence[str]
    ) -> tuple[int, list[int]]:
        """Record one held 1:1 with its notes and prompts asked, in one transaction."""
        from oneonone_cli.themes.text import extract_tags

        self.require(handle)
        if asked:
            self.check_prompts_exist(asked)
        with self.transaction():
            meeting_id = self._insert_meeting(handle, on, HELD)
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
                        json.dumps(list(extract_tags(draft.text)), ensure_ascii=False),
                    ],
                )
                note_ids.append(cursor.lastrowid)
            self.conn.executemany(
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
        cursor = self.conn.execute(
            "INSERT INTO meetings (person, date, status, reason, moved_to) VALUES (?, ?, ?, ?, ?)",
            [handle, on.isoformat(), status, reason, moved_to and moved_to.isoformat()],
        )
        return cursor.lastrowid

    def cancel(self, handle: str, on: date, reason: str | None) -> int | None:
        """Record a cancelled 1:1; None when one is already recorded for that day (a command
        run twice must not look like two cancels, a warning sign)."""
        self.require(handle)
        with self.transaction():
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
            move = self.conn.execute(
                "SELECT date, id, moved_to FROM meetings WHERE person = ? AND status = ?"
                " ORDER BY date DESC, id DESC LIMIT 1", [handle, RESCHEDULED]
            ).fetchone()  # fmt: skip
            held = self.conn.execute(
                "SELECT date, id FROM meetings WHERE person = ? AND status = ?"
                " ORDER BY date DESC, id DESC LIMIT 1", [handle, HELD]
            ).fetchone() or (None, None)  # fmt: skip
            if move is not None and move[2] == to.isoformat() and not _ends(*held, *move[:2]):
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
            handle: (held, held_id, move_on, move_id, move_to)
            for handle, held, held_id, move_on, move_id, move_to in self.conn.execute(
                "SELECT handle,"
                " (SELECT MAX(date) FROM meetings WHERE person = handle AND status = :held),"
                " (SELECT id FROM meetings WHERE person = handle AND status = :held"
                "  ORDER BY date DESC, id DESC LIMIT 1),"
                " (SELECT date FROM meetings WHERE person = handle AND status = :moved"
                "  ORDER BY date DESC, id DESC LIMIT 1),"
                " (SELECT id FROM meetings WHERE person = handle AND status = :moved"
                "  ORDER BY date DESC, id DESC LIMIT 1),"
                " (SELECT moved_to FROM meetings WHERE person = handle AND status = :moved"
                "  ORDER BY date DESC, id DESC LIMIT 1)"
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
            held, held_id, move_on, move_id, move_to = latest.get(person.handle, (None,) * 5)
            pending = move_on is not None and not _ends(held, held_id, move_on, move_id)
            facts.append((person, MeetingFacts(
                last_held=_d(held),
                rescheduled_to=_d(move_to) if pending else None,
                cancels=tuple(cancels.get(person.handle, ())),
            )))  # fmt: skip
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
        return Note(nid, meeting_id, person, date.fromisoformat(on), kind, text, tuple(json.loads(tags)))

    def history(
        self, handle: str, *, since: date | None, kind: str | None, limit: int | None = None
    ) -> list[Meeting]:
        """A person's 1:1s (held, cancelled, rescheduled) with notes and prompts, newest first;
        at most `limit` of them."""
        meetings = self.conn.execute(
            "SELECT id, person, date, status, reason, moved_to FROM meetings"
            " WHERE person = ? AND date >= ? ORDER BY date DESC, id DESC LIMIT ?",
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
        from oneonone_cli.domain.prompts import builtin_prompts

        retired = {r[0] for r in self.conn.execute("SELECT id FROM retired_prompts")}
        own = [
            Prompt(pid, kind, audience, text, topic or "", builtin=False)
            for pid, kind, audience, text, topic in self.conn.execute(
                "SELECT id, kind, audience, text, topic FROM prompts ORDER BY id"
            )
        ]
        return [
            Prompt(p.id, p.kind, p.audience, p.text, p.topic, p.builtin, p.id in retired)
            for p in (*builtin_prompts(), *own)
        ]

    def check_prompts_exist(self, prompt_ids: Iterable[str]) -> None:
        if self._prompt_ids is None:
            self._prompt_ids = {p.id for p in self.prompt_bank()}
        known = self._prompt_ids
        for pid in prompt_ids:
            if pid not in known:
                close = difflib.get_close_matches(pid, known, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise OneOnOneError(
                    f"unknown prompt '{shown(pid)}': {hint}list IDs with 'oneonone prompts --all'"
                )

    def add_prompt(self, prompt: Prompt) -> None:
        """A prompt whose text (of that kind) is already in the bank, or whose ID another
        command took meanwhile, already exists: checked and inserted in one transaction."""
        with self.transaction():
            row = self.conn.execute(
                "SELECT id FROM prompts WHERE kind = ? AND text = ?", [prompt.kind, prompt.text]
            ).fetchone()
            if row is not None:
                raise OneOnOneError(
                    f"that {prompt.kind} prompt already exists as {row[0]}: "
                    f"use it with 'oneonone log HANDLE --asked {row[0]}'"
                )
            try:
                self.conn.execute(
                    "INSERT INTO prompts (id, kind, audience, text, topic) VALUES (?, ?, ?, ?, ?)",
                    [prompt.id, prompt.kind, prompt.audience, prompt.text, prompt.topic],
                )
            except self.errors.IntegrityError:
                raise OneOnOneError(
                    f"a prompt {prompt.id} already exists (added by another command just now): "
                    "run the command again to add yours under a new ID"
                ) from None
        self._prompt_ids = None

    def retire_prompt(self, prompt_id: str, on: date) -> None:
        self.check_prompts_exist([prompt_id])
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO retired_prompts (id, retired) VALUES (?, ?)",
                [prompt_id, on.isoformat()],
            )

    def asked_of(self, handle: str) -> dict[str, date]:
        """Each prompt asked of this person, with the last date it was asked."""
        return {
            pid: date.fromisoformat(on)
            for pid, on in self.conn.execute(
                "SELECT prompt_id, MAX(date) FROM prompt_uses WHERE person = ? GROUP BY prompt_id",
                [handle],
            )
        }

    def asked_by_person(self) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {}
        for person, pid in self.conn.execute("SELECT DISTINCT person, prompt_id FROM prompt_uses"):
            result.setdefault(person, set()).add(pid)
        return result

    def team_last_asked(self, prompt_ids: Iterable[str]) -> dict[str, date]:
        """When each of these prompts was last asked of anyone: one index seek per prompt."""
        result = {}
        for prompt_id in prompt_ids:
            (on,) = self.conn.execute(
                "SELECT MAX(date) FROM prompt_uses WHERE prompt_id = ?", [prompt_id]
            ).fetchone()
            if on is not None:
                result[prompt_id] = date.fromisoformat(on)
        return result

    # ---------------------------------------------------------------- themes

    def user_lexicon(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        terms = self.conn.execute("SELECT theme, term FROM lexicon_terms ORDER BY rowid").fetchall()
        aliases = self.conn.execute("SELECT tag, theme FROM lexicon_aliases ORDER BY rowid").fetchall()
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

    def theme_window(
        self, lexicon: Lexicon, *, since: date, until: date, kind: str | None, person: str | None
    ) -> tuple[list[ThemeTally], list[NoteSig]]:
        """The notes of a window as theme grouping needs them, from the roll-up kept in
        `note_themes`: one `ThemeTally` per lexicon theme, summed here in SQL (a year holds tens
        of thousands of themed notes; none of them becomes a Python object), and the signatures
        of the notes no lexicon theme claimed (few), by date, for discovery."""
        from oneonone_cli.themes.grouping import ThemeTally
        from oneonone_cli.themes.analysis import NoteSig, Signature

        days: dict[str, date] = {}

        def day(on: str) -> date:
            return days.get(on) or days.setdefault(on, date.fromisoformat(on))

        def read(keys: list[str], where: str, params: list) -> tuple[tuple[list, list], int]:
            tallies = []
            # Each theme's notes are read from the roll-up's index (one range of it per kind).
            for key in keys:
                notes, people, meetings, terms, usual = self.conn.execute(
                    f"SELECT group_concat(date || ({ID_OFFSET} + note_id)), group_concat(person),"
                    " count(DISTINCT meeting_id), group_concat(terms, char(31)),"
                    f" min(note_id) >= 0 AND max(note_id) < {ID_OFFSET}"
                    f" FROM note_themes WHERE theme = ? AND {where}",
                    [key, *params],
                ).fetchone()
                if notes is None:
                    continue
                days_of_notes, note_ids = _by_date(notes, usual)
                per_day = Counter(days_of_notes)
                tallies.append(ThemeTally(
                    key=key,
                    note_ids=note_ids,
                    days=tuple((day(on), n) for on, n in sorted(per_day.items())),
                    people=tuple(sorted(set(people.split(",")))),
                    meetings=meetings,
                    terms=_term_counts(terms),
                ))  # fmt: skip
            unthemed = [
                NoteSig(nid, who, mid, day(on), Signature(None, _split(terms), _shared(phrases)))
                for nid, who, mid, on, terms, phrases in self.conn.execute(
                    "SELECT note_id, person, meeting_id, date, terms, phrases FROM note_themes"
                    f" WHERE theme IS NULL AND {where} ORDER BY date, note_id",
                    params,
                )
            ]  # fmt: skip
            return (tallies, unthemed), sum(len(t.note_ids) for t in tallies) + len(unthemed)

        return self._read_analysed(lexicon, since, until, kind, person, read)

    def theme_counts(
        self,
        lexicon: Lexicon,
        *,
        since: date,
        until: date,
        kind: str | None,
        person: str | None,
        phrases: Mapping[str, str] | None = None,
    ) -> dict[str, int]:
        """For comparing windows without loading them: notes per lexicon theme key, and for
        each `phrases` entry (phrase -> the key to count it under, a discovered theme's) the
        notes no lexicon theme claimed that have that phrase. Phrases are streamed, never kept."""

        def read(keys: list[str], where: str, params: list) -> tuple[dict[str, int], int]:
            counts: dict[str, int] = {}
            for key in keys:
                (n,) = self.conn.execute(
                    f"SELECT count(*) FROM note_themes WHERE theme = ? AND {where}", [key, *params]
                ).fetchone()
                if n:
                    counts[key] = n
            counted = sum(counts.values())
            found: Counter[str] = Counter()
            for (stored,) in self.conn.execute(
                f"SELECT phrases FROM note_themes WHERE theme IS NULL AND {where}", params
            ):
                counted += 1
                if phrases and stored:
                    found.update(phrases.keys() & set(stored.split(SEP)))
            counts.update(((phrases or {})[p], n) for p, n in found.items())
            return counts, counted

        return self._read_analysed(lexicon, since, until, kind, person, read)

    def _read_analysed(self, lexicon: Lexicon, since: date, until: date, kind: str | None,
                       person: str | None, read: Callable[[list[str], str, list], tuple[T, int]]) -> T:  # fmt: skip
        """`read(theme keys, where, params)` over the roll-up rows of a window (for each theme
        of the lexicon, and for no theme), once every note of the window is analysed under this
        lexicon; `read` answers with what it read and how many rows it read (one a note).

        Every note is analysed once and its signature kept in `note_themes`; a changed lexicon
        drops them all (`_check_lexicon`). Notes are never changed nor deleted, so a window
        whose notes outnumber the rows `read` read has notes not analysed yet (written since
        the last report) or, after two processes with different lexicons wrote at once, rows
        under a theme this lexicon does not have: those notes are analysed again and kept, and
        `read` runs again."""
        self._check_lexicon(lexicon)
        fingerprint = lexicon.fingerprint()
        keys = [t.key for t in lexicon.themes]
        where, params = _window(since, until, kind, person)
        clause, note_params = _window(since, until, kind, person, table="n.")
        # Another process may change the lexicon (and the roll-up with it) at any moment: each
        # round reads one snapshot in which the roll-up is checked to be this lexicon's; rows
        # made under another lexicon are never read as this one's, nor kept under its
        # fingerprint (see _keep_signatures). After rounds lost to such races, the last round
        # holds the write lock from its check to its read.
        for attempt in range(4):
            locked = attempt == 3 and not self._memory_rollup
            current, stale = False, []
            try:
                with self.transaction() if locked else self._reading():
                    current = self._memory_rollup or self._meta("lexicon") == fingerprint
                    if current:
                        answer, read_rows = read(keys, where, params)
                        (notes,) = self.conn.execute(
                            f"SELECT count(*) FROM notes n WHERE {clause}", note_params
                        ).fetchone()
                        if read_rows == notes:
                            return answer
                        stale = self.conn.execute(
                            "SELECT n.id, n.text, n.tags, n.kind, n.date, n.person, n.meeting_id"
                            f" FROM notes n LEFT JOIN note_themes t ON t.note_id = n.id WHERE {clause}"
                            f" AND (t.note_id IS NULL OR t.theme NOT IN ({','.join('?' * len(keys))}))",
                            [*note_params, *keys],
                        ).fetchall()  # fmt: skip
                        if not stale:
                            return answer
                    if locked:
                        self._keep_signatures(lexicon, stale, drop_all=not current)
                        return read(keys, where, params)[0]
            except self.errors.OperationalError as exc:
                if not (locked and _is_unwritable(exc)):
                    raise
                # It cannot be kept (a full disk): analysed into memory, where it stays ours.
                self._keep_signatures(lexicon, stale, drop_all=not current)
                return read(keys, where, params)[0]
            self._keep_signatures(lexicon, stale, drop_all=not current)
        raise AssertionError("unreachable: the last round returns")  # pragma: no cover

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """One consistent view of the journal while it is read: a read transaction (inside an
        open transaction, that one)."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def _check_lexicon(self, lexicon: Lexicon) -> None:
        """Signatures made under another lexicon (another fingerprint) are dropped, once for
        each lexicon this store is asked about."""
        fingerprint = lexicon.fingerprint()
        if self._lexicon == fingerprint:
            return
        if self._memory_rollup:  # a read-only journal's analysis, made under another lexicon
            self.conn.execute("DROP TABLE temp.note_themes")
            self._memory_rollup = False
        if self._meta("lexicon") != fingerprint:
            self._keep_signatures(lexicon, [], drop_all=True)
        self._lexicon = fingerprint

    def _keep_signatures(self, lexicon: Lexicon, notes: Sequence[tuple], *,
                         drop_all: bool = False) -> None:  # fmt: skip
        """Analyse these (id, text, tags, kind, date, person, meeting_id) notes and keep their
        signatures; `drop_all` first drops every stored one and records the lexicon they will be
        made under.

        The analysis of many notes takes a while, outside any transaction: the lexicon the roll-up
        is under is checked again in the transaction that keeps the rows. If another process
        changed it meanwhile, every stored row is dropped and this lexicon recorded with these
        rows (the next run under the other lexicon analyses afresh): the rows of the roll-up are
        always all made under the lexicon `meta` names."""
        from oneonone_cli.themes.analysis import analyse

        rows = []
        for nid, text, tags, kind, on, who, mid in notes:
            sig = analyse(text, tuple(json.loads(tags)), kind, lexicon)
            rows.append((nid, kind, sig.theme, on, who, mid, SEP.join(sig.terms), SEP.join(sig.phrases)))
        insert = ("INSERT OR REPLACE INTO {}note_themes"
                  " (note_id, kind, theme, date, person, meeting_id, terms, phrases)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")  # fmt: skip
        if not self._memory_rollup:
            global COMMITS
            commits = COMMITS  # the roll-up is a cache, not a change the user made
            # A report does not wait long for the write lock to keep its cache: while another
            # command holds it, the analysis is kept in memory for this run (as below).
            self.conn.execute(f"PRAGMA busy_timeout={CACHE_WAIT_MS}")
            try:
                with self.transaction():
                    fingerprint = lexicon.fingerprint()
                    if drop_all or self._meta("lexicon") != fingerprint:
                        self.conn.execute("DELETE FROM note_themes")
                        self._set_meta("lexicon", fingerprint)
                    self.conn.executemany(insert.format(""), rows)
                return
            except self.errors.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not (_is_unwritable(exc) or busy) or self.conn.in_transaction:
                    raise  # (inside a caller's transaction, the caller decides)
            finally:
                COMMITS = commits
                self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # A journal this command cannot write (read-only, or a full disk) still reports:
            # keep the analysis in this connection's memory, in a temporary table (with the
            # roll-up's key and index) that hides the stored one.
            self.conn.execute(
                "CREATE TEMP TABLE note_themes (note_id INTEGER PRIMARY KEY, kind TEXT,"
                " theme TEXT, date TEXT, person TEXT, meeting_id INTEGER, terms TEXT, phrases TEXT)"
            )
            self.conn.execute("CREATE INDEX temp.note_themes_rollup ON note_themes"
                              " (kind, theme, date, person, meeting_id, terms)")  # fmt: skip
            if not drop_all and self._meta("lexicon") == lexicon.fingerprint():
                self.conn.execute("INSERT INTO temp.note_themes SELECT * FROM main.note_themes")
            self._memory_rollup = True
        elif drop_all:
            self.conn.execute("DELETE FROM temp.note_themes")
        self.conn.executemany(insert.format("temp."), rows)

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

    # ---------------------------------------------------------------- meta

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])


def write_sealed(cipher: Cipher, dest: Path, data: bytes) -> None:
    """`data` in a database file of its own at `dest` (an empty file, or none), encrypted with
    an encrypted journal's key: typed text kept for it, never as plaintext (see editor.py)."""
    old_umask = os.umask(0o077)
    try:
        conn = cipher.connect(str(dest), isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("CREATE TABLE draft (data BLOB NOT NULL)")
            conn.execute("INSERT INTO draft (data) VALUES (?)", [data])
            conn.execute("COMMIT")
        finally:
            conn.close()
    finally:
        os.umask(old_umask)


def _is_unwritable(exc: Exception) -> bool:
    """SQLite's errors for a journal this command cannot write: read-only, or a full disk."""
    text = str(exc)
    return "readonly" in text or "full" in text


def _ends(held: str | None, held_id: int | None, moved_on: str, move_id: int) -> bool:
    """Whether the latest held 1:1 (its date and id) ends a reschedule recorded on `moved_on`:
    held after that day, or on it but recorded after the reschedule ("we met today, the next
    one moves" keeps the move)."""
    return held is not None and (held, held_id) > (moved_on, move_id)


def _window(since: date, until: date, kind: str | None, person: str | None,
            table: str = "") -> tuple[str, list]:  # fmt: skip
    """The WHERE clause for the notes of a window, of a kind (None: either), of a person, over
    `notes n` (table "n.") or the roll-up `note_themes`. With a theme, the roll-up's rows are
    a range of its index (kind, theme, date, ...) for each kind; a person is picked out within."""
    kinds = KINDS if kind is None else (kind,)
    where = [f"{table}kind IN ({','.join('?' * len(kinds))})", f"{table}date >= ?", f"{table}date <= ?"]
    params: list = [*kinds, since.isoformat(), until.isoformat()]
    if person is not None:
        where.append(f"{table}person = ?")
        params.append(person)
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


def _check_path(path: Path, *, make_parents: bool) -> None:
    """Refuse paths that cannot hold a journal, before SQLite touches anything."""
    if path.is_dir():
        raise OneOnOneError(f"{path} is a folder: give --db a file path such as {path}/journal.db")
    parent = path.parent
    if not _exists(parent):
        if not make_parents:
            raise OneOnOneError(
                f"the folder {parent} does not exist: create it first or choose another --db path"
            )
        try:
            parent.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise OneOnOneError(_cannot_write(parent.parent, exc)) from None
    if path.exists() and not path.is_file():
        raise OneOnOneError(f"{path} is not a regular file: choose another --db path")


def _exists(path: Path) -> bool:
    """Whether anything is at `path`; a folder this user may not search is one clear line."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except PermissionError:
        raise OneOnOneError(
            f"cannot reach {path}: permission denied on its folder {path.parent}; "
            "check the folder's permissions or choose another --db path"
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.ENAMETOOLONG):
            return False
        raise OneOnOneError(f"cannot reach {path} ({exc.strerror}): choose another path") from None
    return True


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` now (device, inode), or None."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _cannot_write(folder: Path, exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    return (
        f"cannot write in {folder} ({reason}): check the folder's permissions, "
        "or choose another path"
    )


def _new_private_file(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """A new file of a unique name, readable by its owner only, created exclusively: an
    existing file or a planted link is never opened, let alone followed."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        path = folder / f"{prefix}{os.getpid()}.{os.urandom(4).hex()}{suffix}"
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def remove_stale(folder: Path, pattern: str, pid_at: int) -> None:
    """Remove the temporary files matching `pattern` in `folder` that a killed run left: the
    process id in each name's dot-separated part `pid_at` no longer runs. (A plain backup's
    partial copy would otherwise hold every note, unseen, for ever.)"""
    try:
        found = list(folder.glob(pattern))
    except OSError:
        return
    from oneonone_cli.processes import runs

    for path in found:
        pid = path.name.split(".")[pid_at]
        if pid.isdigit() and runs(int(pid)) is False:  # (another user's: not ours to judge)
            path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush a file no SQLite connection of this process has open (closing a descriptor of a
    database file would drop this process's SQLite locks on it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _give_name(partial: Path, dest: Path, if_exists: str) -> Path:
    """Give the complete file `partial` the name `dest` in one step: never over an existing
    file unless `if_exists` is "replace"; "unique" numbers the name until one is free."""
    if if_exists == "replace":
        os.replace(partial, dest)
        return dest
    for number in range(1, 1000):
        name = dest if number == 1 else dest.with_name(f"{dest.stem}-{number}{dest.suffix}")
        try:
            os.link(partial, name, follow_symlinks=False)  # fails if the name is taken
        except FileExistsError:
            if if_exists != "unique":
                break
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise OneOnOneError(_cannot_write(dest.parent, exc)) from None
            if os.path.lexists(name):  # no hard links here (FAT): rename, never over a file
                if if_exists != "unique":
                    break
                continue
            os.rename(partial, name)
        return name
    raise OneOnOneError(f"{dest} already exists: choose a new file for the backup")


class Alone:
    """The journal at a path, held by this process alone (see `alone`)."""

    def __init__(self, conn: sqlite3.Connection, fd: int, path: Path) -> None:
        self.conn = conn
        self.fd = fd
        self.path = path
        self.retired = False

    def copy_to(self, dest: Path) -> None:
        """A byte-for-byte copy of the journal (complete: it has no log beside it) at the
        new path `dest`, created exclusively and flushed."""
        try:
            out, partial = _new_private_file(dest.parent, f".{dest.name}.", ".partial")
        except OSError as exc:
            raise OneOnOneError(_cannot_write(dest.parent, exc)) from None
        try:
            offset = 0
            while chunk := os.pread(self.fd, 1 << 20, offset):
                os.write(out, chunk)
                offset += len(chunk)
            os.fsync(out)
            os.close(out)
            out = -1
            os.replace(partial, dest)
        finally:
            if out >= 0:
                os.close(out)
            partial.unlink(missing_ok=True)

    def user_rows(self) -> int:
        tables = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " AND name != '_sqlite_migrations'"
        )]  # fmt: skip
        return sum(self.conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables)

    def retire(self) -> None:
        """Once the file was replaced or removed at its path: make the old file unusable to
        any command that still has it open, so that none can write into it. Its header no
        longer reads as SQLite, and its change counter differs, so SQLite drops its cache."""
        head = os.pread(self.fd, 40, 0)
        os.pwrite(self.fd, b"oneonone:retired", 0)
        os.pwrite(self.fd, bytes(b ^ 0xFF for b in head[24:40]), 24)
        self.retired = True


@contextmanager
def alone(path: Path, *, wait: float) -> Iterator[Alone]:
    """Hold the journal at `path` alone, for replacing or removing it: no other connection is
    open on it (its write-ahead log is folded in and gone; the file is switched to a rollback
    journal for the time being) and, until the block ends, no other command can read or write
    it (an exclusive lock). Commands that opened it meanwhile wait; after a `retire()` they
    find it unusable, and open the path again (see `Store.open` and `_check_same_file`).

    Waits up to `wait` seconds for the other commands to finish."""
    before = _identity(path)
    conn = sqlite3.connect(str(path), timeout=0.05, isolation_level=None)
    fd = -1
    held = None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                conn.execute("PRAGMA journal_mode=DELETE")
                conn.execute("BEGIN EXCLUSIVE")
                if conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete":
                    break
                conn.execute("ROLLBACK")  # another command switched it back to WAL meanwhile
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            if time.monotonic() > deadline:
                raise OneOnOneError(
                    f"{path} stayed in use by other oneonone commands: nothing was changed; "
                    "try again when they are done"
                )
            time.sleep(0.01)
        # Under the lock, the file that SQLite opened can no longer be replaced: check it is
        # the one at the path (a descriptor of our own, closed only after the connection).
        fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        st = os.fstat(fd)
        if before is None or (st.st_dev, st.st_ino) != before:
            raise OneOnOneError(f"{path} was just replaced by another oneonone command: try again")
        held = Alone(conn, fd, path)
        yield held
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if held is not None and not held.retired:
            try:  # back to write-ahead logging, as every writer would switch it anyway
                conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.Error:
                pass
        conn.close()
        if fd >= 0:
            os.close(fd)


def _discard_if_unused(path: Path, identity: tuple[int, int]) -> None:
    """Remove the journal a failed command created at `path`, unless another command has it
    open or wrote to it meanwhile (then it is theirs)."""
    try:
        with alone(path, wait=0) as held:
            if _identity(path) != identity or held.user_rows():
                return
            for name in (path, Path(f"{path}{STAMP_SUFFIX}")):
                name.unlink(missing_ok=True)
            held.retire()
    except (OneOnOneError, OSError, sqlite3.Error):
        pass  # kept: an empty journal is harmless, a lost one is not


STAMP_SUFFIX = "-checked"  # beside journal.db, like SQLite's own -wal and -shm


def _file_state(path: Path) -> str:
    """What changes whenever anything rewrites the file: its identity, size and mtime."""
    try:
        st = path.stat()
    except OSError:
        return "missing"
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def _read_stamp(path: Path) -> str | None:
    try:
        return Path(f"{path}{STAMP_SUFFIX}").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _write_stamp(path: Path) -> None:
    """Written whole or not at all (a lost or stale stamp only costs one more check)."""
    stamp = Path(f"{path}{STAMP_SUFFIX}")
    partial = None
    try:
        # A new file of a unique name, never an existing one nor a planted link's target.
        fd, partial = _new_private_file(stamp.parent, f"{stamp.name}.", "")
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(_file_state(path) + "\n")
        os.replace(partial, stamp)
    except OSError:
        if partial is not None:  # a read-only folder: every write will check instead
            partial.unlink(missing_ok=True)


def _cannot_share(path: Path, exc: Exception) -> bool:
    """Opening failed because SQLite could not create or grow the WAL journal's shared-memory
    file (-shm): a file or folder this user may only read, a read-only file system, a full disk
    (not a file this user may not read at all)."""
    text = str(exc)
    shared = "readonly" in text or "disk I/O error" in text or "unable to open" in text
    return shared and os.access(path, os.R_OK)


def _disk_full(path: Path) -> bool:
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def cannot_write_message(path: Path, exc: Exception) -> str:
    if _disk_full(path):
        return (
            f"cannot write {path}: its disk is full; free some space and try again "
            "(nothing was written; the journal is intact)"
        )
    if "disk I/O error" in str(exc):
        return f"cannot write {path} (disk I/O error): check its disk; nothing was written"
    return (
        f"cannot write {path}: you may only read it (check the permissions of the file, of its "
        f"-wal and -shm files and of its folder {path.parent}, or choose another --db); "
        "nothing was written"
    )


def _reading_connection(path: Path, exc: Exception) -> sqlite3.Connection:
    """A connection that only reads the journal, for a file whose WAL shared memory cannot be
    made. Without a write-ahead log holding changes (none, or empty: the journal was closed
    cleanly), the file alone is the journal and is read as it is (SQLite's `immutable`);
    otherwise with the log's index kept in this process's memory (exclusive locking)."""
    from urllib.parse import quote

    wal = Path(f"{path}-wal")
    try:
        logged = wal.stat().st_size > 0
    except OSError:
        logged = False
    uri = f"file:{quote(str(path))}?mode=ro" + ("" if logged else "&immutable=1")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        if logged:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        if _disk_full(path):
            raise OneOnOneError(
                f"cannot read {path}: its disk is full and it holds changes not yet folded into "
                "the file; free some space and try again (the journal is intact)"
            ) from None
        raise OneOnOneError(
            f"cannot read {path} ({exc}): you may only read it, and it holds changes not yet "
            "folded into the file; ask its owner to run any oneonone command on it, or copy it"
        ) from None
    return conn


def damaged_message(where: Path | str, detail: str) -> str:
    recover = f"'sqlite3 {where} .recover'" if isinstance(where, Path) else "SQLite's .recover"
    return (
        f"{where} is damaged ({detail}): nothing was written; restore a copy from "
        f"{BACKUP_FOLDER}/ beside it, or try {recover}"
    )


def unreadable_message(path: Path | None, exc: sqlite3.DatabaseError) -> str:
    """One line for a journal SQLite cannot use: not a database, damaged, or unreadable."""
    text = str(exc)
    where = path if path is not None else "the journal"
    if "not a database" in text:
        return f"{where} is not a oneonone journal (not a SQLite file): check the --db path"
    if path is not None and _disk_full(path):
        return (f"cannot use {where}: its disk is full; free some space and try again "
                "(nothing was written)")
    if "malformed" in text or "corrupt" in text:
        return damaged_message(where, text)
    if "locked" in text or "busy" in text:
        return f"{where} is busy (another program holds it): try again in a moment"
    if "unable to open" in text:
        return f"cannot open {where}: check that it exists and that you may read it"
    return f"cannot use {where} ({text}): check the --db path"


def loose_permissions(path: Path) -> bool:
    """True when the journal file can be read by other users."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))
