"""Records have one shape: NamedTuples, defined in domain/records.py, changed with _replace."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from oneonone_cli.domain import records
from oneonone_cli.domain.records import Cadence, DueRow, ParsedNotes, Person

RECORDS = [
    cls
    for _, cls in inspect.getmembers(records, inspect.isclass)
    if cls.__module__ == records.__name__
]


def is_record(cls) -> bool:
    return issubclass(cls, tuple) and hasattr(cls, "_fields")


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_every_record_is_a_named_tuple(cls):
    assert is_record(cls)
    assert not hasattr(cls, "__dataclass_fields__")


def test_the_records_are_all_there():
    names = {cls.__name__ for cls in RECORDS}
    assert {
        "Cadence",
        "Person",
        "NoteDraft",
        "ParsedNotes",
        "Note",
        "Meeting",
        "Prompt",
        "PromptRow",
        "PromptCount",
        "MeetingFacts",
        "DueRow",
    } <= names


def test_a_record_is_immutable_and_changed_with_replace():
    alice = Person("alice", "Alice", "report", Cadence(1, "w"), date(2026, 1, 1))
    with pytest.raises(AttributeError):
        alice.name = "Bob"  # type: ignore[misc]
    archived = alice._replace(archived=date(2026, 3, 2))
    assert archived.archived == date(2026, 3, 2) and alice.archived is None
    assert archived != alice and alice._replace() == alice
    assert hash(alice) == hash(alice._replace())


def test_person_new_checks_and_defaults():
    bob = Person.new("Bob", name=None, relationship="peer", every=None, today=date(2026, 3, 2))
    assert bob == Person("bob", "bob", "peer", Cadence(1, "m"), date(2026, 3, 2))
    assert Person.new(
        "c", name="C", relationship="report", every="2w", today=date(2026, 3, 2)
    ).every == Cadence(2, "w")


def test_cadence_shows_and_adds():
    assert str(Cadence(2, "w")) == "2w"
    assert Cadence(1, "m").after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert Cadence(10, "d").after(date(2026, 3, 2)) == date(2026, 3, 12)
    assert Cadence(3, "m").approx_days == 90


def test_parsed_notes_are_empty_until_something_is_read():
    assert ParsedNotes().empty
    assert not ParsedNotes(asked=("m-meaning",)).empty
    assert not ParsedNotes((records.NoteDraft("morale", "ok"),)).empty


def test_a_due_row_warns_from_repeated_cancels():
    row = DueRow("alice", "Alice", "report", "1w", None, date(2026, 3, 2), 0, 1)
    assert not row.warning and row._replace(cancelled_90d=2).warning


def test_no_command_can_be_a_handle():
    from oneonone_cli.cli.main import COMMANDS
    from oneonone_cli.domain.records import RESERVED_HANDLES

    assert set(COMMANDS) <= RESERVED_HANDLES
    assert {"retire", "all", "help"} <= RESERVED_HANDLES  # `prompts` subcommands and words
