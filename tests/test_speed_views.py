"""`week` and `health` (team) draw their long tables the fast way (render/fastpath.py: rows of
wrapped text split into one-line rows, runs of them joined into one row) and must look exactly
as rich lays out the same cells itself, at any width, with and without colour."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.render import fastpath, tables

LONG = (
    "the release train keeps slipping because the staging cluster is shared with the data"
    " team and nobody owns the calendar"
)
WORD = "a-very-long-unbreakable-identifier-that-must-be-folded-somewhere-in-the-column"


@pytest.fixture
def team(run):
    """Three people, a week of notes (short, long, one word longer than any column, several
    lines, wide characters), follow-ups, signals and habits that warn."""
    run("add", "alice")
    run("add", "bob", "--name", "Bob Haddad")
    run("add", "chen", "--name", "王小明 Chen")
    run("log", "alice", "--on", "2026-02-24", "-R", LONG, "--mood", "4", "--talk", "70%")
    run("log", "alice", "--on", "2026-02-26", "-M", "fine", "-T", LONG, "--mood", "1", "--status")
    run("log", "alice", "-R", "short", "-F", WORD, "--mood", "1", "--talk", "80%")
    run("log", "bob", "--on", "2026-02-25", "-R", "王小明 🙂 waits on reviews " * 4, "-T", "ping")
    run("log", "bob", "-M", "two\nlines of morale", "--status")
    run("log", "chen", "--on", "2026-01-05", "-R", "long ago")
    run("cancel", "chen", "--on", "2026-02-20")
    return run


def rich_layout(console, probe, cells):
    """The cells as rich lays them out itself (Padding and Text), one table row each."""
    return [
        [c.laid_out() if isinstance(c, (fastpath.Line, fastpath.Block)) else c for c in row]
        for row in cells
    ]


def both(run, monkeypatch, args, width, color):
    env = {"COLUMNS": str(width)}
    if color:
        env |= {"NO_COLOR": "", "FORCE_COLOR": "1"}
    fast = run(*args, env=env).stdout
    with monkeypatch.context() as m:
        m.setattr(tables, "one_line_rows_joined", rich_layout)
        plain = run(*args, env=env).stdout
    return fast, plain


@pytest.mark.parametrize("width", [20, 40, 60, 80, 120, 200])
@pytest.mark.parametrize("color", [False, True], ids=["no-color", "color"])
@pytest.mark.parametrize("args", [("week",), ("health",)], ids=["week", "health"])
def test_views_look_as_rich_lays_them_out(team, monkeypatch, args, width, color):
    fast, plain = both(team, monkeypatch, args, width, color)
    assert fast == plain
    assert ("\x1b[" in fast) == color
    assert fast.count("\n") > 10


def test_a_week_of_wrapped_notes_is_drawn_as_one_joined_row(team, monkeypatch):
    """At 80 columns every row of the week (notes that wrap, blank cells) takes the fast path:
    the body is a single row of Lines cells, however many lines the notes take."""
    bodies = []

    def spy(console, probe, cells):
        out = fastpath.one_line_rows_joined(console, probe, cells)
        bodies.append((cells, out))
        return out

    monkeypatch.setattr(tables, "one_line_rows_joined", spy)
    out = team("week", env={"COLUMNS": "80"}).stdout
    (cells, joined), *_ = bodies
    assert any(not isinstance(c, fastpath.Line) or c.width > 40 for row in cells for c in row)
    assert len(joined) == 1 and all(isinstance(c, fastpath.Lines) for c in joined[0])
    assert len(joined[0][0].cells) > len(cells)  # the wrapped notes' lines
    assert "nobody owns the" in out


def test_split_row_pads_the_shorter_cells_with_blank_lines():
    from rich.console import Console
    from rich.table import Table

    console = Console(width=40, highlight=False)
    probe = Table(padding=0)
    probe.add_column("A", width=5)
    probe.add_column("Text", width=10, overflow="fold")
    row = [fastpath.Line("ab", 4, None, ""), fastpath.Line("one two three", 15, None, "")]
    lines = fastpath.split_row(console, row, [5, 10], probe.columns)
    assert [[c.text for c in line] for line in lines] == [
        ["ab", "one two "],
        ["", "three   "],
    ]
    assert lines[1][0] is fastpath.BLANK
    probe.columns[1].justify = "right"  # not drawn by `wrapped`: left to rich
    probe.columns[1].style = "red"
    assert fastpath.split_row(console, row, [5, 10], probe.columns) is None


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)),
    amount=st.integers(1, 36),
    unit=st.sampled_from("dwm"),
)
def test_healths_cadence_arithmetic_is_cadence_after(day, amount, unit):
    """health adds cadences without dateutil (thousands of 1:1s): the same dates as
    Cadence.after, month ends clamped (Jan 31 + 1m = Feb 28, Feb 29 + 12m = Feb 28)."""
    from oneonone_cli.domain.health import _after
    from oneonone_cli.domain.records import Cadence

    every = Cadence(amount, unit)
    assert _after(every, day) == every.after(day)


def test_month_ends_are_clamped():
    from oneonone_cli.domain.health import _after
    from oneonone_cli.domain.records import Cadence

    assert _after(Cadence(1, "m"), date(2026, 1, 31)) == date(2026, 2, 28)
    assert _after(Cadence(1, "m"), date(2024, 1, 31)) == date(2024, 2, 29)
    assert _after(Cadence(12, "m"), date(2024, 2, 29)) == date(2025, 2, 28)
    assert _after(Cadence(1, "m"), date(2026, 12, 15)) == date(2027, 1, 15)
    assert _after(Cadence(2, "w"), date(2026, 12, 25)) == date(2027, 1, 8)


def test_prompts_asked_by_person_are_each_persons_distinct_prompts(run, journal):
    """One row a person from the store (the ids joined): the same sets as one row a use."""
    import sqlite3

    from oneonone_cli.store.core import Store

    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "--on", "2026-02-20", "-R", "x", "--asked", "r-blocked-now")
    run("log", "alice", "-R", "y", "--asked", "r-blocked-now", "--asked", "m-meaning")
    store = Store.open(journal, create=False)
    try:
        got = store.asked_by_person()
    finally:
        store.conn.close()
    conn = sqlite3.connect(journal)
    want: dict[str, set[str]] = {}
    for person, pid in conn.execute("SELECT person, prompt_id FROM prompt_uses"):
        want.setdefault(person, set()).add(pid)
    conn.close()
    assert got == want
    assert len(got["alice"]) == 2 and "bob" not in got


def test_health_with_moods_does_not_load_the_theme_engine(run):
    """The mood bars come from themes/sparkline.py alone: drawing them loads neither the theme
    engine's report nor its grouping (~15 ms of a team's health report)."""
    import subprocess
    import sys

    run("add", "alice")
    run("log", "alice", "--on", "2026-02-20", "-M", "ok", "--mood", "4")
    run("log", "alice", "-M", "meh", "--mood", "2")
    code = (
        "import sys\n"
        "from oneonone_cli.cli.main import main\n"
        "sys.argv = ['oneonone', 'health']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('oneonone_cli.themes')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "▃" in out or "▄" in out or "▂" in out  # the bars were drawn
    assert out.splitlines()[-1] == "['oneonone_cli.themes', 'oneonone_cli.themes.sparkline']"
