"""Adding and changing the people you hold 1:1s with."""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import AnyHandleArgument, HandleArgument, JsonOption, app
from oneonone_cli.cli.context import settings
from oneonone_cli.render import output
from oneonone_cli.render.people import people_view


@app.command()
def add(
    ctx: typer.Context,
    handle: Annotated[
        str, typer.Argument(metavar="HANDLE", help="A short lowercase slug, e.g. alice.")
    ],
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="Their full name.")] = None,
    relationship: Annotated[
        str,
        typer.Option(
            "--as", metavar="RELATIONSHIP", help="report, skip-level, teammate, peer or cross-team."
        ),
    ] = "report",
    every: Annotated[
        str | None,
        typer.Option(metavar="CADENCE", help="Cadence: 1w, 2w, 1m, weekly, monthly... "),
    ] = None,
) -> None:
    """Add a person you hold 1:1s with."""
    from oneonone_cli.domain.records import Person
    from oneonone_cli.services.people import add_person

    s = settings(ctx)
    if every is None:  # the settings file's cadence for this relationship, if it sets one
        from oneonone_cli.config import default_cadence
        from oneonone_cli.domain.records import check_relationship

        every = default_cadence(check_relationship(relationship))
    person = Person.new(handle, name=name, relationship=relationship, every=every, today=s.today)
    add_person(s.store(write=True), person)
    output.say(
        messages.PERSON_ADDED.format(
            who=_who(person), relationship=person.relationship, every=person.every
        )
    )


def _who(person) -> str:
    """'Alice Smith (alice)', or just 'alice' when no name was given."""
    return person.handle if person.name == person.handle else f"{person.name} ({person.handle})"


@app.command()
def people(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include archived people.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List everyone in the journal."""
    from oneonone_cli.services.people import people

    people_view(people(settings(ctx).store(), include_archived=all_), as_json)


@app.command()
def edit(
    ctx: typer.Context,
    handle: HandleArgument,
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="A new full name.")] = None,
    relationship: Annotated[
        str | None, typer.Option("--as", metavar="RELATIONSHIP", help="A new relationship.")
    ] = None,
    every: Annotated[str | None, typer.Option(metavar="CADENCE", help="A new cadence.")] = None,
) -> None:
    """Change someone's name, relationship or cadence."""
    from oneonone_cli.domain.records import check_changes, check_handle
    from oneonone_cli.services.people import change_person

    check_changes(name, relationship, every)
    handle = check_handle(handle)
    before, person = change_person(
        settings(ctx).store(write=True), handle, name=name, relationship=relationship, every=every
    )
    if person == before:
        output.say(
            messages.PERSON_UNCHANGED.format(
                who=_who(person), relationship=person.relationship, every=person.every
            )
        )
        return
    output.say(
        messages.PERSON_UPDATED.format(
            who=_who(person), relationship=person.relationship, every=person.every
        )
    )


@app.command()
def archive(
    ctx: typer.Context,
    handle: AnyHandleArgument,
    undo: Annotated[bool, typer.Option("--undo", help="Bring them back.")] = False,
) -> None:
    """Take someone out of `due` (they left the team); every note is kept."""
    from oneonone_cli.domain.records import check_handle
    from oneonone_cli.services.people import archive as archive_person

    handle = check_handle(handle)
    s = settings(ctx)
    before, person = archive_person(s.store(write=True), handle, s.today, undo=undo)
    if person == before:  # nothing to do: say so, not "Archived" again
        state = (
            messages.PERSON_NOT_ARCHIVED
            if undo
            else messages.PERSON_ALREADY_ARCHIVED.format(day=person.archived)
        )
        output.say(messages.PERSON_ARCHIVE_UNCHANGED.format(who=_who(person), state=state))
        return
    output.say(
        (messages.PERSON_RESTORED if undo else messages.PERSON_ARCHIVED).format(who=_who(person))
    )
