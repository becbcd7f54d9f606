"""`export --format html`: one self-contained printable page per person or for the team, parsed
with html.parser: no script, no external file, every typed text escaped and shown as typed."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_cli.render.html import mood_chart, week_bars
from oneonone_cli.render.text import inert
from oneonone_cli.services.html_page import team_mood_points

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</style><script src=https://evil.example/x.js></script>",
    "<a href='https://evil.example'>click</a> & &amp; &lt;",
    "\u202eevil bidi override\u202c",
    "bell\x07 and escape\x1b[31m",
    "]]><!-- comment --><![CDATA[",
]


class Page(HTMLParser):
    """What a browser would find: tags, attributes, the text of the body, the CSS."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.body_text: list[str] = []
        self.css: list[str] = []
        self.titles: list[str] = []  # the <title>s inside the body: the charts' tooltips
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag not in ("meta", "br", "rect", "circle", "line", "polyline"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if self._in and self._in[-1] == "style":
            self.css.append(data)
        elif "body" in self._in:
            self.body_text.append(data)
            if self._in[-1] == "title":
                self.titles.append(data)

    @property
    def text(self) -> str:
        return "".join(self.body_text)


def page(run, *args: str) -> tuple[str, Page]:
    html = run("export", "--format", "html", *args).stdout
    return html, Page(html)


def assert_self_contained(html: str, parsed: Page) -> None:
    assert html.startswith("<!DOCTYPE html>")
    forbidden = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "video"}
    assert not forbidden & set(parsed.tags)
    for tag, name, value in parsed.attrs:
        assert name not in ("src", "href", "xlink:href", "action", "srcset"), (tag, name, value)
        assert not name.startswith("on"), (tag, name)
        assert "javascript:" not in (value or "").lower()
    css = "".join(parsed.css)
    assert "url(" not in css and "@import" not in css
    assert parsed.tags.count("style") == 1
    assert "@media print" in css


@pytest.fixture
def team(run):
    run("add", "alice", "--name", "Alice Smith")
    run("add", "bob", "--name", "Bob Okafor", "--every", "2w")
    for day, mood in (("2026-02-02", 4), ("2026-02-09", 3), ("2026-02-16", 2), ("2026-02-23", 2)):
        run(
            "log", "alice", "--on", day, "--mood", str(mood),
            "-R", "paged at night by false alarms #oncall", "-M", "proud of the launch",
        )  # fmt: skip
    run("log", "bob", "--on", "2026-02-20", "-R", "on-call alerts are noise #oncall", "--mood", "4")
    run("log", "alice", "--on", "2026-02-27", "-T", "ask SRE for an alert budget")


def test_the_person_page_has_its_sections_and_figures(run, team):
    html, parsed = page(run, "--person", "alice")
    assert_self_contained(html, parsed)
    text = parsed.text
    assert "1:1s with Alice Smith (alice)" in text
    assert "From 2025-12-02 to 2026-03-02" in text  # 90 days by default
    for heading in ("Cadence kept", "Themes raised", "Mood", "Follow-ups"):
        assert heading in text
    assert "5/5" in text and "100%" in text  # health's figures: 5 due, all 5 on time
    assert "On time: held by the due date + 1d (a reschedule moves it)" in text
    assert "On-call alert noise" in text
    assert "paged at night by false alarms #oncall" in text  # the latest example
    assert "ask SRE for an alert budget" in text and "open since 2026-02-27" in text
    assert "Mood at each 1:1 (1 low, 5 high): 4 recorded." in text
    assert "Bob" not in text  # one person's page is theirs alone
    assert parsed.tags.count("circle") == 4  # one point per mood


def test_the_team_page_lists_everyone_and_averages_the_mood_by_week(run, team):
    html, parsed = page(run)
    assert_self_contained(html, parsed)
    text = parsed.text
    assert "The team's 1:1s" in text
    assert "Alice Smith" in text and "Bob Okafor" in text
    assert "alice: " in text  # follow-ups say whose they are
    assert "The team's mood, the average of each week" in text


