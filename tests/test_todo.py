"""Follow-ups (issue 15): `log -T/--todo` and 'todo:' lines; `todo [HANDLE]` lists the open ones
oldest first with their age; `todo add`, `todo done`, `todo reopen`, `todo rm`; the service
`open_follow_ups` that prep and the editor template read."""

from __future__ import annotations

import os
import sqlite3
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.noteinput import parse_note_lines
from oneonone_cli.domain.records import FollowUp, NoteDraft
from strategies import note_line
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
    run.fails("todo", "rm", "1", "42", "--yes")
    assert len(rows(journal)) == 1
    assert "not a follow-up ID" in run.fails("todo", "done", "one", code=2)


def test_rm_says_the_text_and_how_to_restore_it(run, journal, team):
    run("log", "alice", "-T", "send Bob's RFC")
    said = run("todo", "rm", "1", "--yes").stdout
    assert said == (
        "Follow-up #1 with alice (send Bob's RFC) is in the trash as #1: 'oneonone trash"
        " restore 1' undoes it.\n"
    )
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


text = note_line  # tests/strategies.py


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


# ------------------------------------------------ reliability: kill -9 and concurrent writers
# `log` with follow-ups, feedback and signals is one transaction: killed at any moment, the 1:1
# is kept whole (its notes, follow-ups and signals) or not at all; many writers at once (log -T,
# todo add, todo done) lose nothing. The heavy profile (ONEONONE_SLOW=1) is run and reported by
# benchmarks/reliability.py (part "capture").


