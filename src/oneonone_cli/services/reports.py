"""Building the themes report's rows: read from the store, apply the pure theme logic.

Commands and the demo call these and hand the rows to the renderer; nothing here prints.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from oneonone_cli.domain.records import check_handle, check_kind
from oneonone_cli.store.core import Store


class ThemeQuery(NamedTuple):
    since: date
    today: date
    person: str | None = None
    kind: str = "roadblock"  # roadblock | morale | all
    min_mentions: int = 2
    frog_weeks: int = 3
    frog_people: int = 2


def themes_title(query: ThemeQuery) -> str:
    """'Recurring roadblock themes for alice since 2026-02-01 (trend against the 29 days before)'."""
    kind = "themes (roadblock and morale)" if query.kind == "all" else f"{query.kind} themes"
    who = f" for {query.person}" if query.person else ""
    days = (query.today - query.since).days
    return (f"Recurring {kind}{who} since {query.since} (trend against the "
            f"{days} days before)")  # fmt: skip


def no_themes_hint(query: ThemeQuery) -> str:
    """What to try when a window has no recurring theme: a longer window, then every kind."""
    days = (query.today - query.since).days
    if days < 90:
        return "Try a longer one: --since 90d."
    if days < 365:
        return "Try a longer one: --since 1y."
    if query.kind != "all":
        return "Try both kinds of note: --kind all."
    return "A theme needs --min mentions in different 1:1s: log more 1:1s, or try --min 2."


def own_lexicon(store: Store, user_file: Path | None) -> tuple[list, list]:
    """The manager's own (theme, term) and (tag, theme) entries: the lexicon file's, then the
    journal's."""
    from oneonone_cli.themes.lexicon_file import read_lexicon_file

    terms, aliases = store.user_lexicon()
    if user_file is None:
        return terms, aliases
    file_terms, file_aliases = read_lexicon_file(user_file)
    return [*file_terms, *terms], [*file_aliases, *aliases]


def build_lexicon(terms, aliases):
    """The built-in lexicon plus these entries; an unusable entry is the user's error."""
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.themes.lexicon import load_lexicon

    try:
        return load_lexicon(terms, aliases)
    except ValueError as exc:
        raise OneOnOneError(str(exc)) from None


def themes_report(store: Store, query: ThemeQuery, user_file: Path | None = None):
    """Themes in the window, each with its trend against the window of the same length before."""
    from oneonone_cli.themes.grouping import groups_of
    from oneonone_cli.themes.report import FrogRule, theme_rows

    check_kind(query.kind, allow_all=True)
    if query.person is not None:
        store.person(check_handle(query.person))
    lexicon = build_lexicon(*own_lexicon(store, user_file))
    kind = None if query.kind == "all" else query.kind
    span = query.today - query.since
    tallies, unthemed = store.theme_window(lexicon, since=query.since, until=query.today,
                                           kind=kind, person=query.person)  # fmt: skip
    groups = groups_of(tallies, unthemed, lexicon, min_mentions=query.min_mentions)
    discovered = {g.phrase: g.key for g in groups if g.phrase is not None}
    previous = store.theme_counts(lexicon, since=query.since - span - timedelta(days=1),
                                  until=query.since - timedelta(days=1), kind=kind,
                                  person=query.person, phrases=discovered)  # fmt: skip
    notes = store.notes_by_id(g.latest for g in groups)
    # Morale themes are never "normalised" (a roadblock the team got used to); nor, when only
    # morale notes were read, are the phrases found among them.
    positive = {t.key for t in lexicon.themes if t.kind == "morale"}
    if kind == "morale":
        positive |= {g.key for g in groups}
    return theme_rows(groups, notes, since=query.since, today=query.today,
                      previous=previous, frog=FrogRule(query.frog_weeks, query.frog_people),
                      positive=positive)  # fmt: skip
