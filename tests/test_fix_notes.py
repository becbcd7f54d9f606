"""Fixing notes (issue 15): `note edit|move|kind|rm`, the IDs they take, and everything derived
from a note (theme roll-up, search index) staying right after each change."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixcheck import fresh_journal, index_intact, notes_of, same_derived, theme_results
from oneonone_cli.domain.ids import parse_id
from oneonone_cli.errors import OneOnOneError

ONCALL = [
    ("alice", "2026-01-05", "roadblock", "paged at night again, #oncall alerts are noise"),
    ("bob", "2026-01-14", "roadblock", "paged twice at night by flaky alerts #oncall"),
    ("chen", "2026-01-21", "roadblock", "oncall pager went off for nothing #oncall"),
    ("alice", "2026-02-02", "roadblock", "waiting two days for a code review on a small PR"),
    ("bob", "2026-02-10", "roadblock", "code review queue is slow again"),
    ("chen", "2026-02-16", "morale", "proud of the launch"),
]


@pytest.fixture
def team(run):
    for handle in ("alice", "bob", "chen"):
        run("add", handle)
    for handle, day, kind, text in ONCALL:
        run("log", handle, "--on", day, "-R" if kind == "roadblock" else "-M", text)
    run("themes", "--since", "365d", "--kind", "all")  # the roll-up is filled before any fix
    return run


def rollup_rows(db) -> set[int]:
    with closing(sqlite3.connect(db)) as conn:
        return {r[0] for r in conn.execute("SELECT note_id FROM note_themes")}


# ------------------------------------------------------------------ IDs


@given(st.integers(min_value=1, max_value=10**17), st.sampled_from(["", "#"]))
def test_an_id_is_read_with_or_without_its_hash(n, mark):
    assert parse_id(f"{mark}{n}", "note") == n
    assert parse_id(f" {mark}{n} ", "note") == n


@pytest.mark.parametrize("bad", ["", "#", "0", "#0", "-1", "1.5", "12a", "##12", "a", "1e3"])
def test_anything_else_is_not_an_id(bad):
    with pytest.raises(OneOnOneError, match="is not a note ID"):
        parse_id(bad, "note")


def test_an_unknown_note_is_one_line_with_where_ids_are_listed(team):
    err = team.fails("note", "edit", "99", "--text", "x")
    assert err == ("oneonone: no note #99: 'oneonone show HANDLE' lists notes with their IDs")
    assert team.fails("note", "rm", "abc", "--yes", code=2).startswith(
        "oneonone: 'abc' is not a note ID"
    )


def test_a_removed_note_s_id_says_it_is_in_the_trash(team):
    team("note", "rm", "2", "--yes")
    err = team.fails("note", "kind", "#2", "morale")
    assert "it is in the trash as #1 ('oneonone trash restore 1')" in err


# ------------------------------------------------------------------ note edit


def test_edit_with_text_re_extracts_tags_and_keeps_id_date_person(team, journal):
    out = team("note", "edit", "#1", "--text", "  pager storm at night #pager #Night ").stdout
    assert out == "Edited note #1 (roadblock, alice, 2026-01-05), tags: #pager, #night.\n"
    meeting = team.json("show", "alice", "--all")[-1]
    assert meeting["notes"] == [
        {
            "id": 1,
            "kind": "roadblock",
            "text": "pager storm at night #pager #Night",
            "tags": ["pager", "night"],
        }
    ]
    assert [h["id"] for h in team.json("search", "storm")] == [1]
    assert team.json("search", "noise") == []


def test_edit_clears_the_roll_up_row_of_that_note_only(team, journal):
    before = rollup_rows(journal)
    assert 1 in before
    team("note", "edit", "1", "--text", "all quiet this week")
    assert rollup_rows(journal) == before - {1}


def test_unchanged_text_writes_nothing_and_says_so(team, journal):
    stamp = notes_of(journal)
    out = team("note", "edit", "3", "--text", ONCALL[2][3] + "  ").stdout
    assert out == "Note #3 is unchanged: nothing was written.\n"
    assert notes_of(journal) == stamp and 3 in rollup_rows(journal)


def test_empty_or_too_long_text_is_refused_and_nothing_changes(team, journal):
    stamp = notes_of(journal)
    assert "is empty: nothing was changed" in team.fails("note", "edit", "1", "--text", "  ")
    assert "10,001 characters" in team.fails("note", "edit", "1", "--text", "x" * 10_001)
    team("note", "edit", "1", "--text", "y" * 10_000)  # the limit itself is a note
    assert notes_of(journal) != stamp


def test_edit_reads_the_new_text_piped_on_stdin(team):
    assert team("note", "edit", "2", input="piped new text #ci\n").stdout.startswith(
        "Edited note #2 (roadblock, bob, 2026-01-14), tags: #ci."
    )


def editor_script(tmp_path, body: str) -> str:
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path).read()\n" + body, encoding="utf-8"
    )
    return f"{sys.executable} {script}"


def test_edit_in_the_editor_opens_on_the_note_and_saves_it(team, tmp_path, monkeypatch):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            f"open({str(seen)!r}, 'w').write(text)\n"
            "open(path, 'w').write(text.replace('noise', 'noise, fixed'))\n",
        ),
    )
    out = team("note", "edit", "1", "-e").stdout
    assert "Edited note #1" in out
    assert seen.read_text().splitlines()[-1] == ONCALL[0][3]
    assert seen.read_text().startswith("#! Edit note #1 (roadblock, alice, 2026-01-05)")
    assert team.json("search", "fixed")[0]["id"] == 1


def test_editor_left_unchanged_or_emptied_changes_nothing(team, tmp_path, monkeypatch, journal):
    stamp = notes_of(journal)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))
    assert team("note", "edit", "1", "-e").stdout == "Note #1 is unchanged: nothing was written.\n"
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').write('#! x\\n\\n')\n"))
    result = team("note", "edit", "1", "-e")
    assert "The edited text was empty: note #1 is unchanged" in result.stderr
    assert notes_of(journal) == stamp


def test_edited_text_that_cannot_be_saved_is_kept_and_the_message_says_where(
    team, tmp_path, monkeypatch, journal
):
    stamp = notes_of(journal)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').write('z' * 10001)\n"))
    err = team.fails("note", "edit", "1", "-e")
    assert "note #1 is unchanged; your text is kept in " in err
    kept = [p for p in (journal.parent / "drafts").iterdir() if "note-1-kept" in p.name]
    assert len(kept) == 1 and kept[0].read_text() == "z" * 10001 + "\n"
    assert f"note edit 1 < {kept[0]}" in err
    assert notes_of(journal) == stamp
    # `log` never takes it for one of its drafts
    assert "never logged" not in team("log", "alice", "-R", "x").stderr


# ------------------------------------------------------------------ note kind, move


def test_kind_takes_roadblock_morale_feedback_only(team):
    assert team("note", "kind", "6", "roadblock").stdout == "Note #6 is now roadblock.\n"
    assert team("note", "kind", "6", "roadblock").stdout.endswith("nothing changed.\n")
    assert team("note", "kind", "6", "feedback").stdout == "Note #6 is now feedback.\n"
    err = team.fails("note", "kind", "6", "blocker")
    assert err == "oneonone: unknown kind 'blocker': use one of roadblock, morale, feedback"


def test_move_goes_into_the_target_s_1_1_of_that_day_or_makes_one(team):
    team("log", "bob", "--on", "2026-01-05", "--no-notes")  # bob met that day too
    out = team("note", "move", "1", "--to", "Bob").stdout
    assert out == (
        "Moved note #1 to bob's 1:1 #7 of 2026-01-05; alice's 1:1 #1 it left had nothing else in"
        " it, so it went to the trash too ('oneonone trash restore 1' brings it back).\n"
    )
    out = team("note", "move", "4", "--to", "chen").stdout
    assert out == (
        "Moved note #4 to chen's 1:1 #8 of 2026-02-02 (recorded as a held 1:1: they had none"
        " that day); alice's 1:1 #4 it left had nothing else in it, so it went to the trash too"
        " ('oneonone trash restore 2' brings it back).\n"
    )
    bob = {m["id"]: m for m in team.json("show", "bob", "--all")}
    assert [n["id"] for n in bob[7]["notes"]] == [1]
    alice = team.json("show", "alice", "--all")
    assert all(m["notes"] == [] for m in alice)  # the 1:1s left empty went to the trash
    assert {h["person"] for h in team.json("search", "noise")} == {"bob"}
    assert team("note", "move", "1", "--to", "bob").stdout.endswith("nothing changed.\n")


def test_move_to_an_unknown_handle_is_refused_with_a_hint(team, journal):
    stamp = notes_of(journal)
    err = team.fails("note", "move", "1", "--to", "chem")
    assert "no one called 'chem'" in err and "did you mean 'chen'?" in err
    assert notes_of(journal) == stamp


# ------------------------------------------------------------------ note rm


def test_rm_asks_and_without_a_terminal_needs_yes(team, journal):
    stamp = notes_of(journal)
    err = team.fails("note", "rm", "1")
    assert err == (
        "oneonone: removing note #1 needs confirming: pass --yes (it goes to the trash, restorable)"
    )
    assert notes_of(journal) == stamp
    out = team("note", "rm", "1", "--yes").stdout
    assert out == (
        "Note #1 is in the trash as #1: 'oneonone trash restore 1' undoes it.\n"
        "1:1 #1 with alice now has nothing in it: 'oneonone meeting rm 1' if it did not happen\n"
    )
    assert len(notes_of(journal)) == len(stamp) - 1


def test_rm_asks_at_a_terminal(team, journal, monkeypatch):
    monkeypatch.setattr("oneonone_cli.cli.fix.at_terminal", lambda: True)
    err = team("note", "rm", "1", input="n\n", code=1).stderr
    assert err.startswith("Remove note #1 (roadblock, alice, 2026-01-05): paged at night")
    assert err.endswith("? [y/N]:oneonone: nothing was removed\n")
    assert len(notes_of(journal)) == 6
    team("note", "rm", "1", input="y\n")
    assert len(notes_of(journal)) == 5


# ------------------------------------------------------------------ derived data stays right


def test_after_edit_move_kind_rm_the_roll_up_and_index_match_a_fresh_journal(
    team, journal, tmp_path
):
    team("note", "edit", "1", "--text", "pager went off at night for nothing #oncall")
    team("note", "edit", "5", "--text", "flaky ci blocks every merge")
    team("note", "kind", "6", "roadblock")
    team("note", "move", "2", "--to", "chen")
    team("note", "rm", "3", "--yes")
    final = [
        ("alice", "2026-01-05", "roadblock", "pager went off at night for nothing #oncall"),
        ("chen", "2026-01-14", "roadblock", "paged twice at night by flaky alerts #oncall"),
        ("alice", "2026-02-02", "roadblock", ONCALL[3][3]),
        ("bob", "2026-02-10", "roadblock", "flaky ci blocks every merge"),
        ("chen", "2026-02-16", "roadblock", "proud of the launch"),
    ]
    fresh = fresh_journal(team, tmp_path, ("alice", "bob", "chen"), final)
    assert notes_of(journal) == notes_of(fresh)
    same_derived(team, journal, fresh)
    assert theme_results(team, journal) != []  # a theme is there to compare


def test_index_stays_intact_after_every_kind_of_fix(team, journal):
    for args in (
        ("note", "edit", "1", "--text", "new words"),
        ("note", "kind", "2", "morale"),
        ("note", "move", "3", "--to", "alice"),
        ("note", "rm", "4", "--yes"),
        ("trash", "restore", "1"),
        ("rename", "bob", "robert"),
    ):
        team(*args)
        assert index_intact(journal)


def test_a_kept_edit_applied_from_stdin_is_removed_once_saved(team, tmp_path, monkeypatch, journal):
    import subprocess

    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').write('z' * 10001)\n"))
    team.fails("note", "edit", "1", "-e")
    (kept,) = [p for p in (journal.parent / "drafts").iterdir() if "note-1-kept" in p.name]
    kept.write_text("fixed after all #pager\n")  # the manager shortens it
    with open(kept, "rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "oneonone_cli", "note", "edit", "1"],
            stdin=stdin,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Edited note #1 (roadblock, alice, 2026-01-05), tags: #pager.\n"
    assert not kept.exists()


def test_nothing_on_stdin_is_a_usage_error(team):
    assert team.fails("note", "edit", "1", input="", code=2) == (
        "oneonone: no new text: pass --text TEXT, pipe the text in, or run it at a terminal for"
        " the editor"
    )
