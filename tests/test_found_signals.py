"""What an outside tester found about notes on stdin given with note flags, and about Ctrl-C
and stop signals: each test failed before its fix."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "oneonone_cli"]


def notes_in(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT kind, text FROM notes ORDER BY id").fetchall()


def meetings_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM meetings").fetchone()[0]


def one_line(stderr: str) -> str:
    err = stderr.strip()
    assert err.startswith("oneonone: "), err
    assert len(err.splitlines()) == 1, err
    return err


# ------------------------------------------------ F1: notes on stdin and note flags together


@pytest.mark.parametrize(
    "flags",
    [["-R", "x"], ["-M", "fine"], ["--asked", "m-meaning"], ["--no-notes"]],
)
def test_piped_notes_with_note_flags_are_refused_not_dropped(run, journal, flags):
    run("add", "bob")
    err = run.fails("log", "bob", *flags, input="r: y\n", code=2)
    assert "stdin" in err and "nothing was logged" in err
    assert meetings_in(journal) == 0


def test_flags_alone_still_log_in_process(run, journal):
    run("add", "bob")
    run("log", "bob", "-R", "x")
    assert notes_in(journal) == [("roadblock", "x")]


def _log(args, journal, **kw):
    return subprocess.run([*CLI, "log", "bob", *args], capture_output=True, timeout=60, **kw)


def test_pipe_with_data_is_refused(run, journal):
    run("add", "bob")
    done = _log(["-R", "x"], journal, input=b"r: y\n")
    assert done.returncode == 2, done.stderr
    assert "nothing was logged" in one_line(done.stderr.decode())
    assert meetings_in(journal) == 0


def test_file_with_data_is_refused(run, journal, tmp_path):
    run("add", "bob")
    notes = tmp_path / "notes.txt"
    notes.write_text("r: x\n")
    with notes.open("rb") as f:
        done = _log(["--asked", "m-meaning"], journal, stdin=f)
    assert done.returncode == 2, done.stderr
    one_line(done.stderr.decode())
    assert meetings_in(journal) == 0


def test_file_read_to_its_end_is_not_waiting(run, journal, tmp_path):
    run("add", "bob")
    notes = tmp_path / "notes.txt"
    notes.write_text("r: x\n")
    with notes.open("rb") as f:
        f.seek(0, os.SEEK_END)
        done = _log(["-R", "x"], journal, stdin=f)
    assert done.returncode == 0, done.stderr
    assert notes_in(journal) == [("roadblock", "x")]


def test_empty_pipe_devnull_and_closed_stdin_are_not_waiting(run, journal):
    run("add", "bob")
    empty = _log(["-R", "a"], journal, input=b"")
    assert empty.returncode == 0, empty.stderr
    null = _log(["-R", "b"], journal, stdin=subprocess.DEVNULL)
    assert null.returncode == 0, null.stderr
    closed = subprocess.run(
        ["sh", "-c", " ".join([*CLI, "log", "bob", "--again", "-R", "c"]) + " <&-"],
        capture_output=True,
        timeout=60,
    )
    assert closed.returncode == 0, closed.stderr
    assert [t for _, t in notes_in(journal)] == ["a", "b", "c"]


def test_open_pipe_with_nothing_written_does_not_block(run, journal):
    run("add", "bob")
    read, write = os.pipe()
    try:
        done = _log(["-R", "x"], journal, stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert notes_in(journal) == [("roadblock", "x")]
