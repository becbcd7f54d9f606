from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.noteinput import editor_template, parse_note_lines
from oneonone_cli.domain.records import Cadence, Note, NoteDraft, Person, Prompt
from oneonone_cli.errors import OneOnOneError
from strategies import note_line


def test_prefixes_comments_and_blank_lines():
    parsed = parse_note_lines(
        "# a comment\n\nr: CI is flaky #ci\nRoadblock: slow reviews\n"
        "m: proud of the launch\nMORALE: tired\nasked: m-meaning, r-oncall\na: m-growth\n"
    )
    assert parsed.notes == (
        NoteDraft("roadblock", "CI is flaky #ci"),
        NoteDraft("roadblock", "slow reviews"),
        NoteDraft("morale", "proud of the launch"),
        NoteDraft("morale", "tired"),
    )
    assert parsed.asked == ("m-meaning", "r-oncall", "m-growth")


@pytest.mark.parametrize("text", ["just text", "x: unknown prefix", "r:", "m:   ", "asked:"])
def test_lines_that_cannot_be_read_are_errors(text):
    with pytest.raises(OneOnOneError, match="line 1"):
        parse_note_lines(text)


def test_empty_input_is_empty():
    assert parse_note_lines("# only comments\n\n").empty


note_text = note_line  # tests/strategies.py


@given(st.lists(st.tuples(st.sampled_from(["roadblock", "morale"]), note_text), max_size=8))
def test_note_lines_round_trip(notes):
    text = "\n".join(f"{'r' if k == 'roadblock' else 'm'}: {t}" for k, t in notes)
    assert parse_note_lines(text).notes == tuple(NoteDraft(k, t) for k, t in notes)


def test_template_shows_context_and_parses_as_empty():
    person = Person("alice", "Alice Smith", "report", Cadence(1, "w"), date(2026, 1, 1))
    note = Note(1, 1, "alice", date(2026, 2, 1), "roadblock", "flaky CI", ())
    prompt = Prompt("m-meaning", "morale", "reports", "What makes the work meaningful?")
    text = editor_template(person, date(2026, 2, 1), [note], [prompt], date(2026, 3, 2))
    assert "Alice Smith" in text and "2026-02-01" in text and "flaky CI" in text
    assert "m-meaning" in text
    assert parse_note_lines(text).empty
