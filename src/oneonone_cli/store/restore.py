"""Putting a backup in the journal's place (`restore`): the backup is copied beside the journal
and checked there (a SQLite file, a oneonone journal of this version or older, whole), then,
holding the journal alone, the current journal is copied into the backups folder and the
checked copy renamed over it in one step. Whenever the command stops, the journal is the old
one or the backup, never a mix; the backup file itself is only ever read."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.store.files import (
    _cannot_write,
    _exists,
    _fsync,
    _give_name,
    _new_private_file,
    alone,
    remove_stale,
)

if TYPE_CHECKING:
    from oneonone_cli.store.crypto import Cipher


class JournalSummary(NamedTuple):
    """What a journal holds, for the question before it is replaced."""

    people: int
    notes: int
    last: str | None  # the last 1:1 held, ISO date


class Candidate(NamedTuple):
    """A checked copy of the backup beside the journal, ready to take its place."""

    copy: Path
    encrypted: bool
    summary: JournalSummary


SUFFIX = ".restoring"


def prepare(backup: Path, journal: Path, cipher: Cipher | None) -> Candidate:
    """Copy `backup` beside `journal` and check the copy; the copy is removed on any refusal.
    `cipher`: the key an encrypted backup is read with (the journal's)."""
    from oneonone_cli.store import crypto

    folder = journal.parent
    if not _exists(folder) or not folder.is_dir():
        raise OneOnOneError(messages.DB_FOLDER_MISSING.format(parent=folder))
    remove_leftovers(journal)
    try:
        fd, copy = _new_private_file(folder, f".{journal.name}.", SUFFIX)
    except OSError as exc:
        raise OneOnOneError(_cannot_write(folder, exc)) from None
    try:
        try:
            _copy_into(fd, backup, folder)
            try:
                os.fsync(fd)
            except OSError as exc:
                raise OneOnOneError(_write_failed(folder, exc)) from None
        finally:
            os.close(fd)
        _copy_log(backup, copy)
        encrypted = crypto.looks_encrypted(copy)
        if encrypted and cipher is None:
            raise OneOnOneError(messages.RESTORE_NEEDS_KEY.format(backup=backup))
        summary = _check(copy, backup, cipher if encrypted else None)
        return Candidate(copy, encrypted, summary)
    except BaseException:
        remove(copy)
        raise


def _copy_into(fd: int, source_path: Path, folder: Path) -> None:
    """Copy the file `source_path` into the open file `fd` (in `folder`): a failed read is
    said of the backup, a failed write (a full disk above all) of the folder written in."""
    try:
        source = source_path.open("rb")
    except OSError as exc:
        raise OneOnOneError(_read_failed(source_path, exc)) from None
    with source:
        while True:
            try:
                chunk = source.read(1 << 20)
            except OSError as exc:
                raise OneOnOneError(_read_failed(source_path, exc)) from None
            if not chunk:
                return
            view = memoryview(chunk)
            while view:
                try:
                    view = view[os.write(fd, view) :]
                except OSError as exc:
                    raise OneOnOneError(_write_failed(folder, exc)) from None


def _read_failed(backup: Path, exc: OSError) -> str:
    return messages.RESTORE_CANNOT_READ.format(backup=backup, reason=exc.strerror or exc)


def _write_failed(folder: Path, exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return messages.RESTORE_DISK_FULL.format(folder=folder)
    return messages.RESTORE_CANNOT_WRITE.format(folder=folder, reason=exc.strerror or exc)


def remove_leftovers(journal: Path) -> None:
    """Remove what a killed `restore` of `journal` left (at the next restore or backup): its
    checked copy beside the journal (.NAME.PID.RANDOM.restoring) with that copy's SQLite
    files (-journal, -wal, -shm), and the copy of the old journal it was keeping
    (backups/.KEPT.PID.copy); only those of processes no longer running."""
    folder = journal.parent
    for tail in ("", "-journal", "-wal", "-shm"):
        remove_stale(folder, f".{journal.name}.*{SUFFIX}{tail}", -3)
    from oneonone_cli.store.files import BACKUP_FOLDER

    backups = folder / BACKUP_FOLDER
    if backups.is_dir():
        for tail in ("", "-journal", "-wal", "-shm"):
            remove_stale(backups, f".{journal.stem}-before-restore-*.copy{tail}", -2)


def _copy_log(backup: Path, copy: Path) -> None:
    """A backup in WAL mode may have its last changes in its -wal file (a copy someone made
    with sqlite3, still open): that log is copied beside the copy, and folded in by the check."""
    log = Path(f"{backup}-wal")
    try:
        if not (log.is_file() and log.stat().st_size):
            return
    except OSError as exc:
        raise OneOnOneError(_read_failed(log, exc)) from None
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(f"{copy}-wal", flags, 0o600)
    except OSError as exc:
        raise OneOnOneError(_write_failed(copy.parent, exc)) from None
    try:
        _copy_into(fd, log, copy.parent)
    finally:
        os.close(fd)


def remove(copy: Path) -> None:
    for path in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm"), Path(f"{copy}-journal")):
        path.unlink(missing_ok=True)


def summary_of(journal: Path, cipher: Cipher | None) -> JournalSummary | None:
    """What the journal holds now (None: unreadable, as a damaged journal may be)."""
    try:
        conn = _connect(journal, cipher, read_only=True)
    except Exception:
        return None
    try:
        return _summary(conn)
    except Exception:
        return None
    finally:
        conn.close()


def swap(
    candidate: Candidate, journal: Path, keep: Path | None, cipher: Cipher | None
) -> Path | None:
    """Put the checked copy in the journal's place; the journal there is first copied to
    `keep` (numbered if taken): the path it was kept at. `keep` None: there was no journal
    (one made meanwhile is never replaced)."""
    from oneonone_cli.store.connection import BUSY_TIMEOUT_MS, STAMP_SUFFIX

    copy = candidate.copy
    try:
        _fsync(copy)
        if keep is None:
            try:
                os.link(copy, journal)  # never over a journal another command just made
            except FileExistsError:
                raise OneOnOneError(
                    messages.JOURNAL_REPLACED_TRY_AGAIN.format(path=journal)
                ) from None
            except OSError as exc:
                raise OneOnOneError(_cannot_write(journal.parent, exc)) from None
            return None
        kept_copy = keep.parent / f".{keep.name}.{os.getpid()}.copy"
        try:
            with alone(journal, wait=BUSY_TIMEOUT_MS / 1000, cipher=cipher) as held:
                held.copy_to(kept_copy)
                kept = _give_name(kept_copy, keep, "unique")
                os.replace(copy, journal)  # one step: the old journal or the backup
                held.retire()
        finally:
            kept_copy.unlink(missing_ok=True)
        # The file is not the one this tool last wrote: the next write checks it first.
        Path(f"{journal}{STAMP_SUFFIX}").unlink(missing_ok=True)
        return kept
    finally:
        remove(copy)


def _connect(path: Path, cipher: Cipher | None, *, read_only: bool = False):
    if cipher is not None:
        return cipher.connect(str(path), isolation_level=None)
    if read_only:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    return sqlite3.connect(str(path), isolation_level=None)


def _check(copy: Path, backup: Path, cipher: Cipher | None) -> JournalSummary:
    """The copy is a whole oneonone journal this version can open; switched to a rollback
    journal (no -wal file needed beside it) before it takes the journal's place."""
    from oneonone_cli.store.connection import MIGRATION_SET, SCHEMA

    errors = sqlite3 if cipher is None else cipher.dbapi2
    try:
        conn = _connect(copy, cipher)
    except errors.Error:
        raise OneOnOneError(messages.RESTORE_NOT_A_JOURNAL.format(backup=backup)) from None
    try:
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except errors.DatabaseError:
            if cipher is not None:
                raise OneOnOneError(messages.RESTORE_WRONG_KEY.format(backup=backup)) from None
            raise OneOnOneError(messages.RESTORE_NOT_A_JOURNAL.format(backup=backup)) from None
        if not {"_sqlite_migrations", "people", "notes"} <= tables:
            raise OneOnOneError(messages.RESTORE_NOT_A_JOURNAL.format(backup=backup))
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
        if applied - set(SCHEMA):
            raise OneOnOneError(messages.RESTORE_NEWER.format(backup=backup))
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise OneOnOneError(
                messages.RESTORE_DAMAGED.format(backup=backup, problem=_one_line(problems[0]))
            )
        conn.execute("PRAGMA journal_mode=DELETE")
        return _summary(conn)
    except errors.DatabaseError as exc:
        raise OneOnOneError(
            messages.RESTORE_DAMAGED.format(backup=backup, problem=_one_line(str(exc)))
        ) from None
    finally:
        conn.close()


def _one_line(problem: str) -> str:
    """SQLite's report of a damaged file on one line (quick_check's has line breaks)."""
    text = " ".join(problem.split())
    return text if len(text) <= 120 else text[:119] + "…"


def _summary(conn) -> JournalSummary:
    (people,) = conn.execute("SELECT count(*) FROM people").fetchone()
    (notes,) = conn.execute("SELECT count(*) FROM notes").fetchone()
    (last,) = conn.execute("SELECT max(date) FROM meetings WHERE status = 'held'").fetchone()
    return JournalSummary(people, notes, last)
