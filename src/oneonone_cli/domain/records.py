"""Small frozen records passed between the store, the domain and the renderer.

Every record is a NamedTuple, one shape everywhere: immutable and hashable like a frozen
dataclass, and far cheaper to define, which every run pays at import (~0.1 ms each, against
~0.6 ms for a frozen dataclass). A record is changed with `record._replace(...)`; the renderer
reads any of them with `_asdict()`.

No `from __future__ import annotations` here: with it, NamedTuple turns each field's annotation
string into a ForwardRef, compiling it, which doubled this module's import time (~4 ms of every
run). A forward reference is written in quotes instead.
"""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError, shown


class Cadence(NamedTuple):
    """How often to meet: an amount of days, weeks or calendar months."""

    amount: int
    unit: str  # "d", "w" or "m"

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"

    def after(self, day: date) -> date:
        """The date one cadence after `day`; months are calendar months, clamped at month end."""
        from oneonone_cli.domain.dates import span_delta  # dates imports this module

        return day + span_delta(self.amount, self.unit)

    @property
    def approx_days(self) -> int:
        return self.amount * {"d": 1, "w": 7, "m": 30}[self.unit]


KINDS = ("roadblock", "morale")  # the kinds theme reports read: never feedback
FEEDBACK = "feedback"  # feedback given: a note of its own kind, shown but never a theme
NOTE_KINDS = (*KINDS, FEEDBACK)  # every kind a note can have
HELD, CANCELLED, RESCHEDULED = "held", "cancelled", "rescheduled"

# Each relationship: which prompt bank suits it, and how often to meet by default.
# Direct reports and skip-levels get the reports bank; everyone else the lighter non-reports one.
RELATIONSHIPS: dict[str, tuple[str, Cadence]] = {
    "report": ("reports", Cadence(1, "w")),
    "skip-level": ("reports", Cadence(1, "m")),
    "teammate": ("non-reports", Cadence(2, "w")),
    "peer": ("non-reports", Cadence(1, "m")),
    "cross-team": ("non-reports", Cadence(6, "w")),
}
AUDIENCES = ("reports", "non-reports", "all")

_HANDLE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


# Words a handle cannot be: the commands, and the subcommands `prompts` takes in a handle's
# place (`prompts add` adds a prompt; `prompts show HANDLE` reaches any handle all the same).
RESERVED_HANDLES = frozenset(
    (
        "add log due themes prompts show search people edit archive cancel reschedule demo backup "
        "encrypt export import retire unretire all help todo week db config completion "
        "note meeting rename trash prep health calendar restore"
    ).split()
)  # every command of cli/main.py's COMMANDS is here (tests/test_records.py holds it)


def check_handle(handle: str) -> str:
    """The handle as stored: handles are matched case-insensitively (`show Alice` is alice)."""
    normal = handle.lower() if handle.isascii() else handle  # no Kelvin sign read as "k"
    if not _HANDLE.fullmatch(normal):
        raise OneOnOneError(messages.INVALID_HANDLE.format(handle=shown(handle)))
    return normal


def one_of(value: str, allowed: tuple[str, ...] | dict, what: str) -> str:
    """`value` when it is one of `allowed`; otherwise an error listing the choices."""
    if value not in allowed:
        raise OneOnOneError(
            messages.UNKNOWN_CHOICE.format(what=what, value=value, allowed=", ".join(allowed))
        )
    return value


def check_relationship(relationship: str) -> str:
    return one_of(relationship, RELATIONSHIPS, "relationship")


def check_kind(kind: str, *, allow_all: bool = False) -> str:
    return one_of(kind, (*KINDS, "all") if allow_all else KINDS, "kind")


def check_audience(audience: str) -> str:
    return one_of(audience, AUDIENCES, "audience")


def default_cadence(relationship: str) -> Cadence:
    return RELATIONSHIPS[relationship][1]


def audience_of(relationship: str) -> str:
    return RELATIONSHIPS[relationship][0]


