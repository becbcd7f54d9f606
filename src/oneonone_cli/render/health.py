"""The health view (`health [HANDLE]`): a table of everyone and the team, or one person's
figures, then the warnings naming the habit to change; or JSON (keys pinned by
tests/test_health.py)."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import info, print_json, say
from oneonone_cli.render.prep import terminal_width
from oneonone_cli.render.tables import styled, table

HEALTH_KEYS = (
    "person",
    "name",
    "due",
    "on_time",
    "late",
    "overdue_since",
    "cadence_kept",
    "cancels",
    "reschedules",
    "talk_avg",
    "talk_recorded",
    "status_updates",
    "status_recorded",
    "status_share",
    "moods",
    "mood_sparkline",
    "prompts_used",
    "prompts_bank",
    "prompt_coverage",
    "asked",
    "days_since",
    "open_follow_ups",
    "old_follow_ups",
    "warnings",
)
WARN = "⚠ "
# Which column of the team table a warning's code marks (a prompt-balance warning marks
# none: the Prompts column is the bank's coverage, not the balance).
MARKS = {
    "cadence": "On time",
    "cancels": "Cancels",
    "talk": "Talk",
    "status": "Status",
    "mood": "Mood",
    "follow-ups": "Old f-ups",
}


def _share(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def health_json(h: Any, today: date) -> dict:
    from oneonone_cli.render.output import as_dict

    c = h.cadence
    data = {
        "person": h.person,
        "name": h.name,
        "due": c.due,
        "on_time": c.on_time,
        "late": list(c.late),
        "overdue_since": c.overdue_since,
        "cadence_kept": _share(c.kept),
        "cancels": c.cancels,
        "reschedules": c.reschedules,
        "talk_avg": None if h.talk_avg is None else round(h.talk_avg, 1),
        "talk_recorded": len(h.talk),
        "status_updates": h.status_updates,
        "status_recorded": len(h.status_flags),
        "status_share": _share(h.status_share),
        "moods": list(h.moods),
        "mood_sparkline": h.mood_sparkline,
        "prompts_used": h.prompts_used,
        "prompts_bank": h.prompts_bank,
        "prompt_coverage": _share(h.coverage),
        "asked": dict(h.asked),
        "days_since": {
            kind: None if day is None else (today - day).days for kind, day in h.last_note.items()
        },
        "open_follow_ups": h.open_follow_ups,
        "old_follow_ups": [f.id for f in h.old_follow_ups],
        "warnings": [{"code": w.code, "text": w.text} for w in h.warnings],
    }
    return as_dict(data)


def health_view(report: Any, today: date, as_json: bool) -> None:
    rows = [*report.rows, *([report.team] if report.team is not None and report.rows else [])]
    if as_json:
        return print_json([health_json(h, today) for h in rows])
    if not report.rows:
        return info(messages.HEALTH_NO_ONE)
    if report.team is None:
        _person_view(report, today)
    else:
        _team_view(report)
    if report.team is None:
        warned = [(h.person, w.text) for h in rows for w in h.warnings]
    else:  # the team's own warnings, then each habit once with the people it concerns
        warned = [(report.team.name, w.text) for w in report.team.warnings]
        warned += _habits(report.rows)
    width = terminal_width()
    for who, text in warned:
        line = messages.HEALTH_WARNING_LINE.format(who=who, text=text) if who else text
        for part in textwrap.wrap(line, width, subsequent_indent="  ", break_on_hyphens=False):
            say(part)
    if not warned:
        say(messages.HEALTH_NO_WARNINGS)
    elif report.team is not None and any(h.warnings for h in report.rows):
        say(messages.HEALTH_HABIT_DETAIL)


def _habits(rows: Any) -> list[tuple[None, str]]:
    """One line per habit to change, naming the people it concerns (the first PEOPLE_SHOWN,
    then how many more): a team of hundreds gets a handful of lines, not one per person."""
    from oneonone_cli.domain import health as H

    habits = {
        "cadence": messages.HEALTH_HABIT_CADENCE.format(least=f"{H.CADENCE_KEPT_MIN:.0%}"),
        "cancels": messages.HEALTH_HABIT_CANCELS,
        "talk": messages.HEALTH_HABIT_TALK.format(limit=H.TALK_LIMIT),
        "status": messages.HEALTH_HABIT_STATUS.format(limit=f"{H.STATUS_SHARE_LIMIT:.0%}"),
        "mood": messages.HEALTH_HABIT_MOOD.format(drop=H.MOOD_DROP),
        "prompts": messages.HEALTH_HABIT_PROMPTS,
        "feedback": messages.HEALTH_HABIT_FEEDBACK.format(limit=H.FEEDBACK_GAP_DAYS),
        "follow-ups": messages.HEALTH_HABIT_FOLLOW_UPS.format(cadences=H.FOLLOW_UP_CADENCES),
    }
    who: dict[str, list[str]] = {}
    for h in rows:
        for w in h.warnings:
            if h.person not in who.setdefault(w.code, []):
                who[w.code].append(h.person)
    lines = []
    for code, people in who.items():
        more = len(people) - PEOPLE_SHOWN
        names = ", ".join(people[:PEOPLE_SHOWN]) + (f" +{more}" if more > 0 else "")
        habit = messages.HEALTH_HABIT_LINE.format(habit=habits.get(code, code), people=names)
        lines.append((None, habit))
    return lines


PEOPLE_SHOWN = 8  # people named on a habit's line of the team's report, then "+N"


def _caption() -> str:
    from oneonone_cli.domain.health import FOLLOW_UP_CADENCES, ON_TIME_GRACE_DAYS

    return messages.HEALTH_CAPTION.format(grace=ON_TIME_GRACE_DAYS, cadences=FOLLOW_UP_CADENCES)


def _team_view(report: Any) -> None:
    from oneonone_cli.render.text import count

    columns = ["Person", "On time", "Cancels", "Moves", "Talk", "Status", "Mood", "Prompts"]
    columns.append("Old f-ups")

    def row(h: Any) -> list:
        c = h.cadence
        cells = [
            h.person or h.name,
            f"{c.on_time}/{c.due}" if c.due else "-",
            str(c.cancels),
            str(c.reschedules),
            _pct(h.talk_avg / 100) if h.talk else "-",
            f"{h.status_updates}/{len(h.status_flags)}" if h.status_flags else "-",
            h.mood_sparkline or "-",
            _pct(h.coverage) if h.prompts_bank else "-",
            str(len(h.old_follow_ups)),
        ]
        if not h.warnings:  # most people (hundreds of rows): nothing to mark
            return cells
        marked = {MARKS[w.code] for w in h.warnings if w.code in MARKS}
        return [
            styled(WARN + value, "bold red") if name in marked else value
            for name, value in zip(columns, cells, strict=True)
        ]

    people = count(len(report.rows), "person", "people")
    table(
        messages.HEALTH_TITLE_TEAM.format(since=report.since, people=people),
        columns,
        [*(row(h) for h in report.rows), row(report.team)],
        caption=_caption(),
        drop=("Moves", "Prompts"),
    )


def _person_view(report: Any, today: date) -> None:
    person, h = report.people[0], report.rows[0]
    c = h.cadence
    marked = {w.code for w in h.warnings}
    none = messages.HEALTH_NOT_RECORDED

    def last(kind: str) -> str:
        day = h.last_note.get(kind)
        if day is None:
            return f"none since {report.lookback}"
        return f"{(today - day).days}d ago ({day})"

    rows = [
        (
            "cadence",
            "Cadence kept",
            f"{c.on_time} of {c.due} on time ({_pct(c.kept)})" if c.due else "no 1:1 due yet",
        ),
        ("cancels", "Cancels / moves", f"{c.cancels} / {c.reschedules}"),
        (
            "talk",
            "Your talk share",
            f"{_pct(h.talk_avg / 100)} avg of {len(h.talk)}" if h.talk else none,
        ),
        (
            "status",
            "Status updates",
            f"{h.status_updates} of {len(h.status_flags)} ({_pct(h.status_share)})"
            if h.status_flags
            else none,
        ),
        (
            "mood",
            "Mood (of 5)",
            f"{h.mood_sparkline} {' '.join('-' if m is None else str(m) for m in h.moods)}"
            if h.moods
            else none,
        ),
        (
            "prompts",
            "Prompts used",
            f"{h.prompts_used} of {h.prompts_bank} ({_pct(h.coverage)})" if h.prompts_bank else "-",
        ),
        (
            "prompts",
            "Prompts asked",
            f"{h.asked.get('morale', 0)} morale, {h.asked.get('roadblock', 0)} roadblock",
        ),
        ("", "Last roadblock", last("roadblock")),
        ("", "Last morale", last("morale")),
        ("feedback", "Last feedback", last("feedback")),
        (
            "follow-ups",
            "Follow-ups",
            f"{h.open_follow_ups} open, {len(h.old_follow_ups)} old",
        ),
    ]
    table(
        messages.HEALTH_TITLE_PERSON.format(
            name=person.name, handle=person.handle, every=person.every, since=report.since
        ),
        ["Measure", "Value"],
        [
            [label, styled(WARN + value, "bold red") if code in marked else value]
            for code, label, value in rows
        ],
        caption=_caption(),
    )


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{round(share * 100)}%"
