"""The trash: what was removed (notes, 1:1s), restoring one, emptying it. Returns records;
prints nothing."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from oneonone_cli import messages
from oneonone_cli.domain.records import TrashItem
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.store.core import Store


class Restored(NamedTuple):
    item: TrashItem
    now_id: int  # the note's or 1:1's ID now (its own, unless it was taken meanwhile)
    notes_renumbered: dict[int, int]  # a 1:1's notes that could not keep their IDs: {old: new}
    made_meeting: int | None  # a held 1:1 record made for a note whose 1:1 is gone
    archived: bool  # the person is archived
    # the 1:1s that came back with a note (its 1:1 was removed): (trash ID, old ID, ID now)
    brought: list[tuple[int, int, int]]


def trash_items(store: Store) -> list[TrashItem]:
    return store.trash_items()


def restore(store: Store, trash_id: int) -> Restored:
    if store.trash_item(trash_id) is None:
        raise OneOnOneError(messages.NO_SUCH_TRASH.format(id=trash_id, hint=""))
    item, renumbered, made, brought = store.restore_from_trash(trash_id)
    person = store.person(item.person)
    table = {"note": "notes", "follow-up": "follow_ups"}.get(item.what, "meetings")
    now_id = renumbered[table].get(item.item_id, item.item_id)
    notes = {}
    if item.what == "meeting":
        notes = {old: new for old, new in renumbered["notes"].items() if old != new}
    return Restored(item, now_id, notes, made, person.archived is not None, brought)


def to_empty(store: Store, before: date | None) -> int:
    """How many items emptying would delete (those removed before `before`, when given)."""
    return sum(1 for i in store.trash_items() if before is None or i.removed < before)


def empty(store: Store, before: date | None) -> int:
    return store.empty_trash(before)
