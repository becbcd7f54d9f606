"""Building each report's rows: read from the store, apply the pure domain logic.

Commands and the demo call these and hand the rows to the renderer; nothing here prints.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from oneonone_cli.domain.records import audience_of, check_handle, check_kind
from oneonone_cli.store.core import Store


def due_report(store: Store, today: date, *, until: date, include_all: bool = False):
    from oneonone_cli.domain.cadence import CANCEL_WINDOW_DAYS, due_rows

    facts = store.meeting_facts(store.people(),
                                cancels_since=today - timedelta(days=CANCEL_WINDOW_DAYS))  # fmt: skip
    return due_rows(facts, today, until=until, include_all=include_all)


def person_prompts(store: Store, handle: str, *, kind: str | None = None,
                   include_used: bool = False):  # fmt: skip
    from oneonone_cli.domain.prompts import prompts_for

    person = store.person(handle)
    bank = store.prompt_bank()
    return prompts_for(bank, audience_of(person.relationship), store.asked_of(handle),
                       store.team_last_asked(p.id for p in bank),
                       kind=kind, include_used=include_used)  # fmt: skip


def prompt_handful(store: Store, handle: str, *, kind: str | None = None):
    """The prompts `prompts HANDLE` shows without --all: a handful of the unused ones, morale
    and roadblock in turn (as the editor template offers them), and how many more there are."""
    from oneonone_cli.domain.prompts import SHOWN_PROMPTS, prompt_mix

    unused = person_prompts(store, handle, kind=kind)
    handful = prompt_mix(unused, store.meeting_count(handle), count=SHOWN_PROMPTS)
    return handful, len(unused) - len(handful)


def prompt_counts(store: Store):
    from oneonone_cli.domain.prompts import unused_counts
    from oneonone_cli.domain.records import PromptCount

    bank = store.prompt_bank()
    asked = store.asked_by_person()
    rows = []
    for person in store.people():
        counts = unused_counts(bank, audience_of(person.relationship),
                               asked.get(person.handle, set()))  # fmt: skip
        rows.append(PromptCount(person.handle, person.name, person.relationship, **counts))
    return rows


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