class Person(NamedTuple):
    handle: str
    name: str
    relationship: str
    every: Cadence
    added: date
    archived: date | None = None

    @classmethod
    def new(
        cls, handle: str, *, name: str | None, relationship: str, every: str | None, today: date
    ) -> "Person":
        from oneonone_cli.domain.dates import parse_cadence  # dates imports this module

        handle = check_handle(handle)
        if handle in RESERVED_HANDLES:
            raise OneOnOneError(messages.HANDLE_IS_COMMAND_WORD.format(handle=handle))
        check_relationship(relationship)
        name = check_name(name) if name is not None else handle
        cadence = parse_cadence(every) if every is not None else default_cadence(relationship)
        return cls(handle, name, relationship, cadence, today)


class NoteDraft(NamedTuple):
    """A note before it is stored."""

    kind: str
    text: str

    def tags(self) -> tuple[str, ...]:
        """The #tags written in the text, stored with the note (the rule: `extract_tags`)."""
        from oneonone_cli.domain.tags import extract_tags

        return extract_tags(self.text)


class ParsedNotes(NamedTuple):
    """The notes and prompt IDs read from what was typed, in order."""

    notes: tuple[NoteDraft, ...] = ()
    asked: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()  # `todo:` lines and -T: follow-ups agreed in the 1:1

    @property
    def empty(self) -> bool:
        return not self.notes and not self.asked and not self.follow_ups


class Signals(NamedTuple):
    """How a 1:1 went, each None when not recorded: their mood as the manager saw it (1 to 5),
    the share of the time the manager talked (0 to 100), whether it turned into a status
    update."""

    mood: int | None = None
    talk: int | None = None
    status_update: bool | None = None


class FollowUp(NamedTuple):
    """Something agreed to do: open until `done` (a date)."""

    id: int
    person: str
    meeting_id: int | None  # the 1:1 it was agreed in; None for one added outside a 1:1
    text: str
    added: date
    done: date | None = None

    def age(self, today: date) -> int:
        """Days since it was added (0 on the day)."""
        return max((today - self.added).days, 0)


class Note(NamedTuple):
    id: int
    meeting_id: int
    person: str
    on: date
    kind: str
    text: str
    tags: tuple[str, ...]


class Meeting(NamedTuple):
    id: int
    person: str
    on: date
    status: str  # held | cancelled | rescheduled
    reason: str | None = None
    moved_to: date | None = None
    notes: tuple[Note, ...] = ()
    asked: tuple[str, ...] = ()
    signals: Signals = Signals()
    follow_ups: tuple[FollowUp, ...] = ()  # agreed in this 1:1


class TrashItem(NamedTuple):
    """A removed note or 1:1, kept in the trash until it is restored or the trash emptied."""

    id: int
    what: str  # note | meeting (a 1:1 of any status)
    item_id: int  # the note's or the 1:1's own ID
    person: str
    on: date  # the note's or the 1:1's date
    removed: date
    summary: str  # a note's kind and text; a 1:1's status and how many notes went with it


class Prompt(NamedTuple):
    id: str
    kind: str
    audience: str  # reports | non-reports | all
    text: str
    topic: str = ""
    builtin: bool = True
    retired: bool = False
    source: str = ""  # the imported question bank it came from (`prompts import`), else ""

    def suits(self, audience: str) -> bool:
        return self.audience in ("all", audience)


class PromptRow(NamedTuple):
    id: str
    kind: str
    text: str
    last_asked: date | None  # last time anyone on the team was asked it
    asked_them: date | None  # last time this person was asked it


class PromptCount(NamedTuple):
    person: str
    name: str
    relationship: str
    morale: int
    roadblock: int


# Cancels in the window (domain/cadence.py) from which `due` flags the person: repeated cancels
# are a warning sign.
CANCEL_WARNING = 2


class DueRow(NamedTuple):
    """One person's line of the `due` report."""

    person: str
    name: str
    relationship: str
    every: str
    last: date | None
    due: date
    days_overdue: int
    cancelled_90d: int

    @property
    def warning(self) -> bool:
        return self.cancelled_90d >= CANCEL_WARNING


class MeetingFacts(NamedTuple):
    """What the cadence logic needs to know about one person's meetings."""

    last_held: date | None
    rescheduled_to: date | None  # the latest reschedule recorded after the last held 1:1
    cancels: tuple[date, ...] = ()


