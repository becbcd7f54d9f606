"""`calendar`: the team's 1:1s as an iCalendar file, one recurring event per person."""

from typing import Annotated

import typer

from oneonone_cli.cli.app import app
from oneonone_cli.cli.context import settings


@app.command()
def calendar(
    ctx: typer.Context,
    out: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The .ics file to write (a calendar oneonone wrote before is replaced); default: stdout.",
        ),
    ] = None,
) -> None:
    """Your 1:1s as an iCalendar file: one recurring event per person, at their cadence.

    Each event starts at the person's next due date (today when overdue) and repeats at their
    cadence; archived people are left out; no note is ever in it. Import it into your calendar
    app; import a newer file again to update the events (each person keeps one UID)."""
    from pathlib import Path

    from oneonone_cli import messages
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.render import ics, output
    from oneonone_cli.render.text import count
    from oneonone_cli.services.calendar import calendar_events

    s = settings(ctx)
    dest = None
    if out is not None and out != "-":
        if not out.strip():
            raise OneOnOneError(messages.ICS_CANNOT_WRITE.format(dest="''", reason="empty path"))
        dest = Path(out).expanduser()
    events = calendar_events(s.store(), s.today)
    if not events:
        raise OneOnOneError(messages.ICS_NO_ONE)
    data = ics.calendar_bytes(events, ics.utc(s.now()))
    if dest is None:
        return ics.print_calendar(data)
    ics.write_calendar(data, dest, s.journal_path())
    output.say(messages.ICS_WRITTEN.format(events=count(len(events), "event"), dest=dest))
