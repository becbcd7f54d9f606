"""The week's digest (`week`): by person, what they raised, the follow-ups added and how the
1:1s went; then the recurring themes with a new mention. A table, or JSON (keys pinned by
tests/test_week.py)."""

from __future__ import annotations

from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.history import signals_text
from oneonone_cli.render.output import info, print_json
from oneonone_cli.render.tables import table

WEEK_KEYS = ("since", "until", "people", "themes")
PERSON_KEYS = ("person", "notes", "follow_ups", "meetings")
THEME_KEYS = ("theme", "key", "new", "mentions", "people", "trend")


def week_json(w: Any) -> dict:
    return {
        "since": w.since.isoformat(),
        "until": w.until.isoformat(),
        "people": [
            {
                "person": p.person,
                "notes": [
                    {"id": n.id, "date": n.on.isoformat(), "kind": n.kind, "text": n.text}
                    for n in p.notes
                ],
                "follow_ups": [
                    {
                        "id": f.id,
                        "added": f.added.isoformat(),
                        "text": f.text,
                        "done": f.done and f.done.isoformat(),
                    }
                    for f in p.follow_ups
                ],
                "meetings": [
                    {
                        "date": day.isoformat(),
                        "mood": sig.mood,
                        "talk": sig.talk,
                        "status_update": sig.status_update,
                    }
                    for day, sig in p.meetings
                ],
            }
            for p in w.people
        ],
        "themes": [
            {
                "theme": t.theme,
                "key": t.key,
                "new": t.new,
                "mentions": t.mentions,
                "people": list(t.people),
                "trend": t.trend,
            }
            for t in w.themes
        ],
    }


def week_view(w: Any, as_json: bool) -> None:
    if as_json:
        return print_json(week_json(w))
    if not w.people:
        return info(messages.WEEK_NOTHING.format(since=w.since, until=w.until))
    from oneonone_cli.render.history import follow_up_text

    rows = []
    for p in w.people:
        # Each person's week in the order it happened: a 1:1, its notes, its follow-ups.
        meetings = [
            (day, 0, n, "1:1", messages.SHOW_JOIN.join(signals_text(sig)))
            for n, (day, sig) in enumerate(p.meetings)
        ]
        notes = [(n.on, 1, n.id, n.kind, n.text) for n in p.notes]
        todos = [(f.added, 2, f.id, "todo", follow_up_text(f)) for f in p.follow_ups]
        items = sorted([*meetings, *notes, *todos])
        last = None
        for i, (day, _, _, kind, text) in enumerate(items):
            # A day is written once: the lines under it are that day's.
            rows.append([p.person if i == 0 else "", day if day != last else "", kind, text])
            last = day
    table(
        messages.WEEK_TITLE.format(since=w.since, until=w.until),
        ["Who", "Date", "Kind", "Text"],
        rows,
        give_way=("Date",),
    )
    if w.themes:
        table(
            messages.WEEK_THEMES_TITLE,
            ["Theme", "This week", "30 days", "Trend", "Raised by"],
            [[t.theme, t.new, t.mentions, t.trend, ", ".join(t.people)] for t in w.themes],
            drop=("Trend", "30 days"),
        )
