"""The journal's files besides the database itself: backups, private files, temporary files
that killed runs left, holding the journal alone to replace it, and sealed drafts."""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError

if TYPE_CHECKING:
    from oneonone_cli.store.crypto import Cipher

BACKUP_FOLDER = "backups"


class FilesMixin:
    """The Store's copies of its journal (see `Store`)."""

    def backup_to(self, dest: Path, *, if_exists: str = "refuse") -> Path:
        """A consistent copy of the journal, even while other commands write (SQLite's backup
        API copies a snapshot), and the path it was written to. The copy is written under a
        temporary name beside `dest` and then given its name, so that `dest` is a complete copy
        or absent, whenever the command is killed. The copy is readable by its owner only.

        `if_exists`: "refuse" (a file, folder or link at `dest` is an error), "unique" (a name
        already taken gets a number: a name the user never chose) or "replace"."""
        if self.path is None:
            raise OneOnOneError(messages.NO_JOURNAL_TO_BACK_UP)
        if if_exists == "refuse" and os.path.lexists(dest):
            raise OneOnOneError(messages.BACKUP_EXISTS.format(dest=dest))
        folder = dest.parent
        if not _exists(folder):
            raise OneOnOneError(messages.BACKUP_FOLDER_MISSING.format(folder=folder))
        if not folder.is_dir():
            raise OneOnOneError(messages.BACKUP_NOT_A_FOLDER.format(folder=folder))
        remove_stale(folder, f".{dest.name}.*.partial", -3)  # .NAME.PID.RANDOM.partial
        try:
            fd, partial = _new_private_file(folder, f".{dest.name}.", ".partial")
        except OSError as exc:
            raise OneOnOneError(_cannot_write(folder, exc)) from None
        os.close(fd)
        from oneonone_cli.store import connection

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
            source = (
                connect(str(self.path), timeout=connection.BUSY_TIMEOUT_MS / 1000)
                if own
                else self.conn
            )
            try:
                target = connect(str(partial))
                try:
                    target.execute("PRAGMA journal_mode=OFF")  # a failed copy is deleted whole
                    source.backup(target)
                    # A copy of a damaged journal (pages copied as they are) is no backup to
                    # restore from: checked before it is named, and refused.
                    problems = [r[0] for r in target.execute("PRAGMA quick_check(3)")]
                finally:
                    target.close()
            except self.errors.DatabaseError as exc:
                if "malformed" in str(exc) or "corrupt" in str(exc):
                    problems = [str(exc)]
                else:
                    raise OneOnOneError(
                        messages.BACKUP_WRITE_FAILED.format(dest=dest, exc=exc)
                    ) from None
            finally:
                if own:
                    source.close()
            if problems != ["ok"]:
                first = " ".join(problems[0].replace("*** in database main ***", "").split())
                raise OneOnOneError(connection.damaged_message(self.path, first[:160]))
            _fsync(partial)
            named = _give_name(partial, dest, if_exists)
            connection.COMMITS += 1  # written: the exit point must not say "nothing was changed"
            return named
        finally:
            partial.unlink(missing_ok=True)

    # ---------------------------------------------------------------- drafts

    def write_sealed_draft(self, dest: Path, data: bytes) -> None:
        """Keep text typed for this encrypted journal, that could not be logged, in a file of
        its own at `dest`, encrypted with the journal's key (see `write_sealed`)."""
        write_sealed(self.cipher, dest, data)

    def read_sealed_draft(self, path: Path) -> bytes:
        """The text kept by `write_sealed_draft`; an error if this journal's key cannot read it."""
        if self.cipher is None:
            raise OneOnOneError(messages.ENCRYPTED_DRAFT.format(path=path))
        conn = self.cipher.connect(str(path))
        try:
            return b"".join(r[0] for r in conn.execute("SELECT data FROM draft ORDER BY rowid"))
        except self.cipher.dbapi2.DatabaseError as exc:
            raise OneOnOneError(messages.DRAFT_UNREADABLE.format(path=path, exc=exc)) from None
        finally:
            conn.close()


