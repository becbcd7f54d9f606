"""Fixing what was recorded: `note edit|move|kind|rm`, `meeting edit|rm`, `rename`.

IDs are the numbers `show`, `search` and `log --json` print; `12` and `#12` are both taken. A
removed note or 1:1 goes to the trash (cli/trash.py), from which `trash restore` puts it back.
Removing asks at a terminal; elsewhere it needs --yes."""

import sys
from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import HandleArgument, app, sub_app
from oneonone_cli.cli.completers import (
    complete_meeting_id,
    complete_mood,
    complete_note_id,
    complete_note_kind,
    complete_talk,
)
from oneonone_cli.cli.context import settings
from oneonone_cli.errors import OneOnOneError, usage_error
from oneonone_cli.render import output

note_app = sub_app(
    "note", help="Fix a note: edit its text, give it to someone else, change its kind, remove it."
)
meeting_app = sub_app(
    "meeting",
    help="Fix a 1:1: move it to another day, correct how it went, or remove it (a cancel or a"
    " move too).",
)

NoteId = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The note's ID, as shown: 12 or #12.",
        autocompletion=complete_note_id,
    ),
]
MeetingId = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The 1:1's ID, as 'show' lists it: 5 or #5.",
        autocompletion=complete_meeting_id,
    ),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")]


@note_app.callback()
def note(ctx: typer.Context) -> None:
    """Fix a note: 'note edit ID', 'note move ID --to HANDLE', 'note kind ID KIND', 'note rm ID'."""
    if ctx.invoked_subcommand is None:
        output.say(ctx.get_help())


@meeting_app.callback()
def meeting(ctx: typer.Context) -> None:
    """Fix a 1:1: 'meeting edit ID --on DATE' or '--mood/--talk/--status', 'meeting rm ID'."""
    if ctx.invoked_subcommand is None:
        output.say(ctx.get_help())


def at_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def confirmed(question: str, yes: bool, what: str) -> None:
    """Go on when --yes was given or the person at the terminal says yes; refuse otherwise
    (no terminal and no --yes: one line saying to pass --yes)."""
    if yes:
        return
    if not at_terminal():
        raise OneOnOneError(messages.RM_NEEDS_YES.format(what=what))
    if not typer.confirm(question, default=False, err=True):
        raise OneOnOneError(messages.RM_DECLINED)


def _note_id(value: str) -> int:
    from oneonone_cli.domain.ids import parse_id

    return parse_id(value, "note")


def _short(text: str, limit: int = 60) -> str:
    from oneonone_cli.render.text import one_line

    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- note


@note_app.command()
def edit(
    ctx: typer.Context,
    note_id: NoteId,
    text: Annotated[
        str | None, typer.Option("--text", "-t", metavar="TEXT", help="The new text.")
    ] = None,
    edit_: Annotated[
        bool,
        typer.Option("--edit", "-e", help="Edit in $EDITOR even when stdin is not a terminal."),
    ] = False,
) -> None:
    """Edit a note's text: --text, piped on stdin, or in $VISUAL/$EDITOR. Its #tags are read
    again; its theme and search index follow."""
    from oneonone_cli.services import fixes

    nid = _note_id(note_id)
    s = settings(ctx)
    store = s.store(write=True)
    current = fixes.find_note(store, nid)
    from oneonone_cli.cli import text_edit

    def save(typed: str, expect=None):
        return fixes.edit_note_text(store, nid, typed, expect=expect)

    if text is None and (edit_ or at_terminal()):
        # The save checks that the note is still the one the editor opened on (another
        # command may have changed or removed it meanwhile, and its ID may have gone to a new
        # note): otherwise nothing is written, and what was typed is kept (cli/text_edit.py).
        head = messages.NOTE_EDIT_TEMPLATE.format(
            id=nid, kind=current.kind, handle=current.person, day=current.on
        )
        change = text_edit.in_editor(
            s, store, text_edit.NOTE, current, head, save, _not_saved(s, store, current)
        )
        if change is None:
            return
    elif text is None:
        change = text_edit.piped(s, store, text_edit.NOTE, nid, save)
    else:
        change = save(text)
    _said_edit(change)


