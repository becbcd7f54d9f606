"""Every command through the real CLI entry point, asserting on --json output."""

from __future__ import annotations

import sqlite3
import stat
import sys
import textwrap

import pytest

from tables import drawn


def rows(path, table):
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def team(run):
    run("add", "alice", "--name", "Alice Smith", "--every", "2w")
    run("add", "bob", "--name", "Bob Okafor")
    run("add", "dana", "--name", "Dana Lee", "--as", "peer", "--every", "1m")
    return run


def test_add_and_people(team, journal):
    people = team.json("people")
    assert [p["person"] for p in people] == ["alice", "bob", "dana"]
    assert people[0] == {
        "person": "alice",
        "name": "Alice Smith",
        "relationship": "report",
        "every": "2w",
        "added": "2026-03-02",
        "archived": None,
    }
    assert people[1]["every"] == "1w"  # the report default
    assert people[2]["relationship"] == "peer" and people[2]["every"] == "1m"
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600


def test_edit_and_archive(team):
    team("edit", "bob", "--every", "monthly", "--as", "skip-level", "--name", "Bob O.")
    bob = [p for p in team.json("people") if p["person"] == "bob"][0]
    assert (bob["name"], bob["relationship"], bob["every"]) == ("Bob O.", "skip-level", "1m")
    team("archive", "bob")
    assert "bob" not in [p["person"] for p in team.json("people")]
    assert "bob" not in [r["person"] for r in team.json("due", "--all")]
    archived = [p for p in team.json("people", "--all") if p["person"] == "bob"][0]
    assert archived["archived"] == "2026-03-02"
    team("archive", "bob", "--undo")
    assert "bob" in [r["person"] for r in team.json("due", "--all")]


def test_log_with_options(team):
    out = team.json(
        "log",
        "alice",
        "--roadblock",
        "3-5 false alarms a day on call #oncall",
        "--morale",
        "proud of the migration launch",
        "--asked",
        "m-meaning",
        "-R",
        "slow CI",
    )
    assert out["person"] == "alice" and out["date"] == "2026-03-02"
    assert len(out["note_ids"]) == 3 and out["asked"] == ["m-meaning"]
    [meeting] = team.json("show", "alice")
    assert meeting["status"] == "held" and meeting["asked"] == ["m-meaning"]
    kinds = [(n["kind"], n["text"], n["tags"]) for n in meeting["notes"]]
    assert kinds == [
        ("roadblock", "3-5 false alarms a day on call #oncall", ["oncall"]),
        ("roadblock", "slow CI", []),
        ("morale", "proud of the migration launch", []),
    ]


def test_log_on_a_relative_date(team):
    team("log", "bob", "--on", "last friday", "-R", "paged at 3am for nothing again")
    assert team.json("show", "bob")[0]["date"] == "2026-02-27"


def test_log_from_stdin(team):
    out = team.json("log", "alice", input="r: CI flaky #ci\nm: happy\nasked: m-meaning\n")
    assert len(out["note_ids"]) == 2 and out["asked"] == ["m-meaning"]


def test_log_empty_stdin_logs_nothing(team, journal):
    result = team("log", "alice", input="\n# nothing\n")
    assert "Nothing to log" in result.stderr
    assert rows(journal, "meetings") == 0


def test_log_no_notes_records_a_held_1on1(team):
    team("log", "alice", "--no-notes")
    due = {r["person"]: r for r in team.json("due", "--all")}
    assert (due["alice"]["last"], due["alice"]["due"], due["alice"]["days_overdue"]) == (
        "2026-03-02",
        "2026-03-16",
        -14,
    )  # held today: the 2w cadence starts again
    assert due["bob"]["last"] is None and due["dana"]["last"] is None  # only alice met
    [meeting] = team.json("show", "alice")
    assert (meeting["date"], meeting["status"], meeting["notes"]) == ("2026-03-02", "held", [])


def write_editor(tmp_path, body: str):
    script = tmp_path / "fake-editor.py"
    script.write_text(textwrap.dedent(body))
    return f"{sys.executable} {script}"


