"""The history view: one person's 1:1s and notes (`show`), as a table or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import as_dict, info, print_json
from oneonone_cli.render.tables import styled, table


def history_json(meetings: Sequence[Any]) -> list[dict]:
    return [
        {
            "id": m.id,
            "date": m.on,
            "status": m.status,
            "reason": m.reason,
            "moved_to": m.moved_to,
            "asked": list(m.asked),
            "notes": [
                {"id": n.id, "kind": n.kind, "text": n.text, "tags": list(n.tags)} for n in m.notes
            ],
        }
        for m in meetings
    ]


def history_view(
    person: Any, meetings: Sequence[Any], as_json: bool, *, window: bool = False
) -> None:
    if as_json:
        return print_json([as_dict(m) for m in history_json(meetings)])
    if not meetings and window:
        return info(messages.NO_MEETINGS_IN_WINDOW.format(handle=person.handle))
    if not meetings:
        return info(messages.NO_MEETINGS_YET.format(handle=person.handle))
    rows = []
    for m in meetings:
        if m.status == "cancelled":
            rows.append([m.on, styled(f"cancelled #{m.id}", "red"), "", "", m.reason or ""])
        elif m.status == "rescheduled":
            moved = f"moved to {m.moved_to} #{m.id}"
            rows.append([m.on, styled(moved, "yellow"), "", "", m.reason or ""])
        else:
            asked = ("asked: " + ", ".join(m.asked)) if m.asked else ""
            rows.append([m.on, f"held #{m.id}", "", "", asked])
            rows += [["", "", n.id, n.kind, n.text] for n in m.notes]
    table(
        f"{person.name} ({person.handle}, {person.relationship}, every {person.every})",
        ["Date", "1:1", "Note", "Kind", "Text"],
        rows,
        give_way=("Kind", "Note"),  # on a narrow terminal, the text keeps a readable width
    )
