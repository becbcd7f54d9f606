"""Correcting what was permanent (issue 15, "fix anything, lose nothing"): a 1:1's signals
(`meeting edit ID --mood/--talk/--status`, cleared with `none`), and a note moved back and forth
leaving one trash entry per emptied 1:1, never two, so that a restore gives back what was there.
(`todo edit` is in test_todo_edit.py.)"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.signals import CLEAR, parse_signal_edits
from oneonone_cli.errors import OneOnOneError


def rows(db, sql, *params):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def meetings_of(db):
    """Every 1:1 row as it is (the whole row: nothing but the change may differ)."""
    return rows(db, "SELECT * FROM meetings ORDER BY id")


@pytest.fixture
def team(run):
    for handle in ("alice", "bob"):
        run("add", handle)
    # 1:1 #1: alice, with one note only (a move empties it)
    run("log", "alice", "--on", "2026-02-02", "-R", "paged at night again #oncall")
    # 1:1 #2: bob, held with signals; #3: alice cancelled; #4: bob moved
    run("log", "bob", "--on", "2026-02-09", "-M", "proud of the launch", "--mood", "4")
    run("cancel", "alice", "--on", "2026-02-16")
    run("reschedule", "bob", "--to", "2026-03-09")
    return run


# ------------------------------------------------------------------ note move, back and forth


def trash_entries(db):
    return rows(db, "SELECT what, item_id, person, day FROM trash ORDER BY id")


def test_moving_a_note_back_and_forth_leaves_one_trash_entry_per_emptied_1_1(team, journal):
    before = meetings_of(journal)
    alice_1 = [r for r in before if r[0] == 1]
    out = team("note", "move", "1", "--to", "bob").stdout
    assert "recorded as a held 1:1" in out and "alice's 1:1 #1 it left" in out
    (made,) = [m["id"] for m in team.json("show", "bob", "--all") if m["date"] == "2026-02-02"]
    assert trash_entries(journal) == [("meeting", 1, "alice", "2026-02-02")]

    out = team("note", "move", "1", "--to", "alice").stdout
    assert out == (
        "Moved note #1 to alice's 1:1 #1 of 2026-02-02 (their 1:1 of that day, emptied by an"
        " earlier move, came back from the trash: #1); bob's 1:1 #5 it left had nothing else in"
        " it, so it went to the trash too ('oneonone trash restore 2' brings it back).\n"
    )
    assert made == 5
    # Back in its own 1:1, under its own ID, as it was: alice's 1:1 is not in the trash.
    assert [r for r in meetings_of(journal) if r[0] == 1] == alice_1
    assert trash_entries(journal) == [("meeting", 5, "bob", "2026-02-02")]

    for _ in range(3):  # away and back again, three times
        team("note", "move", "1", "--to", "bob")
        assert trash_entries(journal) == [("meeting", 1, "alice", "2026-02-02")]
        team("note", "move", "1", "--to", "alice")
        assert trash_entries(journal) == [("meeting", 5, "bob", "2026-02-02")]
    # The journal is as after the first move back: alice's 1:1s exactly as before.
    assert [r for r in meetings_of(journal) if r[1] == "alice"] == [
        r for r in before if r[1] == "alice"
    ]
    shown = team.json("show", "alice", "--all")
    assert [(m["id"], [n["id"] for n in m["notes"]]) for m in shown if m["date"] == "2026-02-02"]
    assert [m["id"] for m in shown if m["date"] == "2026-02-02"] == [1]

    # A restore gives back exactly what was there: bob's 1:1 that the first move made, once.
    (tid,) = [i["id"] for i in team.json("trash")]
    team("trash", "restore", str(tid))
    assert team.json("trash") == []
    bob_day = [m for m in team.json("show", "bob", "--all") if m["date"] == "2026-02-02"]
    assert [(m["id"], m["notes"], m["status"]) for m in bob_day] == [(5, [], "held")]
    alice_day = [m for m in team.json("show", "alice", "--all") if m["date"] == "2026-02-02"]
    assert [(m["id"], [n["id"] for n in m["notes"]]) for m in alice_day] == [(1, [1])]


def test_a_note_moved_away_then_restored_from_the_trash_and_moved_back(team, journal):
    team("note", "move", "1", "--to", "bob")
    team("trash", "restore", "1")  # alice's emptied 1:1 back by hand
    out = team("note", "move", "1", "--to", "alice").stdout
    assert out.startswith("Moved note #1 to alice's 1:1 #1 of 2026-02-02;")  # nothing made
    assert trash_entries(journal) == [("meeting", 5, "bob", "2026-02-02")]


def test_a_1_1_removed_by_hand_is_never_revived_by_a_move(team, journal):
    """`meeting rm` says the 1:1 did not happen: a note moved onto that day makes a record."""
    team("note", "move", "1", "--to", "bob")  # alice #1 emptied: trash #1
    team("trash", "restore", "1")
    team("meeting", "rm", "1", "--yes")  # now removed on purpose: trash #2
    out = team("note", "move", "1", "--to", "alice").stdout
    assert "recorded as a held 1:1: they had none that day" in out
    assert ("meeting", 1, "alice", "2026-02-02") in trash_entries(journal)
    assert len([e for e in trash_entries(journal) if e[2] == "alice"]) == 1


def test_the_1_1_taken_back_keeps_a_new_id_when_its_own_was_given_away(team, journal):
    team("note", "move", "1", "--to", "bob")  # alice #1 emptied (trash #1); bob #5 made
    team("meeting", "rm", "5", "--yes")  # bob's made 1:1 with the note, on purpose: trash #2
    team("log", "alice", "--on", "2026-02-20", "-R", "takes the highest ID")  # 1:1 #5 again
    team("trash", "restore", "2")  # bob #5 back as a new 1:1, with the note
    out = team("note", "move", "1", "--to", "alice").stdout
    assert "came back from the trash: #1" in out
    assert [e for e in trash_entries(journal) if e[2] == "alice"] == []
    day = [m for m in team.json("show", "alice", "--all") if m["date"] == "2026-02-02"]
    assert [[n["id"] for n in m["notes"]] for m in day] == [[1]]


# ------------------------------------------------------------------ the parser


@given(st.integers(min_value=1, max_value=5), st.sampled_from(["", " "]))
def test_a_mood_in_range_is_set(mood, pad):
    assert parse_signal_edits(f"{pad}{mood}{pad}", None, None) == {"mood": mood}


@given(st.integers(min_value=0, max_value=100), st.sampled_from(["", "%"]))
def test_a_talk_share_in_range_is_set(talk, percent):
    assert parse_signal_edits(None, f"{talk}{percent}", None) == {"talk": talk}


@given(st.sampled_from(["none", "NONE", " None ", "nOnE"]))
def test_none_clears_mood_and_talk(typed):
    assert CLEAR == "none"
    assert parse_signal_edits(typed, typed, None) == {"mood": None, "talk": None}


@given(st.booleans())
def test_status_is_set_or_cleared(status):
    assert parse_signal_edits(None, None, status) == {"status_update": status}
    assert parse_signal_edits(None, None, None, clear_status=True) == {"status_update": None}


@given(st.text(max_size=8))
def test_any_other_mood_is_refused_or_read_as_log_reads_it(typed):
    from oneonone_cli.domain.signals import parse_mood

    try:
        expected = parse_mood(typed)
    except OneOnOneError:
        expected = None
    if typed.strip().lower() == "none":
        assert parse_signal_edits(typed, None, None) == {"mood": None}
    elif expected is None:
        with pytest.raises(OneOnOneError, match="(?s)--mood is .*'none' clears one"):
            parse_signal_edits(typed, None, None)
    else:
        assert parse_signal_edits(typed, None, None) == {"mood": expected}


def test_nothing_given_is_nothing_to_change():
    assert parse_signal_edits(None, None, None) == {}


def test_status_and_clear_status_contradict():
    with pytest.raises(OneOnOneError) as caught:
        parse_signal_edits(None, None, True, clear_status=True)
    assert caught.value.exit_code == 2


# ------------------------------------------------------------------ meeting edit: boundaries


@pytest.mark.parametrize(
    ("mood", "ok"), [("0", False), ("1", True), ("5", True), ("6", False), ("4.5", False)]
)
def test_mood_boundaries(team, journal, mood, ok):
    before = meetings_of(journal)
    if ok:
        out = team("meeting", "edit", "2", "--mood", mood).stdout
        assert out == f"1:1 #2 with bob on 2026-02-09: mood 4 -> {mood}.\n"
        assert rows(journal, "SELECT mood FROM meetings WHERE id = 2") == [(int(mood),)]
    else:
        err = team.fails("meeting", "edit", "2", "--mood", mood)
        assert err == (
            f"oneonone: --mood is '{mood}': give how they seemed as a whole number from 1 (low)"
            " to 5 (great); nothing was written ('none' clears one recorded by mistake)"
        )
        assert meetings_of(journal) == before


@pytest.mark.parametrize(
    ("talk", "stored"),
    [("-1", None), ("0", 0), ("100", 100), ("101", None), ("40%", 40), ("40 %", 40), ("%", None)],
)
def test_talk_boundaries(team, journal, talk, stored):
    before = meetings_of(journal)
    if stored is not None:
        out = team("meeting", "edit", "2", "--talk", talk).stdout
        assert out == f"1:1 #2 with bob on 2026-02-09: talk not recorded -> {stored}%.\n"
        assert rows(journal, "SELECT talk FROM meetings WHERE id = 2") == [(stored,)]
    else:
        err = team.fails("meeting", "edit", "2", f"--talk={talk}")
        assert err.startswith(f"oneonone: --talk is '{talk}': give the share of the time")
        assert meetings_of(journal) == before


def test_signals_set_changed_and_cleared_in_one_line(team, journal):
    out = team("meeting", "edit", "#2", "--mood", "2", "--talk", "70", "--status").stdout
    assert out == (
        "1:1 #2 with bob on 2026-02-09: mood 4 -> 2; talk not recorded -> 70%;"
        " status update not recorded -> yes.\n"
    )
    out = team("meeting", "edit", "2", "--mood", "none", "--no-status").stdout
    assert out == (
        "1:1 #2 with bob on 2026-02-09: mood 2 -> not recorded; status update yes -> no.\n"
    )
    out = team("meeting", "edit", "2", "--talk", "none", "--clear-status").stdout
    assert out == (
        "1:1 #2 with bob on 2026-02-09: talk 70% -> not recorded;"
        " status update no -> not recorded.\n"
    )
    assert rows(journal, "SELECT mood, talk, status_update FROM meetings WHERE id = 2") == [
        (None, None, None)
    ]


def test_the_same_values_write_nothing_and_say_so(team, journal):
    before = meetings_of(journal)
    out = team("meeting", "edit", "2", "--mood", "4", "--talk", "none").stdout
    assert out == (
        "1:1 #2 with bob on 2026-02-09 is already so (mood 4, talk not recorded): nothing changed.\n"
    )
    assert meetings_of(journal) == before


def test_only_what_changed_is_said(team):
    out = team("meeting", "edit", "2", "--mood", "4", "--talk", "30").stdout
    assert out == "1:1 #2 with bob on 2026-02-09: talk not recorded -> 30%.\n"


def test_date_and_signals_in_one_edit(team, journal):
    out = team("meeting", "edit", "2", "--on", "2026-02-10", "--mood", "3").stdout
    assert out == "1:1 #2 with bob on 2026-02-10: moved from 2026-02-09 with 1 note; mood 4 -> 3.\n"
    assert rows(journal, "SELECT date, mood FROM meetings WHERE id = 2") == [("2026-02-10", 3)]
    assert rows(journal, "SELECT date FROM notes WHERE meeting_id = 2") == [("2026-02-10",)]


def test_the_date_alone_says_what_it_said_before(team):
    out = team("meeting", "edit", "2", "--on", "2026-02-10").stdout
    assert out == "1:1 #2 with bob moved from 2026-02-09 to 2026-02-10 with 1 note.\n"


def test_nothing_to_change_is_a_usage_error_naming_the_options(team, journal):
    before = meetings_of(journal)
    err = team.fails("meeting", "edit", "2", code=2)
    assert err == (
        "oneonone: nothing to change: give --on DATE, --mood 1..5, --talk PCT,"
        " --status/--no-status or --clear-status ('none' clears --mood or --talk)"
    )
    err = team.fails("meeting", "edit", "2", "--status", "--clear-status", code=2)
    assert "contradict" in err
    assert meetings_of(journal) == before


@pytest.mark.parametrize(("mid", "status"), [("3", "cancelled"), ("4", "rescheduled")])
def test_a_cancel_or_a_move_has_no_signals(team, journal, mid, status):
    before = meetings_of(journal)
    (day,) = rows(journal, "SELECT date FROM meetings WHERE id = ?", int(mid))[0]
    handle = "alice" if mid == "3" else "bob"
    for options in (["--mood", "3"], ["--talk", "none"], ["--no-status"], ["--clear-status"]):
        err = team.fails("meeting", "edit", mid, *options)
        assert err == (
            f"oneonone: 1:1 #{mid} with {handle} on {day} was {status}, not held: only a held"
            " 1:1 has a mood, a talk share or a status update; nothing was written"
        )
    # nor with a date: nothing of it is written either
    team.fails("meeting", "edit", mid, "--on", "2026-02-20", "--mood", "3")
    assert meetings_of(journal) == before


def test_an_unknown_or_malformed_1_1(team):
    assert team.fails("meeting", "edit", "99", "--mood", "3").startswith("oneonone: no 1:1 #99")
    team.fails("meeting", "edit", "x", "--mood", "3", code=2)


# ------------------------------------------------------------------ what reads the signals


def test_show_prep_health_and_export_follow_an_edit(team, journal):
    team("log", "bob", "--on", "2026-02-23", "-R", "slow review", "--mood", "2", "--talk", "80")
    team_row = team.json("health", "bob")
    assert team_row[0]["talk_avg"] == 80 and team_row[0]["moods"] == [4, 2]
    (mid,) = [m["id"] for m in team.json("show", "bob") if m["date"] == "2026-02-23"]
    team("meeting", "edit", str(mid), "--mood", "5", "--talk", "30", "--status")
    health = team.json("health", "bob")[0]
    assert health["talk_avg"] == 30 and health["moods"] == [4, 5]
    assert health["status_updates"] == 1
    shown = {m["id"]: m for m in team.json("show", "bob")}[mid]
    assert (shown["mood"], shown["talk"], shown["status_update"]) == (5, 30, True)
    assert [m["mood"] for m in team.json("prep", "bob")["mood"]] == [4, 5]
    team("meeting", "edit", str(mid), "--talk", "none", "--mood", "none")
    health = team.json("health", "bob")[0]
    assert health["talk_avg"] is None and health["talk_recorded"] == 0
    assert health["moods"] == [4]
    exported = json.loads(team("export", "--format", "json").stdout)
    (row,) = [m for m in exported["meetings"] if m["id"] == mid]
    assert (row["mood"], row["talk"], row["status_update"]) == (None, None, True)
    (row,) = [m for m in exported["meetings"] if m["id"] == 2]
    assert (row["mood"], row["talk"], row["status_update"]) == (4, None, None)


# ------------------------------------------------------------------ shell completion


def test_completion_offers_the_new_options_and_values(team):
    from test_completion import complete

    offered = complete(team, "oneonone meeting edit 2 --")
    assert {"--on", "--mood", "--talk", "--status", "--no-status", "--clear-status"} <= set(offered)
    assert complete(team, "oneonone meeting edit 2 --mood ") == ["1", "2", "3", "4", "5", "none"]
    assert complete(team, "oneonone meeting edit 2 --mood n") == ["none"]
    assert complete(team, "oneonone meeting edit 2 --talk n") == ["none"]
    assert "edit" in complete(team, "oneonone todo ")
    assert complete(team, "oneonone todo edit 1 --") == ["--edit", "--json", "--help"]
