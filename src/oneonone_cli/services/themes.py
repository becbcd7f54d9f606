"""The themes report: the lexicon, the analysis of notes not analysed yet, and the report's rows.

The store keeps each note's analysis (its roll-up row) and sums them in SQL; this service
decides what to analyse, analyses it with the theme engine, and asks the store to keep it.
Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from oneonone_cli.domain.records import (
    NoteText,
    RollupRow,
    ThemeTally,
    check_handle,
    check_kind,
)
from oneonone_cli.store.connection import _is_unwritable
from oneonone_cli.store.core import Store

if TYPE_CHECKING:
    from oneonone_cli.themes.analysis import NoteSig
    from oneonone_cli.themes.lexicon import Lexicon

T = TypeVar("T")
# Told (notes analysed, notes to analyse) while notes not analysed yet are analysed; the cli
# layer passes one that draws a progress bar (services never draw anything themselves).
Progress = Callable[[int, int], None]
PROGRESS_STEP = 250  # notes between two progress calls


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
    return f"Recurring {kind}{who} since {query.since} (trend against the {days} days before)"


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


def themes_report(
    store: Store,
    query: ThemeQuery,
    user_file: Path | None = None,
    progress: Progress | None = None,
):
    """Themes in the window, each with its trend against the window of the same length before.
    `progress(done, total)` hears how far the analysis of notes not analysed yet has got."""
    from oneonone_cli.themes.grouping import groups_of
    from oneonone_cli.themes.report import FrogRule, theme_rows

    check_kind(query.kind, allow_all=True)
    if query.person is not None:
        store.person(check_handle(query.person))
    lexicon = build_lexicon(*own_lexicon(store, user_file))
    kind = None if query.kind == "all" else query.kind
    span = query.today - query.since
    tallies, unthemed = theme_window(
        store,
        lexicon,
        since=query.since,
        until=query.today,
        kind=kind,
        person=query.person,
        progress=progress,
    )
    groups = groups_of(tallies, unthemed, lexicon, min_mentions=query.min_mentions)
    discovered = {g.phrase: g.key for g in groups if g.phrase is not None}
    previous = theme_counts(
        store,
        lexicon,
        since=query.since - span - timedelta(days=1),
        until=query.since - timedelta(days=1),
        kind=kind,
        person=query.person,
        phrases=discovered,
        progress=progress,
    )
    notes = store.notes_by_id(g.latest for g in groups)
    # Morale themes are never "normalised" (a roadblock the team got used to); nor, when only
    # morale notes were read, are the phrases found among them.
    positive = {t.key for t in lexicon.themes if t.kind == "morale"}
    if kind == "morale":
        positive |= {g.key for g in groups}
    return theme_rows(
        groups,
        notes,
        since=query.since,
        today=query.today,
        previous=previous,
        frog=FrogRule(query.frog_weeks, query.frog_people),
        positive=positive,
    )


def theme_window(
    store: Store,
    lexicon: Lexicon,
    *,
    since: date,
    until: date,
    kind: str | None,
    person: str | None,
    progress: Progress | None = None,
) -> tuple[list[ThemeTally], list[NoteSig]]:
    """The notes of a window as theme grouping needs them: one `ThemeTally` per lexicon theme
    (summed by the store in SQL) and the signatures of the notes no lexicon theme claimed (few),
    by date, for discovery."""
    from oneonone_cli.themes.analysis import NoteSig, Signature

    def read(keys: list[str]) -> tuple[list[ThemeTally], list[NoteSig]]:
        tallies, unthemed = store.theme_tallies(
            keys, since=since, until=until, kind=kind, person=person
        )
        return (
            tallies,
            [
                NoteSig(
                    r.note_id, r.person, r.meeting_id, r.on, Signature(None, r.terms, r.phrases)
                )
                for r in unthemed
            ],
        )

    return _read_analysed(store, lexicon, since, until, kind, person, read, progress)


def theme_counts(
    store: Store,
    lexicon: Lexicon,
    *,
    since: date,
    until: date,
    kind: str | None,
    person: str | None,
    phrases: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """For comparing windows without loading them: notes per lexicon theme key, and for each
    `phrases` entry (phrase -> the key to count it under, a discovered theme's) the notes no
    lexicon theme claimed that have that phrase."""

    def read(keys: list[str]) -> dict[str, int]:
        return store.theme_counts(
            keys, since=since, until=until, kind=kind, person=person, phrases=phrases
        )

    return _read_analysed(store, lexicon, since, until, kind, person, read, progress)


def _read_analysed(
    store: Store,
    lexicon: Lexicon,
    since: date,
    until: date,
    kind: str | None,
    person: str | None,
    read: Callable[[list[str]], T],
    progress: Progress | None = None,
) -> T:
    """`read(theme keys)` over the roll-up, once every note of the window is analysed under
    this lexicon.

    Every note is analysed once and its row kept in the roll-up; a changed lexicon drops them
    all (`Store.use_lexicon`), and a changed or deleted note loses its row (the triggers of
    migration m003). The notes of a window without a row (written or changed since the last
    report) or, after two processes with different lexicons wrote at once, with a row under a
    theme this lexicon does not have, are analysed and kept, and the window is read again."""
    fingerprint = lexicon.fingerprint()
    store.use_lexicon(fingerprint)
    keys = [t.key for t in lexicon.themes]
    window = {"since": since, "until": until, "kind": kind, "person": person}
    # Another process may change the lexicon (and the roll-up with it) at any moment: each
    # round reads one snapshot in which the roll-up is checked to be this lexicon's; rows
    # made under another lexicon are never read as this one's, nor kept under its
    # fingerprint (see Store.keep_signatures). After rounds lost to such races, the last round
    # holds the write lock from its check to its read.
    for attempt in range(4):
        locked = attempt == 3 and not store.memory_rollup
        current, stale = False, []
        try:
            with store.transaction() if locked else store.reading():
                current = store.rollup_lexicon() == fingerprint
                if current:
                    notes, rows = store.window_counts(keys, **window)
                    stale = [] if notes == rows else store.unanalysed(keys, **window)
                    if not stale:
                        return read(keys)
                if locked:
                    _analyse(store, lexicon, stale, drop_all=not current, progress=progress)
                    return read(keys)
        except store.errors.OperationalError as exc:
            if not (locked and _is_unwritable(exc)):
                raise
            # It cannot be kept (a full disk): analysed into memory, where it stays ours.
            _analyse(store, lexicon, stale, drop_all=not current, progress=progress)
            return read(keys)
        _analyse(store, lexicon, stale, drop_all=not current, progress=progress)
    raise AssertionError("unreachable: the last round returns")  # pragma: no cover


def _analyse(
    store: Store,
    lexicon: Lexicon,
    notes: Sequence[NoteText],
    *,
    drop_all: bool = False,
    progress: Progress | None = None,
) -> None:
    """Analyse these notes and ask the store to keep their rows under this lexicon (the
    analysis of many notes takes a while: outside any transaction but the caller's).
    `progress(done, total)` is told at the start, every PROGRESS_STEP notes and at the end."""
    from oneonone_cli.themes.analysis import analyse

    rows = []
    total = len(notes)
    if progress is not None:
        progress(0, total)
    for done, note in enumerate(notes, 1):
        sig = analyse(note.text, note.tags, note.kind, lexicon)
        rows.append(
            RollupRow(
                note.id,
                note.kind,
                sig.theme,
                note.on,
                note.person,
                note.meeting_id,
                sig.terms,
                sig.phrases,
            )
        )
        if progress is not None and done % PROGRESS_STEP == 0:
            progress(done, total)
    if progress is not None and total % PROGRESS_STEP:
        progress(total, total)
    store.keep_signatures(lexicon.fingerprint(), rows, drop_all=drop_all)
