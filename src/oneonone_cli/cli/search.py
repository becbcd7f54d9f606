"""Full-text search over every note: `search`."""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import JsonOption, app
from oneonone_cli.cli.completers import complete_handle
from oneonone_cli.cli.context import settings


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help='Words, "a phrase", prefix*, AND / OR / NOT (in capitals).',
            show_default=False,
        ),
    ],
    person: Annotated[
        str | None,
        typer.Option(
            metavar="HANDLE",
            help="Only notes from 1:1s with them.",
            autocompletion=complete_handle,
        ),
    ] = None,
    kind: Annotated[
        str | None, typer.Option(metavar="KIND", help="Only roadblock, morale or feedback notes.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="SPAN", help="Only this recent: 30d, 3m, a date.")
    ] = None,
    newest: Annotated[bool, typer.Option("--newest", help="Newest first, not best match.")] = False,
    limit: Annotated[
        int, typer.Option(metavar="N", min=1, max=1_000_000, help="How many notes to show.")
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    """Find notes by their words, best match first: the first 20 unless --limit."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.records import NOTE_KINDS, check_handle, one_of
    from oneonone_cli.errors import shown
    from oneonone_cli.render.search import search_view
    from oneonone_cli.services.search import search as find

    s = settings(ctx)
    handle = check_handle(person) if person is not None else None
    if kind is not None:
        one_of(kind, NOTE_KINDS, "kind")
    start = parse_since(since, s.today) if since is not None else None
    found = find(
        s.store(), query, person=handle, kind=kind, since=start, newest=newest, limit=limit
    )
    where = "".join(
        (
            messages.SEARCH_WHERE_PERSON.format(handle=handle) if handle else "",
            messages.SEARCH_WHERE_KIND.format(kind=kind) if kind else "",
            messages.SEARCH_WHERE_SINCE.format(since=start) if start else "",
        )
    )
    search_view(shown(query), found.hits, as_json, more=found.more, limit=limit, where=where)
