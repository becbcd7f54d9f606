"""Opening the journal: the connection, its integrity checks, migrations and transactions.

The journal is one SQLite file. Its schema is created and upgraded by the named sqlite-utils
migrations in `migrations.py`. Everyday commands talk to SQLite through the standard library
alone: importing sqlite-utils costs more than a whole `log` may take, so it is imported only
when a migration is pending. Every command's writes happen in one `transaction()`, which takes
the write lock up front (BEGIN IMMEDIATE): with several processes writing, a transaction that
started by reading could otherwise fail to upgrade to a writer.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError, raise_if_signalled
from oneonone_cli.store.files import (
    BACKUP_FOLDER,
    _cannot_write,
    _disk_full,
    _exists,
    _identity,
    _new_private_file,
    alone,
    backup_folder,
    backup_name,
)

if TYPE_CHECKING:
    from oneonone_cli.store.core import Store
    from oneonone_cli.store.crypto import Cipher

BUSY_TIMEOUT_MS = 10_000
KEEP_MIGRATION_BACKUPS = 5
MIGRATION_SET = "oneonone"
# The names of the migrations in migrations.py, in order (a test checks they agree), so that
# opening an up-to-date journal needs no sqlite-utils import.
SCHEMA = (
    "m001_initial",
    "m002_theme_rollup",
    "m003_note_changes_clear_rollup",
    "m004_taught_themes",
    "m005_note_search",
    "m006_follow_ups_and_signals",
    "m007_trash",
    "m009_prompt_sources",
)
# The triggers that drop a note's theme roll-up row with any change to the note (made by
# migration m003, with this text). A program that rebuilds the notes table (sqlite-utils'
# `transform`) drops them silently: opening a journal without them puts them back and empties
# the roll-up (notes changed meanwhile would otherwise keep stale rows), see `_guard_rollup`.
ROLLUP_TRIGGERS = {
    "notes_update_clears_rollup": (
        "CREATE TRIGGER IF NOT EXISTS notes_update_clears_rollup"
        " AFTER UPDATE OF id, meeting_id, person, date, kind, text, tags ON notes"
        " BEGIN DELETE FROM note_themes WHERE note_id = OLD.id; END"
    ),
    "notes_delete_clears_rollup": (
        "CREATE TRIGGER IF NOT EXISTS notes_delete_clears_rollup BEFORE DELETE ON notes"
        " BEGIN DELETE FROM note_themes WHERE note_id = OLD.id; END"
    ),
}
# The full-text index of the notes' text (migration m005), its content read from the notes table,
# and the triggers that keep it in step with every change to a note, in the same transaction.
# A journal whose triggers are gone (see ROLLUP_TRIGGERS) gets them back and its index rebuilt.
SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(text, content='notes',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)
SEARCH_TRIGGERS = {
    "notes_insert_indexes": (
        "CREATE TRIGGER IF NOT EXISTS notes_insert_indexes AFTER INSERT ON notes"
        " BEGIN INSERT INTO notes_fts (rowid, text) VALUES (NEW.id, NEW.text); END"
    ),
    "notes_update_indexes": (
        "CREATE TRIGGER IF NOT EXISTS notes_update_indexes AFTER UPDATE OF id, text ON notes"
        " BEGIN INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);"
        " INSERT INTO notes_fts (rowid, text) VALUES (NEW.id, NEW.text); END"
    ),
    "notes_delete_indexes": (
        "CREATE TRIGGER IF NOT EXISTS notes_delete_indexes AFTER DELETE ON notes"
        " BEGIN INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);"
        " END"
    ),
}
GUARD_TRIGGERS = (*ROLLUP_TRIGGERS, *SEARCH_TRIGGERS)
# Signals blocked from SQL's COMMIT to the count of it below, so that the exit point's
# "saved" or "nothing was written" always matches the journal (see `_commit`).
_COMMIT_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")
# Transactions this process committed (and backups it wrote) and rolled back: the exit point
# reads them, so that a crash message says what really happened (saved, rolled back, or
# untouched).
COMMITS = 0
ROLLBACKS = 0


class Connection:
    """The journal behind one SQLite connection: opening, integrity, migrations, transactions."""

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
        self._known: set[str] = set()  # handles already looked up in this store
        self._checked = path is None  # an in-memory journal has nothing to check
        self._wrote = False
        self._lexicon: str | None = None  # the fingerprint stored signatures were checked against
        self._memory_lexicon: str | None = (
            None  # the lexicon of a roll-up kept in memory (rollup.py)
        )

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(
        cls, path: Path | None, *, create: bool, make_parents: bool = False, ask=None
    ) -> Store:
        """Open (and migrate) the journal at `path`.

        With `create` false and no file there, an empty in-memory journal stands in, so that
        reports on a fresh machine answer without writing anything. `make_parents` creates the
        missing folders of the default location; a `--db` in a missing folder is an error.
        `ask` asks for an encrypted journal's passphrase when the keyring has none (see
        crypto.Ask); the store never asks by itself.
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
            store = cls._open_file(path, create=create, ask=ask)
            if store.path is None:  # an upgraded copy in memory of a read-only journal
                return store
            if store._identity is not None and before in (None, store._identity):
                if before is None:  # created: only the command's own writes count, below
                    store._created, store._wrote = True, False
                return store
            store.conn.close()
        raise OneOnOneError(messages.JOURNAL_KEEPS_BEING_REPLACED.format(path=path))

    @classmethod
    def _open_file(cls, path: Path, *, create: bool, ask=None) -> Store:
        """One attempt of `open` on a file path; its `_identity` is the file it found there."""
        # The file is created by SQLite under a private umask, never opened by Python: closing
        # any descriptor of a database file drops this process's SQLite locks on it.
        old_umask = os.umask(0o077)
        conn = cipher = None
        read_only = False
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError as exc:
            if conn is not None and _cannot_share(path, exc):
                # This user may only read the file or its folder, or the disk is full: SQLite
                # cannot make the shared-memory file a WAL journal is read through.
                conn.close()
                if create:
                    raise OneOnOneError(cannot_write_message(path, exc)) from None
                conn = _reading_connection(path, exc)
                read_only = True
                tables = {
                    r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
            elif conn is None or "not a database" not in str(exc):
                raise OneOnOneError(unreadable_message(path, exc)) from None
            else:
                conn.close()
                # Only for a file that is not plain SQLite:
                from oneonone_cli.store import crypto

                if not crypto.looks_encrypted(path):
                    raise OneOnOneError(unreadable_message(path, exc)) from None
                try:
                    cipher, conn = crypto.open_journal(
                        path, timeout=BUSY_TIMEOUT_MS / 1000, ask=ask
                    )
                except Exception as problem:  # noqa: BLE001 - SQLCipher's own error types
                    if not _cannot_share(path, problem):
                        raise
                    # A read-only file system (or folder): read it as a plain one is read.
                    cipher, conn = crypto.open_journal(
                        path, timeout=BUSY_TIMEOUT_MS / 1000, ask=ask, reading=_reading_uri(path)
                    )
                    read_only = True
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                tables = {
                    r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
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
            if create and not read_only:  # (read only: its first write says so, in one line)
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
        store = type(self)(copy, None)
        store._migrate()
        store.read_only = True
        return store

    def _applied(self) -> list[str]:
        """Names of the migrations already applied to this journal, in order."""
        try:
            return [
                r[0]
                for r in self.conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                    [MIGRATION_SET],
                )
            ]
        except self.errors.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise

    def _check_ours(self, tables: set[str]) -> None:
        user_tables = {t for t in tables if not t.startswith("sqlite_")}
        if not user_tables or (user_tables == {"_sqlite_migrations"} and not self._applied()):
            return  # new, or a first write that was interrupted before its schema committed
        if "_sqlite_migrations" not in user_tables or "people" not in user_tables:
            raise OneOnOneError(messages.JOURNAL_NOT_OURS.format(path=self.path))
        if set(self._applied()) - set(SCHEMA):
            raise OneOnOneError(messages.JOURNAL_FROM_NEWER_VERSION.format(path=self.path))

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
                if not is_busy(exc):
                    raise
                time.sleep(0.02 + 0.001 * attempt)
        raise OneOnOneError(messages.JOURNAL_STAYED_BUSY)

    def _migrate(self) -> None:
        """Bring the schema up to date. Under the write lock, so that of several commands opening
        the journal at once, exactly one migrates (and backs up) and the others see the result."""
        if self._applied() == list(SCHEMA):
            if self._rollup_guarded():
                return
            self._guard_rollup()
            return
        from sqlite_utils import Database

        from oneonone_cli.store.migrations import MIGRATIONS, tolerate_leftovers

        db = Database(self.conn, execute_plugins=False)
        with self.transaction():
            pending = MIGRATIONS.pending(db)
            if pending and self.path is not None and self._applied():
                # An existing journal is about to change shape: keep a copy of it as it was.
                self._backup_before(pending[0].name)
            if pending:
                tolerate_leftovers(db, [m.name for m in pending])
                try:
                    MIGRATIONS.apply(db)  # each migration a savepoint inside this transaction
                except self.errors.OperationalError as exc:
                    text = str(exc)
                    if self.path is None or any(
                        w in text for w in ("readonly", "locked", "busy", "disk", "full")
                    ):
                        raise
                    raise OneOnOneError(
                        messages.JOURNAL_UPGRADE_FAILED.format(
                            path=self.path, text=text, backups=BACKUP_FOLDER
                        )
                    ) from None
            if not self._rollup_guarded():
                self._guard_rollup()

    def _rollup_guarded(self) -> bool:
        """Whether m003's roll-up triggers and m005's search triggers are all there (one look
        at the schema)."""
        (n,) = self.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN"
            f" ({', '.join('?' * len(GUARD_TRIGGERS))})",
            GUARD_TRIGGERS,
        ).fetchone()
        return n == len(GUARD_TRIGGERS)

    def _triggers_missing(self, names) -> bool:
        found = {
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                f" AND name IN ({', '.join('?' * len(names))})",
                list(names),
            )
        }
        return len(found) != len(names)

    def _guard_rollup(self) -> None:
        """Put back the roll-up's missing triggers and empty the roll-up, in one transaction:
        every note is analysed again by the next report. The roll-up is a cache: this is not a
        change the user made (the exit point's count of commits is left as it was)."""
        global COMMITS
        commits = COMMITS
        try:
            with self.transaction():
                # (another command may have just done it)
                if self._triggers_missing(ROLLUP_TRIGGERS):
                    for create in ROLLUP_TRIGGERS.values():
                        self.conn.execute(create)
                    self.conn.execute("DELETE FROM note_themes")
                if self._triggers_missing(SEARCH_TRIGGERS):
                    # Notes changed without them left the index stale: it is made again whole.
                    self.conn.execute(SEARCH_INDEX)
                    for create in SEARCH_TRIGGERS.values():
                        self.conn.execute(create)
                    self.conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")
        except self.errors.OperationalError as exc:
            # A plain journal this user may only read is read through an upgraded copy (see
            # `_open_file`); one that cannot be written now (a full disk, an encrypted one
            # this user may only read) is read as it is, as before this check.
            if not _is_unwritable(exc) or (self.cipher is None and "readonly" in str(exc)):
                raise
        finally:
            COMMITS = commits

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
        changes = self.conn.total_changes
        try:
            self._check_same_file()
            if not self._checked:
                self._check_before_writing()
            yield
            raise_if_signalled()  # a stop signal whose raise was swallowed: roll back
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
                global ROLLBACKS
                ROLLBACKS += 1
            raise
        self._commit(changes)

    def _commit(self, changes: int) -> None:
        """COMMIT, and count it when it changed rows (a no-op `archive --undo` or an `edit` to
        the same name is no change). A stop signal between SQLite's COMMIT and the count would
        have the exit point say "nothing was written" of a saved change: the stop signals are
        blocked over both, and one that came meanwhile is handled just after."""
        import signal

        block = getattr(signal, "pthread_sigmask", None)
        stops = {getattr(signal, n) for n in _COMMIT_SIGNALS if hasattr(signal, n)}
        previous = block(signal.SIG_BLOCK, stops) if block is not None else None
        try:
            self.conn.execute("COMMIT")
            self._wrote = True
            if self.conn.total_changes != changes:
                global COMMITS
                COMMITS += 1
        finally:
            if previous is not None:
                block(signal.SIG_SETMASK, previous)

    @contextmanager
    def reading(self) -> Iterator[None]:
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

    def _check_same_file(self) -> None:
        """Under the write lock: the file this store opened is still the one at its path. A
        writer that waited for the lock while `encrypt` replaced the journal must not commit into
        the replaced file (which only the backups folder's plain copy would then hold)."""
        if self._identity is not None and _identity(self.path) != self._identity:
            raise OneOnOneError(messages.JOURNAL_REPLACED_NOTHING_WRITTEN.format(path=self.path))

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
        folder = backup_folder(self.path)
        dest = folder / backup_name(self.path.stem, None, f"before-{migration}")
        # A complete copy or none, whoever else is upgrading.
        self.backup_to(dest, if_exists="replace")
        kept = sorted(folder.glob(f"{self.path.stem}-before-*.db"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP_MIGRATION_BACKUPS]:
            old.unlink(missing_ok=True)
        return dest

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

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])


