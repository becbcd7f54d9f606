"""The health of a manager's 1:1 habits, per person and for the team: figures and the warnings
that name the habit to change. Pure: the records, `today` and the window are passed in.

The habits (the essay behind issue 15): let the report drive and talk less than them, keep 1:1s
off status updates, keep the cadence predictable (reschedule rather than cancel), give timely
feedback privately, soon after the event, and close what you agreed to follow up.

A 1:1 is **on time** when it is held no later than ON_TIME_GRACE_DAYS after its due date. Its
due date is the one `due` shows the day before it (domain/cadence.py's rule): the last held 1:1
before it plus the cadence, or, when a reschedule was recorded since that one, the date the
latest reschedule moved it to; for someone's first 1:1 ever, the day they were added plus one
cadence (no cadence runs before a first 1:1). The 1:1s due in the window are the ones held in
it (from `since` to `today`, both included), plus the next one when it is overdue today by more
than the grace (a 1:1 that has not happened is late too): "cadence kept" is the share of those
held on time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from oneonone_cli import messages
from oneonone_cli.domain.records import (
    CANCEL_WARNING,
    CANCELLED,
    FEEDBACK,
    HELD,
    KINDS,
    NOTE_KINDS,
    RESCHEDULED,
    FollowUp,
    MeetingSignals,
    Person,
    Prompt,
    PromptsAsked,
    audience_of,
)

# ---------------------------------------------------------------- thresholds, each with its why
DEFAULT_WINDOW = "90d"  # a quarter: enough 1:1s at any cadence up to monthly to see a habit
ON_TIME_GRACE_DAYS = 1  # a 1:1 a day after its slot (the usual day moved once) keeps the rhythm
CADENCE_KEPT_MIN = 0.75  # below three in four on time, the report can no longer count on it
CADENCE_FROM = 2  # 1:1s due before the share is judged: one late 1:1 is not a habit
CANCELS_FROM = CANCEL_WARNING  # as `due` flags: repeated cancels, and more than reschedules
TALK_LIMIT = 50  # % of the time: above half, the manager drives the 1:1, not the report
STATUS_SHARE_LIMIT = 0.25  # more than one 1:1 in four spent on status: it belongs elsewhere
MOOD_DROP = 1.0  # points (of 5) the last two moods fell below the ones before: ask why, soon
MOOD_FROM = 3  # moods recorded before a fall is judged: two points are no trend
MOOD_SHOWN = 12  # latest moods in a sparkline: three months of weekly 1:1s, fits a column
PROMPT_BALANCE_MIN = (
    0.25  # each kind at least a quarter of the prompts asked: morale and roadblocks
)
PROMPT_BALANCE_FROM = 4  # prompts asked in the window before their balance is judged
FEEDBACK_GAP_DAYS = 30  # a month without feedback to a report: it is no longer soon after events
FOLLOW_UP_CADENCES = 2  # a follow-up still open two 1:1s later has been dropped, not delayed

THRESHOLDS = (
    ("ON_TIME_GRACE_DAYS", ON_TIME_GRACE_DAYS),
    ("CADENCE_KEPT_MIN", CADENCE_KEPT_MIN),
    ("CADENCE_FROM", CADENCE_FROM),
    ("CANCELS_FROM", CANCELS_FROM),
    ("TALK_LIMIT", TALK_LIMIT),
    ("STATUS_SHARE_LIMIT", STATUS_SHARE_LIMIT),
    ("MOOD_DROP", MOOD_DROP),
    ("MOOD_FROM", MOOD_FROM),
    ("PROMPT_BALANCE_MIN", PROMPT_BALANCE_MIN),
    ("PROMPT_BALANCE_FROM", PROMPT_BALANCE_FROM),
    ("FEEDBACK_GAP_DAYS", FEEDBACK_GAP_DAYS),
    ("FOLLOW_UP_CADENCES", FOLLOW_UP_CADENCES),
)


class CadenceKept(NamedTuple):
    """How the cadence went in the window: 1:1s due, held on time, and the late ones."""

    held: int  # 1:1s held in the window
    on_time: int
    late: tuple[date, ...]  # the days the late ones were held
    overdue: int  # 1:1s not held yet and late today (a person's: 0 or 1)
    overdue_since: date | None  # a person's next 1:1's due date, when it is late today
    cancels: int
    reschedules: int

    @property
    def due(self) -> int:
        return self.held + self.overdue

    @property
    def kept(self) -> float | None:
        return self.on_time / self.due if self.due else None


class HabitWarning(NamedTuple):
    code: str  # cadence, cancels, talk, status, mood, prompts, feedback, follow-ups
    text: str


class Health(NamedTuple):
    """One person's figures (or the team's: `person` None) over the window."""

    person: str | None
    name: str
    cadence: CadenceKept
    talk: tuple[int, ...]  # talk shares recorded in the window's held 1:1s, in order
    # one per held 1:1 in the window: flagged as a status update (not recorded: not flagged;
    # nobody types --no-status, so a share of the recorded ones read 1 of 1 as 100%)
    status_flags: tuple[bool, ...]
    moods: tuple[float | None, ...]  # latest MOOD_SHOWN moods (team: weekly means, None: no mood)
    mood_all: tuple[tuple[date, int], ...]  # every (day, mood) recorded in the window
    prompts_used: int  # prompts of the bank suited to them ever asked of them
    prompts_bank: int  # prompts of the bank suited to them (not retired)
    asked: Mapping[str, int]  # kind -> prompts asked in the window
    last_note: Mapping[str, date | None]  # kind -> their latest note of it (None: none seen)
    open_follow_ups: int
    old_follow_ups: tuple[FollowUp, ...]  # open for more than FOLLOW_UP_CADENCES cadences
    warnings: tuple[HabitWarning, ...] = ()
    mood_sparkline: str = ""  # the moods as bars (themes/sparkline.py: mood_sparkline)

    @property
    def talk_avg(self) -> float | None:
        return sum(self.talk) / len(self.talk) if self.talk else None

    @property
    def status_updates(self) -> int:
        return sum(self.status_flags)

    @property
    def status_share(self) -> float | None:
        return self.status_updates / len(self.status_flags) if self.status_flags else None

    @property
    def coverage(self) -> float | None:
        return self.prompts_used / self.prompts_bank if self.prompts_bank else None


# ------------------------------------------------------------------------------ the figures


def due_of_first(person: Person) -> date:
    """A first 1:1's due date: one cadence after the person was added."""
    return _after(person.every, person.added)