def test_log_in_the_editor(team, tmp_path, monkeypatch):
    team("log", "alice", "-R", "old roadblock about reviews")
    seen = tmp_path / "seen.txt"
    editor = write_editor(
        tmp_path,
        f"""
        import sys, pathlib
        path = pathlib.Path(sys.argv[1])
        template = path.read_text()
        pathlib.Path({str(seen)!r}).write_text(template)
        path.write_text(template + "r: flaky deploys #ci\\nm: wants to mentor\\nasked: m-meaning\\n")
    """,
    )
    monkeypatch.setenv("EDITOR", editor)
    out = team.json("log", "alice", "--edit")
    assert len(out["note_ids"]) == 2 and out["asked"] == ["m-meaning"]
    template = seen.read_text()
    assert "Alice Smith" in template and "old roadblock about reviews" in template
    assert "Last 1:1: 2026-03-02" in template
    assert "m-" in template  # unused prompts with their IDs


def test_editor_saved_empty_logs_nothing(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv("VISUAL", write_editor(tmp_path, "pass\n"))
    result = team("log", "alice", "-e")
    assert "Nothing to log" in result.stderr
    assert rows(journal, "meetings") == 0


def test_editor_failure_logs_nothing(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv("EDITOR", write_editor(tmp_path, "raise SystemExit(3)\n"))
    assert "status 3" in team.fails("log", "alice", "-e")
    assert rows(journal, "meetings") == 0


def test_editor_text_that_cannot_be_read_is_kept(team, tmp_path, monkeypatch, journal):
    editor = write_editor(
        tmp_path,
        """
        import sys, pathlib
        pathlib.Path(sys.argv[1]).write_text("r: fine\\nthis line has no kind\\n")
    """,
    )
    monkeypatch.setenv("EDITOR", editor)
    err = team.fails("log", "alice", "-e")
    assert "line 2" in err and "kept in" in err
    saved = list((journal.parent / "drafts").iterdir())  # kept drafts live there (editor.py)
    assert saved and "this line has no kind" in saved[0].read_text()
    assert stat.S_IMODE(saved[0].stat().st_mode) == 0o600
    assert rows(journal, "meetings") == 0


def test_cancel_and_reschedule_in_due(team):
    team("log", "bob", "--on", "2026-02-16", "-M", "ok")  # weekly: due 02-23
    team("cancel", "bob", "--on", "2026-02-23", "--reason", "sick")
    team("cancel", "bob")
    bob = [r for r in team.json("due") if r["person"] == "bob"][0]
    assert bob["days_overdue"] == 7 and bob["cancelled_90d"] == 2  # a cancel keeps them due
    team("reschedule", "bob", "--to", "2026-03-05")
    assert "bob" not in [r["person"] for r in team.json("due")]
    bob = [r for r in team.json("due", "--all") if r["person"] == "bob"][0]
    assert bob["due"] == "2026-03-05" and bob["days_overdue"] == -3
    statuses = [m["status"] for m in team.json("show", "bob")]
    assert statuses == ["rescheduled", "cancelled", "cancelled", "held"]
    team("log", "bob", "-M", "caught up")  # a held 1:1 ends the reschedule
    bob = [r for r in team.json("due", "--all") if r["person"] == "bob"][0]
    assert bob["due"] == "2026-03-09"


def test_due_keys_order_and_within(team):
    team("log", "alice", "--on", "2026-02-10", "-M", "x")  # 2w: due 02-24, 6 days overdue
    team("log", "bob", "--on", "2026-02-27", "-M", "x")  # 1w: due 03-06
    due = team.json("due")
    assert [r["person"] for r in due] == ["alice", "dana"]
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
    assert due[0]["days_overdue"] == 6 and due[0]["last"] == "2026-02-10"
    assert due[1]["last"] is None and due[1]["days_overdue"] == 0  # never met: due since added
    assert [r["person"] for r in team.json("due", "--within", "1w")] == ["alice", "dana", "bob"]
    assert team.json("due", "--within", "2026-03-03") == due


def unused(run, handle, *args):
    return [p for p in run.json("prompts", handle, "--all", *args) if p["asked_them"] is None]


def test_prompts_for_a_person(team):
    before = unused(team, "alice")
    assert {"m-meaning"} <= {p["id"] for p in before}
    assert list(before[0]) == ["id", "kind", "text", "last_asked", "asked_them"]
    team("log", "alice", "-M", "x", "--asked", "m-meaning")
    after = unused(team, "alice")
    assert "m-meaning" not in {p["id"] for p in after}
    assert len(after) == len(before) - 1
    handful = team.json("prompts", "alice")
    assert len(handful) == 8 and {p["id"] for p in handful} <= {p["id"] for p in after}
    assert [p["kind"] for p in handful].count("morale") == 4
    roadblocks = team.json("prompts", "alice", "--kind", "roadblock")
    assert roadblocks and {p["kind"] for p in roadblocks} == {"roadblock"}
    # bob was never asked m-meaning, but it is now the most recently used across the team
    bob = unused(team, "bob", "--kind", "morale")
    assert bob[-1]["id"] == "m-meaning" and bob[-1]["last_asked"] == "2026-03-02"
    used = team.json("prompts", "alice", "--all")
    assert [p for p in used if p["id"] == "m-meaning"][0]["asked_them"] == "2026-03-02"


def test_non_reports_get_their_own_bank(team):
    report_ids = {p["id"] for p in team.json("prompts", "alice", "--all")}
    peer_ids = {p["id"] for p in team.json("prompts", "dana", "--all")}
    assert peer_ids and report_ids != peer_ids
    assert "m-meaning" not in peer_ids


def test_prompts_summary_add_and_retire(team):
    summary = team.json("prompts")
    assert [r["person"] for r in summary] == ["alice", "bob", "dana"]
    assert list(summary[0]) == ["person", "name", "relationship", "morale", "roadblock"]
    before = summary[0]["morale"]
    out = team(
        "prompts",
        "add",
        "What would you stop doing tomorrow?",
        "--kind",
        "morale",
        "--for",
        "reports",
    ).stdout
    assert "m-stop-doing-tomorrow" in out
    assert team.json("prompts")[0]["morale"] == before + 1
    team("prompts", "retire", "m-meaning")
    assert team.json("prompts")[0]["morale"] == before
    bank = {p["id"]: p for p in team.json("prompts", "--all")}
    assert bank["m-meaning"]["retired"] is True
    assert bank["m-stop-doing-tomorrow"]["builtin"] is False


def test_themes_seed_case(team):
    team("add", "chen")
    team("log", "alice", "--on", "2026-02-10", "-R", "3-5 false alarms daily during on-call")
    team("log", "bob", "--on", "2026-02-18", "-R", "paged at 3am for nothing again")
    team("log", "chen", "--on", "2026-02-26", "-R", "alert noise is killing us")
    team("log", "alice", "--on", "2026-02-27", "-R", "the quarterly planning doc is late")
    [theme] = team.json("themes", "--since", "30d")
    assert list(theme)[:9] == [
        "theme",
        "mentions",
        "people",
        "first",
        "last",
        "weeks",
        "terms",
        "note_ids",
        "example",
    ]
    assert theme["mentions"] == 3 and theme["people"] == ["alice", "bob", "chen"]
    assert (theme["first"], theme["last"]) == ("2026-02-10", "2026-02-26")
    assert theme["weeks"] == 3 and theme["example"] == "alert noise is killing us"
    assert "alert" in theme["theme"].lower() or "on-call" in theme["theme"].lower()
    assert theme["terms"]
    assert team.json("themes", "--since", "30d", "--min", "4") == []
    assert team.json("themes", "--since", "10d") == []  # the window cuts older notes
    assert len(team.json("themes", "--since", "30d", "--person", "alice")) == 0
    assert team.json("themes", "--kind", "morale") == []


def test_themes_need_different_meetings(team):
    team("log", "alice", "-R", "paged at 3am again", "-R", "alert noise all week")
    assert team.json("themes") == []


def test_show_filters(team):
    team("log", "alice", "--on", "2026-01-05", "-R", "old", "-M", "older morale")
    team("log", "alice", "--on", "2026-02-20", "-R", "new")
    assert [m["date"] for m in team.json("show", "alice")] == ["2026-02-20", "2026-01-05"]
    assert [m["date"] for m in team.json("show", "alice", "--since", "30d")] == ["2026-02-20"]
    morale = team.json("show", "alice", "--kind", "morale")
    assert [n["text"] for m in morale for n in m["notes"]] == ["older morale"]


def test_reports_on_a_fresh_machine_write_nothing(run, journal):
    assert run.json("due") == [] and run.json("people") == [] and run.json("themes") == []
    assert not journal.exists()


def table_at_80(run, *args, wrapped=True) -> tuple[str, list[str], list[list[str]]]:
    """(title, headers, lines of cells) of a table drawn 80 columns wide; if `wrapped`, a line
    whose first cell is empty continues the row above (its cells joined with spaces)."""
    title, headers, _, rows = drawn(run, *args, joined=wrapped)
    return title[0], headers, rows


def test_tables_render_for_people(team):
    team("log", "alice", "-R", "flaky CI \x1b[31m#ci", "-M", "good week")
    title, headers, rows = table_at_80(team, "due", "--all")
    assert title == "1:1s due"  # at 80 columns the Due column is dropped first
    assert headers == ["Person", "Name", "As", "Every", "Last 1:1", "Overdue", "Cancels"]
    assert rows == [
        ["bob", "Bob Okafor", "report", "1w", "never", "today", "0"],
        ["dana", "Dana Lee", "peer", "1m", "never", "today", "0"],
        ["alice", "Alice Smith", "report", "2w", "2026-03-02", "in 14d", "0"],
    ]
    title, headers, rows = table_at_80(team, "people")
    assert headers == ["Handle", "Name", "Relationship", "Every", "Added", "Archived"]
    assert rows == [
        ["alice", "Alice Smith", "report", "2w", "2026-03-02", "-"],
        ["bob", "Bob Okafor", "report", "1w", "2026-03-02", "-"],
        ["dana", "Dana Lee", "peer", "1m", "2026-03-02", "-"],
    ]
    counts = {r["person"]: r for r in team.json("prompts")}
    title, headers, rows = table_at_80(team, "prompts")
    assert title == "Unused prompts"
    assert headers == ["Person", "Name", "Relationship", "Morale", "Roadblock"]
    assert rows == [
        [
            h,
            counts[h]["name"],
            counts[h]["relationship"],
            str(counts[h]["morale"]),
            str(counts[h]["roadblock"]),
        ]
        for h in ("alice", "bob", "dana")
    ]
    handful = team.json("prompts", "alice")
    title, headers, rows = table_at_80(team, "prompts", "alice")
    assert title == "Prompts for alice" and headers == ["ID", "Kind", "Prompt", "Used"]
    assert rows == [[p["id"], p["kind"], p["text"], "never"] for p in handful]
    assert [r[1] for r in rows] == ["morale", "roadblock"] * 4  # the kinds in turn
    title, headers, rows = table_at_80(team, "show", "alice", wrapped=False)
    assert title == "Alice Smith (alice, report, every 2w)"
    assert headers == ["Date", "1:1", "Note", "Kind", "Text"]
    assert rows == [
        ["2026-03-02", "held #1", "", "", ""],
        ["", "", "1", "roadblock", "flaky CI \\x1b[31m#ci"],
        ["", "", "2", "morale", "good week"],
    ]
    bank = team.json("prompts", "--all")
    title, headers, rows = table_at_80(team, "prompts", "--all")
    assert title == "Prompt bank" and headers == ["ID", "Prompt", "Source"]
    assert [r[0] for r in rows] == [p["id"] for p in bank]
    assert rows[0] == [bank[0]["id"], bank[0]["text"], "built-in"]
    result = team("themes")
    assert result.stdout == ""
    assert (
        result.stderr.strip()
        == "No recurring themes in this window. Try a longer one: --since 90d."
    )
    shown = team("show", "alice").stdout
    assert "\x1b[31m" not in shown and "\\x1b" in shown  # escape sequences shown inert
    team("log", "alice", "-M", "right-to-left \u202e override")
    assert "\u202e" not in team("show", "alice").stdout


def test_version_and_help(run):
    assert run("--version").stdout.startswith("oneonone ")
    assert "log" in run("--help").stdout


def test_demo(run, tmp_path):
    path = tmp_path / "demo.db"
    result = run("demo", "--db", str(path))
    assert path.exists()
    assert "1:1s due" in result.stdout and "Recurring roadblock themes" in result.stdout
    themes = run.json("--db", str(path), "themes", "--since", "60d")
    oncall = [t for t in themes if "on-call" in t["theme"].lower()]
    assert oncall and len(oncall[0]["people"]) >= 3 and oncall[0]["weeks"] >= 3
    due = run.json("--db", str(path), "due", "--all")
    assert len(due) == 8 and any(r["cancelled_90d"] >= 2 for r in due)
    assert {r["relationship"] for r in due} >= {"report", "peer", "cross-team", "skip-level"}
    run.fails("demo", "--db", str(path))  # never overwrites an existing file


# ---------------------------------------------------------------- errors: one line, nothing written


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["log", "alicee", "-R", "x"], "did you mean 'alice'"),
        (["add", "alice"], "already in the journal"),
        (["add", "Alice!"], "not a valid handle"),
        (["add", "zed", "--every", "5x"], "cadence"),
        (["add", "zed", "--as", "boss"], "unknown relationship"),
        (["log", "alice", "--on", "now-ish", "-R", "x"], "as a date"),
        (["log", "alice", "--on", "2026-03-09", "-R", "x"], "in the future"),
        (["log", "alice", "-R", "   "], "empty roadblock note"),
        (["log", "alice", "-M", ""], "empty morale note"),
        (["log", "alice", "-M", "x", "--asked", "m-meanin"], "did you mean 'm-meaning'"),
        (["due", "--within", "30x"], "span"),
        (["themes", "--since", "soon"], "span"),
        (["themes", "--kind", "joy"], "unknown kind"),
        (["show", "alice", "--kind", "joy"], "unknown kind"),
        (["reschedule", "alice", "--to", "2026-01-01"], "in the past"),
        (["prompts", "retire", "m-nope"], "unknown prompt"),
        (["prompts", "nobody"], "no one called"),
    ],
)
def test_errors_are_one_line_and_write_nothing(team, journal, args, needle):
    before = [rows(journal, t) for t in ("people", "meetings", "notes", "prompt_uses")]
    assert needle in team.fails(*args)
    assert [rows(journal, t) for t in ("people", "meetings", "notes", "prompt_uses")] == before


