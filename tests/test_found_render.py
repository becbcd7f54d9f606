"""What outside testers found in the tables, drawn by the real renderer at 80 and 40 columns
(and 200): the longest handle never cut, headers wrapped only when squeezed, the text of a
narrow table still readable, a stable order of a theme's terms, the same `due` columns at the
same width whatever the names, titles that break sensibly."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date

import pytest

from tables import drawn

LONGEST = "verylonghandle-for-someone-12345"  # 32 characters, the longest a handle may be


@pytest.fixture
def team(run):
    run("add", "alice", "--name", "Alice Smith", "--every", "2w")
    run("add", "bob", "--name", "Bob Okafor")
    run("add", "dana", "--name", "Dana Lee", "--as", "peer", "--every", "1m")
    return run


@pytest.fixture
def demo(run, tmp_path):
    path = str(tmp_path / "demo.db")
    run("demo", "--db", path)
    return path


# 1. The longest handle at 80 columns.


def test_the_longest_handle_is_never_cut_and_names_still_show(team):
    team("add", LONGEST, "--name", "Someone With A Long Name")
    _, headers, widths, rows = drawn(team, "people")
    # The handle whole, the name wrapped in a readable column; the dates give way for them.
    assert headers == ["Handle", "Name", "Relationship", "Every"]
    assert widths[1] >= 14
    assert rows[-1] == [LONGEST, "Someone With A Long Name", "report", "1w"]
    assert rows[0] == ["alice", "Alice Smith", "report", "2w"]
    _, headers, widths, rows = drawn(team, "due", "--all")
    assert headers == ["Person", "Name", "Last 1:1", "Overdue", "Cancels"]
    assert widths[1] >= 14  # not 10-character lines
    assert [LONGEST, "Someone With A Long Name", "never", "today", "0"] in rows
    # At 40 columns the handle still is not cut: it folds onto two lines, every letter shown.
    _, headers, _, lines = drawn(team, "people", width=40, joined=False)
    assert headers == ["Handle", "Name"]
    assert "".join(line[0] for line in lines) == f"alicebobdana{LONGEST}"
    assert " ".join(line[1] for line in lines) == (
        "Alice Smith Bob Okafor Dana Lee Someone With A Long Name"
    )


# 2. A header of several words wraps only when its column is squeezed.


@pytest.mark.parametrize("width", [80, 200])
def test_a_header_is_not_wrapped_when_the_table_has_room(team, width):
    lines, headers, _, rows = drawn(team, "due", "--all", width=width)
    output = team("due", "--all", env={"COLUMNS": str(width)}).stdout.splitlines()
    top = next(i for i, line in enumerate(output) if line.startswith("┏"))
    assert output[top + 2].startswith("┡")  # the header is one line
    assert "Last 1:1" in headers
    assert all(r[headers.index("Last 1:1")] == "never" for r in rows)


# 3. At 40 columns the text keeps a readable width.


def test_show_at_40_columns_shows_the_notes(team):
    note = "blocked on the platform team to provision the new queue"
    team("log", "alice", "-R", note, "-M", "good week")
    _, headers, widths, rows = drawn(team, "show", "alice", width=40, joined=False)
    assert headers[0] == "Date" and headers[-1] == "Text"
    assert widths[-1] >= 14
    texts = " ".join(r[-1] for r in rows if r[-1])
    assert note in texts and "good week" in texts


def test_themes_at_40_columns_show_the_theme_names(run, demo):
    report = run.json("--db", demo, "themes", "--since", "90d")
    _, headers, widths, lines = drawn(
        run, "--db", demo, "themes", "--since", "90d", width=40, joined=False
    )
    assert headers[:2] == ["Theme", "Notes"]
    assert widths[0] >= 14
    shown = "".join(line[0] for line in lines).replace(" ", "").replace("⚠", "").replace("*", "")
    assert shown == "".join(f"{t['theme']}({t['key']})" for t in report).replace(" ", "")
    assert [int(line[1]) for line in lines if line[1]] == [t["mentions"] for t in report]


def test_a_theme_s_notes_and_the_lexicon_at_40_columns_keep_their_text(run, demo):
    notes = run.json("--db", demo, "themes", "--since", "90d", "show", "oncall")
    _, headers, widths, rows = drawn(
        run, "--db", demo, "themes", "--since", "90d", "show", "oncall", width=40
    )
    assert headers == ["Date", "Person", "Text"] and widths[-1] >= 14
    assert [[r[0].replace(" ", ""), r[1], r[2]] for r in rows] == [
        [n["date"], n["person"], n["text"]] for n in notes
    ]
    _, headers, widths, rows = drawn(run, "--db", demo, "themes", "lexicon", width=40)
    assert headers == ["Key", "Tags", "Yours"] and widths[1] >= 14
    first = run.json("--db", demo, "themes", "lexicon")[0]
    assert rows[0][0] == first["key"]
    assert rows[0][1].replace(" ", "") == ",".join(first["tags"])


# 4. A theme's terms in a stable order.


def test_a_theme_s_terms_are_ordered_by_count_then_term_whatever_the_tallies_order():
    from oneonone_cli.domain.records import ThemeTally
    from oneonone_cli.themes.grouping import groups_of
    from oneonone_cli.themes.lexicon import load_lexicon

    def tally(terms: list[str]) -> ThemeTally:
        return ThemeTally(
            key="oncall",
            note_ids=(1, 2),
            days=((date(2026, 3, 1), 1), (date(2026, 3, 2), 1)),
            people=("alice", "bob"),
            meetings=2,
            terms=Counter(terms),
        )

    lexicon = load_lexicon([], [])
    orders = [
        ["pager", "alert", "alert", "oncall", "noisy"],
        ["noisy", "oncall", "alert", "pager", "alert"],
    ]
    terms = {groups_of([tally(order)], [], lexicon)[0].terms for order in orders}
    assert terms == {("alert", "noisy", "oncall", "pager")}


def test_themes_json_is_the_same_whatever_the_roll_up_s_row_order(run, demo):
    before = run("--db", demo, "themes", "--since", "90d", "--kind", "all", "--json").stdout
    with sqlite3.connect(demo) as conn:  # the same roll-up rows, stored the other way round
        conn.execute("CREATE TEMP TABLE copy AS SELECT * FROM note_themes")
        conn.execute("DELETE FROM note_themes")
        conn.execute("INSERT INTO note_themes SELECT * FROM copy ORDER BY note_id DESC")
    conn.close()
    after = run("--db", demo, "themes", "--since", "90d", "--kind", "all", "--json").stdout
    assert after == before
    assert all(t["terms"] for t in json.loads(after))


# 5. The same columns of `due` at the same width, whatever the names.


@pytest.mark.parametrize("width", [80, 90, 99, 100, 120])
def test_due_shows_the_same_columns_at_a_width_whatever_the_names(team, width):
    _, short, _, _ = drawn(team, "due", "--all", width=width)
    team("add", "someone", "--name", "Someone With A Rather Long Name")
    _, long, _, _ = drawn(team, "due", "--all", width=width)
    assert short == long
    assert ("Due" in short) == (width >= 100)
    assert short[:2] == ["Person", "Name"] and short[-2:] == ["Overdue", "Cancels"]


# 6. Titles that fit 80 columns, broken before their details.


def test_the_themes_title_breaks_before_its_details(run, demo):
    title, *_ = drawn(run, "--db", demo, "themes", "--since", "90d", "--kind", "all")
    assert title == [
        "Recurring themes (roadblock and morale) since 2025-12-02",
        "(trend against the 90 days before)",
    ]


def test_a_long_name_stays_whole_in_the_show_title(run):
    name = "Someone With A Rather Long Name Indeed"
    run("add", LONGEST, "--name", name)
    run("log", LONGEST, "-M", "fine")
    title, *_ = drawn(run, "show", LONGEST)
    assert title == [name, f"({LONGEST}, report, every 1w)"]
