"""The command line: parse options, call the store and the domain, hand rows to the renderer."""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from oneonone_cli import __version__, render
from oneonone_cli.dates import parse_cadence, parse_date, parse_since, parse_until
from oneonone_cli.errors import Exit, OneOnOneError, usage_error
from oneonone_cli.model import check_handle, check_kind, check_relationship

# ---------------------------------------------------------------- the one exit point


class Group(TyperGroup):
    """Runs the app and turns every problem the user can fix into one line on stderr."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort

        code = Exit.OK
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
            code = result if isinstance(result, int) else Exit.OK
        except OneOnOneError as exc:
            render.error(str(exc))
            code = exc.exit_code
        except ClickException as exc:
            hint = " (see 'oneonone --help')"
            ctx = getattr(exc, "ctx", None)
            if ctx is not None and ctx.command_path:
                hint = f" (see '{ctx.command_path} --help')"
            render.error(exc.format_message() + hint)
            code = exc.exit_code
        except (Abort, KeyboardInterrupt):
            render.error("interrupted: nothing was written")
            code = Exit.PROBLEM
        except sqlite3.OperationalError as exc:
            render.error(_sqlite_message(exc))
            code = Exit.PROBLEM
        if standalone_mode:
            sys.exit(code)
        return code


def _sqlite_message(exc: sqlite3.OperationalError) -> str:
    text = str(exc)
    if "readonly" in text:
        return "the journal is read-only: check the file's permissions or choose another --db"
    if "locked" in text or "busy" in text:
        return "the journal is busy with another oneonone command: try again in a moment"
    if "disk" in text or "full" in text:
        return f"cannot write the journal ({text}): free some disk space and try again"
    return f"cannot use the journal ({text}): check the --db path or restore a backup"


app = typer.Typer(
    cls=Group,
    help="A local-first journal for your 1:1s: notes, cadence, prompts and recurring themes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # notes are private: never print locals
    rich_markup_mode=None,
)
themes_app = typer.Typer(
    cls=Group,
    help="Roadblocks (or morale themes) that keep coming back across people and weeks.",
    invoke_without_command=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
app.add_typer(themes_app, name="themes")


@dataclass(frozen=True)
class Settings:
    db: Path | None  # None: the default journal
    today: date

    def store(self, *, write: bool = False):
        from oneonone_cli.store import Store, loose_permissions

        path = self.db if self.db is not None else default_db_path()
        store = Store.open(path, create=write, make_parents=self.db is None)
        if store.path is not None and loose_permissions(store.path):
            render.info(
                f"warning: {store.path} can be read by other users: run 'chmod 600 {store.path}'"
            )
        return store


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("oneonone", appauthor=False)) / "journal.db"


def _today() -> date:
    """The one place the clock is read. ONEONONE_TODAY pins it (tests, reproducible reports)."""
    pinned = os.environ.get("ONEONONE_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise OneOnOneError(f"ONEONONE_TODAY='{pinned}' is not a YYYY-MM-DD date") from None
    return date.today()


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"oneonone {__version__}\n")
        raise typer.Exit()


DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        envvar="ONEONONE_DB",
        help="The journal file (default: in your user data folder).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@app.callback()
def root(
    ctx: typer.Context,
    db: DbOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = Settings(Path(db).expanduser() if db else None, _today())


def settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj


# ---------------------------------------------------------------- people


@app.command()
def add(
    ctx: typer.Context,
    handle: Annotated[str, typer.Argument(help="A short lowercase slug, e.g. alice.")],
    name: Annotated[Optional[str], typer.Option(help="Their full name.")] = None,
    relationship: Annotated[
        str,
        typer.Option("--as", help="report, skip-level, teammate, peer or cross-team."),
    ] = "report",
    every: Annotated[
        Optional[str], typer.Option(help="Cadence: 1w, 2w, 1m, weekly, monthly... ")
    ] = None,
) -> None:
    """Add a person you hold 1:1s with."""
    from oneonone_cli.model import Person

    s = settings(ctx)
    person = Person.new(handle, name=name, relationship=relationship, every=every, today=s.today)
    s.store(write=True).add_person(person)
    print(f"Added {person.name} ({person.handle}), {person.relationship}, every {person.every}.")


@app.command()
def people(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include archived people.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List everyone in the journal."""
    render.people_view(settings(ctx).store().people(include_archived=all_), as_json)


@app.command()
def edit(
    ctx: typer.Context,
    handle: str,
    name: Annotated[Optional[str], typer.Option(help="A new full name.")] = None,
    relationship: Annotated[Optional[str], typer.Option("--as", help="A new relationship.")] = None,
    every: Annotated[Optional[str], typer.Option(help="A new cadence.")] = None,
) -> None:
    """Change someone's name, relationship or cadence."""
    if name is None and relationship is None and every is None:
        raise usage_error("nothing to change: pass --name, --as or --every")
    store = settings(ctx).store(write=True)
    person = store.person(handle)
    person = replace(
        person,
        name=name.strip() or person.name if name is not None else person.name,
        relationship=check_relationship(relationship) if relationship else person.relationship,
        every=parse_cadence(every) if every else person.every,
    )
    store.update_person(person)
    print(f"Updated {person.name} ({person.handle}), {person.relationship}, every {person.every}.")


