"""The journal's schema, as named migrations. A released migration is never edited: change the
schema by adding the next one (m002_...), and add a fixture database of the old schema to the
tests so that upgrading from it stays covered."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("oneonone")


def tolerate_leftovers(db: Database, pending: list[str]) -> None:
    """Before the `pending` migrations run on a journal another program changed: a journal
    whose m001 roll-up table (`note_themes`, a cache) is gone gets an empty one back, so that
    m002 can reshape it (every note is analysed again by the next report)."""
    leftover = "m002_theme_rollup" in pending and "m001_initial" not in pending
    if leftover and not db["note_themes"].exists():
        db.execute(
            "CREATE TABLE note_themes (note_id INTEGER PRIMARY KEY REFERENCES notes(id),"
            " theme TEXT, terms TEXT, phrases TEXT)"
        )


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    db["people"].create(
        {
            "handle": str,
            "name": str,
            "relationship": str,
            "every": str,  # cadence as typed canonically: 1w, 2w, 10d, 1m
            "added": str,  # ISO date
            "archived": str,  # ISO date, NULL while active
        },
        pk="handle",
        not_null={"name", "relationship", "every", "added"},
    )
    db["meetings"].create(
        {
            "id": int,
            "person": str,
            "date": str,  # the day of the 1:1 (held or cancelled) or the day a reschedule was made
            "status": str,  # held | cancelled | rescheduled
            "reason": str,
            "moved_to": str,  # reschedules: the new date
        },
        pk="id",
        foreign_keys=[("person", "people", "handle")],
        not_null={"person", "date", "status"},
    )
    db["meetings"].create_index(["person", "status", "date"])
    db["meetings"].create_index(["status", "person", "date"])
    db["notes"].create(
        {
            "id": int,
            "meeting_id": int,
            "person": str,
            "date": str,
            "kind": str,  # roadblock | morale
            "text": str,
            "tags": str,  # JSON list of #tags, lowercase, without '#'
        },
        pk="id",
        foreign_keys=[("meeting_id", "meetings", "id"), ("person", "people", "handle")],
        not_null={"meeting_id", "person", "date", "kind", "text", "tags"},
    )
    db["notes"].create_index(["person", "date"])
    db["notes"].create_index(["date", "kind"])
    db["notes"].create_index(["meeting_id"])
    db["prompts"].create(
        {"id": str, "kind": str, "audience": str, "text": str, "topic": str},
        pk="id",
        not_null={"kind", "audience", "text"},
    )
    db["retired_prompts"].create({"id": str, "retired": str}, pk="id")
    db["prompt_uses"].create(
        {"meeting_id": int, "person": str, "prompt_id": str, "date": str},
        pk=("meeting_id", "prompt_id"),
        foreign_keys=[("meeting_id", "meetings", "id"), ("person", "people", "handle")],
    )
    db["prompt_uses"].create_index(["person", "prompt_id", "date"])
    db["prompt_uses"].create_index(["prompt_id", "date"])
    db["lexicon_terms"].create({"theme": str, "term": str}, pk=("theme", "term"))
    db["lexicon_aliases"].create({"tag": str, "theme": str}, pk="tag")
    # Roll-up: each note's theme signature, computed once by themes.analyse() and kept.
    db["note_themes"].create(
        {"note_id": int, "theme": str, "terms": str, "phrases": str},
        pk="note_id",
        foreign_keys=[("note_id", "notes", "id")],
    )
    db["meta"].create({"key": str, "value": str}, pk="key")


@MIGRATIONS()
def m002_theme_rollup(db: Database) -> None:
    """The theme roll-up carries each note's kind, date, person and meeting (notes never change)
    and is indexed by (kind, theme, date, ...): a report reads one theme's notes of a window as
    a range of that index (one per kind), never joining the notes table nor sorting to group.
    The rows already analysed are kept."""
    db.execute("ALTER TABLE note_themes RENAME TO note_themes_m001")
    db["note_themes"].create(
        {
            "note_id": int,
            "kind": str,
            "theme": str,
            "date": str,
            "person": str,
            "meeting_id": int,
            "terms": str,
            "phrases": str,
        },
        pk="note_id",
        foreign_keys=[("note_id", "notes", "id")],
        not_null={"kind", "date", "person", "meeting_id", "terms", "phrases"},
    )
    db.execute(
        "INSERT INTO note_themes (note_id, kind, theme, date, person, meeting_id, terms, phrases)"
        " SELECT t.note_id, n.kind, t.theme, n.date, n.person, n.meeting_id,"
        " coalesce(t.terms, ''), coalesce(t.phrases, '')"
        " FROM note_themes_m001 t JOIN notes n ON n.id = t.note_id"
    )
    db["note_themes_m001"].drop()
    db["note_themes"].create_index(["kind", "theme", "date", "person", "meeting_id", "terms"])


@MIGRATIONS()
def m003_note_changes_clear_rollup(db: Database) -> None:
    """A note's theme analysis (its roll-up row, a cache) goes with any change to the note, in
    the same transaction: an edited note (its text, tags, kind, date, person or meeting) is
    analysed again by the next report, and a deleted one leaves no row pointing at it. A
    report finds the notes to analyse as the notes without a row.

    Notes changed before (by another program, with no trigger to drop their rows) may have
    stale rows, or rows of notes since deleted: the roll-up is emptied, and every note is
    analysed once by the next report."""
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS notes_update_clears_rollup"
        " AFTER UPDATE OF id, meeting_id, person, date, kind, text, tags ON notes"
        " BEGIN DELETE FROM note_themes WHERE note_id = OLD.id; END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS notes_delete_clears_rollup BEFORE DELETE ON notes"
        " BEGIN DELETE FROM note_themes WHERE note_id = OLD.id; END"
    )
    db.execute("DELETE FROM note_themes")


@MIGRATIONS()
def m004_taught_themes(db: Database) -> None:
    """What the manager teaches about themes beyond terms and aliases: the themes of their own
    with a display name (one kept from a found theme names the found key it came from), and
    the found themes they dismissed (those notes stop forming them)."""
    db["user_themes"].create(
        {"key": str, "name": str, "kept_from": str, "added": str},
        pk="key",
        not_null={"name", "added"},
    )
    db["dismissed_themes"].create({"key": str, "dismissed": str}, pk="key", not_null={"dismissed"})


@MIGRATIONS()
def m005_note_search(db: Database) -> None:
    """Full-text search over the notes' text: an FTS5 index (`notes_fts`) with the notes table
    as its external content, so that each note's text is stored once (the index holds only its
    words), filled from the notes there are and kept in step with every change to a note by
    triggers, in the note's own transaction. Words are unicode61 tokens with diacritics folded
    ("cafe" finds "café"); no stemming: a search finds the words typed (porter's stems are
    English-only and surprise in other languages), and `block*` reaches "blocked"."""
    from oneonone_cli.store.connection import SEARCH_INDEX, SEARCH_TRIGGERS

    db.execute(SEARCH_INDEX)
    for create in SEARCH_TRIGGERS.values():
        db.execute(create)
    db.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")


@MIGRATIONS()
def m006_follow_ups_and_signals(db: Database) -> None:
    """Follow-ups agreed in a 1:1 (open until marked done), and how a 1:1 went: the report's
    mood as the manager saw it (1 to 5), the share of the time the manager talked (0 to 100),
    and whether it turned into a status update (1 or 0); NULL where nothing was recorded.
    Feedback given is a note of its own kind ('feedback'): it needs no column."""
    db["follow_ups"].create(
        {
            "id": int,
            "person": str,
            "meeting_id": int,  # the 1:1 it was agreed in; NULL for one added outside a 1:1
            "text": str,
            "added": str,  # ISO date
            "done": str,  # ISO date, NULL while open
        },
        pk="id",
        foreign_keys=[("person", "people", "handle"), ("meeting_id", "meetings", "id")],
        not_null={"person", "text", "added"},
    )
    db["follow_ups"].create_index(["person", "done", "added"])
    db["follow_ups"].create_index(["done", "added"])
    db["follow_ups"].create_index(["meeting_id"])
    db["meetings"].add_column("mood", int)
    db["meetings"].add_column("talk", int)
    db["meetings"].add_column("status_update", int)


@MIGRATIONS()
def m007_trash(db: Database) -> None:
    """The trash: a removed note or 1:1 (with its notes, prompts asked and follow-ups) is kept
    here, row for row as JSON, until it is restored or the trash is emptied. `item_id` is the
    note's or the 1:1's own ID; `day` its date; `removed` the day it was removed. Trash IDs are
    never reused (AUTOINCREMENT): a restore names what the list showed."""
    db.execute(
        "CREATE TABLE trash (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT NOT NULL,"
        " item_id INTEGER NOT NULL, person TEXT NOT NULL, day TEXT NOT NULL,"
        " removed TEXT NOT NULL, summary TEXT NOT NULL, rows TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX trash_removed ON trash (removed)")
    db.execute("CREATE INDEX trash_what_item ON trash (what, item_id)")


@MIGRATIONS()
def m009_prompt_sources(db: Database) -> None:
    """Question banks imported from a file (`prompts import`): each bank's attribution (its
    name, the one line that credits it, its licence text when the file came with one) in
    `prompt_sources`, and each imported prompt's bank in `prompts.source` (NULL: a prompt the
    manager wrote with `prompts add`)."""
    db["prompt_sources"].create(
        {
            "key": str,  # the bank's short name, shown in `prompts --all`: 1on1-questions
            "title": str,
            "attribution": str,  # one line: author, licence, where it comes from
            "licence": str,  # the licence's full text, NULL when none came with the file
            "file": str,  # the file name it was first imported from
            "added": str,  # ISO date
        },
        pk="key",
        not_null={"title", "attribution", "added"},
    )
    db["prompts"].add_column("source", str)