@pytest.mark.parametrize(
    "args", [["log"], ["frob"], ["due", "--bogus"], ["edit", "alice"], ["prompts", "add", "x"]]
)
def test_usage_errors_exit_2(team, args):
    team.fails(*args, code=2)


def test_bad_stdin_line_writes_nothing(team, journal):
    assert "line 2" in team.fails("log", "alice", input="r: ok\nno prefix here\n")
    assert rows(journal, "meetings") == 0


def test_db_path_errors(run, tmp_path):
    assert "is a folder" in run.fails("--db", str(tmp_path), "add", "alice")
    missing = tmp_path / "nope" / "j.db"
    assert "does not exist" in run.fails("--db", str(missing), "add", "alice")
    assert not missing.parent.exists()
    text = tmp_path / "notes.txt"
    text.write_text("precious")
    assert "not a SQLite file" in run.fails("--db", str(text), "due")
    assert "not a SQLite file" in run.fails("--db", str(text), "add", "alice")
    assert text.read_text() == "precious"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE mine (x)")
    assert "not a oneonone journal" in run.fails("--db", str(other), "add", "alice")


def test_default_path_is_created_with_parents(run, monkeypatch, tmp_path):
    monkeypatch.delenv("ONEONONE_DB")
    run("add", "alice")
    created = list((tmp_path / "xdg").rglob("journal.db"))
    assert len(created) == 1
    assert stat.S_IMODE(created[0].parent.stat().st_mode) == 0o700