@app.command()
def archive(
    ctx: typer.Context,
    handle: str,
    undo: Annotated[bool, typer.Option("--undo", help="Bring them back.")] = False,
) -> None:
    """Take someone out of `due` (they left the team); every note is kept."""
    s = settings(ctx)
    store = s.store(write=True)
    person = store.person(handle)
    store.update_person(replace(person, archived=None if undo else s.today))
    print(f"{'Restored' if undo else 'Archived'} {person.name} ({handle}).")


# ---------------------------------------------------------------- meetings


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
        print(f"Logged 1:1 with {handle} on {day}: {len(note_ids)} note(s)"
              + (f", asked {', '.join(parsed.asked)}." if parsed.asked else "."))  # fmt: skip


def _notes_from_user(store, handle: str, s: Settings, *, force_editor: bool):
    from oneonone_cli import noteinput

    if not force_editor and not sys.stdin.isatty():
        return noteinput.parse_note_lines(sys.stdin.read())
    from oneonone_cli import editor
    from oneonone_cli.model import audience_of
    from oneonone_cli.prompts import prompts_for

    person = store.person(handle)
    unused = prompts_for(store.prompt_bank(), audience_of(person.relationship),
                         store.asked_of(handle), store.team_last_asked())[:6]  # fmt: skip
    template = noteinput.editor_template(
        person, store.last_held(handle), store.recent_notes(handle, "roadblock", 5),
        [p for p in store.prompt_bank() if p.id in {u.id for u in unused}], s.today,
    )  # fmt: skip
    text = editor.edit(template)
    try:
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
    s = settings(ctx)
    check_handle(handle)
    day = parse_date(on, s.today) if on else s.today
    s.store(write=True).cancel(handle, day, reason)
    print(f"Recorded the cancelled 1:1 with {handle} on {day}.")


@app.command()
def reschedule(
    ctx: typer.Context,
    handle: str,
    to: Annotated[str, typer.Option("--to", help="The new date.")],
    reason: Annotated[Optional[str], typer.Option(help="Why, for your memory.")] = None,
) -> None:
    """Record a moved 1:1: until the new date they are not counted overdue."""
    s = settings(ctx)
    check_handle(handle)
    day = parse_date(to, s.today)
    if day < s.today:
        raise OneOnOneError(f"{day} is in the past: reschedule to today or later")
    s.store(write=True).reschedule(handle, s.today, day, reason)
    print(f"Moved the 1:1 with {handle} to {day}.")


# ---------------------------------------------------------------- reports


