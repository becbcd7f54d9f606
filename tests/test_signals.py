"""Meeting signals on `log` (issue 15): --mood 1..5, --talk PCT (40 or 40%), --status; shown by
`show`; refused in one line with nothing written."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.records import Signals
from oneonone_cli.domain.signals import parse_mood, parse_signals, parse_talk
from oneonone_cli.errors import OneOnOneError


def meetings(journal):
    with sqlite3.connect(journal) as conn:
        return conn.execute(
            "SELECT date, mood, talk, status_update FROM meetings ORDER BY id"
        ).fetchall()


@pytest.mark.parametrize("value, mood", [("1", 1), ("5", 5), (" 3 ", 3)])
def test_mood_within_one_to_five(value, mood):
    assert parse_mood(value) == mood


@pytest.mark.parametrize("value", ["0", "6", "-1", "4.5", "", "great", "٣", "1e0", "+3"])
def test_mood_outside_or_not_a_number_is_refused(value):
    with pytest.raises(OneOnOneError, match="--mood"):
        parse_mood(value)


@pytest.mark.parametrize(
    "value, talk", [("0", 0), ("100", 100), ("40", 40), ("40%", 40), (" 55% ", 55), ("0%", 0)]
)
def test_talk_as_a_number_or_a_percentage(value, talk):
    assert parse_talk(value) == talk


@pytest.mark.parametrize("value", ["101", "-1", "40%%", "%", "", "4.5", "forty", "1000%"])
def test_talk_outside_or_not_a_number_is_refused(value):
    with pytest.raises(OneOnOneError, match="--talk"):
        parse_talk(value)


@given(st.integers(min_value=-1000, max_value=1000), st.booleans())
def test_talk_round_trip_and_boundaries(n, percent):
    text = f"{n}%" if percent else str(n)
    if 0 <= n <= 100:
        assert parse_talk(text) == n
    else:
        with pytest.raises(OneOnOneError):
            parse_talk(text)


@given(st.text(max_size=8))
def test_mood_never_crashes_and_accepts_only_one_to_five(text):
    try:
        mood = parse_mood(text)
    except OneOnOneError:
        return
    assert 1 <= mood <= 5 and text.strip() == str(mood)


def test_no_signal_given_is_none():
    assert parse_signals(None, None, None) is None
    assert parse_signals("2", None, False) == Signals(2, None, False)


def test_log_records_the_signals(run, journal):
    run("add", "alice")
    run("log", "alice", "-R", "slow CI", "--mood", "4", "--talk", "40%", "--status")
    run("log", "alice", "--on", "2026-02-23", "-M", "ok", "--no-status")
    run("log", "alice", "--on", "2026-02-16", "-M", "fine")
    assert meetings(journal) == [
        ("2026-03-02", 4, 40, 1),
        ("2026-02-23", None, None, 0),
        ("2026-02-16", None, None, None),
    ]


def test_log_json_says_the_signals(run):
    run("add", "alice")
    logged = run.json("log", "alice", "-R", "x", "--mood", "2", "--talk", "70")
    assert (logged["mood"], logged["talk"], logged["status_update"]) == (2, 70, None)


@pytest.mark.parametrize(
    "args", [("--mood", "6"), ("--mood", "0"), ("--talk", "101"), ("--talk", "40 percent")]
)
def test_a_bad_signal_writes_nothing(run, journal, args):
    run("add", "alice")
    err = run.fails("log", "alice", "-R", "slow CI", *args)
    assert "nothing was written" in err and args[0] in err
    assert meetings(journal) == []


def test_a_bad_signal_is_refused_before_stdin_is_read(run, journal):
    run("add", "alice")
    run.fails("log", "alice", "--mood", "9", input="r: typed on stdin\n")
    assert meetings(journal) == []


def test_signals_go_with_piped_notes(run, journal):
    run("add", "alice")
    run("log", "alice", "--mood", "3", input="r: slow CI\nm: happy\n")
    assert meetings(journal) == [("2026-03-02", 3, None, None)]


def test_signals_go_with_no_notes(run, journal):
    run("add", "alice")
    run("log", "alice", "--no-notes", "--talk", "80", "--status")
    assert meetings(journal) == [("2026-03-02", None, 80, 1)]


def test_show_says_how_each_1on1_went(run):
    run("add", "alice")
    run("log", "alice", "-R", "slow CI", "--mood", "4", "--talk", "40%", "--status")
    run("log", "alice", "--on", "2026-02-23", "-M", "fine")
    [latest, older] = run.json("show", "alice")
    assert (latest["mood"], latest["talk"], latest["status_update"]) == (4, 40, True)
    assert (older["mood"], older["talk"], older["status_update"]) == (None, None, None)
    from tables import drawn

    _, headers, _, rows = drawn(run, "show", "alice")
    assert rows[0][1] == "held #1"
    assert "mood 4/5" in rows[0][4] and "you talked 40%" in rows[0][4]
    assert "status update" in rows[0][4]
    assert "mood" not in rows[1][4]