def oncall_notes(run):
    run("add", "alice")
    run("add", "bob")
    run("add", "chen")
    run("log", "alice", "--on", "2026-02-10", "-R", "3-5 false alarms daily during on-call")
    run("log", "bob", "--on", "2026-02-18", "-R", "paged at 3am for nothing again")
    run("log", "chen", "--on", "2026-02-26", "-R", "alert noise is killing us")


def test_themes_trend_and_normalised_flag(run):
    oncall_notes(run)
    run("log", "alice", "--on", "2026-01-05", "-R", "the pager cried wolf twice this week")
    [theme] = run.json("themes", "--since", "30d")
    assert theme["key"] == "oncall" and theme["normalised"] is True  # 3 weeks, 3 people
    assert len(theme["weekly"]) == 5 and sum(theme["weekly"]) == 3
    assert theme["previous"] == 1 and theme["trend"] == "rising"
    [strict] = run.json("themes", "--since", "30d", "--normal-weeks", "4")
    assert strict["normalised"] is False


def test_a_discovered_theme_is_trended_against_the_previous_window(run):
    for who in ("alice", "bob", "chen"):
        run("add", who)
    run("log", "alice", "--on", "2026-01-20", "-R", "kafka consumer lag broke the import again")
    for who, on in (("bob", "2026-02-10"), ("chen", "2026-02-20"), ("alice", "2026-02-27")):
        run("log", who, "--on", on, "-R", f"kafka consumer lag on {who}'s topic again")
    [theme] = run.json("themes", "--since", "30d")
    assert theme["key"].startswith("phrase:") and theme["mentions"] == 3
    assert (theme["previous"], theme["trend"]) == (1, "rising")


