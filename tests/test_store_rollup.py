"""The store: one facade of one mixin per area, the roll-up's derived rows cleared by any change
to a note (migration m003), and themes on a journal one may only read. (What the store may
import is held by tests/test_layers.py.)"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from oneonone_cli.store.core import Store
from oneonone_cli.store.migrations import MIGRATIONS

FIXTURES = Path(__file__).parent / "fixtures"
TRIGGERS = {
    "notes_update_clears_rollup",
    "notes_delete_clears_rollup",
    # m005's, keeping the search index in step
    "notes_insert_indexes",
    "notes_update_indexes",
    "notes_delete_indexes",
}


# ---------------------------------------------------------------- the facade


def test_the_store_facade_is_one_class_of_one_mixin_per_area():
    from oneonone_cli.store import (
        brief,
        connection,
        exchange,
        files,
        fixes,
        followups,
        meetings,
        pages,
        people,
        prompts,
        rollup,
        search,
        trash,
    )

    areas = [
        people.PeopleMixin,
        meetings.MeetingsMixin,
        followups.FollowUpsMixin,
        prompts.PromptsMixin,
        rollup.RollupMixin,
        search.SearchMixin,
        exchange.ExchangeMixin,
        fixes.FixesMixin,
        trash.TrashMixin,
        brief.BriefMixin,
        pages.PagesMixin,
        files.FilesMixin,
        connection.Connection,
    ]
    assert list(Store.__bases__) == areas
    for one, other in [(a, b) for a in areas for b in areas if a is not b]:
        shared = {n for n in vars(one) if not n.startswith("__")} & set(vars(other))
        assert not shared, (one, other, shared)  # no area overrides another's method


# ---------------------------------------------------------------- m003: derived rows


def triggers(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}


def test_a_blank_journal_migrates_to_the_schema_with_the_triggers_once(tmp_path):
    path = tmp_path / "j.db"
    Store.open(path, create=True).close()
    Store.open(path, create=True).close()  # migrating twice is a no-op
    assert triggers(path) == TRIGGERS
    with closing(sqlite3.connect(path)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == [m.name for m in MIGRATIONS._migrations]
    assert "m003_note_changes_clear_rollup" in applied


@pytest.mark.parametrize("schema", ["m001", "m002", "m003"])
def test_the_released_schemas_open_keep_their_data_and_gain_the_triggers(run, tmp_path, schema):
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"schema_{schema}.sqlite", db)
    db.chmod(0o600)
    manifest = json.loads((FIXTURES / f"schema_{schema}.json").read_text("utf-8"))
    with closing(sqlite3.connect(db)) as conn:
        rollup_before = conn.execute("SELECT * FROM note_themes ORDER BY note_id").fetchall()
    assert (schema != "m001") == bool(rollup_before)
    people = run.json("--db", str(db), "people", "--all")
    assert {p["person"] for p in people} == {p["handle"] for p in manifest["people"]}
    assert triggers(db) == TRIGGERS
    with closing(sqlite3.connect(db)) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM notes ORDER BY id")]
        # m003 empties a roll-up made before its triggers (notes may have changed meanwhile):
        # an m002 journal's notes are analysed once more; an m003 journal's rows are kept.
        kept = [] if schema == "m002" else rollup_before
        assert conn.execute("SELECT * FROM note_themes ORDER BY note_id").fetchall() == kept
    assert texts == [n["text"] for n in sorted(manifest["notes"], key=lambda n: n["id"])]
    [oncall] = [
        t
        for t in run.json("--db", str(db), "themes", "--since", "2025-09-01")
        if t["key"] == "oncall"
    ]
    assert oncall["note_ids"] == [1, 3]


def _oncall(run) -> list[int]:
    themed = run.json("themes", "--since", "90d", "--kind", "all")
    return next((t["note_ids"] for t in themed if t["key"] == "oncall"), [])


def _rollup(journal: Path) -> dict[int, str | None]:
    with closing(sqlite3.connect(journal)) as conn:
        return dict(conn.execute("SELECT note_id, theme FROM note_themes"))


def test_an_edited_or_deleted_note_is_reflected_by_the_next_themes(run, journal):
    """There is no edit command yet: raw SQL edits and deletes notes, as the next issue's
    commands will. The roll-up row of a changed note goes in the same transaction; the next
    report analyses it afresh, and a deleted note trips no foreign key."""
    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "-R", "paged at 3am again by a false alarm #oncall", "--on", "2026-02-02")
    run("log", "bob", "-R", "on call alert noise all night #oncall", "--on", "2026-02-03")
    run("log", "alice", "-R", "the pager woke me again #oncall", "--on", "2026-02-09")
    run("log", "bob", "-R", "slow code review blocks my merges", "--on", "2026-02-10")
    assert _oncall(run) == [1, 2, 3]
    assert set(_rollup(journal)) == {1, 2, 3, 4}
    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("UPDATE notes SET text = 'all good this week', tags = '[]' WHERE id = 3")
        assert 3 not in dict(conn.execute("SELECT note_id, theme FROM note_themes"))
        conn.execute(
            "UPDATE notes SET text = 'false alarms paged me again', tags = '[\"oncall\"]'"
            " WHERE id = 4"
        )
    assert _oncall(run) == [1, 2, 4]
    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM notes WHERE id = 2")  # no foreign key trips
        conn.execute("UPDATE notes SET date = '2026-02-20' WHERE id = 1")  # its row goes too
        assert set(dict(conn.execute("SELECT note_id, theme FROM note_themes"))) == {3, 4}
    assert _oncall(run) == [4, 1]  # by date
    assert set(_rollup(journal)) == {1, 3, 4}  # 1 analysed again
    with closing(sqlite3.connect(journal)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_note_changed_without_touching_its_analysed_fields_keeps_its_row(journal, run):
    run("add", "alice")
    run("log", "alice", "-R", "paged at 3am again by a false alarm #oncall")
    run("themes")
    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute("UPDATE notes SET text = text WHERE 0")  # nothing changed: nothing dropped
    assert set(_rollup(journal)) == {1}


# ---------------------------------------------------------------- a journal one may only read


@pytest.mark.parametrize("how", ["file", "folder"])
def test_themes_reports_on_a_journal_one_may_only_read(tmp_path, how):
    """A file of mode 0444 or a folder of mode 0555: notes never analysed are analysed in
    memory, the report answers, and the file is untouched."""
    from test_reliability import CLI, TODAY, _unprivileged_python, digest

    folder = Path(tempfile.mkdtemp(prefix="oneonone-ro-"))
    try:
        db = folder / "journal.db"
        store = Store.open(db, create=True)
        from datetime import date

        from oneonone_cli.domain.records import NoteDraft, Person

        for handle in ("alice", "bob"):
            store.add_person(
                Person.new(
                    handle, name=None, relationship="report", every=None, today=date(2026, 1, 1)
                )
            )
        for day, who in ((2, "alice"), (3, "bob"), (9, "alice")):
            store.log_meeting(
                who,
                date(2026, 2, day),
                [NoteDraft("roadblock", "paged at 3am by false alarms #oncall")],
                [],
            )
        store.close()
        assert _rollup(db) == {}  # never analysed
        if os.geteuid() == 0:
            found = _unprivileged_python()
            if found is None:
                pytest.skip("running as root, and no interpreter is usable as user nobody")
            command, base_env = found
            os.chown(folder, 65534, 65534)
            os.chown(db, 65534, 65534)
            run_as = {"user": 65534, "group": 65534, "extra_groups": []}
        else:
            command, base_env, run_as = CLI, dict(os.environ), {}
        db.chmod(0o444 if how == "file" else 0o644)
        folder.chmod(0o555 if how == "folder" else 0o755)
        before = digest(db)
        env = {
            **base_env,
            "ONEONONE_DB": str(db),
            "ONEONONE_TODAY": TODAY,
            "NO_COLOR": "1",
            "PYTHONIOENCODING": "utf-8",
            "HOME": str(folder),
        }
        for _ in range(2):
            result = subprocess.run(
                [*command, "themes", "--json", "--since", "90d"],
                env=env,
                check=False,
                capture_output=True,
                text=True,
                timeout=60,
                cwd=folder,
                **run_as,
            )
            assert result.returncode == 0, result.stderr
            [oncall] = [t for t in json.loads(result.stdout) if t["key"] == "oncall"]
            assert oncall["note_ids"] == [1, 2, 3]
        assert digest(db) == before
    finally:
        folder.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)
