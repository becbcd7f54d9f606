"""The journal file itself: encrypt (races, symlinks, kill -9), backup (kill -9, names,
folders), the `-checked` stamp, opening paths that cannot be used, and no file left behind by
a failed command.

Encryption tests run real processes with a keyring kept in a file (keyring's own
PYTHON_KEYRING_BACKEND hook), so that a key survives the process that stored it. The slow
trials (`@pytest.mark.slow`, ONEONONE_SLOW=1) are run by benchmarks/reliability.py, parts
"encrypt" and "backup"."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from keyrings import file_keyring
from oneonone_cli.domain.records import NoteDraft, Person
from oneonone_cli.store import files as files_module
from oneonone_cli.store.core import Store
from test_reliability import (
    CLI,
    apply_slow,
    cli,
    cli_env,
    integrity,
    new_journal,
    one_clean_line,
    report,
    seed,
)


def clear(err: str) -> bool:
    """One clean line that says what is wrong, not the one-line report of a crash."""
    return one_clean_line(err) and "unexpected error" not in err


def texts(db: Path, key: str | None = None) -> list[str]:
    """The notes of a plain journal, or of an encrypted one with its key."""
    if key is None:
        conn = sqlite3.connect(db)
    else:
        from oneonone_cli.store import crypto

        conn = crypto.Cipher(crypto.driver(), key).connect(str(db))
    with closing(conn):
        return sorted(r[0] for r in conn.execute("SELECT text FROM notes"))


# ---------------------------------------------------------------- a keyring in a file


class Keyring:
    """Environment for processes sharing one keyring kept in a file."""

    def __init__(self, folder: Path) -> None:
        self.shared = file_keyring(folder)
        self.file = Path(self.shared["TEST_KEYRING_FILE"])

    def env(self, db: Path, **extra: str) -> dict[str, str]:
        return cli_env(db, **self.shared, **extra)

    def key(self, db: Path) -> str | None:
        if not self.file.exists():
            return None
        return json.loads(self.file.read_text()).get(f"oneonone|{db.resolve()}")


def journal_notes(db: Path, keyring: Keyring) -> list[str]:
    """The notes at the path, whichever form the journal is in (plain or encrypted)."""
    from oneonone_cli.store import crypto

    if crypto.looks_encrypted(db):
        return texts(db, keyring.key(db))
    return texts(db)


# ---------------------------------------------------------------- 11: the stamp


def test_the_stamp_never_writes_through_a_planted_link(run, journal, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    Path(f"{journal}-checked.{os.getpid()}").symlink_to(victim)  # the name used to be this
    run("add", "alice")
    run("log", "alice", "-R", "a note")
    assert victim.read_text() == "precious"
    assert Path(f"{journal}-checked").is_file()


def test_the_stamp_temporary_file_is_created_exclusively(journal, tmp_path, monkeypatch):
    """Even a link planted at the very name chosen is never opened."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    monkeypatch.setattr(files_module.os, "urandom", lambda n: b"\x00" * n)
    planted = Path(f"{journal}-checked.{os.getpid()}.{'00' * 4}")
    store = Store.open(journal, create=True)
    planted.symlink_to(victim)
    store.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    store.close()
    assert victim.read_text() == "precious"


# ---------------------------------------------------------------- 21: no file left behind


@pytest.mark.parametrize(
    "command",
    [["log", "ghost", "-R", "x"], ["cancel", "ghost"], ["archive", "ghost"]],
)
def test_a_failed_command_leaves_no_new_journal(run, tmp_path, command):
    db = tmp_path / "new.db"
    assert "ghost" in run.fails("--db", str(db), *command)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new")) == []


def test_a_successful_first_command_keeps_its_journal(run, tmp_path):
    db = tmp_path / "new.db"
    run("--db", str(db), "add", "alice")
    run.fails("--db", str(db), "log", "ghost", "-R", "x")
    assert [p["person"] for p in run.json("--db", str(db), "people")] == ["alice"]


