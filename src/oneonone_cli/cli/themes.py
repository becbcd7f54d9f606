"""Recurring themes, and teaching the lexicon the team's own words."""

from pathlib import Path
from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import JsonOption, themes_app
from oneonone_cli.cli.context import Settings, settings
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.render import output
from oneonone_cli.render.themes import lexicon_view, theme_notes_view, themes_view

SinceOption = Annotated[
    str, typer.Option(metavar="SPAN", help="The window: 30d, 2w, 3m, 1y or a date.")
]
KindOption = Annotated[str, typer.Option(metavar="KIND", help="roadblock, morale or all.")]


def user_lexicon_file(s: Settings) -> Path:
    """`lexicon.json` in the folder of the journal, where the manager keeps their own terms."""
    from oneonone_cli.themes.lexicon_file import FILENAME

    return s.journal_path().parent / FILENAME


@themes_app.callback()
def themes(
    ctx: typer.Context,
    since: SinceOption = "30d",
    person: Annotated[
        str | None, typer.Option(metavar="HANDLE", help="Only this person's notes.")
    ] = None,
    kind: KindOption = "roadblock",
    min_: Annotated[
        int,
        typer.Option(
            "--min", metavar="N", help="Mentions (in different 1:1s) that make a theme, 2 or more."
        ),
    ] = 2,
    normal_weeks: Annotated[
        int,
        typer.Option(
            metavar="N",
            help="A theme raised in at least N different weeks (and by "
            "--normal-people) is flagged normalised.",
        ),
    ] = 3,
    normal_people: Annotated[
        int,
        typer.Option(
            metavar="N",
            help="A theme raised by at least N people (and in "
            "--normal-weeks) is flagged normalised.",
        ),
    ] = 2,
    as_json: JsonOption = False,
) -> None:
    """Recurring themes among notes: the roadblocks everyone got used to.

    Subcommands: show THEME, lexicon, alias TAG THEME, add-term THEME TERM.
    """
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.services.themes import (
        ThemeQuery,
        no_themes_hint,
        themes_title,
    )

    if ctx.invoked_subcommand is not None:
        return
    if min_ < 2:
        raise OneOnOneError(messages.MIN_TOO_SMALL)
    s = settings(ctx)
    person = check_handle(person) if person is not None else None
    query = ThemeQuery(
        parse_since(since, s.today), s.today, person, kind, min_, normal_weeks, normal_people
    )
    rows = _report_with_progress(s.store(), query, user_lexicon_file(s))
    shown = messages.SINCE_FLAG.format(since=since) if since != "30d" else ""
    themes_view(
        rows,
        as_json,
        title=themes_title(query),
        since=query.since,
        today=query.today,
        empty_hint=no_themes_hint(query),
        show_hint=messages.SHOW_THEME_COMMAND.format(since=shown),
    )


@themes_app.command("show")
def show_theme(
    ctx: typer.Context,
    theme: Annotated[
        str, typer.Argument(metavar="THEME", help="The theme's key or name, e.g. oncall.")
    ],
    since: SinceOption = "30d",
    kind: KindOption = "roadblock",
    as_json: JsonOption = False,
) -> None:
    """Every note in one theme, with date, person and note ID."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.services.themes import ThemeQuery
    from oneonone_cli.themes.report import find_row

    s = settings(ctx)
    since = _from_parent(ctx, "since", since)
    kind = _from_parent(ctx, "kind", kind)
    store = s.store()
    query = ThemeQuery(parse_since(since, s.today), s.today, kind=kind)
    rows = _report_with_progress(store, query, user_lexicon_file(s))
    row = find_row(rows, theme)
    if row is None:
        from oneonone_cli.suggest import did_you_mean

        keys = [r.key for r in rows]
        hint = did_you_mean(theme, keys)
        known = ", ".join(keys) or messages.NO_THEMES_IN_WINDOW
        raise OneOnOneError(
            messages.NO_SUCH_RECURRING_THEME.format(
                theme=theme, since=query.since, hint=hint, known=known
            )
        )
    notes = store.notes_by_id(row.note_ids)
    theme_notes_view(row, [notes[i] for i in row.note_ids], as_json)


def _report_with_progress(store, query, user_file: Path):
    """themes_report(), with a progress bar on stderr (a terminal only) while a long first
    analysis runs."""
    from oneonone_cli.render.progress import analysis_progress
    from oneonone_cli.services.themes import themes_report

    bar = analysis_progress()
    try:
        return themes_report(store, query, user_file, progress=bar)
    finally:
        if bar is not None:
            bar.close()


def _from_parent(ctx: typer.Context, name: str, value):
    """`themes --since 90d show KEY` means what `themes show KEY --since 90d` does: an option
    given before the subcommand counts when the subcommand's own was left out."""
    from typer._click.core import ParameterSource

    parent = ctx.parent
    if (
        ctx.get_parameter_source(name) is ParameterSource.DEFAULT
        and parent is not None
        and (parent.get_parameter_source(name) is not ParameterSource.DEFAULT)
    ):
        return parent.params[name]
    return value


