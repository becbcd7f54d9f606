"""What an outside tester found in calendar, restore, config and `db path` (issue 16): each test
failed before its fix."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tomllib
from contextlib import closing
from pathlib import Path

import pytest

GOOGLE = (
    "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nDTSTART:20260310T090000Z\r\nUID:abc123@google.com\r\n"
    "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def someone(run):
    run("add", "alice", "--name", "Alice Smith")


# --- 1. calendar -o replaces only a calendar oneonone wrote


@pytest.mark.parametrize(
    "text",
    [
        GOOGLE,
        "BEGIN:VCALENDAR\nthis is my diary",
        "BEGIN:VCALENDAR\r\nPRODID:-//oneonone//1:1 journal//EN\r\nBEGIN:VEVENT\r\n"
        "UID:abc123@google.com\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ],
    ids=["google-export", "diary", "our-prodid-their-event"],
)
def test_calendar_does_not_replace_a_calendar_it_did_not_write(run, someone, tmp_path, text):
    dest = tmp_path / "cal.ics"
    dest.write_bytes(text.encode())
    err = run.fails("calendar", "-o", str(dest))
    assert "was not written by 'oneonone calendar'" in err and "nothing was written" in err
    assert len(err.strip().splitlines()) == 1
    assert dest.read_bytes() == text.encode()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_calendar_replaces_the_calendar_it_wrote(run, someone, tmp_path):
    dest = tmp_path / "cal.ics"
    run("calendar", "-o", str(dest))
    first = dest.read_bytes()
    run("add", "bob")
    run("calendar", "-o", str(dest))
    assert dest.read_bytes() != first and b"1on1-bob@" in dest.read_bytes()


# --- 2. what a killed restore left goes at the next restore or backup


def gone_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leftovers(journal: Path) -> list[Path]:
    pid = gone_pid()
    folder = journal.parent
    made = [
        folder / f".{journal.name}.{pid}.0badc0de.restoring",
        folder / f".{journal.name}.{pid}.0badc0de.restoring-journal",
        folder / f".{journal.name}.{pid}.1badc0de.restoring-journal",  # its copy already gone
        folder / f".{journal.name}.{pid}.2badc0de.restoring-wal",
        folder / "backups" / f".{journal.stem}-before-restore-20260302-093000.db.{pid}.copy",
        folder
        / "backups"
        / f".{journal.stem}-before-restore-20260302-093000.db.{pid}.copy-journal",
    ]
    (folder / "backups").mkdir(exist_ok=True)
    for path in made:
        path.write_bytes(b"SECRET half-copied journal")
    return made


def test_restore_removes_what_a_killed_restore_left(run, someone, journal, tmp_path):
    saved = tmp_path / "saved.db"
    run("backup", str(saved))
    made = leftovers(journal)
    mine = journal.parent / f".{journal.name}.{os.getpid()}.0badc0de.restoring-journal"
    mine.write_bytes(b"a restore still running")  # a running process's file is left alone
    run("restore", str(saved), "--yes")
    assert [p for p in made if p.exists()] == []
    assert mine.exists()


def test_backup_removes_what_a_killed_restore_left(run, someone, journal):
    made = leftovers(journal)
    run("backup")
    assert [p for p in made if p.exists()] == []


# --- 3. restore's messages: damaged on one line, a full disk, a key this journal lacks


def digest(path: Path) -> bytes:
    return path.read_bytes()


def test_a_damaged_backup_is_said_on_one_line_without_line_breaks(run, someone, journal, tmp_path):
    saved = tmp_path / "saved.db"
    run("backup", str(saved))
    with closing(sqlite3.connect(saved)) as conn:
        conn.execute("CREATE TABLE pad (t)")
        conn.executemany("INSERT INTO pad VALUES (?)", [("x" * 200,) for _ in range(2000)])
        conn.commit()
    data = bytearray(saved.read_bytes())
    pages = len(data) // 4096
    for page in (pages - 4, pages - 3, pages - 2):  # leaves of `pad`: cells point nowhere
        data[page * 4096 + 8 : page * 4096 + 40] = b"\xff" * 32
    saved.write_bytes(bytes(data))
    before = digest(journal)
    err = run.fails("restore", str(saved), "--yes")
    assert "is damaged (" in err and "On tree page" in err
    assert "\\n" not in err and "***" in err  # quick_check's lines joined, not escaped
    assert digest(journal) == before


def test_restore_onto_a_full_disk_says_the_disk_is_full(
    run, someone, journal, tmp_path, monkeypatch
):
    import errno

    saved = tmp_path / "saved.db"
    run("backup", str(saved))
    real = os.write

    def full(fd, data):
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".restoring"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", full)
    before = digest(journal)
    err = run.fails("restore", str(saved), "--yes")
    monkeypatch.setattr(os, "write", real)
    assert "disk of" in err and "is full" in err and "the journal is unchanged" in err
    assert "cannot read" not in err
    assert digest(journal) == before
    assert list(journal.parent.glob(".*.restoring*")) == []


def test_an_encrypted_backup_onto_a_plain_journal_asks_for_no_key(
    run, journal, keyring_memory, tmp_path
):
    pytest.importorskip("sqlcipher3")
    other = tmp_path / "other" / "j.db"
    other.parent.mkdir()
    run("--db", str(other), "add", "bob")
    run("--db", str(other), "encrypt")
    theirs = tmp_path / "theirs.db"
    run("--db", str(other), "backup", str(theirs))
    run("add", "alice")
    before = digest(journal)
    err = run.fails("restore", str(theirs), "--yes")
    assert "is encrypted with a key this journal" in err and "does not have" in err
    assert "terminal" not in err
    assert digest(journal) == before


# --- 4. config set/unset repair the file they point to


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "config.toml"


def test_config_set_repairs_the_bad_value_its_error_points_to(run, settings_file):
    settings_file.write_text('[cadence]\nreport = "5y"\n')
    err = run.fails("config", "show")
    assert "fix it with 'oneonone config set cadence.report VALUE'" in err
    run("config", "set", "cadence.report", "2w")
    assert tomllib.loads(settings_file.read_text()) == {"cadence": {"report": "2w"}}
    run("config", "show")  # the file reads again


def test_config_unset_removes_an_unknown_key_its_error_points_to(run, settings_file):
    settings_file.write_text('colour = "never"\ncolor = "never"\n')
    err = run.fails("config", "show")
    assert "remove it with 'oneonone config unset colour'" in err
    out = run("config", "unset", "colour").stdout
    assert "colour" in out and "taken out" in out
    assert tomllib.loads(settings_file.read_text()) == {"color": "never"}
    assert "did you mean 'color'?" in run.fails("config", "unset", "colour", code=2)  # gone
    assert "there is no setting 'nope'" in run.fails("config", "unset", "nope", code=2)


def test_two_broken_entries_are_repaired_one_after_the_other(run, settings_file):
    settings_file.write_text('colour = "x"\nn = 3\n[cadence]\nreport = "5y"\nintern = "1w"\n')
    run("config", "set", "cadence.report", "2w")  # the others are kept, for their own repair
    assert tomllib.loads(settings_file.read_text()) == {
        "colour": "x",
        "n": 3,
        "cadence": {"report": "2w", "intern": "1w"},
    }
    run("config", "unset", "colour")
    run("config", "unset", "n")
    run("config", "unset", "cadence.intern")
    assert tomllib.loads(settings_file.read_text()) == {"cadence": {"report": "2w"}}
    run("config", "show")


def test_a_file_that_is_no_toml_is_still_never_overwritten(run, settings_file):
    settings_file.write_text("this is not toml")
    assert "is not a valid settings file" in run.fails("config", "set", "color", "never")
    assert "is not a valid settings file" in run.fails("config", "unset", "color")
    assert settings_file.read_text() == "this is not toml"


# --- 7. config set: a bad key or value is a usage error; -5d is a value; 0d is refused


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("colour", "never", "there is no setting 'colour'"),
        ("color", "sometimes", "use one of auto, always, never"),
        ("themes.since", "-5d", "cannot read '-5d' as a span"),
        ("themes.since", "0d", "at least one day"),
        ("cadence.report", "-2w", "cadence"),
    ],
)
def test_config_set_refuses_a_bad_key_or_value_as_a_usage_error(
    run, settings_file, key, value, says
):
    err = run.fails("config", "set", key, value, code=2)
    assert says in err and "No such option" not in err
    assert not settings_file.exists()


def test_config_set_takes_the_smallest_window(run, settings_file):
    run("config", "set", "themes.since", "1d")
    assert tomllib.loads(settings_file.read_text()) == {"themes": {"since": "1d"}}


# --- 5. db path says what is there when it is no journal


def test_db_path_says_a_folder_is_no_journal(run, tmp_path):
    result = run("--db", str(tmp_path), "db", "path")
    assert result.stdout == f"{tmp_path}\n"
    assert "is a folder, not a journal" in result.stderr


def test_db_path_says_a_file_is_no_journal(run, tmp_path):
    diary = tmp_path / "diary.txt"
    diary.write_text("this is my diary\n")
    result = run("--db", str(diary), "db", "path")
    assert result.stdout == f"{diary}\n"
    assert "is not a oneonone journal" in result.stderr


def test_db_path_says_the_folder_does_not_exist(run, tmp_path):
    where = tmp_path / "nonexist" / "dir" / "j.db"
    result = run("--db", str(where), "db", "path")
    assert result.stdout == f"{where}\n"
    assert f"its folder {where.parent} does not exist" in result.stderr
    assert "creates it" not in result.stderr


def test_db_path_is_quiet_about_a_journal(run, journal, someone):
    result = run("db", "path")
    assert result.stdout == f"{journal}\n" and result.stderr == ""


# --- 6. config show --json gives the editor that would run


def test_config_show_json_gives_the_effective_editor(run, monkeypatch, tmp_path):
    import shutil

    rows = {r["key"]: r for r in run.json("config", "show")}
    expected = next((p for p in ("vi", "nano") if shutil.which(p)), None)
    assert rows["editor"]["value"] == expected and rows["editor"]["source"] == "default"
    assert rows["editor"]["value"] != ""
    monkeypatch.setenv("PATH", str(tmp_path))  # neither vi nor nano: null, not ""
    rows = {r["key"]: r for r in run.json("config", "show")}
    assert rows["editor"]["value"] is None
    run("config", "set", "editor", sys.executable)
    rows = {r["key"]: r for r in run.json("config", "show")}
    assert rows["editor"] == {"key": "editor", "value": sys.executable, "source": "file"}


# ------------------------------------------------------------------ found by the re-test


def _fifo_behind_a_link(tmp_path):
    import os

    fifo = tmp_path / "ff"
    os.mkfifo(fifo)
    link = tmp_path / "Lff"
    link.symlink_to(fifo)
    return fifo, link


def test_calendar_refuses_a_fifo_without_waiting(run, tmp_path):
    # Opening a fifo to read it waits for a writer for ever: it is refused before that.
    fifo, link = _fifo_behind_a_link(tmp_path)
    run("add", "alice")
    for dest in (fifo, link):
        assert "nothing was written" in run.fails("calendar", "-o", str(dest))


def test_db_path_on_a_fifo_or_a_device_says_it_is_no_journal(run, tmp_path):
    fifo, link = _fifo_behind_a_link(tmp_path)
    for where in (link, fifo):
        result = run("--db", str(where), "db", "path")
        assert result.stdout.strip() == str(where)
        assert "is not a oneonone journal" in result.stderr
    result = run("--db", "/dev/null", "db", "path")
    assert "not a oneonone journal" in result.stderr
