"""`health [HANDLE]`: the figures of a hand-built journal, whose right answers were computed by
hand (the comments), each warning at its threshold, the table at 80 columns, and the JSON keys.

Follow-ups, signals (mood, talk, status update) and feedback notes are written with plain SQL
(schema m006) until the commands that write them (wt/capture) are merged."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from oneonone_cli.domain import health as H
from oneonone_cli.domain.prompts import builtin_prompts
from oneonone_cli.domain.records import (
    CANCELLED,
    HELD,
    RESCHEDULED,
    Cadence,
    FollowUp,
    MeetingSignals,
    Person,
)
from oneonone_cli.render.health import HEALTH_KEYS
from tables import drawn

TODAY = date(2026, 3, 2)  # conftest's today, a Monday
SINCE = "2026-02-01"


# ------------------------------------------------------------------ writing m006 data by hand


def signals(journal, person: str, day: str, *, mood=None, talk=None, status=None) -> None:
    with sqlite3.connect(journal) as conn:
        changed = conn.execute(
            "UPDATE meetings SET mood = ?, talk = ?, status_update = ?"
            " WHERE person = ? AND date = ? AND status = 'held'",
            [mood, talk, status, person, day],
        ).rowcount
    assert changed == 1, (person, day)


def follow_up(journal, person: str, text: str, added: str, done: str | None = None) -> int:
    with sqlite3.connect(journal) as conn:
        return conn.execute(
            "INSERT INTO follow_ups (person, meeting_id, text, added, done)"
            " VALUES (?, NULL, ?, ?, ?)",
            [person, text, added, done],
        ).lastrowid


def feedback(journal, person: str, day: str, text: str) -> None:
    """A feedback note in the 1:1 held with them that day."""
    with sqlite3.connect(journal) as conn:
        (meeting,) = conn.execute(
            "SELECT id FROM meetings WHERE person = ? AND date = ? AND status = 'held'",
            [person, day],
        ).fetchone()
        conn.execute(
            "INSERT INTO notes (meeting_id, person, date, kind, text, tags)"
            " VALUES (?, ?, ?, 'feedback', ?, '[]')",
            [meeting, person, day, text],
        )


def on(run, day: str, *args: str) -> None:
    """A command run as if today were `day` (cancels and reschedules are recorded today)."""
    run(*args, env={"ONEONONE_TODAY": day})


@pytest.fixture
def team(run, journal):
    """The hand-built journal. alice: weekly report, added 2026-01-01; bob: fortnightly report
    added 2026-01-01, never met; carol: archived (left out of the team)."""
    for day, args in [
        ("2026-01-01", ("add", "alice", "--name", "Alice Smith")),
        ("2026-01-01", ("add", "bob", "--every", "2w")),
        ("2026-01-01", ("add", "carol")),
    ]:
        on(run, day, *args)
    run("log", "alice", "--on", "2026-01-26", "--asked", "m-growth")  # before the window
    run("log", "alice", "--on", "2026-02-02", "--asked", "m-meaning", "--asked", "m-proud")
    run("log", "alice", "--on", "2026-02-10", "--asked", "m-satisfaction")
    run("log", "alice", "--on", "2026-02-19", "--asked", "r-oncall", "-R", "paged again")
    on(run, "2026-02-26", "cancel", "alice")
    on(run, "2026-02-26", "reschedule", "alice", "--to", "2026-03-03")
    on(run, "2026-02-05", "cancel", "bob")
    on(run, "2026-02-20", "cancel", "bob")
    run("log", "carol", "--on", "2026-02-03", "-M", "fine")
    run("archive", "carol")
    signals(journal, "alice", "2026-01-26", mood=5, talk=90, status=1)  # before: not counted
    signals(journal, "alice", "2026-02-02", mood=4, talk=60, status=1)
    signals(journal, "alice", "2026-02-10", mood=4, talk=46, status=0)
    signals(journal, "alice", "2026-02-19", mood=2)
    feedback(journal, "alice", "2026-01-26", "(before the window)")
    with sqlite3.connect(journal) as conn:  # the latest feedback: exactly 30 days before today
        conn.execute("UPDATE notes SET date = '2026-01-31' WHERE kind = 'feedback'")
    follow_up(journal, "alice", "send the rota", "2026-02-16")  # two weeks before: not old
    old = follow_up(journal, "alice", "book the offsite", "2026-02-15")  # a day more: old
    follow_up(journal, "alice", "done long ago", "2026-01-10", done="2026-02-01")
    follow_up(journal, "bob", "intro to the SRE lead", "2026-02-20")
    return {"old": old}


def by_person(rows):
    return {r["person"]: r for r in rows}


def test_the_figures_of_a_hand_built_journal(run, team):
    rows = by_person(run.json("health", "--since", SINCE))
    assert set(rows) == {"alice", "bob", None}  # carol is archived: not on the team
    a, b, t = rows["alice"], rows["bob"], rows[None]
    # alice, weekly. 2026-01-26 is before the window: it starts the cadence, is not counted.
    #   02-02: due 01-26 + 7 = 02-02             -> on time
    #   02-10: due 02-02 + 7 = 02-09, +1 grace   -> on time (the grace's last day)
    #   02-19: due 02-10 + 7 = 02-17, grace 02-18 -> late
    #   cancel 02-26; reschedule made 02-26 to 03-03: the next is due 03-03, not overdue today
    # due 3, on time 2: kept 2/3 = 0.667
    assert (a["due"], a["on_time"], a["late"], a["overdue_since"]) == (3, 2, ["2026-02-19"], None)
    assert a["cadence_kept"] == 0.667
    assert (a["cancels"], a["reschedules"]) == (1, 1)
    # talk recorded 60 and 46 (02-19 none; 01-26's 90 is before the window): (60 + 46) / 2 = 53
    assert (a["talk_avg"], a["talk_recorded"]) == (53.0, 2)
    # status updates flagged 1 of the 3 held 1:1s in the window (02-19 not recorded: not
    # flagged): 1 of 3 = 0.333
    assert (a["status_updates"], a["status_recorded"], a["status_share"]) == (1, 3, 0.333)
    # moods in the window, oldest first: 4, 4, 2 (01-26's 5 is before it)
    assert a["moods"] == [4, 4, 2]
    # prompts: ever asked m-growth, m-meaning, m-proud, m-satisfaction, r-oncall (5), of the
    # reports' bank; in the window 3 morale and 1 roadblock
    bank = sum(1 for p in builtin_prompts() if p.suits("reports"))
    assert (a["prompts_used"], a["prompts_bank"]) == (5, bank)
    assert a["asked"] == {"roadblock": 1, "morale": 3}
    # last notes: roadblock 02-19 (11 days), no morale, feedback 01-31 (30 days)
    assert a["days_since"] == {"roadblock": 11, "morale": None, "feedback": 30}
    # follow-ups: 2 open; 02-15 + 2 weeks = 03-01 < today: old; 02-16 + 2 weeks = today: not
    assert (a["open_follow_ups"], a["old_follow_ups"]) == (2, [team["old"]])
    # bob, fortnightly, never met: first due 01-01 + 14 = 01-15, overdue today: due 1, late 1
    assert (b["due"], b["on_time"], b["overdue_since"], b["cadence_kept"]) == (
        1,
        0,
        "2026-01-15",
        0.0,
    )
    assert (b["cancels"], b["reschedules"], b["talk_avg"], b["moods"]) == (2, 0, None, [])
    # team: 3 + 1 due, 2 on time = 0.5; cancels 1 + 2, reschedules 1; talk pooled 53
    assert (t["name"], t["due"], t["on_time"], t["cadence_kept"]) == ("Team", 4, 2, 0.5)
    assert (t["cancels"], t["reschedules"], t["talk_avg"]) == (3, 1, 53.0)
    assert (t["open_follow_ups"], t["status_share"]) == (3, 0.333)


def test_the_warnings_of_the_hand_built_journal_name_the_habit(run, team):
    rows = by_person(run.json("health", "--since", SINCE))
    codes = {p: [w["code"] for w in r["warnings"]] for p, r in rows.items()}
    # alice: 2/3 < 3/4 on time; talk 53 > 50; status 1/3 > 1/4; mood (4 + 2) / 2 = 3 against
    # 4 before: a fall of exactly 1.0; prompts 1 roadblock of 4 = exactly a quarter: balanced;
    # feedback 30 days ago: exactly the limit, not over; one old follow-up.
    assert codes["alice"] == ["cadence", "talk", "status", "mood", "follow-ups"]
    # bob: 1 due is under CADENCE_FROM; 2 cancels against 0 reschedules; no feedback at all.
    assert codes["bob"] == ["cancels", "feedback"]
    # team: 2/4 on time; 3 cancels > 1 reschedule; talk 53; status 1/2; no mood fall (weekly
    # means are not judged), no feedback warning (a person's habit).
    assert codes[None] == ["cadence", "cancels", "talk", "status"]
    texts = {w["code"]: w["text"] for w in rows["alice"]["warnings"]}
    assert "let them drive" in texts["talk"] and "53%" in texts["talk"]
    assert rows["bob"]["warnings"][0]["text"].startswith(
        "2 cancels against 0 reschedules: reschedule rather than cancel"
    )
    assert "the last two moods average 3.0 against 4.0 before" in texts["mood"]


def test_the_team_table_fits_80_columns_and_marks_the_warnings(run, team):
    title, headers, _, rows = drawn(run, "health", "--since", SINCE)
    assert headers[:2] == ["Person", "On time"]
    cells = {r[0]: dict(zip(headers, r, strict=True)) for r in rows}
    assert set(cells) == {"alice", "bob", "Team"}
    assert cells["alice"]["On time"] == "⚠ 2/3" and cells["alice"]["Talk"] == "⚠ 53%"
    assert cells["bob"]["Cancels"] == "⚠ 2" and cells["Team"]["On time"] == "⚠ 2/4"
    out = run("health", "--since", SINCE, env={"COLUMNS": "80"}).stdout
    # the team's warnings in full, then each habit once with the people it concerns
    assert "⚠ Team: only 2 of 4 1:1s on time (50%, under 75%)" in out
    assert "⚠ under 75% of 1:1s on time: keep the cadence predictable: alice" in out
    assert "⚠ more cancels than reschedules: reschedule rather than cancel: bob" in out
    assert "oneonone health HANDLE" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_a_habit_names_eight_people_then_how_many_more(run):
    for n in range(10):
        run("add", f"p{n}", env={"ONEONONE_TODAY": "2026-01-01"})
    out = run("health", env={"COLUMNS": "200"}).stdout
    assert "give it privately, soon after the event: p0, p1, p2, p3, p4, p5, p6, p7 +2" in out


def test_one_person_s_report(run, team):
    [row] = run.json("health", "alice", "--since", SINCE)
    out = run("health", "alice", "--since", SINCE, env={"COLUMNS": "200"}).stdout
    assert "⚠ alice: only 2 of 3 1:1s on time (67%, under 75%)" in out
    assert row["person"] == "alice" and row["due"] == 3
    _, headers, _, rows = drawn(run, "health", "alice", "--since", SINCE)
    values = dict(rows)
    assert headers == ["Measure", "Value"]
    assert values["Cadence kept"] == "⚠ 2 of 3 on time (67%)"
    assert values["Mood (of 5)"].endswith("4 4 2") and values["Last feedback"].startswith("30d")


def test_the_json_keys_are_pinned(run, team):
    assert HEALTH_KEYS == (
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
    for row in run.json("health", "--since", SINCE):
        assert tuple(row) == HEALTH_KEYS


def test_empty_and_bad_input(run):
    assert run.json("health") == []
    assert "add someone" in run("health").stderr
    run("add", "alice")
    assert "did you mean 'alice'" in run.fails("health", "alicf")
    assert "soon" in run.fails("health", "--since", "soon")
    run.fails("health", "--since", "in 2 days")


def test_the_default_window_is_90_days(run):
    run("add", "alice")
    run("log", "alice", "--on", "2025-12-01", "--no-notes")  # a day before the window
    run("log", "alice", "--on", "2025-12-02", "--no-notes")  # today - 90 days: its first day
    assert TODAY - timedelta(days=90) == date(2025, 12, 2)
    [row] = [r for r in run.json("health") if r["person"] == "alice"]
    held_in_window = row["due"] - (row["overdue_since"] is not None)
    assert held_in_window == 1


# ------------------------------------------------------------------ the rules at their edges

WEEKLY = Person("p", "P", "report", Cadence(1, "w"), date(2026, 1, 1))


def m(day: str, status: str = HELD, moved_to: str | None = None, n: list = [0]) -> MeetingSignals:  # noqa: B006
    n[0] += 1
    return MeetingSignals(
        n[0], "p", date.fromisoformat(day), status, moved_to and date.fromisoformat(moved_to)
    )


@pytest.mark.parametrize(
    ("held", "on_time"),
    [("2026-02-09", 1), ("2026-02-10", 1), ("2026-02-11", 0)],  # due 02-09, grace 1 day
)
def test_on_time_is_the_due_date_plus_one_day(held, on_time):
    c = H.cadence_figures(WEEKLY, [m("2026-02-02"), m(held)], date(2026, 2, 3), date(2026, 2, 12))
    assert (c.held, c.on_time) == (1, on_time)


def test_a_reschedule_moves_the_due_date_and_a_held_1_1_ends_it():
    since, today = date(2026, 2, 3), date(2026, 3, 1)
    moved = [m("2026-02-02"), m("2026-02-06", RESCHEDULED, "2026-02-13"), m("2026-02-14")]
    assert H.cadence_figures(WEEKLY, moved, since, today).on_time == 1  # due 02-13, +1
    late = [m("2026-02-02"), m("2026-02-06", RESCHEDULED, "2026-02-12"), m("2026-02-14")]
    assert H.cadence_figures(WEEKLY, late, since, today).on_time == 0
    # after 02-14, the next is due 02-21 (the reschedule is over): overdue today
    assert H.cadence_figures(WEEKLY, moved, since, today).overdue_since == date(2026, 2, 21)


def test_the_window_s_first_day_counts_and_the_day_before_does_not():
    meetings = [m("2026-02-02"), m("2026-02-09"), m("2026-02-02", CANCELLED)]
    c = H.cadence_figures(WEEKLY, meetings, date(2026, 2, 2), date(2026, 2, 10))
    assert (c.held, c.cancels) == (2, 1)  # the first held one has its due date from `added`
    c = H.cadence_figures(WEEKLY, meetings, date(2026, 2, 3), date(2026, 2, 10))
    assert (c.held, c.cancels) == (1, 0)


def test_the_next_1_1_is_late_only_after_the_grace():
    meetings = [m("2026-02-02")]
    assert H.cadence_figures(WEEKLY, meetings, date(2026, 2, 1), date(2026, 2, 10)).overdue == 0
    assert H.cadence_figures(WEEKLY, meetings, date(2026, 2, 1), date(2026, 2, 11)).overdue == 1


def figures(**changes) -> H.Health:
    base = H.Health(
        person="p",
        name="P",
        cadence=H.CadenceKept(0, 0, (), 0, None, 0, 0),
        talk=(),
        status_flags=(),
        moods=(),
        mood_all=(),
        prompts_used=0,
        prompts_bank=0,
        asked={"roadblock": 0, "morale": 0},
        last_note={"roadblock": None, "morale": None, "feedback": TODAY},
        open_follow_ups=0,
        old_follow_ups=(),
    )
    return base._replace(**changes)


def codes(h: H.Health, person: Person | None = WEEKLY) -> list[str]:
    return [w.code for w in H.warnings(h, TODAY, person)]


def test_the_thresholds_are_the_documented_ones():
    assert dict(H.THRESHOLDS) == {
        "ON_TIME_GRACE_DAYS": 1,
        "CADENCE_KEPT_MIN": 0.75,
        "CADENCE_FROM": 2,
        "CANCELS_FROM": 2,
        "TALK_LIMIT": 50,
        "STATUS_SHARE_LIMIT": 0.25,
        "MOOD_DROP": 1.0,
        "MOOD_FROM": 3,
        "PROMPT_BALANCE_MIN": 0.25,
        "PROMPT_BALANCE_FROM": 4,
        "FEEDBACK_GAP_DAYS": 30,
        "FOLLOW_UP_CADENCES": 2,
    }


@pytest.mark.parametrize(
    ("held", "on_time", "overdue", "warned"),
    [(4, 3, 0, False), (3, 2, 1, True), (1, 0, 0, False), (2, 1, 0, True), (0, 0, 1, False)],
)
def test_cadence_warning_edges(held, on_time, overdue, warned):
    c = H.CadenceKept(held, on_time, (), overdue, None, 0, 0)
    assert ("cadence" in codes(figures(cadence=c))) is warned


@pytest.mark.parametrize(
    ("cancels", "reschedules", "warned"), [(2, 1, True), (2, 2, False), (1, 0, False), (3, 2, True)]
)
def test_cancel_warning_edges(cancels, reschedules, warned):
    c = H.CadenceKept(0, 0, (), 0, None, cancels, reschedules)
    assert ("cancels" in codes(figures(cadence=c))) is warned


@pytest.mark.parametrize(("talk", "warned"), [((50,), False), ((50, 51), True), ((49, 51), False)])
def test_talk_warning_edges(talk, warned):
    assert ("talk" in codes(figures(talk=talk))) is warned


@pytest.mark.parametrize(
    ("flags", "warned"),
    [((True, False, False, False), False), ((True, False, False), True), ((False,), False)],
)
def test_status_warning_edges(flags, warned):
    assert ("status" in codes(figures(status_flags=flags))) is warned


@pytest.mark.parametrize(
    ("moods", "warned"),
    [
        ((4, 4, 3), False),  # (4+3)/2 = 3.5 against 4: 0.5
        ((4, 4, 2), True),  # 3 against 4: exactly 1.0
        ((5, 3), False),  # two moods: too few to judge
        ((5, 5, 5, 4, 4, 4), False),  # 4 against 5, 5, 4 = 4.67: 0.67
        ((5, 5, 5, 4, 4, 3), True),  # (4+3)/2 = 3.5 against (5+5+4)/3 = 4.67: 1.17
        ((1, 5, 5, 5, 4, 4), True),  # the 1 is not among the three before: 4 against 5
    ],
)
def test_mood_fall_edges(moods, warned):
    days = tuple((TODAY, mood) for mood in moods)
    assert ("mood" in codes(figures(mood_all=days))) is warned


@pytest.mark.parametrize(
    ("roadblock", "morale", "warned"),
    [(1, 3, False), (1, 4, True), (0, 3, False), (3, 1, False), (4, 1, True)],
)
def test_prompt_balance_edges(roadblock, morale, warned):
    asked = {"roadblock": roadblock, "morale": morale}
    assert ("prompts" in codes(figures(asked=asked))) is warned


@pytest.mark.parametrize(
    ("days", "relationship", "warned"),
    [(30, "report", False), (31, "report", True), (None, "report", True), (90, "peer", False)],
)
def test_feedback_warning_edges(days, relationship, warned):
    last = None if days is None else TODAY - timedelta(days=days)
    h = figures(last_note={"roadblock": None, "morale": None, "feedback": last})
    person = WEEKLY._replace(relationship=relationship)
    assert ("feedback" in codes(h, person)) is warned
    assert "feedback" not in codes(h, None)  # the team's report has no feedback warning


@pytest.mark.parametrize(("added", "old"), [("2026-02-16", False), ("2026-02-15", True)])
def test_a_follow_up_is_old_after_two_cadences(added, old):
    f = FollowUp(1, "p", None, "x", date.fromisoformat(added))
    assert bool(H.old_follow_ups(WEEKLY, [f], TODAY)) is old


def test_two_monthly_cadences_are_calendar_months():
    monthly = WEEKLY._replace(every=Cadence(1, "m"))
    jan31 = FollowUp(1, "p", None, "x", date(2025, 12, 31))
    # 12-31 + 1m = 01-31, + 1m = 02-28 (clamped): old from 03-01 on
    assert H.old_follow_ups(monthly, [jan31], date(2026, 2, 28)) == []
    assert H.old_follow_ups(monthly, [jan31], date(2026, 3, 1)) == [jan31]


def test_weekly_moods_of_the_team():
    moods = [(TODAY, 4), (TODAY - timedelta(days=6), 2), (TODAY - timedelta(days=7), 5)]
    # this week (0-6 days back): (4 + 2) / 2 = 3.0; the week before: 5; nothing earlier shown
    assert H.weekly_moods(moods, TODAY) == (5.0, 3.0)
    assert H.weekly_moods([], TODAY) == ()
    # A week with no mood between two with moods is a gap, never a mood of 0 (the lowest bar).
    gap = [(TODAY - timedelta(days=14), 4), (TODAY, 2)]
    assert H.weekly_moods(gap, TODAY) == (4.0, None, 2.0)
    from oneonone_cli.themes.sparkline import mood_sparkline

    assert mood_sparkline((4.0, None, 2.0))[1] == "·"
