"""Recording 1:1s: held (with notes), cancelled, rescheduled."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import HandleArgument, JsonOption, app
from oneonone_cli.cli.completers import complete_prompt_id
from oneonone_cli.cli.context import Settings, settings
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.render import output
from oneonone_cli.render.text import count

UndoOption = Annotated[
    bool, typer.Option("--undo", help="Take back the latest one (it goes to the trash).")
]
ReasonOption = Annotated[str | None, typer.Option(metavar="TEXT", help="Why, for your memory.")]
YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help="Accept a date more than a year away without asking.")
]


@app.command()
def log(
    ctx: typer.Context,
    handle: HandleArgument,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="When it was held (default today)."),
    ] = None,
    roadblock: Annotated[
        list[str] | None,
        typer.Option(
            "--roadblock", "-R", "-r", metavar="TEXT", help="A roadblock note (repeatable)."
        ),
    ] = None,
    morale: Annotated[
        list[str] | None,
        typer.Option("--morale", "-M", "-m", metavar="TEXT", help="A morale note (repeatable)."),
    ] = None,
    feedback: Annotated[
        list[str] | None,
        typer.Option("--feedback", "-F", metavar="TEXT", help="Feedback you gave (repeatable)."),
    ] = None,
    todo: Annotated[
        list[str] | None,
        typer.Option(
            "--todo", "-T", metavar="TEXT", help="A follow-up agreed, open until done (repeatable)."
        ),
    ] = None,
    asked: Annotated[
        list[str] | None,
        typer.Option(
            "--asked",
            metavar="ID",
            help="A prompt ID you used (repeatable).",
            autocompletion=complete_prompt_id,
        ),
    ] = None,
    mood: Annotated[
        str | None,
        typer.Option(metavar="1..5", help="How they seemed: 1 (low) to 5 (great)."),
    ] = None,
    talk: Annotated[
        str | None,
        typer.Option(metavar="PCT", help="The share of the time you talked: 40 or 40%."),
    ] = None,
    status: Annotated[
        bool | None,
        typer.Option("--status/--no-status", help="Whether the 1:1 turned into a status update."),
    ] = None,
    edit_: Annotated[
        bool, typer.Option("--edit", "-e", help="Write the notes in $EDITOR.")
    ] = False,
    no_notes: Annotated[
        bool, typer.Option("--no-notes", help="Record the 1:1 as held, with no notes.")
    ] = False,
    again: Annotated[
        bool, typer.Option("--again", help="A second 1:1 with them on the same day.")
    ] = False,
    yes: YesOption = False,
    as_json: JsonOption = False,
) -> None:
    """Record a 1:1 you held, with its roadblock and morale notes.

    Also feedback you gave (-F), follow-ups agreed (-T, listed by 'todo') and how it went
    (--mood, --talk, --status). With no -R/-M/-F/-T/--asked, notes are read from stdin when it
    is piped (one per line, starting 'r:', 'm:', 'f:', 'todo:' or 'asked:'), or written in
    $VISUAL/$EDITOR on a template at a terminal.
    Editor text that is not logged is kept in drafts/ beside the journal (encrypted with an
    encrypted journal); the next log of that person offers it.
    """
    from oneonone_cli.domain import noteinput
    from oneonone_cli.domain.dates import held_on
    from oneonone_cli.domain.records import ParsedNotes, check_handle
    from oneonone_cli.errors import usage_error
    from oneonone_cli.services import meetings

    s = settings(ctx)
    handle = check_handle(handle)
    day = held_on(on, s.today)
    signals = None
    if mood is not None or talk is not None or status is not None:
        from oneonone_cli.domain.signals import parse_signals

        signals = parse_signals(mood, talk, status)
    if no_notes and (roadblock or morale or feedback or asked or edit_):
        raise usage_error(messages.NO_NOTES_CONFLICT)
    flags = [
        f
        for f, v in (
            ("-R", roadblock),
            ("-M", morale),
            ("-F", feedback),
            ("-T", todo),
            ("--asked", asked),
        )
        if v
    ]
    flags += ["--no-notes"] if no_notes else []
    if flags and input_waiting():
        # Piped notes would be dropped without a word: refused, so that nothing typed is lost.
        raise usage_error(messages.NOTES_ON_STDIN_AND_FLAGS.format(flags="/".join(flags)))
    parsed = ParsedNotes(
        (
            *[
                noteinput.NoteDraft("roadblock", noteinput.check_note_text(t, "roadblock"))
                for t in roadblock or ()
            ],
            *[
                noteinput.NoteDraft("morale", noteinput.check_note_text(t, "morale"))
                for t in morale or ()
            ],
            *[
                noteinput.NoteDraft("feedback", noteinput.check_note_text(t, "feedback"))
                for t in feedback or ()
            ],
        ),
        tuple(dict.fromkeys(asked or ())),  # a prompt asked twice is asked once
        tuple(noteinput.check_note_text(t, "follow-up") for t in todo or ()),
    )
    # Everything that can refuse the 1:1 is checked before stdin is read or the editor opens,
    # so that nothing typed there is lost to a refusal.
    confirm_far(day, s.today, yes, "held")
    store = s.store(write=True)
    person = store.person(handle)
    # A second 1:1 on the same day is most often the first one logged again: at a terminal it
    # is asked about (before the editor opens), elsewhere it is logged and said so.
    when = messages.WHEN_TODAY if day == s.today else messages.WHEN_ON.format(day=day)
    second = not again and meetings.already_held(store, handle, day)
    if (
        second
        and at_terminal()
        and not typer.confirm(
            messages.CONFIRM_SECOND_ONE.format(handle=handle, when=when),
            default=False,
            err=True,
        )
    ):
        raise OneOnOneError(messages.ALREADY_LOGGED_REFUSED.format(handle=handle, when=when))
    if person.archived is not None:
        s.note(messages.LOG_PERSON_ARCHIVED.format(handle=handle, archived=person.archived))
    if parsed.empty and not no_notes:
        logged = _log_from_user(
            store, person, day, s, force_editor=edit_, again=again, signals=signals
        )
        if logged is None and signals is not None and not edit_ and not at_terminal():
            # `log bob --mood 3` in a script, nothing piped: a 1:1 with its signals and no
            # notes is what was meant (as --no-notes), never a mood dropped without a word.
            logged = parsed, meetings.log_meeting(store, handle, day, (), (), (), signals)
        if logged is None:
            if signals is not None:  # how it went was given: it can be recorded on its own
                output.info(
                    messages.NOTHING_TO_LOG_SIGNALS.format(
                        command=s.command(),
                        handle=handle,
                        day=day,
                        flags=_day_flags(day, s.today) + _signal_flags(signals),
                    )
                )
                return
            output.info(messages.NOTHING_TO_LOG)
            return
        parsed, (meeting_id, note_ids) = logged
    else:
        meeting_id, note_ids = meetings.log_meeting(
            store, handle, day, parsed.notes, parsed.asked, parsed.follow_ups, signals
        )
        journal = s.journal_path()
        if (journal.parent / "drafts").is_dir():  # editor.DRAFTS, not imported for every log
            from oneonone_cli.cli import editor

            _name_waiting(editor.leftovers(journal, handle), handle, s.command(), s.today, s.note)
    if second and not at_terminal():
        output.info(messages.SECOND_ONE_LOGGED.format(handle=handle, when=when))
    agreed = []
    if parsed.follow_ups:
        from oneonone_cli.services.followups import agreed_in

        agreed = agreed_in(store, meeting_id)
    if as_json:
        mood_, talk_, status_ = signals or (None, None, None)
        output.print_json(
            {
                "meeting_id": meeting_id,
                "note_ids": note_ids,
                "person": handle,
                "date": day.isoformat(),
                "asked": parsed.asked,
                "follow_ups": [{"id": f.id, "text": f.text} for f in agreed],
                "mood": mood_,
                "talk": talk_,
                "status_update": status_,
            }
        )
    else:
        asked_text = (
            messages.LOGGED_ASKED.format(ids=", ".join(parsed.asked)) if parsed.asked else "."
        )
        ids = ", ".join(f"#{n}" for n in note_ids)
        notes_text = count(len(note_ids), "note")
        if note_ids:
            notes_text += messages.LOGGED_NOTE_IDS.format(ids=ids)
        if agreed:
            notes_text += messages.LOGGED_FOLLOW_UPS.format(
                follow_ups=count(len(agreed), "follow-up"),
                ids=", ".join(f"#{f.id}" for f in agreed),
            )
        output.say(
            messages.LOGGED.format(
                handle=handle, day=day, meeting=meeting_id, notes=notes_text, asked=asked_text
            )
        )


def input_waiting() -> bool:
    """Whether notes are waiting on stdin, found without ever blocking: a regular file with
    bytes after its position, or a pipe or socket with bytes ready now. A terminal, /dev/null,
    a closed stdin and a pipe whose writer closed with nothing written are not waiting."""
    import os
    import stat

    stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:
        return False
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (tests, embedding)
        try:
            here = stream.tell()
            end = stream.seek(0, os.SEEK_END)
            stream.seek(here)
        except (OSError, ValueError, AttributeError):
            return False
        return end > here
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISREG(mode):
            return info.st_size > os.lseek(fd, 0, os.SEEK_CUR)
        if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
            return False  # a terminal, /dev/null, another device
        return _bytes_ready(fd)
    except OSError:  # closed, or not something the system can say
        return False


def _bytes_ready(fd: int) -> bool:
    """Whether a pipe or socket has bytes to read now (never waits): readable now, and not
    only at its end."""
    import select

    if not select.select([fd], [], [], 0)[0]:
        return False  # the writer is still there and has written nothing yet
    try:
        import array
        import fcntl
        import termios

        ready = array.array("i", [0])
        fcntl.ioctl(fd, termios.FIONREAD, ready, True)
        return ready[0] > 0
    except (ImportError, OSError, AttributeError):
        return True  # readable, and the system cannot say how much: taken as waiting


def at_terminal() -> bool:
    """Whether a person is at the keyboard: stdin is a terminal (not a pipe, a file or closed)."""
    return sys.stdin is not None and sys.stdin.isatty()


def confirm_far(day, today, yes: bool, what: str) -> None:
    """A date more than a year from today is most likely a typo: asked about at a terminal,
    refused elsewhere unless --yes says it is meant."""
    from oneonone_cli.domain.dates import check_meeting_date, more_than_a_year

    check_meeting_date(day, today)
    if yes or not more_than_a_year(day, today):
        return
    away = "ago" if day < today else "ahead"
    if not at_terminal():
        raise OneOnOneError(messages.DATE_FAR_NEEDS_YES.format(day=day, away=away))
    if not typer.confirm(
        messages.CONFIRM_DATE_FAR.format(day=day, away=away, what=what), default=False, err=True
    ):
        raise OneOnOneError(messages.NOTHING_WRITTEN_WRONG_DATE)


def _log_from_user(
    store, person, day, s: Settings, *, force_editor: bool, again: bool = False, signals=None
):
    """Notes piped on stdin, or typed in the editor, logged: (parsed, (meeting, note ids)), or
    None when there was nothing to log. Editor text that is not logged is kept (editor.py)."""
    handle = person.handle
    from oneonone_cli.domain import noteinput

    journal, command = s.journal_path(), s.command()
    if not force_editor and not at_terminal():
        return _log_piped(store, handle, day, journal, command, s.today, s.note, signals)
    from oneonone_cli.cli import editor
    from oneonone_cli.services.meetings import log_meeting, log_template

    seal = store if store.cipher is not None else None
    flags = _day_flags(day, s.today) + (" --again" if again else "") + _signal_flags(signals)
    with editor.Session(
        journal, handle, day.isoformat(), seal=seal, command=command, flags=flags
    ) as session:
        template = log_template(store, person, day)
        offered = session.offer_leftovers()
        _name_waiting(session.other_days, handle, command, s.today, s.note)
        text = session.edit(template + offered)
        # Left unchanged: nothing was typed, so nothing is logged - unless text kept from an
        # earlier run was offered in it: that is the manager's text, saved as it is, logged.
        if session.unchanged and not offered:
            session.done(logged=False)
            return None
        typed = editor.typed_lines(text)  # as kept: a line number in an error is the draft's
        noteinput.check_note_lines(typed)
        parsed = noteinput.parse_note_lines(typed)
        if parsed.empty:
            session.done()
            return None
        result = log_meeting(
            store, handle, day, parsed.notes, parsed.asked, parsed.follow_ups, signals
        )
        session.done()
    return parsed, result


def _log_piped(
    store, handle: str, day, journal: Path, command: str, today=None, say=None, signals=None
):
    """Notes piped on stdin. When stdin is a kept draft (the replay its message gave), the
    draft is removed once its text is logged; other drafts of this person are named."""
    from oneonone_cli.domain import noteinput
    from oneonone_cli.services.meetings import log_meeting

    replayed, waiting = None, []
    if sys.stdin is None:  # started with stdin closed (<&-): nothing can be read
        raise OneOnOneError(messages.NO_NOTES_STDIN_CLOSED)
    # At most one byte over the limit is read: more is refused, and never read whole.
    data = sys.stdin.buffer.read(noteinput.MAX_INPUT_BYTES + 1)
    if (journal.parent / "drafts").is_dir():  # editor.DRAFTS (not imported for every piped log)
        from oneonone_cli.cli import editor

        replayed = editor.draft_on_stdin(journal)
        if replayed is not None and replayed.sealed:
            data = store.read_sealed_draft(replayed.path)
        waiting = [
            d
            for d in editor.leftovers(journal, handle)
            if replayed is None or d.path != replayed.path
        ]
    _name_waiting(waiting, handle, command, today, say)
    parsed = noteinput.parse_note_lines(noteinput.decode_input(data))
    if parsed.empty:
        return None
    result = log_meeting(store, handle, day, parsed.notes, parsed.asked, parsed.follow_ups, signals)
    if replayed is not None:
        editor.remove(replayed.path)
    return parsed, result


def _day_flags(day, today) -> str:
    """The options a replayed log of `day` needs: --yes when it is more than a year away."""
    from datetime import date as Date

    from oneonone_cli.domain.dates import more_than_a_year

    if today is None:
        return ""
    day = Date.fromisoformat(day) if isinstance(day, str) else day
    return " --yes" if more_than_a_year(day, today) else ""


def _signal_flags(signals) -> str:
    """The --mood/--talk/--status options given, as a replayed or a --no-notes log needs them."""
    if signals is None:
        return ""
    mood, talk, status = signals
    flags = f" --mood {mood}" if mood is not None else ""
    flags += f" --talk {talk}" if talk is not None else ""
    if status is not None:
        flags += " --status" if status else " --no-status"
    return flags


def _name_waiting(waiting: list, handle: str, command: str, today, say=None) -> None:
    """One stderr line naming drafts of this person that this `log` does not take, with the
    command that logs the first one on its own day; `say` (the run's `note`: said once the
    command succeeded) says it, else stderr now."""
    if not waiting:
        return
    from oneonone_cli.cli import editor

    first = waiting[0]
    more = (
        messages.DRAFTS_MORE.format(n=len(waiting) - 1, folder=editor.quote(first.path.parent))
        if waiting[1:]
        else ""
    )
    (say or output.info)(
        messages.DRAFT_NEVER_LOGGED.format(
            handle=handle,
            day=first.day,
            path=editor.quote(first.path),
            more=more,
            hint=editor.replay_hint(
                first.path, handle, first.day, command, _day_flags(first.day, today)
            ),
        )
    )


@app.command()
def cancel(
    ctx: typer.Context,
    handle: HandleArgument,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The 1:1's date (default today).")
    ] = None,
    reason: ReasonOption = None,
    yes: YesOption = False,
    undo: UndoOption = False,
) -> None:
    """Record a cancelled 1:1. They stay due; repeated cancels show as a warning in `due`.
    --undo takes back the latest cancel (to the trash)."""
    from oneonone_cli.domain.dates import cancelled_on
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.services.meetings import cancel_meeting

    s = settings(ctx)
    handle = check_handle(handle)
    if undo:
        return _undo(s, handle, "cancelled", on=on, reason=reason)
    day = cancelled_on(on, s.today, handle)
    confirm_far(day, s.today, yes, "cancelled")
    if not cancel_meeting(s.store(write=True), handle, day, reason):
        output.say(messages.CANCELLED_ALREADY.format(handle=handle, day=day))
        return
    output.say(messages.CANCELLED_RECORDED.format(handle=handle, day=day))


@app.command()
def reschedule(
    ctx: typer.Context,
    handle: HandleArgument,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="The new date.")] = None,
    reason: ReasonOption = None,
    yes: YesOption = False,
    undo: UndoOption = False,
) -> None:
    """Record a moved 1:1: until the new date they are not counted overdue. --undo takes back
    the latest move (to the trash)."""
    from oneonone_cli.domain.dates import moved_to
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.errors import usage_error
    from oneonone_cli.services.meetings import move_meeting

    s = settings(ctx)
    handle = check_handle(handle)
    if undo:
        return _undo(s, handle, "rescheduled", on=to, reason=reason)
    if to is None:
        raise usage_error(messages.RESCHEDULE_NEEDS_TO)
    day = moved_to(to, s.today)
    confirm_far(day, s.today, yes, "moved")
    if not move_meeting(s.store(write=True), handle, s.today, day, reason):
        output.say(messages.RESCHEDULED_ALREADY.format(handle=handle, day=day))
        return
    output.say(messages.RESCHEDULED.format(handle=handle, day=day))


def _undo(s: Settings, handle: str, status: str, **given) -> None:
    """`cancel --undo`, `reschedule --undo`: the person's latest cancel (or move) to the trash,
    so that `due` counts as before it (`meeting rm ID` takes back any one)."""
    from oneonone_cli.errors import usage_error
    from oneonone_cli.services.fixes import latest_of, remove_meeting

    for name, value in given.items():
        if value is not None:
            raise usage_error(
                messages.UNDO_TAKES_NO.format(
                    option="--" + ("to" if name == "on" and status == "rescheduled" else name)
                )
            )
    store = s.store(write=True)
    meeting = latest_of(store, handle, status)
    tid = remove_meeting(store, meeting.id, s.today)
    moved = messages.UNDONE_MOVED.format(moved_to=meeting.moved_to) if meeting.moved_to else ""
    shown = "moved" if status == "rescheduled" else status
    output.say(
        messages.UNDONE.format(
            status=shown, id=meeting.id, handle=handle, day=meeting.on, moved=moved, tid=tid
        )
    )
