"""What an outside tester found in `meeting edit` (issue 15's signals): two edits of one 1:1 at
once must end as one of them whole, never a mix of the two; two moves onto one day at once must
not leave two held 1:1s there without --again. Real processes, started together."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing

CLI = [sys.executable, "-m", "oneonone_cli"]


def together(journal, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "ONEONONE_DB": str(journal), "ONEONONE_TODAY": "2026-03-02"}
    started = [
        subprocess.Popen(
            [*CLI, *c],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for c in commands
    ]
    done = []
    for p in started:
        out, err = p.communicate(timeout=60)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return done


def signals(journal, meeting: int):
    with closing(sqlite3.connect(journal)) as conn:
        return conn.execute(
            "SELECT mood, talk, status_update FROM meetings WHERE id = ?", [meeting]
        ).fetchone()


def test_two_edits_of_one_1on1_at_once_end_as_one_of_them_whole(run, journal):
    run("add", "bob")
    run("log", "bob", "--on", "2026-02-20", "-R", "flaky ci")
    wholes = {(1, 10, 1), (5, 90, 0)}
    for _ in range(6):
        run("meeting", "edit", "1", "--mood", "3", "--talk", "50", "--no-status")
        done = together(
            journal,
            ["meeting", "edit", "1", "--mood", "1", "--talk", "10", "--status"],
            ["meeting", "edit", "1", "--mood", "5", "--talk", "90", "--no-status"],
        )
        assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
        assert signals(journal, 1) in wholes
        # Each says what it changed from what it found: the second found the first's values.
        said = [d.stdout for d in done]
        assert any("mood 3 -> " in s for s in said), said


def test_two_moves_onto_one_day_at_once_leave_one_held_1on1_there(run, journal):
    run("add", "bob")
    for day in ("2026-02-02", "2026-02-09", "2026-02-16"):
        run("log", "bob", "--on", day, "-R", f"note of {day}")
    for trial in range(4):
        target = f"2026-01-{10 + trial:02d}"
        done = together(journal, *(["meeting", "edit", str(m), "--on", target] for m in (1, 2, 3)))
        with closing(sqlite3.connect(journal)) as conn:
            (held,) = conn.execute(
                "SELECT count(*) FROM meetings WHERE date = ? AND status = 'held'", [target]
            ).fetchone()
        assert held == 1, [d.stderr for d in done]
        refused = [d for d in done if d.returncode != 0]
        assert len(refused) == 2
        assert all(d.stderr.count("\n") == 1 and "--again" in d.stderr for d in refused)
        # Back where they were, for the next trial.
        with closing(sqlite3.connect(journal)) as conn:
            days = dict(conn.execute("SELECT id, date FROM meetings").fetchall())
        for m, day in zip((1, 2, 3), ("2026-02-02", "2026-02-09", "2026-02-16"), strict=True):
            if days[m] != day:
                run("meeting", "edit", str(m), "--on", day)
