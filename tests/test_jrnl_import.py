"""`import --format jrnl`: a jrnl JSON export (`jrnl --format json`, as jrnl's JSONExporter
writes it: tests/fixtures/jrnl_export.json) as one person's 1:1s: one per day, one note per
entry, @tags and #tags kept, kinds from tags or --kind; twice adds nothing; wrong files refused
in one line with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_import import counts

FIXTURE = Path(__file__).parent / "fixtures" / "jrnl_export.json"


@pytest.fixture
def alice(run):
    run("add", "alice", "--name", "Alice Smith")


def test_the_fixture_is_what_jrnls_json_exporter_writes():
    data = json.loads(FIXTURE.read_text())
    assert list(data) == ["tags", "entries"]
    for entry in data["entries"]:
        assert list(entry) == ["title", "body", "date", "time", "tags", "starred"]
    assert FIXTURE.read_text() == json.dumps(data, indent=2)  # jrnl: json.dumps(result, indent=2)


def test_entries_become_one_1on1_a_day_with_a_note_each(run, alice):
    result = run("import", "--format", "jrnl", "--person", "alice", str(FIXTURE))
    assert result.stdout == f"Imported {FIXTURE}: added 3 1:1s, 4 notes\n"
    data = json.loads(run("export").stdout)
    assert [(m["date"], m["status"], m["person"]) for m in data["meetings"]] == [
        ("2026-01-12", "held", "alice"),
        ("2026-01-19", "held", "alice"),
        ("2026-01-26", "held", "alice"),
    ]
    notes = [(n["meeting_id"], n["kind"], n["text"], n["tags"]) for n in data["notes"]]
    assert notes == [
        (
            1,
            "roadblock",
            "Talked about the on-call rotation.\nPaged three times last week for @oncall noise."
            "\nWants the alert thresholds reviewed. #roadblock",
            ["roadblock", "oncall"],
        ),
        (1, "morale", "Proud of the migration launch.", []),
        (
            2,
            "feedback",
            "Gave feedback on the design review @feedback.\nClear writing, could open with the"
            " decision.",
            ["feedback"],
        ),
        (
            3,
            "morale",
            "Café chat about growth.\nInterested in the staff path. @growth #Career",
            ["career", "growth"],
        ),
    ]
    # the notes are searchable and the tags group themes like typed ones
    assert run("search", "thresholds", "--json").stdout.count('"id"') == 1
    assert "oncall" in run("show", "alice").stdout


def test_twice_adds_nothing(run, alice, journal):
    run("import", "-f", "jrnl", "--person", "alice", str(FIXTURE))
    before = counts(journal)
    result = run("import", "-f", "jrnl", "--person", "alice", str(FIXTURE))
    assert "nothing new" in result.stdout
    assert counts(journal) == before


def test_a_day_already_logged_gets_the_entries_it_lacks(run, alice, journal):
    run("log", "alice", "--on", "2026-01-12", "-M", "Proud of the migration launch.")
    result = run("import", "-f", "jrnl", "--person", "alice", str(FIXTURE))
    assert "added 2 1:1s, 3 notes; already there: 1 1:1, 1 note" in result.stdout


def test_kind_option_sets_untagged_entries(run, alice):
    run("import", "-f", "jrnl", "--person", "alice", "--kind", "roadblock", str(FIXTURE))
    kinds = [n["kind"] for n in json.loads(run("export").stdout)["notes"]]
    assert kinds == ["roadblock", "roadblock", "feedback", "roadblock"]


def test_person_is_needed_and_must_be_in_the_journal(run, alice, journal, tmp_path):
    err = run.fails("import", "-f", "jrnl", str(FIXTURE), code=2)
    assert "needs --person HANDLE" in err
    err = run.fails("import", "-f", "jrnl", "--person", "alcie", str(FIXTURE))
    assert "no one called 'alcie'" in err and "did you mean 'alice'?" in err
    assert counts(journal)["meetings"] == 0


def test_our_export_given_as_jrnl_and_jrnl_given_as_ours(run, alice, journal, tmp_path):
    ours = tmp_path / "ours.json"
    run("export", "-o", str(ours))
    err = run.fails("import", "-f", "jrnl", "--person", "alice", str(ours))
    assert "is a oneonone export, not a jrnl one: import it without --format jrnl" in err
    err = run.fails("import", str(FIXTURE))
    assert "is a jrnl export, not a oneonone one: import it with --format jrnl --person" in err
    assert counts(journal)["meetings"] == 0


def _jrnl(*entries) -> str:
    return json.dumps({"tags": {}, "entries": list(entries)}, indent=2)


def _entry(**fields):
    entry = {"title": "t", "body": "b", "date": "2026-01-12", "time": "09:00", "tags": []}
    entry.update(fields)
    return entry


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"entries": {}}', "is not a jrnl JSON export: expected an object with a list of"),
        ("[]", "is not a jrnl JSON export"),
        ("nope", "is not JSON"),
        (_jrnl(_entry(), "x"), "entry 2 is not an object as jrnl writes"),
        (_jrnl(_entry(date="12/01/2026")), "entry 1: must be a date written YYYY-MM-DD"),
        (_jrnl(_entry(title=5)), "entry 1: must be text"),
        (_jrnl(_entry(tags="x")), "entry 1: must be a list of tags"),
        (_jrnl(_entry(), _entry(body="x" * 10_001)), "entry 2 is 10003 characters long"),
    ],
)
def test_a_wrong_file_is_one_line_and_writes_nothing(
    run, alice, journal, tmp_path, content, expected
):
    path = tmp_path / "in.json"
    path.write_text(content)
    before = counts(journal)
    err = run.fails("import", "-f", "jrnl", "--person", "alice", str(path))
    assert expected in err and "nothing was written" in err
    assert counts(journal) == before


def test_hostile_text_is_kept_as_text(run, alice, tmp_path):
    text = "\u202eevil\x1b[31m red <b>x</b>"
    path = tmp_path / "in.json"
    path.write_text(_jrnl(_entry(title=text, body="")))
    run("import", "-f", "jrnl", "--person", "alice", str(path))
    assert json.loads(run("export").stdout)["notes"][0]["text"] == text
    assert "\x1b" not in run("show", "alice").stdout
