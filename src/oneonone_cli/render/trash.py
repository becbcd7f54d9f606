"""The trash view: what was removed and can be restored (`trash`), as a table or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import info, print_json
from oneonone_cli.render.tables import table

TRASH_KEYS = ("id", "what", "item_id", "person", "date", "removed", "summary")


def trash_json(items: Sequence[Any]) -> list[dict]:
    return [
        {
            "id": i.id,
            "what": i.what,
            "item_id": i.item_id,
            "person": i.person,
            "date": i.on.isoformat(),
            "removed": i.removed.isoformat(),
            "summary": i.summary,
        }
        for i in items
    ]


def trash_view(items: Sequence[Any], as_json: bool) -> None:
    if as_json:
        return print_json(trash_json(items))
    if not items:
        return info(messages.TRASH_EMPTY_LIST)
    what = {"note": "note", "meeting": "1:1", "follow-up": "follow-up"}
    table(
        messages.TRASH_TITLE,
        ["ID", "Removed", "What", "Person", "Date", "Summary"],
        [
            [i.id, i.removed, f"{what.get(i.what, i.what)} #{i.item_id}", i.person, i.on, i.summary]
            for i in items
        ],
        give_way=("Removed",),
    )
