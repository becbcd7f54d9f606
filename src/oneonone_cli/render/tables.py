"""Rich tables fitted to the terminal (fit), their titles and captions, and styled cells; drawn
the fast way (render/fastpath.py). rich is imported only when a table is drawn, so `--json`
and plain messages never load it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from oneonone_cli.render.fastpath import Block, Line, one_line_rows_joined
from oneonone_cli.render.text import inert


def _console():
    from rich.console import Console

    return Console(highlight=False)


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str | None = None,
    drop: Sequence[str] = (),
    want: dict[str, int] | None = None,
) -> None:
    """A rich table of these rows, drawn for less than rich's plain way costs (half a
    millisecond a row): one-line cells hand rich their segments (Line), and rows that take
    one line each are drawn as one (one_line_rows_joined). It looks exactly as the plain table:
    tests/test_render.py draws both at many widths.

    The columns are fitted to the terminal (see `fit`): when they do not all fit, the columns
    named in `drop` go first, in that order, so that the ones that carry the meaning keep room.
    `want` is how wide a wrapping column should be for it to read well."""
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = _console()
    styles: dict[Any, Any] = {}

    def cell(value: Any) -> tuple[str, Any]:
        """(the cell's text, what rich draws). Cells are text, never markup: nothing a note says
        is parsed."""
        if isinstance(value, Text):
            text, style = value.plain, value.style
        else:
            text, style = _cell(value), ""
        if "\t" in text or (isinstance(value, Text) and value.spans):
            # Tabs (rich expands them) or spans: rich's own layout.
            return text, Padding(value if isinstance(value, Text) else Text(text), (0, 1))
        if style not in styles:
            styles[style] = console.get_style(style)
        if "\n" in text:  # several lines: laid out as rich would, for less (fastpath.Block)
            widest = max(map(cell_len, text.splitlines()), default=0)
            return text, Block(text, widest + 2, styles[style], style)
        return text, Line(text, cell_len(text) + 2, styles[style], style)

    texts = [[cell(c) for c in row] for row in rows]
    shown_columns, widths = fit(
        columns, [[text for text, _ in row] for row in texts], console.width, drop=drop, want=want
    )
    cells = [[row[i][1] for i in shown_columns] for row in texts]
    headers = [Padding(Text(columns[i]), (0, 1)) for i in shown_columns]

    def grid() -> Table:
        """The table with its columns and no rows yet."""
        # Cells and headers are Text: never markup, and no ':name:' turned into an emoji (which
        # also spares loading rich's table of 3,600 emoji codes, ~3 ms). The table pads nothing
        # itself: each cell carries its one space either side (see fastpath.Line).
        empty = Table(padding=0)
        for index, header, width in zip(shown_columns, headers, widths, strict=True):
            # Free text wraps (only a word longer than its column is cut); short values
            # (handles, dates, counts) keep their full width.
            if columns[index] in WRAPPING:
                empty.add_column(header, overflow="fold", width=width)
            else:  # a header wider than the values wraps onto two lines
                empty.add_column(header, no_wrap=cell_len(columns[index]) + 2 <= width, width=width)
        return empty

    shown = grid()
    for row in one_line_rows_joined(console, grid(), cells):
        shown.add_row(*row)
    heading(console, title, "table.title")
    console.print(shown)
    heading(console, caption, "table.caption")


def heading(console, text: str | None, style: str) -> None:
    """A table's title or caption: wrapped to the terminal, never padded with spaces to its
    width (they would end up in a file the output is saved to)."""
    if not text:
        return
    from rich.text import Text

    for line in Text(inert(text), style=style).wrap(console, max(console.width, 20)):
        line.rstrip()
        console.print(line, soft_wrap=True)


WORD_CAP = 20  # a word longer than this may be cut to fit; a shorter one never is


def fit(
    columns: Sequence[str],
    texts: Sequence[Sequence[str]],
    width: int,
    *,
    drop: Sequence[str] = (),
    want: dict[str, int] | None = None,
) -> tuple[list[int], list[int | None]]:
    """Which columns to show at this terminal width, and each one's width with its padding.

    Short values keep their full width (a header of several words may wrap onto two lines).
    Wrapping columns get at least their longest word (up to WORD_CAP) and share what is left,
    the narrow ones first getting all they need. When the columns cannot have what they want,
    those named in `drop` go, in that order. If even then they cannot have their longest words,
    the widths are left to rich (None), as a terminal too narrow for any table gets."""
    from rich.cells import cell_len

    want = want or {}
    words = [[cell_len(w) for w in column.split()] or [0] for column in columns]
    natural, least, wanted = [], [], []
    for i, column in enumerate(columns):
        lines = [cell_len(line) for row in texts for line in row[i].splitlines()]
        if column in WRAPPING:
            longest_word = max([*words[i], *(cell_len(w) for row in texts for w in row[i].split())])
            full = max([cell_len(column), *lines]) + 2
            low = min(longest_word, WORD_CAP) + 2
            natural.append(full)
            least.append(min(low, full))
            wanted.append(min(full, max(low, want.get(column, 0) + 2)))
        else:
            full = max([max(words[i]), *lines]) + 2
            natural.append(full)
            least.append(full)
            wanted.append(full)
    shown = list(range(len(columns)))

    def needs(sizes: list[int]) -> int:
        return sum(sizes[i] for i in shown) + len(shown) + 1  # and the borders

    for name in drop:
        if needs(wanted) <= width:
            break
        if name in columns and len(shown) > 1:
            shown.remove(columns.index(name))
    if needs(natural) <= width:
        return shown, [natural[i] for i in shown]
    if needs(least) > width:  # headers whole, wrapping columns to rich
        return shown, [
            None if columns[i] in WRAPPING else max(natural[i], cell_len(columns[i]) + 2)
            for i in shown
        ]
    room = width - needs([0] * len(columns))
    flexible = [i for i in shown if columns[i] in WRAPPING]
    room -= sum(natural[i] for i in shown if i not in flexible)
    # Water-filling: the largest level every wrapping column may grow to, within its needs.
    level = 0
    while sum(min(natural[i], max(least[i], level + 1)) for i in flexible) <= room and level < max(
        natural[i] for i in flexible
    ):
        level += 1
    sizes = {i: min(natural[i], max(least[i], level)) for i in flexible}
    spare = room - sum(sizes.values())
    for i in sorted(flexible, key=lambda i: -natural[i]):  # what rounding left: the widest
        if spare > 0 and sizes[i] < natural[i]:
            sizes[i] += 1
            spare -= 1
    return shown, [sizes.get(i, natural[i]) for i in shown]


WRAPPING = {"Name", "Prompt", "Text", "Latest", "Why grouped", "People", "Theme", "Tags", "Yours"}


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return ", ".join(_cell(v) for v in value)
    return inert(str(value))


def styled(text: str, style: str):
    from rich.text import Text

    return Text(inert(text), style=style)
