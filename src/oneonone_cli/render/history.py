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
            "mood": m.signals.mood,
            "talk": m.signals.talk,
            "status_update": m.signals.status_update,
            "follow_ups": [{"id": f.id, "text": f.text, "done": f.done} for f in m.follow_ups],
        }
        for m in meetings
    ]


def signals_text(signals: Any) -> list[str]:
    """A 1:1's signals as short phrases ('mood 4/5', 'you talked 40%', 'status update')."""
    mood, talk, status_update = signals
    said = [] if mood is None else [messages.SHOW_MOOD.format(mood=mood)]
    said += [] if talk is None else [messages.SHOW_TALK.format(talk=talk)]
    if status_update:  # "not a status update" is the usual case: not said, only in --json
        said.append(messages.SHOW_STATUS)
    return said


def follow_up_text(f: Any) -> str:
    """A follow-up in a table: its text, ID and, once done, when."""
    if f.done is None:
        return messages.SHOW_FOLLOW_UP_OPEN.format(text=f.text, id=f.id)
    return messages.SHOW_FOLLOW_UP_DONE.format(text=f.text, id=f.id, done=f.done)


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
            about = [messages.SHOW_ASKED.format(ids=", ".join(m.asked))] if m.asked else []
            about += signals_text(m.signals)
            rows.append([m.on, f"held #{m.id}", "", "", messages.SHOW_JOIN.join(about)])
            rows += [["", "", n.id, n.kind, n.text] for n in m.notes]
            rows += [["", "", "", "todo", follow_up_text(f)] for f in m.follow_ups]
    table(
        f"{person.name} ({person.handle}, {person.relationship}, every {person.every})",
        ["Date", "1:1", "Note", "Kind", "Text"],
        rows,
        give_way=("Kind", "Note"),  # on a narrow terminal, the text keeps a readable width
    )