def _said_edit(change) -> None:
    if change.after is None:
        output.say(messages.NOTE_EDIT_UNCHANGED.format(id=change.before.id))
        return
    after = change.after
    tags = (
        messages.NOTE_EDITED_TAGS.format(tags=", ".join("#" + t for t in after.tags))
        if after.tags
        else ""
    )
    output.say(
        messages.NOTE_EDITED.format(
            id=after.id, kind=after.kind, handle=after.person, day=after.on, tags=tags
        )
    )


def _not_saved(s, store, current):
    """Words why an edit in the editor was not saved, where its text is kept and how to apply
    it (see text_edit.in_editor)."""
    from oneonone_cli.cli import editor

    def said(kept, path, reason, meanwhile) -> str:
        where, hint = path, ""  # the disk is full: the editor's own file is kept
        if kept is not None:
            where = kept
            if meanwhile is not None and meanwhile.gone:
                hint = messages.NOTE_EDIT_GONE_HINT
            elif store.cipher is not None:
                hint = messages.NOTE_EDIT_KEPT_ENCRYPTED.format(command=s.command(), id=current.id)
            else:
                replay = messages.NOTE_EDIT_REPLAY_OVER if meanwhile else messages.NOTE_EDIT_REPLAY
                hint = replay.format(
                    command=s.command(),
                    id=current.id,
                    path=editor.quote(kept),
                    handle=_holder(store, current, meanwhile),
                )
        if meanwhile is not None:
            return messages.NOTE_EDIT_NOT_SAVED_MEANWHILE.format(
                reason=reason, path=editor.quote(where), hint=hint
            )
        return messages.NOTE_EDIT_NOT_SAVED.format(
            reason=reason, id=current.id, path=editor.quote(where), hint=hint
        )

    return said


def _holder(store, current, meanwhile) -> str:
    """Whose note it is now: moved to someone else, or renamed meanwhile, the hint names them."""
    if meanwhile is None or meanwhile.gone:
        return current.person
    try:
        now = store.note(current.id)
    except Exception:  # noqa: BLE001 - the journal cannot be read: keep the old name
        return current.person
    return now.person if now is not None else current.person


@note_app.command()
def move(
    ctx: typer.Context,
    note_id: NoteId,
    to: Annotated[str, typer.Option("--to", metavar="HANDLE", help="Whose note it is.")],
) -> None:
    """Give a note to another person: it goes into their 1:1 of that day (recorded as held if
    they had none)."""
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.services import fixes

    nid = _note_id(note_id)
    handle = check_handle(to)
    s = settings(ctx)
    moved = fixes.move_note(s.store(write=True), nid, handle, s.today)
    if moved.meeting_id is None:
        output.say(messages.NOTE_MOVE_SAME.format(id=nid, handle=handle))
        return
    made = messages.NOTE_MOVED_MADE if moved.made else ""
    if moved.revived is not None:
        made = messages.NOTE_MOVED_REVIVED.format(tid=moved.revived)
    if moved.emptied is not None:
        made += messages.NOTE_MOVED_EMPTIED.format(
            meeting=moved.emptied[0], handle=moved.note.person, tid=moved.emptied[1]
        )
    output.say(
        messages.NOTE_MOVED.format(
            id=nid, handle=handle, meeting=moved.meeting_id, day=moved.note.on, made=made
        )
    )


@note_app.command()
def kind(
    ctx: typer.Context,
    note_id: NoteId,
    new_kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND", help="roadblock, morale or feedback.", autocompletion=complete_note_kind
        ),
    ],
) -> None:
    """Change a note's kind: roadblock, morale or feedback."""
    from oneonone_cli.services import fixes

    nid = _note_id(note_id)
    change = fixes.set_note_kind(settings(ctx).store(write=True), nid, new_kind)
    if change.after is None:
        output.say(messages.NOTE_KIND_SAME.format(id=nid, kind=new_kind))
        return
    output.say(messages.NOTE_KIND_SET.format(id=nid, kind=new_kind))


