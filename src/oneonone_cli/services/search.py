"""Full-text search over every note. Returns records; prints nothing."""

from __future__ import annotations

import os
from datetime import date
from typing import NamedTuple

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError, shown
from oneonone_cli.store.core import Store


class Hit(NamedTuple):
    """A note found: its columns, its text cut into pieces at the matched words (`pieces`
    alternate: not matched, matched, not matched, ...) and its relevance (higher is better)."""

    id: int
    meeting_id: int
    person: str
    on: str
    kind: str
    text: str
    pieces: tuple[str, ...]
    relevance: float


class Results(NamedTuple):
    hits: list[Hit]
    more: bool  # more notes match than the limit let through


# What FTS5 says of a query it cannot read (its syntax errors; `a:b` and `on-call` read as a
# column filter; a lone `*`).
_BAD_QUERY = ("fts5:", "no such column", "unknown special query", "syntax error")


def as_phrases(query: str) -> str:
    """Bare words with a hyphen or an apostrophe (on-call, team's), outside "quotes", made
    phrases of their parts ("on-call", "team's"): what the user means, where FTS5 would read
    a column filter or an unclosed string. A trailing * stays (a phrase prefix)."""
    import re

    parts = query.split('"')
    for i in range(0, len(parts), 2):  # outside quotes (an even number of them: checked)
        parts[i] = re.sub(
            r"(?<![\w\"])([\w]+(?:['\u2019-][\w]+)+)(\*?)(?![\w])",
            lambda m: f'"{m[1]}"{m[2]}',
            parts[i],
        )
    return '"'.join(parts)


def search(
    store: Store,
    query: str,
    *,
    person: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    newest: bool = False,
    limit: int = 20,
) -> Results:
    """The notes matching `query` (FTS5's syntax: words, "phrases", prefix*, AND/OR/NOT), best
    match first or newest first, at most `limit`. A query FTS5 cannot read is one line saying
    what to type."""
    if not query.strip():
        raise OneOnOneError(messages.SEARCH_EMPTY)
    if "\x00" in query:
        raise OneOnOneError(messages.SEARCH_BAD_QUERY.format(query=shown(query)))
    if query.count('"') % 2:
        raise OneOnOneError(messages.SEARCH_UNCLOSED_QUOTE.format(query=shown(query)))
    typed, query = query, as_phrases(query)
    if person is not None:
        store.require(person)
    # Marks around the matched words that no note's text can hold by chance: a fresh nonce.
    nonce = os.urandom(8).hex()  # (not `secrets`: its imports cost 10 ms)
    marks = (f"\ue000{nonce}\ue001", f"\ue002{nonce}\ue003")
    try:
        with store.reading():
            found = store.search_notes(
                query,
                person=person,
                kind=kind,
                since=since,
                newest=newest,
                limit=limit + 1,
                marks=marks,
            )
    except store.errors.OperationalError as exc:
        if not any(sign in str(exc) for sign in _BAD_QUERY):
            raise
        raise OneOnOneError(messages.SEARCH_BAD_QUERY.format(query=shown(typed))) from None
    hits = [
        Hit(
            f.id,
            f.meeting_id,
            f.person,
            f.on,
            f.kind,
            f.text,
            _pieces(f.marked, marks),
            f.relevance,
        )
        for f in found[:limit]
    ]
    return Results(hits, len(found) > limit)


def _pieces(marked: str, marks: tuple[str, str]) -> tuple[str, ...]:
    """'a [b] c' -> ('a ', 'b', ' c'): the text cut at the marks, matched pieces at odd places."""
    opening, closing = marks
    pieces = []
    rest = marked
    while True:
        before, sep, after = rest.partition(opening)
        if not sep:
            pieces.append(rest)
            break
        matched, _, rest = after.partition(closing)
        pieces += [before, matched]
    return tuple(pieces)
