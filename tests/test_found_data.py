"""What outside testers found in the journal's data: a stale or orphaned theme roll-up after
outside edits, a journal at m001 with leftovers, the "saved" message racing a signal, no-op
commits counted as changes, and a backup of a damaged journal."""

from __future__ import annotations

import dataclasses
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

DEMO_TODAY = "2026-12-06"
# Chen's "on-call week was mostly acking flappy alerts" (2026-11-09) in that demo journal.
ONCALL_NOTE = 77
TRIGGERS = (
    "notes_update_clears_rollup",
    "notes_delete_clears_rollup",
    # m005's, keeping the search index in step
    "notes_insert_indexes",
    "notes_update_indexes",
    "notes_delete_indexes",
)
CLI = [sys.executable, "-m", "oneonone_cli"]
ADD_ALICE = (
    "INSERT INTO people (handle, name, relationship, every, added)"
    " VALUES ('alice', 'Alice', 'report', '1w', '2026-01-01')"
)


def sql(db: Path, *statements: str) -> None:
    with closing(sqlite3.connect(db)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def rows(db: Path, query: str) -> list:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(query).fetchall()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A demo journal made at the testers' date, analysed once (its roll-up full)."""
    from typer.testing import CliRunner

    from oneonone_cli.cli.main import app

    path = tmp_path_factory.mktemp("demo") / "base.db"
    env = {"ONEONONE_TODAY": DEMO_TODAY, "NO_COLOR": "1"}
    result = CliRunner().invoke(app, ["demo", "--db", str(path)], env=env)
    assert result.exit_code == 0, result.stderr
    result = CliRunner().invoke(app, ["--db", str(path), "themes", "--since", "1y"], env=env)
    assert result.exit_code == 0, result.stderr
    assert rows(path, "SELECT count(*) FROM note_themes")[0][0] > 0
    return path


@pytest.fixture
def copy(demo, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("ONEONONE_TODAY", DEMO_TODAY)
    path = tmp_path / "st.db"
    shutil.copy(demo, path)
    return path


def as_m002(db: Path) -> None:
    """The journal as the m002-era tool left it (no triggers, m003 not applied)."""
    sql(
        db,
        "DROP TRIGGER notes_update_clears_rollup",
        "DROP TRIGGER notes_delete_clears_rollup",
        "DELETE FROM _sqlite_migrations WHERE name = 'm003_note_changes_clear_rollup'",
    )


def oncall_ids(run, db: Path) -> set[int]:
    themes = run.json("--db", str(db), "themes", "--since", "90d")
    return {n for t in themes if t["key"] == "oncall" for n in t["note_ids"]}


# ---------------------------------------------------------------- 1: stale roll-up after upgrades


def test_an_m002_journal_edited_outside_is_analysed_again_by_the_upgrade(run, copy):
    assert ONCALL_NOTE in oncall_ids(run, copy)
    as_m002(copy)
    sql(copy, f"UPDATE notes SET text = 'lunch was nice', tags = '[]' WHERE id = {ONCALL_NOTE}")
    assert ONCALL_NOTE not in oncall_ids(run, copy)
    shown = run("--db", str(copy), "themes", "show", "oncall", "--since", "90d").stdout
    assert "lunch was nice" not in shown
    assert sorted(r[0] for r in rows(copy, "SELECT name FROM sqlite_master WHERE type='trigger'"))
    assert {r[0] for r in rows(copy, "SELECT name FROM sqlite_master WHERE type='trigger'")} == set(
        TRIGGERS
    )


def test_an_m002_journal_with_a_note_deleted_outside_reports(run, copy):
    as_m002(copy)
    sql(copy, f"DELETE FROM notes WHERE id = {ONCALL_NOTE}")
    assert ONCALL_NOTE not in oncall_ids(run, copy)
    run("--db", str(copy), "themes", "show", "oncall", "--since", "90d")
    assert rows(copy, f"SELECT count(*) FROM note_themes WHERE note_id = {ONCALL_NOTE}") == [(0,)]


def test_triggers_dropped_by_a_transform_come_back_and_the_rollup_is_rebuilt(run, copy):
    import sqlite_utils

    sqlite_utils.Database(copy)["notes"].transform(types={"tags": str})
    assert rows(copy, "SELECT name FROM sqlite_master WHERE type='trigger'") == []
    run("--db", str(copy), "people")  # any command that opens it restores them
    assert {r[0] for r in rows(copy, "SELECT name FROM sqlite_master WHERE type='trigger'")} == set(
        TRIGGERS
    )
    assert rows(copy, "SELECT count(*) FROM note_themes") == [(0,)]  # analysed afresh
    sql(copy, f"DELETE FROM notes WHERE id = {ONCALL_NOTE}")
    assert ONCALL_NOTE not in oncall_ids(run, copy)


def test_orphan_rollup_rows_are_removed_where_the_mismatch_is_found(run, copy):
    """Even with the triggers in place, a roll-up row whose note is gone (deleted with the
    triggers off) never crashes a report: it is dropped."""
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("DROP TRIGGER notes_delete_clears_rollup")
        conn.execute(f"DELETE FROM notes WHERE id = {ONCALL_NOTE}")
        # put the trigger back as it was, so that opening finds nothing missing
        conn.execute(
            "CREATE TRIGGER notes_delete_clears_rollup BEFORE DELETE ON notes"
            " BEGIN DELETE FROM note_themes WHERE note_id = OLD.id; END"
        )
        conn.commit()
    assert rows(copy, f"SELECT count(*) FROM note_themes WHERE note_id = {ONCALL_NOTE}") == [(1,)]
    assert ONCALL_NOTE not in oncall_ids(run, copy)
    run("--db", str(copy), "themes", "show", "oncall", "--since", "90d")
    assert rows(copy, f"SELECT count(*) FROM note_themes WHERE note_id = {ONCALL_NOTE}") == [(0,)]


def test_a_theme_whose_latest_note_is_missing_does_not_crash_the_rows():
    from datetime import date

    from oneonone_cli.themes.grouping import ThemeGroup
    from oneonone_cli.themes.report import theme_rows

    days = ((date(2026, 1, 5), 1), (date(2026, 1, 12), 1))
    group = ThemeGroup("oncall", "On-call", ("pager",), (1, 2), days, ("a", "b"), 2)
    got = theme_rows([group], {}, since=date(2026, 1, 1), today=date(2026, 1, 31), builtin=())
    assert got[0].example == ""


def test_the_repair_sql_is_the_migration_sql():
    """The triggers put back on opening are exactly those m003 makes."""
    from oneonone_cli.store.connection import Connection

    store = Connection.open(None, create=False)
    made = dict(
        store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'").fetchall()
    )
    store.conn.execute("DROP TRIGGER notes_update_clears_rollup")
    store.conn.execute("DROP TRIGGER notes_delete_clears_rollup")
    store._migrate()
    again = dict(
        store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'").fetchall()
    )
    assert made == again and set(made) == set(TRIGGERS)


# ---------------------------------------------------------------- 2: a journal at m001


def test_a_simulated_m001_journal_with_leftovers_opens(run, copy):
    sql(
        copy,
        "DROP TRIGGER notes_update_clears_rollup",
        "DROP TRIGGER notes_delete_clears_rollup",
        "DROP TABLE note_themes",
        "DELETE FROM _sqlite_migrations WHERE name IN"
        " ('m002_theme_rollup', 'm003_note_changes_clear_rollup')",
    )
    assert ONCALL_NOTE in oncall_ids(run, copy)
    assert [r[0] for r in rows(copy, "SELECT name FROM _sqlite_migrations ORDER BY name")] == [
        "m001_initial",
        "m002_theme_rollup",
        "m003_note_changes_clear_rollup",
        "m004_taught_themes",
        "m005_note_search",
        "m006_follow_ups_and_signals",
        "m007_trash",
        "m009_prompt_sources",
    ]


def test_the_real_m001_fixture_upgrades(run, tmp_path):
    import shutil

    db = tmp_path / "m001.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema_m001.sqlite", db)
    run("--db", str(db), "themes", "--since", "1y")
    assert {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type='trigger'")} == set(
        TRIGGERS
    )


def test_a_migration_that_fails_does_not_blame_the_db_path(run, copy, monkeypatch):
    from oneonone_cli.store import migrations

    as_m002(copy)

    def broken(db):
        raise sqlite3.OperationalError("no such table: something_else")

    steps = [
        dataclasses.replace(m, fn=broken) if m.name.startswith("m003") else m
        for m in migrations.MIGRATIONS._migrations
    ]
    monkeypatch.setattr(migrations.MIGRATIONS, "_migrations", steps)
    err = run.fails("--db", str(copy), "people")
    assert "--db" not in err and "upgrade" in err, err


# ---------------------------------------------------------------- 3: a signal at COMMIT


class SignalAtCommit:
    """A connection that raises SIGTERM in this process right after SQLite's COMMIT returns."""

    def __init__(self, conn) -> None:
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, statement, *args):
        result = self._conn.execute(statement, *args)
        if statement == "COMMIT":
            signal.raise_signal(signal.SIGTERM)
        return result


