"""`week` (issue 15): what everyone raised in the 7 days ending today (or --since), by person,
with the follow-ups added, how the 1:1s went, and the recurring themes that got a new mention."""

from __future__ import annotations

from tables import drawn

WEEK_KEYS = ["since", "until", "people", "themes"]
PERSON_KEYS = ["person", "notes", "follow_ups", "meetings"]
THEME_KEYS = ["theme", "key", "new", "mentions", "people", "trend"]


def test_the_window_is_the_7_days_ending_today(run):
    """The 7 days ending today (2026-02-24 to 2026-03-02, both included); --since as everywhere
    (themes, show): 7d is from 2026-02-23."""
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-22", "-R", "long before the week")
    run("log", "alice", "--on", "2026-02-23", "-R", "a week ago today")
    run("log", "alice", "--on", "2026-02-24", "-R", "first day of the week")
    run("log", "alice", "-M", "today")
    w = run.json("week")
    assert (w["since"], w["until"]) == ("2026-02-24", "2026-03-02")
    [alice] = w["people"]
    assert [n["text"] for n in alice["notes"]] == ["first day of the week", "today"]
    seven = run.json("week", "--since", "7d")
    assert seven["since"] == "2026-02-23"
    longer = run.json("week", "--since", "2w")
    assert [n["text"] for n in longer["people"][0]["notes"]][0] == "long before the week"


def test_grouped_by_person_with_feedback_follow_ups_and_signals(run):
    for who in ("bob", "alice", "carol"):
        run("add", who)
    run("log", "bob", "-R", "waiting on reviews", "-F", "great demo", "-T", "ping the reviewers")
    run("log", "alice", "--on", "2026-02-26", "-M", "happy with the launch", "--mood", "5")
    run("todo", "add", "alice", "lunch with her skip")
    run("log", "carol", "--on", "2026-02-01", "-R", "long ago")  # outside the week
    w = run.json("week")
    assert list(w) == WEEK_KEYS
    assert [p["person"] for p in w["people"]] == ["alice", "bob"]
    alice, bob = w["people"]
    assert list(alice) == PERSON_KEYS
    assert [(n["kind"], n["text"]) for n in bob["notes"]] == [
        ("roadblock", "waiting on reviews"),
        ("feedback", "great demo"),
    ]
    assert [f["text"] for f in bob["follow_ups"]] == ["ping the reviewers"]
    assert [f["text"] for f in alice["follow_ups"]] == ["lunch with her skip"]
    assert alice["meetings"] == [
        {"date": "2026-02-26", "mood": 5, "talk": None, "status_update": None}
    ]
    assert bob["meetings"] == []  # a 1:1 with no signal recorded is shown by its notes


def test_a_follow_up_added_before_the_week_is_not_new(run):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-01", "-T", "old promise")
    run("log", "alice", "-M", "fine")
    [alice] = run.json("week")["people"]
    assert alice["follow_ups"] == []


def test_themes_with_a_new_mention(run):
    for who in ("alice", "bob", "carol"):
        run("add", who)
    # Raised twice in the month before the week, once in it: a recurring theme mentioned again.
    run("log", "alice", "--on", "2026-02-10", "-R", "the CI pipeline is flaky #ci")
    run("log", "bob", "--on", "2026-02-12", "-R", "CI pipeline flaky again #ci")
    run("log", "carol", "-R", "the CI pipeline is flaky #ci", "-F", "the CI pipeline is flaky")
    [theme] = run.json("week")["themes"]
    assert list(theme) == THEME_KEYS
    assert (theme["new"], theme["mentions"], theme["people"]) == (1, 3, ["carol"])


def test_a_theme_not_mentioned_this_week_is_left_out(run):
    for who in ("alice", "bob", "carol"):
        run("add", who)
    run("log", "alice", "--on", "2026-02-10", "-R", "the CI pipeline is flaky #ci")
    run("log", "bob", "--on", "2026-02-12", "-R", "CI pipeline flaky again #ci")
    run("log", "carol", "-R", "need a new laptop")
    assert run.json("week")["themes"] == []


def test_feedback_alone_makes_no_theme(run):
    for who in ("alice", "bob"):
        run("add", who)
    run("log", "alice", "-F", "the CI pipeline is flaky #ci")
    run("log", "bob", "-F", "the CI pipeline is flaky #ci")
    assert run.json("week")["themes"] == []


def test_an_empty_week_says_so(run):
    run("add", "alice")
    result = run("week")
    assert result.stdout == "" and "Nothing was logged" in result.stderr
    assert run.json("week")["people"] == []


def test_week_table_at_80_columns(run):
    for who in ("alice", "bob", "carol"):
        run("add", who)
    run("log", "alice", "--on", "2026-02-10", "-R", "the CI pipeline is flaky #ci")
    run("log", "bob", "--on", "2026-02-12", "-R", "CI pipeline flaky again #ci")
    run("log", "carol", "-R", "the CI pipeline is flaky #ci " * 4, "--mood", "2", "-T", "fix it")
    _, headers, _, rows = drawn(run, "week", joined=False)
    assert headers == ["Who", "Date", "Kind", "Text"]
    assert rows[0] == ["carol", "2026-03-02", "1:1", "mood 2/5"]
    assert [r[2] for r in rows if r[2]] == ["1:1", "roadblock", "todo"]
    assert [r[1] for r in rows if r[2]] == ["2026-03-02", "", ""]  # the day written once
    out = run("week", env={"COLUMNS": "80"}).stdout
    assert "mentioned again" in out and "Flaky" in out


def test_a_bad_since_is_one_line(run):
    run.fails("week", "--since", "lately")
