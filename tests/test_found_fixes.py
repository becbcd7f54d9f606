"""Issue 15, what an outside tester (and a second one) found in trash, meeting/note fixes, week,
search and messages: one regression test (at least) per finding, each failing before its fix."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest


def rows(db, sql, *params):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


# 1. A note whose 1:1 is in the trash under an ID given to another 1:1 since comes back into
#    its own 1:1 (restored with it, under a new ID), never into a made-up record.


def test_a_note_comes_back_into_its_own_1_1_even_when_its_id_was_reused(run, journal):
    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "--on", "2026-02-02", "-R", "first")
    run("log", "alice", "--on", "2026-02-16", "-R", "paged at night", "--mood", "3")
    (meeting,) = rows(journal, "SELECT meeting_id FROM notes WHERE text = 'paged at night'")[0]
    run("note", "rm", "2", "--yes")  # trash #1
    run("meeting", "rm", str(meeting), "--yes")  # trash #2
    run("log", "bob", "--on", "2026-02-20", "-R", "takes the ID")
    assert rows(journal, "SELECT person FROM meetings WHERE id = ?", meeting) == [("bob",)]
    out = run("trash", "restore", "1").stdout
    assert "gone" not in out
    assert f"#2, now 1:1 #{meeting + 1}: its ID #{meeting} had been given" in out
    held = rows(
        journal, "SELECT id, mood FROM meetings WHERE person = 'alice' AND date = '2026-02-16'"
    )
    assert held == [(meeting + 1, 3)]
    assert rows(journal, "SELECT meeting_id FROM notes WHERE text = 'paged at night'") == [
        (meeting + 1,)
    ]
    assert run.json("trash") == []


# 2. `meeting edit --on` never leaves a follow-up added after it was done.


def test_moving_a_1_1_later_never_puts_a_done_follow_ups_added_past_its_done(run, journal):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-10", "-R", "ci", "-T", "share stats", "-T", "fix ci")
    run("todo", "done", "1", env={"ONEONONE_TODAY": "2026-02-12"})
    (meeting,) = rows(journal, "SELECT id FROM meetings")[0]
    run("meeting", "edit", str(meeting), "--on", "2026-02-20")
    assert rows(journal, "SELECT id, added, done FROM follow_ups ORDER BY id") == [
        (1, "2026-02-12", "2026-02-12"),  # done before the new day: added as late as it can be
        (2, "2026-02-20", None),  # open: it follows its 1:1
    ]
    assert rows(journal, "SELECT count(*) FROM follow_ups WHERE added > done") == [(0,)]
    # And back again (an outside tester found the done one stuck at its first day): both
    # follow the 1:1 to where it was, and a move onto the done day itself keeps them together.
    run("meeting", "edit", str(meeting), "--on", "2026-02-10")
    assert rows(journal, "SELECT id, added, done FROM follow_ups ORDER BY id") == [
        (1, "2026-02-10", "2026-02-12"),
        (2, "2026-02-10", None),
    ]
    run("meeting", "edit", str(meeting), "--on", "2026-02-12")
    assert rows(journal, "SELECT added FROM follow_ups ORDER BY id") == [
        ("2026-02-12",),
        ("2026-02-12",),
    ]


def test_a_reopened_follow_up_follows_its_1_1_back(run, journal):
    """Moved past its done day (added clamped to it), reopened, then the 1:1 moved back: its
    added is the 1:1's day again (an outside tester found it stuck at the clamp)."""
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-10", "-R", "ci", "-T", "share stats")
    run("todo", "done", "1", env={"ONEONONE_TODAY": "2026-02-12"})
    (meeting,) = rows(journal, "SELECT id FROM meetings")[0]
    run("meeting", "edit", str(meeting), "--on", "2026-02-20")
    assert rows(journal, "SELECT added FROM follow_ups") == [("2026-02-12",)]
    run("todo", "reopen", "1")
    run("meeting", "edit", str(meeting), "--on", "2026-02-10")
    assert rows(journal, "SELECT added, done FROM follow_ups") == [("2026-02-10", None)]
    run("meeting", "edit", str(meeting), "--on", "2026-02-15")
    assert rows(journal, "SELECT added FROM follow_ups") == [("2026-02-15",)]


# 4. and 13. A query's quote, hyphen, apostrophe or emptiness is the query's, not the journal's.


@pytest.fixture
def noted(run):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-02", "-R", "the on-call rota; the platform team's plan")
    run("log", "alice", "--on", "2026-02-09", "-R", "code review is slow", "--again")
    return run


