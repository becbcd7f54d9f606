"""Backups, the automatic copy before a migration, and crashes that never show note text."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date

from sqlite_utils import Migrations

from oneonone_cli.store import connection
from oneonone_cli.store.core import Store
from oneonone_cli.store.migrations import MIGRATIONS


def notes_in(path):
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT text FROM notes ORDER BY id")]


def test_backup_command(run, journal, tmp_path):
    run("add", "alice")
    run("log", "alice", "-M", "keep me")
    dest = tmp_path / "copy.db"
    run("backup", str(dest))
    assert notes_in(dest) == ["keep me"]
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert "already exists" in run.fails("backup", str(dest))
    run("backup")
    [default] = (journal.parent / "backups").glob("journal-*.db")
    assert notes_in(default) == ["keep me"]


def test_backup_without_a_journal(run):
    assert "no journal" in run.fails("backup")


def test_a_migration_backs_up_the_journal_first(run, journal, monkeypatch):
    run("add", "alice")
    run("log", "alice", "-M", "before the upgrade")

    def m002_test(db):
        db["people"].add_column("pronouns", str)

    extra = Migrations._Migration("m002_test", m002_test)
    monkeypatch.setattr(MIGRATIONS, "_migrations", [*MIGRATIONS._migrations, extra])
    monkeypatch.setattr(connection, "SCHEMA", (*connection.SCHEMA, "m002_test"))
    assert run.json("people")[0]["person"] == "alice"  # opening migrates
    backup = journal.parent / "backups" / "journal-before-m002_test.db"
    assert notes_in(backup) == ["before the upgrade"]
    with sqlite3.connect(backup) as conn:
        assert "pronouns" not in [r[1] for r in conn.execute("PRAGMA table_info(people)")]
    with sqlite3.connect(journal) as conn:
        assert "pronouns" in [r[1] for r in conn.execute("PRAGMA table_info(people)")]


def test_a_fresh_journal_takes_no_migration_backup(run, journal):
    run("add", "alice")
    assert not (journal.parent / "backups").exists()


def test_a_crash_never_shows_note_text(run, monkeypatch):
    run("add", "alice")

    def boom(self, handle, on, notes, asked):
        raise RuntimeError(f"failed on {notes[0].text}")

    monkeypatch.setattr(Store, "log_meeting", boom)
    err = run.fails("log", "alice", "-R", "SECRET-NOTE-TEXT")
    assert "RuntimeError" in err and "SECRET" not in err


def test_store_backup_is_consistent_with_an_open_writer(tmp_path):
    path = tmp_path / "j.db"
    store = Store.open(path, create=True)
    from oneonone_cli.domain.records import NoteDraft, Person

    store.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    store.log_meeting("alice", date(2026, 1, 2), [NoteDraft("morale", "one")], [])
    other = Store.open(path, create=True)
    with other.transaction():  # an uncommitted write in another connection is not in the copy
        other.log_meeting("alice", date(2026, 1, 3), [NoteDraft("morale", "two")], [])
        store.backup_to(tmp_path / "copy.db")
    assert notes_in(tmp_path / "copy.db") == ["one"]