@app.command()
def due(
    ctx: typer.Context,
    within: Annotated[
        Optional[str], typer.Option(help="Also list who is due within this span: 7d, 2w, a date.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="List everyone, due or not.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Who is due a 1:1, most overdue first."""
    render.due_view(due_report(settings(ctx), within=within, include_all=all_), as_json)


def due_report(s: Settings, *, within: str | None = None, include_all: bool = False):
    from oneonone_cli.cadence import due_rows

    until = parse_until(within, s.today) if within else s.today
    store = s.store()
    return due_rows(store.meeting_facts(store.people()), s.today, until=until,
                    include_all=include_all)  # fmt: skip


@app.command()
def prompts(
    ctx: typer.Context,
    handle: Annotated[
        Optional[str], typer.Argument(help="A person; or 'add' / 'retire' to manage the bank.")
    ] = None,
    text: Annotated[
        Optional[str], typer.Argument(help="With add: the question. With retire: its ID.")
    ] = None,
    kind: Annotated[Optional[str], typer.Option(help="morale or roadblock.")] = None,
    for_: Annotated[
        str, typer.Option("--for", help="With add: reports, non-reports or all.")
    ] = "all",
    all_: Annotated[
        bool, typer.Option("--all", help="Include prompts already used; alone: the whole bank.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Open-ended prompts not yet used with someone, least used across the team first.

    'prompts' alone: each person's count of unused prompts. 'prompts add "TEXT" --kind K
    [--for reports|non-reports|all]' adds your own; 'prompts retire ID' hides one.
    """
    from oneonone_cli import prompts as bank

    s = settings(ctx)
    if kind is not None:
        check_kind(kind)
    if handle == "add":
        if text is None or kind is None:
            raise usage_error("usage: oneonone prompts add \"QUESTION\" --kind morale|roadblock")
        store = s.store(write=True)
        prompt = bank.new_prompt(text, kind, for_, {p.id for p in store.prompt_bank()})
        store.add_prompt(prompt)
        print(f"Added prompt {prompt.id}: {prompt.text}")
        return
    if handle == "retire":
        if text is None:
            raise usage_error("usage: oneonone prompts retire PROMPT_ID")
        s.store(write=True).retire_prompt(bank.check_prompt_id(text), s.today)
        print(f"Retired prompt {text}: it will not be suggested again.")
        return
    if text is not None:
        raise usage_error(f"unexpected '{text}': use 'oneonone prompts HANDLE'")
    store = s.store()
    if handle is None and all_:
        chosen = [p for p in store.prompt_bank() if kind is None or p.kind == kind]
        return render.bank_view(chosen, as_json)
    if handle is None:
        return render.prompt_counts_view(_prompt_counts(store), as_json)
    rows = person_prompts(store, check_handle(handle), kind=kind, include_used=all_)
    render.prompts_view(rows, as_json, person=handle)


def person_prompts(store, handle: str, *, kind: str | None = None, include_used: bool = False):
    from oneonone_cli.model import audience_of
    from oneonone_cli.prompts import prompts_for

    person = store.person(handle)
    return prompts_for(store.prompt_bank(), audience_of(person.relationship),
                       store.asked_of(handle), store.team_last_asked(),
                       kind=kind, include_used=include_used)  # fmt: skip


def _prompt_counts(store):
    from oneonone_cli.model import audience_of
    from oneonone_cli.prompts import PromptCount, unused_counts

    all_prompts = store.prompt_bank()
    asked = store.asked_by_person()
    rows = []
    for person in store.people():
        counts = unused_counts(all_prompts, audience_of(person.relationship),
                               asked.get(person.handle, set()))  # fmt: skip
        rows.append(PromptCount(person.handle, person.name, person.relationship, **counts))
    return rows


@app.command()
def show(
    ctx: typer.Context,
    handle: str,
    since: Annotated[Optional[str], typer.Option(help="Only this recent: 30d, 3m, a date.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="Only roadblock or morale notes.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Someone's 1:1s and notes, newest first."""
    s = settings(ctx)
    check_handle(handle)
    start = parse_since(since, s.today) if since else None
    if kind is not None:
        check_kind(kind)
    store = s.store()
    person = store.person(handle)
    render.history_view(person, store.history(handle, since=start, kind=kind), as_json)


@themes_app.callback()
def themes(
    ctx: typer.Context,
    since: Annotated[str, typer.Option(help="The window: 30d, 2w, 3m, 1y or a date.")] = "30d",
    person: Annotated[Optional[str], typer.Option(help="Only this person's notes.")] = None,
    kind: Annotated[str, typer.Option(help="roadblock, morale or all.")] = "roadblock",
    min_: Annotated[
        int, typer.Option("--min", help="Mentions (in different 1:1s) that make a theme.")
    ] = 2,
    as_json: JsonOption = False,
) -> None:
    """Recurring themes among notes: the roadblocks everyone got used to."""
    if ctx.invoked_subcommand is not None:
        return
    s = settings(ctx)
    start = parse_since(since, s.today)
    rows = themes_report(s, since=start, person=person, kind=kind, min_mentions=min_)
    who = f" for {person}" if person else ""
    render.themes_view(rows, as_json, title=f"Recurring {kind} themes{who} since {start}")


def themes_report(s: Settings, *, since: date, person: str | None, kind: str, min_mentions: int):
    from oneonone_cli.theme_report import theme_rows
    from oneonone_cli.themes import group, load_lexicon

    check_kind(kind, allow_all=True)
    store = s.store()
    if person is not None:
        store.person(check_handle(person))
    lexicon = load_lexicon(*store.user_lexicon())
    sigs = store.note_signatures(lexicon, since=since, until=s.today,
                                 kind=None if kind == "all" else kind, person=person)  # fmt: skip
    groups = group(sigs, lexicon, min_mentions=min_mentions)
    notes = store.notes_by_id({i for g in groups for i in g.note_ids})
    return theme_rows(groups, sigs, notes)


# ---------------------------------------------------------------- demo


@app.command()
def demo(
    ctx: typer.Context,
    db: Annotated[
        Optional[str], typer.Option("--db", help="Where to write it (default: a new temporary file).")
    ] = None,
) -> None:
    """Write a realistic sample journal and show due, themes and prompts from it."""
    from oneonone_cli.demo import build_demo, demo_path

    today = settings(ctx).today
    path = demo_path(Path(db).expanduser() if db else None)
    build_demo(path, today)
    s = Settings(path, today)
    render.info(f"Demo journal written to {path}\n")
    render.due_view(due_report(s), as_json=False)
    since = parse_since("90d", today)
    rows = themes_report(s, since=since, person=None, kind="roadblock", min_mentions=2)
    render.themes_view(rows, as_json=False, title=f"Recurring roadblock themes since {since}")
    render.prompts_view(person_prompts(s.store(), "alice")[:8], as_json=False, person="alice")
    render.info(
        f"\nExplore it: oneonone --db {path} show alice   |   oneonone --db {path} due --all\n"
        f"            oneonone --db {path} themes --since 90d --json"
    )


def main() -> None:
    app()

