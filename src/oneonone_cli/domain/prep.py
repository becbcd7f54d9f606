"""The 1:1 brief (`prep HANDLE`, and the editor template of `log`): what to read two minutes
before a 1:1, the prompts it suggests, and its lines of text. Pure: everything is passed in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from oneonone_cli import messages
from oneonone_cli.domain.health import CadenceKept
from oneonone_cli.domain.noteinput import one_line
from oneonone_cli.domain.records import KINDS, NOTE_KINDS, FollowUp, Note, Person, PromptRow

BRIEF_PROMPTS = 3  # prompts a brief suggests: one 1:1 rarely has room for more
RECENT_SHOWN = 3  # latest notes of each kind a brief quotes
FOLLOW_UPS_SHOWN = 5  # open follow-ups a brief lists (oldest first), then how many more
THEMES_SHOWN = 4  # recurring themes of theirs a brief names
OTHERS_SHOWN = 3  # others raising a theme named, then "+N"
PROMPT_LOOKBACK = 3  # held 1:1s whose prompts decide which kind this one leans to
ID_WIDTH = 22  # a prompt ID's column in the brief, as the editor template has always had


class BriefTheme(NamedTuple):
    """A recurring roadblock theme of the team's that some of their notes belong to."""

    key: str
    name: str
    note_ids: tuple[int, ...]  # theirs in the window
    others: tuple[str, ...]  # the other people who raised it in the window, sorted


class Brief(NamedTuple):
    person: Person
    today: date
    since: date  # the window of the cadence figures, the mood and the themes
    last_held: date | None
    due: date
    cadence: CadenceKept
    follow_ups: tuple[FollowUp, ...]  # open, oldest first
    recent: Mapping[str, tuple[Note, ...]]  # kind -> latest notes, newest first
    themes: tuple[BriefTheme, ...]
    moods: tuple[tuple[date, int], ...]  # (day, mood) of the latest 1:1s with one, oldest first
    mood_sparkline: str
    prompts: tuple[PromptRow, ...]
    asked_last_time: tuple[str, ...]  # prompt IDs asked in their last held 1:1

    @property
    def days_overdue(self) -> int:
        return (self.today - self.due).days


def choose_prompts(
    candidates: Sequence[PromptRow],
    topics: Mapping[str, str],
    last_time: Sequence[str],
    recent_kinds: Mapping[str, int],
    rotation: int,
    count: int = BRIEF_PROMPTS,
) -> list[PromptRow]:
    """`count` prompts for their next 1:1, from `candidates` in prompts_for's order (never
    asked of them first, least used across the team first; then the ones asked of them
    longest ago, for when the bank is used up), never one asked last time:
    - balanced: the kind asked less in their recent 1:1s (`recent_kinds`) gets the larger half
      (a tie: `rotation`, the 1:1s on record, alternates it), the other kind the rest;
    - unused before used, then no topic asked last time nor twice in the brief: a prompt never
      asked of them on such a topic still comes before one they were asked."""
    avoid = {topics.get(pid, "") for pid in last_time} - {""}
    asked_last = set(last_time)
    morale, roadblock = recent_kinds.get("morale", 0), recent_kinds.get("roadblock", 0)
    if morale != roadblock:
        lean = "morale" if morale < roadblock else "roadblock"
    else:
        lean = KINDS[rotation % 2]
    other = next(k for k in KINDS if k != lean)
    pool = [r for r in candidates if r.id not in asked_last]
    chosen: list[PromptRow] = []
    used_topics: set[str] = set()

    def rank(item: tuple[int, PromptRow]) -> tuple[bool, bool, int]:
        n, row = item
        topic = topics.get(row.id, "")
        stale = bool(topic) and (topic in avoid or topic in used_topics)
        return row.asked_them is not None, stale, n

    for n in range(count):
        kind = lean if n % 2 == 0 else other
        left = [(i, r) for i, r in enumerate(pool) if r.kind == kind and r not in chosen]
        if not left:  # one kind ran out: the other fills in
            left = [(i, r) for i, r in enumerate(pool) if r not in chosen]
        if not left:
            break
        _, pick = min(left, key=rank)
        chosen.append(pick)
        used_topics.add(topics.get(pick.id, ""))
    return chosen


# ------------------------------------------------------------------------------- its lines


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Words in lines of at most `width` characters (a longer word stands alone), each after
    the first starting with `indent`."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append((indent if lines else "") + word)
    return lines or [""]


