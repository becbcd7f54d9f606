"""The search view: the notes a search found, as a table or JSON. In the table the matched words
are bold when colour is on; without colour (NO_COLOR, a pipe, a file) they are marked [so]."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import info, print_json
from oneonone_cli.render.tables import table
from oneonone_cli.render.text import inert

SEARCH_KEYS = ("id", "date", "person", "kind", "text", "meeting_id", "rank")


def search_json(hits: Sequence[Any]) -> list[dict]:
    """`rank` is the match's relevance (FTS5's bm25, higher is better), rounded."""
    return [
        {
            "id": h.id,
            "date": h.on,
            "person": h.person,
            "kind": h.kind,
            "text": h.text,
            "meeting_id": h.meeting_id,
            "rank": round(h.relevance, 4),
        }
        for h in hits
    ]


def marked_text(pieces: Sequence[str], *, colour: bool):
    """The note's text with its matched pieces (odd places) bold, or between [ and ]."""
    from rich.text import Text

    text = Text()
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            text.append(inert(piece))
        elif colour:
            text.append(inert(piece), style="bold")
        else:
            text.append(f"[{inert(piece)}]")
    return text


def colour_on() -> bool:
    from oneonone_cli.render.tables import _console

    console = _console()
    return console.color_system is not None and not console.no_color


def search_view(
    query: str, hits: Sequence[Any], as_json: bool, *, more: bool, limit: int, where: str
) -> None:
    if as_json:
        return print_json(search_json(hits))
    if not hits:
        return info(messages.SEARCH_NOTHING_FOUND.format(query=query, where=where))
    colour = colour_on()
    rows = [[h.on, h.person, h.kind, marked_text(h.pieces, colour=colour), h.id] for h in hits]
    table(
        messages.SEARCH_TITLE.format(query=query),
        ["Date", "Person", "Kind", "Text", "Note"],
        rows,
        give_way=("Kind", "Note"),
    )
    if more:
        info(messages.SEARCH_SHOWING.format(limit=limit))
