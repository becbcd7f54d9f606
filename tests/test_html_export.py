"""`export --format html`: one self-contained printable page per person or for the team, parsed
with html.parser: no script, no external file, every typed text escaped and shown as typed."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_cli.render.html import mood_chart, week_bars, weekly_average
from oneonone_cli.render.text import inert
from oneonone_cli.services.html_page import expected_meetings, kept_percent

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
    assert "5 / 4" in text  # 5 held; weekly from the first (02-02) to today: 4 asked for
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
    assert "(html)" in said and str(out) in said
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.partial"))


def test_a_name_with_markup_stays_text(run):
    run("add", "mal", "--name", "<b>Mal</b> & co")
    html, parsed = page(run, "--person", "mal")
    assert "b" not in parsed.tags
    assert "1:1s with <b>Mal</b> & co (mal)" in parsed.text
    assert "<title>1:1s with &lt;b&gt;Mal&lt;/b&gt; &amp; co (mal)</title>" in html


# ------------------------------------------------------------------------------ the figures


def test_expected_meetings_at_the_boundaries():
    since, today = date(2026, 1, 1), date(2026, 1, 28)  # 28 days
    assert expected_meetings(7, since, since, today) == 4
    assert expected_meetings(7, since, date(2026, 1, 22), today) == 1  # 7 days: one
    assert expected_meetings(7, since, date(2026, 1, 23), today) == 0  # 6 days: none yet
    assert expected_meetings(30, since, since, today) == 0
    assert kept_percent(0, 0) == 100 and kept_percent(3, 4) == 75 and kept_percent(9, 4) == 100


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


def test_weekly_average():
    from oneonone_cli.domain.records import MoodPoint

    since = date(2026, 1, 1)
    points = [MoodPoint(date(2026, 1, 1), "a", 2), MoodPoint(date(2026, 1, 7), "b", 4)]
    points.append(MoodPoint(date(2026, 1, 8), "a", 5))
    assert weekly_average(points, since) == [(date(2026, 1, 4), 3.0), (date(2026, 1, 11), 5.0)]


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
