"""`oneonone search` (issue 15): full text over every note with SQLite FTS5 (migration m005),
kept in step with every change to a note in the same transaction."""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def notes(run):
    """A small journal: alice and bob, notes of both kinds over three months."""
    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "--on", "2025-12-01", "-R", "the deploy pipeline is blocked by review")
    run("log", "alice", "--on", "2026-01-12", "-M", "happy about the café offsite", "-y")
    run("log", "bob", "--on", "2026-02-02", "-R", "on call paged twice, deploy deploy deploy")
    run("log", "bob", "--on", "2026-02-20", "-R", "call with the vendor about billing")
    run("log", "alice", "--on", "2026-02-25", "-M", "blocked? no, deployment went fine")
    return run


def ids(run, *args) -> list[int]:
    return [r["id"] for r in run.json("search", *args)]


# ------------------------------------------------------------------------------ the query


def test_words_are_matched_whole_without_case_or_accents(notes):
    assert ids(notes, "Billing") == [4]
    assert ids(notes, "cafe") == [2]  # diacritics folded
    assert ids(notes, "deploy") == [3, 1]  # not "deployment": no stemming
    assert set(ids(notes, "blocked")) == {1, 5}


def test_phrases(notes):
    assert ids(notes, '"on call"') == [3]
    assert set(ids(notes, "call")) == {3, 4}
    assert ids(notes, '"call on"') == []


def test_prefix(notes):
    assert set(ids(notes, "deploy*")) == {1, 3, 5}
    assert set(ids(notes, "bill*")) == {4}


def test_and_or_not(notes):
    assert set(ids(notes, "deploy AND blocked")) == {1}
    assert set(ids(notes, "deploy blocked")) == {1}  # AND is implied
    assert set(ids(notes, "billing OR cafe")) == {2, 4}
    assert set(ids(notes, "blocked NOT deploy")) == {5}
    assert set(ids(notes, "(billing OR cafe) NOT vendor")) == {2}


def test_filters(notes):
    assert set(ids(notes, "deploy*", "--person", "alice")) == {1, 5}
    assert set(ids(notes, "deploy*", "--person", "Alice")) == {1, 5}
    assert set(ids(notes, "deploy*", "--kind", "morale")) == {5}
    assert set(ids(notes, "deploy*", "--since", "2026-02-01")) == {3, 5}
    assert set(ids(notes, "deploy*", "--since", "30d")) == {3, 5}  # today is 2026-03-02
    assert ids(notes, "deploy*", "--person", "bob", "--kind", "morale") == []
    err = notes.fails("search", "deploy", "--person", "alise")
    assert "alice" in err  # did you mean
    notes.fails("search", "deploy", "--kind", "moral")
    notes.fails("search", "deploy", "--since", "soon")


def test_best_match_first_or_newest_first_and_limit(notes):
    # note 3 says "deploy" three times in a shorter text: the best match
    assert ids(notes, "deploy*")[0] == 3
    assert ids(notes, "deploy*", "--newest") == [5, 3, 1]
    assert ids(notes, "deploy*", "--newest", "--limit", "2") == [5, 3]
    result = notes("search", "deploy*", "--newest", "--limit", "2")
    assert "--limit" in result.stderr  # says there are more
    notes("search", "deploy", "--limit", "0", code=2)


def test_json_keys_and_values(notes):
    (row,) = notes.json("search", "billing")
    assert list(row) == ["id", "date", "person", "kind", "text", "meeting_id", "rank"]
    assert row["id"] == 4 and row["date"] == "2026-02-20" and row["person"] == "bob"
    assert row["kind"] == "roadblock" and row["text"] == "call with the vendor about billing"
    assert isinstance(row["meeting_id"], int) and isinstance(row["rank"], float)
    ranks = [r["rank"] for r in notes.json("search", "deploy*")]
    assert ranks == sorted(ranks, reverse=True)  # higher is better


