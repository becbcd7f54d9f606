"""The due view: who is due a 1:1, as a table or JSON (keys pinned by
tests/test_json_contract.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import info, rows_json
from oneonone_cli.render.tables import styled, table

DUE_KEYS = (
    "person",
    "name",
    "relationship",
    "every",
    "last",
    "due",
    "days_overdue",
    "cancelled_90d",
)


DUE_SHOWN = 100  # the terminal width from which `due` shows the Due date column


def due_view(rows: Sequence[Any], as_json: bool, *, anyone: bool = True) -> None:
    if as_json:
        return rows_json(rows, DUE_KEYS)
    if not anyone:
        return info(messages.NO_ONE_YET)
    if not rows:
        return info(messages.NO_ONE_DUE)
    table(
        "1:1s due",
        ["Person", "Name", "As", "Every", "Last 1:1", "Due", "Overdue", "Cancels"],
        [
            [
                r.person,
                r.name,
                r.relationship,
                r.every,
                r.last or "never",
                r.due,
                _overdue(r.days_overdue),
                styled(f"⚠ {r.cancelled_90d}", "bold red") if r.warning else r.cancelled_90d,
            ]
            for r in rows
        ],
        caption=messages.DUE_CANCELS_CAPTION if any(r.warning for r in rows) else None,
        # The due date shows from DUE_SHOWN columns up, whatever the rows hold: the columns do
        # not come and go with the names. As and Every give way to a long handle or name.
        wide={"Due": DUE_SHOWN},
        drop=("As", "Every"),
        want={"Name": 14},
        give_way=("Last 1:1", "Name"),  # the handle says who; Cancels carries the warning
    )


def _overdue(days: int):
    if days > 0:
        return styled(f"{days}d", "bold red")
    if days == 0:
        return styled("today", "yellow")
    return f"in {-days}d"
