"""The team's `health` reads the journal in a fixed number of statements, whatever the number of
people (store/brief.py: team_signals_since, prompts_asked): one statement a person (433 at 500
people) must not come back. And the team-wide reads give each person exactly what the
per-person reads give."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, timedelta

import pytest

from oneonone_cli.domain.health import DEFAULT_WINDOW
from oneonone_cli.domain.records import HELD

TODAY = date(2026, 3, 2)  # conftest's today
SINCE = TODAY - timedelta(days=int(DEFAULT_WINDOW.rstrip("d")))
EVERY = ("1w", "2w", "1m", "2m", "10d")
PROMPTS = ("m-meaning", "m-proud", "m-growth", "r-oncall", "r-blocked-now", "x-not-in-the-bank")


def fill(run, journal, people: int, seed: int = 7) -> None:
    """A journal of `people` people (every fifth archived) with up to a year of 1:1s each, held,
    cancelled and moved (some moves with no date), moods, talk shares, status flags, prompts
    asked (one not in the bank), notes of every kind and follow-ups, some done."""
    rng = random.Random(seed)
    run("add", "p000", env={"ONEONONE_DB": str(journal)})  # the journal, migrated
    with sqlite3.connect(journal) as conn:
        for n in range(people):
            handle = f"p{n:03}"
            added = TODAY - timedelta(days=rng.randint(20, 400))
            archived = (TODAY - timedelta(days=3)).isoformat() if n % 5 == 4 else None
            conn.execute(
                "INSERT OR REPLACE INTO people (handle, name, relationship, every, added,"
                " archived) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    handle,
                    f"Person {n}",
                    rng.choice(("report", "peer", "skip-level")),
                    rng.choice(EVERY),
                    added.isoformat(),
                    archived,
                ],
            )
            day = added + timedelta(days=rng.randint(0, 20))
            while day <= TODAY + timedelta(days=10):  # some planned after today
                status = rng.choices(("held", "cancelled", "rescheduled"), (8, 1, 1))[0]
                moved = None
                if status == "rescheduled" and rng.random() < 0.8:
                    moved = (day + timedelta(days=rng.randint(1, 5))).isoformat()
                held = status == HELD
                meeting = conn.execute(
                    "INSERT INTO meetings (person, date, status, moved_to, mood, talk,"
                    " status_update) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        handle,
                        day.isoformat(),
                        status,
                        moved,
                        rng.choice((None, 1, 2, 3, 4, 5)) if held else None,
                        rng.choice((None, 20, 50, 51, 80)) if held else None,
                        rng.choice((None, 0, 1)) if held else None,
                    ],
                ).lastrowid
                if held:
                    for prompt in rng.sample(PROMPTS, rng.randint(0, 2)):
                        conn.execute(
                            "INSERT INTO prompt_uses (meeting_id, person, prompt_id, date)"
                            " VALUES (?, ?, ?, ?)",
                            [meeting, handle, prompt, day.isoformat()],
                        )
                    for kind in rng.sample(("roadblock", "morale", "feedback"), rng.randint(0, 2)):
                        conn.execute(
                            "INSERT INTO notes (meeting_id, person, date, kind, text, tags)"
                            " VALUES (?, ?, ?, ?, 'a note', '[]')",
                            [meeting, handle, day.isoformat(), kind],
                        )
                    if rng.random() < 0.2:
                        done = rng.choice((None, day.isoformat()))
                        conn.execute(
                            "INSERT INTO follow_ups (person, meeting_id, text, added, done)"
                            " VALUES (?, ?, 'follow up', ?, ?)",
                            [handle, meeting, day.isoformat(), done],
                        )
                day += timedelta(days=rng.randint(3, 40))


def opened(journal):
    from oneonone_cli.store.core import Store

    return Store.open(journal, create=False)


def statements(journal, handle: str | None = None) -> list[str]:
    """The SQL statements the health report runs (the store already open)."""
    from oneonone_cli.services.health import health_report

    store = opened(journal)
    seen: list[str] = []
    try:
        store.conn.set_trace_callback(seen.append)
        report = health_report(store, TODAY, SINCE, handle)
        store.conn.set_trace_callback(None)
    finally:
        store.conn.close()
    assert report.rows  # the report was made
    return seen


@pytest.mark.parametrize("handle", [None, "p001"], ids=["team", "one-person"])
def test_health_runs_the_same_statements_for_3_or_30_people(run, tmp_path, handle):
    fill(run, tmp_path / "three.db", 3)
    fill(run, tmp_path / "thirty.db", 30)
    few = statements(tmp_path / "three.db", handle)
    many = statements(tmp_path / "thirty.db", handle)
    assert len(few) == len(many) <= 12, many


def test_the_team_reads_give_each_person_what_the_per_person_reads_give(run, tmp_path):
    """team_signals_since and prompts_asked against the per-person reads (signals_since,
    asked_by_person, prompt_uses_since), person by person: archived people, 1:1s before the
    window and after today, moves with no date, a prompt not in the bank."""
    path = tmp_path / "journal.db"
    fill(run, path, 25)
    store = opened(path)
    try:
        with store.reading():
            handles = [p.handle for p in store.people()]
            assert 15 <= len(handles) < 25  # some archived
            team_meetings = store.team_signals_since(SINCE)
            assert team_meetings == store.signals_since(handles, SINCE)
            assert {m.person for m in team_meetings} == set(handles)
            asked = {a.person: a for a in store.prompts_asked(SINCE, TODAY)}
            ever = store.asked_by_person()
            assert {p: set(a.ever) for p, a in asked.items()} == ever
            window: dict[str, list[str]] = {p: [] for p in ever}
            uses = store.prompt_uses_since(SINCE)
            assert any(use.on > TODAY for use in uses)  # planned 1:1s: not in the window
            for use in uses:
                if use.on <= TODAY:
                    window[use.person].append(use.prompt_id)
            assert {p: sorted(a.in_window) for p, a in asked.items()} == {
                p: sorted(ids) for p, ids in window.items()
            }
            assert any(a.in_window for a in asked.values())
            assert any("x-not-in-the-bank" in a.ever for a in asked.values())
            for handle in handles[:5]:
                [one] = store.prompts_asked(SINCE, TODAY, handle)
                assert (one.ever, sorted(one.in_window)) == (
                    asked[handle].ever,
                    sorted(asked[handle].in_window),
                )
    finally:
        store.conn.close()


def test_each_persons_line_of_the_team_is_their_own_report(run, tmp_path):
    """The team's report (team reads) and one person's (per-person reads) agree on every
    figure and warning of everyone."""
    path = tmp_path / "journal.db"
    fill(run, path, 12, seed=11)
    env = {"ONEONONE_DB": str(path)}
    team = json.loads(run("health", "--json", env=env).stdout)
    assert team[-1]["person"] is None and len(team) > 5
    warned = 0
    for row in team[:-1]:
        [own] = json.loads(run("health", row["person"], "--json", env=env).stdout)
        assert own == row
        warned += bool(row["warnings"])
    assert warned and any(row["prompts_used"] for row in team[:-1])
