"""Recurring themes, and teaching the lexicon the team's own words."""

from pathlib import Path
from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import JsonOption, themes_app
from oneonone_cli.cli.completers import (
    complete_dismissed_theme,
    complete_handle,
    complete_theme_key,
)
from oneonone_cli.cli.context import Settings, settings
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.render import output
from oneonone_cli.render.themes import lexicon_view, theme_notes_view, themes_view

SinceOption = Annotated[
    str,
    typer.Option(
        metavar="SPAN",
        help="The window: 30d, 2w, 3m, 1y or a date (default: themes.since in "
        "'oneonone config', else 30d).",
        show_default=False,
    ),
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
        str | None,
        typer.Option(
            metavar="HANDLE", help="Only this person's notes.", autocompletion=complete_handle
        ),
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

    Subcommands: show THEME, lexicon, alias TAG THEME, add-term THEME TERM, keep KEY NAME,
    dismiss KEY, undismiss KEY, remove-term THEME TERM, unalias TAG.
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
    for option, value, default in (
        ("--normal-weeks", normal_weeks, 3),
        ("--normal-people", normal_people, 2),
    ):
        if value < 1:
            raise OneOnOneError(
                messages.NORMAL_TOO_SMALL.format(option=option, value=value, default=default)
            )
    s = settings(ctx)
    person = check_handle(person) if person is not None else None
    since, default = _since(ctx, since), _default_since()
    query = ThemeQuery(
        parse_since(since, s.today), s.today, person, kind, min_, normal_weeks, normal_people
    )
    rows = _report_with_progress(s.store(), query, user_lexicon_file(s))
    shown = messages.SINCE_FLAG.format(since=since) if since != default else ""
    themes_view(
        rows,
        as_json,
        title=themes_title(query),
        since=query.since,
        today=query.today,
        empty_hint=no_themes_hint(query),
        show_hint=messages.SHOW_THEME_COMMAND.format(since=shown),
        window=shown + (f" --kind {kind}" if kind != "roadblock" else ""),
    )


@themes_app.command("show")
def show_theme(
    ctx: typer.Context,
    theme: Annotated[
        str,
        typer.Argument(
            metavar="THEME",
            help="The theme's key or name, e.g. oncall.",
            autocompletion=complete_theme_key,
        ),
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
    since = _since(ctx, since)
    kind = _from_parent(ctx, "kind", kind)
    store = s.store()
    query = ThemeQuery(parse_since(since, s.today), s.today, kind=kind)
    rows = _report_with_progress(store, query, user_lexicon_file(s))
    row = find_row(rows, theme)
    if row is None:
        from oneonone_cli.services.themes import taught
        from oneonone_cli.suggest import did_you_mean

        # A theme the engine knows that does not recur in this window: no notes, not an error.
        wanted = theme.strip().lower().lstrip("#")
        for known_theme in taught(store, user_lexicon_file(s)).lexicon().themes:
            if wanted in (known_theme.key.lower(), known_theme.name.lower()):
                if as_json:
                    return output.print_json([])
                return output.info(
                    messages.THEME_NO_NOTES_IN_WINDOW.format(
                        theme=known_theme.key, since=query.since
                    )
                )

        from oneonone_cli.services.themes import shown

        keys = [r.key for r in rows]
        hint = did_you_mean(theme, keys)
        known = ", ".join(keys) or messages.NO_THEMES_IN_WINDOW
        raise OneOnOneError(
            messages.NO_SUCH_RECURRING_THEME.format(
                theme=shown(theme), since=query.since, hint=hint, known=known
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


def _since(ctx: typer.Context, since: str) -> str:
    """The window: --since as given (here, or before the subcommand), else the default."""
    from typer._click.core import ParameterSource

    for c in (ctx, ctx.parent):
        if (
            c is not None
            and "since" in c.params
            and c.get_parameter_source("since") is not ParameterSource.DEFAULT
        ):
            return c.params["since"]
    return _default_since()


def _default_since() -> str:
    """themes.since in the settings file (config.py), else 30d."""
    from oneonone_cli.config import themes_since

    return themes_since()


@themes_app.command("lexicon")
def lexicon(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The themes the engine knows, their terms and #tag aliases, yours included."""
    from oneonone_cli.services.themes import taught
    from oneonone_cli.themes.lexicon import builtin_keys

    s = settings(ctx)
    own = taught(s.store(), user_lexicon_file(s))
    lexicon_view(
        own.lexicon().themes,
        own.terms,
        own.aliases,
        as_json,
        builtin=builtin_keys(),
        dismissed=own.dismissed,
    )


NewOption = Annotated[
    bool,
    typer.Option("--new", help="THEME is a new theme of yours (else an unknown one is refused)."),
]


@themes_app.command("alias")
def alias(
    ctx: typer.Context,
    tag: Annotated[
        str, typer.Argument(metavar="TAG", help="The tag, e.g. '#pager' (quote the #).")
    ],
    theme: Annotated[
        str,
        typer.Argument(
            metavar="THEME",
            help="The theme key it means, e.g. oncall.",
            autocompletion=complete_theme_key,
        ),
    ],
    new: NewOption = False,
) -> None:
    """Teach it that a #tag means a theme: themes alias '#pager' oncall."""
    from oneonone_cli.domain.tags import normalise_tag
    from oneonone_cli.services.themes import add_alias
    from oneonone_cli.themes.lexicon import too_long

    clean = normalise_tag(tag)
    if not clean:
        raise OneOnOneError(messages.NOT_A_TAG.format(tag=tag))
    if (problem := too_long(clean, "tag")) is not None:
        raise OneOnOneError(problem)
    s = settings(ctx)
    done = add_alias(
        s.store(write=True), user_lexicon_file(s), clean, theme, new=new, today=s.today
    )
    if not done.changed:
        output.say(messages.TAG_ALREADY_ALIASED.format(clean=clean, theme=theme))
    elif done.was is None:
        output.say(messages.TAG_ALIASED.format(clean=clean, theme=theme))
    elif done.built_in:
        output.say(messages.TAG_TAKEN_BUILT_IN.format(clean=clean, was=done.was, theme=theme))
    else:
        gone = messages.OWN_THEME_GONE.format(theme=done.gone) if done.gone else ""
        output.say(messages.TAG_TAKEN.format(clean=clean, was=done.was, theme=theme) + gone)


@themes_app.command("add-term")
def add_term(
    ctx: typer.Context,
    theme: Annotated[
        str,
        typer.Argument(
            metavar="THEME",
            help="A theme key (oncall), or a new one with --new.",
            autocompletion=complete_theme_key,
        ),
    ],
    term: Annotated[
        str, typer.Argument(metavar="TERM", help="A word or phrase, e.g. 'cried wolf'.")
    ],
    new: NewOption = False,
) -> None:
    """Teach it a word or phrase for a theme: themes add-term oncall "cried wolf"."""
    from oneonone_cli.services import themes as service
    from oneonone_cli.themes.lexicon import theme_key_problem, too_long

    if (problem := theme_key_problem(theme)) is not None:
        raise OneOnOneError(problem)
    clean = " ".join(term.split())
    if not clean:
        raise OneOnOneError(messages.TERM_EMPTY)
    if (problem := too_long(clean, "term")) is not None:
        raise OneOnOneError(problem)
    s = settings(ctx)
    if not service.add_term(s.store(write=True), user_lexicon_file(s), theme, clean, new=new):
        output.say(messages.TERM_ALREADY_ADDED.format(clean=clean, theme=theme))
        return
    output.say(messages.TERM_ADDED.format(clean=clean, theme=theme))


FoundKey = Annotated[
    str,
    typer.Argument(
        metavar="KEY",
        help="A found theme's key as 'themes' shows it, e.g. 'phrase:staging env' (quote it).",
    ),
]


def _window(ctx: typer.Context, since: str, kind: str):
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.services.themes import ThemeQuery

    s = settings(ctx)
    since = _since(ctx, since)
    kind = _from_parent(ctx, "kind", kind)
    return s, ThemeQuery(parse_since(since, s.today), s.today, kind=kind)


@themes_app.command("keep")
def keep(
    ctx: typer.Context,
    key: FoundKey,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Its name, e.g. 'Staging environment'.")
    ],
    since: SinceOption = "30d",
    kind: KindOption = "roadblock",
) -> None:
    """Keep a found theme as one of yours, with its terms: themes keep KEY "Staging environment"."""
    from oneonone_cli.services.themes import keep_theme

    s, query = _window(ctx, since, kind)
    kept = keep_theme(s.store(write=True), query, user_lexicon_file(s), key, name, s.today)
    terms = ", ".join(f"'{t}'" for t in kept.terms)
    output.say(
        messages.THEME_KEPT.format(
            kept_from=kept.theme.kept_from, name=kept.theme.name, key=kept.theme.key, terms=terms
        )
    )


@themes_app.command("dismiss")
def dismiss(
    ctx: typer.Context,
    key: FoundKey,
    since: SinceOption = "30d",
    kind: KindOption = "roadblock",
) -> None:
    """Dismiss a found theme: its notes stop forming it ('themes undismiss KEY' undoes it)."""
    from oneonone_cli.services.themes import dismiss_theme

    s, query = _window(ctx, since, kind)
    done = dismiss_theme(s.store(write=True), query, user_lexicon_file(s), key, s.today)
    if done is None:
        output.say(messages.THEME_ALREADY_DISMISSED.format(key=key))
        return
    output.say(messages.THEME_DISMISSED.format(key=done))


@themes_app.command("undismiss")
def undismiss(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY", help="A dismissed theme's key.", autocompletion=complete_dismissed_theme
        ),
    ],
) -> None:
    """Let a dismissed found theme form again."""
    from oneonone_cli.services.themes import undismiss_theme

    s = settings(ctx)
    undismiss_theme(s.store(write=True), key)
    output.say(messages.THEME_UNDISMISSED.format(key=key))


@themes_app.command("remove-term")
def remove_term(
    ctx: typer.Context,
    theme: Annotated[
        str,
        typer.Argument(
            metavar="THEME", help="The theme key, e.g. oncall.", autocompletion=complete_theme_key
        ),
    ],
    term: Annotated[str, typer.Argument(metavar="TERM", help="One of your terms for it.")],
) -> None:
    """Forget a term you taught: themes remove-term oncall "cried wolf"."""
    from oneonone_cli.services import themes as service

    s = settings(ctx)
    gone = service.remove_term(s.store(write=True), user_lexicon_file(s), theme, term)
    clean = " ".join(term.split())
    output.say(
        messages.TERM_REMOVED.format(clean=clean, theme=theme)
        + (messages.OWN_THEME_GONE.format(theme=gone) if gone else "")
    )


@themes_app.command("unalias")
def unalias(
    ctx: typer.Context,
    tag: Annotated[str, typer.Argument(metavar="TAG", help="One of your tags, e.g. '#pager'.")],
) -> None:
    """Forget a #tag alias you taught: themes unalias '#pager'."""
    from oneonone_cli.domain.tags import normalise_tag
    from oneonone_cli.services.themes import remove_alias

    s = settings(ctx)
    theme, gone = remove_alias(s.store(write=True), user_lexicon_file(s), tag)
    output.say(
        messages.TAG_UNALIASED.format(tag=normalise_tag(tag), theme=theme)
        + (messages.OWN_THEME_GONE.format(theme=gone) if gone else "")
    )
