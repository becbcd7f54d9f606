"""Looking after the journal file itself."""

from __future__ import annotations

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
    else:
        dest = Path(path).expanduser()
    store = s.store()
    store.backup_to(dest)
    render.say(f"Backed up {source} to {dest}.")
