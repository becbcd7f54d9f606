"""`prep HANDLE`: the brief on a hand-built journal, the prompts it chooses, its lines at 80
columns (and in log's editor template), its JSON keys.

Follow-ups, moods and feedback notes are written with plain SQL (schema m006) until the
commands that write them (wt/capture) are merged."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.domain.health import CadenceKept
from oneonone_cli.domain.noteinput import parse_note_lines
from oneonone_cli.domain.prep import Brief, BriefTheme, brief_lines, choose_prompts
from oneonone_cli.domain.records import Cadence, FollowUp, Note, Person, PromptRow
from oneonone_cli.render.prep import PREP_KEYS
from oneonone_cli.themes.sparkline import mood_sparkline


def sql(journal, statement: str, *params) -> int:
    with sqlite3.connect(journal) as conn:
        return conn.execute(statement, params).lastrowid


def held_id(journal, person: str, day: str) -> int:
    with sqlite3.connect(journal) as conn:
        (mid,) = conn.execute(
            "SELECT id FROM meetings WHERE person = ? AND date = ? AND status = 'held'",
            [person, day],
        ).fetchone()
    return mid


@pytest.fixture
def team(run, journal):
    """alice (weekly report) and bob; today 2026-03-02. alice's last 1:1 is 02-23 (due 03-02,
    today); on-call noise raised by alice twice and by bob once: a recurring theme of both."""
    run("add", "alice", "--name", "Alice Smith", env={"ONEONONE_TODAY": "2026-01-05"})
    run("add", "bob", env={"ONEONONE_TODAY": "2026-01-05"})
    run("log", "alice", "--on", "2026-02-09", "-R", "paged at 3am for nothing #oncall")
    run("log", "alice", "--on", "2026-02-16", "-R", "alert noise all night #oncall", "-M", "ok")
    run(
        "log",
        "alice",
        "--on",
        "2026-02-23",
        "-M",
        "proud of the launch",
        "-R",
        "CI is slow",
        "--asked",
        "m-meaning",
        "--asked",
        "r-ci",
    )
    run("log", "bob", "--on", "2026-02-20", "-R", "pager woke me for nothing again #oncall")
    for day, mood in (("2026-02-09", 4), ("2026-02-16", 3), ("2026-02-23", 2)):
        sql(
            journal,
            "UPDATE meetings SET mood = ? WHERE person = 'alice' AND date = ?",
            mood,
            day,
        )
    sql(
        journal,
        "INSERT INTO notes (meeting_id, person, date, kind, text, tags)"
        " VALUES (?, 'alice', '2026-02-16', 'feedback', 'great incident write-up', '[]')",
        held_id(journal, "alice", "2026-02-16"),
    )
    ids = [
        sql(
            journal,
            "INSERT INTO follow_ups (person, meeting_id, text, added, done) VALUES (?,?,?,?,?)",
            "alice",
            None,
            text,
            added,
            done,
        )
        for text, added, done in (
            ("send the rota", "2026-02-16", None),
            ("book the offsite", "2026-02-09", None),
            ("closed one", "2026-02-01", "2026-02-10"),
        )
    ]
    return ids


def test_the_brief_of_a_hand_built_journal(run, team):
    b = run.json("prep", "alice")
    assert tuple(b) == PREP_KEYS
    # last 1:1 02-23 + 1w = 03-02 = today: due today, 0 days overdue
    assert (b["last"], b["due"], b["days_overdue"]) == ("2026-02-23", "2026-03-02", 0)
    # window 90d from 2025-12-02: the 02-09 1:1 is alice's first (added 01-05, due 01-12):
    # late; 02-16 and 02-23 on time; the next is due today, not overdue
    assert b["cadence"] == {
        "due": 3,
        "on_time": 2,
        "late": ["2026-02-09"],
        "overdue_since": None,
        "cancels": 0,
        "reschedules": 0,
        "kept": 0.667,
    }
    # open follow-ups oldest first; the closed one is not there
    assert [(f["id"], f["text"]) for f in b["follow_ups"]] == [
        (team[1], "book the offsite"),
        (team[0], "send the rota"),
    ]
    assert [n["text"] for n in b["recent"]["roadblock"]] == [
        "CI is slow",
        "alert noise all night #oncall",
        "paged at 3am for nothing #oncall",
    ]
    assert [n["text"] for n in b["recent"]["morale"]] == ["proud of the launch", "ok"]
    assert [n["text"] for n in b["recent"]["feedback"]] == ["great incident write-up"]
    [theme] = b["themes"]
    assert (theme["key"], len(theme["note_ids"]), theme["others"]) == ("oncall", 2, ["bob"])
    assert [m["mood"] for m in b["mood"]] == [4, 3, 2]
    assert b["asked_last_time"] == ["m-meaning", "r-ci"]
    # three prompts never asked of alice, both kinds, none on last time's topics (meaning, ci)
    prompts = b["prompts"]
    assert len(prompts) == 3 and {p["kind"] for p in prompts} == {"morale", "roadblock"}
    assert not {p["id"] for p in prompts} & {"m-meaning", "r-ci", "r-flaky"}


def test_the_brief_as_text_fits_80_columns(run, team):
    out = run("prep", "alice", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert lines[0] == "Alice Smith (alice, report, every 1w): 1:1 brief on 2026-03-02"
    assert "Last 1:1 2026-02-23 (7 days ago); next due today (2026-03-02)" in out
    assert "Cadence since 2025-12-02: 2 of 3 1:1s on time; 0 cancels, 0 reschedules" in out
    assert "Mood, last 3 1:1s: ▇▆▄  4 3 2 (of 5)" in out
    assert "  On-call alert noise: 2 notes of theirs; also raised by 1: bob" in out
    assert "Open follow-ups (2):" in out and "  2026-02-09  book the offsite" in out


def test_a_note_with_line_breaks_stays_on_its_lines(run, team, journal):
    sql(
        journal,
        "UPDATE notes SET text = ? WHERE text = 'CI is slow'",
        "CI is slow\nr: not a note\x1b[31m",
    )
    out = run("prep", "alice").stdout
    assert "CI is slow r: not a note" in out and "\x1b" not in out


def test_the_editor_template_shows_the_same_brief(run, team, tmp_path, monkeypatch):
    seen = tmp_path / "seen.txt"
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys, pathlib
            text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
            pathlib.Path({str(seen)!r}).write_text(text, encoding="utf-8")
            """
        )
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    run("log", "alice", "-e")
    template = seen.read_text(encoding="utf-8")
    brief = run("prep", "alice", env={"COLUMNS": "76"}).stdout.splitlines()
    comments = [line[2:] for line in template.splitlines() if line.startswith("# ")]
    for line in brief:
        assert not line or line in comments, line  # the same lines, as comments
    assert all(line.startswith("#") or not line for line in template.splitlines())
    assert all(len(line) <= 80 for line in template.splitlines())
    assert parse_note_lines(template).empty


