"""Fixing what was recorded: a note's text, kind and person, a 1:1's date, removing either to
the trash, undoing a cancel or a reschedule, renaming a handle, and unretiring a prompt.
Every input is checked before anything is written; each change is one transaction in the
store, where the roll-up and the search index follow the note. Returns records; prints
nothing."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from oneonone_cli import messages
from oneonone_cli.domain.records import RESCHEDULED, Meeting, Note
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.store.core import Store


class NoteChange(NamedTuple):
    before: Note
    after: Note | None  # None: nothing changed


def find_note(store: Store, note_id: int) -> Note:
    """The note with this ID; an unknown one says whether it is in the trash."""
    note = store.note(note_id)
    if note is None:
        raise OneOnOneError(
            messages.NO_SUCH_NOTE.format(id=note_id, hint=_trashed_hint(store, "note", note_id))
        )
    return note


def find_meeting(store: Store, meeting_id: int) -> Meeting:
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise OneOnOneError(
            messages.NO_SUCH_MEETING.format(
                id=meeting_id, hint=_trashed_hint(store, "meeting", meeting_id)
            )
        )
    return meeting


def _trashed_hint(store: Store, what: str, item_id: int) -> str:
    for item in store.trash_items():
        if item.what == what and item.item_id == item_id:
            return messages.ID_HINT_TRASHED.format(tid=item.id)
    return ""


def edit_note_text(store: Store, note_id: int, text: str, expect: Note | None = None) -> NoteChange:
    """A note's new text (checked as `log` checks a note), its #tags read again from it;
    unchanged text writes nothing. An empty text is refused: removing is `note rm`. With
    `expect` (the note as the editor opened on it), the save checks, in its transaction, that
    the note is still that one (NoteChangedMeanwhile otherwise, nothing written)."""
    from oneonone_cli.domain.noteinput import check_note_text
    from oneonone_cli.domain.tags import extract_tags

    note = expect if expect is not None else find_note(store, note_id)
    if not text.strip():
        raise OneOnOneError(messages.NOTE_EDIT_EMPTIED.format(id=note_id))
    clean = check_note_text(text, note.kind)
    if clean == note.text:
        return NoteChange(note, None)
    tags = extract_tags(clean)
    store.change_note(note_id, expect=expect, text=clean, tags=tags)
    return NoteChange(note, note._replace(text=clean, tags=tags))


def set_note_kind(store: Store, note_id: int, kind: str) -> NoteChange:
    from oneonone_cli.domain.records import NOTE_KINDS, one_of

    one_of(kind, NOTE_KINDS, "kind")
    note = find_note(store, note_id)
    if note.kind == kind:
        return NoteChange(note, None)
    store.change_note(note_id, kind=kind)
    return NoteChange(note, note._replace(kind=kind))


class NoteMove(NamedTuple):
    note: Note
    meeting_id: int | None  # None: it already was theirs
    made: bool  # a held 1:1 record was made for it
    emptied: tuple[int, int] | None = None  # (1:1 left with nothing in it, its trash ID)
    revived: int | None = None  # the trash ID its 1:1 came back from (an earlier move emptied it)


def move_note(store: Store, note_id: int, handle: str, today: date) -> NoteMove:
    """Give a note to another person (one written under the wrong name): it goes into their
    held 1:1 of the note's day, recorded as held when they had none that day. The 1:1 it
    leaves, when nothing is left in it, goes to the trash (see `Store.move_note`)."""
    note = find_note(store, note_id)
    store.person(handle)  # an unknown handle: the one line with its hint
    if note.person == handle:
        return NoteMove(note, None, False)
    meeting_id, made, emptied, revived = store.move_note(note_id, handle, today)
    return NoteMove(note, meeting_id, made, emptied, revived)


def remove_note(store: Store, note_id: int, today: date) -> int:
    """The note to the trash: the trash ID."""
    note = find_note(store, note_id)
    return store.trash_note(note_id, today, f"{note.kind}: {note.text}")


def left_empty(store: Store, meeting_id: int) -> bool:
    """Whether a held 1:1 has nothing in it (no notes, prompts asked, signals or follow-ups):
    one a note removal left behind may not have happened."""
    return store.meeting_is_empty(meeting_id)


def remove_meeting(store: Store, meeting_id: int, today: date) -> int:
    """A 1:1 to the trash with its notes, prompts asked and follow-ups: the trash ID."""
    meeting = find_meeting(store, meeting_id)
    summary = _summary(meeting, store.meeting_follow_up_count(meeting_id))
    return store.trash_meeting(meeting_id, today, summary)


def _summary(meeting: Meeting, follow_ups: int) -> str:
    status = {RESCHEDULED: f"moved to {meeting.moved_to}"}.get(meeting.status, meeting.status)
    parts = [status]
    if meeting.notes:
        parts.append(f"{len(meeting.notes)} note{'s' if len(meeting.notes) != 1 else ''}")
    if meeting.asked:
        parts.append("asked " + ", ".join(meeting.asked))
    if follow_ups:
        parts.append(f"{follow_ups} follow-up{'s' if follow_ups != 1 else ''}")
    if meeting.reason:
        parts.append(meeting.reason)
    return "; ".join(parts)


def latest_of(store: Store, handle: str, status: str) -> Meeting:
    """The person's latest cancelled or rescheduled 1:1 (what `--undo` takes back)."""
    store.person(handle)
    found = store.history(handle, since=None, kind=None, limit=None)
    for meeting in found:  # newest first
        if meeting.status == status:
            return meeting
    raise OneOnOneError(messages.UNDO_NOTHING.format(status=status, handle=handle))