def _check_path(path: Path, *, make_parents: bool) -> None:
    """Refuse paths that cannot hold a journal, before SQLite touches anything."""
    if path.is_dir():
        raise OneOnOneError(messages.DB_IS_A_FOLDER.format(path=path))
    parent = path.parent
    if not _exists(parent):
        if not make_parents:
            raise OneOnOneError(messages.DB_FOLDER_MISSING.format(parent=parent))
        try:
            parent.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise OneOnOneError(_cannot_write(parent.parent, exc)) from None
    if path.exists() and not path.is_file():
        raise OneOnOneError(messages.DB_NOT_A_REGULAR_FILE.format(path=path))


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


def cannot_write_message(path: Path, exc: Exception) -> str:
    if _disk_full(path):
        return messages.CANNOT_WRITE_DISK_FULL.format(path=path)
    if "disk I/O error" in str(exc):
        return messages.CANNOT_WRITE_DISK_IO.format(path=path)
    return messages.CANNOT_WRITE_READ_ONLY.format(path=path, folder=path.parent)


def _reading_uri(path: Path) -> str:
    """How to open for reading only a journal whose WAL shared memory cannot be made: "URI"
    or "URI PRAGMA" (see `_reading_connection`)."""
    from urllib.parse import quote

    try:
        logged = Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        logged = False
    if logged:
        return f"file:{quote(str(path))}?mode=ro locking_mode=EXCLUSIVE"
    return f"file:{quote(str(path))}?mode=ro&immutable=1"