def cadence_figures(
    person: Person, meetings: Sequence[MeetingSignals], since: date, today: date
) -> CadenceKept:
    """The on-time rule (see the module's docstring) over one person's 1:1s, given by date and
    id from their last held 1:1 before `since` (or from their first). Run for every 1:1 of a
    team: the due dates are worked out inline (as `_due`), a day or week cadence by adding its
    days."""
    every = person.every
    step = None if every.unit == "m" else timedelta(days=every.approx_days)
    grace = timedelta(days=ON_TIME_GRACE_DAYS)
    last_held: date | None = None
    moved: date | None = None
    held = on_time = cancels = reschedules = 0
    late: list[date] = []
    for _id, _person, on, status, moved_to, _mood, _talk, _flag in meetings:
        if status == HELD:
            if moved is not None:
                due = moved
            elif last_held is None:
                due = due_of_first(person)
            elif step is not None:
                due = last_held + step
            else:
                due = _after(every, last_held)
            if since <= on <= today:
                held += 1
                if on <= due + grace:
                    on_time += 1
                else:
                    late.append(on)
            last_held, moved = on, None
        elif status == RESCHEDULED:
            moved = moved_to
            if since <= on <= today:
                reschedules += 1
        elif status == CANCELLED and since <= on <= today:
            cancels += 1
    due_next = _due(person, last_held, moved)
    overdue = due_next if today > due_next + grace else None
    return CadenceKept(
        held, on_time, tuple(late), int(overdue is not None), overdue, cancels, reschedules
    )


def _due(person: Person, last_held: date | None, moved: date | None) -> date:
    if moved is not None:
        return moved
    if last_held is None:
        return due_of_first(person)
    return _after(person.every, last_held)


def _after(every, day: date) -> date:
    """Cadence.after without its imports and dateutil (slow, for every 1:1 of a team): days
    and weeks are plain days; a month is a calendar month, clamped at the month's end (as
    relativedelta(months=n) does: Jan 31 + 1 month is Feb 28)."""
    if every.unit != "m":
        return day + timedelta(days=every.approx_days)
    months = day.month - 1 + every.amount
    year, month = day.year + months // 12, months % 12 + 1
    return date(year, month, min(day.day, _month_days(year, month)))


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def old_follow_ups(person: Person, open_ones: Iterable[FollowUp], today: date) -> list[FollowUp]:
    """Follow-ups open for more than FOLLOW_UP_CADENCES of the person's cadence: added before
    the day that many cadences before today."""
    return [f for f in open_ones if _cadences_after(person, f.added) < today]


def _cadences_after(person: Person, day: date) -> date:
    for _ in range(FOLLOW_UP_CADENCES):
        day = _after(person.every, day)
    return day


