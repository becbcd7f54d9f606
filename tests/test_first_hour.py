"""A manager's first hour: help, tables at 80 and 120 columns, values, dates and words.

Tables are drawn by the real renderer (no --json) at a fixed width: COLUMNS is what rich reads
when stdout is not a terminal (a pipe, a file, cron)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import types

import pytest

from conftest import TODAY
from oneonone_cli.services.demo import build_demo


def rows(path, table):
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, TODAY)
    return str(path)


@pytest.fixture
def team(run):
    run("add", "alice", "--name", "Alice Smith", "--every", "2w")
    run("add", "bob", "--name", "Bob Okafor")
    return run


def at(run, width, *args, code=0):
    """A command's output drawn at this many columns, as a pipe or a file gets it."""
    result = run(*args, env={"COLUMNS": str(width)}, code=code)
    for line in result.stdout.splitlines():
        assert len(line) <= width, line
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
    return result.stdout


def cli(*args, env=None, input=None):
    return subprocess.run(
        [sys.executable, "-m", "oneonone_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        check=False,
    )


# ---------------------------------------------------------------- 1-5: the first minute


def test_no_arguments_shows_the_help_as_text(run):
    result = run()
    assert result.stdout.startswith("Usage: ")
    assert "Commands:" in result.stdout and "\n  log " in result.stdout
    assert result.stderr == ""
    done = cli()
    assert done.returncode == 0 and done.stderr == "" and done.stdout.startswith("Usage: ")
    assert "Commands:" in done.stdout and "\\n" not in done.stdout


def test_help_names_its_values_and_lists_commands_in_the_order_they_are_used(run):
    listed = re.findall(r"^  (\w[\w-]*) ", run("--help").stdout.split("Commands:")[1], re.MULTILINE)
    assert listed == [
        "add",
        "log",
        "due",
        "prep",
        "themes",
        "prompts",
        "show",
        "health",
        "search",
        "todo",
        "week",
        "people",
        "edit",
        "archive",
        "cancel",
        "reschedule",
        "note",
        "meeting",
        "rename",
        "trash",
        "export",
        "import",
        "calendar",
        "demo",
        "backup",
        "restore",
        "encrypt",
        "db",
        "config",
        "completion",
    ]
    texts = {
        args: run(*args, "--help").stdout
        for args in [
            ("log",),
            ("cancel",),
            ("reschedule",),
            ("add",),
            ("edit",),
            ("archive",),
            ("due",),
            ("prompts",),
            ("prompts", "show"),
            ("prompts", "add"),
            ("prompts", "retire"),
            ("show",),
            ("themes",),
            ("themes", "show"),
            ("themes", "alias"),
            ("themes", "add-term"),
            ("demo",),
            ("backup",),
            ("encrypt",),
            ("people",),
        ]
    }
    for args, text in texts.items():
        assert "<str>" not in text and "<int>" not in text and "{" not in text, (args, text)
    assert "log [OPTIONS] HANDLE\n" in texts[("log",)]
    assert "prompts [OPTIONS] [HANDLE | COMMAND [ARGS]...]" in texts[("prompts",)]
    assert "prompts show [OPTIONS] HANDLE\n" in texts[("prompts", "show")]
    assert "prompts add [OPTIONS] [TEXT]" in texts[("prompts", "add")]
    assert (
        "--kind KIND" in texts[("prompts", "add")] and "--for AUDIENCE" in texts[("prompts", "add")]
    )
    assert "prompts retire [OPTIONS] [ID]" in texts[("prompts", "retire")]
    for metavar in ("--on DATE", "--roadblock TEXT", "--asked ID"):
        assert metavar in texts[("log",)]
    assert "--every CADENCE" in texts[("add",)] and "--within SPAN" in texts[("due",)]
    assert "--since SPAN" in texts[("themes",)] and "--to DATE" in texts[("reschedule",)]


def test_lowercase_r_and_m_log_notes_and_handles_ignore_case(team):
    out = team.json("log", "ALICE", "-r", "CI flaky", "-m", "happy")
    assert out["person"] == "alice" and len(out["note_ids"]) == 2
    assert [n["text"] for n in team.json("show", "Alice")[0]["notes"]] == ["CI flaky", "happy"]
    team("add", "Chen")
    assert [p["person"] for p in team.json("people")] == ["alice", "bob", "chen"]
    team.fails("add", "CHEN")  # the same person


def test_demo_honours_the_root_db_and_never_overwrites(run, tmp_path, journal):
    path = tmp_path / "mine.db"
    result = run("--db", str(path), "demo")
    assert path.exists() and f"written to {path}" in result.stderr
    assert rows(path, "people") == 8
    assert "already exists" in run.fails("--db", str(path), "demo")
    run("demo")  # ONEONONE_DB (the manager's journal) is not where a demo is written
    assert not journal.exists()


# ---------------------------------------------------------------- 6-9: tables at 80 columns


def test_due_keeps_the_names_at_80_columns(run, demo_db):
    for width in (80, 120):
        out = at(run, width, "--db", demo_db, "due", "--all")
        header = next(line for line in out.splitlines() if "Person" in line)
        assert "Name" in header
        for name in ("Alice Smith", "Farah Haddad", "Bob Okafor"):
            assert name in out, (width, out)

    def header(width):
        return next(
            line for line in at(run, width, "--db", demo_db, "due").splitlines() if "Person" in line
        )

    assert "│ Due " not in header(80).replace("┃", "│")  # the date Overdue already counts from
    assert "┃ Due " in header(120)
    done = cli("--db", demo_db, "due", env={"COLUMNS": ""})  # a pipe, as cron gets it
    assert done.returncode == 0 and "Alice Smith" in done.stdout
    assert all(len(line) <= 80 for line in done.stdout.splitlines())


def test_themes_never_cut_a_word_and_say_why_in_a_few_words(run, demo_db):
    args = ("--db", demo_db, "themes", "--since", "90d")
    data = run.json(*args)
    for width in (80, 120):
        out = at(run, width, *args)
        for row in data:
            assert f"({row['key']})" in out or row["key"].startswith("phrase:"), (width, row)
            for word in row["theme"].split():
                assert word in out, (width, word)
        assert " ... " not in out and "requiremen\n" not in out
    assert "Latest" in at(run, 120, *args) and "Latest" not in at(run, 80, *args)
    review = next(r for r in data if r["key"] == "code-review")
    line = next(line for line in at(run, 80, *args).splitlines() if "Slow code" in line)
    assert "review, prs" in line  # distinct terms, not 'prs ... days'
    assert any("... " in t for t in review["terms"])  # the JSON keeps every term


def test_the_prompt_gets_the_room_at_80_columns(run, demo_db):
    prompt = "Where would you like your career to be"
    for args in (("prompts", "alice"), ("prompts", "dana"), ("prompts", "--all")):
        out = at(run, 80, "--db", demo_db, *args)
        widths = [len(cell.strip()) for line in out.splitlines() for cell in line.split("│")]
        assert max(widths) >= 36, (args, out)
    assert prompt in at(run, 120, "--db", demo_db, "prompts", "alice")


def test_the_lexicon_keeps_each_tag_whole(run, demo_db):
    data = run.json("--db", demo_db, "themes", "lexicon")
    out = at(run, 80, "--db", demo_db, "themes", "lexicon")
    for row in data:
        for tag in row["tags"]:
            assert tag in out, tag
    cells = [cell.strip() for line in out.splitlines() for cell in line.split("│")]
    assert "," not in cells and not re.search(r"\b1 terms", out)


def test_titles_are_not_padded_and_the_demo_fits_80_columns(run, tmp_path):
    result = run("demo", "--db", str(tmp_path / "d.db"), env={"COLUMNS": "80"})
    for line in (result.stdout + result.stderr).splitlines():
        assert line == line.rstrip(), repr(line)
        assert len(line) <= 80 or str(tmp_path) in line, line
    assert "1:1s due\n" in result.stdout
    assert 'oneonone --db "$DEMO" show alice' in result.stderr


# ---------------------------------------------------------------- 10: empty is never a default


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["log", "alice", "--on", "", "-R", "x"], "empty date"),
        (["cancel", "alice", "--on", ""], "empty date"),
        (["cancel", "alice", "--reason", " "], "--reason is empty"),
        (["--db", "", "add", "zed"], "--db is empty"),
        (["edit", "alice", "--name", ""], "--name is empty"),
        (["edit", "alice", "--name", "   "], "--name is empty"),
        (["edit", "alice", "--every", ""], "--every is empty"),
        (["add", "zed", "--name", ""], "--name is empty"),
        (["add", "zed", "--every", ""], "cadence"),
        (["due", "--within", ""], "span"),
        (["show", "alice", "--since", ""], "span"),
        (["backup", ""], "path is empty"),
    ],
)
def test_an_empty_value_is_an_error_and_writes_nothing(team, journal, args, needle):
    before = [rows(journal, t) for t in ("people", "meetings", "notes")]
    assert needle in team.fails(*args)
    assert [rows(journal, t) for t in ("people", "meetings", "notes")] == before
    assert team.json("people")[0]["name"] == "Alice Smith"


