"""benchmarks/floors/: the programs perf.py times as the stack's floor do the job they stand for
(a floor that failed early would look fast and make every command look slow beside it)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

FLOORS = Path(__file__).resolve().parent.parent / "benchmarks" / "floors"


def floor(script: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_ONEONONE")}
    done = subprocess.run(
        [sys.executable, str(FLOORS / script), *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_log_floor_writes_a_1on1_and_its_note(run, journal):
    run("add", "alice", "--name", "Alice")
    out = floor("typer_log.py", "log", "alice", "-R", "false alarms again #oncall")
    assert out.startswith("Logged 1:1 with alice on 2026-03-02")
    conn = sqlite3.connect(journal)
    assert conn.execute("SELECT person, kind, text FROM notes").fetchall() == [
        ("alice", "roadblock", "false alarms again #oncall")
    ]
    # The same tables as oneonone's log: the search index saw the note too.
    assert run("search", "alarms").stdout.count("alice") == 1


def test_the_todo_floor_reads_the_oldest_open_follow_ups(run):
    run("add", "bob", "--name", "Bob")
    run("log", "bob", "-T", "send the doc", "-T", "book the room", "--on", "2026-02-01")
    run("todo", "done", "1")
    out = floor("typer_table.py", "todo")
    assert out.splitlines() == ["2 | bob | 2026-02-01 | book the room"]


def test_the_help_floor_lists_as_many_commands_as_asked():
    out = floor("typer_help.py", "12", "--help")
    assert "command-11" in out and "command-12" not in out
