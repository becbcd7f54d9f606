"""The people view: `people` as a table or JSON (keys pinned by tests/test_json_contract.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import info, rows_json
from oneonone_cli.render.tables import table

PEOPLE_KEYS = ("person", "name", "relationship", "every", "added", "archived")


def people_view(people: Sequence[Any], as_json: bool) -> None:
    rows = [
        {
            "person": p.handle,
            "name": p.name,
            "relationship": p.relationship,
            "every": str(p.every),
            "added": p.added,
            "archived": p.archived,
        }
        for p in people
    ]
    if as_json:
        return rows_json(rows, PEOPLE_KEYS)
    if not rows:
        return info(messages.NO_ONE_YET)
    table(
        "People",
        ["Handle", "Name", "Relationship", "Every", "Added", "Archived"],
        [[r[k] for k in PEOPLE_KEYS] for r in rows],
        # The handle is what the user types: never cut. The dates give way to the name first.
        drop=("Added", "Archived"),
        want={"Name": 14},
        give_way=("Every", "Relationship"),
    )
