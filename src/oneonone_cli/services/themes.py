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

from oneonone_cli import messages
from oneonone_cli.domain.records import (
    NoteText,
    RollupRow,
    ThemeTally,
    UserTheme,
    Window,
    check_handle,
    check_kind,
)
from oneonone_cli.errors import OneOnOneError
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
    kind = (
        messages.THEMES_OF_BOTH_KINDS
        if query.kind == "all"
        else messages.THEMES_OF_KIND.format(kind=query.kind)
    )
    who = messages.THEMES_FOR_PERSON.format(person=query.person) if query.person else ""
    days = (query.today - query.since).days
    return messages.THEMES_TITLE.format(kind=kind, who=who, since=query.since, days=days)


def longer_window(query: ThemeQuery) -> str | None:
    """The next longer --since worth trying (90d, then 1y); None from a year up."""
    days = (query.today - query.since).days
    return "90d" if days < 90 else "1y" if days < 365 else None


def no_themes_hint(query: ThemeQuery) -> str:
    """What to try when a window has no recurring theme: a longer window, then every kind."""
    if (longer := longer_window(query)) is not None:
        return messages.THEMES_TRY_LONGER_SINCE.format(since=longer)
    if query.kind != "all":
        return messages.THEMES_TRY_BOTH_KINDS
    return messages.THEMES_NEED_MENTIONS


def own_lexicon(store: Store, user_file: Path | None) -> tuple[list, list]:
    """The manager's own (theme, term) and (tag, theme) entries: the lexicon file's, then the
    journal's."""
    from oneonone_cli.themes.lexicon_file import read_lexicon_file

    terms, aliases = store.user_lexicon()
    if user_file is None:
        return terms, aliases
    file_terms, file_aliases = read_lexicon_file(user_file)
    return [*file_terms, *terms], [*file_aliases, *aliases]


def build_lexicon(terms, aliases, user_themes=(), dismissed=()):
    """The built-in lexicon plus these entries; an unusable entry is the user's error."""
    from oneonone_cli.themes.lexicon import load_lexicon

    try:
        return load_lexicon(terms, aliases, user_themes, dismissed)
    except ValueError as exc:
        raise OneOnOneError(str(exc)) from None


class Taught(NamedTuple):
    """Everything the manager taught the theme engine: terms and aliases (the lexicon file's,
    then the journal's), named themes of their own and dismissed found themes (the journal's)."""

    terms: list[tuple[str, str]]
    aliases: list[tuple[str, str]]
    user_themes: list[UserTheme]
    dismissed: list[str]

    def lexicon(self, terms=(), aliases=(), user_themes=()) -> Lexicon:
        """The lexicon of all this (plus these entries, to check them before they are kept)."""
        return build_lexicon(
            [*self.terms, *terms],
            [*self.aliases, *aliases],
            [(t.key, t.name) for t in (*self.user_themes, *user_themes)],
            self.dismissed,
        )


def taught(store: Store, user_file: Path | None) -> Taught:
    return Taught(*own_lexicon(store, user_file), store.user_themes(), store.dismissed_themes())


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
    lexicon = taught(store, user_file).lexicon()
    kind = None if query.kind == "all" else query.kind
    span = query.today - query.since
    tallies, unthemed = theme_window(
        store, lexicon, Window(query.since, query.today, kind, query.person), progress
    )
    groups = groups_of(tallies, unthemed, lexicon, min_mentions=query.min_mentions)
    discovered = {g.phrase: g.key for g in groups if g.phrase is not None}
    before = Window(
        query.since - span - timedelta(days=1), query.since - timedelta(days=1), kind, query.person
    )
    previous = theme_counts(store, lexicon, before, phrases=discovered, progress=progress)
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
    store: Store, lexicon: Lexicon, window: Window, progress: Progress | None = None
) -> tuple[list[ThemeTally], list[NoteSig]]:
    """The notes of a window as theme grouping needs them: one `ThemeTally` per lexicon theme
    (summed by the store in SQL) and the signatures of the notes no lexicon theme claimed (few),
    by date, for discovery."""
    from oneonone_cli.themes.analysis import NoteSig, Signature

    def read(keys: list[str]) -> tuple[list[ThemeTally], list[NoteSig]]:
        tallies, unthemed = store.theme_tallies(keys, window)
        return (
            tallies,
            [
                NoteSig(
                    r.note_id, r.person, r.meeting_id, r.on, Signature(None, r.terms, r.phrases)
                )
                for r in unthemed
            ],
        )

    return _read_analysed(store, lexicon, window, read, progress)


