"""Tables are drawn the fast way (fastpath.Line cells, no padding of the table's own) but must look
exactly as rich draws the same table the plain way: Text cells in a padded table."""

from __future__ import annotations

import io
import itertools
from datetime import date

import pytest
from rich.ansi import AnsiDecoder
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from oneonone_cli.render import fastpath, tables

TEXTS = [
    "",
    "x",
    "alice",
    "Bob Haddad",
    "a very long name that wraps somewhere",
    "王小明 🙂 Zoë",
    "  spaced  out  ",
    "2026-11-23",
    "x" * 50,
]
WIDTHS = (1, 2, 3, 12, 20, 40, 60, 80, 100, 200)


def shown(lines) -> list[list[tuple[str, str]]]:
    """Each line's characters with their style: what the reader sees, however it is segmented."""
    return [[(ch, str(seg.style or "")) for seg in line for ch in seg.text] for line in lines]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("style", ["", "bold red"])
def test_a_line_cell_draws_and_measures_as_padded_text(text, style):
    console = Console(width=120, force_terminal=True, color_system="truecolor", highlight=False)
    fast = fastpath.Line(text, cell_len(text) + 2, console.get_style(style), style)
    plain = fast.laid_out()
    for width, (no_wrap, overflow), justify in itertools.product(
        range(fast.width + 4), [(True, "ellipsis"), (False, "fold")], ["left", None, "right"]
    ):
        options = console.options.update(
            width=width, no_wrap=no_wrap, overflow=overflow, justify=justify
        )
        where = (width, no_wrap, justify)
        assert shown(console.render_lines(fast, options)) == shown(
            console.render_lines(plain, options)
        ), where
        assert Measurement.get(console, options, fast) == Measurement.get(
            console, options, plain
        ), where


def plain_table(title, columns, rows, *, caption=None):
    """The same table drawn the plain way: Text cells, the table's own padding; the columns
    fitted to the width as tables.fit decides, the title and caption as tables.heading draws."""
    console = tables._console()
    cells = [[c if isinstance(c, Text) else Text(tables._cell(c)) for c in row] for row in rows]
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
    tables.heading(console, caption, "table.caption")


def styled_text(output: str) -> list[list[tuple[str, str]]]:
    console = Console()
    return [
        [(ch, str(line.get_style_at_offset(console, i))) for i, ch in enumerate(line.plain)]
        for line in AnsiDecoder().decode(output)
    ]


ROWS = [
    ["alice", "Alice Smith", date(2026, 3, 2), tables.styled("3d", "bold red"), 2],
    ["bob", "王小明 🙂 with a longer name", None, tables.styled("today", "yellow"), 0],
    ["chen", "tab\there", date(2026, 1, 1), "in 4d", ("a", "b")],
    ["dana", "two\nlines", date(2026, 2, 2), "", "\x1b[31mnot red\x1b[0m"],
    ["", "a-very-long-unbreakable-name-that-has-to-be-folded-somewhere", None, "x", None],
    # Several lines, styled (a themes table's name and trend): fastpath.Block cells.
    [
        "fay",
        tables.styled("⚠ Cross-team dependencies\n(dependencies)", "bold red"),
        date(2026, 4, 4),
        tables.styled("↑ rising from 3\n▁▃▅█", "red"),
        "a\n\nb",
    ],
    *(
        ["e" * n, "Eve " * n, date(2026, 1, n), tables.styled(f"{n}d", "bold red"), n]
        for n in range(1, 6)
    ),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("rows", [ROWS, ROWS[:2], ROWS[-3:], []], ids=["all", "2", "3", "none"])
def test_tables_look_as_rich_draws_them_plainly(monkeypatch, width, color, rows):
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
        draw(
            "Title: [b]not markup[/b] :smile:",
            ["Person", "Name", "Due", "Overdue", "Text"],
            rows,
            caption="a caption",
        )
        outputs.append(buffer.getvalue())
    fast, plain = outputs
    assert styled_text(fast) == styled_text(plain) if color else fast == plain