def test_an_empty_onone_db_is_an_error(run, monkeypatch, tmp_path):
    monkeypatch.setenv("ONEONONE_DB", "")
    assert "ONEONONE_DB" in run.fails("add", "zed")
    assert not (tmp_path / "xdg").exists()  # the default journal was not created


# ---------------------------------------------------------------- 11: contradictions and repeats


def test_no_notes_with_notes_is_a_usage_error(team, journal):
    assert "--no-notes" in team.fails("log", "alice", "--no-notes", "-R", "x", code=2)
    assert rows(journal, "meetings") == 0


def test_a_prompt_asked_twice_is_recorded_once(team):
    out = team.json("log", "alice", "-M", "x", "--asked", "m-meaning", "--asked", "m-meaning")
    assert out["asked"] == ["m-meaning"]
    assert team.json("show", "alice")[0]["asked"] == ["m-meaning"]


def test_a_second_1on1_the_same_day_is_said(team):
    first = team("log", "alice", "-R", "one")
    assert "already logged" not in first.stderr
    second = team("log", "alice", "-R", "two")
    assert "already logged today" in second.stderr and "--again" in second.stderr
    assert "already logged" not in team("log", "alice", "--again", "-R", "three").stderr
    assert "already logged" not in team("log", "alice", "--on", "yesterday", "-R", "x").stderr