MAX_NAME_CHARS = 200


def check_name(name: str) -> str:
    """A person's full name: one line of visible text, trimmed."""
    if any(c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" for c in name):
        raise OneOnOneError(messages.NAME_LINE_BREAK)
    clean = " ".join(name.split())  # tabs, no-break spaces: one plain space
    if not any(c.isprintable() and not c.isspace() for c in clean):
        raise OneOnOneError(messages.NAME_EMPTY)
    if not clean.isprintable():
        raise OneOnOneError(messages.NAME_INVISIBLE)
    if len(clean) > MAX_NAME_CHARS:
        raise OneOnOneError(
            messages.NAME_TOO_LONG.format(length=len(clean), max_name_chars=MAX_NAME_CHARS)
        )
    return clean


def check_reason(reason: str | None) -> str | None:
    """A cancel's or reschedule's --reason: text, or left out."""
    if reason is not None and not reason.strip():
        raise OneOnOneError(messages.REASON_EMPTY)
    return reason


def check_changes(name: str | None, relationship: str | None, every: str | None) -> None:
    """`edit`'s options: at least one, none of them empty."""
    from oneonone_cli.errors import usage_error

    if name is None and relationship is None and every is None:
        raise usage_error(messages.NOTHING_TO_CHANGE)
    for option, value in (("--name", name), ("--as", relationship), ("--every", every)):
        if value is not None and not value.strip():
            raise OneOnOneError(messages.OPTION_EMPTY.format(option=option))


# ----------------------------------------------------------------------------- theme roll-up rows
# What the store keeps and reads back of each note's theme analysis (store/rollup.py), and the
# tallies it sums; the theme service turns the rows into the theme engine's signatures.


class Window(NamedTuple):
    """The notes a report reads: from `since` to `until` (both included), of one kind (None:
    both) and one person (None: everyone)."""

    since: date
    until: date
    kind: str | None = None
    person: str | None = None


class ThemeTally(NamedTuple):
    """One theme's notes in a window, summed (in SQL from the roll-up, or by grouping's
    `tally`)."""

    key: str
    note_ids: tuple[int, ...]  # by date, then id
    days: tuple[tuple[date, int], ...]  # (day, notes that day), by day
    people: tuple[str, ...]  # sorted
    meetings: int  # different meetings the notes were written in
    terms: Mapping[str, int]  # matched term -> notes it matched in


class RollupRow(NamedTuple):
    """One note's kept analysis: its theme (None: no lexicon theme), matched terms and phrases."""

    note_id: int
    kind: str
    theme: str | None
    on: date
    person: str
    meeting_id: int
    terms: tuple[str, ...]
    phrases: tuple[str, ...]


class UserTheme(NamedTuple):
    """A theme of the manager's own with a display name (`themes keep`, `themes alias --new`):
    `kept_from` is the found theme's key it was kept from, None for one made from a key."""

    key: str
    name: str
    kept_from: str | None
    added: date


class NoteText(NamedTuple):
    """A note not analysed yet under the current lexicon: what the analysis reads."""

    id: int
    text: str
    tags: tuple[str, ...]
    kind: str
    on: date
    person: str
    meeting_id: int


# ----------------------------------------------------------------------------- export and import
# The tables a journal is exported and imported as (services/export.py, services/importing.py),
# each with its columns in the order the store reads and writes them. Not the derived caches
# (note_themes, notes_fts), nor meta.
EXCHANGE_TABLES: dict[str, tuple[str, ...]] = {
    "people": ("handle", "name", "relationship", "every", "added", "archived"),
    # Imported question banks' credit and licence (m009), before the prompts naming them.
    "prompt_sources": ("key", "title", "attribution", "licence", "file", "added"),
    "prompts": ("id", "kind", "audience", "text", "topic", "source"),
    "retired_prompts": ("id", "retired"),
    "lexicon_terms": ("theme", "term"),
    "lexicon_aliases": ("tag", "theme"),
    "user_themes": ("key", "name", "kept_from", "added"),
    "dismissed_themes": ("key", "dismissed"),
    "meetings": (
        "id",
        "person",
        "date",
        "status",
        "reason",
        "moved_to",
        "mood",
        "talk",
        "status_update",
    ),
    "prompt_uses": ("meeting_id", "person", "prompt_id", "date"),
    "notes": ("id", "meeting_id", "person", "date", "kind", "text", "tags"),
    "follow_ups": ("id", "person", "meeting_id", "text", "added", "done"),
}


class ExportScope(NamedTuple):
    """What an export reads: one person's records (None: everyone's), from a day on (None: all)."""

    person: str | None = None
    since: date | None = None


# ----------------------------------------------------------------------- prep and health (15)
# What the store reads for `prep` and `health` (store/brief.py): the 1:1s with their signals
# (schema m006), open follow-ups, prompt uses. The reports built from them live in
# domain/health.py and domain/prep.py.


class MeetingSignals(NamedTuple):
    """One 1:1 (held, cancelled or moved) and how it went; None where nothing was recorded."""

    id: int
    person: str
    on: date
    status: str
    moved_to: date | None = None
    mood: int | None = None  # 1..5, as the manager saw it
    talk: int | None = None  # 0..100, share of the time the manager talked
    status_update: bool | None = None  # the 1:1 turned into a status update


class PromptsAsked(NamedTuple):
    """The prompts asked of one person (store/brief.py, for the team's `health`): each prompt
    ever asked of them, and the ones asked in a window, an id each time it was asked."""

    person: str
    ever: frozenset[str]
    in_window: tuple[str, ...]


class PromptUse(NamedTuple):
    meeting_id: int
    person: str
    prompt_id: str
    on: date


class PromptSource(NamedTuple):
    """A question bank imported from a file (`prompts import`) and how it is credited."""

    key: str  # short name shown beside its prompts: 1on1-questions
    title: str
    attribution: str  # one line: author, licence, where it comes from
    licence: str | None  # the licence's full text, when the file came with one
    file: str  # the file name it was first imported from
    added: date


class ImportedBank(NamedTuple):
    """A question bank read from a file: its source and its prompts (kind, audience, text and
    topic set, IDs not yet given), each question once."""

    source: PromptSource
    prompts: tuple[Prompt, ...]


class ImportResult(NamedTuple):
    """What `prompts import` did: the prompts added (by kind) and those already in the bank."""

    source: PromptSource
    added: tuple[Prompt, ...]
    already: int


class CalendarEvent(NamedTuple):
    """One person's recurring 1:1 in the calendar file (`calendar`): no notes, ever."""

    uid: str
    handle: str
    name: str
    relationship: str
    every: Cadence
    start: date  # the first occurrence: the next due date, or today when overdue
    rule: dict  # the RRULE, as icalendar's {part: value}


class PageRow(NamedTuple):
    """One person's line of the printable page's cadence table: health's cadence figures
    (domain/health.py CadenceKept, the same as `health` shows) and when the next 1:1 is due."""

    person: str
    name: str
    relationship: str
    every: str
    cadence: Any  # domain.health.CadenceKept over the page's window
    last: date | None
    due: date | None  # None: archived, due no more
    days_overdue: int


class FollowUpLine(NamedTuple):
    id: int
    person: str
    text: str
    added: date
    done: date | None


class HtmlPage(NamedTuple):
    """What the printable page shows: one person (`person` set) or the team, over a window."""

    title: str
    person: str | None
    since: date
    today: date
    cadence: tuple[PageRow, ...]
    team: Any  # domain.health.CadenceKept of everyone on a team page; None for a person
    roadblocks: tuple  # themes.report.ThemeRow: the roadblock themes raised
    morale: tuple  # and the morale themes
    # A person: (day, mood) of each 1:1; the team: (middle of the week, mean or None: no mood
    # that week, a gap) of each week, as `health` computes them (domain/health.py).
    moods: tuple[tuple[date, float | None], ...]
    moods_recorded: int  # moods recorded in the window
    follow_ups: tuple[FollowUpLine, ...]  # open ones, and those done in the window
