"""The keys of every --json output are a contract with scripts: changing them breaks users."""

from oneonone_cli.render import due, people, prompts, themes

PINNED = {
    "PEOPLE_KEYS": ("person", "name", "relationship", "every", "added", "archived"),
    "DUE_KEYS": (
        "person",
        "name",
        "relationship",
        "every",
        "last",
        "due",
        "days_overdue",
        "cancelled_90d",
    ),
    "PROMPT_KEYS": ("id", "kind", "text", "last_asked", "asked_them"),
    "PROMPT_COUNT_KEYS": ("person", "name", "relationship", "morale", "roadblock"),
    "BANK_KEYS": ("id", "kind", "audience", "topic", "text", "builtin", "retired", "source"),
    "THEME_KEYS": (
        "theme",
        "mentions",
        "people",
        "first",
        "last",
        "weeks",
        "terms",
        "note_ids",
        "example",
        "key",
        "trend",
        "previous",
        "weekly",
        "normalised",
        "origin",
    ),
    "THEME_NOTE_KEYS": ("id", "date", "person", "kind", "text"),
    "LEXICON_KEYS": ("key", "name", "kind", "terms", "tags", "yours", "origin"),
}


def test_json_keys_are_pinned():
    for name, keys in PINNED.items():
        [module] = [m for m in (due, people, prompts, themes) if hasattr(m, name)]
        assert getattr(module, name) == keys, name


def test_history_and_log_keys(run):
    run("add", "alice")
    logged = run.json("log", "alice", "-M", "ok", "--asked", "m-meaning")
    assert list(logged) == [
        *("meeting_id", "note_ids", "person", "date", "asked"),
        *("follow_ups", "mood", "talk", "status_update"),  # issue 15
    ]
    [meeting] = run.json("show", "alice")
    assert list(meeting) == [
        *("id", "date", "status", "reason", "moved_to", "asked", "notes"),
        *("mood", "talk", "status_update", "follow_ups"),  # issue 15
    ]
    assert list(meeting["notes"][0]) == ["id", "kind", "text", "tags"]