@pytest.mark.parametrize("query", ['"', 'review"', 'rev"iew', '"code review'])
def test_an_unclosed_quote_is_one_line_on_the_quote(noted, query):
    err = noted.fails("search", query)
    assert "journal" not in err and "--db" not in err
    assert "close the quote" in err and '"double quotes"' in err


@pytest.mark.parametrize(
    ("query", "found"),
    [("on-call", [1]), ("platform team's", [1]), ("on-call*", [1]), ("rota NOT on-call", [])],
)
def test_a_bare_word_with_a_hyphen_or_apostrophe_is_a_phrase_of_its_parts(noted, query, found):
    assert [h["id"] for h in noted.json("search", query)] == found


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_says_it_is_empty(noted, query):
    assert "the search is empty" in noted.fails("search", query)


# 6. `trash empty --older-than`: its own option named; a trash holding only newer items says so.


def test_trash_empty_older_than_in_the_future_names_older_than(run):
    run("add", "alice")
    err = run.fails("trash", "empty", "--older-than", "2027-01-01", "--yes")
    assert "--older-than looks back" in err and "--since" not in err


def test_trash_empty_older_than_a_span_longer_than_anything_says_how_many_are_newer(run):
    run("add", "alice")
    for day in ("2026-02-02", "2026-02-09"):
        run("log", "alice", "--on", day, "-R", "x", "--again")
    run("note", "rm", "1", "--yes")
    run("note", "rm", "2", "--yes")
    out = run("trash", "empty", "--older-than", "1y", "--yes").stdout
    assert out == (
        "Nothing in the trash was removed before 2025-03-02 (2 items in it are newer):"
        " nothing deleted.\n"
    )
    assert len(run.json("trash")) == 2
    run("trash", "empty", "--yes")
    assert run("trash", "empty", "--older-than", "1y").stdout.startswith("Nothing in the trash")


# 7. `week` on a Friday: the 7 days ending today, so last Friday is on one Friday page only.


def test_a_friday_week_does_not_show_last_friday_again(run, monkeypatch):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-20", "-R", "last friday")
    run("log", "alice", "--on", "2026-02-21", "-R", "saturday", "--again")
    monkeypatch.setenv("ONEONONE_TODAY", "2026-02-27")
    w = run.json("week")
    assert (w["since"], w["until"]) == ("2026-02-21", "2026-02-27")
    assert [n["text"] for n in w["people"][0]["notes"]] == ["saturday"]
    monkeypatch.setenv("ONEONONE_TODAY", "2026-02-20")
    before = run.json("week")
    assert [n["text"] for n in before["people"][0]["notes"]] == ["last friday"]


# 5. `log bob --mood 3` with no notes and nothing on stdin: the 1:1 is logged with its mood.


def test_signals_without_notes_and_nothing_piped_log_the_1_1(run, journal):
    run("add", "bob")
    run("log", "bob", "--on", "2026-02-27", "-R", "first")
    out = run("log", "bob", "--on", "2026-02-27", "--again", "--mood", "3", input="").stdout
    assert out == "Logged 1:1 with bob on 2026-02-27 (#2): no notes.\n"
    assert rows(journal, "SELECT mood FROM meetings ORDER BY id") == [(None,), (3,)]
    # With neither notes nor signals there is still nothing to log.
    result = run("log", "bob", "--again", input="")
    assert "Nothing to log" in result.stderr
    assert rows(journal, "SELECT count(*) FROM meetings") == [(2,)]


# 3. and 9. A move or a removal never leaves an empty "held" 1:1 without a word: the 1:1 a move
#    leaves with nothing in it goes to the trash (restorable); one a removal empties is named.


def test_moving_a_note_back_removes_the_empty_1_1_the_first_move_made(run, journal):
    for who in ("alice", "carol"):
        run("add", who)
    run("log", "alice", "--on", "2026-02-16", "-R", "paged at night", "--mood", "4")
    out = run("note", "move", "1", "--to", "carol").stdout
    assert "recorded as a held 1:1" in out and "trash" not in out  # alice's keeps her mood
    out = run("note", "move", "1", "--to", "alice").stdout
    assert out == (
        "Moved note #1 to alice's 1:1 #1 of 2026-02-16; carol's 1:1 #2 it left had nothing else"
        " in it, so it went to the trash too ('oneonone trash restore 1' brings it back).\n"
    )
    assert rows(journal, "SELECT id, person, mood FROM meetings") == [(1, "alice", 4)]
    last = {d["person"]: d["last"] for d in run.json("due")}
    assert last == {"alice": "2026-02-16", "carol": None}
    run("trash", "restore", "1")  # nothing lost: the empty record comes back if wanted
    assert rows(journal, "SELECT id, person FROM meetings ORDER BY id") == [
        (1, "alice"),
        (2, "carol"),
    ]