@themes_app.command("lexicon")
def lexicon(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The themes the engine knows, their terms and #tag aliases, yours included."""
    from oneonone_cli.services.themes import build_lexicon, own_lexicon

    s = settings(ctx)
    terms, aliases = own_lexicon(s.store(), user_lexicon_file(s))
    lexicon_view(build_lexicon(terms, aliases).themes, terms, aliases, as_json)


@themes_app.command("alias")
def alias(
    ctx: typer.Context,
    tag: Annotated[
        str, typer.Argument(metavar="TAG", help="The tag, e.g. '#pager' (quote the #).")
    ],
    theme: Annotated[
        str, typer.Argument(metavar="THEME", help="The theme key it means, e.g. oncall.")
    ],
) -> None:
    """Teach it that a #tag means a theme: themes alias '#pager' oncall."""
    from oneonone_cli.domain.tags import normalise_tag
    from oneonone_cli.services.themes import build_lexicon, own_lexicon
    from oneonone_cli.themes.lexicon import too_long

    s = settings(ctx)
    store = s.store(write=True)
    clean = normalise_tag(tag)
    if not clean:
        raise OneOnOneError(messages.NOT_A_TAG.format(tag=tag))
    if (problem := too_long(clean, "tag")) is not None:
        raise OneOnOneError(problem)
    terms, aliases = own_lexicon(store, user_lexicon_file(s))
    if theme not in {t.key for t in build_lexicon(terms, aliases).themes}:
        raise OneOnOneError(messages.UNKNOWN_THEME.format(theme=theme))
    if (clean, theme) in {(t.lstrip("#").lower(), k) for t, k in aliases}:
        output.say(messages.TAG_ALREADY_ALIASED.format(clean=clean, theme=theme))
        return
    build_lexicon(terms, [*aliases, (clean, theme)])  # refused here, before anything is saved
    store.add_alias(clean, theme)
    output.say(messages.TAG_ALIASED.format(clean=clean, theme=theme))


@themes_app.command("add-term")
def add_term(
    ctx: typer.Context,
    theme: Annotated[
        str,
        typer.Argument(metavar="THEME", help="A theme key (oncall) or a new one (deploy-freeze)."),
    ],
    term: Annotated[
        str, typer.Argument(metavar="TERM", help="A word or phrase, e.g. 'cried wolf'.")
    ],
) -> None:
    """Teach it a word or phrase for a theme: themes add-term oncall "cried wolf"."""
    from oneonone_cli.services.themes import build_lexicon, own_lexicon
    from oneonone_cli.themes.lexicon import theme_key_problem, too_long

    if (problem := theme_key_problem(theme)) is not None:
        raise OneOnOneError(problem)
    clean = " ".join(term.split())
    if not clean:
        raise OneOnOneError(messages.TERM_EMPTY)
    if (problem := too_long(clean, "term")) is not None:
        raise OneOnOneError(problem)
    s = settings(ctx)
    store = s.store(write=True)
    terms, aliases = own_lexicon(store, user_lexicon_file(s))
    known = {t.key: t for t in build_lexicon(terms, aliases).themes}
    if (theme, clean) in terms or (
        theme in known and clean.lower() in {t.lower() for t in known[theme].terms}
    ):
        output.say(messages.TERM_ALREADY_ADDED.format(clean=clean, theme=theme))
        return
    build_lexicon([*terms, (theme, clean)], aliases)  # refused here, before anything is saved
    store.add_term(theme, clean)
    output.say(messages.TERM_ADDED.format(clean=clean, theme=theme))
