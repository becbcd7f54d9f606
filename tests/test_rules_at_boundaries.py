"""Each rule of the reports tested on both sides of its boundary, through the CLI (so that moving
the code between modules breaks none of them). Today is Monday 2026-03-02 (conftest).

Each test names the mutation it was seen to catch: an off-by-one in the rule makes it fail."""

from __future__ import annotations

import pytest

ONCALL = [  # notes the lexicon reads as the on-call theme, one per 1:1
    "paged at 3am for nothing again #oncall",
    "alert noise is killing us #oncall",
    "3-5 false alarms daily during on-call #oncall",
    "the pager cried wolf twice this week #oncall",
    "woken by a flapping alert on the weekend #oncall",
    "another noisy page that needed no action #oncall",
]


def due_of(run, *args) -> dict[str, dict]:
    return {r["person"]: r for r in run.json("due", *args)}


# ----------------------------------------------------------------------------- due: the cadence


def test_due_on_the_day_is_listed_and_the_day_after_is_not(run):
    # Catches `due > until` -> `due >= until` (domain/cadence.py, due_rows).
    run("add", "alice")  # weekly
    run("add", "bob")
    run("log", "alice", "--on", "2026-02-23", "-M", "x")  # due 03-02: today
    run("log", "bob", "--on", "2026-02-24", "-M", "x")  # due 03-03: tomorrow
    due = due_of(run)
    assert list(due) == ["alice"]
    assert (due["alice"]["due"], due["alice"]["days_overdue"]) == ("2026-03-02", 0)
    every = due_of(run, "--all")
    assert (every["bob"]["due"], every["bob"]["days_overdue"]) == ("2026-03-03", -1)


def test_within_includes_its_last_day(run):
    # Catches `due > until` -> `due >= until`, and a --within end moved by a day either way.
    run("add", "alice")  # weekly
    run("add", "bob")
    run("log", "alice", "--on", "2026-03-02", "-M", "x")  # due 03-09
    run("log", "bob", "--on", "2026-03-01", "-M", "x")  # due 03-08
    assert list(due_of(run, "--within", "1w")) == ["bob", "alice"]  # until 03-09
    assert list(due_of(run, "--within", "6d")) == ["bob"]  # until 03-08
    assert list(due_of(run, "--within", "2026-03-09")) == ["bob", "alice"]
    assert list(due_of(run, "--within", "2026-03-07")) == []
    assert list(due_of(run, "--within", "today")) == []  # today is a valid end: nobody due


def test_cancels_counted_for_exactly_90_days(run):
    # Catches `start < day` -> `start <= day` (domain/cadence.py, cancels_in_window) and the
    # window (CANCEL_WINDOW_DAYS) moved by a day either way.
    run("add", "alice")
    run("add", "bob")
    run("cancel", "alice", "--on", "2025-12-02")  # today - 90 days: out of the window
    run("cancel", "bob", "--on", "2025-12-03")  # today - 89 days: in it
    run("cancel", "bob", "--on", "2025-12-01")  # today - 91 days: out
    due = due_of(run, "--all")
    assert due["alice"]["cancelled_90d"] == 0
    assert due["bob"]["cancelled_90d"] == 1


def test_cancels_counted_up_to_today(run):
    # Catches `day <= today` -> `day < today` in cancels_in_window.
    run("add", "alice")
    run("cancel", "alice")  # today
    assert due_of(run, "--all")["alice"]["cancelled_90d"] == 1


def rows_at_80(run, *args) -> list[list[str]]:
    lines = run(*args, env={"COLUMNS": "80"}).stdout.splitlines()
    return [
        [c.strip() for c in line.strip("│").split("│")] for line in lines if line.startswith("│")
    ]


def test_two_cancels_are_a_warning_and_one_is_not(run):
    # Catches CANCEL_WARNING moved either way and `>=` -> `>` in DueRow.warning.
    run("add", "alice")
    run("add", "bob")
    run("cancel", "alice")
    run("cancel", "bob", "--on", "2026-02-20")
    run("cancel", "bob")
    out = run("due", env={"COLUMNS": "80"}).stdout
    rows = {r[0]: r for r in rows_at_80(run, "due")}
    assert rows["alice"][-1] == "1"
    assert rows["bob"][-1] == "⚠ 2"
    assert "⚠ marks repeated cancels" in out
    run("archive", "bob")
    assert "⚠" not in run("due", env={"COLUMNS": "80"}).stdout  # one cancel: no warning


def test_the_overdue_column_says_how_late(run):
    # Catches the Overdue column blanked (render: due_view) or its words swapped.
    run("add", "alice")  # weekly
    run("add", "bob")
    run("add", "chen")
    run("log", "alice", "--on", "2026-02-20", "-M", "x")  # due 02-27: 3 days late
    run("log", "bob", "--on", "2026-02-24", "-M", "x")  # due 03-03: tomorrow
    run("log", "chen", "--on", "2026-02-23", "-M", "x")  # due today
    rows = rows_at_80(run, "due", "--all")
    header = run("due", "--all", env={"COLUMNS": "80"}).stdout.splitlines()[2]
    overdue = [c.strip() for c in header.strip("┃").split("┃")].index("Overdue")
    assert [(r[0], r[overdue]) for r in rows] == [
        ("alice", "3d"),
        ("chen", "today"),
        ("bob", "in 1d"),
    ]


# ----------------------------------------------------------------------------- themes: windows


@pytest.fixture
def four(run):
    for who in ("alice", "bob", "chen", "dana", "erin", "finn"):
        run("add", who)
    return run


