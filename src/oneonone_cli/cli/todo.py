"""Follow-ups (`todo`): what was agreed with someone, open until done.

`todo` lists everyone's open follow-ups, oldest first; `todo HANDLE` (or `todo list HANDLE`)
one person's. `todo add HANDLE TEXT` adds one agreed outside a 1:1 (a 1:1's are `log -T`);
`todo done ID...` marks them done, `todo reopen ID...` opens them again, `todo edit ID
[TEXT]` corrects one's text (cli/todo_edit.py), `todo rm ID...` deletes them (the text is said back, with the command that adds it again). A name after
`todo` that is not a subcommand is a handle, as with `prompts`.
"""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import JsonOption, sub_app
from oneonone_cli.cli.completers import (
    complete_done_follow_up_id,
    complete_follow_up_id,
    complete_open_follow_up_id,
)
from oneonone_cli.cli.context import settings
from oneonone_cli.cli.exit_point import ExitPoint
from oneonone_cli.cli.main import first_positional
from oneonone_cli.render import output


class TodoGroup(ExitPoint):
    """`todo`: with no subcommand named, `list` runs (`todo`, `todo alice`, `todo --all`)."""

    def parse_args(self, ctx, args):
        position = first_positional(args, frozenset())
        wants_help = any(a in ("--help", "-h") for a in args)
        if position is not None and args[position] in self.commands:
            name = args[position]
            args = [name, *args[:position], *args[position + 1 :]]
        elif position is None and ctx.resilient_parsing:
            pass  # a Tab press after `todo`: its subcommands are offered
        elif position is not None or not wants_help:
            args = ["list", *args]
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx):
        return ["[OPTIONS]", "[HANDLE | COMMAND [ARGS]...]"]


todo_app = sub_app("todo", cls=TodoGroup)

# The table lists this many, oldest first, unless --limit: a journal of years with hundreds of
# open follow-ups (people who left, promises forgotten) is read a page at a time.
TABLE_LIMIT = 100

IdsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...", help="Follow-up IDs (from 'todo').", autocompletion=complete_follow_up_id
    ),
]
# The same, completing open follow-ups' IDs only (`todo done`), or done ones' (`todo reopen`).
OpenIdsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...",
        help="Follow-up IDs (from 'todo').",
        autocompletion=complete_open_follow_up_id,
    ),
]
DoneIdsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...",
        help="Follow-up IDs (from 'todo --all').",
        autocompletion=complete_done_follow_up_id,
    ),
]


@todo_app.callback()
def todo(ctx: typer.Context) -> None:
    """Follow-ups agreed in 1:1s (log -T), open until done, oldest first.

    'todo' lists everyone's open follow-ups, 'todo HANDLE' one person's, --all the done ones
    too. 'todo add HANDLE TEXT' adds one agreed outside a 1:1; 'todo done ID...' marks them
    done; 'todo reopen ID...' opens them again; 'todo edit ID [TEXT]' corrects one's text;
    'todo rm ID...' deletes them.
    """