def test_since_sets_the_window(run, team):
    _, parsed = page(run, "--since", "2026-02-15")
    assert "From 2026-02-15 to 2026-03-02" in parsed.text


def test_an_empty_journal_and_a_quiet_window_say_so(run):
    run("add", "alice")
    html, parsed = page(run, "--person", "alice")
    assert_self_contained(html, parsed)
    assert "None recurring in this window." in parsed.text
    assert "No mood recorded in this window." in parsed.text
    assert "No follow-ups open or done in this window." in parsed.text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_escaped_and_reads_as_typed(run, hostile):
    run("add", "eve", "--name", "Eve")
    run("log", "eve", "--on", "2026-02-20", "-R", f"{hostile} #oncall pager noise")
    run("log", "eve", "--on", "2026-02-27", "-R", f"{hostile} #oncall pager noise again")
    run("log", "eve", "--on", "2026-03-01", "-T", hostile, "--again")
    for args in (("--person", "eve"), ()):
        html, parsed = page(run, *args)
        assert_self_contained(html, parsed)
        assert inert(hostile) in parsed.text  # controls and invisible marks shown, not obeyed
        assert "\x1b" not in html and "\x07" not in html
        assert "\u202e" not in html


def test_the_file_is_written_atomically_with_o(run, team, tmp_path):
    out = tmp_path / "alice.html"
    said = run("export", "--format", "html", "--person", "alice", "-o", str(out)).stdout
    assert said == (
        f"Exported 1 person, 5 1:1s held and 8 notes from 2025-12-02 on (html) to {out}\n"
    )
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.partial"))


def test_a_name_with_markup_stays_text(run):
    run("add", "mal", "--name", "<b>Mal</b> & co")
    html, parsed = page(run, "--person", "mal")
    assert "b" not in parsed.tags
    assert "1:1s with <b>Mal</b> & co (mal)" in parsed.text
    assert "<title>1:1s with &lt;b&gt;Mal&lt;/b&gt; &amp; co (mal)</title>" in html


# ------------------------------------------------------------------------------ the figures


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=60))
def test_week_bars_draw_one_bar_per_week_within_the_chart(weekly):
    svg = week_bars(weekly, date(2026, 1, 1), date(2026, 3, 1))
    parsed = Page(f"<body>{svg}</body>")
    assert parsed.tags.count("rect") == len(weekly)
    bars: list[dict[str, float]] = []
    for tag, name, value in parsed.attrs:
        if tag == "rect" and name == "x":
            bars.append({})
        if tag == "rect" and name in ("x", "y", "width", "height"):
            bars[-1][name] = float(value)
    for bar in bars:
        assert bar["x"] >= 0 and bar["x"] + bar["width"] <= 252.5
        assert bar["y"] >= 0 and bar["y"] + bar["height"] <= 22.01  # above the date labels
    if weekly and max(weekly):  # the busiest week is the tallest bar
        tallest = max(range(len(weekly)), key=lambda n: (weekly[n], -n))
        assert bars[tallest]["height"] == max(b["height"] for b in bars)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.dates(date(2026, 1, 1), date(2026, 3, 1)), st.integers(1, 5)),
        min_size=1,
        max_size=40,
    )
)
def test_mood_points_stay_inside_the_chart(points):
    svg = mood_chart([(d, float(m)) for d, m in points], date(2026, 1, 1), date(2026, 3, 1))
    parsed = Page(f"<body>{svg}</figure></body>")
    for tag, name, value in parsed.attrs:
        if tag == "circle" and name == "cx":
            assert 28 <= float(value) <= 712
        if tag == "circle" and name == "cy":
            assert 10 <= float(value) <= 148


# ------------------------------------------------------------------ one truth with `health`


def on(run, day: str, *args: str) -> None:
    """A command run as if today were `day` (cancels and reschedules are recorded today)."""
    run(*args, env={"ONEONONE_TODAY": day})