def test_at_a_terminal_a_second_1on1_is_asked_before_notes_are_read(team, journal, monkeypatch):
    from oneonone_cli.cli import editor, meetings

    team("log", "alice", "-R", "one")

    class Terminal:
        def isatty(self):
            return True

        @property
        def buffer(self):
            raise AssertionError("stdin was read before the question")

    monkeypatch.setattr(meetings, "sys", types.SimpleNamespace(stdin=Terminal()))
    monkeypatch.setattr(editor, "_run_editor", lambda *a: pytest.fail("the editor opened first"))
    monkeypatch.setattr(meetings.typer, "confirm", lambda *a, **k: False)
    assert "--again" in team.fails("log", "alice")
    assert rows(journal, "meetings") == 1


def test_repeats_say_nothing_changed(team, journal):
    team("prompts", "add", "What surprised you this week?", "--kind", "morale")
    err = team.fails("prompts", "add", "what surprised you  this week?", "--kind", "morale")
    assert "already in the bank as m-surprised-week" in err
    assert rows(journal, "prompts") == 1
    assert "Retired" in team("prompts", "retire", "m-meaning").stdout
    assert "already retired" in team("prompts", "retire", "m-meaning").stdout
    assert "Archived" in team("archive", "bob").stdout
    assert "already archived" in team("archive", "bob").stdout
    assert "is not archived" in team("archive", "alice", "--undo").stdout
    assert "now counts" in team("themes", "add-term", "oncall", "boy who cried pager").stdout
    assert "already counts" in team("themes", "add-term", "oncall", "boy  who cried pager").stdout
    assert "already counts" in team("themes", "add-term", "oncall", "Cried Wolf").stdout  # built in
    assert "now counts" in team("themes", "alias", "#beeper", "oncall").stdout
    assert "already counts" in team("themes", "alias", "#Beeper", "oncall").stdout
    assert "nothing changed" in team("edit", "alice", "--every", "2w").stdout


def test_logging_with_an_archived_person_warns(team):
    team("archive", "bob")
    result = team("log", "bob", "-R", "exit interview notes")
    assert "bob is archived" in result.stderr and "--undo" in result.stderr


