"""Grouping stored theme signatures into recurring themes: pure, standard library only.

The second stage of theme detection (`analysis.analyse()` is the first). Notes that analyse()
gave a lexicon theme are summed per theme into a `ThemeTally`: what a report row needs (ids,
notes per day, people, meetings, matched terms), never the notes themselves. For a report the
store sums them in SQL (`services.themes.theme_window`), so a year of notes never becomes a year of
Python objects; `tally()` sums signatures the same way, and a test holds the two to the same
answer. Among the notes no lexicon theme claimed, a phrase that recurs across meetings becomes
a discovered theme.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from itertools import chain
from typing import NamedTuple

from oneonone_cli.domain.records import ThemeTally
from oneonone_cli.themes.analysis import NoteSig
from oneonone_cli.themes.lexicon import Lexicon, theme_name_from_key
from oneonone_cli.themes.phrases import ACRONYMS

DISCOVERED = "phrase:"  # key prefix of themes found by a recurring phrase, not the lexicon
DISCOVERY_CANDIDATES = 1000  # only this many most frequent recurring phrases are considered
# The key prefixes of found themes (grouped from the notes, not the lexicon): each way of
# finding themes adds its own. A found theme can be kept (`themes keep`) or dismissed.
FOUND_PREFIXES: tuple[str, ...] = (DISCOVERED,)
BUILTIN, YOURS, FOUND = "builtin", "yours", "found"  # a theme's origin


def found_terms(key: str, terms: Sequence[str]) -> tuple[str, ...] | None:
    """Whether `key` is a found theme's, and what it is made of: None for a lexicon theme's
    key; for a found one, the terms it was grouped on as a manager would teach them (its own
    phrase first, each once), the terms a theme kept from it starts with."""
    if not key.startswith(FOUND_PREFIXES):
        return None
    own = key.removeprefix(DISCOVERED) if key.startswith(DISCOVERED) else None
    return tuple(dict.fromkeys(t for t in ((own, *terms) if own else terms) if t and t.strip()))


def theme_origin(key: str, builtin: Collection[str]) -> str:
    """ "found" for a found theme's key, "builtin" for a built-in theme's (even with terms of
    yours), "yours" for any other: a theme the manager made (add-term, alias --new, keep)."""
    if key.startswith(FOUND_PREFIXES):
        return FOUND
    return BUILTIN if key in builtin else YOURS


class ThemeGroup(NamedTuple):
    """A recurring theme: its notes summed (see ThemeTally), its name and why it was grouped."""

    key: str  # a lexicon theme's key, or DISCOVERED + the recurring phrase
    name: str
    terms: tuple[str, ...]  # why grouped: matched terms (or phrases), most shared first
    note_ids: tuple[int, ...]  # by date, then id
    days: tuple[tuple[date, int], ...]
    people: tuple[str, ...]
    meetings: int

    @classmethod
    def of(cls, tally: ThemeTally, name: str, terms: tuple[str, ...]) -> ThemeGroup:
        return cls(tally.key, name, terms, tally.note_ids, tally.days, tally.people, tally.meetings)

    @property
    def phrase(self) -> str | None:
        """The recurring phrase of a discovered theme; None for a lexicon theme."""
        return self.key.removeprefix(DISCOVERED) if self.key.startswith(DISCOVERED) else None

    @property
    def latest(self) -> int:
        """The id of the theme's latest note, the one a report quotes."""
        return self.note_ids[-1]


def tally(key: str, notes: Iterable[NoteSig]) -> ThemeTally:
    """Sum these notes (of one theme) as the store sums them in SQL."""
    members = sorted(notes, key=lambda n: (n.on, n.id))
    days = Counter(n.on for n in members)
    return ThemeTally(
        key=key,
        note_ids=tuple(n.id for n in members),
        days=tuple(sorted(days.items())),
        people=tuple(sorted({n.person for n in members})),
        meetings=len({n.meeting_id for n in members}),
        terms=Counter(chain.from_iterable(n.signature.terms for n in members)),
    )