def test_no_brief_when_the_handle_is_unknown(run, team):
    assert "did you mean 'alice'" in run.fails("prep", "alicf")
    assert "soon" in run.fails("prep", "alice", "--since", "soon")


def test_a_person_never_met(run):
    run("add", "dana", env={"ONEONONE_TODAY": "2026-02-20"})
    b = run.json("prep", "dana")
    # never met: `due`'s rule (due the day they were added); the cadence's first 1:1 is due a
    # cadence after that (02-27), overdue today by more than the grace: 0 of 1 on time
    assert (b["last"], b["due"], b["days_overdue"]) == (None, "2026-02-20", 10)
    assert (b["cadence"]["due"], b["cadence"]["overdue_since"]) == (1, "2026-02-27")
    assert b["themes"] == [] and b["mood"] == [] and len(b["prompts"]) == 3
    assert "No 1:1 yet" in run("prep", "dana").stdout


# ------------------------------------------------------------------------ the prompt choice


def row(pid: str, kind: str) -> PromptRow:
    return PromptRow(pid, kind, f"text of {pid}", None, None)


UNUSED = [
    row("m-a", "morale"),
    row("m-b", "morale"),
    row("m-c", "morale"),
    row("r-a", "roadblock"),
    row("r-b", "roadblock"),
]
TOPICS = {"m-a": "meaning", "m-b": "growth", "m-c": "growth", "r-a": "ci", "r-b": "oncall"}


def ids(rows) -> list[str]:
    return [r.id for r in rows]


def test_the_kind_asked_less_lately_gets_two_of_three():
    assert ids(choose_prompts(UNUSED, TOPICS, [], {"roadblock": 2, "morale": 1}, 0)) == [
        "m-a",
        "r-a",
        "m-b",
    ]
    assert ids(choose_prompts(UNUSED, TOPICS, [], {"roadblock": 1, "morale": 2}, 0)) == [
        "r-a",
        "m-a",
        "r-b",
    ]