@note_app.command("rm")
def note_rm(ctx: typer.Context, note_id: NoteId, yes: YesOption = False) -> None:
    """Move a note to the trash (asks first; --yes does not); 'trash restore' undoes it."""
    from oneonone_cli.services import fixes

    nid = _note_id(note_id)
    s = settings(ctx)
    store = s.store(write=True)
    n = fixes.find_note(store, nid)
    confirmed(
        messages.CONFIRM_RM_NOTE.format(
            id=nid, kind=n.kind, handle=n.person, day=n.on, text=_short(n.text)
        ),
        yes,
        f"note #{nid}",
    )
    tid = fixes.remove_note(store, nid, s.today)
    output.say(messages.NOTE_REMOVED.format(id=nid, tid=tid))
    if fixes.left_empty(store, n.meeting_id):
        output.say(messages.NOTE_REMOVED_EMPTY.format(meeting=n.meeting_id, handle=n.person))


# ---------------------------------------------------------------- meeting


def _meeting_id(value: str) -> int:
    from oneonone_cli.domain.ids import parse_id

    return parse_id(value, "1:1")


def _what_goes(meeting, follow_ups: int) -> str:
    from oneonone_cli.render.text import count

    parts = []
    if meeting.notes:
        parts.append(count(len(meeting.notes), "note"))
    if meeting.asked:
        parts.append(count(len(meeting.asked), "prompt asked", "prompts asked"))
    if follow_ups:
        parts.append(count(follow_ups, "follow-up"))
    return messages.CONFIRM_RM_MEETING_WITH.format(parts=", ".join(parts)) if parts else ""


@meeting_app.command("edit")
def meeting_edit(
    ctx: typer.Context,
    meeting_id: MeetingId,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The day it really was.")
    ] = None,
    mood: Annotated[
        str | None,
        typer.Option(
            metavar="1..5",
            help="How they seemed: 1 (low) to 5 (great); 'none' clears it.",
            autocompletion=complete_mood,
        ),
    ] = None,
    talk: Annotated[
        str | None,
        typer.Option(
            metavar="PCT",
            help="The share of the time you talked: 40 or 40%; 'none' clears it.",
            autocompletion=complete_talk,
        ),
    ] = None,
    status: Annotated[
        bool | None,
        typer.Option("--status/--no-status", help="Whether it turned into a status update."),
    ] = None,
    clear_status: Annotated[
        bool,
        typer.Option(
            "--clear-status", help="Take back a --status/--no-status recorded by mistake."
        ),
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Accept a date more than a year away.")
    ] = False,
    again: Annotated[
        bool,
        typer.Option(
            "--again", help="Move it onto a day that already has a held 1:1 with them, as two."
        ),
    ] = False,
) -> None:
    """Fix a 1:1: move it to the day it really was (its notes, prompts asked and follow-ups
    follow), or correct how it went (--mood, --talk, --status; 'none' or --clear-status takes
    one back)."""
    from oneonone_cli.domain.signals import parse_signal_edits
    from oneonone_cli.services import fixes

    mid = _meeting_id(meeting_id)
    signals = parse_signal_edits(mood, talk, status, clear_status)
    if on is None and not signals:
        raise usage_error(messages.MEETING_EDIT_NOTHING)
    s = settings(ctx)
    day = None
    if on is not None:
        from oneonone_cli.domain.dates import check_meeting_date, held_on, more_than_a_year

        day = check_meeting_date(held_on(on, s.today), s.today)
        if more_than_a_year(day, s.today) and not yes:
            raise OneOnOneError(messages.DATE_FAR_NEEDS_YES.format(day=day, away="ago"))
    store = s.store(write=True)
    m = fixes.find_meeting(store, mid)
    if day is not None and not again and m.status == "held" and m.on != day:
        # Onto a day that already has a held 1:1 with them: as `log`, a second 1:1 that day is
        # most often a slip; asked at a terminal, --again elsewhere. Nothing is written first.
        other = store.held_on_day(m.person, day, mid)
        if other is not None:
            question = messages.CONFIRM_MEETING_ONTO_HELD.format(
                id=mid, handle=m.person, day=day, other=other
            )
            if not at_terminal():
                raise OneOnOneError(
                    messages.MEETING_ONTO_HELD_NEEDS_AGAIN.format(
                        id=mid, handle=m.person, day=day, other=other
                    )
                )
            if not typer.confirm(question, default=False, err=True):
                raise OneOnOneError(messages.MEETING_EDIT_DECLINED)
            again = True  # asked and meant
    edit = fixes.edit_meeting(store, mid, day, signals, again=again)
    before = edit.before
    what = _what_goes(before, store.meeting_follow_up_count(mid)) if edit.moved else ""
    if not signals:  # the date alone, as before signals could be fixed
        if not edit.moved:
            output.say(messages.MEETING_DATE_SAME.format(id=mid, day=day))
            return
        output.say(
            messages.MEETING_DATE_MOVED.format(
                id=mid, handle=before.person, old=before.on, day=day, what=what
            )
        )
        return
    now = day if edit.moved else before.on
    if not edit.moved and not edit.signals:
        values = ", ".join(
            messages.SIGNAL_VALUE.format(name=_signal_name(c), value=_signal_value(c, v))
            for c, v in signals.items()
        )
        output.say(
            messages.MEETING_SIGNALS_SAME.format(
                id=mid, handle=before.person, day=now, values=values
            )
        )
        return
    parts = [messages.MEETING_SIGNALS_MOVED.format(old=before.on, what=what)] if edit.moved else []
    parts += [
        messages.SIGNAL_CHANGED.format(
            name=_signal_name(c), old=_signal_value(c, old), new=_signal_value(c, new)
        )
        for c, (old, new) in edit.signals.items()
    ]
    output.say(
        messages.MEETING_SIGNALS_SET.format(
            id=mid, handle=before.person, day=now, changes="; ".join(parts)
        )
    )