@todo_app.command("list")
def list_(
    ctx: typer.Context,
    handle: Annotated[
        str | None, typer.Argument(metavar="HANDLE", help="Only this person's.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Done follow-ups too.")] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            min=1,
            max=1_000_000,
            help=f"How many to list (default: {TABLE_LIMIT} in the table, all with --json).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Open follow-ups (of one person, or everyone), oldest first, with their age in days."""
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.render.todo import todo_view
    from oneonone_cli.services.followups import follow_ups

    s = settings(ctx)
    handle = None if handle is None else check_handle(handle)
    shown = limit if limit is not None else None if as_json else TABLE_LIMIT
    rows, total = follow_ups(s.store(), handle, include_done=all_, limit=shown)
    todo_view(rows, s.today, as_json, person=handle, include_done=all_)
    if total > len(rows) and not as_json:
        output.info(messages.TODO_SHOWING.format(limit=len(rows), total=total))


@todo_app.command()
def add(
    ctx: typer.Context,
    handle: Annotated[str, typer.Argument(metavar="HANDLE", help="Who it is with.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What was agreed.")],
    as_json: JsonOption = False,
) -> None:
    """Add a follow-up agreed outside a 1:1 (one agreed in a 1:1: 'log HANDLE -T TEXT')."""
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.errors import NotInJournal, OneOnOneError
    from oneonone_cli.services.followups import add_follow_up

    s = settings(ctx)
    handle = check_handle(handle)
    try:
        added = add_follow_up(s.store(write=True), handle, text, s.today)
    except NotInJournal:
        if handle not in ("add", "done", "reopen", "rm", "list", "edit"):
            raise
        raise OneOnOneError(messages.TODO_ADD_COMMAND_WORD.format(handle=handle)) from None
    if as_json:
        from oneonone_cli.render.todo import todo_json

        return output.print_json(todo_json([added], s.today)[0])
    output.say(messages.TODO_ADDED.format(id=added.id, handle=handle, text=added.text))


def _ids(values: list[str]) -> list[int]:
    """Follow-up IDs as typed: '12' or '#12' (as `show` writes them)."""
    from oneonone_cli.domain.ids import parse_id

    return [parse_id(value, "follow-up") for value in values]


@todo_app.command()
def done(ctx: typer.Context, ids: OpenIdsArgument) -> None:
    """Mark follow-ups done (all of them, or none when an ID is unknown)."""
    from oneonone_cli.services.followups import mark_done

    s = settings(ctx)
    for f in mark_done(s.store(write=True), _ids(ids), s.today):
        if f.done is not None:
            output.say(messages.TODO_ALREADY_DONE.format(id=f.id, done=f.done, text=f.text))
        else:
            output.say(messages.TODO_DONE.format(id=f.id, handle=f.person, text=f.text))


@todo_app.command()
def reopen(ctx: typer.Context, ids: DoneIdsArgument) -> None:
    """Open again follow-ups marked done by mistake."""
    from oneonone_cli.services.followups import reopen as reopen_

    for f in reopen_(settings(ctx).store(write=True), _ids(ids)):
        if f.done is None:  # as it was before: it was open
            output.say(messages.TODO_ALREADY_OPEN.format(id=f.id, text=f.text))
        else:
            output.say(messages.TODO_REOPENED.format(id=f.id, handle=f.person, text=f.text))


@todo_app.command()
def edit(
    ctx: typer.Context,
    fid: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The follow-up's ID (from 'todo').",
            autocompletion=complete_follow_up_id,
        ),
    ],
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="The new text (else piped, or in $EDITOR)."),
    ] = None,
    edit_: Annotated[
        bool,
        typer.Option("--edit", "-e", help="Edit in $EDITOR even when stdin is not a terminal."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Correct a follow-up's text (open or done): TEXT, piped on stdin, or in $VISUAL/$EDITOR
    at a terminal. Its dates and its 1:1 stay."""
    from oneonone_cli.cli import todo_edit
    from oneonone_cli.cli.fix import at_terminal

    (one,) = _ids([fid])
    todo_edit.edit(settings(ctx), one, text, edit_, at_terminal(), as_json)


@todo_app.command()
def rm(
    ctx: typer.Context,
    ids: IdsArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")] = False,
) -> None:
    """Move follow-ups entered by mistake to the trash (asks first; --yes does not); 'trash
    restore' undoes it. One done is better marked 'todo done'."""
    from oneonone_cli.cli.fix import confirmed
    from oneonone_cli.services.followups import known, remove

    s = settings(ctx)
    store = s.store(write=True)
    wanted = _ids(ids)
    found = known(store, wanted)  # an unknown ID refuses them all before the question
    listed = "; ".join(f"#{f.id} with {f.person}: {f.text}" for f in found)
    confirmed(
        messages.CONFIRM_RM_TODO.format(follow_ups=listed),
        yes,
        ", ".join(f"follow-up #{f.id}" for f in found),
    )
    for f, tid in remove(store, wanted, s.today):
        output.say(messages.TODO_REMOVED.format(id=f.id, handle=f.person, text=f.text, tid=tid))
