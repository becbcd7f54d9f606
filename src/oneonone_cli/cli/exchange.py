"""Taking the journal out and bringing records in: `export` and `import`."""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import app
from oneonone_cli.cli.completers import (
    complete_any_handle,
    complete_export_format,
    complete_import_format,
    complete_note_kind,
)
from oneonone_cli.cli.context import settings
from oneonone_cli.errors import OneOnOneError, usage_error

# The formats `export` writes: render/export.py's WRITERS (a new format is one entry there).
EXPORT_FORMATS = ("json", "csv", "markdown", "html")
IMPORT_FORMATS = ("json", "jrnl", "csv")


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=complete_export_format,
            help=f"{', '.join(EXPORT_FORMATS)}: json is complete (and imports back); csv has "
            "one row per note; markdown is a document per person; html is a printable "
            "page (the cadence kept, themes, mood, follow-ups; --since, default 90 days).",
        ),
    ] = "json",
    person: Annotated[
        str | None,
        typer.Option(
            metavar="HANDLE",
            help="Only their 1:1s, notes and follow-ups.",
            autocompletion=complete_any_handle,
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="SPAN", help="Only 1:1s this recent: 90d, 1y, a date.")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (default, or -: stdout)."
        ),
    ] = None,
) -> None:
    """Export the journal (or one person's 1:1s) as JSON, CSV, Markdown or a printable HTML
    page."""

    from oneonone_cli.render import output as say
    from oneonone_cli.render.export import WRITERS, writer
    from oneonone_cli.render.progress import analysis_progress
    from oneonone_cli.render.text import count
    from oneonone_cli.services import export as exporting
    from oneonone_cli.themes.lexicon_file import FILENAME as LEXICON_FILENAME

    _choice(format, tuple(WRITERS), "export format")
    s = settings(ctx)
    store = s.store()
    if output not in (None, "-") and store.path is None:
        # A mistyped --db must not replace a good export with an empty one.
        raise OneOnOneError(messages.EXPORT_NO_JOURNAL.format(path=s.journal_path()))
    scope = exporting.scope_of(store, person, since, s.today)
    progress = analysis_progress(label=messages.EXPORT_PROGRESS, many=10**12)
    # A first page on a journal never analysed analyses its themes: the bar `themes` shows.
    analysis = analysis_progress() if format == "html" else None
    try:
        done = exporting.export(
            store,
            scope,
            s.today,
            writer(format),
            output,
            say.Stdout(),
            progress,
            user_file=s.journal_path().parent / LEXICON_FILENAME,
            analysis=analysis,
            format=format,
            journal=store.path,
        )
    finally:
        for bar in (analysis, progress):
            if bar is not None:
                bar.close()
    if done.dest is not None and done.window is not None:
        held = messages.HTML_HELD.format(meetings=count(done.meetings, "1:1"))
        say.say(
            messages.HTML_EXPORTED.format(
                people=count(done.people, "person", "people"),
                since=done.window[0],
                held=held,
                notes=count(done.notes, "note"),
                dest=done.dest,
            )
        )
    elif done.dest is not None:
        what = messages.EXPORT_WHAT.format(
            people=count(done.people, "person", "people"),
            meetings=count(done.meetings, "1:1"),
            notes=count(done.notes, "note"),
            format=format,
        )
        say.say(messages.EXPORTED.format(what=what, dest=done.dest))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The file to import (- reads stdin).", show_default=False
        ),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=complete_import_format,
            help="json (an export of oneonone), jrnl (jrnl --format json, with --person) or "
            "csv (export's columns).",
        ),
    ] = "json",
    person: Annotated[
        str | None,
        typer.Option(
            metavar="HANDLE",
            help="Whose 1:1s a jrnl file holds (csv: for rows without one).",
            autocompletion=complete_any_handle,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            autocompletion=complete_note_kind,
            help="jrnl: the kind of an entry not tagged roadblock, feedback or morale "
            "(default: morale).",
        ),
    ] = None,
) -> None:
    """Import an export of oneonone, a jrnl journal or a CSV file: all of it or nothing;
    importing the same file again adds nothing."""
    import sys

    from oneonone_cli.render import output as say
    from oneonone_cli.render.export import import_summary
    from oneonone_cli.render.progress import analysis_progress
    from oneonone_cli.services import importing

    _choice(format, IMPORT_FORMATS, "import format")
    if kind is not None:
        from oneonone_cli.domain.exchange import NOTE_KINDS

        _choice(kind, NOTE_KINDS, "kind")
    s = settings(ctx)
    options = importing.check_options(format, person, kind)
    progress = analysis_progress(label=messages.IMPORT_PROGRESS, many=10**12)
    try:
        name, done = importing.import_file(
            file, sys.stdin, options, lambda: s.store(write=True), progress, today=s.today
        )
    finally:
        if progress is not None:
            progress.close()
    say.say(import_summary(name, done.added, done.already))


def _choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    """A malformed option value (`--format xml`): a usage error (exit 2), like any other."""
    if value not in allowed:
        raise usage_error(
            messages.UNKNOWN_CHOICE.format(what=what, value=value, allowed=", ".join(allowed))
        )