def _signal_name(column: str) -> str:
    return {"mood": messages.SIGNAL_MOOD, "talk": messages.SIGNAL_TALK}.get(
        column, messages.SIGNAL_STATUS
    )


def _signal_value(column: str, value) -> str:
    if value is None:
        return messages.SIGNAL_NOT_RECORDED
    if column == "talk":
        return messages.SIGNAL_TALK_SHARE.format(talk=value)
    if column == "status_update":
        return messages.SIGNAL_YES if value else messages.SIGNAL_NO
    return str(value)


@meeting_app.command("rm")
def meeting_rm(ctx: typer.Context, meeting_id: MeetingId, yes: YesOption = False) -> None:
    """Move a 1:1 to the trash with its notes, prompts asked and follow-ups (asks first).
    On a cancel or a move, this undoes it: the due date comes back."""
    from oneonone_cli.services import fixes

    mid = _meeting_id(meeting_id)
    s = settings(ctx)
    store = s.store(write=True)
    m = fixes.find_meeting(store, mid)
    what = _what_goes(m, store.meeting_follow_up_count(mid))
    status = m.status if m.status != "rescheduled" else "moved"
    confirmed(
        messages.CONFIRM_RM_MEETING.format(
            status=status, id=mid, handle=m.person, day=m.on, what=what
        ),
        yes,
        f"1:1 #{mid}",
    )
    tid = fixes.remove_meeting(store, mid, s.today)
    output.say(
        messages.MEETING_REMOVED.format(
            status=status, id=mid, handle=m.person, day=m.on, what=what, tid=tid
        )
    )


# ---------------------------------------------------------------- rename


@app.command()
def rename(
    ctx: typer.Context,
    old: HandleArgument,
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new handle.", show_default=False)],
) -> None:
    """Change a person's handle everywhere: their 1:1s, notes, prompts, themes, follow-ups."""
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.render.text import count
    from oneonone_cli.services import fixes

    old = check_handle(old)
    s = settings(ctx)
    result = fixes.rename(s.store(write=True), old, new)
    new = check_handle(new)
    if result is None:
        output.say(messages.RENAME_SAME.format(old=old, new=new))
        return
    meetings, notes = result
    from oneonone_cli.cli import editor

    editor.rename_drafts(s.journal_path().absolute(), old, new)  # `log NEW -e` offers them
    if not meetings and not notes:
        output.say(messages.RENAMED_NOTHING_YET.format(old=old, new=new))
        return
    output.say(
        messages.RENAMED.format(
            old=old, new=new, meetings=count(meetings, "1:1"), notes=count(notes, "note")
        )
    )
