"""Encryption at rest (issue 5). CI does not install the `encryption` extra: the tests that need
SQLCipher skip there; those at the top run everywhere.

Keys come from an in-memory keyring set up here (keyring's own API), never from an environment
variable. The fixture `encrypted_journal.sqlite` was made by `fixtures/make_encrypted.py` with
the throwaway key THROWAWAY_KEY below."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from oneonone_cli.cli import passphrase
from oneonone_cli.store import crypto

FIXTURE = Path(__file__).parent / "fixtures" / "encrypted_journal.sqlite"
THROWAWAY_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def encrypted_fixture(journal):
    shutil.copyfile(FIXTURE, journal)
    return journal


# ---------------------------------------------------------------- without the extra


def test_encrypted_journal_without_the_extra_names_it(run, encrypted_fixture, monkeypatch):
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if the extra were not installed
    before = digest(encrypted_fixture)
    err = run.fails("people")
    # The install for this very environment (a clone is not on the package index as oneonone).
    assert "looks encrypted" in err and f"{sys.executable} -m pip install 'sqlcipher3>=" in err
    assert digest(encrypted_fixture) == before


def test_garbage_is_not_taken_for_an_encrypted_journal(run, journal):
    journal.write_text("not a journal\n" * 10)
    err = run.fails("people")
    assert "not a oneonone journal" in err


def test_plain_journals_never_load_crypto(run, journal):
    from test_budgets import modules_after

    run("add", "alice")
    for args in (["people"], ["log", "alice", "-R", "slow CI"], ["backup"]):
        loaded = modules_after(args, journal)
        assert {m for m in loaded if m.split(".")[0] in ("sqlcipher3", "keyring")} == set()
        assert "oneonone_cli.store.crypto" not in loaded


# ---------------------------------------------------------------- with SQLCipher


def test_fixture_opens_with_its_key(run, encrypted_fixture, keyring_memory):
    keyring_memory[("oneonone", str(encrypted_fixture.resolve()))] = THROWAWAY_KEY
    people = run.json("people")
    assert [p["person"] for p in people] == ["alice"]


def test_encrypt_then_use(run, journal, keyring_memory):
    run("add", "alice", "--name", "Alice Smith")
    run("log", "alice", "-R", "secret roadblock about the pager")
    out = run("encrypt").stdout
    assert "NOT encrypted" in out
    data = journal.read_bytes()
    assert not data.startswith(crypto.SQLITE_MAGIC) and b"secret roadblock" not in data
    key = keyring_memory[("oneonone", str(journal.resolve()))]
    assert len(key) == 64
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(journal).execute("SELECT * FROM people").fetchall()
    # Everyday commands go on working, reading and writing.
    run("log", "alice", "-R", "pager again")
    assert [p["person"] for p in run.json("people")] == ["alice"]
    assert "pager again" in run("show", "alice").stdout
    # The plain copy is kept for the user to check and delete.
    plain = list((journal.parent / "backups").glob("journal-before-encrypt-*.db"))
    assert len(plain) == 1 and plain[0].read_bytes().startswith(crypto.SQLITE_MAGIC)
    run.fails("encrypt")  # already encrypted


def test_backup_of_an_encrypted_journal_is_encrypted(run, journal, keyring_memory, tmp_path):
    run("add", "alice")
    run("encrypt")
    dest = tmp_path / "copy.db"
    run("backup", str(dest))
    assert not dest.read_bytes().startswith(crypto.SQLITE_MAGIC)
    key = keyring_memory[("oneonone", str(journal.resolve()))]
    conn = crypto.Cipher(crypto.driver(), key).connect(str(dest))
    assert conn.execute("SELECT handle FROM people").fetchall() == [("alice",)]


def test_wrong_key_is_one_line_and_changes_nothing(run, encrypted_fixture, keyring_memory):
    keyring_memory[("oneonone", str(encrypted_fixture.resolve()))] = "ff" * 32
    before = digest(encrypted_fixture)
    files = sorted(p.name for p in encrypted_fixture.parent.iterdir())
    for args in (("people",), ("log", "alice", "-R", "written?")):
        err = run.fails(*args)
        assert "cannot decrypt" in err and "nothing was changed" in err
    assert digest(encrypted_fixture) == before
    assert sorted(p.name for p in encrypted_fixture.parent.iterdir()) == files


def test_no_keyring_and_no_terminal_is_one_line(run, encrypted_fixture):
    pytest.importorskip("sqlcipher3")
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        err = run.fails("people")
    finally:
        keyring.set_keyring(previous)
    assert "no OS keyring" in err


def test_typed_passphrase_without_keyring(run, journal, monkeypatch):
    pytest.importorskip("sqlcipher3")
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(passphrase, "ask", lambda text: "correct horse battery staple")
    try:
        run("add", "alice")
        assert "type the passphrase" in run("encrypt").stdout
        assert [p["person"] for p in run.json("people")] == ["alice"]
        monkeypatch.setattr(passphrase, "ask", lambda text: "wrong horse battery staple")
        before = digest(journal)
        assert "cannot decrypt" in run.fails("people")
        assert digest(journal) == before
    finally:
        keyring.set_keyring(previous)


def test_a_copied_journal_with_no_key_filed_says_so_not_no_keyring(
    run, journal, keyring_memory, tmp_path
):
    run("add", "alice")
    run("encrypt")
    copy = tmp_path / "copy.db"
    copy.write_bytes(journal.read_bytes())
    err = run.fails("--db", str(copy), "people")
    assert "no key for" in err and str(copy) in err and "no OS keyring" not in err
