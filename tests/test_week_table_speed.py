"""`week`'s table, drawn faster (render/fastpath.py): a cell of plain text is wrapped without
rich's Text (fastpath.plain_wrap) and must give exactly the lines rich's Text.wrap gives; any
other text is left to rich. The tables drawn with it must look exactly as rich draws them."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.ansi import AnsiDecoder
from rich.console import Console
from rich.table import Table
from rich.text import Text

from oneonone_cli.render import fastpath, tables


def rich_lines(text: str, width: int) -> list[str]:
    """What the fast path would draw without plain_wrap: Text's own wrap, as split_row calls it."""
    console = Console(width=200, highlight=False)
    lines = Text(text).wrap(console, width, justify="left", overflow="fold", tab_size=8)
    return [line.plain for line in lines]


# Words, runs of spaces, long words that must fold, non-ASCII that is one cell wide (plain:
# wrapped the fast way), and characters that are not (wide, combining, tabs, control: rich's).
PLAIN = ["a", "bb", "word", "x" * 13, "y" * 30, " ", "  ", "   ", "é", "Zoë", "\xa0", "ß", "ж"]
NOT_PLAIN = ["—", "王", "🙂", "e\u0301", "\t", "\x1b", "\u200d", "\xad", "\x07"]


def texts(parts):
    return st.lists(st.sampled_from(parts), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=texts(PLAIN + ["\n"]), width=st.integers(1, 40))
@example(text="", width=1)
@example(text="   ", width=2)
@example(text="ab  cd", width=2)
@example(text="  " + "x" * 9, width=4)
@example(text="abc " + "y" * 30 + "  z", width=7)
@example(text="one two three", width=8)
@example(text="a\n\nb\n", width=3)
@example(text="\xa0\xa0word\xa0 next", width=5)
def test_plain_wrap_gives_exactly_rich_lines(text, width):
    lines = fastpath.plain_wrap(text, width)
    assert lines == rich_lines(text, width)
    assert all(len(line) == width for line in lines)


@settings(max_examples=200, deadline=None)
@given(text=texts(PLAIN), odd=st.sampled_from(NOT_PLAIN), at=st.integers(0, 25))
def test_text_that_is_not_plain_is_left_to_rich(text, odd, at):
    text = text[:at] + odd + text[at:]
    assert fastpath.plain_wrap(text, 10) is None


def test_plain_wrap_folds_long_words_and_drops_the_spaces_beyond_the_width():
    assert fastpath.plain_wrap("abcdefghij", 4) == ["abcd", "efgh", "ij  "]
    assert fastpath.plain_wrap("ab      cd", 4) == ["ab  ", "cd  "]
    assert fastpath.plain_wrap("", 3) == ["   "]
    assert fastpath.plain_wrap("x", 0) is None


def test_a_wrapped_plain_cell_is_not_laid_out_by_text(monkeypatch):
    """The fast path wraps a plain note without rich's Text.wrap (else this test's table would
    fail): what makes a long week's table cheaper."""

    def refused(*args, **kwargs):
        raise AssertionError("Text.wrap called for a plain cell")

    console = Console(width=40, highlight=False)
    probe = Table(padding=0)
    probe.add_column("A", width=5)
    probe.add_column("Text", width=10, overflow="fold")
    row = [fastpath.Line("ab", 4, None, ""), fastpath.Line("one two three", 15, None, "")]
    monkeypatch.setattr(Text, "wrap", refused)
    lines = fastpath.split_row(console, row, [5, 10], probe.columns)
    assert [[c.text for c in line] for line in lines] == [["ab", "one two "], ["", "three   "]]
    wide = [fastpath.Line("ab", 4, None, ""), fastpath.Line("王 one two", 11, None, "")]
    with pytest.raises(AssertionError, match="Text.wrap called"):
        fastpath.split_row(console, wide, [5, 10], probe.columns)


