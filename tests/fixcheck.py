"""Checks shared by the tests of fixing and removing notes (test_fix_*.py, test_trash.py): what
is derived from the notes (the theme roll-up, the search index) against a journal freshly
logged with the same final notes."""

from __future__ import annotations

import sqlite3
from contextlib import closing

# The words the notes of these tests are made of: each is searched for in both journals.
WORDS = ("paged", "oncall", "pager", "alerts", "review", "flaky", "ci", "proud", "launch", "night")


def search_results(run, db) -> dict[str, list[tuple]]:
    """For each word, the notes found: (date, person, kind, text), in the order found."""
    return {
        w: [
            (h["date"], h["person"], h["kind"], h["text"])
            for h in run.json("--db", str(db), "search", w, "--limit", "1000")
        ]
        for w in WORDS
    }


def theme_results(run, db) -> list[tuple]:
    """Every theme of both kinds over the last year, without note IDs (they differ)."""
    return sorted(
        (
            t["key"],
            t["mentions"],
            tuple(t["people"]),
            t["first"],
            t["last"],
            t["weeks"],
            tuple(t["terms"]),
        )
        for t in run.json("--db", str(db), "themes", "--since", "365d", "--kind", "all")
    )


def fresh_journal(run, tmp_path, people, notes, name="fresh.db"):
    """A journal with `people` and the held 1:1s of `notes`: [(handle, date, kind, text)]."""
    db = tmp_path / name
    for handle in people:
        run("--db", str(db), "add", handle)
    by_meeting: dict[tuple, list] = {}
    for handle, day, kind, text in notes:
        by_meeting.setdefault((handle, day), []).append((kind, text))
    for (handle, day), ns in sorted(by_meeting.items(), key=lambda kv: kv[0][1]):
        flags = []
        for kind, text in ns:
            flags += ["-R" if kind == "roadblock" else "-M", text]
        run("--db", str(db), "log", handle, "--on", day, *flags, "--again")
    return db


def index_intact(db) -> bool:
    """FTS5's own check that the index holds exactly the notes' text (raises if not)."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)")
    return True


def same_derived(run, a, b) -> None:
    assert index_intact(a) and index_intact(b)
    assert search_results(run, a) == search_results(run, b)
    assert theme_results(run, a) == theme_results(run, b)


def notes_of(db) -> list[tuple]:
    """(person, date, kind, text) of every note, as stored."""
    with closing(sqlite3.connect(db)) as conn:
        return sorted(conn.execute("SELECT person, date, kind, text FROM notes"))