class MeetingEdit(NamedTuple):
    before: Meeting  # the 1:1 as it was
    moved: bool  # its date changed
    signals: dict[str, tuple]  # {column: (before, after)} of the signals that changed


def edit_meeting(
    store: Store,
    meeting_id: int,
    day: date | None,
    signals: dict[str, int | bool | None],
    *,
    again: bool = False,
) -> MeetingEdit:
    """A 1:1's date and its signals (mood, talk, status_update: None clears one), in one
    transaction; what equals what is recorded is not written, and what changed is said from
    the 1:1 as that transaction found it. Signals on a cancelled or moved 1:1 are refused
    (only a held one has them), and so is a held 1:1 moved onto a day with another held one
    of theirs unless `again`, before anything is written."""
    before = store.edit_meeting(meeting_id, day, signals, again=again)
    if before is None:
        find_meeting(store, meeting_id)  # an unknown ID: the line says when it is in the trash
        # (restored between the two reads: it was not there when the edit looked)
        raise OneOnOneError(messages.NO_SUCH_MEETING.format(id=meeting_id, hint=""))
    was = before.signals._asdict()
    changed = {c: (was[c], v) for c, v in signals.items() if was[c] != v}
    return MeetingEdit(before, day is not None and day != before.on, changed)


def rename(store: Store, old: str, new: str) -> tuple[int, int] | None:
    """A handle, everywhere: (how many 1:1s, how many notes) follow; None when old == new.
    NEW is checked as `add` checks a handle; an existing one is refused."""
    from oneonone_cli.domain.records import RESERVED_HANDLES, check_handle

    new = check_handle(new)
    if new in RESERVED_HANDLES:
        raise OneOnOneError(messages.HANDLE_IS_COMMAND_WORD.format(handle=new))
    store.person(old)
    if old == new:
        return None
    meetings = store.meeting_count(old)
    notes = store.note_count(old)
    store.rename_person(old, new)
    return meetings, notes


def unretire_prompt(store: Store, prompt_id: str) -> bool:
    """Suggest a retired prompt again: False when it was not retired (nothing changed)."""
    from oneonone_cli.domain.prompts import check_prompt_id
    from oneonone_cli.services.prompts import check_prompts_exist

    prompt_id = check_prompt_id(prompt_id)
    check_prompts_exist(store, [prompt_id])
    return store.unretire_prompt(prompt_id)