# The table itself: fast and plain rich at many widths, for notes of every kind of text.
def plain_table(title, columns, rows):
    """The same table drawn the plain way: Text cells in rich's own padded table, the columns
    fitted as tables.fit decides (as tests/test_render.py draws it)."""
    console = tables._console()
    cells = [[Text(tables._cell(c)) for c in row] for row in rows]
    shown, widths = tables.fit(columns, [[c.plain for c in row] for row in cells], console.width)
    grid = Table()
    for index, width in zip(shown, widths, strict=True):
        column = columns[index]
        if column in tables.WRAPPING:
            grid.add_column(column, overflow="fold", width=width and width - 2)
        else:
            values = [c.plain for row in cells for c in row[index : index + 1]]
            no_wrap = tables.whole(column, values, width)
            grid.add_column(column, no_wrap=no_wrap, overflow="fold", width=width - 2)
    for row in cells:
        grid.add_row(*[row[i] for i in shown])
    tables.heading(console, title, "table.title")
    console.print(grid)


def styled_text(output: str) -> list[list[tuple[str, str]]]:
    console = Console()
    return [
        [(ch, str(line.get_style_at_offset(console, i))) for i, ch in enumerate(line.plain)]
        for line in AnsiDecoder().decode(output)
    ]


NOTES = [
    "the release train keeps slipping because staging is shared with the data team",
    "a-very-long-unbreakable-identifier-that-must-be-folded-somewhere-in-the-column",
    "  leading and trailing spaces   and   runs of them   ",
    "Zoë's café — naïve façade, déjà vu",
    "王小明 🙂 waits on reviews",
    "tab\tseparated",
    "two\nlines",
    "",
    "x",
]


@pytest.mark.parametrize("width", [20, 33, 47, 60, 80, 121, 200])
@pytest.mark.parametrize("color", [False, True], ids=["no-color", "color"])
def test_a_week_like_table_looks_as_rich_draws_it(monkeypatch, width, color):
    rows = [
        [f"p{n % 3}", "2026-11-2" + str(n % 7), "roadblock", note]
        for n, note in enumerate(NOTES * 3)
    ]
    outputs = []
    for draw in (tables.table, plain_table):
        buffer = io.StringIO()
        monkeypatch.setattr(
            tables,
            "_console",
            lambda buffer=buffer: Console(
                file=buffer,
                width=width,
                highlight=False,
                force_terminal=color,
                color_system="truecolor" if color else None,
            ),
        )
        draw("What came up", ["Who", "Date", "Kind", "Text"], rows)
        outputs.append(buffer.getvalue())
    fast, plain = outputs
    assert fast.count("\n") > len(rows)
    assert styled_text(fast) == styled_text(plain) if color else fast == plain


def test_every_character_inert_escapes_is_not_printable():
    """inert() skips translate for printable text: right only while no escaped character is
    printable (a character added to the escapes that is would be left as it is)."""
    from oneonone_cli.render import text as text_module

    assert text_module._CONTROL
    assert all(not chr(code).isprintable() for code in text_module._CONTROL)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        st.one_of(
            st.characters(),
            st.sampled_from(["\x1b", "\x7f", "\x85", "\xad", "\u200b", "\u202e", "\U000e0041"]),
        ),
        max_size=30,
    )
)
def test_inert_is_translate_whatever_the_text(text):
    from oneonone_cli.render import text as text_module

    assert text_module.inert(text) == text.translate(text_module._CONTROL)


