"""Feedback given (issue 15): `log -F/--feedback` and 'f:' lines record a note of its own kind,
shown by `show` and `week`, never read by theme reports."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.noteinput import parse_note_lines
from oneonone_cli.domain.records import KINDS, NoteDraft
from strategies import note_line


def notes(journal):
    with sqlite3.connect(journal) as conn:
        return conn.execute("SELECT kind, text FROM notes ORDER BY id").fetchall()


def test_feedback_is_its_own_kind(run, journal):
    run("add", "alice")
    run("log", "alice", "-F", "great demo on Friday", "--feedback", "clearer PR descriptions")
    assert notes(journal) == [
        ("feedback", "great demo on Friday"),
        ("feedback", "clearer PR descriptions"),
    ]


def test_feedback_lines_on_stdin(run, journal):
    run("add", "alice")
    run("log", "alice", input="r: slow CI\nf: great demo\nFeedback: clearer PRs\n")
    assert notes(journal) == [
        ("roadblock", "slow CI"),
        ("feedback", "great demo"),
        ("feedback", "clearer PRs"),
    ]


def test_an_empty_feedback_is_refused(run, journal):
    run("add", "alice")
    run.fails("log", "alice", "-F", "  ")
    err = run.fails("log", "alice", input="f:\n")
    assert "line 1" in err
    assert notes(journal) == []


def test_feedback_is_not_logged_with_no_notes(run, journal):
    run("add", "alice")
    err = run.fails("log", "alice", "--no-notes", "-F", "nice work", code=2)
    assert "-F" in err
    assert notes(journal) == []


def test_feedback_flag_with_notes_on_stdin_is_refused(run, journal):
    run("add", "alice")
    err = run.fails("log", "alice", "-F", "nice", input="r: typed\n", code=2)
    assert "-F" in err
    assert notes(journal) == []


def test_show_lists_feedback_and_filters_by_it(run):
    run("add", "alice")
    run("log", "alice", "-R", "slow CI", "-F", "great demo")
    [meeting] = run.json("show", "alice")
    assert [(n["kind"], n["text"]) for n in meeting["notes"]] == [
        ("roadblock", "slow CI"),
        ("feedback", "great demo"),
    ]
    [only] = run.json("show", "alice", "--kind", "feedback")
    assert [n["kind"] for n in only["notes"]] == ["feedback"]
    err = run.fails("show", "alice", "--kind", "praise")
    assert "feedback" in err


def test_feedback_never_makes_a_theme(run):
    """The same words as feedback and as roadblocks: only the roadblocks make a theme."""
    for who in ("alice", "bob", "carol"):
        run("add", who)
    for n, who in enumerate(("alice", "bob", "carol")):
        run("log", who, "--on", f"2026-02-2{n}", "-F", "the CI pipeline is flaky and slow #ci")
    assert run.json("themes", "--kind", "all") == []
    assert run.json("themes") == []
    for n, who in enumerate(("alice", "bob")):
        run("log", who, "--on", f"2026-02-2{n + 4}", "-R", "the CI pipeline is flaky and slow #ci")
    [theme] = run.json("themes")
    assert theme["mentions"] == 2  # the two roadblocks; the three feedback notes not counted


def test_themes_read_only_roadblock_and_morale():
    assert KINDS == ("roadblock", "morale")  # store/rollup.py reads notes of these kinds only


text = note_line  # tests/strategies.py


@given(st.lists(st.tuples(st.sampled_from(["r", "m", "f", "feedback", "F"]), text), max_size=8))
def test_feedback_lines_round_trip(lines):
    kinds = {"r": "roadblock", "m": "morale"}
    parsed = parse_note_lines("\n".join(f"{p}: {t}" for p, t in lines))
    assert parsed.notes == tuple(NoteDraft(kinds.get(p, "feedback"), t) for p, t in lines)
    assert parsed.follow_ups == ()


def test_search_finds_feedback_and_filters_by_it(run):
    run("add", "alice")
    run("log", "alice", "-R", "the demo environment is down", "-F", "the demo went really well")
    found = run.json("search", "demo", "--kind", "feedback")
    assert [n["text"] for n in found] == ["the demo went really well"]
    assert len(run.json("search", "demo")) == 2
