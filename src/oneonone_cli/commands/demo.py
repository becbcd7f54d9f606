"""The sample journal."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from oneonone_cli import render
from oneonone_cli.app import Settings, app, settings


@app.command()
def demo(
    ctx: typer.Context,
    db: Annotated[
        Optional[str], typer.Option("--db", help="Where to write it (default: a new temporary file).")
    ] = None,
) -> None:
    """Write a realistic sample journal and show due, themes and prompts from it."""
    from oneonone_cli.dates import parse_since
    from oneonone_cli.demo import build_demo, demo_path
    from oneonone_cli.reports import (
        ThemeQuery,
        due_report,
        person_prompts,
        themes_report,
    )

    today = settings(ctx).today
    path = demo_path(Path(db).expanduser() if db else None)
    build_demo(path, today)
    demo_settings = Settings(path, today)
    ctx.call_on_close(demo_settings.close)
    store = demo_settings.store()
    render.info(f"Demo journal written to {path}\n")
    render.due_view(due_report(store, today, until=today), as_json=False)
    query = ThemeQuery(parse_since("90d", today), today)
    render.themes_view(themes_report(store, query), as_json=False,
                       title=f"Recurring roadblock themes since {query.since}")  # fmt: skip
    render.prompts_view(person_prompts(store, "alice")[:8], as_json=False, person="alice")
    render.info(
        f"\nExplore it: oneonone --db {path} show alice   |   oneonone --db {path} due --all\n"
        f"            oneonone --db {path} themes --since 90d --json"
    )
