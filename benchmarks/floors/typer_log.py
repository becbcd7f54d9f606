"""The floor of `oneonone log alice -R TEXT`: see README.md beside this file."""

import gc
import os
import sqlite3
from datetime import date
from typing import Annotated

gc.disable()  # as oneonone's main() does

import typer  # noqa: E402

app = typer.Typer(add_completion=False, rich_markup_mode=None)
Many = Annotated[list[str] | None, typer.Option()]


@app.callback()
def root(db: Annotated[str, typer.Option(envvar="ONEONONE_DB")] = "") -> None:
    """The root options."""


@app.command()
def log(
    handle: str,
    roadblock: Annotated[list[str] | None, typer.Option("--roadblock", "-R")] = None,
    morale: Annotated[list[str] | None, typer.Option("--morale", "-M")] = None,
    feedback: Annotated[list[str] | None, typer.Option("--feedback", "-F")] = None,
    todo: Annotated[list[str] | None, typer.Option("--todo", "-T")] = None,
    asked: Many = None,
    on: Annotated[str | None, typer.Option()] = None,
    mood: Annotated[str | None, typer.Option()] = None,
    talk: Annotated[str | None, typer.Option()] = None,
    status: Annotated[bool | None, typer.Option("--status/--no-status")] = None,
    edit: Annotated[bool, typer.Option("--edit", "-e")] = False,
    no_notes: Annotated[bool, typer.Option("--no-notes")] = False,
    again: Annotated[bool, typer.Option("--again")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Record a 1:1 you held."""
    day = os.environ.get("ONEONONE_TODAY") or date.today().isoformat()
    conn = sqlite3.connect(os.environ["ONEONONE_DB"], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    meeting = conn.execute(
        "INSERT INTO meetings (person, date, status) VALUES (?, ?, 'held')", [handle, day]
    ).lastrowid
    conn.executemany(
        "INSERT INTO notes (meeting_id, person, date, kind, text, tags) VALUES (?, ?, ?, ?, ?, ?)",
        [(meeting, handle, day, "roadblock", text, "[]") for text in roadblock or ()],
    )
    conn.execute("COMMIT")
    conn.close()
    print(f"Logged 1:1 with {handle} on {day} (#{meeting}).")


app()