def group(notes: Iterable[NoteSig], lexicon: Lexicon, *, min_mentions: int = 2) -> list[ThemeGroup]:
    """Group signatures into recurring themes: `groups_of()` over their per-theme tallies."""
    by_theme: dict[str, list[NoteSig]] = defaultdict(list)
    rest: list[NoteSig] = []
    for note in notes:
        theme = note.signature.theme
        if theme:
            by_theme[theme].append(note)
        else:
            rest.append(note)
    rest.sort(key=lambda n: (n.on, n.id))
    tallies = [tally(key, members) for key, members in by_theme.items()]
    return groups_of(tallies, rest, lexicon, min_mentions=min_mentions)


def groups_of(
    tallies: Iterable[ThemeTally],
    unthemed: Sequence[NoteSig],
    lexicon: Lexicon,
    *,
    min_mentions: int = 2,
) -> list[ThemeGroup]:
    """Recurring themes, linear in the number of notes.

    Lexicon themes first: each tally whose notes come from at least `min_mentions` different
    meetings. Then, among `unthemed` notes (by date), a phrase shared by at least
    max(2, min_mentions) notes of as many meetings becomes a discovered group (greedy, each note
    in at most one group; only the DISCOVERY_CANDIDATES most frequent phrases are considered,
    which bounds the work). A phrase whose key the manager dismissed (`lexicon.dismissed`)
    forms no group: its notes are free for the others. Groups are sorted by number of notes
    descending, then key.
    """
    min_mentions = max(1, min_mentions)
    names = {t.key: t.name for t in lexicon.themes}
    groups = [
        ThemeGroup.of(t, names.get(t.key) or theme_name_from_key(t.key), _most_common(t.terms))
        for t in tallies
        if t.meetings >= min_mentions
    ]
    dismissed = lexicon.dismissed
    groups.extend(_discover(unthemed, max(2, min_mentions), min_mentions, dismissed))
    if dismissed:  # whichever way a found theme was found, a dismissed one is not formed
        groups = [g for g in groups if g.key not in dismissed]
    groups.sort(key=lambda g: (-len(g.note_ids), g.key))
    return groups


def _discover(
    notes: Sequence[NoteSig], min_notes: int, min_meetings: int, dismissed: Collection[str] = ()
) -> list[ThemeGroup]:
    """Greedy: the phrase shared by most meetings wins its notes, then the next, and so on."""
    counts = Counter(chain.from_iterable(n.signature.phrases for n in notes))
    for key in dismissed:
        if key.startswith(DISCOVERED):
            counts.pop(key.removeprefix(DISCOVERED), None)
    recurring = {p for p, c in counts.most_common(DISCOVERY_CANDIDATES) if c >= min_notes}
    if not recurring:
        return []
    postings: dict[str, list[int]] = defaultdict(list)
    for i, note in enumerate(notes):
        phrases = note.signature.phrases
        if phrases and not recurring.isdisjoint(phrases):
            for phrase in phrases:
                if phrase in recurring:
                    postings[phrase].append(i)
    heap = []
    for phrase, members in postings.items():
        meetings = len({notes[i].meeting_id for i in members})
        if meetings >= min_meetings:
            heap.append((-meetings, -len(members), phrase))
    heapq.heapify(heap)
    taken = [False] * len(notes)
    found: list[ThemeGroup] = []
    while heap:
        neg_meetings, neg_count, phrase = heapq.heappop(heap)
        members = [i for i in postings[phrase] if not taken[i]]
        if len(members) < min_notes:
            continue
        meetings = len({notes[i].meeting_id for i in members})
        if meetings < min_meetings:
            continue
        if (meetings, len(members)) != (-neg_meetings, -neg_count):
            heapq.heappush(heap, (-meetings, -len(members), phrase))
            continue
        for i in members:
            taken[i] = True
        member_notes = [notes[i] for i in members]
        # Other phrases these notes share, for "why grouped" (a sample is enough to rank them).
        shared = Counter(chain.from_iterable(n.signature.phrases for n in member_notes[:200]))
        del shared[phrase]
        also = [p for p in _most_common(shared) if shared[p] >= 2][:4]
        found.append(
            ThemeGroup.of(tally(DISCOVERED + phrase, member_notes), _tidy(phrase), (phrase, *also))
        )
    return found


def _most_common(counts: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _tidy(phrase: str) -> str:
    """'staging env' -> 'Staging env', '#flaky-deploys' -> 'Flaky deploys', 'ci' -> 'CI'."""
    return theme_name_from_key(phrase.lstrip("#"), ACRONYMS)