def test_table_marks_matched_words_plainly_without_colour(notes):
    out = notes("search", "deploy*", env={"COLUMNS": "200"}).stdout
    assert "the [deploy] pipeline is blocked by review" in out
    assert "[deployment] went fine" in out
    assert "Date" in out and "Person" in out and "Note" in out
    out = notes("search", '"on call"', env={"COLUMNS": "200"}).stdout
    assert "[on call] paged" in out  # a phrase is marked whole


def test_matched_words_are_bold_with_colour():
    from oneonone_cli.render.search import marked_text

    text = marked_text(("a ", "deploy", " b \x1b[31m"), colour=True)
    assert text.plain == "a deploy b \\x1b[31m"
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(2, 8, "bold")]
    assert marked_text(("a ", "deploy", ""), colour=False).plain == "a [deploy]"


def test_search_is_in_help_after_show(run):
    out = run("--help", env={"COLUMNS": "200"}).stdout
    assert "search" in out and out.index(" show ") < out.index(" search ")


# ------------------------------------------------------------------------------ bad and empty


@pytest.mark.parametrize("query", ["alice:x", "deploy AND", "(deploy", "*", "C++", "a\x00b"])
def test_a_query_fts5_cannot_read_is_one_line(notes, query):
    err = notes.fails("search", query)
    assert "double quotes" in err and "capitals" in err
    assert "fts5" not in err and "column" not in err


def test_quoted_punctuation_works(notes):
    notes("log", "bob", "-R", "the on-call rota is unfair")
    # a phrase of its words: "on call" too
    assert set(ids(notes, '"on-call"')) == {3, 6}
    assert ids(notes, '"on-call" rota') == [6]


def test_nothing_found(notes):
    result = notes("search", "zebra")
    assert result.stdout == "" and "No notes match 'zebra'" in result.stderr
    result = notes("search", "deploy", "--person", "bob", "--kind", "morale")
    assert "with bob among morale notes" in result.stderr
    assert notes.json("search", "zebra") == []


def test_an_empty_journal(run):
    assert run.json("search", "anything") == []


def test_hostile_text(run):
    run("add", "alice")
    bidi = "evil \u202egnirts\u202c word"
    ctrl = "control \x1b[31mred\x1b[0m bell\x07 word"
    long = "word " + "y" * 9_000 + " tail"
    for text in (bidi, ctrl, long):
        run("log", "alice", "-R", text, "--again")
    rows = run.json("search", "word")
    assert {r["text"] for r in rows} == {bidi, ctrl, long}
    out = run("search", "word").stdout
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert ids(run, "tail") == [3]
    assert ids(run, "bell") == [2]  # (the escape sequence's "[31mred" is one word: 31mred)
    run.fails("search", "x" * 100_000 + " AND")  # a huge bad query: still one short line


# ------------------------------------------------------------------------------ staying in step


def test_raw_edits_and_deletes_are_reflected_at_once(notes, journal):
    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute("UPDATE notes SET text = 'the vendor invoice is late' WHERE id = 4")
        conn.execute("DELETE FROM notes WHERE id = 2")
        conn.execute(
            "INSERT INTO notes (meeting_id, person, date, kind, text, tags)"
            " VALUES (1, 'alice', '2025-12-01', 'morale', 'a new billing note', '[]')"
        )
    assert ids(notes, "billing") == [6]
    assert ids(notes, "invoice") == [4]
    assert ids(notes, "cafe") == []
    with closing(sqlite3.connect(journal)) as conn:
        conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')")


def test_a_rolled_back_change_leaves_the_index_as_it_was(notes, journal):
    with closing(sqlite3.connect(journal)) as conn:
        conn.execute("BEGIN")
        conn.execute("UPDATE notes SET text = 'zebra' WHERE id = 4")
        assert conn.execute("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'zebra'").fetchall()
        conn.execute("ROLLBACK")
    assert ids(notes, "zebra") == [] and ids(notes, "billing") == [4]


