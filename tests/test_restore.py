"""`restore BACKUP`: checked first, the current journal kept, replaced in one step (or not at
all), refused in one line for what is no journal; `backup` into a folder and in the same
second; encrypted journals."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from oneonone_cli.store.crypto import SQLITE_MAGIC


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def notes(run) -> list[str]:
    return [n["text"] for m in run.json("show", "alice", "--all") for n in m["notes"]]


def backup(run, *args: str) -> Path:
    out = run("backup", *args).stdout
    return Path(out.rsplit(" to ", 1)[1].strip().rstrip("."))


@pytest.fixture
def saved(run, journal):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-20", "-R", "before the backup")
    copy = backup(run)
    run("log", "alice", "-R", "after the backup")
    return copy


def test_restore_puts_the_backup_back_and_keeps_the_journal(run, journal, saved):
    out = run("restore", str(saved), "--yes").stdout
    assert f"Restored {journal} from {saved} (1 person, 1 note, last 1:1 2026-02-20)." in out
    assert notes(run) == ["before the backup"]
    kept = list((journal.parent / "backups").glob("journal-before-restore-*.db"))
    assert len(kept) == 1 and f"kept as {kept[0]}" in out
    # the journal as it was is in the kept copy: restoring it brings the later note back
    run("restore", str(kept[0]), "--yes")
    assert sorted(notes(run)) == ["after the backup", "before the backup"]
    assert oct(journal.stat().st_mode & 0o777) == "0o600"
    assert not list(journal.parent.glob(".*.restoring"))
    assert not Path(f"{journal}-wal").exists() or Path(f"{journal}-wal").stat().st_size == 0


def test_the_journal_works_after_a_restore(run, journal, saved):
    run("restore", str(saved), "--yes")
    run("log", "alice", "-R", "written after the restore")
    assert "written after the restore" in notes(run)
    with sqlite3.connect(journal) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_the_backup_file_is_only_read(run, saved):
    before = digest(saved)
    run("restore", str(saved), "--yes")
    assert digest(saved) == before


def test_restore_asks_without_yes_and_no_leaves_everything(run, journal, saved):
    before = digest(journal)
    err = run.fails("restore", str(saved))  # not at a terminal: needs --yes
    assert "add --yes" in err
    assert digest(journal) == before


def test_restore_at_a_terminal_asks_and_no_is_no(run, journal, saved, monkeypatch):
    from oneonone_cli.cli import meetings

    monkeypatch.setattr(meetings, "at_terminal", lambda: True)
    before = digest(journal)
    result = run("restore", str(saved), input="n\n", code=1)
    assert "(1 person, 2 notes, last 1:1 2026-03-02)" in result.stderr  # now
    assert "(1 person, 1 note, last 1:1 2026-02-20)" in result.stderr  # the backup
    assert "nothing was restored" in result.stderr
    assert digest(journal) == before
    run("restore", str(saved), input="y\n")
    assert notes(run) == ["before the backup"]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("hello\n" * 100), "is not a oneonone journal"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(),
            "is not a",
        ),
        (lambda p: p.write_bytes(b""), "is not a oneonone journal"),
    ],
)
def test_what_is_not_a_journal_is_refused_in_one_line(
    run, journal, saved, tmp_path, make, expected
):
    bad = tmp_path / "bad.db"
    make(bad)
    before = digest(journal)
    err = run.fails("restore", str(bad), "--yes")
    assert expected in err and "the journal is untouched" in err
    assert digest(journal) == before
    assert not list(journal.parent.glob(".*.restoring"))


def test_a_backup_from_a_newer_version_is_refused(run, journal, saved, tmp_path):
    newer = tmp_path / "newer.db"
    newer.write_bytes(saved.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('oneonone', 'm999_future', '2030-01-01')"
        )
    before = digest(journal)
    assert "written by a newer version" in run.fails("restore", str(newer), "--yes")
    assert digest(journal) == before


def test_a_damaged_backup_is_refused(run, journal, saved, tmp_path):
    damaged = tmp_path / "damaged.db"
    data = bytearray(saved.read_bytes())
    page = 4096
    for at in range(page * 2, min(len(data), page * 6)):
        data[at] = 0x55
    damaged.write_bytes(bytes(data))
    before = digest(journal)
    err = run.fails("restore", str(damaged), "--yes")
    assert "damaged" in err or "not a oneonone journal" in err
    assert digest(journal) == before


def test_missing_folder_and_the_journal_itself(run, journal, saved, tmp_path):
    assert "there is no file" in run.fails("restore", str(tmp_path / "none.db"), "--yes")
    assert "is not a file" in run.fails("restore", str(tmp_path), "--yes")
    assert "is the journal itself" in run.fails("restore", str(journal), "--yes")
    assert "Missing argument" in run("restore", code=2).stderr


def test_an_older_schema_backup_is_restored_and_upgraded(run, journal, tmp_path):
    old = Path(__file__).parent / "fixtures" / "schema_m005.sqlite"
    copy = tmp_path / "old.db"
    copy.write_bytes(old.read_bytes())
    run("restore", str(copy), "--yes")
    run("people")  # opens and upgrades it
    with sqlite3.connect(journal) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert names[-1] == "m009_prompt_sources"


def test_restore_with_no_journal_yet_puts_the_backup_in_place(run, journal, saved, tmp_path):
    other = tmp_path / "fresh" / "j.db"
    other.parent.mkdir()
    out = run("--db", str(other), "restore", str(saved), "--yes").stdout
    assert "kept as" not in out and out.startswith(f"Restored {other}")
    assert [p["person"] for p in run.json("--db", str(other), "people")] == ["alice"]


def test_killed_before_the_swap_leaves_the_journal(run, journal, saved, monkeypatch):
    """A stop between the check and the rename: the journal is the old one, no copy left."""
    from oneonone_cli.store import restore

    real = os.replace

    def killed(source, dest, *args, **kwargs):
        if Path(dest) == journal:
            raise KeyboardInterrupt
        return real(source, dest, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(restore.os, "replace", killed)
        err = run("restore", str(saved), "--yes", code=130).stderr
    assert "interrupted" in err
    assert not list(journal.parent.glob(".*.restoring*"))
    assert notes(run) == ["after the backup", "before the backup"]


# ---------------------------------------------------------------- backup


def test_backup_into_an_existing_folder_writes_a_new_file_each_time(run, journal, tmp_path):
    run("add", "alice")
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    first = backup(run, str(folder))
    second = backup(run, str(folder))  # the same second (the clock is pinned to a day)
    assert first.parent == second.parent == folder
    assert first != second and first.exists() and second.exists()
    assert len(list(folder.iterdir())) == 2


def test_two_default_backups_in_the_same_second_never_collide(run, journal, monkeypatch):
    from datetime import datetime

    from oneonone_cli.cli import context

    monkeypatch.setattr(context.Settings, "now", lambda self: datetime(2026, 3, 2, 9, 30, 0))
    run("add", "alice")
    made = {backup(run) for _ in range(3)}
    assert len(made) == 3
    assert {p.name for p in made} == {
        "journal-20260302-093000.db",
        "journal-20260302-093000-2.db",
        "journal-20260302-093000-3.db",
    }


# ---------------------------------------------------------------- encrypted journals


def test_an_encrypted_journal_restores_its_encrypted_backup(run, journal, keyring_memory):
    pytest.importorskip("sqlcipher3")
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-20", "-R", "secret before")
    run("encrypt")
    copy = backup(run)
    assert not copy.read_bytes().startswith(SQLITE_MAGIC)
    run("log", "alice", "-R", "secret after")
    out = run("restore", str(copy), "--yes").stdout
    assert "Restored" in out and "not encrypted" not in out
    assert not journal.read_bytes().startswith(SQLITE_MAGIC)
    assert notes(run) == ["secret before"]
    kept = next((journal.parent / "backups").glob("journal-before-restore-*.db"))
    assert not kept.read_bytes().startswith(SQLITE_MAGIC)  # kept encrypted, as it was


def test_a_plain_backup_over_an_encrypted_journal_says_so(run, journal, keyring_memory):
    pytest.importorskip("sqlcipher3")
    run("add", "alice")
    plain = backup(run)
    run("encrypt")
    out = run("restore", str(plain), "--yes").stdout
    assert "neither is the journal now" in out and "'oneonone encrypt'" in out
    assert journal.read_bytes().startswith(SQLITE_MAGIC)
    assert [p["person"] for p in run.json("people")] == ["alice"]


def test_an_encrypted_backup_of_another_journal_is_one_line(run, journal, keyring_memory, tmp_path):
    pytest.importorskip("sqlcipher3")
    other = tmp_path / "other" / "j.db"
    other.parent.mkdir()
    run("--db", str(other), "add", "bob")
    run("--db", str(other), "encrypt")
    out = run("--db", str(other), "backup").stdout
    theirs = Path(out.rsplit(" to ", 1)[1].strip().rstrip("."))
    run("add", "alice")
    run("encrypt")
    before = digest(journal)
    err = run.fails("restore", str(theirs), "--yes")
    assert "encrypted with a key other than this journal's" in err
    assert digest(journal) == before
    assert not list(journal.parent.glob(".*.restoring"))


def test_an_encrypted_backup_without_the_extra_is_one_line(run, journal, tmp_path, monkeypatch):
    import sys

    fake = tmp_path / "enc.db"
    fake.write_bytes(os.urandom(4096))
    run("add", "alice")
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    err = run.fails("restore", str(fake), "--yes")
    assert f"{fake} looks encrypted" in err and "install encryption support" in err


def test_through_a_symbolic_link_the_file_is_replaced_and_the_link_kept(run, tmp_path, journal):
    real = tmp_path / "real" / "j.db"
    real.parent.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(real)
    run("--db", str(link), "add", "alice")
    out = run("--db", str(link), "backup").stdout
    copy = Path(out.rsplit(" to ", 1)[1].strip().rstrip("."))
    run("--db", str(link), "add", "bob")
    run("--db", str(link), "restore", str(copy), "--yes")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert [p["person"] for p in run.json("--db", str(link), "people")] == ["alice"]