# ---------------------------------------------------------------- 12: one rule per kind of date


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["reschedule", "alice", "--to", "3000-01-01"], "out of range"),
        (["reschedule", "alice", "--to", "3000-01-01", "--yes"], "out of range"),
        (["reschedule", "alice", "--to", "2036-03-03", "--yes"], "out of range"),
        (["log", "alice", "--on", "0001-01-01", "-R", "x", "--yes"], "out of range"),
        (["log", "alice", "--on", "1899-12-31", "-R", "x", "--yes"], "out of range"),
        (["reschedule", "alice", "--to", "2027-03-03"], "--yes"),
        (["reschedule", "alice", "--to", "yesterday"], "in the past"),
        (["log", "alice", "--on", "1999-01-01", "-R", "x"], "--yes"),
        (["log", "alice", "--on", "2025-03-01", "-R", "x"], "--yes"),
        (["log", "alice", "--on", "tomorrow", "-R", "x"], "in the future"),
        (["cancel", "alice", "--on", "tomorrow"], "in the future"),
        (["cancel", "alice", "--on", "1999-01-01"], "--yes"),
    ],
)
def test_dates_follow_one_rule_per_kind(team, journal, args, needle):
    assert needle in team.fails(*args)
    assert rows(journal, "meetings") == 0


def test_a_date_a_year_away_is_taken_with_yes(team):
    team("log", "alice", "--on", "2025-03-02", "-R", "exactly a year ago")  # not more than a year
    team("log", "alice", "--on", "2024-06-01", "-R", "x", "--yes")
    team("cancel", "alice", "--on", "2024-06-08", "--yes")
    team("reschedule", "alice", "--to", "2027-06-01", "--yes")
    team("reschedule", "bob", "--to", "2027-03-02")  # exactly a year ahead
    assert len(team.json("show", "alice", "--all")) == 4
    team("reschedule", "bob", "--to", "2036-03-02", "--yes")  # the furthest ahead: ten years
    team("log", "bob", "--on", "1900-01-01", "-R", "the earliest day", "--yes")


def test_a_date_without_a_year_lies_the_way_the_command_looks(team):
    # Today is 2026-03-02 (a Monday): a 1:1 held "Dec 30" was last year's, one moved to
    # "Feb 1" is next year's, and "friday" is the last one or the coming one.
    team("log", "alice", "--on", "Dec 30", "-R", "x")
    team("cancel", "alice", "--on", "friday")
    team("reschedule", "bob", "--to", "Feb 1")
    team("reschedule", "alice", "--to", "friday")
    shown = {(m["date"], m["status"], m["moved_to"]) for m in team.json("show", "alice", "--all")}
    assert ("2025-12-30", "held", None) in shown and ("2026-02-27", "cancelled", None) in shown
    assert ("2026-03-02", "rescheduled", "2026-03-06") in shown
    assert team.json("show", "bob", "--all")[0]["moved_to"] == "2027-02-01"
    within = {r["person"] for r in team.json("due", "--within", "friday")}
    assert within == {r["person"] for r in team.json("due", "--within", "2026-03-06")}


def test_a_cancel_recorded_twice_is_one_cancel(team, journal):
    team("cancel", "alice", "--on", "yesterday")
    assert "nothing changed" in team("cancel", "alice", "--on", "yesterday").stdout
    assert rows(journal, "meetings") == 1


# ---------------------------------------------------------------- 13: command words


@pytest.mark.parametrize("handle", ["add", "retire", "log", "due", "themes"])
def test_command_words_are_not_handles(run, journal, handle):
    assert "command word" in run.fails("add", handle)
    assert not journal.exists() or rows(journal, "people") == 0


# ---------------------------------------------------------------- 18-19: words


def test_morale_themes_are_not_flagged_normalised(run, demo_db):
    for args in (("--kind", "morale"), ("--kind", "all")):
        data = run.json("--db", demo_db, "themes", "--since", "1y", *args)
        morale = [r for r in data if r["key"] in {"recognition", "growth", "career"}]
        assert all(not r["normalised"] for r in morale), morale
        out = at(run, 120, "--db", demo_db, "themes", "--since", "1y", *args)
        assert "⚠ Recognition" not in out
    flagged = run.json("--db", demo_db, "themes", "--since", "90d")
    assert any(r["normalised"] for r in flagged)  # roadblocks still are