@pytest.fixture
def habits(run, journal):
    """A hand-built journal where the page's old figures (held / expected) and health's (on
    time / due) differ. alice: weekly, added 2026-01-01, late twice, a cancel, a reschedule;
    bob: fortnightly, added 2026-01-01, never met (overdue); carol: archived."""
    for args in (("add", "alice", "--name", "Alice Smith"), ("add", "bob", "--every", "2w")):
        on(run, "2026-01-01", *args)
    on(run, "2026-01-01", "add", "carol")
    for day, mood in (
        ("2025-12-29", None),  # a first 1:1 is due a cadence after they were added
        ("2026-01-05", "4"),
        ("2026-01-15", "3"),  # due 01-12 + 1d grace: late
        ("2026-01-22", "4"),
        ("2026-02-10", "2"),  # due 01-29: late
        ("2026-02-17", None),
    ):
        run("log", "alice", "--on", day, *(("--mood", mood) if mood else ()), "-M", "ok")
    on(run, "2026-02-23", "cancel", "alice")
    on(run, "2026-02-23", "reschedule", "alice", "--to", "2026-02-27")
    run("log", "alice", "--on", "2026-02-27", "--mood", "5", "-M", "ok")  # moved there: on time
    on(run, "2026-02-05", "cancel", "bob")
    run("log", "carol", "--on", "2026-02-03", "-M", "fine")
    run("archive", "carol")


def cadence_cells(html: str) -> dict[str, tuple[str, str, str, str]]:
    """The page's cadence table: handle (or "Team") -> (On time, Cadence kept, Cancels, Moves)."""
    import re

    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
        who = re.search(r"<small><bdi>([^<]*)</bdi>", cells[0])
        kept = re.sub(r"<[^>]+>", "", cells[3])
        found[who.group(1) if who else cells[0]] = (cells[2], kept, cells[4], cells[5])
    return found


def health_cells(run, *args: str) -> dict[str, tuple[str, str, str, str]]:
    """`health --json`'s figures in the page's words."""
    import json

    rows = json.loads(run("health", *args, "--json").stdout)
    return {
        r["person"] or "Team": (
            f"{r['on_time']}/{r['due']}" if r["due"] else "-",
            "no 1:1 due yet" if r["cadence_kept"] is None else f"{round(100 * r['cadence_kept'])}%",
            str(r["cancels"]),
            str(r["reschedules"]),
        )
        for r in rows
    }


@pytest.mark.parametrize("since", [(), ("--since", "2026-01-20"), ("--since", "30d")])
def test_the_page_shows_healths_cadence_figures_for_a_person_and_the_team(run, habits, since):
    team = cadence_cells(page(run, *since)[0])
    assert team == health_cells(run, *since)
    assert set(team) == {"alice", "bob", "Team"}  # the archived one is on neither
    for handle in ("alice", "carol"):
        assert cadence_cells(page(run, "--person", handle, *since)[0]) == health_cells(
            run, handle, *since
        )


def test_the_hand_built_figures(run, habits):
    """The figures themselves, so that the agreement above is not two wrong numbers."""
    cells = cadence_cells(page(run)[0])
    # alice: 12-29, 01-05, 01-15 (late), 01-22, 02-10 (late), 02-17, 02-27 (moved there).
    assert cells["alice"] == ("5/7", "71%", "1", "1")
    assert cells["bob"] == ("0/1", "0%", "1", "0")  # due 01-15, never met: late today
    assert cells["Team"] == ("5/8", "62%", "2", "1")
    html, parsed = page(run)
    assert "On time" in parsed.text and "Moves" in parsed.text
    assert '<div class="meter low"' in html  # under 75%: flagged as health flags it


def test_the_team_mood_is_healths_weekly_means_with_a_gap_for_a_week_without(run, habits):
    import json

    html, parsed = page(run, "--since", "2026-01-20")
    moods = json.loads(run("health", "--since", "2026-01-20", "--json").stdout)[-1]["moods"]
    # Weeks back from 03-02: 02-24..03-02 has 5; 02-17..02-23 none (02-17 had no mood);
    # 02-10..02-16 has 2; then two weeks without; 01-20..01-26 has 4 (01-15 is before).
    assert moods[-3:] == [2.0, None, 5.0]
    titles = [t for t in parsed.titles if ": " in t and t[:4] == "2026"]
    # Each week's point at its middle (today - 7 * weeks back - 3): 4 weeks back, 2 and 0.
    assert titles == ["2026-01-23: 4.0", "2026-02-13: 2.0", "2026-02-27: 5.0"]
    assert moods == [4.0, None, None, 2.0, None, 5.0]
    assert parsed.tags.count("circle") == 3  # a week without a mood draws no point...
    assert "0.0" not in " ".join(titles)  # ...and never a mood of 0
    assert "a week without a mood is a gap" in parsed.text


