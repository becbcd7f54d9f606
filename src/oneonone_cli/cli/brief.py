"""Before and about 1:1s: `prep` (the brief to read before a 1:1) and `health` (how the 1:1
habits are going, per person and for the team)."""

from typing import Annotated

import typer

from oneonone_cli.cli.app import HandleArgument, JsonOption, app
from oneonone_cli.cli.context import settings

SinceOption = Annotated[
    str | None,
    typer.Option(metavar="SPAN", help="The window: 30d, 2w, 3m, 1y or a date (default 90d)."),
]


@app.command()
def prep(
    ctx: typer.Context,
    handle: HandleArgument,
    since: SinceOption = None,
    as_json: JsonOption = False,
) -> None:
    """One screen to read before a 1:1: cadence, follow-ups, recent notes, themes, mood, prompts."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.health import DEFAULT_WINDOW
    from oneonone_cli.render.prep import prep_view
    from oneonone_cli.services.prep import brief
    from oneonone_cli.themes.lexicon_file import FILENAME

    s = settings(ctx)
    start = parse_since(since or DEFAULT_WINDOW, s.today)
    found = brief(s.store(), handle, s.today, start, s.journal_path().parent / FILENAME)
    prep_view(found, as_json)


@app.command()
def health(
    ctx: typer.Context,
    handle: Annotated[
        str | None,
        typer.Argument(
            metavar="[HANDLE]",
            help="One person (default: everyone and the team).",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    as_json: JsonOption = False,
) -> None:
    """How your 1:1 habits are going: cadence, cancels, talk share, status updates, mood,
    prompts, feedback and follow-ups, with the habit to change."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.health import DEFAULT_WINDOW
    from oneonone_cli.render.health import health_view
    from oneonone_cli.services.health import health_report

    s = settings(ctx)
    start = parse_since(since or DEFAULT_WINDOW, s.today)
    health_view(health_report(s.store(), s.today, start, handle), s.today, as_json)
