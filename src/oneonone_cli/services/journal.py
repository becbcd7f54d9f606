"""Looking after the journal file itself: backups, and encrypting it at rest.

The commands read the clock once and pass the time in (`when`): it names the copies. Nothing
here prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.store.files import (
    BACKUP_FOLDER,
    _disk_full,
    _exists,
    backup_folder,
    backup_name,
    remove_stale,
)

if TYPE_CHECKING:
    from oneonone_cli.store.core import Store
    from oneonone_cli.store.crypto import Cipher


def backup(
    source: Path, given: str | None, when: datetime, open_store: Callable[[], Store]
) -> Path:
    """Copy the journal at `source` to `given` (a new file, or a folder; None: backups/ beside
    the journal) and say where the copy went. A name this command chose is numbered if taken;
    a file the user named is never overwritten."""
    if not _exists(source):
        raise OneOnOneError(messages.NO_JOURNAL_AT_TO_BACK_UP.format(source=source))
    from oneonone_cli.store.restore import remove_leftovers

    remove_leftovers(source.resolve())  # what a killed `restore` left beside the journal
    name = backup_name(source.stem, when)
    made = None  # the backups/ folder, when this command made it
    if given is None:
        made = None if _exists(source.parent / BACKUP_FOLDER) else source.parent / BACKUP_FOLDER
        folder = backup_folder(source)
        dest, if_exists = folder / name, "unique"
        # Default names change every second: what killed runs left under any of them goes.
        remove_stale(folder, f".{source.stem}-*.db.*.partial", -3)
    elif not given.strip():
        raise OneOnOneError(
            messages.BACKUP_PATH_EMPTY.format(default=source.parent / BACKUP_FOLDER)
        )
    else:
        dest, if_exists = Path(given).expanduser(), "refuse"
        if _exists(dest) and dest.is_dir():  # a folder: a new file in it
            dest, if_exists = dest / name, "unique"
    try:
        return open_store().backup_to(dest, if_exists=if_exists)
    except BaseException:
        if made is not None:  # a refused first backup leaves no empty backups/ behind
            try:
                made.rmdir()
            except OSError:
                pass
        raise


class Encrypted(NamedTuple):
    """What `encrypt` did: the journal now encrypted, its key, where the key is kept, and the
    unencrypted copy it left in `folder`."""

    path: Path
    cipher: Cipher
    in_keyring: bool
    plain: Path
    folder: Path


def encrypt(given: Path, when: datetime, ask: Callable[[str], str | None]) -> Encrypted:
    """Replace the journal at `given` by an encrypted copy of it, keeping a plain copy in the
    backups folder. Through a symbolic link, the journal is the file it points to: that file is
    encrypted (its key filed under its real path, as every command looks it up) and the link
    is kept."""
    from oneonone_cli.store import crypto
    from oneonone_cli.store.core import Store
    from oneonone_cli.store.files import encrypt_in_place

    if not _exists(given):
        raise OneOnOneError(messages.NO_JOURNAL_TO_ENCRYPT.format(given=given))
    path = given.resolve()
    if crypto.looks_encrypted(path):
        raise OneOnOneError(messages.ALREADY_ENCRYPTED.format(given=given))
    dbapi2 = crypto.driver()
    # Checks that this is a journal and brings it up to date. SQLCipher never opens the journal
    # itself (two SQLite libraries in one process would drop each other's locks on it): it
    # reads a copy taken under the lock.
    Store.open(path, create=False).close()
    secret, in_keyring = crypto.new_secret(path, ask)
    cipher = crypto.Cipher(dbapi2, secret)
    folder = backup_folder(path)
    plain = folder / backup_name(path.stem, when, "before-encrypt")
    with _full_disk_said(path):
        plain = encrypt_in_place(
            path,
            cipher,
            plain,
            keep_key=lambda: crypto.remember(path, secret) if in_keyring else None,
        )
    return Encrypted(path, cipher, in_keyring, plain, folder)


@contextmanager
def _full_disk_said(path: Path, said: str | None = None) -> Iterator[None]:
    """A copy that fails for want of space is said so (`said`; default: encrypt's message):
    not "damaged", never "restore"."""
    try:
        yield
    except Exception as exc:  # re-raised unless the disk is full
        if isinstance(exc, OneOnOneError) and "disk is full" in str(exc):
            raise
        if _disk_full(path):
            text = said if said is not None else messages.ENCRYPT_DISK_FULL.format(path=path)
            raise OneOnOneError(text) from None
        raise


class Restored(NamedTuple):
    """What `restore` did: the backup's summary, where the old journal was kept (None: there
    was none), and whether an encrypted journal became a plain one."""

    summary: object  # store.restore.JournalSummary
    kept: Path | None
    now_plain: bool


def restore(
    journal: Path,
    given: str,
    when: datetime,
    confirm: Callable[[object | None, object], bool],
    ask: Callable[[str], str | None],
) -> Restored:
    """Replace the journal at `journal` by the backup `given`, after checking the backup
    (a copy of it, beside the journal) and asking `confirm(now, then)` with both journals'
    summaries (now: None when there is no journal, or it cannot be read). The current journal
    is kept in the backups folder first. An encrypted backup is read with the journal's key."""
    from oneonone_cli.store import crypto
    from oneonone_cli.store import restore as swap

    backup = Path(given).expanduser()
    folder = journal.parent / BACKUP_FOLDER
    if not given.strip() or not _exists(backup):
        raise OneOnOneError(messages.RESTORE_NO_BACKUP.format(backup=given, folder=folder))
    if not backup.is_file():
        raise OneOnOneError(messages.RESTORE_NOT_A_FILE.format(backup=backup, folder=folder))
    exists = _exists(journal)
    if exists:  # through a symbolic link: the file it points to is replaced, the link kept
        journal = journal.resolve()
    if exists and os.path.samefile(backup, journal):
        raise OneOnOneError(messages.RESTORE_IS_THE_JOURNAL.format(backup=backup))
    journal_cipher = (
        crypto.Cipher.for_journal(journal, ask)
        if exists and crypto.looks_encrypted(journal)
        else None
    )
    backup_cipher = journal_cipher
    if backup_cipher is None and crypto.looks_encrypted(backup):
        crypto.driver(backup)  # without SQLCipher: one line naming the backup
        secret = crypto.filed_secret(journal, ask)  # its key, filed under this journal's path
        if secret is None:  # no passphrase typed here could help: one line, nothing asked
            raise OneOnOneError(
                messages.RESTORE_KEY_NOT_HERE.format(backup=backup, journal=journal)
            )
        backup_cipher = crypto.Cipher(crypto.driver(backup), secret)
    candidate = swap.prepare(backup, journal, backup_cipher)
    try:
        now = swap.summary_of(journal, journal_cipher) if exists else None
        if not confirm(now, candidate.summary):
            raise OneOnOneError(messages.RESTORE_DECLINED)
        keep = None
        if exists:
            keep = backup_folder(journal) / backup_name(journal.stem, when, "before-restore")
        with _full_disk_said(journal, messages.RESTORE_DISK_FULL.format(folder=journal.parent)):
            kept = swap.swap(candidate, journal, keep, journal_cipher)
    finally:
        swap.remove(candidate.copy)
    return Restored(candidate.summary, kept, journal_cipher is not None and not candidate.encrypted)
