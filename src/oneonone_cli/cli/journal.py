"""Looking after the journal file itself."""


from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from oneonone_cli.render import output
from oneonone_cli.render.text import count
from oneonone_cli.cli.app import app
from oneonone_cli.cli.context import settings
from oneonone_cli.errors import OneOnOneError


@app.command()
def backup(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],
        typer.Argument(metavar="PATH", help="Where to write the copy: a new file, or a folder "
                       "(default: backups/ beside the journal)."),
    ] = None,
) -> None:
    """Write a consistent copy of the journal, safe while other commands are writing."""
    from oneonone_cli.store.core import BACKUP_FOLDER, _cannot_write, _exists, remove_stale

    s = settings(ctx)
    source = s.journal_path()
    if not _exists(source):
        raise OneOnOneError(f"there is no journal at {source} yet: nothing to back up")
    now = datetime.now()  # the one clock read: the default name's time of day
    name = f"{source.stem}-{s.today:%Y%m%d}-{now:%H%M%S}.db"
    if path is None:
        folder = source.parent / BACKUP_FOLDER
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise OneOnOneError(_cannot_write(source.parent, exc)) from None
        dest, if_exists = folder / name, "unique"
        # Default names change every second: what killed runs left under any of them goes.
        remove_stale(folder, f".{source.stem}-*.db.*.partial", -3)
    elif not path.strip():
        raise OneOnOneError("the backup path is empty: give a file, or leave it out for "
                            f"{source.parent / BACKUP_FOLDER}")
    else:
        dest, if_exists = Path(path).expanduser(), "refuse"
        if _exists(dest) and dest.is_dir():  # a folder: a new file in it
            dest, if_exists = dest / name, "unique"
    store = s.store()
    dest = store.backup_to(dest, if_exists=if_exists)
    output.say(f"Backed up {source} to {dest}.")


@app.command()
def encrypt(ctx: typer.Context) -> None:
    """Encrypt the journal at rest with SQLCipher (the 'encryption' extra).

    The key goes into the OS keyring; with no keyring you choose a passphrase. A key is never
    taken on the command line."""
    import os

    from oneonone_cli.store import crypto
    from oneonone_cli.store.core import (
        BACKUP_FOLDER,
        BUSY_TIMEOUT_MS,
        Store,
        _cannot_write,
        _exists,
        _fsync,
        _give_name,
        alone,
        remove_stale,
    )

    given = settings(ctx).journal_path()
    if not _exists(given):
        raise OneOnOneError(f"there is no journal at {given} yet: add someone, then encrypt it")
    # Through a symbolic link, the journal is the file it points to: that file is encrypted
    # (its key filed under its real path, as every command looks it up) and the link is kept.
    path = given.resolve()
    if crypto.looks_encrypted(path):
        raise OneOnOneError(f"{given} is already encrypted (or is not a SQLite file): nothing to do")
    dbapi2 = crypto.driver()
    # Checks that this is a journal and brings it up to date. SQLCipher never opens the journal
    # itself (two SQLite libraries in one process would drop each other's locks on it): it
    # reads a copy taken under the lock.
    Store.open(path, create=False).close()
    secret, in_keyring = crypto.new_secret(path)
    cipher = crypto.Cipher(dbapi2, secret)
    folder = path.parent / BACKUP_FOLDER
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise OneOnOneError(_cannot_write(path.parent, exc)) from None
    plain = folder / f"{path.stem}-before-encrypt-{settings(ctx).today:%Y%m%d}-{datetime.now():%H%M%S}.db"
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
        # From the copy to the swap no other command reads or writes the journal: a note
        # logged meanwhile waits, then goes into the encrypted journal (or fails, never lost).
        with _full_disk_said(path), alone(path, wait=BUSY_TIMEOUT_MS / 1000) as held:
            held.copy_to(copied)
            crypto.encrypt_copy(copied, encrypted, cipher)
            plain = _give_name(copied, plain, "unique")
            if in_keyring:
                crypto.remember(path, secret)
            _fsync(encrypted)
            os.replace(encrypted, path)  # one step: the plain journal or the encrypted one
            held.retire()
    finally:
        encrypted.unlink(missing_ok=True)
        copied.unlink(missing_ok=True)
    drafts = ""
    if (path.parent / "drafts").is_dir():  # text typed in the editor and never logged
        from oneonone_cli.cli import editor
        from oneonone_cli.store.core import write_sealed

        sealed = editor.seal_drafts(path, lambda dest, data: write_sealed(cipher, dest, data))
        if sealed:
            drafts = (f" {count(sealed, 'draft')} in drafts/ {'is' if sealed == 1 else 'are'}"
                      " now encrypted too.")
    where = "its key is in the OS keyring" if in_keyring else "type the passphrase to open it"
    output.say(
        f"Encrypted {given}; {where}.{drafts} The unencrypted copy {plain}, and any older copies "
        f"in {folder}, are NOT encrypted: delete them once you have checked the journal opens."
    )


@contextmanager
def _full_disk_said(path: Path):
    """A copy that fails for want of space is said so: not "damaged", never "restore"."""
    from oneonone_cli.store.core import _disk_full

    try:
        yield
    except Exception as exc:  # noqa: BLE001 - re-raised unless the disk is full
        if isinstance(exc, OneOnOneError) and "disk is full" in str(exc):
            raise
        if _disk_full(path):
            raise OneOnOneError(f"cannot encrypt {path}: its disk is full; free some space and "
                                "try again (nothing was changed)") from None
        raise
