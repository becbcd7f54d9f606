"""Rich tables fitted to the terminal, drawn the fast way (see _Line); rich is imported only when
a table is drawn, so `--json` and plain messages never load it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from oneonone_cli.render.text import inert

def _console():
    from rich.console import Console

    return Console(highlight=False)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
          caption: str | None = None, drop: Sequence[str] = (),
          want: dict[str, int] | None = None) -> None:
    """A rich table of these rows, drawn for less than rich's plain way costs (half a
    millisecond a row): one-line cells hand rich their segments (_Line), and rows that take
    one line each are drawn as one (_one_line_rows_joined). It looks exactly as the plain table:
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
        if "\n" in text or "\t" in text or (isinstance(value, Text) and value.spans):
            # Several lines, tabs (rich expands them) or spans: rich's own layout.
            return text, Padding(value if isinstance(value, Text) else Text(text), (0, 1))
        if style not in styles:
            styles[style] = console.get_style(style)
        return text, _Line(text, cell_len(text) + 2, styles[style], style)

    texts = [[cell(c) for c in row] for row in rows]
    shown_columns, widths = fit(columns, [[text for text, _ in row] for row in texts],
                                console.width, drop=drop, want=want)  # fmt: skip
    cells = [[row[i][1] for i in shown_columns] for row in texts]
    headers = [Padding(Text(columns[i]), (0, 1)) for i in shown_columns]

    def grid() -> Table:
        """The table with its columns and no rows yet."""
        # Cells and headers are Text: never markup, and no ':name:' turned into an emoji (which
        # also spares loading rich's table of 3,600 emoji codes, ~3 ms). The table pads nothing
        # itself: each cell carries its one space either side (see _Line).
        empty = Table(padding=0)
        for index, header, width in zip(shown_columns, headers, widths):
            # Free text wraps (only a word longer than its column is cut); short values
            # (handles, dates, counts) keep their full width.
            if columns[index] in WRAPPING:
                empty.add_column(header, overflow="fold", width=width)
            else:  # a header wider than the values wraps onto two lines
                empty.add_column(header, no_wrap=cell_len(columns[index]) + 2 <= width,
                                 width=width)  # fmt: skip
        return empty

    shown = grid()
    for row in _one_line_rows_joined(console, grid(), cells):
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


def fit(columns: Sequence[str], texts: Sequence[Sequence[str]], width: int, *,
        drop: Sequence[str] = (), want: dict[str, int] | None = None,
        ) -> tuple[list[int], list[int | None]]:  # fmt: skip
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
        return shown, [None if columns[i] in WRAPPING else max(natural[i], cell_len(columns[i]) + 2)
                       for i in shown]  # fmt: skip
    room = width - needs([0] * len(columns))
    flexible = [i for i in shown if columns[i] in WRAPPING]
    room -= sum(natural[i] for i in shown if i not in flexible)
    # Water-filling: the largest level every wrapping column may grow to, within its needs.
    level = 0
    while sum(min(natural[i], max(least[i], level + 1)) for i in flexible) <= room and \
            level < max(natural[i] for i in flexible):
        level += 1
    sizes = {i: min(natural[i], max(least[i], level)) for i in flexible}
    spare = room - sum(sizes.values())
    for i in sorted(flexible, key=lambda i: -natural[i]):  # what rounding left: the widest
        if spare > 0 and sizes[i] < natural[i]:
            sizes[i] += 1
            spare -= 1
    return shown, [sizes.get(i, natural[i]) for i in shown]


