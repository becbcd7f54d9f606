"""The people table: who the manager meets, and how often."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from oneonone_cli import messages
from oneonone_cli.domain.records import RESERVED_HANDLES, Cadence, Person
from oneonone_cli.errors import NotInJournal, OneOnOneError
from oneonone_cli.store.meetings import _d
from oneonone_cli.suggest import did_you_mean


class PeopleMixin:
    """The Store's people (see `Store`)."""

    def add_person(self, person: Person) -> None:
        """Checked and inserted in one transaction: of two `add` of one handle at once, one adds
        and the other is told the handle is taken."""
        taken = OneOnOneError(messages.PERSON_ALREADY_IN_JOURNAL.format(handle=person.handle))
        if self._person_row(person.handle) is not None:
            raise taken  # without taking the write lock
        with self.transaction():
            if self._person_row(person.handle) is not None:
                raise taken
            try:
                self.conn.execute(
                    "INSERT INTO people (handle, name, relationship, every, added, archived)"
                    " VALUES (?, ?, ?, ?, ?, NULL)",
                    [
                        person.handle,
                        person.name,
                        person.relationship,
                        str(person.every),
                        person.added.isoformat(),
                    ],
                )
            except self.errors.IntegrityError:
                raise taken from None

    def _person_row(self, handle: str) -> tuple | None:
        return self.conn.execute(
            "SELECT handle, name, relationship, every, added, archived FROM people"
            " WHERE handle = ?",
            [handle],
        ).fetchone()

    @staticmethod
    def _person(row: Sequence) -> Person:
        handle, name, relationship, every, added, archived = row
        # `every` is kept as the cadence's canonical text ('2w'): the record, not parsed again.
        cadence = Cadence(int(every[:-1]), every[-1])
        return Person(handle, name, relationship, cadence, _d(added), _d(archived))

    def person(self, handle: str) -> Person:
        """The person with this handle; an unknown handle suggests the closest one."""
        row = self._person_row(handle)
        if row is None:
            handles = [r[0] for r in self.conn.execute("SELECT handle FROM people")]
            hint = did_you_mean(handle, handles)
            add = (
                messages.HANDLE_IS_COMMAND_WORD if handle in RESERVED_HANDLES else messages.ADD_THEM
            ).format(handle=handle)
            raise NotInJournal(messages.NO_ONE_CALLED.format(handle=handle, hint=hint, add=add))
        self._known.add(handle)  # `require` need not look again
        return self._person(row)

    def require(self, handle: str) -> None:
        """Check the handle exists (once per store: a bulk import logs many 1:1s per person)."""
        if handle not in self._known:
            self.person(handle)
            self._known.add(handle)

    def people(self, *, include_archived: bool = False) -> list[Person]:
        where = "" if include_archived else " WHERE archived IS NULL"
        rows = self.conn.execute(
            "SELECT handle, name, relationship, every, added, archived FROM people"
            f"{where} ORDER BY handle"
        ).fetchall()
        return [self._person(r) for r in rows]

    def change_person(
        self, handle: str, change: Callable[[Person], Person]
    ) -> tuple[Person, Person]:
        """Read the person, apply `change` and write the result, all in one transaction: an
        `edit` and an `archive` of one person at once each keep the other's change. Returns
        the person before and after; nothing is written when `change` changed nothing."""
        with self.transaction():
            before = self.person(handle)
            after = change(before)
            if after != before:
                self.update_person(after)
        return before, after

    def update_person(self, person: Person) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE people SET name = ?, relationship = ?, every = ?, archived = ?"
                " WHERE handle = ?",
                [
                    person.name,
                    person.relationship,
                    str(person.every),
                    person.archived and person.archived.isoformat(),
                    person.handle,
                ],
            )