def test_a_move_of_a_1_1s_only_note_sends_the_empty_1_1_to_the_trash_saying_so(run, journal):
    for who in ("alice", "carol"):
        run("add", who)
    run("log", "alice", "--on", "2026-02-16", "-R", "written under the wrong name")
    out = run("note", "move", "1", "--to", "carol").stdout
    assert "alice's 1:1 #1 it left had nothing else in it, so it went to the trash too" in out
    assert rows(journal, "SELECT person FROM meetings") == [("carol",)]


def test_a_1_1_with_a_mood_is_not_emptied_by_a_move(run, journal):
    for who in ("alice", "carol"):
        run("add", who)
    run("log", "alice", "--on", "2026-02-16", "-R", "paged at night", "--mood", "4")
    out = run("note", "move", "1", "--to", "carol").stdout
    assert "trash" not in out
    assert rows(journal, "SELECT person, mood FROM meetings ORDER BY id") == [
        ("alice", 4),
        ("carol", None),
    ]


def test_removing_a_1_1s_only_note_says_the_1_1_is_now_empty(run, journal):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-16", "-R", "paged at night", "-M", "tired")
    assert "nothing in it" not in run("note", "rm", "1", "--yes").stdout
    out = run("note", "rm", "2", "--yes").stdout
    assert out.splitlines()[-1] == (
        "1:1 #1 with alice now has nothing in it: 'oneonone meeting rm 1' if it did not happen"
    )
    assert rows(journal, "SELECT count(*) FROM meetings") == [(1,)]  # named, not removed


# 8. Messages that said something else than what happened.


def test_health_says_what_the_mood_means_compare(run):
    from oneonone_cli.domain.health import mood_fall

    assert mood_fall([5, 4, 3]) == (5.0, 3.5)
    run("add", "alice")
    for day, mood in (("2026-02-09", "5"), ("2026-02-16", "4"), ("2026-02-23", "3")):
        run("log", "alice", "--on", day, "-R", "x", "--mood", mood)
    out = run("health", "alice").stdout
    assert "the last two moods average 3.5 against 5.0 before" in " ".join(out.split())
    assert "fell from" not in out


def test_one_old_follow_up_is_one_follow_up():
    from oneonone_cli import messages

    text = messages.HEALTH_WARN_FOLLOW_UPS.format(n="1 follow-up", cadences=2, oldest="x")
    assert text.startswith("1 follow-up open for more than 2 cadences")


def test_todo_add_with_a_todo_command_word_does_not_suggest_adding_it(run):
    run("add", "alice")
    err = run.fails("todo", "add", "done", "x")
    assert "oneonone add done" not in err and "is a todo command" in err
    assert "no one called 'bob'" in run.fails("todo", "add", "bob", "x")


def test_todo_add_too_long_names_no_option_to_repeat(run):
    run("add", "alice")
    err = run.fails("todo", "add", "alice", "x" * 100_000)
    assert "repeat the option" not in err and "100,000 characters" in err


def test_todo_reopen_of_an_open_follow_up_says_it_was_open(run):
    run("add", "alice")
    run("todo", "add", "alice", "book the offsite")
    assert run("todo", "reopen", "1").stdout == "#1 was already open: book the offsite\n"
    run("todo", "done", "1")
    assert run("todo", "reopen", "1").stdout.startswith("Open again: #1")


def test_renaming_someone_with_nothing_yet_reads_right(run):
    run("add", "alice")
    assert run("rename", "alice", "zed").stdout == "Renamed alice to zed (no 1:1s or notes yet).\n"


# 14. `demo`'s themes table is of 90 days: its keep/dismiss hint carries --since 90d.


def test_the_demo_keep_and_dismiss_hint_carries_the_window_shown(run, tmp_path):
    out = " ".join(run("demo", "--db", str(tmp_path / "demo.db")).stdout.split())
    assert "found in your notes" in out  # the hint is there to check
    assert "'oneonone themes --since 90d keep KEY" in out
    assert "'oneonone themes --since 90d dismiss KEY'" in out


# 12. `meeting edit --on` onto a day with a held 1:1 with them: asked, or --again, as `log`.


