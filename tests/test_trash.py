"""The trash (issue 15, migration m007): `trash`, `trash restore ID`, `trash empty
[--older-than SPAN]`; a slip of the finger loses nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixcheck import fresh_journal, index_intact, notes_of, same_derived
from oneonone_cli.render.trash import TRASH_KEYS
from tables import drawn


def rows(db, sql, *params):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def met(run, journal):
    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "--on", "2026-02-02", "-R", "paged at night #oncall", "-M", "proud")
    run(
        "log",
        "bob",
        "--on",
        "2026-02-09",
        "-R",
        "paged twice at night #oncall",
        "--asked",
        "m-meaning",
    )
    run("log", "alice", "--on", "2026-02-16", "-R", "flaky ci")
    run("themes", "--since", "90d", "--kind", "all")
    return run


def test_an_empty_trash_lists_nothing(run):
    run("add", "alice")
    assert run.json("trash") == []
    assert run("trash").stderr == "The trash is empty.\n"


def test_trash_lists_newest_first_with_stable_keys_at_80_columns(met, monkeypatch):
    met("note", "rm", "2", "--yes")
    monkeypatch.setenv("ONEONONE_TODAY", "2026-03-03")
    met("meeting", "rm", "2", "--yes")
    items = met.json("trash")
    assert [tuple(i) for i in items] == [TRASH_KEYS] * 2
    assert items == [
        {
            "id": 2,
            "what": "meeting",
            "item_id": 2,
            "person": "bob",
            "date": "2026-02-09",
            "removed": "2026-03-03",
            "summary": "held; 1 note; asked m-meaning",
        },
        {
            "id": 1,
            "what": "note",
            "item_id": 2,
            "person": "alice",
            "date": "2026-02-02",
            "removed": "2026-03-02",
            "summary": "morale: proud",
        },
    ]
    title, headers, _, table = drawn(met, "trash")
    assert headers == ["ID", "Removed", "What", "Person", "Date", "Summary"]
    assert [r[:5] for r in table] == [
        ["2", "2026-03-03", "1:1 #2", "bob", "2026-02-09"],
        ["1", "2026-03-02", "note #2", "alice", "2026-02-02"],
    ]


def test_restore_puts_a_note_back_exactly(met, journal):
    before = rows(journal, "SELECT * FROM notes ORDER BY id")
    met("note", "rm", "1", "--yes")
    out = met("trash", "restore", "#1").stdout
    assert out == "Restored note #1 (alice, 2026-02-02) from the trash.\n"
    assert rows(journal, "SELECT * FROM notes ORDER BY id") == before
    assert met.json("trash") == []
    assert {h["id"] for h in met.json("search", "night")} == {1, 3}


def test_restore_puts_a_1_1_back_with_notes_prompts_and_follow_ups(met, journal):
    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute(
            "INSERT INTO follow_ups (person, meeting_id, text, added) VALUES"
            " ('bob', 2, 'share the pager stats', '2026-02-09')"
        )
    tables = ("meetings", "notes", "prompt_uses", "follow_ups")
    before = {t: rows(journal, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
    met("meeting", "rm", "2", "--yes")
    assert rows(journal, "SELECT count(*) FROM follow_ups") == [(0,)]
    assert met("trash", "restore", "1").stdout == (
        "Restored 1:1 #2 (bob, 2026-02-09) from the trash.\n"
    )
    assert {t: rows(journal, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables} == before
    assert index_intact(journal)


def test_a_taken_id_is_not_reused_by_a_restore_it_gets_a_new_one(met, journal):
    # Note 4 is the newest: removed, its ID is given to the next note logged.
    met("log", "bob", "--on", "2026-02-20", "-R", "the newest note")
    met("note", "rm", "5", "--yes")
    met("log", "bob", "--on", "2026-02-21", "-R", "logged after the removal", "--again")
    assert rows(journal, "SELECT text FROM notes WHERE id = 5") == [("logged after the removal",)]
    out = met("trash", "restore", "1").stdout
    assert out == (
        "Restored note #6 (bob, 2026-02-20) from the trash; its ID #5 had been given to another"
        " since, so it is now #6.\n"
    )
    assert rows(journal, "SELECT id, text FROM notes WHERE id >= 5 ORDER BY id") == [
        (5, "logged after the removal"),
        (6, "the newest note"),
    ]


def test_a_note_whose_1_1_was_removed_since_brings_the_1_1_back_with_it(met, journal):
    before = rows(journal, "SELECT * FROM notes ORDER BY id")
    met("note", "rm", "1", "--yes")  # trash #1
    met("meeting", "rm", "1", "--yes")  # its 1:1, with the other note: trash #2
    out = met("trash", "restore", "1").stdout
    assert out == (
        "Restored note #1 (alice, 2026-02-02) from the trash; its 1:1, removed since, came back"
        " with it (trash #2).\n"
    )
    assert met.json("trash") == []
    assert rows(journal, "SELECT * FROM notes ORDER BY id") == before


def test_a_note_whose_1_1_is_gone_for_good_goes_into_a_held_1_1_of_its_day(
    met, journal, monkeypatch
):
    met("note", "rm", "1", "--yes")  # removed 2026-03-02
    monkeypatch.setenv("ONEONONE_TODAY", "2026-02-20")
    met("meeting", "rm", "1", "--yes")  # its 1:1, removed "earlier"
    monkeypatch.setenv("ONEONONE_TODAY", "2026-03-02")
    met("trash", "empty", "--older-than", "5d", "--yes")  # the 1:1 is gone for good
    out = met("trash", "restore", "1").stdout
    assert out == (
        "Restored note #1 (alice, 2026-02-02) from the trash; its 1:1 is gone (not in the trash"
        " either), so it went into a held 1:1 record #4 of that day.\n"
    )
    shown = met.json("show", "alice", "--all")
    assert [(m["id"], m["status"], [n["id"] for n in m["notes"]]) for m in shown] == [
        (3, "held", [4]),
        (4, "held", [1]),
    ]


def test_restore_to_an_archived_person_says_so(met):
    met("note", "rm", "1", "--yes")
    met("archive", "alice")
    result = met("trash", "restore", "1")
    assert "alice is archived" in result.stderr
    assert met.json("show", "alice")[-1]["notes"][0]["id"] == 1


def test_restoring_to_someone_gone_from_the_file_is_refused_and_kept(met, journal):
    met("note", "rm", "3", "--yes")
    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute("UPDATE trash SET person = 'ghost'")
    err = met.fails("trash", "restore", "1")
    assert "belongs to 'ghost', who is no longer in the journal" in err
    assert len(met.json("trash")) == 1


def test_unknown_trash_ids(met):
    assert met.fails("trash", "restore", "7") == (
        "oneonone: nothing in the trash as #7: 'oneonone trash' lists it"
    )
    assert "is not a trash ID" in met.fails("trash", "restore", "seven", code=2)


def test_trash_ids_are_never_reused_after_emptying(met):
    met("note", "rm", "1", "--yes")
    met("trash", "empty", "--yes")
    met("note", "rm", "2", "--yes")
    assert [i["id"] for i in met.json("trash")] == [2]


def test_empty_needs_yes_without_a_terminal(met, journal):
    met("note", "rm", "1", "--yes")
    assert met.fails("trash", "empty") == (
        "oneonone: emptying the trash deletes for good: pass --yes to confirm"
    )
    assert len(met.json("trash")) == 1
    assert met("trash", "empty", "--yes").stdout == "Deleted 1 item from the trash for good.\n"
    assert met("trash", "empty").stdout == "Nothing in the trash: nothing deleted.\n"


def test_empty_older_than_keeps_what_was_removed_on_the_boundary_day(met, monkeypatch):
    for day, note in (("2026-01-30", "1"), ("2026-01-31", "2"), ("2026-02-01", "3")):
        monkeypatch.setenv("ONEONONE_TODAY", day)
        met("note", "rm", note, "--yes")
    monkeypatch.setenv("ONEONONE_TODAY", "2026-03-02")
    # 30d back from 2026-03-02 is 2026-01-31: removed before it goes, on it stays.
    out = met("trash", "empty", "--older-than", "30d", "--yes").stdout
    assert out == "Deleted 1 item from the trash for good.\n"
    assert [i["removed"] for i in met.json("trash")] == ["2026-02-01", "2026-01-31"]
    assert "'soon'" in met.fails("trash", "empty", "--older-than", "soon", "--yes")
    assert len(met.json("trash")) == 2


def test_empty_asks_at_a_terminal(met, monkeypatch):
    met("note", "rm", "1", "--yes")
    monkeypatch.setattr("oneonone_cli.cli.fix.at_terminal", lambda: True)
    result = met("trash", "empty", input="n\n", code=1)
    assert result.stderr.startswith("Delete 1 item from the trash for good?")
    assert len(met.json("trash")) == 1
    met("trash", "empty", input="y\n")
    assert met.json("trash") == []


def test_rm_then_restore_everything_matches_a_fresh_journal(met, journal, tmp_path):
    met("note", "rm", "1", "--yes")
    met("meeting", "rm", "2", "--yes")
    met("note", "edit", "4", "--text", "flaky ci at night")
    met("trash", "restore", "2")
    met("trash", "restore", "1")
    fresh = fresh_journal(
        met,
        tmp_path,
        ("alice", "bob"),
        [
            ("alice", "2026-02-02", "roadblock", "paged at night #oncall"),
            ("alice", "2026-02-02", "morale", "proud"),
            ("bob", "2026-02-09", "roadblock", "paged twice at night #oncall"),
            ("alice", "2026-02-16", "roadblock", "flaky ci at night"),
        ],
    )
    assert notes_of(journal) == notes_of(fresh)
    same_derived(met, journal, fresh)


def test_a_removed_note_leaves_themes_and_search(met):
    before = {t["key"]: t["mentions"] for t in met.json("themes", "--since", "90d")}
    met("note", "rm", "3", "--yes")  # bob's on-call note
    after = {t["key"]: t["mentions"] for t in met.json("themes", "--since", "90d")}
    assert before.get("oncall") == 2 and after.get("oncall") is None
    assert {h["person"] for h in met.json("search", "paged")} == {"alice"}
    met("trash", "restore", "1")
    assert {t["key"]: t["mentions"] for t in met.json("themes", "--since", "90d")} == before


def test_a_1_1_whose_id_was_taken_comes_back_under_a_new_one_with_its_notes(met, journal):
    met("meeting", "rm", "3", "--yes")  # the newest 1:1: its ID goes to the next one
    met("log", "bob", "--on", "2026-02-27", "-R", "logged after")
    out = met("trash", "restore", "1").stdout
    assert out == (
        "Restored 1:1 #4 (alice, 2026-02-16) from the trash; its ID #3 had been given to"
        " another since, so it is now #4; notes renumbered: #4 -> #5.\n"
    )
    shown = {m["id"]: m for m in met.json("show", "alice", "--all")}
    assert [n["text"] for n in shown[4]["notes"]] == ["flaky ci"]
    assert index_intact(journal)


def snapshot(db):
    with closing(sqlite3.connect(db)) as conn:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("meetings", "notes", "prompt_uses", "follow_ups")
        }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(["note", "meeting"]), st.integers(1, 12)),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    st.randoms(use_true_random=False),
)
def test_removing_then_restoring_in_any_order_gives_the_journal_back(tmp_path_factory, picks, rnd):
    from datetime import date

    from oneonone_cli.domain.records import NoteDraft
    from oneonone_cli.services import fixes
    from oneonone_cli.services import trash as service
    from oneonone_cli.store.core import Store

    db = tmp_path_factory.mktemp("rt") / "j.db"
    store = Store.open(db, create=True)
    from oneonone_cli.domain.records import Person

    for h in ("alice", "bob"):
        store.add_person(
            Person.new(h, name=None, relationship="report", every=None, today=date(2026, 1, 1))
        )
    for m in range(6):
        notes = [NoteDraft("roadblock", f"n{m}a #tag{m}"), NoteDraft("morale", f"n{m}b")]
        store.log_meeting(("alice", "bob")[m % 2], date(2026, 2, m + 1), notes, ["m-meaning"])
    before = snapshot(db)
    trashed = []
    for what, n in picks:
        try:
            if what == "note":
                trashed.append(fixes.remove_note(store, n, date(2026, 3, 2)))
            else:
                trashed.append(fixes.remove_meeting(store, n, date(2026, 3, 2)))
        except Exception:  # noqa: BLE001 - already gone (its 1:1 went) or no such ID
            continue
    rnd.shuffle(trashed)
    for tid in trashed:
        if store.trash_item(tid) is not None:  # not brought back already with a note of it
            service.restore(store, tid)
    assert store.trash_items() == []
    store.close()
    assert snapshot(db) == before
    assert index_intact(db)


def test_an_encrypted_journal_keeps_its_trash_and_kept_edits_encrypted(
    run, journal, keyring_memory, tmp_path, monkeypatch
):
    pytest.importorskip("sqlcipher3")
    import sys

    run("add", "alice")
    run("log", "alice", "-R", "secret pager roadblock", "-M", "secret morale")
    run("encrypt")
    run("note", "rm", "1", "--yes")
    assert run.json("trash")[0]["summary"] == "roadblock: secret pager roadblock"
    assert b"secret pager" not in journal.read_bytes()
    run("trash", "restore", "1")
    assert [h["id"] for h in run.json("search", "pager")] == [1]
    # An edit that cannot be saved is kept encrypted, never as plaintext.
    script = tmp_path / "ed.py"
    script.write_text("import sys\nopen(sys.argv[1], 'w').write('secret ' * 2000)\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    err = run.fails("note", "edit", "1", "-e")
    assert "(encrypted with the journal's key; to reopen it in your editor, run: " in err
    kept = list((journal.parent / "drafts").iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".draft"
    assert b"secret" not in kept[0].read_bytes()
