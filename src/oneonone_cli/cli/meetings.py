"""Recording 1:1s: held (with notes), cancelled, rescheduled."""


import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from oneonone_cli.render import views as render
from oneonone_cli.cli.app import JsonOption, Settings, app, settings
from oneonone_cli.errors import OneOnOneError

HandleArgument = Annotated[
    str, typer.Argument(metavar="HANDLE", help="Who, e.g. alice.", show_default=False)
]
YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help="Accept a date more than a year away without asking.")
]


@app.command()
def log(
    ctx: typer.Context,
    handle: HandleArgument,
    on: Annotated[
        Optional[str], typer.Option("--on", metavar="DATE", help="When it was held (default today).")
    ] = None,
    roadblock: Annotated[
        Optional[list[str]],
        typer.Option("--roadblock", "-R", "-r", metavar="TEXT",
                     help="A roadblock note (repeatable).")
    ] = None,
    morale: Annotated[
        Optional[list[str]],
        typer.Option("--morale", "-M", "-m", metavar="TEXT", help="A morale note (repeatable).")
    ] = None,
    asked: Annotated[
        Optional[list[str]],
        typer.Option("--asked", metavar="ID", help="A prompt ID you used (repeatable).")
    ] = None,
    edit_: Annotated[bool, typer.Option("--edit", "-e", help="Write the notes in $EDITOR.")] = False,
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

    With no -R/-M/--asked, notes are read from stdin when it is piped (one per line, starting
    'r:', 'm:' or 'asked:'), or written in $VISUAL/$EDITOR on a template at a terminal.
    Editor text that is not logged is kept in drafts/ beside the journal (encrypted with an
    encrypted journal); the next log of that person offers it.
    """
    from oneonone_cli.domain import noteinput
    from oneonone_cli.domain.dates import parse_date
    from oneonone_cli.errors import usage_error
    from oneonone_cli.domain.records import HELD, check_handle

    s = settings(ctx)
    handle = check_handle(handle)
    day = parse_date(on, s.today, -1) if on is not None else s.today
    if day > s.today:
        raise OneOnOneError(f"{day} is in the future: log a 1:1 once it has been held")
    if no_notes and (roadblock or morale or asked or edit_):
        raise usage_error("--no-notes records a 1:1 without notes: leave out -R/-M/--asked/--edit, "
                          "or --no-notes")  # fmt: skip
    parsed = noteinput.ParsedNotes()
    parsed.notes += [noteinput.NoteDraft("roadblock", noteinput.check_note_text(t, "roadblock"))
                     for t in roadblock or ()]  # fmt: skip
    parsed.notes += [noteinput.NoteDraft("morale", noteinput.check_note_text(t, "morale"))
                     for t in morale or ()]  # fmt: skip
    parsed.asked += list(dict.fromkeys(asked or ()))  # a prompt asked twice is asked once
    # Everything that can refuse the 1:1 is checked before stdin is read or the editor opens,
    # so that nothing typed there is lost to a refusal.
    confirm_far(day, s.today, yes, "held")
    store = s.store(write=True)
    person = store.person(handle)
    # A second 1:1 on the same day is most often the first one logged again: at a terminal it
    # is asked about (before the editor opens), elsewhere it is logged and said so.
    when = "today" if day == s.today else f"on {day}"
    second = not again and store.has_meeting(handle, day, HELD)
    if second and at_terminal() and not typer.confirm(
        f"A 1:1 with {handle} is already logged {when}. Log a second one?", default=False,
        err=True,
    ):
        raise OneOnOneError(f"nothing was written: a 1:1 with {handle} is already logged {when} "
                            f"('oneonone show {handle}'); --again logs a second one")  # fmt: skip
    if person.archived is not None:
        render.info(f"note: {handle} is archived (since {person.archived}); 'oneonone archive "
                    f"{handle} --undo' brings them back into due")  # fmt: skip
    if parsed.empty and not no_notes:
        logged = _log_from_user(store, person, day, s, force_editor=edit_)
        if logged is None:
            render.info("Nothing to log: no notes were given, so nothing was written.")
            return
        parsed, (meeting_id, note_ids) = logged
    else:
        from oneonone_cli.services.prompts import check_prompts_exist

        check_prompts_exist(store, parsed.asked)
        meeting_id, note_ids = store.log_meeting(handle, day, parsed.notes, parsed.asked)
        journal = s.journal_path()
        if (journal.parent / "drafts").is_dir():  # editor.DRAFTS, not imported for every log
            from oneonone_cli.cli import editor

            _name_waiting(editor.leftovers(journal, handle), handle, _command(s), s.today)
    if second and not at_terminal():
        render.info(f"note: a 1:1 with {handle} was already logged {when}, so this is a second "
                    f"one ('oneonone show {handle}' lists both); --again says it is meant")  # fmt: skip
    if as_json:
        render.print_json({"meeting_id": meeting_id, "note_ids": note_ids, "person": handle,
                           "date": day.isoformat(), "asked": parsed.asked})  # fmt: skip
    else:
        asked_text = f", asked {', '.join(parsed.asked)}." if parsed.asked else "."
        render.say(f"Logged 1:1 with {handle} on {day}: {render.count(len(note_ids), 'note')}"
                   f"{asked_text}")  # fmt: skip


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
        raise OneOnOneError(f"{day} is more than a year {away}: check the date, or add --yes if "
                            "it is right")  # fmt: skip
    if not typer.confirm(f"{day} is more than a year {away}. Record the 1:1 as {what} then?",
                         default=False, err=True):  # fmt: skip
        raise OneOnOneError("nothing was written: run it again with the right date")


def _log_from_user(store, person, day, s: Settings, *, force_editor: bool):
    """Notes piped on stdin, or typed in the editor, logged: (parsed, (meeting, note ids)), or
    None when there was nothing to log. Editor text that is not logged is kept (editor.py)."""
    handle = person.handle
    from oneonone_cli.domain import noteinput

    journal, command = s.journal_path(), _command(s)
    if not force_editor and not at_terminal():
        return _log_piped(store, handle, day, journal, command, s.today)
    from oneonone_cli.cli import editor
    from oneonone_cli.domain.prompts import prompt_mix
    from oneonone_cli.services.reports import person_prompts

    seal = store if store.cipher is not None else None
    flags = _day_flags(day, s.today)
    with editor.Session(journal, handle, day.isoformat(), seal=seal, command=command,
                        flags=flags) as session:  # fmt: skip
        template = noteinput.editor_template(
            person, store.last_held(handle), store.recent_notes(handle, "roadblock", 5),
            prompt_mix(person_prompts(store, handle), store.meeting_count(handle)), day,
            store.recent_notes(handle, "morale", 5),
        )  # fmt: skip
        offered = session.offer_leftovers()
        _name_waiting(session.other_days, handle, command, s.today)
        text = session.edit(template + offered)
        if session.unchanged:  # quit without saving: nothing is logged, leftovers are kept
            if session.absorbed:
                render.info("note: " + session.keep_unlogged(
                    "the file was left unchanged, so the text typed earlier was not logged"))
            elif session.earlier:
                render.info("note: the file was left unchanged, so the text typed earlier was "
                            "not logged; the next log of them offers it again")  # fmt: skip
            session.done(logged=False)
            return None
        noteinput.check_note_lines(text)
        parsed = noteinput.parse_note_lines(text)
        if parsed.empty:
            session.done()
            return None
        from oneonone_cli.services.prompts import check_prompts_exist

        check_prompts_exist(store, parsed.asked)
        result = store.log_meeting(handle, day, parsed.notes, parsed.asked)
        session.done()
    return parsed, result


def _log_piped(store, handle: str, day, journal: Path, command: str, today=None):
    """Notes piped on stdin. When stdin is a kept draft (the replay its message gave), the
    draft is removed once its text is logged; other drafts of this person are named."""
    from oneonone_cli.domain import noteinput

    replayed, waiting = None, []
    if sys.stdin is None:  # started with stdin closed (<&-): nothing can be read
        raise OneOnOneError("no notes given and stdin is closed: pass notes with -R/-M, pipe "
                            "them in, or use --edit at a terminal")  # fmt: skip
    # At most one byte over the limit is read: more is refused, and never read whole.
    data = sys.stdin.buffer.read(noteinput.MAX_INPUT_BYTES + 1)
    if (journal.parent / "drafts").is_dir():  # editor.DRAFTS (not imported for every piped log)
        from oneonone_cli.cli import editor

        replayed = editor.draft_on_stdin(journal)
        if replayed is not None and replayed.sealed:
            data = store.read_sealed_draft(replayed.path)
        waiting = [d for d in editor.leftovers(journal, handle)
                   if replayed is None or d.path != replayed.path]  # fmt: skip
    _name_waiting(waiting, handle, command, today)
    parsed = noteinput.parse_note_lines(noteinput.decode_input(data))
    if parsed.empty:
        return None
    from oneonone_cli.services.prompts import check_prompts_exist

    check_prompts_exist(store, parsed.asked)
    result = store.log_meeting(handle, day, parsed.notes, parsed.asked)
    if replayed is not None:
        editor.remove(replayed.path)
    return parsed, result


def _command(s: Settings) -> str:
    """How the messages tell the manager to run oneonone on this journal, from any folder."""
    return "oneonone" if s.db is None else f"oneonone --db {_quote(s.journal_path().absolute())}"


def _day_flags(day, today) -> str:
    """The options a replayed log of `day` needs: --yes when it is more than a year away."""
    from datetime import date as Date

    from oneonone_cli.domain.dates import more_than_a_year

    if today is None:
        return ""
    day = Date.fromisoformat(day) if isinstance(day, str) else day
    return " --yes" if more_than_a_year(day, today) else ""


def _name_waiting(waiting: list, handle: str, command: str, today) -> None:
    """One stderr line naming drafts of this person that this `log` does not take, with the
    command that logs the first one on its own day."""
    if not waiting:
        return
    from oneonone_cli.cli import editor

    first = waiting[0]
    more = f" (and {len(waiting) - 1} more in {editor.quote(first.path.parent)})" if waiting[1:] else ""
    render.info(
        f"note: text typed for a 1:1 with {handle} on {first.day} was never logged; it is "
        f"kept in {editor.quote(first.path)}{more}: "
        f"{editor.replay_hint(first.path, handle, first.day, command, _day_flags(first.day, today))}"
    )


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


@app.command()
def cancel(
    ctx: typer.Context,
    handle: HandleArgument,
    on: Annotated[
        Optional[str], typer.Option("--on", metavar="DATE", help="The 1:1's date (default today).")
    ] = None,
    reason: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="Why, for your memory.")
    ] = None,
    yes: YesOption = False,
) -> None:
    """Record a cancelled 1:1. They stay due; repeated cancels show as a warning in `due`."""
    from oneonone_cli.domain.dates import parse_date
    from oneonone_cli.domain.records import check_handle

    s = settings(ctx)
    handle = check_handle(handle)
    day = parse_date(on, s.today, -1) if on is not None else s.today
    if day > s.today:
        raise OneOnOneError(f"{day} is in the future: record a cancelled 1:1 on its day or after "
                            f"(to move it, 'oneonone reschedule {handle} --to {day}')")  # fmt: skip
    confirm_far(day, s.today, yes, "cancelled")
    if not s.store(write=True).cancel(handle, day, _reason(reason)):
        render.say(f"The 1:1 with {handle} on {day} is already recorded as cancelled: "
                   "nothing changed.")  # fmt: skip
        return
    render.say(f"Recorded the cancelled 1:1 with {handle} on {day}.")


@app.command()
def reschedule(
    ctx: typer.Context,
    handle: HandleArgument,
    to: Annotated[str, typer.Option("--to", metavar="DATE", help="The new date.")],
    reason: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="Why, for your memory.")
    ] = None,
    yes: YesOption = False,
) -> None:
    """Record a moved 1:1: until the new date they are not counted overdue."""
    from oneonone_cli.domain.dates import parse_date
    from oneonone_cli.domain.records import check_handle

    s = settings(ctx)
    handle = check_handle(handle)
    day = parse_date(to, s.today, +1)
    if day < s.today:
        raise OneOnOneError(f"{day} is in the past: reschedule to today or later")
    confirm_far(day, s.today, yes, "moved")
    if s.store(write=True).reschedule(handle, s.today, day, _reason(reason)) is None:
        render.say(f"The 1:1 with {handle} is already moved to {day}: nothing changed.")
        return
    render.say(f"Moved the 1:1 with {handle} to {day}.")


def _reason(reason: str | None) -> str | None:
    if reason is not None and not reason.strip():
        raise OneOnOneError("--reason is empty: write why in quotes, or leave --reason out")
    return reason