def test_meeting_edit_onto_a_day_with_a_held_1_1_needs_again(run, journal, monkeypatch):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-09", "-R", "first")
    run("log", "alice", "--on", "2026-02-16", "-R", "second")
    stamp = rows(journal, "SELECT id, date FROM meetings ORDER BY id")
    err = run.fails("meeting", "edit", "2", "--on", "2026-02-09")
    assert err == (
        "oneonone: nothing was changed: a 1:1 with alice is already logged on 2026-02-09 (#1);"
        " --again moves #2 there as a second one ('oneonone meeting rm' removes one that did"
        " not happen)"
    )
    assert rows(journal, "SELECT id, date FROM meetings ORDER BY id") == stamp
    monkeypatch.setattr("oneonone_cli.cli.fix.at_terminal", lambda: True)
    run("meeting", "edit", "2", "--on", "2026-02-09", input="n\n", code=1)
    assert rows(journal, "SELECT id, date FROM meetings ORDER BY id") == stamp
    run("meeting", "edit", "2", "--on", "2026-02-09", input="y\n")
    monkeypatch.setattr("oneonone_cli.cli.fix.at_terminal", lambda: False)
    run("meeting", "edit", "2", "--on", "2026-02-16")  # an empty day: no question
    run("meeting", "edit", "2", "--on", "2026-02-09", "--again")
    assert rows(journal, "SELECT date FROM meetings ORDER BY id") == [("2026-02-09",)] * 2


# 10. health: the status-update share is of all held 1:1s; no feedback is not a gap yet for
#     someone added or first met less than FEEDBACK_GAP_DAYS ago.


def test_the_status_share_is_of_all_held_1_1s_not_only_those_recorded(run, journal):
    run("add", "alice", env={"ONEONONE_TODAY": "2026-01-01"})
    run("log", "alice", "--on", "2026-02-09", "-R", "x", "--status")
    for day in ("2026-02-16", "2026-02-23"):
        run("log", "alice", "--on", day, "-R", "y")  # nobody types --no-status
    [alice] = [p for p in run.json("health") if p["person"] == "alice"]
    assert (alice["status_updates"], alice["status_recorded"], alice["status_share"]) == (
        1,
        3,
        0.333,
    )
    assert "status" in [w["code"] for w in alice["warnings"]]  # 1 of 3 is over a quarter


def test_no_feedback_warning_waits_30_days_after_someone_is_added_or_first_met(run, journal):
    from oneonone_cli.domain.health import FEEDBACK_GAP_DAYS

    assert FEEDBACK_GAP_DAYS == 30
    run("add", "new", env={"ONEONONE_TODAY": "2026-01-31"})  # 30 days before today: not over
    run("add", "old", env={"ONEONONE_TODAY": "2026-01-30"})  # 31 days: over
    run("add", "met", env={"ONEONONE_TODAY": "2026-02-25"})  # added lately, met long ago
    run("log", "met", "--on", "2026-01-05", "-R", "imported history", "--yes")
    people = {p["person"]: p for p in run.json("health") if p["person"]}
    warned = {h: "feedback" in [w["code"] for w in p["warnings"]] for h, p in people.items()}
    assert warned == {"new": False, "old": True, "met": True}


# 11. `todo rm` asks (or needs --yes) and keeps what it removed in the trash, restorable with
#     its ID, dates and 1:1.


def test_todo_rm_needs_yes_and_goes_to_the_trash_restorable(run, journal, monkeypatch):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-16", "-R", "x", "-T", "send the rota", "-T", "other")
    run("todo", "done", "1")
    before = rows(journal, "SELECT * FROM follow_ups ORDER BY id")
    err = run.fails("todo", "rm", "1")
    assert "pass --yes" in err
    monkeypatch.setattr("oneonone_cli.cli.fix.at_terminal", lambda: True)
    run("todo", "rm", "1", input="n\n", code=1)
    assert rows(journal, "SELECT * FROM follow_ups ORDER BY id") == before
    run("todo", "rm", "1", "2", input="y\n")
    assert rows(journal, "SELECT count(*) FROM follow_ups") == [(0,)]
    [second, first] = run.json("trash")
    assert (first["what"], first["item_id"], first["date"]) == ("follow-up", 1, "2026-02-16")
    assert run("trash", "restore", str(first["id"])).stdout == (
        "Restored follow-up #1 (alice, 2026-02-16) from the trash.\n"
    )
    run("trash", "restore", str(second["id"]))
    assert rows(journal, "SELECT * FROM follow_ups ORDER BY id") == before


def test_a_trashed_follow_up_whose_1_1_went_too_comes_back_unlinked(run, journal):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-16", "-R", "x", "-T", "send the rota")
    run("todo", "rm", "1", "--yes")
    run("meeting", "rm", "1", "--yes")
    run("trash", "restore", "1")  # the follow-up; its 1:1 stays in the trash
    assert rows(journal, "SELECT id, meeting_id, added FROM follow_ups") == [
        (1, None, "2026-02-16")
    ]
    assert [i["what"] for i in run.json("trash")] == ["meeting"]
