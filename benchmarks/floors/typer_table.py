"""The floor of `oneonone todo`: see README.md beside this file."""

import gc
import os
import sqlite3

gc.disable()  # as oneonone's main() does

import typer  # noqa: E402

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.callback()
def root() -> None:
    """The root options."""


@app.command()
def todo(limit: int = 100) -> None:
    """Open follow-ups, oldest first."""
    # What drawing any rich table loads; the rows are then printed as plain lines, so this is
    # below what any table of them costs (rich's own layout of the table costs ~40 ms more).
    from rich.console import Console
    from rich.table import Table  # noqa: F401

    conn = sqlite3.connect(f"file:{os.environ['ONEONONE_DB']}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT id, person, added, text FROM follow_ups WHERE done IS NULL ORDER BY added, id"
        " LIMIT ?",
        [limit],
    ).fetchall()
    conn.close()
    console = Console(highlight=False)
    console.out("\n".join(" | ".join(map(str, row)) for row in rows), highlight=False)


app()