def test_themes_show(run):
    oncall_notes(run)
    notes = run.json("themes", "show", "oncall", "--since", "30d")
    assert [n["person"] for n in notes] == ["chen", "bob", "alice"]  # newest first
    assert list(notes[0]) == ["id", "date", "person", "kind", "text"]
    assert notes[0]["text"] == "alert noise is killing us"
    assert "no recurring theme 'flaky'" in run.fails("themes", "show", "flaky")


def test_themes_alias_and_add_term(run):
    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "--on", "2026-02-20", "-R", "the goblin howled again #beeper")
    run("log", "bob", "--on", "2026-02-25", "-R", "goblin howled all weekend")
    before = {t["key"] for t in run.json("themes")}
    assert "oncall" not in before
    run("themes", "add-term", "oncall", "goblin howled")
    [theme] = run.json("themes")
    assert theme["key"] == "oncall" and theme["mentions"] == 2
    assert "goblin howled" in theme["terms"]
    run("themes", "alias", "#beeper", "oncall")
    lexicon = {t["key"]: t for t in run.json("themes", "lexicon")}
    assert set(lexicon["oncall"]["yours"]) == {"goblin howled", "#beeper"}
    assert len(lexicon) >= 12
    assert "unknown theme" in run.fails("themes", "alias", "#x", "nonsense")
    assert "not a theme key" in run.fails("themes", "add-term", "Bad Key", "x")


