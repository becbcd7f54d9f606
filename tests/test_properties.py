"""Property tests (hypothesis) for every parser and for the note round trip.

Each property is written once, as a plain function registered with `@prop`, and runs in two
profiles:
- small (CI, plain `pytest`): `SMALL` examples each, a few seconds in all;
- large (`@pytest.mark.slow`, skipped unless ONEONONE_SLOW=1): the `large=` count of each
  property, over 100,000 examples in total. `benchmarks/reliability.py` runs it and prints the
  examples run and the failures that each run appends to ONEONONE_RELIABILITY_REPORT.

Examples are counted by the wrapper that hypothesis calls, so the figures include the explicit
examples and any shrinking, i.e. every call really made.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hostile import SQLISH
from oneonone_cli.domain.dates import (
    MAX_SPAN_YEARS,
    parse_cadence,
    parse_date,
    parse_since,
    parse_until,
    span_bounds,
)
from oneonone_cli.domain.noteinput import MAX_NOTE_CHARS, PREFIXES, note_lines, parse_note_lines
from oneonone_cli.domain.records import Cadence, NoteDraft, Person, check_handle
from oneonone_cli.domain.tags import extract_tags
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.render.text import inert
from oneonone_cli.store.core import Store

SLOW = os.environ.get("ONEONONE_SLOW") == "1"
SMALL = int(os.environ.get("ONEONONE_SMALL_EXAMPLES", "50"))
SCALE = float(os.environ.get("ONEONONE_LARGE_SCALE", "1"))  # the benchmark may shrink or grow it

# ---------------------------------------------------------------- the registry


@dataclass
class Property:
    name: str
    body: Callable
    strategies: dict
    large: int
    examples: list[dict] = field(default_factory=list)
    small: int = SMALL


PROPERTIES: dict[str, Property] = {}


def prop(*, large: int, small: int = SMALL, examples: tuple[dict, ...] = (), **strategies):
    def register(body: Callable) -> Callable:
        PROPERTIES[body.__name__] = Property(
            body.__name__, body, strategies, large, list(examples), small
        )
        return body

    return register


def run_property(name: str, max_examples: int, **context) -> int:
    """Run one property for `max_examples`; returns the number of calls hypothesis made."""
    spec = PROPERTIES[name]
    calls = 0

    def counted(**drawn):
        nonlocal calls
        calls += 1
        spec.body(**drawn, **context)

    test = given(**spec.strategies)(counted)
    for kwargs in spec.examples:
        test = example(**kwargs)(test)
    test = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )(test)
    started = time.monotonic()
    failed = True
    try:
        test()
        failed = False
    finally:
        target = os.environ.get("ONEONONE_RELIABILITY_REPORT")
        if target:
            record = {
                "part": "property",
                "name": name,
                "profile": "large" if SLOW else "small",
                "target": max_examples,
                "examples": calls,
                "failed": failed,
                "seconds": round(time.monotonic() - started, 2),
            }
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record) + "\n")
    return calls


# ---------------------------------------------------------------- strategies

ANY_CHAR = st.characters(exclude_categories=("Cs",))  # lone surrogates: see test_reliability
TODAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
WORDS = [
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "noon",
    "midnight",
    "tonight",
    "morning",
    "last",
    "next",
    "this",
    "ago",
    "in",
    "at",
    "on",
    "of",
    "the",
    "a",
    "an",
    "every",
    "monday",
    "mon",
    "friday",
    "fri",
    "sun",
    "tues",
    "thurs",
    "week",
    "weeks",
    "wk",
    "day",
    "days",
    "d",
    "w",
    "m",
    "y",
    "mo",
    "month",
    "months",
    "year",
    "yrs",
    "fortnight",
    "jan",
    "january",
    "feb",
    "mar",
    "march",
    "may",
    "jun",
    "sept",
    "oct",
    "nov",
    "dec",
    "am",
    "pm",
    "utc",
    "z",
    "t",
    "h",
    "st",
    "nd",
    "rd",
    "th",
    "-",
    ",",
    ".",
    "/",
    ":",
    "+",
    "0",
    "00",
    "1",
    "2",
    "3",
    "7",
    "12",
    "13",
    "24",
    "29",
    "30",
    "31",
    "32",
    "60",
    "99",
    "100",
    "999",
    "1000",
    "2024",
    "2026",
    "12:30",
    "3pm",
    "2026-03-02",
    "20260302",
    "1st",
    "2nd",
    "\t",
    "\u00a0",
    "\u3000",
    "\uff13",
]
DATEISH = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map("".join),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ,./-:+", max_size=20),
    st.text(ANY_CHAR, max_size=25),
)
NOTE_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.sampled_from(
        [
            *SQLISH,
            "\u202eevil\u202c",
            "\u05e9\u05dc\u05d5\u05dd",
            "\u0645\u0631\u062d\u0628\u0627 #\u0648\u0633\u0645",
            "\U0001f469\u200d\U0001f4bb",
            "\x1b[31mred\x1b[0m\x07",
            "\r\n\t\x0b\x0c\x85\u2028",
            "\ufeffBOM",
            "#tag #Tag #TAG",
        ]
    ),
    st.tuples(st.text(ANY_CHAR, min_size=1, max_size=8), st.integers(1, 3000)).map(
        lambda pair: pair[0] * pair[1]
    ),  # long notes, up to ~24k characters
)


def normal(text: str) -> str:
    return " ".join(text.strip().lower().split())


WEEKDAY_NAMES = [
    ("monday", "mon"),
    ("tuesday", "tue", "tues"),
    ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def says_today(text: str, today: date, *, span: bool = False) -> bool:
    """Does the text really name `today`? (The only way a parser may return today.)"""
    words = normal(text)
    if words in ("today", today.isoformat()) or words in WEEKDAY_NAMES[today.weekday()]:
        return True
    if re.fullmatch(r"(0+\s*[a-z]+ ago|in 0+\s*[a-z]+)", words, re.ASCII):
        return True
    if span and re.fullmatch(r"0+\s*[a-z]+", words, re.ASCII):
        return True
    month = MONTHS[today.month - 1]
    names_month = any(
        w.startswith(month[:3]) and month.startswith(w.rstrip(".")[:3])
        for w in re.findall(r"[a-z.]+", words)
    )
    names_day = str(today.day) in re.findall(r"\d+", words) or f"{today.day:02d}" in words
    return names_month and names_day


# ---------------------------------------------------------------- dates


@prop(large=15_000, text=DATEISH, today=TODAYS)
def dates_parse_or_raise_our_error(text, today):
    for parse in (parse_date, parse_since, parse_until):
        try:
            assert isinstance(parse(text, today), date)
        except OneOnOneError:
            pass


@prop(
    large=15_000,
    text=DATEISH,
    today=TODAYS,
    examples=(
        {"text": "now", "today": date(2026, 3, 2)},
        {"text": "noon", "today": date(2026, 3, 2)},
        {"text": "monday morning", "today": date(2026, 3, 2)},
        {"text": "this week", "today": date(2026, 3, 2)},
        {"text": "12:30", "today": date(2026, 3, 2)},
        {"text": "mar", "today": date(2026, 3, 2)},
        {"text": "2", "today": date(2026, 3, 2)},
    ),
)
def dates_are_never_silently_today(text, today):
    for parse, span in ((parse_date, False), (parse_since, True), (parse_until, True)):
        try:
            result = parse(text, today)
        except OneOnOneError:
            continue
        if result == today:
            assert says_today(text, today, span=span), (parse.__name__, text)


UNIT_WORDS = {
    "d": ["d", "day", "days"],
    "w": ["w", "wk", "wks", "week", "weeks"],
    "m": ["m", "mo", "mos", "month", "months"],
    "y": ["y", "yr", "yrs", "year", "years"],
}
DELTA = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


@prop(
    large=10_000,
    today=TODAYS,
    amount=st.integers(0, 999),
    unit=st.sampled_from("dwmy"),
    word=st.integers(0, 4),
    back=st.booleans(),
    spaced=st.booleans(),
    upper=st.booleans(),
)
def relative_dates_are_exact(today, amount, unit, word, back, spaced, upper):
    unit_word = UNIT_WORDS[unit][word % len(UNIT_WORDS[unit])]
    gap = " " if spaced or unit_word not in ("d", "w", "m", "y") else ""
    text = f"{amount}{gap}{unit_word} ago" if back else f"in {amount}{gap}{unit_word}"
    text = text.upper() if upper else text
    delta = relativedelta(**{DELTA[unit]: amount})
    assert parse_date(text, today) == (today - delta if back else today + delta)
    span = f"  {amount}{unit_word} "
    # A span has a range (dates.MAX_SPAN_YEARS, dates.span_bounds): beyond it, an error.
    days = amount * {"d": 1, "w": 7, "m": 30.5, "y": 366}[unit]
    for parse, expected, sign in (
        (parse_since, today - delta, -1),
        (parse_until, today + delta, 1),
    ):
        first, last = span_bounds(today, sign)
        if days <= MAX_SPAN_YEARS * 366 and first <= expected <= last:
            assert parse(span, today) == expected
        else:
            with pytest.raises(OneOnOneError):
                parse(span, today)


@prop(large=10_000, day=st.dates(), today=TODAYS, weekday=st.integers(0, 6), form=st.integers(0, 4))
def absolute_and_weekday_dates_are_exact(day, today, weekday, form):
    assert parse_date(day.isoformat(), today) == day
    assert parse_date(f" {day.isoformat()} ", today) == day
    name = WEEKDAY_NAMES[weekday][form % len(WEEKDAY_NAMES[weekday])]
    bare = parse_date(name.title(), today)
    assert bare.weekday() == weekday and 0 <= (today - bare).days <= 6
    last = parse_date(f"last {name}", today)
    assert last.weekday() == weekday and 1 <= (today - last).days <= 7
    following = parse_date(f"next  {name}", today)
    assert following.weekday() == weekday and 1 <= (following - today).days <= 7
    month = MONTHS[day.month - 1]
    if day.year >= 1000:  # written dates with a two- or three-digit year are dateutil's to guess
        written = [f"{month} {day.day}, {day.year}", f"{day.day} {month[:3]} {day.year}"]
        for text in written:
            assert parse_date(text, today) == day, text
    try:
        same_year = date(today.year, day.month, day.day)
    except ValueError:  # Feb 29 outside a leap year: must be an error, never another day
        with pytest.raises(OneOnOneError):
            parse_date(f"{month[:3]} {day.day}", today)
    else:
        assert parse_date(f"{month[:3]} {day.day}", today) == same_year


# ---------------------------------------------------------------- cadences and handles

LIMITS = {"d": 366, "w": 52, "m": 12}


@prop(
    large=8_000,
    unit=st.sampled_from("dwm"),
    amount=st.integers(1, 366),
    word=st.integers(0, 4),
    every=st.booleans(),
    pad=st.sampled_from(["", " ", "  \t"]),
)
def cadences_round_trip(unit, amount, word, every, pad):
    amount = min(amount, LIMITS[unit])
    cadence = Cadence(amount, unit)
    assert parse_cadence(str(cadence)) == cadence
    unit_word = UNIT_WORDS[unit][word % len(UNIT_WORDS[unit])]
    text = f"{pad}{'Every ' if every else ''}{amount} {unit_word.upper()}{pad}"
    assert parse_cadence(text) == cadence
    with pytest.raises(OneOnOneError):
        parse_cadence(f"{LIMITS[unit] + amount}{unit}")


@prop(large=8_000, text=DATEISH)
def cadences_parse_or_raise_our_error(text):
    try:
        cadence = parse_cadence(text)
    except OneOnOneError:
        return
    assert cadence.unit in LIMITS and 1 <= cadence.amount <= LIMITS[cadence.unit]
    assert parse_cadence(str(cadence)) == cadence


HANDLE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-"
HANDLE = re.compile(r"[a-z][a-z0-9_-]{0,31}")


@prop(
    large=8_000,
    text=st.one_of(
        st.text(alphabet=HANDLE_CHARS + "A Z.\n\t\u00e9\u0131\u212a", max_size=36),
        st.text(ANY_CHAR, max_size=36),
    ),
)
def handles_are_checked_exactly(text):
    normal = text.lower() if text.isascii() else text  # handles match case-insensitively
    try:
        assert check_handle(text) == normal
    except OneOnOneError as exc:
        assert not HANDLE.fullmatch(normal)
        assert str(exc).startswith(f"'{text}' is not a valid handle")
    else:
        assert HANDLE.fullmatch(normal), repr(text)


@prop(large=4_000, text=st.from_regex(HANDLE, fullmatch=True))
def valid_handles_are_accepted(text):
    assert check_handle(text) == text


# ---------------------------------------------------------------- note lines and tags

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() splits on
ONE_LINE = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters=LINE_BREAKS),
    min_size=1,
    max_size=80,
).filter(lambda t: t.strip())
SPELLINGS = {
    "roadblock": ["r", "R", "roadblock", "Roadblock", "ROADBLOCK", " r "],
    "morale": ["m", "M", "morale", "Morale", " MORALE "],
}
PROMPT_ID = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)


@prop(
    large=8_000,
    entries=st.lists(
        st.tuples(st.sampled_from(["roadblock", "morale"]), st.integers(0, 5), ONE_LINE), max_size=8
    ),
    asked=st.lists(PROMPT_ID, max_size=4),
    noise=st.lists(
        st.sampled_from(["", "   ", "# a comment", "  # r: not a note", "\t"]), max_size=4
    ),
)
def note_lines_round_trip(entries, asked, noise):
    lines = list(noise)
    for kind, spelling, text in entries:
        prefix = SPELLINGS[kind][spelling % len(SPELLINGS[kind])]
        lines.append(f"{prefix}:{text}")
    if asked:
        lines.append("asked: " + ", ".join(asked))
    parsed = parse_note_lines("\n".join(lines) + "\n")
    assert parsed.notes == tuple(NoteDraft(kind, text.strip()) for kind, _, text in entries)
    assert parsed.asked == tuple(dict.fromkeys(asked))


@prop(
    large=8_000,
    text=st.one_of(
        st.text(ANY_CHAR, max_size=300),
        st.lists(
            st.one_of(ONE_LINE, st.sampled_from(["r: x", "m:y", "asked: a, b", "#c", "", "q: no"])),
            max_size=6,
        ).map("\n".join),
    ),
)
def note_lines_parse_or_raise_our_error(text):
    try:
        parsed = parse_note_lines(text)
    except OneOnOneError as exc:
        assert str(exc).startswith("line ")
        return
    content = [
        line.strip()
        for line in note_lines(text)
        if line.strip() and not line.strip().startswith("#")
    ]
    asked_lines = [
        c for c in content if PREFIXES.get(c.partition(":")[0].strip().lower()) == "asked"
    ]
    assert len(parsed.notes) + len(asked_lines) == len(content)  # nothing silently dropped
    assert all(n.text and n.text == n.text.strip() and n.text in text for n in parsed.notes)


TAG_WORD = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}[A-Za-z0-9]", fullmatch=True)


@prop(large=8_000, text=NOTE_TEXT)
def tags_are_clean_and_stable(text):
    tags = extract_tags(text)
    assert isinstance(tags, tuple) and len(tags) == len(set(tags))
    for tag in tags:
        assert tag and not tag.startswith("#") and not any(ch.isspace() for ch in tag)
        assert not tag.endswith(("-", "_"))
    assert extract_tags(" ".join("#" + t for t in tags)) == tags  # stable: a tag reads as itself


@prop(large=6_000, words=st.lists(TAG_WORD, min_size=1, max_size=5), filler=ONE_LINE)
def written_tags_are_found(words, filler):
    filler = filler.replace("#", "")
    text = " ".join(f"{filler} #{w}" for w in words) + " ."
    assert set(extract_tags(text)) >= {w.lower() for w in words}


# ---------------------------------------------------------------- terminal safety

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a person cannot see or that moves what they see: controls, bidi marks and overrides,
# separators, zero-width and invisible format characters, tag characters.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200c\u200e\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


@prop(
    large=8_000,
    text=st.one_of(
        st.text(ANY_CHAR, max_size=200), st.text(st.characters(max_codepoint=0xA0), max_size=200)
    ),
)
def inert_leaves_no_control_characters(text):
    shown = inert(text)
    assert not HIDDEN.search(shown)
    if not HIDDEN.search(text):
        assert shown == text
    for ch in set(CONTROLS.findall(text)):
        assert f"\\x{ord(ch):02x}" in shown


# ---------------------------------------------------------------- the note round trip


@prop(
    large=6_000,
    small=40,
    notes=st.lists(
        st.tuples(st.sampled_from(["roadblock", "morale"]), NOTE_TEXT), min_size=1, max_size=4
    ),
    name=NOTE_TEXT,
    reason=NOTE_TEXT,
)
def store_round_trip(notes, name, reason, store, counter):
    counter[0] += 1
    handle = f"p{counter[0]}"
    store.add_person(Person(handle, name, "report", Cadence(1, "w"), date(2026, 1, 1)))
    assert store.person(handle).name == name
    on = date(2026, 1, 1) + timedelta(days=counter[0] % 365)
    drafts = [NoteDraft(kind, text) for kind, text in notes]
    meeting_id, note_ids = store.log_meeting(handle, on, drafts, [])
    store.cancel(handle, on, reason)
    [cancelled, held] = store.history(handle, since=None, kind=None)
    assert held.id == meeting_id and cancelled.reason == reason
    assert [(n.kind, n.text) for n in held.notes] == [(d.kind, d.text) for d in drafts]
    assert [n.id for n in held.notes] == note_ids
    assert [n.tags for n in held.notes] == [extract_tags(d.text) for d in drafts]


@prop(
    large=1_000,
    small=15,
    examples=(
        {"texts": ["0000" * 2501], "piped": False},
        {"texts": ["ok", "z" * 10_001], "piped": True},
        {"texts": [" " + "y" * 10_000 + " "], "piped": True},
    ),
    texts=st.lists(NOTE_TEXT.filter(lambda t: "\x00" not in t), min_size=1, max_size=3),
    piped=st.booleans(),
)
def cli_round_trip(texts, piped, run, counter):
    counter[0] += 1
    handle = f"c{counter[0]}"
    run("add", handle)
    lines = [t for t in texts if t.strip() and not any(b in t for b in LINE_BREAKS)]
    if piped:
        if not lines:
            return
        if any(len(t.strip()) > MAX_NOTE_CHARS for t in lines):
            assert "at most 10,000" in run.fails(
                "log", handle, input="".join(f"r: {t}\n" for t in lines)
            )
            assert run.json("show", handle) == []
            return
        run("log", handle, input="".join(f"r: {t}\n" for t in lines))
        expected = [t.strip() for t in lines]
    else:
        if not all(t.strip() for t in texts) or any(len(t.strip()) > MAX_NOTE_CHARS for t in texts):
            run.fails("log", handle, *[a for t in texts for a in ("-R", t)])
            assert run.json("show", handle) == []
            return
        run("log", handle, *[a for t in texts for a in ("-R", t)])
        expected = [t.strip() for t in texts]
    [meeting] = run.json("show", handle)
    assert [n["text"] for n in meeting["notes"]] == expected


# ---------------------------------------------------------------- theme sums: SQL against the notes

THEME_SAYINGS = [
    "false alarms on call again all night",
    "paged at 3am for nothing",
    "flaky ci tests again",
    "the pipeline is red and we just hit retry",
    "waiting on the platform team for weeks",
    "staging env is broken again",
    "staging env down, blocked",
    "code review takes days",
    "too many meetings, no focus time",
    "parental leave next month",
    "happy with the project",
    "burned out after the launch",
    "no docs for the billing service again",
    "#oncall",
    "kafka consumer lag again, stuck",
    "kafka consumer lag is back",
    "nothing much",
]


@prop(
    large=2_000,
    small=25,
    examples=(
        {
            "notes": [
                (0, 20, "roadblock", "paged at 3am for nothing", ""),
                (0, 20, "roadblock", "false alarms on call again all night", " #oncall"),
                (1, 18, "roadblock", "flaky ci tests again", ""),
                (1, 18, "roadblock", "staging env is broken again", ""),
                (2, 19, "roadblock", "staging env down, blocked", ""),
            ],
            "span": 20,
            "kind": "roadblock",
            "person": None,
            "user_term": False,
        },
    ),
    notes=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(0, 20),
            st.sampled_from(["roadblock", "morale"]),
            st.sampled_from(THEME_SAYINGS),
            st.sampled_from(["", " #oncall", " #flaky-ci", "!"]),
        ),
        min_size=1,
        max_size=40,
    ),
    span=st.integers(0, 20),
    kind=st.sampled_from(["roadblock", "morale", None]),
    person=st.sampled_from([None, "p0", "p3"]),
    user_term=st.booleans(),
)
def theme_sums_match_the_notes(notes, span, kind, person, user_term):
    """What the store sums in SQL for a themes report is what summing the notes' own
    signatures gives: per-theme tallies, the unclaimed notes, the previous window's counts."""
    from oneonone_cli.domain.records import Window
    from oneonone_cli.services.themes import theme_counts, theme_window
    from oneonone_cli.themes.analysis import NoteSig, analyse
    from oneonone_cli.themes.grouping import tally
    from oneonone_cli.themes.lexicon import load_lexicon

    store = Store.open(None, create=False)
    start = date(2026, 1, 1)
    for p in range(4):
        store.add_person(Person(f"p{p}", f"P{p}", "report", Cadence(1, "w"), start))
    meetings: dict[tuple[int, int], list[NoteDraft]] = {}
    for who, day, note_kind, saying, extra in notes:
        meetings.setdefault((who, day), []).append(NoteDraft(note_kind, saying + extra))
    for (who, day), drafts in meetings.items():
        store.log_meeting(f"p{who}", start + timedelta(days=day), drafts, [])
    lexicon = load_lexicon([("kafka-lag", "kafka consumer lag")] if user_term else [])
    today = start + timedelta(days=20)
    since = today - timedelta(days=span)

    def expected(first: date, last: date):
        sigs = [
            NoteSig(n.id, n.person, m.id, n.on, analyse(n.text, n.tags, n.kind, lexicon))
            for p in range(4)
            for m in store.history(f"p{p}", since=None, kind=None)
            for n in m.notes
            if first <= n.on <= last and kind in (None, n.kind) and person in (None, n.person)
        ]
        themed: dict[str, list] = {}
        for s in sigs:
            if s.signature.theme:
                themed.setdefault(s.signature.theme, []).append(s)
        rest = sorted((s for s in sigs if not s.signature.theme), key=lambda s: (s.on, s.id))
        return {k: tally(k, v) for k, v in themed.items()}, rest

    for round in range(3):  # then every note is analysed already; then one more 1:1 is not
        if round == 2:
            store.log_meeting(
                "p0",
                today,
                [
                    NoteDraft("roadblock", "flaky ci tests again"),
                    NoteDraft("morale", "staging env down, blocked"),
                ],
                [],
            )
        tallies, unthemed = theme_window(store, lexicon, Window(since, today, kind, person))
        want_tallies, want_rest = expected(since, today)
        assert {t.key: t for t in tallies} == want_tallies
        assert unthemed == want_rest
        phrases = {p: "phrase:" + p for s in want_rest for p in s.signature.phrases}
        before, _ = expected(since - timedelta(days=span + 1), since - timedelta(days=1))
        _, before_rest = expected(since - timedelta(days=span + 1), since - timedelta(days=1))
        before_window = Window(
            since - timedelta(days=span + 1), since - timedelta(days=1), kind, person
        )
        counts = theme_counts(store, lexicon, before_window, phrases=phrases)
        want = {k: len(t.note_ids) for k, t in before.items()}
        for phrase, key in phrases.items():
            n = sum(phrase in s.signature.phrases for s in before_rest)
            if n:
                want[key] = n
        assert counts == want