def test_words_and_plurals(team, journal):
    assert "no notes." in team("log", "alice", "--no-notes").stdout
    assert ": 1 note (#1)." in team("log", "bob", "-R", "x").stdout
    assert "Added zed, report" in team("add", "zed").stdout
    assert "No 1:1s with zed yet" in team("show", "zed").stderr
    assert "in this window" in team("show", "zed", "--since", "30d").stderr
    out = at(team, 120, "themes", "--kind", "all", "--since", "90d", "--min", "2")
    assert "Recurring all" not in out
    team("log", "alice", "--on", "2026-02-01", "-R", "pager woke me #oncall", "--again")
    team("log", "bob", "--on", "2026-02-02", "-R", "pager again #oncall", "--again")
    assert "Recurring themes (roadblock and morale) since" in at(
        team, 120, "themes", "--kind", "all", "--since", "90d"
    )
    team("themes", "add-term", "deploy-freeze", "code freeze", "--new")
    assert "1 term " in at(team, 120, "themes", "lexicon")


def test_empty_answers_point_somewhere_useful(run, team):
    assert "--since 1y" in team("themes", "--kind", "morale", "--since", "90d").stderr
    assert "--since 90d" in team("themes").stderr


def test_an_empty_journal_s_due_suggests_add(run):
    assert "oneonone add" in run("due").stderr


def test_without_colour_the_caption_says_it_in_words(run, demo_db):
    out = at(run, 80, "--db", demo_db, "due")
    assert "red" not in out and "⚠ 2" in out and "⚠ marks repeated cancels" in out
    themes = at(run, 80, "--db", demo_db, "themes", "--since", "90d")
    assert "the weeks from 2025-12-02 (left) to 2026-03-02 (right)" in themes


def test_json_keys_are_unchanged_by_the_table_work(run, demo_db):
    due = run.json("--db", demo_db, "due", "--all")
    assert list(due[0]) == [
        "person",
        "name",
        "relationship",
        "every",
        "last",
        "due",
        "days_overdue",
        "cancelled_90d",
    ]
    assert json.dumps(due)  # plain data


@pytest.mark.parametrize("answer", [True, False])
def test_at_a_terminal_a_far_date_is_asked_about(team, journal, monkeypatch, answer):
    from oneonone_cli.cli import meetings

    class Terminal:
        def isatty(self):
            return True

    asked = []
    monkeypatch.setattr(meetings, "sys", types.SimpleNamespace(stdin=Terminal()))
    monkeypatch.setattr(meetings.typer, "confirm", lambda text, **k: asked.append(text) or answer)
    if answer:
        team("reschedule", "alice", "--to", "2028-01-01")
    else:
        assert "nothing was written" in team.fails("reschedule", "alice", "--to", "2028-01-01")
    assert asked == ["2028-01-01 is more than a year ahead. Record the 1:1 as moved then?"]
    assert rows(journal, "meetings") == (1 if answer else 0)


def test_a_report_on_a_journal_that_is_not_there_says_so(run, tmp_path):
    missing = tmp_path / "typo.db"
    result = run("--db", str(missing), "due")
    assert f"no journal at {missing}" in result.stderr
    assert not missing.exists()
    result = run("--db", str(missing), "people", "--json")
    assert result.stdout.strip() == "[]" and "no journal" in result.stderr
    run("--db", str(missing), "add", "alice")
    assert "no journal" not in run("--db", str(missing), "due").stderr


def test_dash_h_is_help_everywhere(run):
    assert run("-h").stdout == run("--help").stdout
    assert "backup [OPTIONS] [PATH]" in run("backup", "-h").stdout
    assert "show [OPTIONS] THEME" in run("themes", "show", "-h").stdout