def test_a_journal_another_command_has_open_is_never_discarded(run, tmp_path):
    """A failed first command does not remove a journal another command opened meanwhile."""
    db = tmp_path / "new.db"
    other = Store.open(db, create=True)  # this one wrote nothing yet either
    try:
        run.fails("--db", str(db), "log", "ghost", "-R", "x")
        assert db.exists()
        other.add_person(
            Person.new(
                "alice", name=None, relationship="report", every=None, today=date(2026, 1, 1)
            )
        )
    finally:
        other.close()
    assert [p["person"] for p in run.json("--db", str(db), "people")] == ["alice"]


# ---------------------------------------------------------------- the identity hook


def test_a_writer_never_commits_into_a_journal_replaced_under_it(tmp_path):
    db = tmp_path / "j.db"
    first = Store.open(db, create=True)
    first.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    other = tmp_path / "other.db"
    second = Store.open(other, create=True)
    second.add_person(
        Person.new("bob", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    second.close()
    os.replace(other, db)  # as `encrypt` swaps its copy in
    with pytest.raises(Exception, match="replaced"):
        first.log_meeting("alice", date(2026, 1, 2), [NoteDraft("morale", "lost?")], [])
    first.close()


# ---------------------------------------------------------------- 8 and 17: backup


KILLED_BACKUP = r"""
import os, signal, sqlite3, sys
from oneonone_cli.store import files as store
from oneonone_cli.cli.main import main
real = sqlite3.connect

class Dying:
    def __init__(self, conn):
        self.conn = conn
    def backup(self, target, **kwargs):  # killed once a few pages are copied
        def progress(status, remaining, total):
            os.kill(os.getpid(), signal.SIGKILL)
        self.conn.backup(getattr(target, "conn", target), pages=1, progress=progress)
    def __getattr__(self, name):
        return getattr(self.conn, name)

class Shim:
    def __getattr__(self, name):
        return getattr(sqlite3, name)
    def connect(self, *args, **kwargs):
        return Dying(real(*args, **kwargs))

store.sqlite3 = Shim()
sys.argv = ["oneonone", "backup", *sys.argv[1:]]
main()
"""


def test_a_backup_killed_midway_leaves_nothing_at_its_path_and_can_be_retried(tmp_path):
    db = new_journal(tmp_path, "alice")
    for i in range(30):
        assert cli(db, "log", "alice", "-R", f"note {i} " + "x" * 2000).returncode == 0
    dest = tmp_path / "copy.db"
    child = subprocess.run(
        [sys.executable, "-c", KILLED_BACKUP, str(dest)],
        env=cli_env(db),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert not os.path.lexists(dest)
    assert not Path(f"{dest}-journal").exists()
    again = cli(db, "backup", str(dest))
    assert again.returncode == 0, again.err
    assert len(texts(dest)) == 30 and integrity(dest) == "ok"


def test_default_backup_names_never_collide(run, journal, monkeypatch):
    from datetime import datetime

    from oneonone_cli.cli.context import Settings

    monkeypatch.setattr(Settings, "now", lambda self: datetime(2026, 3, 2, 9, 30, 0))
    run("add", "alice")
    outs = [run("backup").stdout for _ in range(3)]
    copies = sorted((journal.parent / "backups").glob("journal-*.db"))
    assert [p.name for p in copies] == [
        "journal-20260302-093000-2.db",
        "journal-20260302-093000-3.db",
        "journal-20260302-093000.db",
    ]
    assert all(str(c) in "".join(outs) for c in copies)


def test_concurrent_default_backups_all_succeed(tmp_path):
    db = new_journal(tmp_path, "alice")
    from test_reliability import start_together

    outcomes = start_together(db, tmp_path, [[["backup"]] for _ in range(6)])
    assert [code for code, _ in outcomes] == [0] * 6, outcomes
    assert len(list((tmp_path / "backups").glob("journal-*.db"))) == 6


def test_backup_into_an_existing_folder_writes_a_new_file_in_it(run, journal, tmp_path):
    run("add", "alice")
    run("log", "alice", "-R", "kept")
    folder = tmp_path / "copies"
    folder.mkdir()
    run("backup", str(folder))
    run("backup", str(folder))
    copies = list(folder.iterdir())
    assert len(copies) == 2 and all(texts(c) == ["kept"] for c in copies)


def test_backup_names_a_date_from_the_run_today(run, journal):
    run("add", "alice")
    run("backup")
    [copy] = (journal.parent / "backups").glob("journal-*.db")
    assert copy.name.startswith("journal-20260302-")  # ONEONONE_TODAY, read once


@pytest.mark.parametrize("where", ["dangling", "proc", "file-as-folder"])
def test_backup_to_an_unusable_path_is_one_line(run, journal, tmp_path, where):
    run("add", "alice")
    if where == "dangling":
        dest = tmp_path / "link.db"
        dest.symlink_to(tmp_path / "nowhere" / "x.db")
    elif where == "proc":
        dest = Path("/proc/x.db")
    else:
        (tmp_path / "plain").write_text("a file")
        dest = tmp_path / "plain" / "x.db"
    err = run.fails("backup", str(dest))
    assert "unexpected error" not in err, err  # a clear line, not a crash report
    if where == "dangling":
        assert dest.is_symlink() and not (tmp_path / "nowhere").exists()


# ---------------------------------------------------------------- 17: permissions, as nobody


def _as_nobody():
    from test_reliability import _unprivileged_python

    if os.geteuid() != 0:
        return CLI, dict(os.environ), {}
    found = _unprivileged_python()
    if found is None:
        pytest.skip("root, and no interpreter usable as user nobody")
    command, env = found
    return command, env, {"user": 65534, "group": 65534, "extra_groups": []}


@pytest.fixture
def nobody_folder():
    folder = Path(tempfile.mkdtemp(prefix="oneonone-perm-"))
    folder.chmod(0o755)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        try:
            p.chmod(0o700)
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def invoke_as_nobody(folder: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    command, env, run_as = _as_nobody()
    env = {
        **env,
        "ONEONONE_DB": str(db),
        "ONEONONE_TODAY": "2026-03-02",
        "NO_COLOR": "1",
        "HOME": str(folder),
    }
    return subprocess.run(
        [*command, *args],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
        **run_as,
    )


def _owned_by_nobody(*paths: Path) -> None:
    if os.geteuid() == 0:
        for p in paths:
            os.chown(p, 65534, 65534)


@pytest.mark.parametrize("mode", [0o500, 0o000])
def test_backup_into_a_folder_it_cannot_write_is_one_line(nobody_folder, mode):
    db = nobody_folder / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    target = nobody_folder / "locked"
    target.mkdir()
    _owned_by_nobody(nobody_folder, db, target)
    target.chmod(mode)
    result = invoke_as_nobody(nobody_folder, db, "backup", str(target / "copy.db"))
    assert result.returncode == 1 and clear(result.stderr), result.stderr
    target.chmod(0o700)
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("command", [["people"], ["add", "alice"], ["backup"], ["due"]])
def test_a_journal_in_a_folder_it_cannot_search_is_one_line(nobody_folder, command):
    closed = nobody_folder / "closed"
    closed.mkdir()
    _owned_by_nobody(nobody_folder, closed)
    closed.chmod(0o000)
    result = invoke_as_nobody(nobody_folder, closed / "j.db", *command)
    assert result.returncode == 1 and clear(result.stderr), result.stderr
    assert "permission" in result.stderr


# ---------------------------------------------------------------- 4: encrypt through a link


def test_encrypt_through_a_symlink_encrypts_the_target_and_keeps_the_link(tmp_path):
    keyring = Keyring(tmp_path)
    real = tmp_path / "data" / "real.db"
    real.parent.mkdir()
    assert cli(real, "add", "alice").returncode == 0
    assert cli(real, "log", "alice", "-R", "secret via link").returncode == 0
    link = tmp_path / "journal.db"
    link.symlink_to(real)
    done = cli(link, "encrypt", env=keyring.env(link))
    assert done.returncode == 0, done.err
    assert link.is_symlink() and link.resolve() == real
    assert b"secret via link" not in real.read_bytes()
    assert texts(real, keyring.key(real)) == ["secret via link"]
    for db in (link, real):
        again = cli(db, "log", "alice", "-R", f"after, via {db.name}", env=keyring.env(db))
        assert again.returncode == 0, again.err
    assert len(texts(real, keyring.key(real))) == 3


# ---------------------------------------------------------------- 5: killed between renames

KILLED_ENCRYPT = r"""
import os, signal, sys
from oneonone_cli.cli.main import main
target, calls = int(sys.argv[1]), {"n": 0}
def dying(real):
    def call(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == target:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
os.replace, os.rename, os.link = dying(os.replace), dying(os.rename), dying(os.link)
sys.argv = ["oneonone", "encrypt"]
main()
"""


def test_encrypt_killed_at_any_rename_leaves_a_journal_at_the_path(tmp_path):
    """Killed before each rename or link it makes, in turn: the journal at the path is always
    whole, plain or encrypted with its key in the keyring, and `encrypt` can be run again."""
    keyring = Keyring(tmp_path)
    for target in range(1, 8):
        folder = tmp_path / f"t{target}"
        folder.mkdir()
        db = new_journal(folder, "alice")
        assert cli(db, "log", "alice", "-R", "must survive").returncode == 0
        child = subprocess.run(
            [sys.executable, "-c", KILLED_ENCRYPT, str(target)],
            env=keyring.env(db),
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert db.exists(), f"kill at rename {target}: no journal at the path"
        assert journal_notes(db, keyring) == ["must survive"]
        if child.returncode == 0:  # fewer renames than `target`: the run completed
            break
        assert child.returncode == -signal.SIGKILL, child.stderr
        again = cli(db, "encrypt", env=keyring.env(db))
        if again.returncode:
            assert "already encrypted" in again.err, again.err
        assert journal_notes(db, keyring) == ["must survive"]
    else:
        pytest.fail("encrypt never finished")


# ---------------------------------------------------------------- 3: encrypt racing writers

LATE_WRITER = r"""
import sys, time
from datetime import date
from pathlib import Path
from oneonone_cli.domain.records import NoteDraft
from oneonone_cli.store.core import Store
store = Store.open(Path(sys.argv[1]), create=True)
store.person("alice")  # it has read the journal
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
store.log_meeting("alice", date(2026, 3, 1), [NoteDraft("morale", "written while encrypting")], [])
store.close()
print("committed", flush=True)
"""


def test_a_note_written_while_encrypt_runs_is_in_the_encrypted_journal(tmp_path):
    """A writer that opened the journal before `encrypt` started and writes while it runs."""
    keyring = Keyring(tmp_path)
    db = new_journal(tmp_path, "alice")
    writer = subprocess.Popen(
        [sys.executable, "-c", LATE_WRITER, str(db), "1.0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=keyring.env(db),
    )
    assert writer.stdout.readline().strip() == "ready"
    encrypted = cli(db, "encrypt", env=keyring.env(db))
    out, err = writer.communicate(timeout=60)
    assert encrypted.returncode == 0, encrypted.err
    assert "committed" in out, err
    assert texts(db, keyring.key(db)) == ["written while encrypting"]


def encrypt_race(folder: Path, writers: int, calls: int, keyring: Keyring) -> dict:
    """`writers` streams of `log` processes while `encrypt` runs; every note whose `log`
    reported success must be in the encrypted journal."""
    handles = [f"w{i}" for i in range(writers)]
    db = new_journal(folder, *handles)
    env = keyring.env(db)
    ok: list[str] = []
    failed: list[str] = []
    lock = threading.Lock()

    def stream(handle: str) -> None:
        for call in range(calls):
            text = f"{handle} note {call}"
            result = cli(db, "log", handle, "-R", text, env=env)
            with lock:
                (ok if result.returncode == 0 else failed).append(
                    text if not result.returncode else result.err.strip()
                )

    started = time.monotonic()
    threads = [threading.Thread(target=stream, args=(h,)) for h in handles]
    for thread in threads:
        thread.start()
    time.sleep(random.uniform(0.3, 1.5))
    encrypted = cli(db, "encrypt", env=env)
    for thread in threads:
        thread.join()
    kept = set(journal_notes(db, keyring))
    return {
        "part": "encrypt",
        "kind": "race",
        "writers": writers,
        "calls": calls,
        "encrypt_ok": encrypted.returncode == 0,
        "encrypt_error": encrypted.err.strip(),
        "reported_ok": len(ok),
        "lost": sorted(set(ok) - kept),
        "failed_calls": len(failed),
        "errors": sorted(set(failed))[:3],
        "seconds": round(time.monotonic() - started, 2),
    }


def test_encrypt_racing_log_processes_loses_no_note(tmp_path):
    figures = encrypt_race(tmp_path, writers=3, calls=6, keyring=Keyring(tmp_path))
    report(figures)
    assert figures["encrypt_ok"], figures
    assert figures["lost"] == [], figures
    assert all(clear(e) for e in figures["errors"]), figures


# ---------------------------------------------------------------- slow trials


@apply_slow
def test_slow_encrypt_racing_logs(tmp_path):
    keyring = Keyring(tmp_path)
    rounds = int(os.environ.get("ONEONONE_ENCRYPT_RACES", "10"))
    trials = []
    for i in range(rounds):
        folder = tmp_path / f"race{i}"
        folder.mkdir()
        trials.append(encrypt_race(folder, writers=4, calls=12, keyring=keyring))
    figures = {
        "part": "encrypt",
        "kind": "race",
        "trials": rounds,
        "notes_reported": sum(t["reported_ok"] for t in trials),
        "failures": sum(bool(t["lost"]) or not t["encrypt_ok"] for t in trials),
        "failed_calls": sum(t["failed_calls"] for t in trials),
        "details": [t for t in trials if t["lost"] or not t["encrypt_ok"]][:3],
        "errors": sorted({e for t in trials for e in t["errors"]})[:5],
    }
    report(figures)
    assert figures["failures"] == 0, figures


def _kill_at_random(command: list[str], env: dict, usual: float, rng: random.Random) -> bool:
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        child.wait(timeout=usual * rng.uniform(0.2, 1.2))
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    return child.returncode == -signal.SIGKILL


@apply_slow
def test_slow_kill_9_during_encrypt(tmp_path):
    keyring = Keyring(tmp_path)
    rng = random.Random(seed())
    trials = int(os.environ.get("ONEONONE_KILLS", "200")) // 4
    failures, killed = [], 0
    usual = None
    for i in range(trials):
        folder = tmp_path / f"e{i}"
        folder.mkdir()
        db = new_journal(folder, "alice")
        assert cli(db, "log", "alice", "-R", "committed before").returncode == 0
        if usual is None:
            probe = folder / "probe"
            probe.mkdir()
            pdb = new_journal(probe, "alice")
            started = time.monotonic()
            cli(pdb, "encrypt", env=keyring.env(pdb))
            usual = time.monotonic() - started
        killed += _kill_at_random([*CLI, "encrypt"], keyring.env(db), usual, rng)
        problem = None
        if not db.exists():
            problem = "no journal at the path"
        else:
            try:
                if journal_notes(db, keyring) != ["committed before"]:
                    problem = "notes differ"
            except Exception as exc:  # noqa: BLE001 - a figure, not a crash
                problem = f"does not open: {exc}"
        if problem is None:
            again = cli(db, "encrypt", env=keyring.env(db))
            after = cli(db, "log", "alice", "-R", "after", env=keyring.env(db))
            if after.returncode or (again.returncode and "already encrypted" not in again.err):
                problem = f"retry failed: {again.err.strip()} {after.err.strip()}"
        if problem:
            failures.append(f"trial {i}: {problem}")
    figures = {
        "part": "encrypt",
        "kind": "kill9",
        "trials": trials,
        "killed_mid_run": killed,
        "failures": len(failures),
        "details": failures[:5],
    }
    report(figures)
    assert not failures, figures


@apply_slow
def test_slow_kill_9_during_backup(tmp_path):
    rng = random.Random(seed())
    trials = int(os.environ.get("ONEONONE_KILLS", "200")) // 2
    db = new_journal(tmp_path, "alice")
    for i in range(60):
        assert cli(db, "log", "alice", "-R", f"n{i} " + "y" * 4000).returncode == 0
    expected = texts(db)
    started = time.monotonic()
    cli(db, "backup", str(tmp_path / "probe.db"))
    usual = time.monotonic() - started
    failures, killed = [], 0
    for i in range(trials):
        dest = tmp_path / f"copy{i}.db"
        killed += _kill_at_random([*CLI, "backup", str(dest)], cli_env(db), usual, rng)
        problem = None
        if os.path.lexists(dest):
            try:
                if texts(dest) != expected or integrity(dest) != "ok":
                    problem = "an incomplete copy at the path"
            except sqlite3.DatabaseError as exc:
                problem = f"a copy that does not open: {exc}"
        else:
            again = cli(db, "backup", str(dest))
            if again.returncode or texts(dest) != expected:
                problem = f"retry failed: {again.err.strip()}"
        if integrity(db) != "ok":
            problem = "the journal itself is damaged"
        if problem:
            failures.append(f"trial {i}: {problem}")
    figures = {
        "part": "backup",
        "kind": "kill9",
        "trials": trials,
        "killed_mid_run": killed,
        "failures": len(failures),
        "details": failures[:5],
    }
    report(figures)
    assert not failures, figures


def test_a_retired_journal_cannot_be_written_by_a_command_that_still_has_it_open(tmp_path):
    """What `encrypt` does to the old file once the new one is in place: a command that had
    it open (and skipped the identity check) gets an error, and writes nothing into it."""
    db = tmp_path / "j.db"
    first = Store.open(db, create=True)
    first.add_person(
        Person.new("alice", name=None, relationship="report", every=None, today=date(2026, 1, 1))
    )
    first.close()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    waiting = Store.open(db, create=False)  # as a command that opened it just before
    waiting.person("alice")
    replacement = tmp_path / "new.db"
    shutil.copy(db, replacement)
    with files_module.alone(db, wait=1) as held:
        os.replace(replacement, db)
        held.retire()
    waiting._identity = None  # only the retired header stands in its way now
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        waiting.people()  # not even a stale read of the old file
    with pytest.raises(sqlite3.DatabaseError):
        waiting.log_meeting("alice", date(2026, 1, 2), [NoteDraft("morale", "into the void")], [])
    waiting.conn.close()
    assert texts(db) == []


def test_a_partial_copy_left_by_a_killed_backup_is_removed_by_the_next(tmp_path):
    (tmp_path / "j").mkdir()
    db = new_journal(tmp_path / "j", "alice")
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".copy.db.999999999.0badc0de.partial"  # no such process
    dead.write_bytes(b"every note, in plaintext")
    mine = out / f".copy.db.{os.getpid()}.0badc0de.partial"  # a running process's: kept
    mine.write_bytes(b"in progress")
    assert cli(db, "backup", str(out / "copy.db")).returncode == 0
    assert not dead.exists() and mine.exists()


def test_debris_of_killed_encrypts_and_default_backups_is_removed(tmp_path):
    (tmp_path / "j").mkdir()
    db = new_journal(tmp_path / "j", "alice")
    backups = db.parent / "backups"
    backups.mkdir()
    dead = "999999999"
    debris = [
        backups / f".journal-20261206-031500.db.{dead}.0badc0de.partial",
        backups
        / f"..journal-before-encrypt-20261206-031500.db.{dead}.copy.{dead}.0badc0de.partial",
        backups / f".journal-before-encrypt-20261206-031500.db.{dead}.copy-mj0BADC0DE",
        db.parent / f".journal.db.{dead}.encrypting-journal",
    ]
    for path in debris:
        path.write_bytes(b"SQLite format 3\x00 every note")
    assert cli(db, "backup").returncode == 0
    assert not debris[0].exists()
    keyring = Keyring(tmp_path)
    assert cli(db, "encrypt", env=keyring.env(db)).returncode == 0
    assert [p for p in debris if p.exists()] == []


def test_sigterm_during_a_backup_leaves_no_partial_copy_and_says_so(tmp_path):
    """SIGTERM (or SIGHUP) stops a command where it is: its temporary files go, its write
    rolls back, and it says so in one line (exit 128 + the signal)."""
    (tmp_path / "j").mkdir()
    db = new_journal(tmp_path / "j", "alice")
    out = tmp_path / "out"
    out.mkdir()
    stopper = (
        "import os, signal, sys\n"
        "from oneonone_cli.store import files as store\n"
        "real = store._fsync\n"
        "def stop(path):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(path)\n"
        "store._fsync = stop\n"
        "sys.argv = ['oneonone', 'backup', sys.argv[1]]\n"
        "from oneonone_cli.cli.main import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", stopper, str(out / "copy.db")],
        env=cli_env(db),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert (
        result.stderr.startswith("oneonone: stopped by SIGTERM")
        and len(result.stderr.splitlines()) == 1
    )
    assert list(out.iterdir()) == []