def _one_line_rows_joined(console, probe, cells: list[list[Any]]) -> list[list[Any]]:
    """The rows to draw: each run of rows that take one line each (most rows, most often) joined
    into one row of _Lines cells, which rich draws as fast as one row.

    Whether a row takes one line depends on the widths rich gives the columns, which depend on
    the terminal: they are read off `probe`, the same table with one row of _Lines cells that
    each stand for a whole column (measured as all its cells are). A joined row looks exactly
    as the rows it stands for: no lines are drawn between rows."""
    if not any(all(isinstance(c, _Line) for c in row) for row in cells):
        return cells  # no row could take one line (a themes table): nothing to join
    stand_ins = [_Column(list(column)) for column in zip(*cells)]
    probe.add_row(*stand_ins)
    console.render_lines(probe, console.options)  # sets each stand-in's width
    widths = [s.width for s in stand_ins]
    if max(widths) < 3:  # no column has room for text: draw the rows one by one
        return cells
    out: list[list[Any]] = []
    run: list[list[Any]] = []
    for row in [*cells, None]:
        if row is not None and all(isinstance(c, _Line) and (c.width <= w or w < 3)
                                   for c, w in zip(row, widths)):  # fmt: skip
            run.append(row)
            continue
        if len(run) == 1:
            out.append(run[0])
        elif run:
            out.append([_Lines(list(column)) for column in zip(*run)])
        run = []
        if row is not None:
            out.append(row)
    return out


class _Line:
    """A table cell of one line whose width is known, with the one space either side that the
    table would add.

    Laying a cell out through rich's Padding and Text costs ~40 us, most of a long table's time;
    this hands rich the cell's segments as they are. Everything else is what Padding and Text
    would do: a column too narrow for the line (a narrow terminal) gets the cell laid out by them
    after all, so it wraps or is cut exactly as before, and a measured column (one that wraps)
    is measured as they would measure it. tests/test_render.py compares the two at every width.
    """

    __slots__ = ("style", "style_name", "text", "width")

    def __init__(self, text: str, width: int, style: Any, style_name: Any) -> None:
        self.text = text
        self.width = width  # the text's cells, plus the padding
        self.style = style
        self.style_name = style_name

    def laid_out(self):
        """The cell as Padding and Text: what it stands for."""
        from rich.padding import Padding
        from rich.text import Text

        return Padding(Text(self.text, style=self.style_name), (0, 1))

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        room = options.max_width - self.width
        if options.max_width < 3:  # no room inside the padding: Padding draws nothing
            return []
        if room >= 0 and options.justify == "left":  # as in a table column
            # The text, styled up to the column's edge, between two spaces.
            if not self.style:
                return [Segment(f" {self.text}{' ' * room} ")]
            return [Segment(" "), Segment(self.text + " " * room, self.style), Segment(" ")]
        return [self.laid_out()]

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len
        from rich.measure import Measurement

        # Padding's measure of Text's: the longest word and the whole line, plus the padding.
        most = options.max_width
        if most < 3:
            return Measurement(most, most)
        longest = self.width - 2
        words = self.text.split()
        shortest = max(map(cell_len, words)) if words else longest
        if min(longest, most) < 1:  # Text measures (0, 0): nothing to show
            shortest = longest = 0
        return Measurement(min(shortest, most) + 2, min(longest, most) + 2).with_maximum(most)


class _Lines:
    """Cells of one column, one under the other, measured as rich measures a column: the widest
    of their minimums and of their maximums. Drawn, they are the _Line cells of several rows
    that take one line each, drawn as one row (see _one_line_rows_joined)."""

    __slots__ = ("cells",)

    def __init__(self, cells: list[Any]) -> None:
        self.cells = cells

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        if options.max_width < 3:  # as each cell: no room inside the padding, nothing drawn
            return []
        segments = []
        for line in self.cells:
            segments += line.__rich_console__(console, options)
            segments.append(Segment.line())
        return segments

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        sizes = [Measurement.get(console, options, cell) for cell in self.cells]
        return Measurement(max(s.minimum for s in sizes), max(s.maximum for s in sizes))


class _Column(_Lines):
    """A whole column's cells standing in for them in a one-row probe table: drawing it only
    notes the width rich gives the column."""

    __slots__ = ("width",)

    def __init__(self, cells: list[Any]) -> None:
        super().__init__(cells)
        self.width = 0  # rich skips drawing in a column of no width

    def __rich_console__(self, console, options):
        self.width = options.max_width
        return []


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