def _reading_connection(path: Path, exc: Exception) -> sqlite3.Connection:
    """A connection that only reads the journal, for a file whose WAL shared memory cannot be
    made. Without a write-ahead log holding changes (none, or empty: the journal was closed
    cleanly), the file alone is the journal and is read as it is (SQLite's `immutable`);
    otherwise with the log's index kept in this process's memory (exclusive locking)."""
    uri, _, pragma = _reading_uri(path).partition(" ")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        if pragma:
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        if _disk_full(path):
            raise OneOnOneError(messages.CANNOT_READ_DISK_FULL.format(path=path)) from None
        raise OneOnOneError(messages.CANNOT_READ_UNFOLDED.format(path=path, exc=exc)) from None
    return conn


def damaged_message(where: Path | str, detail: str) -> str:
    recover = (
        messages.RECOVER_COMMAND.format(where=where)
        if isinstance(where, Path)
        else messages.RECOVER_ANY
    )
    return messages.JOURNAL_DAMAGED.format(
        where=where, detail=detail, backups=BACKUP_FOLDER, recover=recover
    )


def is_busy(exc: Exception) -> bool:
    """Whether SQLite (or SQLCipher) gave up waiting for another connection's lock."""
    text = str(exc)
    return "locked" in text or "busy" in text


def unreadable_message(path: Path | None, exc: sqlite3.DatabaseError) -> str:
    """One line for a journal SQLite cannot use: not a database, damaged, or unreadable."""
    text = str(exc)
    where = path if path is not None else messages.THE_JOURNAL
    if "not a database" in text:
        return messages.JOURNAL_NOT_SQLITE.format(where=where)
    if path is not None and _disk_full(path):
        return messages.CANNOT_USE_DISK_FULL.format(where=where)
    if "malformed" in text or "corrupt" in text:
        return damaged_message(where, text)
    if is_busy(exc):
        return messages.JOURNAL_HELD_ELSEWHERE.format(where=where)
    if "unable to open" in text:
        return messages.CANNOT_OPEN_JOURNAL.format(where=where)
    return messages.CANNOT_USE_JOURNAL.format(where=where, text=text)


def loose_permissions(path: Path) -> bool:
    """True when the journal file can be read by other users."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def _is_unwritable(exc: Exception) -> bool:
    """SQLite's errors for a journal this command cannot write: read-only, or a full disk."""
    text = str(exc)
    return "readonly" in text or "full" in text