def theme_counts(
    store: Store,
    lexicon: Lexicon,
    window: Window,
    *,
    phrases: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """For comparing windows without loading them: notes per lexicon theme key, and for each
    `phrases` entry (phrase -> the key to count it under, a discovered theme's) the notes no
    lexicon theme claimed that have that phrase."""

    def read(keys: list[str]) -> dict[str, int]:
        return store.theme_counts(keys, window, phrases)

    return _read_analysed(store, lexicon, window, read, progress)


def _read_analysed(
    store: Store,
    lexicon: Lexicon,
    window: Window,
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
    # Another process may change the lexicon (and the roll-up with it) at any moment: each
    # round reads one snapshot in which the roll-up is checked to be this lexicon's; rows
    # made under another lexicon are never read as this one's, nor kept under its
    # fingerprint (see Store.keep_signatures). After rounds lost to such races, the last round
    # holds the write lock from its check to its read.
    for attempt in range(4):
        locked = attempt == 3 and not store.memory_rollup
        current, stale, gone = False, [], []
        try:
            with store.transaction() if locked else store.reading():
                current = store.rollup_lexicon() == fingerprint
                if current:
                    notes, rows = store.window_counts(keys, window)
                    if notes != rows:  # rows of notes gone (deleted by another program) go
                        stale, gone = store.unanalysed(keys, window), store.orphaned(window)
                    if not stale and not gone:
                        return read(keys)
                if locked:
                    _analyse(
                        store, lexicon, stale, drop_all=not current, progress=progress, gone=gone
                    )
                    return read(keys)
        except store.errors.OperationalError as exc:
            if not (locked and _is_unwritable(exc)):
                raise
            # It cannot be kept (a full disk): analysed into memory, where it stays ours.
            _analyse(store, lexicon, stale, drop_all=not current, progress=progress, gone=gone)
            return read(keys)
        _analyse(store, lexicon, stale, drop_all=not current, progress=progress, gone=gone)
    raise AssertionError("unreachable: the last round returns")  # pragma: no cover


def _analyse(
    store: Store,
    lexicon: Lexicon,
    notes: Sequence[NoteText],
    *,
    drop_all: bool = False,
    progress: Progress | None = None,
    gone: Sequence[int] = (),
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
    store.keep_signatures(lexicon.fingerprint(), rows, drop_all=drop_all, gone=gone)


# ------------------------------------------------------------------ what the manager teaches
# Each change is checked against the lexicon read inside the transaction that keeps it, so two
# commands at once cannot both pass the check; bad input is refused before anything is written.


def check_theme(lexicon: Lexicon, key: str, new: bool, retry: str) -> bool:
    """Whether `key` names a theme of `lexicon`; a key that does not is refused (with the
    closest one) unless `new` says the manager means a new theme of theirs. `retry` is the
    command that would create it, without its --new."""
    from oneonone_cli.suggest import did_you_mean
    from oneonone_cli.themes.lexicon import theme_key_problem

    keys = [t.key for t in lexicon.themes]
    if key in keys:
        return True
    if (problem := theme_key_problem(key)) is not None:
        raise OneOnOneError(problem)
    if not new:
        raise OneOnOneError(
            messages.UNKNOWN_THEME_KEY.format(
                key=shown(key), hint=did_you_mean(key, keys), retry=retry
            )
        )
    return False


def add_term(store: Store, user_file: Path | None, theme: str, term: str, *, new: bool) -> bool:
    """Teach `term` for `theme` (a new theme of yours only with `new`); False when it already
    counted."""
    with store.transaction():
        own = taught(store, user_file)
        lexicon = own.lexicon()
        retry = f"oneonone themes add-term {theme} {_quoted(shown(term))}"
        if check_theme(lexicon, theme, new, retry):
            known = lexicon.theme(theme)
            if (theme, term) in own.terms or term.lower() in {t.lower() for t in known.terms}:
                return False
        own.lexicon(terms=[(theme, term)])  # refused here, before anything is saved
        store.add_term(theme, term)
    return True


class Aliased(NamedTuple):
    changed: bool  # False when the tag already meant the theme
    was: str | None = None  # the theme it meant before (one of yours or a built-in one)
    built_in: bool = False  # `was` had it as a built-in tag
    gone: str | None = None  # the name of a theme of yours it left with nothing of yours


def add_alias(
    store: Store, user_file: Path | None, tag: str, theme: str, *, new: bool, today: date
) -> Aliased:
    """Teach that #`tag` means `theme` (with `new`, a new theme of yours named after its key),
    taking it from the theme it meant before."""
    from oneonone_cli.domain.tags import normalise_tag
    from oneonone_cli.themes.lexicon import theme_name_from_key
    from oneonone_cli.themes.text import tag_key

    with store.transaction():
        own = taught(store, user_file)
        made = []
        lexicon = own.lexicon()
        if not check_theme(lexicon, theme, new, f"oneonone themes alias '#{tag}' {theme}"):
            made = [UserTheme(theme, theme_name_from_key(theme), None, today)]
        elif (tag, theme) in {(t.lstrip("#").lower(), k) for t, k in own.aliases}:
            return Aliased(False)
        alias = tag_key(normalise_tag(tag))
        was = next(
            (
                t.key
                for t in lexicon.themes
                if t.key != theme and any(tag_key(g) == alias for g in t.tags)
            ),
            None,
        )
        yours = {normalise_tag(t) for t, k in own.aliases if k == was}
        own.lexicon(aliases=[(tag, theme)], user_themes=made)  # refused before anything is saved
        for user_theme in made:
            store.add_user_theme(user_theme)
        store.add_alias(tag, theme)
        gone = _drop_if_empty(store, user_file, was) if was is not None else None
    return Aliased(True, was, was is not None and normalise_tag(tag) not in yours, gone)


class Kept(NamedTuple):
    theme: UserTheme
    terms: tuple[str, ...]  # the terms and #tags it starts with


def keep_theme(
    store: Store, query: ThemeQuery, user_file: Path | None, key: str, name: str, today: date
) -> Kept:
    """Make the found theme `key` (as the report of `query` shows it) a theme of yours named
    `name`: a key made from the name, the found theme's terms (its #tags as aliases)."""
    from oneonone_cli.themes.grouping import found_terms
    from oneonone_cli.themes.lexicon import (
        theme_key_from_name,
        theme_key_problem,
        too_long,
    )

    name = " ".join(name.split())
    if not name:
        raise OneOnOneError(messages.THEME_NAME_EMPTY)
    if (problem := too_long(name, "name")) is not None:
        raise OneOnOneError(problem)
    new_key = theme_key_from_name(name)
    if theme_key_problem(new_key) is not None:
        raise OneOnOneError(messages.THEME_NAME_MAKES_NO_KEY.format(name=name))
    row = _found_row(store, query, user_file, key, "keep")
    if query.kind != "roadblock" and not _found_in(store, query, user_file, row.key, "roadblock"):
        raise OneOnOneError(  # a theme of yours is a roadblock one: it would never show (F2)
            messages.MORALE_NOT_KEPT.format(
                key=shown(row.key), since=query.since, quoted=_quoted(shown(row.key))
            )
        )
    terms = found_terms(row.key, row.terms) or ()
    terms = tuple(t for t in terms if too_long(t, "term") is None)
    new_terms = [(new_key, t) for t in terms if not t.startswith("#")]
    new_aliases = [(t.lstrip("#"), new_key) for t in terms if t.startswith("#")]
    theme = UserTheme(new_key, name, row.key, today)
    with store.transaction():
        own = taught(store, user_file)
        _refuse_kept_or_dismissed(own.user_themes, own.dismissed, row.key)  # one at a time
        lexicon = own.lexicon()
        if (clash := lexicon.theme(new_key)) is not None:
            raise OneOnOneError(
                messages.THEME_KEY_TAKEN.format(name=name, key=new_key, clash=clash.name)
            )
        own.lexicon(terms=new_terms, aliases=new_aliases, user_themes=[theme])  # refused here
        store.add_user_theme(theme)
        for theme_key, term in new_terms:
            store.add_term(theme_key, term)
        for tag, theme_key in new_aliases:
            store.add_alias(tag, theme_key)
    return Kept(theme, terms)


def dismiss_theme(
    store: Store, query: ThemeQuery, user_file: Path | None, key: str, today: date
) -> str | None:
    """Dismiss the found theme `key` (as the report of `query` shows it): its notes stop forming
    it. The key, or None when it was dismissed already. No note is analysed again."""
    if key in store.dismissed_themes():
        return None
    row = _found_row(store, query, user_file, key, "dismiss")
    with store.transaction():  # checked again here: a keep or dismiss at once comes first or last
        dismissed = store.dismissed_themes()
        if row.key in dismissed:
            return None
        _refuse_kept_or_dismissed(store.user_themes(), (), row.key)
        store.dismiss_theme(row.key, today)
    return row.key


def _refuse_kept_or_dismissed(user_themes, dismissed, key: str) -> None:
    """A found theme is kept once, and never when dismissed: read inside the transaction that
    would keep or dismiss it, so two commands at once cannot both pass."""
    for theme in user_themes:
        if theme.kept_from == key:
            raise OneOnOneError(
                messages.THEME_KEPT_ALREADY.format(key=shown(key), name=theme.name, kept=theme.key)
            )
    if key in dismissed:
        raise OneOnOneError(
            messages.THEME_IS_DISMISSED.format(key=shown(key), quoted=_quoted(shown(key)))
        )


def undismiss_theme(store: Store, key: str) -> None:
    from oneonone_cli.suggest import did_you_mean

    with store.transaction():
        dismissed = store.dismissed_themes()
        if key not in dismissed:
            known = ", ".join(dismissed) or messages.NONE
            raise OneOnOneError(
                messages.THEME_NOT_DISMISSED.format(
                    key=shown(key), hint=did_you_mean(key, dismissed), known=known
                )
            )
        store.undismiss_theme(key)


def remove_term(store: Store, user_file: Path | None, theme: str, term: str) -> str | None:
    """Forget one of the manager's own terms of `theme`. The name of a kept theme that went with
    it (its last term of yours), or None."""
    from oneonone_cli.suggest import did_you_mean

    wanted = " ".join(term.split()).lower()
    with store.transaction():
        own = taught(store, user_file)
        lexicon = own.lexicon()
        known = lexicon.theme(theme)
        if known is None:
            keys = [t.key for t in lexicon.themes]
            raise OneOnOneError(
                messages.UNKNOWN_THEME_TO_UNTEACH.format(
                    theme=shown(theme), hint=did_you_mean(theme, keys)
                )
            )
        journal_terms, _ = store.user_lexicon()
        mine = [t for k, t in journal_terms if k == theme]
        match = [t for t in mine if " ".join(t.split()).lower() == wanted]
        if not match:
            if any(" ".join(t.split()).lower() == wanted for k, t in own.terms if k == theme):
                raise OneOnOneError(
                    messages.TERM_IN_LEXICON_FILE.format(term=shown(term), file=user_file)
                )
            if wanted in {
                " ".join(t.replace("=", "").lstrip("~!").split()).lower() for t in known.terms
            }:
                raise OneOnOneError(messages.TERM_BUILT_IN.format(term=shown(term), theme=theme))
            yours = ", ".join(f"'{t}'" for t in mine) or messages.NONE
            raise OneOnOneError(
                messages.TERM_NOT_YOURS.format(
                    term=shown(term), theme=shown(theme), hint=did_you_mean(term, mine), yours=yours
                )
            )
        store.remove_term(theme, match[0])
        return _drop_if_empty(store, user_file, theme)


def remove_alias(store: Store, user_file: Path | None, tag: str) -> tuple[str, str | None]:
    """Forget one of the manager's #tag aliases: the theme it meant, and the name of a theme of
    theirs that went with it (nothing else left in it), or None."""
    from oneonone_cli.domain.tags import normalise_tag
    from oneonone_cli.suggest import did_you_mean

    clean = normalise_tag(tag)
    with store.transaction():
        own = taught(store, user_file)
        _, journal_aliases = store.user_lexicon()
        match = [(t, k) for t, k in journal_aliases if normalise_tag(t) == clean]
        if not match:
            if any(normalise_tag(t) == clean for t, _ in own.aliases):
                raise OneOnOneError(
                    messages.TAG_IN_LEXICON_FILE.format(tag=shown(clean), file=user_file)
                )
            builtin = [t.key for t in own.lexicon().themes if clean in t.tags]
            if builtin:
                raise OneOnOneError(
                    messages.TAG_BUILT_IN.format(tag=shown(clean), theme=builtin[0])
                )
            mine = ["#" + normalise_tag(t) for t, _ in journal_aliases]
            yours = ", ".join(mine) or messages.NONE
            raise OneOnOneError(
                messages.TAG_NOT_YOURS.format(
                    tag=shown(clean), hint=did_you_mean("#" + clean, mine), yours=yours
                )
            )
        stored, theme = match[0]
        store.remove_alias(stored)
        return theme, _drop_if_empty(store, user_file, theme)


def _drop_if_empty(store: Store, user_file: Path | None, theme: str) -> str | None:
    """A theme of yours with a name (kept, or made by `alias --new`) left with no term or alias
    of yours goes too (a kept one's found theme is found again): its name, or None."""
    own = taught(store, user_file)
    named = [t for t in own.user_themes if t.key == theme]
    if (
        not named
        or any(k == theme for k, _ in own.terms)
        or any(k == theme for _, k in own.aliases)
    ):
        return None
    store.remove_user_theme(theme)
    return named[0].name


def _found_row(store: Store, query: ThemeQuery, user_file: Path | None, key: str, verb: str):
    """The report's row of the found theme `key` (its key, name or a unique start of either),
    or a one-line refusal naming the found themes of the window."""
    from oneonone_cli.suggest import did_you_mean
    from oneonone_cli.themes.grouping import BUILTIN, FOUND
    from oneonone_cli.themes.report import find_row

    rows = themes_report(store, query, user_file)
    exact = [r for r in rows if r.key == key]
    row = exact[0] if exact else find_row(rows, key)
    if row is not None and row.origin == FOUND:
        return row
    found = [r.key for r in rows if r.origin == FOUND]
    if row is not None:
        what = messages.BUILT_IN if row.origin == BUILTIN else messages.YOURS_ALREADY
        raise OneOnOneError(
            messages.NOT_A_FOUND_THEME.format(
                key=shown(row.key), what=what, done="kept" if verb == "keep" else "dismissed"
            )
            + (messages.FOUND_HERE.format(found=", ".join(found)) if found else "")
        )
    _refuse_kept_or_dismissed(store.user_themes(), store.dismissed_themes(), key)
    if query.kind == "roadblock" and _found_in(store, query, user_file, key, "morale"):
        raise OneOnOneError(
            messages.FOUND_IN_MORALE.format(
                key=shown(key), since=query.since, quoted=_quoted(shown(key))
            )
        )
    if found:
        raise OneOnOneError(
            messages.NO_SUCH_FOUND_THEME.format(
                key=shown(key),
                since=query.since,
                hint=did_you_mean(key, found),
                found=", ".join(found),
            )
        )
    longer = longer_window(query) or "1y"
    raise OneOnOneError(
        messages.NO_FOUND_THEMES.format(since=query.since, longer=longer, verb=verb)
    )


def _found_in(store: Store, query: ThemeQuery, user_file: Path | None, key: str, kind: str):
    """Whether the found theme `key` forms from the `kind` notes of the window of `query`."""
    from oneonone_cli.themes.grouping import FOUND

    rows = themes_report(store, query._replace(kind=kind), user_file)
    return any(r.key == key and r.origin == FOUND for r in rows)


def shown(text: str) -> str:
    """A key, term or tag as an error echoes it: cut when long (see themes.lexicon.shown)."""
    from oneonone_cli.themes.lexicon import shown as cut

    return cut(text)


def _quoted(text: str) -> str:
    return f'"{text}"' if not text.replace("-", "").isalnum() else text