class Bank:
    """The prompt bank as the health figures read it: each prompt's kind, and the prompts
    (not retired) suiting each audience, worked out once for the whole team."""

    def __init__(self, prompts: Iterable[Prompt]) -> None:
        self.prompts = list(prompts)
        self.kinds = {p.id: p.kind for p in self.prompts}
        self._suited: dict[str, frozenset[str]] = {}

    def suited(self, audience: str) -> frozenset[str]:
        if audience not in self._suited:
            self._suited[audience] = frozenset(
                p.id for p in self.prompts if not p.retired and p.suits(audience)
            )
        return self._suited[audience]


def person_health(
    person: Person,
    meetings: Sequence[MeetingSignals],
    *,
    since: date,
    today: date,
    bank: Bank,
    asked: PromptsAsked | None,
    last_note: Mapping[str, date | None],
    follow_ups: Sequence[FollowUp],
) -> Health:
    """One person's figures and warnings. `meetings` as `cadence_figures` takes them; `asked`
    the prompts asked of them (ever, and in the window; None: never any); `follow_ups` their
    open ones."""
    talk: list[int] = []
    flags: list[bool] = []
    moods: list[tuple[date, int]] = []
    known_since = person.added  # the day they were added or first met, whichever is earlier
    for _id, _person, on, status, _moved, mood, talked, flag in meetings:
        if status != HELD:
            continue
        if on < known_since:
            known_since = on
        if since <= on <= today:
            if talked is not None:
                talk.append(talked)
            flags.append(bool(flag))
            if mood is not None:
                moods.append((on, mood))
    suited = bank.suited(audience_of(person.relationship))
    kinds_of = bank.kinds
    by_kind: dict[str, int] = dict.fromkeys(KINDS, 0)
    for prompt_id in asked.in_window if asked is not None else ():
        kind = kinds_of.get(prompt_id)
        if kind in by_kind:
            by_kind[kind] += 1
    figures = Health(
        person=person.handle,
        name=person.name,
        cadence=cadence_figures(person, meetings, since, today),
        talk=tuple(talk),
        status_flags=tuple(flags),
        moods=tuple(mood for _, mood in moods[-MOOD_SHOWN:]),
        mood_all=tuple(moods),
        prompts_used=len(suited.intersection(asked.ever)) if asked is not None else 0,
        prompts_bank=len(suited),
        asked=by_kind,
        last_note={kind: last_note.get(kind) for kind in NOTE_KINDS},
        open_follow_ups=len(follow_ups),
        old_follow_ups=tuple(old_follow_ups(person, follow_ups, today)) if follow_ups else (),
    )
    return figures._replace(warnings=tuple(warnings(figures, today, person, known_since)))


def team_health(people: Sequence[Health], today: date) -> Health:
    """The team's figures: every person's 1:1s pooled (shares over all the 1:1s, not an average
    of people's shares); moods in the order of the people, as recorded."""
    late = tuple(sorted(d for h in people for d in h.cadence.late))
    cadence = CadenceKept(
        held=sum(h.cadence.held for h in people),
        on_time=sum(h.cadence.on_time for h in people),
        late=late,
        overdue=sum(h.cadence.overdue for h in people),
        overdue_since=None,
        cancels=sum(h.cadence.cancels for h in people),
        reschedules=sum(h.cadence.reschedules for h in people),
    )
    last = {
        kind: max((h.last_note[kind] for h in people if h.last_note[kind]), default=None)
        for kind in NOTE_KINDS
    }
    asked = {kind: sum(h.asked[kind] for h in people) for kind in KINDS}
    team = Health(
        person=None,
        name=messages.HEALTH_TEAM,
        cadence=cadence,
        talk=tuple(t for h in people for t in h.talk),
        status_flags=tuple(f for h in people for f in h.status_flags),
        moods=weekly_moods([m for h in people for m in h.mood_all], today),
        mood_all=(),
        prompts_used=sum(h.prompts_used for h in people),
        prompts_bank=sum(h.prompts_bank for h in people),
        asked=asked,
        last_note=last,
        open_follow_ups=sum(h.open_follow_ups for h in people),
        old_follow_ups=tuple(f for h in people for f in h.old_follow_ups),
    )
    return team._replace(warnings=tuple(warnings(team, today, None)))


# ----------------------------------------------------------------------------- the warnings


