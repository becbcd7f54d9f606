"""`oneonone db`: where the journal is."""

# No `from __future__ import annotations`, as in the command modules (see app.py).
import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import sub_app
from oneonone_cli.cli.context import settings
from oneonone_cli.render import output

db_app = sub_app("db", help="The journal file: where it is.")


@db_app.callback()
def db(ctx: typer.Context) -> None:
    """The journal file. Alone: what `db path` prints."""
    if ctx.invoked_subcommand is None:
        path(ctx)


@db_app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the journal's location (--db, else ONEONONE_DB, else the default one); whether a
    journal is there yet is said on stderr."""
    s = settings(ctx)
    where = s.journal_path()
    output.say(str(where))
    note = what_is_there(where, named=s.db is not None)
    if note is not None:
        output.info(note)


def what_is_there(where, named: bool) -> str | None:
    """The note on stderr when no journal is at `where` (None: a journal, or what looks like
    one): nothing yet (in a folder that exists, or not: the default journal's folder is made
    by `add`, a folder --db names is not), a folder, or another kind of file."""
    import os

    from oneonone_cli.store.crypto import SQLITE_MAGIC, looks_encrypted

    if not os.path.lexists(where):
        folder = where.parent
        if named and not folder.is_dir():
            return messages.DB_PATH_NO_FOLDER.format(path=where, folder=folder)
        return messages.DB_PATH_MISSING.format(path=where)
    if where.is_dir():
        return messages.DB_PATH_IS_FOLDER.format(path=where)
    if where.exists() and not where.is_file():
        # A fifo or a device (through a symbolic link too): opening a fifo would wait for ever.
        return messages.DB_PATH_NOT_A_JOURNAL.format(path=where)
    try:
        size = where.stat().st_size
        with where.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return messages.DB_PATH_UNREADABLE.format(path=where, reason=exc.strerror or exc)
    if size == 0 or head == SQLITE_MAGIC or looks_encrypted(where):
        return None  # a journal (or an empty file SQLite makes one of): `add` checks it whole
    return messages.DB_PATH_NOT_A_JOURNAL.format(path=where)
