"""Follow-ups: things agreed to do with someone, open until marked done. Returns records;
prints nothing.

`open_follow_ups(store, handle)` is what `prep` and the editor template read: a person's open
follow-ups, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oneonone_cli.domain.records import FollowUp
from oneonone_cli.store.core import Store


def open_follow_ups(store: Store, handle: str | None = None) -> list[FollowUp]:
    """The open follow-ups of `handle` (None: everyone's), oldest first."""
    return store.follow_ups(handle)


def agreed_in(store: Store, meeting_id: int) -> list[FollowUp]:
    """The follow-ups agreed in one 1:1, in the order they were written."""
    return store.follow_ups_of_meetings([meeting_id]).get(meeting_id, [])


def follow_ups(
    store: Store, handle: str | None = None, *, include_done: bool = False, limit=None
) -> tuple[list[FollowUp], int]:
    """Follow-ups of `handle` (None: everyone's), oldest first: open ones, or all of them; the
    first `limit`, and how many there are in all."""
    if handle is not None:
        store.require(handle)
    rows = store.follow_ups(handle, include_done=include_done, limit=limit)
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    return rows, store.follow_up_count(handle, include_done=include_done)


def check_follow_up_text(text: str) -> str:
    """A follow-up's text, trimmed: empty, too long or not text is refused (as a note's is)."""
    from oneonone_cli import messages
    from oneonone_cli.domain.noteinput import MAX_NOTE_CHARS, check_note_text
    from oneonone_cli.errors import OneOnOneError

    if len(text.strip()) > MAX_NOTE_CHARS:  # no option to repeat here, unlike a note's
        raise OneOnOneError(
            messages.FOLLOW_UP_TOO_LONG.format(
                length=len(text.strip()), max_note_chars=MAX_NOTE_CHARS
            )
        )
    return check_note_text(text, "follow-up")


def add_follow_up(store: Store, handle: str, text: str, today: date) -> FollowUp:
    """A follow-up agreed outside a 1:1 (in the corridor, over chat), added today."""
    text = check_follow_up_text(text)
    fid = store.add_follow_up(handle, text, today)
    return FollowUp(fid, handle, None, text, today)


def known(store: Store, ids: Sequence[int]) -> list[FollowUp]:
    """The follow-ups with these ids, in the order given (each once); an id not in the
    journal is refused in one line, before anything is written."""
    from oneonone_cli import messages
    from oneonone_cli.errors import OneOnOneError

    found = store.follow_ups_by_id(ids)
    missing = [i for i in dict.fromkeys(ids) if i not in found]
    if missing:
        raise OneOnOneError(messages.TODO_UNKNOWN_ID.format(ids=", ".join(str(i) for i in missing)))
    return [found[i] for i in dict.fromkeys(ids)]


def mark_done(store: Store, ids: Sequence[int], today: date) -> list[FollowUp]:
    """Mark follow-ups done today (all or none: an unknown id refuses them all): each as it
    was before, so the caller can tell one that was already done."""
    wanted = [f.id for f in known(store, ids)]
    return store.finish_follow_ups(wanted, today)


def reopen(store: Store, ids: Sequence[int]) -> list[FollowUp]:
    """Open again follow-ups marked done by mistake (all or none)."""
    wanted = [f.id for f in known(store, ids)]
    return store.reopen_follow_ups(wanted)


def remove(store: Store, ids: Sequence[int], today: date) -> list[tuple[FollowUp, int]]:
    """Follow-ups to the trash (all or none), each restorable with its ID, dates and 1:1:
    [(the follow-up, its trash ID)]."""
    found = known(store, ids)
    trashed = dict(store.trash_follow_ups([f.id for f in found], today))
    return [(f, trashed[f.id]) for f in found if f.id in trashed]


def edit_text(
    store: Store, fid: int, text: str, expect: FollowUp | None = None
) -> tuple[FollowUp, FollowUp | None]:
    """A follow-up's new text, checked as `todo add` checks one (open or done: its dates and
    1:1 stay): (as it was, as it is now; None when the text was the same: nothing written).
    With `expect` (as the editor opened on it), the save checks in its transaction that it is
    still that one (NoteChangedMeanwhile otherwise, nothing written)."""
    before = expect if expect is not None else known(store, [fid])[0]
    if not text.strip():
        from oneonone_cli import messages
        from oneonone_cli.errors import OneOnOneError

        raise OneOnOneError(messages.TODO_EDIT_EMPTIED.format(id=fid))
    clean = check_follow_up_text(text)
    if clean == before.text:
        return before, None
    store.change_follow_up_text(fid, clean, expect=expect)
    return before, before._replace(text=clean)
