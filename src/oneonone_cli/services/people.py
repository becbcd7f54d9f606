"""The people you hold 1:1s with: add, list, change, archive. Returns records; prints nothing."""

from __future__ import annotations

from datetime import date

from oneonone_cli.domain.records import Person
from oneonone_cli.store.core import Store


def add_person(store: Store, person: Person) -> Person:
    store.add_person(person)
    return person


def people(store: Store, *, include_archived: bool = False) -> list[Person]:
    return store.people(include_archived=include_archived)


def change_person(
    store: Store, handle: str, *, name: str | None, relationship: str | None, every: str | None
) -> tuple[Person, Person]:
    """(before, after) of changing what is given of someone's name, relationship and cadence."""
    from oneonone_cli.domain.dates import parse_cadence
    from oneonone_cli.domain.records import check_name, check_relationship

    return store.change_person(
        handle,
        lambda person: person._replace(
            name=check_name(name) if name is not None else person.name,
            relationship=check_relationship(relationship) if relationship else person.relationship,
            every=parse_cadence(every) if every else person.every,
        ),
    )


def archive(store: Store, handle: str, today: date, *, undo: bool = False) -> tuple[Person, Person]:
    """(before, after) of archiving someone (kept archived since the first time), or bringing
    them back."""
    return store.change_person(
        handle, lambda p: p._replace(archived=None if undo else (p.archived or today))
    )