def test_the_signals_of_a_window_are_every_held_1on1_with_one(run, journal):
    """store.signals_between reads the held 1:1s person by person (an index range each): it
    must find exactly what a scan of every meeting finds, for archived and renamed people,
    cancelled and moved 1:1s, on the window's edges."""
    from datetime import date, timedelta

    from oneonone_cli.store.core import Store

    for handle in ("alice", "bob", "chen", "dana"):
        run("add", handle)
    days = [f"2026-02-{d:02d}" for d in (1, 9, 10, 16, 20, 23, 28)]
    for n, day in enumerate(days):
        run("log", "alice", "--on", day, "--mood", str(n % 5 + 1))
        run("log", "bob", "--on", day, "--talk", f"{n * 10}%", "--no-notes")
        run("log", "chen", "--on", day, "-R", "no signals on this one")
        if n % 2:
            run("log", "dana", "--on", day, "--status", "--no-notes")
    run("cancel", "chen", "--on", "2026-02-24")
    run("reschedule", "bob", "--to", "2026-03-05")
    run("archive", "dana")
    run("rename", "alice", "ally")

    store = Store.open(journal, create=False)
    try:
        rows = store.conn.execute(
            "SELECT person, date, mood, talk, status_update, status, id FROM meetings"
        ).fetchall()
        for since, until in [
            (date(2026, 2, 9), date(2026, 2, 16)),
            (date(2026, 2, 10), date(2026, 2, 10)),
            (date(2026, 1, 1), date(2026, 3, 2)),
            (date(2026, 2, 2), date(2026, 2, 8)),
            (date(2026, 2, 24), date(2026, 2, 28)),
        ]:
            found = store.signals_between(since, until)
            scanned = sorted(
                (r for r in rows if since.isoformat() <= r[1] <= until.isoformat()),
                key=lambda r: (r[0], r[1], r[6]),
            )
            expected = [
                (r[0], date.fromisoformat(r[1]), (r[2], r[3], None if r[4] is None else bool(r[4])))
                for r in scanned
                if r[5] == "held" and (r[2], r[3], r[4]) != (None, None, None)
            ]
            assert [(p, d, tuple(s)) for p, d, s in found] == expected, (since, until)
        everything = store.signals_between(date(2026, 1, 1), date(2026, 3, 2) + timedelta(1))
        assert {p for p, _, _ in everything} == {"ally", "bob", "dana"}
    finally:
        store.conn.close()


@settings(max_examples=300, deadline=None)
@given(st.lists(texts(PLAIN + NOT_PLAIN + ["\n", "\r", "\x0c", "\u2028", "ab cd"]), max_size=6))
def test_widest_measures_lines_and_words_as_cell_len_does(values):
    """tables.widest measures printable ASCII with len(): the same as cell_len line by line
    and word by word, for any text."""
    from rich.cells import cell_len

    lines = [cell_len(line) for text in values for line in text.splitlines()]
    words = [cell_len(w) for text in values for w in text.split()]
    assert tables.widest(values) == (max(lines, default=0), max(words, default=0))


@pytest.mark.parametrize(
    ("tags", "expected"),
    [("[]", ()), ('["oncall"]', ("oncall",)), ("[ ]", ()), ('["a", "b"]', ("a", "b"))],
)
def test_a_notes_tags_are_read_from_its_json_list(tags, expected):
    """note_columns spares json.loads for '[]' (most notes): the same tags as reading it."""
    from datetime import date

    from oneonone_cli.store.meetings import note_columns

    assert note_columns(1, "text", tags, "2026-03-02") == ("text", expected, date(2026, 3, 2))


@pytest.mark.parametrize("tags", ["[1]", "x", None, "{}", '"[]"', "[]x", 7])
def test_damaged_tags_are_named_not_a_crash(tags):
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.store.meetings import note_columns

    with pytest.raises(OneOnOneError, match="7"):
        note_columns(7, "text", tags, "2026-03-02")


def test_a_long_plain_table_is_printed_in_parts_and_as_rich_draws_it(monkeypatch):
    """A joined row of plain cells is one segment of up to RUN_LINES lines: a long table is
    still printed a bounded number of characters at a time (peak memory), as rich draws it."""
    rows = [
        [f"p{n}", "2026-11-23", "roadblock", NOTES[0] if n % 3 else "short"] for n in range(450)
    ]
    real_print = Console.print

    def drawn(draw, characters):
        prints = []

        def counted(self, *args, **kwargs):
            prints.append(1)
            return real_print(self, *args, **kwargs)

        buffer = io.StringIO()
        with monkeypatch.context() as m:
            m.setattr(fastpath, "PRINTED_CHARACTERS", characters)
            m.setattr(tables, "_console", lambda: Console(file=buffer, width=80, highlight=False))
            m.setattr(Console, "print", counted)
            draw("What came up", ["Who", "Date", "Kind", "Text"], rows)
        return buffer.getvalue(), len(prints)

    plain, _ = drawn(plain_table, 0)
    small, in_parts = drawn(tables.table, 2000)
    large, at_once = drawn(tables.table, 1 << 30)
    assert small == large == plain
    assert plain.count("\n") > 450
    assert in_parts > at_once  # a part is printed once past 2,000 characters
