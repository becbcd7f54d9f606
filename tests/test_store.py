"""The schema: created by named migrations, idempotent, and refusing what is not ours."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from oneonone_cli.errors import OneOnOneError
from oneonone_cli.migrations import MIGRATIONS
from oneonone_cli.model import NoteDraft, Person
from oneonone_cli.store import Store

EXPECTED_TABLES = {
    "_sqlite_migrations", "people", "meetings", "notes", "prompts", "retired_prompts",
    "prompt_uses", "lexicon_terms", "lexicon_aliases", "note_themes", "meta",
}  # fmt: skip


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
    store.add_person(Person.new("alice", name=None, relationship="report", every=None,
                                today=date(2026, 1, 1)))  # fmt: skip
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
    store.add_person(Person.new("alice", name=None, relationship="report", every=None,
                                today=date(2026, 1, 1)))  # fmt: skip
    with pytest.raises(OneOnOneError):
        store.log_meeting("alice", date(2026, 1, 2), [NoteDraft("morale", "x")], ["m-nope"])
    with pytest.raises(sqlite3.IntegrityError):
        store.log_meeting("alice", date(2026, 1, 2), [NoteDraft("morale", "x"),
                                                      NoteDraft(None, "kind missing")], [])  # fmt: skip
    assert store.history("alice", since=None, kind=None) == []


def test_schema_names_agree_with_the_migrations():
    from oneonone_cli.store import SCHEMA

    assert list(SCHEMA) == [m.name for m in MIGRATIONS._migrations]


def test_an_up_to_date_journal_opens_without_sqlite_utils(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "j.db"
    Store.open(path, create=True).close()
    code = (
        "import sys; from pathlib import Path; from oneonone_cli.store import Store;"
        f"s = Store.open(Path({str(path)!r}), create=True); s.people();"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