def test_the_gap_breaks_the_line():
    since, today = date(2026, 1, 1), date(2026, 1, 29)
    points = [
        (date(2026, 1, 4), 3.0),
        (date(2026, 1, 11), 4.0),
        (date(2026, 1, 18), None),
        (date(2026, 1, 25), 2.0),
        (date(2026, 1, 28), 2.5),
    ]
    parsed = Page(f"<body>{mood_chart(points, since, today)}</figure></body>")
    assert parsed.tags.count("circle") == 4
    assert parsed.tags.count("polyline") == 2  # two runs, not one line through a 0
    ys = [float(v) for t, n, v in parsed.attrs if t == "circle" and n == "cy"]
    assert max(ys) <= 148  # nothing drawn below mood 1


def test_team_mood_points_cover_the_window_by_week():
    today = date(2026, 3, 2)
    moods = [(date(2026, 2, 2), 2), (date(2026, 2, 3), 4), (date(2026, 3, 1), 5)]
    points = team_mood_points(moods, date(2026, 1, 1), today)
    # The weeks end on today, today - 7, ...: from the first with a mood (01-27..02-02).
    assert points[0] == (date(2026, 1, 30), 2.0)
    assert points[1] == (date(2026, 2, 6), 4.0)  # 02-03..02-09
    assert [m for _, m in points[2:]] == [None, None, 5.0]
    assert points[-1][0] == today - timedelta(days=3)
    assert team_mood_points([], date(2026, 1, 1), today) == ()


def test_the_export_line_describes_the_page_not_the_journal(run, habits, tmp_path):
    out = tmp_path / "team.html"
    said = run("export", "--format", "html", "--since", "2026-02-01", "-o", str(out)).stdout
    # In the window: alice's 02-10, 02-17, 02-27 held with a note each (carol's 02-03 too, but
    # she is archived and not on the team's page).
    assert said == (
        f"Exported 2 people, 3 1:1s held and 3 notes from 2026-02-01 on (html) to {out}\n"
    )
    whole = run("export", "--format", "json", "-o", str(tmp_path / "all.json")).stdout
    assert "3 people, 11 1:1s and 8 notes (json)" in whole  # the journal's, for contrast


def test_a_first_page_shows_the_theme_analysis_progress(run, habits, monkeypatch):
    """The bar `themes` shows (render/progress.py's analysis_progress, no label) hears the
    first analysis of the page's notes; the export's own bar is a separate one."""
    from oneonone_cli.render import progress

    heard: dict[object, list] = {}

    def fake(stream=None, *, label=None, many=progress.MANY):
        calls = heard.setdefault(label, [])
        bar = lambda done, total: calls.append((done, total))  # noqa: E731
        bar.close = lambda: None
        return bar

    monkeypatch.setattr(progress, "analysis_progress", fake)
    page(run)
    analysed = heard[None]
    assert analysed and analysed[-1][0] == analysed[-1][1] > 0  # counted up to every note
    heard.clear()
    page(run)  # analysed once: the next page has nothing to analyse
    assert not [c for c in heard.get(None, []) if c[1]]


@pytest.mark.slow
def test_renders_in_headless_chromium(run, team, tmp_path):
    """A real browser loads it (ONEONONE_SLOW=1 with chromium installed): a non-blank PNG."""
    import os
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not os.environ.get("ONEONONE_SLOW") or chromium is None:
        pytest.skip("slow: set ONEONONE_SLOW=1, with chromium installed")
    out = tmp_path / "page.html"
    run("export", "--format", "html", "--person", "alice", "-o", str(out))
    png = tmp_path / "page.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600",
         f"--screenshot={png}", out.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    assert Path(out).stat().st_size < 200_000
