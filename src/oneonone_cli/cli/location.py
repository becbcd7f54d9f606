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
    import os

    where = settings(ctx).journal_path()
    output.say(str(where))
    if not os.path.exists(where):
        output.info(messages.DB_PATH_MISSING.format(path=where))