def test_a_signal_right_after_commit_is_counted_as_saved(tmp_path):
    from oneonone_cli.errors import Signalled, raise_signalled
    from oneonone_cli.store import connection
    from oneonone_cli.store.core import Store

    store = Store.open(tmp_path / "j.db", create=True)
    with store.transaction():
        store.conn.execute(ADD_ALICE)
    store.conn = SignalAtCommit(store.conn)
    previous = signal.signal(signal.SIGTERM, raise_signalled)
    try:
        before = connection.COMMITS
        with pytest.raises(Signalled), store.transaction():
            store.conn.execute("UPDATE people SET name = 'Alice S' WHERE handle = 'alice'")
        assert before + 1 == connection.COMMITS
    finally:
        signal.signal(signal.SIGTERM, previous)
        store.conn = store.conn._conn
        store.close()
    assert rows(tmp_path / "j.db", "SELECT name FROM people") == [("Alice S",)]


def test_a_stop_signal_after_the_command_never_kills_by_default(run, tmp_path):
    """After the command is done (saved), a SIGTERM arriving before the process ends does not
    kill it by the default action (no message, exit -15)."""
    code = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from oneonone_cli.cli.main import main\n"
            "real_exit = sys.exit\n"
            "def exit(code):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    real_exit(code)\n"
            "sys.exit = exit\n"
            "sys.argv = ['oneonone', '--db', sys.argv[1], 'add', 'alice']\n"
            "main()\n",
            str(tmp_path / "j.db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert code.returncode == 0, (code.returncode, code.stderr)
    assert "Traceback" not in code.stderr
    assert rows(tmp_path / "j.db", "SELECT handle FROM people") == [("alice",)]


# ---------------------------------------------------------------- 4: a no-op commit


@pytest.mark.parametrize(
    "args", [("archive", "alice", "--undo"), ("edit", "alice", "--name", "Alice Smith")]
)
def test_a_no_op_with_stdout_failing_does_not_claim_a_save(tmp_path, args):
    import os

    db = tmp_path / "j.db"
    env = {**os.environ, "ONEONONE_TODAY": DEMO_TODAY, "NO_COLOR": "1"}
    added = subprocess.run(
        [*CLI, "--db", str(db), "add", "alice", "--name", "Alice Smith"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert added.returncode == 0, added.stderr
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*CLI, "--db", str(db), *args],
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1, result.stderr
    assert "WAS saved" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_commit_that_changes_rows_is_counted(tmp_path):
    from oneonone_cli.store import connection
    from oneonone_cli.store.core import Store

    store = Store.open(tmp_path / "j.db", create=True)
    try:
        before = connection.COMMITS
        with store.transaction():
            store.conn.execute(ADD_ALICE)
        assert before + 1 == connection.COMMITS
        with store.transaction():
            store.conn.execute("UPDATE people SET name = name WHERE handle = 'nobody'")
        assert before + 1 == connection.COMMITS
    finally:
        store.close()


# ---------------------------------------------------------------- 5: backup of a damaged journal


def damage(db: Path) -> None:
    """Zero a page in the middle of the file (as the testers did)."""
    size = db.stat().st_size
    page = 4096
    pages = size // page
    assert pages >= 4
    with open(db, "r+b") as f:
        f.seek(page * (pages // 2))
        f.write(b"\0" * page)


def test_backup_of_a_damaged_journal_refuses_and_leaves_no_copy(run, copy, tmp_path):
    sql(copy, "PRAGMA wal_checkpoint(TRUNCATE)")
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    damage(copy)
    try:
        problems = rows(copy, "PRAGMA quick_check")
    except sqlite3.DatabaseError as exc:
        problems = [(str(exc),)]
    assert problems != [("ok",)]
    folder = copy.parent / "backups"
    assert not folder.exists()
    err = run.fails("--db", str(copy), "backup")
    assert "damaged" in err, err
    assert not folder.exists()  # no copy, and no empty backups/ folder made for it
    folder.mkdir()
    run.fails("--db", str(copy), "backup")
    assert folder.is_dir() and list(folder.iterdir()) == []  # a folder already there stays
