"""The schema: created by named migrations, idempotent, and refusing what is not ours."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from oneonone_cli.domain.records import NoteDraft, Person, Window
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.services.themes import theme_window
from oneonone_cli.store.core import Store
from oneonone_cli.store.migrations import MIGRATIONS

EXPECTED_TABLES = {
    "_sqlite_migrations",
    "people",
    "meetings",
    "notes",
    "prompts",
    "retired_prompts",
    "prompt_uses",
    "lexicon_terms",
    "lexicon_aliases",
    "note_themes",
    "meta",
    "follow_ups",
    "trash",
    "sqlite_sequence",
    "prompt_sources",
    "user_themes",
    # m005's full-text index of the notes and FTS5's own tables behind it
    "notes_fts",
    "notes_fts_data",
    "notes_fts_idx",
    "notes_fts_docsize",
    "notes_fts_config",
    "dismissed_themes",
}


def tables(path):
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_blank_database_migrates_to_the_schema(tmp_path):
    path = tmp_path / "j.db"
    Store.open(path, create=True).close()
    assert tables(path) == EXPECTED_TABLES
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == [m.name for m in MIGRATIONS._migrations]


def test_migrating_twice_is_a_no_op_and_keeps_data(tmp_path):
    path = tmp_path / "j.db"
    store = Store.open(path, create=True)
    store.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    store.log_meeting("alice", date(2026, 1, 2), [NoteDraft("morale", "good")], ["m-meaning"])
    store.close()
    again = Store.open(path, create=True)
    assert [p.handle for p in again.people()] == ["alice"]
    assert again.history("alice", since=None, kind=None)[0].notes[0].text == "good"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(
            MIGRATIONS._migrations
        )


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "j.db"
    Store.open(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('oneonone', 'm999_future', '2030-01-01')"
        )
    before = path.read_bytes()
    with pytest.raises(OneOnOneError, match="newer version"):
        Store.open(path, create=True)
    assert path.read_bytes() == before


def test_missing_file_for_a_report_is_not_created(tmp_path):
    path = tmp_path / "j.db"
    store = Store.open(path, create=False)
    assert store.people() == [] and not path.exists()


def test_log_is_one_transaction(tmp_path):
    path = tmp_path / "j.db"
    store = Store.open(path, create=True)
    store.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    from oneonone_cli.services.prompts import check_prompts_exist

    with pytest.raises(OneOnOneError):  # (the store takes checked prompt IDs)
        check_prompts_exist(store, ["m-nope"])
    with pytest.raises(sqlite3.IntegrityError):
        store.log_meeting(
            "alice",
            date(2026, 1, 2),
            [NoteDraft("morale", "x"), NoteDraft(None, "kind missing")],
            [],
        )
    assert store.history("alice", since=None, kind=None) == []


def test_schema_names_agree_with_the_migrations():
    from oneonone_cli.store.connection import SCHEMA

    assert list(SCHEMA) == [m.name for m in MIGRATIONS._migrations]


def test_an_up_to_date_journal_opens_without_sqlite_utils(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "j.db"
    Store.open(path, create=True).close()
    code = (
        "import sys; from pathlib import Path; from oneonone_cli.store.core import Store;"
        f"s = Store.open(Path({str(path)!r}), create=True); s.people();"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_theme_sums_read_any_note_id_in_date_then_id_order():
    """SQLite allows any 64-bit id, though oneonone never writes one this large: the roll-up's
    sums still list a theme's notes by date, then id."""
    from oneonone_cli.themes.lexicon import load_lexicon

    store = Store.open(None, create=False)
    store.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    meeting, _ = store.log_meeting(
        "alice", date(2026, 1, 5), [NoteDraft("roadblock", "paged at 3am again")], []
    )
    ids = [9 * 10**12 + 1, 10**12 + 7, 2, 10**15]
    with store.transaction():
        for nid in ids:
            store.conn.execute(
                "INSERT INTO notes (id, meeting_id, person, date, kind, text, tags)"
                " VALUES (?, ?, 'alice', '2026-01-05', 'roadblock', 'false alarms on call all night', '[]')",
                [nid, meeting],
            )
    lexicon = load_lexicon()
    [oncall] = [
        t
        for t in theme_window(store, lexicon, Window(date(2026, 1, 1), date(2026, 1, 31)))[0]
        if t.key == "oncall"
    ]
    assert oncall.note_ids == tuple(sorted([1, *ids]))
    assert oncall.days == ((date(2026, 1, 5), 5),)


def _kafka_journal():
    store = Store.open(None, create=False)
    store.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    for day, text in enumerate(
        [
            "kafka consumer lag again, stuck",
            "kafka consumer lag is back",
            "paged at 3am for nothing",
        ],
        start=5,
    ):
        store.log_meeting("alice", date(2026, 1, day), [NoteDraft("roadblock", text)], [])
    return store


def _sums(store, lexicon):
    tallies, unthemed = theme_window(store, lexicon, Window(date(2026, 1, 1), date(2026, 1, 31)))
    return {t.key: t.note_ids for t in tallies}, [n.id for n in unthemed]


def test_a_read_only_journal_sums_each_lexicon_it_is_asked_about_afresh():
    from oneonone_cli.themes.lexicon import load_lexicon

    plain, taught = load_lexicon(), load_lexicon([("kafka-lag", "kafka consumer lag")])
    expected = {lex: _sums(_kafka_journal(), lex) for lex in (plain, taught)}
    store = _kafka_journal()
    store.read_only = True  # every write refused: the analysis is kept in memory only
    for lexicon in (taught, plain, taught):
        assert _sums(store, lexicon) == expected[lexicon]
    assert expected[taught][0]["kafka-lag"] == (1, 2)


def test_rows_under_a_theme_the_lexicon_lacks_are_analysed_again():
    """Two processes with different lexicons writing at once can leave rows of the other
    lexicon under this one's fingerprint: their notes are analysed again, not lost."""
    from oneonone_cli.themes.lexicon import load_lexicon

    store, lexicon = _kafka_journal(), load_lexicon()
    before = _sums(store, lexicon)
    with store.transaction():
        store.conn.execute("UPDATE note_themes SET theme = 'kafka-lag' WHERE note_id IN (1, 2)")
    assert _sums(store, lexicon) == before
    assert store.conn.execute(
        "SELECT count(*) FROM note_themes WHERE theme = 'kafka-lag'"
    ).fetchone() == (0,)