def capture_kills(folder, trials: int, seed: int) -> dict:
    import random
    import signal
    import subprocess
    import time

    from test_reliability import CLI, cli, cli_env, integrity, new_journal, query

    rng = random.Random(seed)
    db = new_journal(folder, "alice")
    started = time.monotonic()
    cli(db, "log", "alice", "--on", "2026-01-01", "-T", "calibration", "--mood", "3")
    usual = time.monotonic() - started
    failures, killed, kept = [], 0, 0
    for trial in range(trials):
        marker = f"k{trial}"
        args = [
            *("log", "alice", "--on", "2026-02-01", "-R", f"{marker} roadblock"),
            *("-F", f"{marker} feedback", "-T", f"{marker} todo 1", "-T", f"{marker} todo 2"),
            *("--mood", "2", "--talk", "35%", "--status"),
        ]
        child = subprocess.Popen(
            [*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cli_env(db)
        )
        begun = time.monotonic()
        try:
            child.wait(timeout=usual * rng.uniform(0.4, 1.05))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        else:
            usual = 0.7 * usual + 0.3 * (time.monotonic() - begun)
        child.communicate(timeout=60)
        was_killed = child.returncode == -signal.SIGKILL
        if was_killed:  # killed early: the next delay is longer, so the kills reach the commit
            usual *= 1.1
        killed += was_killed
        if child.returncode not in (0, -signal.SIGKILL):
            failures.append(f"trial {trial}: exit {child.returncode}")
        verdict = integrity(db)
        if verdict != "ok":
            failures.append(f"trial {trial}: integrity {verdict}")
            break
        notes = query(db, "SELECT meeting_id FROM notes WHERE text LIKE ?", [marker + " %"])
        todos = query(db, "SELECT meeting_id FROM follow_ups WHERE text LIKE ?", [marker + " %"])
        meetings = {m for (m,) in notes} | {m for (m,) in todos}
        signals = [
            query(db, "SELECT mood, talk, status_update FROM meetings WHERE id = ?", [m])[0]
            for m in meetings
        ]
        whole = len(notes) == 2 and len(todos) == 2 and signals == [(2, 35, 1)]
        if not (whole or (not notes and not todos)) or len(meetings) > 1:
            failures.append(f"trial {trial}: {len(notes)} notes, {len(todos)} follow-ups kept")
        elif not was_killed and not whole:
            failures.append(f"trial {trial}: finished but not kept whole")
        kept += whole
    return {
        "part": "capture",
        "kind": "kill9",
        "trials": trials,
        "killed_mid_run": killed,
        "kept_whole": kept,
        "failures": len(failures),
        "details": failures[:10],
        "seed": seed,
    }


def capture_concurrency(folder, writers: int, calls: int) -> dict:
    """`writers` processes released at once, each logging 1:1s with a follow-up and signals,
    adding a follow-up outside a 1:1 and marking its own first one done, in a tight loop."""
    import time

    from test_reliability import integrity, new_journal, query, start_together

    handles = [f"c{i}" for i in range(writers)]
    db = new_journal(folder, *handles)
    lists = []
    for h in handles:
        commands = []
        for c in range(calls):
            commands.append(
                ["log", h, "--again", "-R", f"{h} note {c}", "-T", f"{h} todo {c}", "--mood", "4"]
            )
            commands.append(["todo", "add", h, f"{h} extra {c}"])
        lists.append(commands)
    started = time.monotonic()
    outcomes = start_together(db, folder, lists, timeout=300)
    notes = {t for (t,) in query(db, "SELECT text FROM notes")}
    todos = [t for (t,) in query(db, "SELECT text FROM follow_ups")]
    in_meetings = query(
        db,
        "SELECT COUNT(*) FROM follow_ups f JOIN meetings m ON m.id = f.meeting_id"
        " JOIN notes n ON n.meeting_id = m.id WHERE m.mood = 4",
    )[0][0]
    expected_todos = {
        f"{h} {w} {c}" for h in handles for w in ("todo", "extra") for c in range(calls)
    }
    return {
        "part": "capture",
        "kind": "concurrency",
        "writers": writers,
        "calls": calls * 2,
        "notes_kept": len(notes & {f"{h} note {c}" for h in handles for c in range(calls)}),
        "follow_ups_kept": len(set(todos) & expected_todos),
        "follow_ups_expected": len(expected_todos),
        "follow_ups_in_their_1on1": in_meetings,
        "duplicates": len(todos) - len(set(todos)),
        "failed_calls": sum(e.count("oneonone: ") for _, e in outcomes),
        "errors": sorted({e.strip() for _, e in outcomes if e.strip()})[:5],
        "integrity": integrity(db),
        "seconds": round(time.monotonic() - started, 2),
    }


def check_capture_concurrency(figures: dict) -> None:
    from test_reliability import report

    report(figures)
    assert figures["integrity"] == "ok"
    assert figures["failed_calls"] == 0, figures["errors"]
    assert figures["notes_kept"] == figures["writers"] * figures["calls"] // 2, figures
    assert figures["follow_ups_kept"] == figures["follow_ups_expected"], figures
    assert figures["follow_ups_in_their_1on1"] == figures["notes_kept"], figures
    assert figures["duplicates"] == 0, figures


def check_capture_kills(figures: dict) -> None:
    from test_reliability import report

    report(figures)
    assert figures["failures"] == 0, figures


def test_log_with_follow_ups_and_signals_killed_is_all_or_nothing(tmp_path):
    from test_reliability import seed

    check_capture_kills(capture_kills(tmp_path, trials=6, seed=seed()))


def test_concurrent_follow_up_writers_lose_nothing(tmp_path):
    check_capture_concurrency(capture_concurrency(tmp_path, writers=3, calls=4))


@pytest.mark.slow
def test_slow_capture_kill_9_many_times(tmp_path):
    from test_reliability import SLOW, seed

    if not SLOW:
        pytest.skip("heavy profile: set ONEONONE_SLOW=1")
    trials = int(os.environ.get("ONEONONE_KILLS", "200")) // 2
    check_capture_kills(capture_kills(tmp_path, trials=trials, seed=seed()))


@pytest.mark.slow
def test_slow_capture_eight_writers(tmp_path):
    from test_reliability import SLOW

    if not SLOW:
        pytest.skip("heavy profile: set ONEONONE_SLOW=1")
    check_capture_concurrency(capture_concurrency(tmp_path, writers=8, calls=25))


def test_the_table_lists_the_oldest_hundred_and_says_how_many_more(run, team, journal):
    from oneonone_cli.cli.todo import TABLE_LIMIT

    with sqlite3.connect(journal) as conn:  # 101 open follow-ups, from 101 days ago to today
        conn.executemany(
            "INSERT INTO follow_ups (person, text, added) VALUES ('alice', ?, ?)",
            [
                (f"promise {n}", date.fromordinal(date(2026, 3, 2).toordinal() - n).isoformat())
                for n in range(TABLE_LIMIT, -1, -1)
            ],
        )
    result = run("todo")
    assert "promise 100" in result.stdout and "promise 1 " in result.stdout
    assert "promise 0" not in result.stdout
    assert "oldest 100 of 101" in result.stderr
    assert len(run.json("todo")) == 101
    assert len(run.json("todo", "--limit", "3")) == 3
    assert "promise 0" in run("todo", "--limit", "101").stdout


def test_follow_ups_and_feedback_typed_in_the_editor(run, journal, team, tmp_path, monkeypatch):
    """The template names the 'f:' and 'todo:' lines; what is typed after it is logged, with
    the signals given on the command line."""
    import sys

    seen = tmp_path / "template.txt"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(path.read_text())\n"
        "path.write_text(path.read_text() + 'r: slow CI\\nf: great demo\\ntodo: send the RFC\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    run("log", "alice", "-e", "--mood", "4")
    template = seen.read_text()
    assert "f: feedback you gave" in template and "todo: a follow-up, open until done" in template
    assert [r[3] for r in rows(journal)] == ["send the RFC"]
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT kind FROM notes ORDER BY id").fetchall() == [
            ("roadblock",),
            ("feedback",),
        ]
        assert conn.execute("SELECT mood FROM meetings").fetchall() == [(4,)]
