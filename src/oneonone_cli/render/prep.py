"""The brief view (`prep HANDLE`): its lines fitted to the terminal, or one JSON object (keys
pinned by tests/test_prep.py)."""

from __future__ import annotations

from typing import Any

from oneonone_cli.render.output import as_dict, print_json, say

PREP_KEYS = (
    "person",
    "name",
    "relationship",
    "every",
    "today",
    "last",
    "due",
    "days_overdue",
    "since",
    "cadence",
    "mood",
    "mood_sparkline",
    "follow_ups",
    "recent",
    "themes",
    "prompts",
    "asked_last_time",
)
CADENCE_KEYS = ("due", "on_time", "late", "overdue_since", "cancels", "reschedules", "kept")
FOLLOW_UP_KEYS = ("id", "text", "added", "meeting_id")
NOTE_KEYS = ("id", "date", "text", "tags")
THEME_KEYS = ("key", "theme", "note_ids", "others")
PROMPT_KEYS = ("id", "kind", "text")


def prep_json(b: Any) -> dict:
    p, c = b.person, b.cadence
    data = {
        "person": p.handle,
        "name": p.name,
        "relationship": p.relationship,
        "every": str(p.every),
        "today": b.today,
        "last": b.last_held,
        "due": b.due,
        "days_overdue": b.days_overdue,
        "since": b.since,
        "cadence": {
            "due": c.due,
            "on_time": c.on_time,
            "late": list(c.late),
            "overdue_since": c.overdue_since,
            "cancels": c.cancels,
            "reschedules": c.reschedules,
            "kept": None if c.kept is None else round(c.kept, 3),
        },
        "mood": [{"date": day, "mood": mood} for day, mood in b.moods],
        "mood_sparkline": b.mood_sparkline,
        "follow_ups": [as_dict(f, FOLLOW_UP_KEYS) for f in b.follow_ups],
        "recent": {
            kind: [{"id": n.id, "date": n.on, "text": n.text, "tags": list(n.tags)} for n in notes]
            for kind, notes in b.recent.items()
        },
        "themes": [
            {"key": t.key, "theme": t.name, "note_ids": list(t.note_ids), "others": list(t.others)}
            for t in b.themes
        ],
        "prompts": [as_dict(r, PROMPT_KEYS) for r in b.prompts],
        "asked_last_time": list(b.asked_last_time),
    }
    return as_dict(data)


def prep_view(brief: Any, as_json: bool) -> None:
    if as_json:
        return print_json(prep_json(brief))
    from oneonone_cli.domain.prep import brief_lines

    for line in brief_lines(brief, terminal_width()):
        say(line)


def terminal_width() -> int:
    """The width to fit lines to: the terminal's, COLUMNS, or 80 in a pipe."""
    import shutil

    return max(40, shutil.get_terminal_size((80, 24)).columns)
