"""The week's digest: what everyone raised lately, the page a manager reads on Friday."""

from typing import Annotated

import typer

from oneonone_cli.cli.app import JsonOption, app
from oneonone_cli.cli.context import settings


@app.command()
def week(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="SPAN",
            help="Another window, as everywhere: 2w, a date (default: the 7 days ending today).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """What everyone raised in the last week, by person: their notes, feedback given,
    follow-ups added and how the 1:1s went; then the recurring roadblock themes that got a
    new mention."""
    from datetime import timedelta

    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.render.progress import analysis_progress
    from oneonone_cli.render.week import week_view
    from oneonone_cli.services.week import week as week_digest
    from oneonone_cli.themes.lexicon_file import FILENAME

    s = settings(ctx)
    # The week is the 7 days ending today: on a Friday, from last Saturday (last Friday is
    # on last week's page only). An explicit --since means what it means everywhere.
    start = parse_since(since, s.today) if since is not None else s.today - timedelta(days=6)
    bar = analysis_progress()
    try:
        found = week_digest(
            s.store(), start, s.today, s.journal_path().parent / FILENAME, progress=bar
        )
    finally:
        if bar is not None:
            bar.close()
    week_view(found, as_json)
