"""The follow-ups view (`todo`): a table of open (or all) follow-ups, or JSON (keys pinned by
tests/test_todo.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import as_dict, info, print_json
from oneonone_cli.render.tables import table

TODO_KEYS = ("id", "person", "age_days", "text", "added", "done", "meeting_id")


def todo_json(rows: Sequence[Any], today: date) -> list[dict]:
    return [as_dict({**f._asdict(), "age_days": f.age(today)}, TODO_KEYS) for f in rows]


def todo_view(
    rows: Sequence[Any], today: date, as_json: bool, *, person: str | None, include_done: bool
) -> None:
    if as_json:
        return print_json(todo_json(rows, today))
    who = messages.TODO_OF.format(handle=person) if person else ""
    if not rows:
        return info(
            (messages.TODO_NONE_AT_ALL if include_done else messages.TODO_NONE_OPEN).format(who=who)
        )
    columns = ["ID", "Who", "Age", "Follow-up"]
    cells = [[f.id, f.person, messages.TODO_AGE.format(days=f.age(today)), f.text] for f in rows]
    if include_done:
        columns.append("Done")
        for cell, f in zip(cells, rows, strict=True):
            cell.append(f.done or "")
    title = (messages.TODO_TITLE_ALL if include_done else messages.TODO_TITLE).format(who=who)
    table(title, columns, cells, drop=("Done",), want={"Follow-up": 30})