def test_since_includes_its_first_day(four):
    # Catches the current window's start moved by a day either way (services/themes.py: theme_window).
    four("log", "alice", "--on", "2026-01-31", "-R", ONCALL[0])  # the day before: not in it
    four("log", "bob", "--on", "2026-02-01", "-R", ONCALL[1])  # the first day
    four("log", "chen", "--on", "2026-02-20", "-R", ONCALL[2])
    [theme] = four.json("themes", "--since", "2026-02-01")
    assert theme["key"] == "oncall" and theme["mentions"] == 2
    assert (theme["first"], theme["people"]) == ("2026-02-01", ["bob", "chen"])
    four("log", "dana", "--on", "2026-02-02", "-R", ONCALL[3])
    assert four.json("themes", "--since", "2026-02-02")[0]["people"] == ["chen", "dana"]


def test_the_previous_window_is_as_long_as_the_current_one_and_ends_the_day_before(four):
    # --since 2026-02-01: the window is 02-01..03-02 (30 days), the previous one 01-02..01-31.
    # Catches the previous window's start (services/themes.py: since - span - 1 day) moved by a
    # day either way, and its end moved onto the window's first day or a day earlier.
    four("log", "alice", "--on", "2026-02-10", "-R", ONCALL[0])
    four("log", "bob", "--on", "2026-02-18", "-R", ONCALL[1])
    four("log", "chen", "--on", "2026-01-01", "-R", ONCALL[2])  # before the previous window
    four("log", "dana", "--on", "2026-01-02", "-R", ONCALL[3])  # its first day
    four("log", "erin", "--on", "2026-01-03", "-R", ONCALL[4])  # its second day
    four("log", "finn", "--on", "2026-01-31", "-R", ONCALL[5])  # its last day
    [theme] = four.json("themes", "--since", "2026-02-01")
    assert (theme["mentions"], theme["previous"]) == (2, 3)
    assert theme["trend"] == "steady"
    # The same notes seen from a window one day shorter: 02-02..03-02, previous 01-04..02-01.
    [theme] = four.json("themes", "--since", "2026-02-02")
    assert (theme["mentions"], theme["previous"]) == (2, 1)


def test_a_note_on_the_windows_first_day_is_not_also_in_the_previous_one(four):
    # Catches the previous window's end moved onto `since` (the day is counted twice).
    four("log", "alice", "--on", "2026-02-01", "-R", ONCALL[0])
    four("log", "bob", "--on", "2026-02-18", "-R", ONCALL[1])
    [theme] = four.json("themes", "--since", "2026-02-01")
    assert (theme["mentions"], theme["previous"], theme["trend"]) == (2, 0, "new")


def test_min_counts_mentions_in_different_1on1s(four):
    # Catches `meetings >= min_mentions` -> `>` (themes/grouping.py, groups_of).
    for who, on, text in zip(
        ("alice", "bob", "chen"),
        ("2026-02-10", "2026-02-18", "2026-02-26"),
        ONCALL[:3],
        strict=True,
    ):
        four("log", who, "--on", on, "-R", text)
    assert [t["mentions"] for t in four.json("themes", "--min", "3")] == [3]
    assert four.json("themes", "--min", "4") == []
    assert "2 or more" in four.fails("themes", "--min", "1")
    four("log", "dana", "-R", ONCALL[3], "-R", ONCALL[4])  # two notes, one 1:1
    assert [t["mentions"] for t in four.json("themes", "--min", "4")] == [5]  # in 4 1:1s
    assert four.json("themes", "--min", "5") == []


def test_normalised_needs_both_the_weeks_and_the_people(four):
    # Weeks: ISO weeks 7, 8, 9 (three); people: alice, bob, chen (three).
    # Catches `>=` -> `>` for weeks or people in theme_rows, and the defaults (3 weeks, 2 people)
    # moved either way.
    for who, on, text in zip(
        ("alice", "bob", "chen"),
        ("2026-02-10", "2026-02-18", "2026-02-26"),
        ONCALL[:3],
        strict=True,
    ):
        four("log", who, "--on", on, "-R", text)

    def flagged(*args: str) -> bool:
        [theme] = four.json("themes", *args)
        assert (theme["weeks"], len(theme["people"])) == (3, 3)
        return theme["normalised"]

    assert flagged() is True  # the defaults: 3 weeks, 2 people
    assert flagged("--normal-weeks", "3", "--normal-people", "3") is True
    assert flagged("--normal-weeks", "4") is False
    assert flagged("--normal-people", "4") is False


def test_normalised_default_weeks_is_three(four):
    # Two weeks, three people: not normalised by default (catches the default weeks lowered).
    for who, on, text in zip(
        ("alice", "bob", "chen"),
        ("2026-02-16", "2026-02-18", "2026-02-26"),
        ONCALL[:3],
        strict=True,
    ):
        four("log", who, "--on", on, "-R", text)
    [theme] = four.json("themes")
    assert (theme["weeks"], theme["normalised"]) == (2, False)
    assert four.json("themes", "--normal-weeks", "2")[0]["normalised"] is True


def test_normalised_default_people_is_two(four):
    # Three weeks, one person / two people (catches the default people moved either way).
    for on, text in zip(("2026-02-10", "2026-02-18", "2026-02-26"), ONCALL[:3], strict=True):
        four("log", "alice", "--on", on, "-R", text)
    [theme] = four.json("themes")
    assert (theme["weeks"], theme["people"], theme["normalised"]) == (3, ["alice"], False)
    four("log", "bob", "--on", "2026-02-27", "-R", ONCALL[3])
    [theme] = four.json("themes")
    assert (theme["weeks"], theme["people"], theme["normalised"]) == (3, ["alice", "bob"], True)
