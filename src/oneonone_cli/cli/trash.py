"""The `trash` sub-app: what was removed (`trash`), putting one back (`trash restore ID`),
deleting for good (`trash empty [--older-than 30d]`)."""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import JsonOption, sub_app
from oneonone_cli.cli.completers import complete_trash_id
from oneonone_cli.cli.context import settings
from oneonone_cli.render import output

trash_app = sub_app("trash")


@trash_app.callback()
def trash(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Removed notes and 1:1s, newest first: 'trash restore ID' puts one back, 'trash empty
    [--older-than 30d]' deletes for good."""
    if ctx.invoked_subcommand is not None:
        return
    from oneonone_cli.render.trash import trash_view
    from oneonone_cli.services.trash import trash_items

    trash_view(trash_items(settings(ctx).store()), as_json)


@trash_app.command()
def restore(
    ctx: typer.Context,
    trash_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The trash ID, as 'oneonone trash' lists it.",
            autocompletion=complete_trash_id,
        ),
    ],
) -> None:
    """Put a removed note or 1:1 back, under its own ID when it is free."""
    from oneonone_cli.domain.ids import parse_id
    from oneonone_cli.services.trash import restore as restore_item

    tid = parse_id(trash_id, "trash")
    done = restore_item(settings(ctx).store(write=True), tid)
    item = done.item
    renumbered = ""
    if done.now_id != item.item_id:
        renumbered = messages.TRASH_RENUMBERED.format(old=item.item_id, now=done.now_id)
    others = done.notes_renumbered
    if others:  # a 1:1's notes that could not keep their IDs
        renumbered += messages.TRASH_RENUMBERED_NOTES.format(
            pairs=", ".join(f"#{o} -> #{n}" for o, n in others.items())
        )
    made = (
        messages.TRASH_MADE_MEETING.format(meeting=done.made_meeting)
        if done.made_meeting is not None
        else ""
    )
    if done.brought:
        made += messages.TRASH_BROUGHT.format(
            ids=", ".join(
                f"#{t}"
                if old == now
                else messages.TRASH_BROUGHT_RENUMBERED.format(tid=t, old=old, now=now)
                for t, old, now in done.brought
            )
        )
    output.say(
        messages.TRASH_RESTORED.format(
            what={"note": "note", "follow-up": "follow-up"}.get(item.what, "1:1"),
            now=done.now_id,
            handle=item.person,
            day=item.on,
            renumbered=renumbered,
            made=made,
        )
    )
    if done.archived:
        settings(ctx).note(messages.TRASH_RESTORED_ARCHIVED.format(handle=item.person))


@trash_app.command()
def empty(
    ctx: typer.Context,
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than", metavar="SPAN", help="Only what was removed longer ago: 30d, 2w, 3m."
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete what the trash holds for good (asks first; --yes does not)."""
    from oneonone_cli.cli.fix import at_terminal
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.render.text import count
    from oneonone_cli.services import trash as service

    s = settings(ctx)
    before = None
    if older_than is not None:
        try:
            before = parse_since(older_than, s.today)
        except OneOnOneError as exc:  # the option is --older-than here, not --since
            if str(exc) != messages.SINCE_IN_FUTURE.format(text=older_than):
                raise
            raise OneOnOneError(messages.TRASH_OLDER_THAN_FUTURE.format(text=older_than)) from None
    older = messages.TRASH_EMPTY_OLDER.format(day=before) if before is not None else ""
    store = s.store(write=True)
    n = service.to_empty(store, before)
    if n == 0:
        held = service.to_empty(store, None)
        if held:  # all of it removed more recently than asked
            output.say(
                messages.TRASH_NOTHING_THAT_OLD.format(
                    day=before, items=count(held, "item"), are="is" if held == 1 else "are"
                )
            )
        else:
            output.say(messages.TRASH_NOTHING_TO_EMPTY.format(older=older))
        return
    if not yes:
        if not at_terminal():
            raise OneOnOneError(messages.TRASH_EMPTY_NEEDS_YES)
        if not typer.confirm(
            messages.CONFIRM_EMPTY_TRASH.format(items=count(n, "item"), older=older),
            default=False,
            err=True,
        ):
            raise OneOnOneError(messages.RM_DECLINED)
    deleted = service.empty(store, before)
    output.say(messages.TRASH_EMPTIED.format(items=count(deleted, "item")))