def test_lost_triggers_are_restored_and_the_index_rebuilt(notes, journal):
    with closing(sqlite3.connect(journal)) as conn, conn:
        for name in ("notes_insert_indexes", "notes_update_indexes", "notes_delete_indexes"):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE notes SET text = 'zebra crossing' WHERE id = 4")
        conn.execute("DELETE FROM notes WHERE id = 2")
    assert ids(notes, "zebra") == [4]
    assert ids(notes, "billing") == [] and ids(notes, "cafe") == []
    with closing(sqlite3.connect(journal)) as conn:
        conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')")
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    assert {"notes_insert_indexes", "notes_update_indexes", "notes_delete_indexes"} <= triggers


def test_m005_upgrade_then_search(run, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_m004.sqlite", db)
    db.chmod(0o600)
    with closing(sqlite3.connect(db)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied[-1] == "m004_taught_themes"
    rows = run.json("--db", str(db), "search", "alarms OR paged")
    assert sorted(r["id"] for r in rows) == [1, 3]
    assert [r["id"] for r in run.json("--db", str(db), "search", '"DROP TABLE"')] == [4]
    assert [r["id"] for r in run.json("--db", str(db), "search", "spills")] == [10]
    with closing(sqlite3.connect(db)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')")
    assert applied[applied.index("m004_taught_themes") + 1] == "m005_note_search"
    assert list((tmp_path / "backups").glob("old-before-m005*.db"))


def test_an_encrypted_journal_searches_too(run, journal, keyring_memory):
    pytest.importorskip("sqlcipher3")
    run("add", "alice")
    run("log", "alice", "-R", "secret roadblock about the pager")
    run("encrypt")
    run("log", "alice", "-R", "pager again", "--again")
    assert sorted(ids(run, "pager")) == [1, 2]


# ------------------------------------------------------------------------------ against a reference

WORDS = ["alpha", "beta", "gamma", "delta", "Alpha", "BETA", "alphabet", "be", "x1", "9"]
SEPARATORS = [" ", ", ", ". ", "-", "\n", "'", "(", ") ", "/", "#"]


@st.composite
def note_texts(draw):
    n = draw(st.integers(1, 6))
    parts = []
    for _ in range(n):
        parts += [draw(st.sampled_from(WORDS)), draw(st.sampled_from(SEPARATORS))]
    return "".join(parts)


def reference(texts: dict[int, str], word: str) -> set[int]:
    """The notes holding `word` as a whole word: ASCII letters and digits, any case."""
    return {i for i, t in texts.items() if word.lower() in re.findall(r"[a-z0-9]+", t.lower())}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(note_texts(), min_size=0, max_size=25),
    word=st.sampled_from([w.lower() for w in WORDS] + ["gam", "zeta"]),
    edits=st.lists(st.tuples(st.integers(0, 30), st.one_of(st.none(), note_texts())), max_size=5),
)
def test_single_words_find_what_a_reference_finds(texts, word, edits):
    from oneonone_cli.services.search import search
    from oneonone_cli.store.core import Store

    store = Store.open(None, create=False)
    conn = store.conn
    conn.execute("INSERT INTO people VALUES ('p', 'P', 'report', '1w', '2026-01-01', NULL)")
    conn.execute(
        "INSERT INTO meetings (id, person, date, status) VALUES (1, 'p', '2026-01-01', 'held')"
    )
    held = {}
    for text in texts:
        cursor = conn.execute(
            "INSERT INTO notes (meeting_id, person, date, kind, text, tags)"
            " VALUES (1, 'p', '2026-01-01', 'roadblock', ?, '[]')",
            [text],
        )
        held[cursor.lastrowid] = text
    for note_id, text in edits:  # raw edits and deletes, some of notes that are not there
        if text is None:
            conn.execute("DELETE FROM notes WHERE id = ?", [note_id])
            held.pop(note_id, None)
        else:
            conn.execute("UPDATE notes SET text = ? WHERE id = ?", [text, note_id])
            if note_id in held:
                held[note_id] = text
    found = search(store, word, limit=1000)
    assert {h.id for h in found.hits} == reference(held, word)
    for hit in found.hits:  # the marked words are the word, whatever its case
        assert "".join(hit.pieces) == held[hit.id]
        assert {p.lower() for p in hit.pieces[1::2]} == {word}
    store.close()
