"""What happened and what is due: `due` (who is due a 1:1) and `show` (someone's history)."""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import AnyHandleArgument, JsonOption, app
from oneonone_cli.cli.context import settings
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.render import output
from oneonone_cli.render.due import due_view
from oneonone_cli.render.history import history_view


@app.command()
def due(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(metavar="SPAN", help="Also list who is due within this span: 7d, 2w, a date."),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="List everyone, due or not.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Who is due a 1:1, most overdue first."""
    from oneonone_cli.domain.dates import parse_until
    from oneonone_cli.services.history import anyone, due_report

    s = settings(ctx)
    until = parse_until(within, s.today) if within is not None else s.today
    store = s.store()
    rows = due_report(store, s.today, until=until, include_all=all_)
    due_view(rows, as_json, anyone=bool(rows) or anyone(store))


@app.command()
def show(
    ctx: typer.Context,
    handle: AnyHandleArgument,
    since: Annotated[
        str | None, typer.Option(metavar="SPAN", help="Only this recent: 30d, 3m, a date.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(metavar="KIND", help="Only roadblock, morale or feedback notes.")
    ] = None,
    last: Annotated[
        int,
        typer.Option(
            metavar="N", min=1, max=1_000_000, help="How many of the latest 1:1s to show."
        ),
    ] = 10,
    all_: Annotated[bool, typer.Option("--all", help="The whole history.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Someone's 1:1s and notes, newest first: the last 10 unless --since, --last or --all."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.records import NOTE_KINDS, check_handle, one_of
    from oneonone_cli.services.history import history

    s = settings(ctx)
    handle = check_handle(handle)
    start = parse_since(since, s.today) if since is not None else None
    if kind is not None:
        one_of(kind, NOTE_KINDS, "kind")
    if last < 1:
        raise OneOnOneError(messages.LAST_TOO_SMALL)
    limit = None if all_ or since is not None else last
    found = history(s.store(), handle, since=start, kind=kind, limit=limit)
    history_view(
        found.person, found.meetings, as_json, window=since is not None or kind is not None
    )
    if found.total is not None and found.total > limit and not as_json:
        output.info(messages.SHOWING_LAST.format(limit=limit, total=found.total))