def test_themes_show_follows_the_window_the_report_named(run, demo_db):
    report = run("--db", demo_db, "themes", "--since", "90d").stdout
    assert "'oneonone themes show KEY --since 90d'" in " ".join(report.split())
    shown = run("--db", demo_db, "themes", "--since", "90d", "show", "oncall").stdout
    assert shown.startswith("On-call alert noise (oncall): 6 notes from 4 people, matched on")
    assert run("--db", demo_db, "themes", "show", "oncall", "--since", "90d").stdout == shown
    err = run.fails("--db", demo_db, "themes", "show", "code-reviw", "--since", "90d")
    assert "did you mean 'code-review'?" in err


def test_theme_evidence_is_read_without_the_matcher_s_marks():
    from oneonone_cli.render.text import readable_term
    from oneonone_cli.render.themes import why_grouped

    assert readable_term("on =call") == "on call"
    assert readable_term("~=pages") == "pages"
    assert readable_term("... legacy ... module") == "legacy ... module"
    assert why_grouped(["=pager", "~=pages", "legacy ... module", "pager"]) == "pager, pages"


def test_prompts_for_a_person_show_a_balanced_handful_and_say_how_to_see_the_rest(run, demo_db):
    at80 = run("--db", demo_db, "prompts", "alice", env={"COLUMNS": "80"}).stdout
    handful = run.json("--db", demo_db, "prompts", "alice")
    unused = [
        p for p in run.json("--db", demo_db, "prompts", "alice", "--all") if not p["asked_them"]
    ]
    assert len(handful) == 8 and len(unused) > 8
    assert sorted(p["kind"] for p in handful) == ["morale"] * 4 + ["roadblock"] * 4
    assert f"{len(unused) - 8} more prompts not yet used" in " ".join(at80.split())
    assert "'oneonone prompts alice --all'" in " ".join(at80.split())


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("Zed\nr: X", "line break"),
        ("Zed\u2028X", "line break"),
        ("\x1b[31mZed", "control"),
        ("Ze\u200bd", "control"),
        ("\u200b", "empty"),
        ("x" * 201, "at most 200"),
    ],
)
def test_a_name_is_one_line_of_visible_text(run, journal, name, needle):
    assert needle in run.fails("add", "zed", "--name", name)
    run("add", "bob")
    assert needle in run.fails("edit", "bob", "--name", name)
    assert run.json("people")[0]["name"] == "bob"


def test_a_name_keeps_its_letters_and_loses_odd_spaces(run):
    run("add", "zed", "--name", "Zé\u00a0Ünal\t Smith")
    assert run.json("people")[0]["name"] == "Zé Ünal Smith"


def test_due_within_a_past_date_is_refused(team):
    assert "in the past" in team.fails("due", "--within", "2020-01-01")
    assert "in the past" in team.fails("due", "--within", "yesterday")
    team("due", "--within", "today")


def test_an_unknown_command_word_is_not_offered_as_a_handle_to_add(team):
    err = team.fails("show", "add")
    assert "command word" in err and "oneonone add add" not in err


def test_errors_quote_at_most_forty_characters_of_a_huge_value(team):
    huge = "a" * 100_000
    for command in (
        ["add", huge],
        ["log", "alice", "-R", "x", "--asked", huge],
        ["themes", "--since", huge],
        ["log", "alice", "--on", huge, "-R", "x"],
    ):
        err = team.fails(*command, code=1)
        assert len(err) < 400, (command[0], len(err))


def test_a_reschedule_recorded_after_a_1on1_held_that_day_counts(team):
    """'We met today; the next one moves to X': the 1:1 held earlier the same day does not end
    the reschedule. One logged after the reschedule does (the moved 1:1 took place)."""
    team("log", "alice", "-R", "x")
    team("reschedule", "alice", "--to", "2026-04-01")
    due = {r["person"]: r["due"] for r in team.json("due", "--all")}
    assert due["alice"] == "2026-04-01"
    team("log", "alice", "--again", "-R", "met after all")
    due = {r["person"]: r["due"] for r in team.json("due", "--all")}
    assert due["alice"] == "2026-03-16"  # every 2w from today


def test_a_reschedule_repeated_is_one_reschedule(team, journal):
    team("reschedule", "bob", "--to", "2026-03-10")
    assert "nothing changed" in team("reschedule", "bob", "--to", "2026-03-10").stdout
    assert "Moved" in team("reschedule", "bob", "--to", "2026-03-12").stdout
    assert rows(journal, "meetings") == 2