def context_for(name: str, tmp_path: Path, request) -> dict:
    if name == "store_round_trip":
        return {"store": Store.open(tmp_path / "props.db", create=True), "counter": [0]}
    if name == "cli_round_trip":
        return {"run": request.getfixturevalue("run"), "counter": [0]}
    return {}


# ---------------------------------------------------------------- the two profiles


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property_small_profile(name, tmp_path, request):
    calls = run_property(name, PROPERTIES[name].small, **context_for(name, tmp_path, request))
    assert calls >= 1


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="heavy profile: set ONEONONE_SLOW=1 (run by benchmarks/)")
@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property_large_profile(name, tmp_path, request):
    target = max(1, int(PROPERTIES[name].large * SCALE))
    run_property(name, target, **context_for(name, tmp_path, request))


def test_the_large_profile_runs_at_least_100_000_examples():
    assert sum(p.large for p in PROPERTIES.values()) >= 100_000


def test_a_one_megabyte_note_round_trips_through_the_store(tmp_path):
    store = Store.open(tmp_path / "big.db", create=True)
    store.add_person(Person("alice", "Alice", "report", Cadence(1, "w"), date(2026, 1, 1)))
    unit = "\x00\U0001f600 \u05e9\u05dc\u05d5\u05dd '\"; DROP TABLE notes;--\x1b[2J\u202e#tag\n"
    big = (unit * (1_048_576 // len(unit) + 1))[:1_048_576]
    store.log_meeting("alice", date(2026, 1, 2), [NoteDraft("roadblock", big)], [])
    store.close()
    again = Store.open(tmp_path / "big.db", create=True)
    [meeting] = again.history("alice", since=None, kind=None)
    assert meeting.notes[0].text == big and len(big) == 1_048_576


@pytest.mark.parametrize(
    ("text", "fuzzy"),
    [
        ("5pm", False),
        ("12:30", False),
        ("12h", False),
        ("2", False),
        ("mar", False),
        ("march", False),
        ("2026", False),
        ("monday morning", True),
        ("2pm utc", True),
        ("today 5pm", True),
    ],
)
def test_what_dateutil_reads_as_today_is_an_error(text, fuzzy):
    from datetime import datetime

    from dateutil import parser

    today = date(2026, 3, 2)  # a Monday
    assert parser.parse(text, default=datetime(2026, 3, 2), fuzzy=fuzzy).date() == today
    for parse in (parse_date, parse_since, parse_until):
        with pytest.raises(OneOnOneError):
            parse(text, today)


@pytest.mark.parametrize("text", ["9999 years ago", "in 9999 years", "9999y", "2100 yrs ago"])
def test_out_of_range_amounts_raise_our_error(text):
    """Years outside 1..9999 are the user's to fix, not a crash (relativedelta's ValueError)."""
    for parse in (parse_date, parse_since, parse_until):
        try:
            parse(text, date(2026, 3, 2))
        except OneOnOneError:
            pass