def _exists(path: Path) -> bool:
    """Whether anything is at `path`; a folder this user may not search is one clear line."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except PermissionError:
        raise OneOnOneError(
            messages.PATH_FOLDER_DENIED.format(path=path, folder=path.parent)
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.ENAMETOOLONG):
            return False
        raise OneOnOneError(
            messages.PATH_UNREACHABLE.format(path=path, strerror=exc.strerror)
        ) from None
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
    return messages.CANNOT_WRITE_IN.format(folder=folder, reason=reason)


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
    raise OneOnOneError(messages.BACKUP_EXISTS.format(dest=dest))


def backup_name(stem: str, when: datetime | None, label: str = "") -> str:
    """The name of a backup of the journal `stem`.db taken at `when` (the one clock read of
    the command that takes it; None: a copy of which one is kept, named by `label` alone):
    'journal-20260302-093000.db', 'journal-before-encrypt-20260302-093000.db',
    'journal-before-m002_theme_rollup.db'."""
    parts = [stem, label] if label else [stem]
    if when is not None:
        parts.append(f"{when:%Y%m%d-%H%M%S}")
    return "-".join(parts) + ".db"


def backup_folder(journal: Path) -> Path:
    """The backups/ folder beside the journal, made (private) if missing."""
    folder = journal.parent / BACKUP_FOLDER
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise OneOnOneError(_cannot_write(journal.parent, exc)) from None
    return folder


def encrypt_in_place(
    path: Path, cipher: Cipher, plain: Path, *, keep_key: Callable[[], None]
) -> Path:
    """Replace the journal at `path` by an encrypted copy (made with `cipher`), and keep its
    unencrypted copy at `plain` (numbered if taken): the name it got. `keep_key` files the key
    once the encrypted copy is complete, just before the swap.

    From the copy to the swap no other command reads or writes the journal: a note logged
    meanwhile waits, then goes into the encrypted journal (or fails, never lost)."""
    from oneonone_cli.store import crypto
    from oneonone_cli.store.connection import BUSY_TIMEOUT_MS

    folder = plain.parent
    copied = folder / f".{plain.name}.{os.getpid()}.copy"
    encrypted = path.with_name(f".{path.name}.{os.getpid()}.encrypting")
    encrypted.unlink(missing_ok=True)  # left by a killed run that had this process id
    # Left by killed runs: a plain copy (every note, unseen) and an encrypted one.
    remove_stale(folder, f".{path.stem}-before-encrypt-*.copy", -2)
    remove_stale(folder, f"..{path.stem}-before-encrypt-*.copy.*.partial", -3)
    remove_stale(folder, f".{path.stem}-before-encrypt-*.copy-mj*", -2)
    remove_stale(path.parent, f".{path.name}.*.encrypting", -2)
    remove_stale(path.parent, f".{path.name}.*.encrypting-journal", -2)
    try:
        with alone(path, wait=BUSY_TIMEOUT_MS / 1000) as held:
            held.copy_to(copied)
            crypto.encrypt_copy(copied, encrypted, cipher)
            plain = _give_name(copied, plain, "unique")
            keep_key()
            _fsync(encrypted)
            os.replace(encrypted, path)  # one step: the plain journal or the encrypted one
            held.retire()
    finally:
        encrypted.unlink(missing_ok=True)
        copied.unlink(missing_ok=True)
    return plain


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
        tables = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND name != '_sqlite_migrations'"
                " AND name NOT LIKE 'notes_fts%'"  # the search index (and its own set-up rows)
            )
        ]
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
def alone(path: Path, *, wait: float, cipher: Cipher | None = None) -> Iterator[Alone]:
    """Hold the journal at `path` alone, for replacing or removing it: no other connection is
    open on it (its write-ahead log is folded in and gone; the file is switched to a rollback
    journal for the time being) and, until the block ends, no other command can read or write
    it (an exclusive lock). Commands that opened it meanwhile wait; after a `retire()` they
    find it unusable, and open the path again (see `Store.open` and `_check_same_file`).

    Waits up to `wait` seconds for the other commands to finish. `cipher`: an encrypted
    journal's key (`restore` replaces one)."""
    before = _identity(path)
    connect = sqlite3.connect if cipher is None else cipher.connect
    errors = sqlite3 if cipher is None else cipher.dbapi2
    conn = connect(str(path), timeout=0.05, isolation_level=None)
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
            except errors.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            if time.monotonic() > deadline:
                raise OneOnOneError(messages.JOURNAL_STAYED_IN_USE.format(path=path))
            time.sleep(0.01)
        # Under the lock, the file that SQLite opened can no longer be replaced: check it is
        # the one at the path (a descriptor of our own, closed only after the connection).
        fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        st = os.fstat(fd)
        if before is None or (st.st_dev, st.st_ino) != before:
            raise OneOnOneError(messages.JOURNAL_REPLACED_TRY_AGAIN.format(path=path))
        held = Alone(conn, fd, path)
        yield held
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if held is not None and not held.retired:
            try:  # back to write-ahead logging, as every writer would switch it anyway
                conn.execute("PRAGMA journal_mode=WAL")
            except errors.Error:
                pass
        conn.close()
        if fd >= 0:
            os.close(fd)


def _disk_full(path: Path) -> bool:
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


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