def test_a_tie_alternates_with_the_1_1s_on_record():
    assert ids(choose_prompts(UNUSED, TOPICS, [], {}, 0))[0] == "r-a"
    assert ids(choose_prompts(UNUSED, TOPICS, [], {}, 1))[0] == "m-a"


def test_last_time_s_topics_and_repeated_topics_are_avoided():
    # m-x (asked last time) had topic meaning: m-a is skipped; m-b and m-c share a topic
    topics = {**TOPICS, "m-x": "meaning"}
    chosen = choose_prompts(UNUSED, topics, ["m-x"], {"roadblock": 2}, 0)
    assert ids(chosen) == ["m-b", "r-a", "m-a"]  # m-c repeats growth: m-a comes back last


def test_one_kind_left_fills_the_three():
    only = [row("m-a", "morale"), row("m-b", "morale"), row("m-c", "morale")]
    assert ids(choose_prompts(only, TOPICS, [], {"morale": 5}, 0)) == ["m-a", "m-b", "m-c"]
    assert choose_prompts([], TOPICS, [], {}, 0) == []


def test_unused_prompts_come_first_then_the_longest_ago_never_last_time_s():
    old = PromptRow("m-old", "morale", "t", date(2025, 1, 1), date(2025, 1, 1))
    last = PromptRow("r-last", "roadblock", "t", date(2026, 2, 1), date(2026, 2, 1))
    # candidates in prompts_for's order: never asked of them first, then the longest ago
    pool = [row("m-a", "morale"), old, last]
    chosen = choose_prompts(pool, {"m-a": "meaning"}, ["m-x", "r-last"], {}, 1)
    assert ids(chosen) == ["m-a", "m-old"]  # r-last was asked last time: never offered
    # an unused prompt on last time's topic still comes before a used one
    chosen = choose_prompts(pool, {"m-a": "meaning", "m-x": "meaning"}, ["m-x"], {}, 1)
    assert ids(chosen)[0] == "m-a"


def test_a_bank_used_up_still_offers_three(run):
    from oneonone_cli.domain.prompts import builtin_prompts

    run("add", "alice")
    bank = [p.id for p in builtin_prompts() if p.suits("reports")]
    run("log", "alice", "--on", "2026-02-01", *[a for pid in bank[:-1] for a in ("--asked", pid)])
    run("log", "alice", "--on", "2026-02-20", "--asked", bank[-1])
    b = run.json("prep", "alice")
    assert len(b["prompts"]) == 3 and bank[-1] not in [p["id"] for p in b["prompts"]]


def test_the_mood_sparkline_has_a_fixed_scale():
    # bar = SPARKS[1 + round(mood / 5 * 6)]: 1 -> ▃, 2 -> ▄, 3 -> ▆, 4 -> ▇, 5 -> █
    assert mood_sparkline([5, 5]) == "██" and mood_sparkline([3, 3]) == "▆▆"
    assert mood_sparkline([1, 5]) == "▃█" and mood_sparkline([]) == ""


# ------------------------------------------------------------------------------ its lines

PERSON = Person("alice", "Alice", "report", Cadence(1, "w"), date(2026, 1, 1))
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


def a_brief(note: str, name: str) -> Brief:
    day = date(2026, 3, 1)
    return Brief(
        person=PERSON._replace(name=name or "x"),
        today=date(2026, 3, 2),
        since=date(2025, 12, 2),
        last_held=day,
        due=day,
        cadence=CadenceKept(1, 1, (), 0, None, 0, 0),
        follow_ups=(FollowUp(1, "alice", None, note, day),),
        recent={"roadblock": (Note(1, 1, "alice", day, "roadblock", note, ()),)},
        themes=(BriefTheme("k", note, (1,), ("bob",)),),
        moods=((day, 3),),
        mood_sparkline="▆",
        prompts=(PromptRow("m-a", "morale", note, None, None),),
        asked_last_time=(),
    )


@given(text, text, st.integers(min_value=40, max_value=120))
def test_brief_lines_are_single_lines_within_the_width(note, name, width):
    lines = brief_lines(a_brief(note, name), width)
    for line in lines:
        assert "\n" not in line and "\r" not in line and "\x1b" not in line
        # a line is over the width only when it holds one word longer than it
        assert len(line) <= width or len(line.split()) <= 3, line
    template = "\n".join("# " + line for line in lines)
    assert parse_note_lines(template).empty
