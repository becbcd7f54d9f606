"""Follow-ups (issue 15): `log -T/--todo` and 'todo:' lines; `todo [HANDLE]` lists the open ones
oldest first with their age; `todo add`, `todo done`, `todo reopen`, `todo rm`; the service
`open_follow_ups` that prep and the editor template read."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.noteinput import parse_note_lines
from oneonone_cli.domain.records import FollowUp, NoteDraft
from tables import drawn

TODO_KEYS = ["id", "person", "age_days", "text", "added", "done", "meeting_id"]


def rows(journal):
    with sqlite3.connect(journal) as conn:
        return conn.execute(
            "SELECT id, person, meeting_id, text, added, done FROM follow_ups ORDER BY id"
        ).fetchall()


@pytest.fixture
def team(run):
    run("add", "alice")
    run("add", "bob")


def test_log_todo_records_follow_ups_in_the_1on1(run, journal, team):
    logged = run.json("log", "alice", "-R", "slow CI", "-T", "send the RFC", "--todo", "book room")
    assert [f["text"] for f in logged["follow_ups"]] == ["send the RFC", "book room"]
    assert rows(journal) == [
        (1, "alice", logged["meeting_id"], "send the RFC", "2026-03-02", None),
        (2, "alice", logged["meeting_id"], "book room", "2026-03-02", None),
    ]
    said = run("log", "bob", "-T", "intro to Dana").stdout
    assert "1 follow-up (#3)" in said


def test_todo_lines_on_stdin_and_the_editor_prefixes(run, journal, team):
    run("log", "alice", input="r: slow CI\ntodo: send the RFC\nT: book room\n")
    assert [r[3] for r in rows(journal)] == ["send the RFC", "book room"]


def test_a_follow_up_alone_logs_the_1on1(run, journal, team):
    """-T is content, as -R is: nothing is read from stdin, no editor opens."""
    run("log", "alice", "-T", "send the RFC")
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT COUNT(*) FROM meetings").fetchone() == (1,)


def test_no_notes_with_a_follow_up_is_allowed(run, journal, team):
    run("log", "alice", "--no-notes", "-T", "send the RFC")
    assert [r[3] for r in rows(journal)] == ["send the RFC"]


@pytest.mark.parametrize("args", [("-T", ""), ("-T", "   "), ("-T", "x" * 10_001)])
def test_a_bad_follow_up_writes_nothing(run, journal, team, args):
    run.fails("log", "alice", "-R", "slow CI", *args)
    assert rows(journal) == []
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT COUNT(*) FROM meetings").fetchone() == (0,)


def test_todo_flag_with_notes_on_stdin_is_refused(run, journal, team):
    err = run.fails("log", "alice", "-T", "x", input="r: typed\n", code=2)
    assert "-T" in err
    assert rows(journal) == []


def test_todo_lists_open_ones_oldest_first_with_age(run, team):
    run("log", "alice", "--on", "2026-02-20", "-T", "older")
    run("log", "bob", "--on", "2026-02-25", "-T", "middle")
    run("log", "alice", "-T", "newest")
    listed = run.json("todo")
    assert [(f["text"], f["age_days"]) for f in listed] == [
        ("older", 10),
        ("middle", 5),
        ("newest", 0),
    ]
    assert list(listed[0]) == TODO_KEYS
    assert [f["text"] for f in run.json("todo", "alice")] == ["older", "newest"]
    assert [f["text"] for f in run.json("todo", "list", "bob")] == ["middle"]


def test_todo_table_at_80_columns(run, team):
    run("log", "alice", "--on", "2026-02-20", "-T", "write the promotion packet " * 5)
    title, headers, _, table_rows = drawn(run, "todo")
    assert headers == ["ID", "Who", "Age", "Follow-up"]
    assert table_rows[0][:3] == ["1", "alice", "10d"]
    assert table_rows[0][3].startswith("write the promotion packet")


def test_todo_empty_says_how_to_add(run, team):
    result = run("todo")
    assert result.stdout == ""
    assert "log HANDLE -T" in result.stderr
    assert run.json("todo") == []


def test_todo_unknown_handle_is_one_line(run, team):
    err = run.fails("todo", "alcie")
    assert "alice" in err  # did you mean


def test_todo_add_outside_a_1on1(run, journal, team):
    added = run.json("todo", "add", "alice", "review the promo packet")
    assert added["meeting_id"] is None and added["added"] == "2026-03-02"
    assert rows(journal) == [(1, "alice", None, "review the promo packet", "2026-03-02", None)]
    run.fails("todo", "add", "zed", "anything")
    run.fails("todo", "add", "alice", " ")
    assert len(rows(journal)) == 1


def test_done_reopen_and_all(run, journal, team):
    run("log", "alice", "-T", "one", "-T", "two", "-T", "three")
    said = run("todo", "done", "1", "#3").stdout
    assert "Done: #1" in said and "Done: #3" in said
    assert [f["text"] for f in run.json("todo")] == ["two"]
    everything = run.json("todo", "--all")
    assert [(f["text"], f["done"]) for f in everything] == [
        ("one", "2026-03-02"),
        ("two", None),
        ("three", "2026-03-02"),
    ]
    assert "already done on 2026-03-02" in run("todo", "done", "1").stdout
    run("todo", "reopen", "1")
    assert [f["text"] for f in run.json("todo")] == ["one", "two"]


def test_an_unknown_id_changes_nothing(run, journal, team):
    run("log", "alice", "-T", "one")
    err = run.fails("todo", "done", "1", "99")
    assert "99" in err and "nothing was changed" in err
    assert rows(journal)[0][5] is None  # #1 was not marked done either
    run.fails("todo", "rm", "1", "42")
    assert len(rows(journal)) == 1
    assert "not a follow-up ID" in run.fails("todo", "done", "one", code=2)


def test_rm_says_the_text_and_how_to_add_it_back(run, journal, team):
    run("log", "alice", "-T", "send Bob's RFC")
    said = run("todo", "rm", "1").stdout
    assert "Removed follow-up #1" in said
    assert "oneonone todo add alice 'send Bob'\"'\"'s RFC'" in said
    assert rows(journal) == []


def test_show_lists_follow_ups_agreed_in_each_1on1(run, team):
    run("log", "alice", "-R", "slow CI", "-T", "send the RFC")
    run("todo", "done", "1")
    [meeting] = run.json("show", "alice")
    assert meeting["follow_ups"] == [{"id": 1, "text": "send the RFC", "done": "2026-03-02"}]
    _, _, _, table_rows = drawn(run, "show", "alice", joined=False)
    assert ["", "", "", "todo", "send the RFC (#1, done 2026-03-02)"] in table_rows


def test_open_follow_ups_service(run, journal, team):
    from oneonone_cli.services.followups import open_follow_ups
    from oneonone_cli.store.core import Store

    run("log", "alice", "--on", "2026-02-20", "-T", "older")
    run("log", "bob", "-T", "bob's")
    run("todo", "add", "alice", "newer")
    run("todo", "done", "2")
    store = Store.open(journal, create=False)
    try:
        mine = open_follow_ups(store, "alice")
        assert [f.text for f in mine] == ["older", "newer"]
        assert mine[0] == FollowUp(1, "alice", 1, "older", date(2026, 2, 20))
        assert mine[0].age(date(2026, 3, 2)) == 10
        assert [f.text for f in open_follow_ups(store)] == ["older", "newer"]
    finally:
        store.close()


def test_a_follow_up_is_not_a_note(run, journal, team):
    run("log", "alice", "-T", "send the RFC")
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT COUNT(*) FROM notes").fetchone() == (0,)


text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs",),
            blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
        ),
        min_size=1,
    )
    .map(str.strip)
    .filter(bool)
)


@given(st.lists(st.tuples(st.sampled_from(["r", "todo", "t", "TODO", "m"]), text), max_size=8))
def test_todo_lines_round_trip(lines):
    parsed = parse_note_lines("\n".join(f"{p}: {t}" for p, t in lines))
    kinds = {"r": "roadblock", "m": "morale"}
    assert parsed.follow_ups == tuple(t for p, t in lines if p.lower() in ("todo", "t"))
    assert parsed.notes == tuple(NoteDraft(kinds[p], t) for p, t in lines if p in kinds)
    assert parsed.empty == (not lines)


def test_a_todo_line_with_nothing_after_it_names_the_line():
    import pytest as _pytest

    from oneonone_cli.errors import OneOnOneError

    with _pytest.raises(OneOnOneError, match="line 2"):
        parse_note_lines("r: fine\ntodo:\n")
