"""Fixing 1:1s and people (issue 15): `meeting edit|rm`, undoing a cancel or a reschedule,
`rename`, `prompts unretire`, and the IDs `show` and `log` print."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from fixcheck import fresh_journal, index_intact, notes_of, same_derived
from tables import drawn


def rows(db, sql, *params):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def add_follow_up(db, person, meeting_id, text, added):
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "INSERT INTO follow_ups (person, meeting_id, text, added) VALUES (?, ?, ?, ?)",
            [person, meeting_id, text, added],
        )


@pytest.fixture
def met(run, journal):
    run("add", "alice")
    run("add", "bob")
    run(
        "log", "alice", "--on", "2026-02-20", "-R", "paged at night #oncall", "-M", "proud",
        "--asked", "m-meaning",
    )  # fmt: skip
    run("log", "bob", "--on", "2026-02-23", "-R", "flaky ci")
    add_follow_up(journal, "alice", 1, "send the on-call numbers", "2026-02-20")
    return run


# ------------------------------------------------------------------ IDs where 1:1s are shown


def test_log_says_the_1_1_and_note_ids(run):
    run("add", "alice")
    out = run("log", "alice", "-R", "one", "-M", "two").stdout
    assert out == "Logged 1:1 with alice on 2026-03-02 (#1): 2 notes (#1, #2).\n"
    assert run("log", "alice", "--no-notes", "--again").stdout == (
        "Logged 1:1 with alice on 2026-03-02 (#2): no notes.\n"
    )


def test_show_lists_each_1_1_with_its_id_at_80_columns(met):
    met("cancel", "alice", "--on", "2026-02-27", "--reason", "offsite")
    met("reschedule", "alice", "--to", "2026-03-05")
    _, headers, _, table_rows = drawn(met, "show", "alice")
    assert headers == ["Date", "1:1", "Note", "Kind", "Text"]
    assert [r[1] for r in table_rows if r[1]] == [
        "moved to 2026-03-05 #4",
        "cancelled #3",
        "held #1",
    ]


# ------------------------------------------------------------------ meeting edit


def test_meeting_edit_moves_notes_prompts_and_follow_ups_with_it(met, journal):
    out = met("meeting", "edit", "#1", "--on", "2026-02-19").stdout
    assert out == (
        "1:1 #1 with alice moved from 2026-02-20 to 2026-02-19 with 2 notes, 1 prompt asked,"
        " 1 follow-up.\n"
    )
    assert rows(journal, "SELECT date FROM meetings WHERE id = 1") == [("2026-02-19",)]
    assert rows(journal, "SELECT DISTINCT date FROM notes WHERE meeting_id = 1") == [
        ("2026-02-19",)
    ]
    assert rows(journal, "SELECT date FROM prompt_uses WHERE meeting_id = 1") == [("2026-02-19",)]
    assert rows(journal, "SELECT added FROM follow_ups") == [("2026-02-19",)]
    assert met.json("search", "paged")[0]["date"] == "2026-02-19"
    assert met("meeting", "edit", "1", "--on", "2026-02-19").stdout.endswith("nothing changed.\n")


def test_meeting_edit_moves_due_with_it(met):
    def due():
        return {r["person"]: r["due"] for r in met.json("due", "--all")}["alice"]

    assert due() == "2026-02-27"
    met("meeting", "edit", "1", "--on", "2026-02-25")
    assert due() == "2026-03-04"


def test_meeting_edit_refuses_bad_dates_and_writes_nothing(met, journal):
    before = rows(journal, "SELECT * FROM meetings")
    assert "--on DATE" in met.fails("meeting", "edit", "1", code=2)
    assert "2026-03-03" in met.fails("meeting", "edit", "1", "--on", "2026-03-03")
    assert met.fails("meeting", "edit", "1", "--on", "2024-01-01").endswith(
        "check the date, or add --yes if it is right"
    )
    assert "no 1:1 #9" in met.fails("meeting", "edit", "9", "--on", "2026-02-01")
    assert rows(journal, "SELECT * FROM meetings") == before


# ------------------------------------------------------------------ meeting rm


def test_meeting_rm_needs_yes_then_takes_everything_of_it_to_the_trash(met, journal):
    assert met.fails("meeting", "rm", "1") == (
        "oneonone: removing 1:1 #1 needs confirming: pass --yes (it goes to the trash, restorable)"
    )
    out = met("meeting", "rm", "1", "--yes").stdout
    assert out == (
        "The held 1:1 #1 with alice on 2026-02-20 with 2 notes, 1 prompt asked, 1 follow-up"
        " is in the trash as #1: 'oneonone trash restore 1' undoes it.\n"
    )
    for table in ("notes", "prompt_uses", "follow_ups"):
        assert rows(journal, f"SELECT count(*) FROM {table} WHERE person = 'alice'") == [(0,)]
    assert met.json("search", "paged") == []
    assert index_intact(journal)
    assert met.json("trash")[0]["summary"] == "held; 2 notes; asked m-meaning; 1 follow-up"


# ------------------------------------------------------------------ undo a cancel, a move


def due_of(run, handle):
    return {r["person"]: r for r in run.json("due", "--all")}[handle]


def test_cancel_undo_takes_back_the_latest_cancel(met):
    met("cancel", "alice", "--on", "2026-02-24")
    met("cancel", "alice", "--on", "2026-02-27")
    assert due_of(met, "alice")["cancelled_90d"] == 2
    out = met("cancel", "alice", "--undo").stdout
    assert out == "Undid the cancelled 1:1 #4 with alice (2026-02-27); it is in the trash as #1.\n"
    assert due_of(met, "alice")["cancelled_90d"] == 1
    met("cancel", "alice", "--undo")
    assert due_of(met, "alice")["cancelled_90d"] == 0
    assert met.fails("cancel", "alice", "--undo") == (
        "oneonone: no cancelled 1:1 with alice to undo: 'oneonone show alice' lists them"
    )


def test_reschedule_undo_brings_the_due_date_back(met):
    assert due_of(met, "alice")["due"] == "2026-02-27"
    met("reschedule", "alice", "--to", "2026-03-06")
    met("reschedule", "alice", "--to", "2026-03-09")
    assert due_of(met, "alice")["due"] == "2026-03-09"
    assert met("reschedule", "alice", "--undo").stdout == (
        "Undid the moved 1:1 #4 with alice (2026-03-02, moved to 2026-03-09); it is in the"
        " trash as #1.\n"
    )
    assert due_of(met, "alice")["due"] == "2026-03-06"
    met("meeting", "rm", "3", "--yes")  # any one, by its ID
    assert due_of(met, "alice")["due"] == "2026-02-27"
    met("trash", "restore", "1")
    assert due_of(met, "alice")["due"] == "2026-03-09"


def test_undo_refuses_other_options_and_reschedule_still_needs_to(met, journal):
    before = rows(journal, "SELECT * FROM meetings")
    assert "leave out --to" in met.fails("reschedule", "alice", "--undo", "--to", "friday", code=2)
    assert "leave out --on" in met.fails("cancel", "alice", "--undo", "--on", "friday", code=2)
    assert "Missing option '--to'" in met.fails("reschedule", "alice", code=2)
    assert rows(journal, "SELECT * FROM meetings") == before


# ------------------------------------------------------------------ rename


def test_rename_moves_the_handle_everywhere_in_one_go(met, journal, tmp_path):
    met("themes", "--since", "90d", "--kind", "all")  # fill the roll-up first
    met("note", "rm", "2", "--yes")  # a trashed note of alice's
    out = met("rename", "Alice", "alicia").stdout
    assert out == "Renamed alice to alicia: their 1 1:1 and 1 note go with them.\n"
    for table in ("meetings", "notes", "prompt_uses", "follow_ups", "note_themes", "trash"):
        assert rows(journal, f"SELECT count(*) FROM {table} WHERE person = 'alice'") == [(0,)]
    assert rows(journal, "SELECT handle, name FROM people ORDER BY handle") == [
        ("alicia", "alicia"),
        ("bob", "bob"),
    ]
    assert rows(journal, "PRAGMA foreign_key_check") == []
    asked = {p["id"]: p["asked_them"] for p in met.json("prompts", "alicia", "--all")}
    assert asked["m-meaning"]
    assert "m-meaning" in met.json("show", "alicia")[0]["asked"]
    met("trash", "restore", "1")
    assert [n["text"] for n in met.json("show", "alicia")[0]["notes"]] == [
        "paged at night #oncall",
        "proud",
    ]
    fresh = fresh_journal(
        met,
        tmp_path,
        ("alicia", "bob"),
        [
            ("alicia", "2026-02-20", "roadblock", "paged at night #oncall"),
            ("alicia", "2026-02-20", "morale", "proud"),
            ("bob", "2026-02-23", "roadblock", "flaky ci"),
        ],
    )
    assert notes_of(journal) == notes_of(fresh)
    same_derived(met, journal, fresh)


def test_rename_keeps_a_given_name(run, journal):
    run("add", "alice", "--name", "Alice Smith")
    run("rename", "alice", "asmith")
    assert rows(journal, "SELECT handle, name FROM people") == [("asmith", "Alice Smith")]


@pytest.mark.parametrize(
    ("new", "says"),
    [
        ("bob", "'bob' is already in the journal"),
        ("BOB", "'bob' is already in the journal"),
        ("9lives", "is not a valid handle"),
        ("trash", "is a command word"),
        ("x" * 33, "is not a valid handle"),
    ],
)
def test_rename_refuses_a_bad_or_taken_handle_and_writes_nothing(met, journal, new, says):
    before = rows(journal, "SELECT * FROM people")
    assert says in met.fails("rename", "alice", new)
    assert rows(journal, "SELECT * FROM people") == before


def test_rename_of_someone_unknown_suggests_and_to_the_same_changes_nothing(met):
    assert "did you mean 'alice'?" in met.fails("rename", "alise", "al")
    assert met("rename", "alice", "ALICE").stdout == (
        "alice is already called alice: nothing changed.\n"
    )


def test_rename_then_log_and_show_use_the_new_handle(met):
    met("rename", "bob", "robert")
    met("log", "robert", "-R", "after the rename")
    assert "no one called 'bob'" in met.fails("show", "bob")
    assert len(met.json("show", "robert")) == 2


# ------------------------------------------------------------------ prompts unretire


def test_prompts_unretire(run):
    run("add", "alice")
    run("prompts", "retire", "m-meaning")
    assert "m-meaning" not in [p["id"] for p in run.json("prompts", "alice", "--all")]
    out = run("prompts", "unretire", "m-meaning").stdout
    assert out == "Prompt m-meaning will be suggested again.\n"
    assert "m-meaning" in [p["id"] for p in run.json("prompts", "alice", "--all")]
    assert run("prompts", "unretire", "m-meaning").stdout.endswith("nothing changed.\n")
    assert "did you mean 'm-meaning'?" in run.fails("prompts", "unretire", "m-meanin")


def test_a_log_waiting_while_another_process_renames_is_refused_in_one_line(met, journal):
    from datetime import date

    from oneonone_cli.domain.records import NoteDraft
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.store.core import Store

    waiting = Store.open(journal, create=False)
    waiting.person("alice")  # looked up before the rename: the handle is cached
    renaming = Store.open(journal, create=False)
    renaming.rename_person("alice", "alicia")
    renaming.close()
    with pytest.raises(OneOnOneError, match="no one called 'alice'.*did you mean 'alicia'"):
        waiting.log_meeting("alice", date(2026, 3, 1), [NoteDraft("roadblock", "late")], [])
    with pytest.raises(OneOnOneError, match="no one called 'alice'"):
        waiting.cancel("alice", date(2026, 3, 1), None)
    waiting.close()
    assert rows(journal, "SELECT count(*) FROM meetings WHERE person = 'alice'") == [(0,)]