def warnings(
    h: Health, today: date, person: Person | None, known_since: date | None = None
) -> list[HabitWarning]:
    """Each habit to change, in plain words; the thresholds are the constants above. The
    feedback (reports only) and follow-up warnings are a person's (`person` None: the team's
    figures, which have neither: each person's line names them). `known_since`: the day they
    were added or first met, whichever is earlier: no feedback is not yet a gap before
    FEEDBACK_GAP_DAYS have passed since."""
    found: list[HabitWarning] = []
    c = h.cadence
    if c.due >= CADENCE_FROM and c.kept is not None and c.kept < CADENCE_KEPT_MIN:
        found.append(
            HabitWarning(
                "cadence",
                messages.HEALTH_WARN_CADENCE.format(
                    on_time=c.on_time, due=c.due, share=_pct(c.kept), least=_pct(CADENCE_KEPT_MIN)
                ),
            )
        )
    if c.cancels >= CANCELS_FROM and c.cancels > c.reschedules:
        found.append(
            HabitWarning(
                "cancels",
                messages.HEALTH_WARN_CANCELS.format(
                    cancels=_count(c.cancels, "cancel"),
                    reschedules=_count(c.reschedules, "reschedule"),
                ),
            )
        )
    if h.talk_avg is not None and h.talk_avg > TALK_LIMIT:
        found.append(
            HabitWarning(
                "talk",
                messages.HEALTH_WARN_TALK.format(
                    talk=round(h.talk_avg), n=len(h.talk), limit=TALK_LIMIT
                ),
            )
        )
    if h.status_share is not None and h.status_share > STATUS_SHARE_LIMIT:
        found.append(
            HabitWarning(
                "status",
                messages.HEALTH_WARN_STATUS.format(
                    flagged=h.status_updates,
                    recorded=len(h.status_flags),
                    limit=_pct(STATUS_SHARE_LIMIT),
                ),
            )
        )
    fall = mood_fall([mood for _, mood in h.mood_all])
    if fall is not None:
        found.append(
            HabitWarning("mood", messages.HEALTH_WARN_MOOD.format(before=fall[0], after=fall[1]))
        )
    total = sum(h.asked.values())
    if total >= PROMPT_BALANCE_FROM:
        for kind in KINDS:
            if h.asked[kind] / total < PROMPT_BALANCE_MIN:
                found.append(
                    HabitWarning(
                        "prompts",
                        messages.HEALTH_WARN_PROMPTS.format(
                            kind=kind, n=h.asked[kind], total=total, least=_pct(PROMPT_BALANCE_MIN)
                        ),
                    )
                )
    if person is not None and person.relationship == "report":
        last = h.last_note.get(FEEDBACK)
        since = last if last is not None else known_since
        if since is None or (today - since).days > FEEDBACK_GAP_DAYS:
            text = (
                messages.HEALTH_WARN_NO_FEEDBACK.format(limit=FEEDBACK_GAP_DAYS)
                if last is None
                else messages.HEALTH_WARN_FEEDBACK.format(
                    days=(today - last).days, limit=FEEDBACK_GAP_DAYS
                )
            )
            found.append(HabitWarning("feedback", text))
    if person is not None and h.old_follow_ups:
        oldest = min(f.added for f in h.old_follow_ups)
        found.append(
            HabitWarning(
                "follow-ups",
                messages.HEALTH_WARN_FOLLOW_UPS.format(
                    n=f"{len(h.old_follow_ups)} follow-up{'s' if len(h.old_follow_ups) != 1 else ''}",
                    oldest=oldest,
                    cadences=FOLLOW_UP_CADENCES,
                ),
            )
        )
    return found


def mood_fall(moods: Sequence[int]) -> tuple[float, float] | None:
    """(mean before, mean of the last two) when the last two moods fell at least MOOD_DROP
    below the mean of the (up to three) before them; None otherwise or with too few."""
    if len(moods) < MOOD_FROM:
        return None
    last, before = moods[-2:], moods[-5:-2]
    after_mean, before_mean = sum(last) / len(last), sum(before) / len(before)
    if before_mean - after_mean >= MOOD_DROP:
        return round(before_mean, 1), round(after_mean, 1)
    return None


def weekly_moods(
    moods: Iterable[tuple[date, int]], today: date, weeks: int = MOOD_SHOWN
) -> tuple[float | None, ...]:
    """The mean mood of each of the latest `weeks` weeks (MOOD_SHOWN by default; the printable
    page asks for its whole window) counted back from today, oldest first, to one decimal; None
    for a week with none (a gap, never a mood of 0 drawn as the lowest bar); () for none at all.
    The week `back` weeks before the latest runs from today - 7*back - 6 to today - 7*back."""
    sums, counts = [0] * weeks, [0] * weeks
    for day, mood in moods:
        back = (today - day).days // 7
        if 0 <= back < weeks:
            sums[weeks - 1 - back] += mood
            counts[weeks - 1 - back] += 1
    if not any(counts):
        return ()
    first = next(i for i, n in enumerate(counts) if n)
    return tuple(round(s / n, 1) if n else None for s, n in zip(sums, counts, strict=True))[first:]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"