def _dated(day: date, text: str, width: int) -> list[str]:
    return _wrap(f"  {day.isoformat()}  {one_line(text)}", width, " " * 14)


def brief_lines(brief: Brief, width: int = 80) -> list[str]:
    """The brief as lines of plain text of at most `width` characters where words allow: what
    `prep` prints and what the editor template of `log` shows as comments. Every text from the
    journal is made one line first (noteinput.one_line), so no line can be read as typed."""
    p, c = brief.person, brief.cadence
    lines = _wrap(
        messages.BRIEF_TITLE.format(
            name=one_line(p.name),
            handle=p.handle,
            relationship=p.relationship,
            every=p.every,
            today=brief.today,
        ),
        width,
    )
    if brief.last_held is None:
        last = messages.BRIEF_NEVER_MET
    else:
        last = messages.BRIEF_LAST.format(
            last=brief.last_held, ago=(brief.today - brief.last_held).days
        )
    days = brief.days_overdue
    due = (
        messages.BRIEF_DUE_OVERDUE.format(due=brief.due, days=days)
        if days > 0
        else messages.BRIEF_DUE_TODAY.format(due=brief.due)
        if days == 0
        else messages.BRIEF_DUE_IN.format(due=brief.due, days=-days)
    )
    lines += _wrap(last + "; " + due, width)
    lines += _wrap(
        messages.BRIEF_CADENCE.format(
            since=brief.since,
            on_time=c.on_time,
            due=c.due,
            cancels=_count(c.cancels, "cancel"),
            reschedules=_count(c.reschedules, "reschedule"),
        ),
        width,
    )
    if brief.moods:
        values = " ".join(str(m) for _, m in brief.moods)
        lines += _wrap(
            messages.BRIEF_MOOD.format(
                n=len(brief.moods), sparkline=brief.mood_sparkline, values=values
            ),
            width,
        )
    else:
        lines.append(messages.BRIEF_NO_MOOD)
    lines.append("")
    if brief.follow_ups:
        lines.append(messages.BRIEF_FOLLOW_UPS.format(n=len(brief.follow_ups)))
        for f in brief.follow_ups[:FOLLOW_UPS_SHOWN]:
            lines += _dated(f.added, f.text, width)
        if len(brief.follow_ups) > FOLLOW_UPS_SHOWN:
            lines.append(messages.BRIEF_MORE.format(n=len(brief.follow_ups) - FOLLOW_UPS_SHOWN))
    else:
        lines.append(messages.BRIEF_NO_FOLLOW_UPS)
    for kind in NOTE_KINDS:
        notes = brief.recent.get(kind, ())
        if notes:
            lines.append(messages.BRIEF_RECENT.format(kind=kind))
            for note in notes:
                lines += _dated(note.on, note.text, width)
        else:
            lines.append(messages.BRIEF_NO_RECENT.format(kind=kind))
    if brief.themes:
        lines.append(messages.BRIEF_THEMES.format(since=brief.since))
        for t in brief.themes[:THEMES_SHOWN]:
            others = (
                messages.BRIEF_THEME_OTHERS.format(
                    n=len(t.others), people=_names(t.others, OTHERS_SHOWN)
                )
                if t.others
                else messages.BRIEF_THEME_ONLY_THEM
            )
            theirs = _count(len(t.note_ids), "note")
            lines += _wrap(f"  {one_line(t.name)}: {theirs} of theirs; {others}", width, " " * 4)
    if brief.prompts:
        lines.append(messages.BRIEF_PROMPTS)
        for row in brief.prompts:
            text = _wrap(one_line(row.text), max(20, width - ID_WIDTH - 3))
            lines.append(f"  {one_line(row.id):<{ID_WIDTH}} {text[0]}")
            lines += [f"  {'':<{ID_WIDTH}} {more}" for more in text[1:]]
    return [part for line in lines for part in _fit(line, width)]


def _fit(line: str, width: int) -> list[str]:
    """A line wrapped to `width` (a heading, a long name): its indent kept on every part."""
    if len(line) <= width:
        return [line]
    words = line.lstrip(" ")
    indent = line[: len(line) - len(words)]
    return [indent + part for part in _wrap(words, max(1, width - len(indent)))]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _names(people: Sequence[str], shown: int) -> str:
    more = len(people) - shown
    return ", ".join(people[:shown]) + (f" +{more}" if more > 0 else "")
