"""Recording 1:1s: held (with notes), cancelled, rescheduled."""


import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from oneonone_cli import render
from oneonone_cli.app import JsonOption, Settings, app, settings
from oneonone_cli.errors import OneOnOneError


@app.command()
def log(
    ctx: typer.Context,
    handle: str,
    on: Annotated[Optional[str], typer.Option("--on", help="When it was held (default today).")] = None,
    roadblock: Annotated[
        Optional[list[str]], typer.Option("--roadblock", "-R", help="A roadblock note (repeatable).")
    ] = None,
    morale: Annotated[
        Optional[list[str]], typer.Option("--morale", "-M", help="A morale note (repeatable).")
    ] = None,
    asked: Annotated[
        Optional[list[str]], typer.Option("--asked", help="A prompt ID you used (repeatable).")
    ] = None,
    edit_: Annotated[bool, typer.Option("--edit", "-e", help="Write the notes in $EDITOR.")] = False,
    no_notes: Annotated[
        bool, typer.Option("--no-notes", help="Record the 1:1 as held, with no notes.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Record a 1:1 you held, with its roadblock and morale notes.

    With no -R/-M/--asked, notes are read from stdin when it is piped (one per line, starting
    'r:', 'm:' or 'asked:'), or written in $VISUAL/$EDITOR on a template at a terminal.
    """
    from oneonone_cli import noteinput
    from oneonone_cli.dates import parse_date
    from oneonone_cli.model import check_handle

    s = settings(ctx)
    check_handle(handle)
    day = parse_date(on, s.today) if on else s.today
    if day > s.today:
        raise OneOnOneError(f"{day} is in the future: log a 1:1 once it has been held")
    parsed = noteinput.ParsedNotes()
    parsed.notes += [noteinput.NoteDraft("roadblock", noteinput.check_note_text(t, "roadblock"))
                     for t in roadblock or ()]  # fmt: skip
    parsed.notes += [noteinput.NoteDraft("morale", noteinput.check_note_text(t, "morale"))
                     for t in morale or ()]  # fmt: skip
    parsed.asked += [a for a in asked or () if a not in parsed.asked]
    store = s.store(write=True)
    if parsed.empty and not no_notes:
        parsed = _notes_from_user(store, handle, s, force_editor=edit_)
        if parsed.empty:
            render.info("Nothing to log: no notes were given, so nothing was written.")
            return
    meeting_id, note_ids = store.log_meeting(handle, day, parsed.notes, parsed.asked)
    if as_json:
        render.print_json({"meeting_id": meeting_id, "note_ids": note_ids, "person": handle,
                           "date": day.isoformat(), "asked": parsed.asked})  # fmt: skip
    else:
        asked_text = f", asked {', '.join(parsed.asked)}." if parsed.asked else "."
        render.say(f"Logged 1:1 with {handle} on {day}: {len(note_ids)} note(s){asked_text}")


def _notes_from_user(store, handle: str, s: Settings, *, force_editor: bool):
    from oneonone_cli import noteinput

    if not force_editor and not sys.stdin.isatty():
        data = sys.stdin.buffer.read(noteinput.MAX_INPUT_BYTES + 1)  # more is refused: never all of it
        return noteinput.parse_note_lines(noteinput.decode_input(data))
    from oneonone_cli import editor
    from oneonone_cli.reports import person_prompts

    template = noteinput.editor_template(
        store.person(handle), store.last_held(handle), store.recent_notes(handle, "roadblock", 5),
        person_prompts(store, handle)[:6], s.today,
    )  # fmt: skip
    text = editor.edit(template)
    try:
        noteinput.check_note_lines(text)
        return noteinput.parse_note_lines(text)
    except OneOnOneError as exc:
        saved = _save_recovery(text, store)
        raise OneOnOneError(
            f"{exc}; your text is kept in {saved}: fix it, then run "
            f"'oneonone log {handle} < {saved}'"
        ) from None


def _save_recovery(text: str, store) -> Path:
    """Keep what the manager typed in the editor when it cannot be logged as it is."""
    import tempfile

    folder = store.path.parent if store.path is not None else Path(tempfile.gettempdir())
    fd, name = tempfile.mkstemp(prefix="unsaved-1on1-", suffix=".txt", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:  # mkstemp creates it 0600
        handle.write(text)
    return Path(name)


@app.command()
def cancel(
    ctx: typer.Context,
    handle: str,
    on: Annotated[Optional[str], typer.Option("--on", help="The 1:1's date (default today).")] = None,
    reason: Annotated[Optional[str], typer.Option(help="Why, for your memory.")] = None,
) -> None:
    """Record a cancelled 1:1. They stay due; repeated cancels show as a warning in `due`."""
    from oneonone_cli.dates import parse_date
    from oneonone_cli.model import check_handle

    s = settings(ctx)
    check_handle(handle)
    day = parse_date(on, s.today) if on else s.today
    s.store(write=True).cancel(handle, day, reason)
    render.say(f"Recorded the cancelled 1:1 with {handle} on {day}.")


@app.command()
def reschedule(
    ctx: typer.Context,
    handle: str,
    to: Annotated[str, typer.Option("--to", help="The new date.")],
    reason: Annotated[Optional[str], typer.Option(help="Why, for your memory.")] = None,
) -> None:
    """Record a moved 1:1: until the new date they are not counted overdue."""
    from oneonone_cli.dates import parse_date
    from oneonone_cli.model import check_handle

    s = settings(ctx)
    check_handle(handle)
    day = parse_date(to, s.today)
    if day < s.today:
        raise OneOnOneError(f"{day} is in the past: reschedule to today or later")
    s.store(write=True).reschedule(handle, s.today, day, reason)
    render.say(f"Moved the 1:1 with {handle} to {day}.")
