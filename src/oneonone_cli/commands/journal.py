"""Looking after the journal file itself."""


from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from oneonone_cli import render
from oneonone_cli.app import app, settings
from oneonone_cli.errors import OneOnOneError


@app.command()
def backup(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],
        typer.Argument(help="Where to write the copy (default: backups/ beside the journal)."),
    ] = None,
) -> None:
    """Write a consistent copy of the journal, safe while other commands are writing."""
    from oneonone_cli.store import BACKUP_FOLDER

    s = settings(ctx)
    source = s.journal_path()
    if not source.exists():
        raise OneOnOneError(f"there is no journal at {source} yet: nothing to back up")
    if path is None:
        folder = source.parent / BACKUP_FOLDER
        folder.mkdir(mode=0o700, exist_ok=True)
        dest = folder / f"{source.stem}-{datetime.now():%Y%m%d-%H%M%S}.db"
    elif not path.strip():
        raise OneOnOneError("the backup path is empty: give a file, or leave it out for "
                            f"{source.parent / BACKUP_FOLDER}")
    else:
        dest = Path(path).expanduser()
    store = s.store()
    store.backup_to(dest)
    render.say(f"Backed up {source} to {dest}.")


@app.command()
def encrypt(ctx: typer.Context) -> None:
    """Encrypt the journal at rest with SQLCipher (the 'encryption' extra).

    The key goes into the OS keyring; with no keyring you choose a passphrase. A key is never
    taken on the command line."""
    import os

    from oneonone_cli import crypto
    from oneonone_cli.store import BACKUP_FOLDER, Store

    path = settings(ctx).journal_path()
    if not path.exists():
        raise OneOnOneError(f"there is no journal at {path} yet: add someone, then encrypt it")
    if crypto.looks_encrypted(path):
        raise OneOnOneError(f"{path} is already encrypted (or is not a SQLite file): nothing to do")
    dbapi2 = crypto.driver()
    # Checks that this is a journal and brings it up to date; closed before SQLCipher opens the
    # file, as two SQLite libraries in one process would drop each other's locks on it.
    Store.open(path, create=False).close()
    secret, in_keyring = crypto.new_secret(path)
    cipher = crypto.Cipher(dbapi2, secret)
    folder = path.parent / BACKUP_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    plain_copy = folder / f"{path.stem}-before-encrypt-{datetime.now():%Y%m%d-%H%M%S}.db"
    encrypted = path.with_name(f".{path.name}.{os.getpid()}.encrypting")
    crypto.encrypt_copy(path, encrypted, cipher)
    try:
        if Path(f"{path}-wal").exists():
            raise OneOnOneError("another oneonone command has the journal open: try again later")
        if in_keyring:
            crypto.remember(path, secret)
        os.replace(path, plain_copy)
        os.replace(encrypted, path)
    finally:
        encrypted.unlink(missing_ok=True)
    where = "its key is in the OS keyring" if in_keyring else "type the passphrase to open it"
    render.say(
        f"Encrypted {path}; {where}. The unencrypted copy {plain_copy}, and any older copies in "
        f"{folder}, are NOT encrypted: delete them once you have checked the journal opens."
    )