def test_a_new_user_theme(run):
    run("add", "alice")
    run("add", "bob")
    run("themes", "add-term", "deploy-freeze", "code freeze", "--new")
    run("log", "alice", "--on", "2026-02-20", "-R", "the code freeze blocks our fix")
    run("log", "bob", "--on", "2026-02-25", "-R", "another code freeze this month")
    keys = {t["key"]: t for t in run.json("themes")}
    assert keys["deploy-freeze"]["mentions"] == 2


def test_user_lexicon_file(run, journal):
    run("add", "alice")
    run("add", "bob")
    (journal.parent / "lexicon.json").write_text('{"terms": {"oncall": ["beeper chaos"]}}')
    run("log", "alice", "--on", "2026-02-20", "-R", "beeper chaos on the weekend")
    run("log", "bob", "--on", "2026-02-25", "-R", "total beeper chaos")
    [theme] = run.json("themes")
    assert theme["key"] == "oncall"
    (journal.parent / "lexicon.json").write_text("{not json")
    assert "lexicon.json" in run.fails("themes")


def test_themes_min_below_two_is_an_error(run):
    assert "2 or more" in run.fails("themes", "--min", "1")


def test_an_unusable_term_is_refused_before_it_is_saved(run, journal):
    run("add", "alice")
    assert "common words" in run.fails("themes", "add-term", "oncall", "the")
    assert rows(journal, "lexicon_terms") == 0
    assert run.json("themes") == []  # reports keep working
    assert "yours" in run.json("themes", "lexicon")[0]
