"""The sample journal."""

from pathlib import Path
from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import app
from oneonone_cli.cli.context import Settings, settings
from oneonone_cli.render import output
from oneonone_cli.render.due import due_view
from oneonone_cli.render.prompts import prompts_view
from oneonone_cli.render.themes import themes_view


@app.command()
def demo(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="FILE",
            help="Where to write it, a file that does not exist yet (default: a new "
            "temporary file). 'oneonone --db FILE demo' works too.",
        ),
    ] = None,
) -> None:
    """Write a realistic sample journal and show due, themes and prompts from it."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.services.demo import build_demo, demo_path
    from oneonone_cli.services.history import due_report
    from oneonone_cli.services.prompts import prompt_handful
    from oneonone_cli.services.themes import ThemeQuery, themes_report, themes_title

    s = settings(ctx)
    today = s.today
    if db is not None and not db.strip():
        raise OneOnOneError(messages.DEMO_DB_EMPTY)
    chosen = Path(db).expanduser() if db is not None else None
    if chosen is None and _root_db_typed(ctx):  # `oneonone --db FILE demo`; not ONEONONE_DB
        chosen = s.db
    path = demo_path(chosen)
    build_demo(path, today)
    demo_settings = Settings(path, today)
    ctx.call_on_close(demo_settings.close)
    store = demo_settings.store()
    output.info(messages.DEMO_WRITTEN.format(path=path))
    due_view(due_report(store, today, until=today), as_json=False)
    output.say("")
    query = ThemeQuery(parse_since("90d", today), today)
    themes_view(
        themes_report(store, query),
        as_json=False,
        title=themes_title(query),
        since=query.since,
        today=today,
        show_hint=messages.SHOW_THEME_COMMAND.format(since=messages.SINCE_FLAG.format(since="90d")),
        window=messages.SINCE_FLAG.format(since="90d"),  # keep/dismiss: the window shown
    )
    output.say("")
    handful, more = prompt_handful(store, "alice")
    prompts_view(handful, as_json=False, person="alice", more=more)
    output.info(messages.DEMO_EXPLORE.format(path=path))


def _root_db_typed(ctx: typer.Context) -> bool:
    """Whether --db was given before the command on the command line (ONEONONE_DB, which may
    name the real journal, is not a place to write a demo)."""
    from typer._click.core import ParameterSource

    return ctx.find_root().get_parameter_source("db") == ParameterSource.COMMANDLINE
