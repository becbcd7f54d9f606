"""The fast path of tables: cells and runs of rows handed to rich as segments, for much less
than rich's own layout costs (Padding and Text, ~40 us a cell). It looks exactly as rich draws
the plain table (tests/test_render.py compares both at many widths), but it leans on how rich's
Table measures and draws its cells: rich's versions are pinned in pyproject.toml to those it was
tested with. Measured (benchmarks/perf.py and the 500-row `people`/`due --all`), it still saves
about half of a long table's CPU time.
"""

from __future__ import annotations

import re
from typing import Any


def one_line_rows_joined(console, probe, cells: list[list[Any]]) -> list[list[Any]]:
    """The rows to draw: each run of rows that take one line each (most rows, most often) joined
    into one row of Lines cells, which rich draws as fast as one row.

    Whether a row takes one line depends on the widths rich gives the columns, which depend on
    the terminal: they are read off `probe`, the same table with one row of Lines cells that
    each stand for a whole column (measured as all its cells are). A joined row looks exactly
    as the rows it stands for: no lines are drawn between rows."""
    if not any(all(isinstance(c, Line) for c in row) for row in cells):
        return cells  # no row could take one line (a themes table): nothing to join
    stand_ins = [Column(list(column)) for column in zip(*cells, strict=True)]
    probe.add_row(*stand_ins)
    console.render_lines(probe, console.options)  # sets each stand-in's width
    widths = [s.width for s in stand_ins]
    if max(widths) < 3:  # no column has room for text: draw the rows one by one
        return cells
    # A row whose cells wrap (a week's notes) is its lines, each a row of one-line cells, when
    # the widths are the table's own (not measured off the cells) and every column is drawn
    # left-justified: what rich draws, a cell's missing lines as blank ones (see split_row).
    columns = probe.columns
    split = all(c.width is not None and c.justify == "left" for c in columns)
    out: list[list[Any]] = []
    run: list[list[Any]] = [[] for _ in widths]  # the run's cells, column by column
    for row in [*cells, None]:
        if row is not None and all(
            isinstance(c, Line) and (c.width <= w or w < 3)
            for c, w in zip(row, widths, strict=True)
        ):
            for column, cell in zip(run, row, strict=True):
                column.append(cell)
            continue
        lines = _split(console, row, widths, columns) if split and row is not None else None
        if lines is not None:
            for column, cell_lines in zip(run, lines, strict=True):
                column.extend(cell_lines)
            continue
        if len(run[0]) == 1:
            out.append([column[0] for column in run])
        else:  # runs of at most RUN_LINES rows: rich holds a row's lines at once in memory
            for start in range(0, len(run[0]), RUN_LINES):
                out.append([Lines(column[start : start + RUN_LINES]) for column in run])
        run = [[] for _ in widths]
        if row is not None:
            out.append(row)
    return out


RUN_LINES = 200  # rows joined into one at most: as fast, and a long table's peak memory lower


class Line:
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
        return wrapped(self, console, options)

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


class Block:
    """A table cell of several lines (a theme's name and key, a trend and its sparkline), drawn
    as Padding and Text would draw it: see `wrapped`. Measured as a Line is (Text measures the
    longest line and the longest word). Never joined with other rows: it is not a Line."""

    __slots__ = ("style", "style_name", "text", "width")

    def __init__(self, text: str, width: int, style: Any, style_name: Any) -> None:
        self.text = text
        self.width = width  # the longest line's cells, plus the padding
        self.style = style
        self.style_name = style_name

    laid_out = Line.laid_out
    __rich_measure__ = Line.__rich_measure__

    def __rich_console__(self, console, options):
        if options.max_width < 3:  # no room inside the padding: Padding draws nothing
            return []
        return wrapped(self, console, options)


def wrapped(cell: Line | Block, console, options) -> list[Any]:
    """A cell whose text does not fit its column, or has several lines, as Padding and Text draw
    it in a table: Text's own wrap (as Text.__rich_console__ calls it), each line between the
    padding's spaces, without the Padding, Text, render_lines and cropping each cell costs
    (~0.2 ms, a wide themes table's most). A column that is not left-justified or has a height,
    or a line not as wide as the column (what Text's wrap never makes), is left to them."""
    from rich.segment import Segment

    if options.justify != "left" or options.height is not None:
        return [cell.laid_out()]
    lines = wrapped_lines(console, cell, options.max_width - 2, options.overflow, options.no_wrap)
    if lines is None:
        return [cell.laid_out()]
    space, end = Segment(" "), Segment.line()
    segments: list[Any] = []
    for text in lines:
        segments += (space, Segment(text, cell.style) if cell.style else Segment(text), space, end)
    return segments


def wrapped_lines(console, cell: Line | Block, room: int, overflow, no_wrap) -> list[str] | None:
    """The lines Text's wrap makes of a cell's text in `room` cells, each as wide as the room
    (`plain_wrap` for plain text, for less); None when rich draws it some other way (a style
    span, a line not as wide as the room): `wrapped` and `_split` leave it to rich then."""
    from rich.cells import cell_len
    from rich.text import Text

    overflow = overflow or "fold"
    if not no_wrap and overflow == "fold":
        plain = plain_wrap(cell.text, room)
        if plain is not None:
            return plain
    lines = Text(cell.text, style=cell.style_name).wrap(
        console,
        room,
        justify="left",
        overflow=overflow,
        tab_size=console.tab_size or 8,
        no_wrap=bool(no_wrap),
    )
    texts = []
    for line in lines:
        text = line.plain
        if line.spans or cell_len(text) != room:
            return None
        texts.append(text)
    return texts


def plain_wrap(text: str, width: int) -> list[str] | None:
    """The lines `Text(text).wrap(console, width, justify="left", overflow="fold")` makes, each
    padded to `width`, for text whose every character takes one cell (rich's own test, in all
    the versions pinned: no tabs, no control, wide or combining characters); None for any other
    text, which rich wraps. Text's wrap costs ~70 us a cell (a Text per line, cell_len of every
    word); this, the same steps on plain strings, a few: most of a long week's table.

    The steps are rich's (rich/text.py Text.wrap, rich/_wrap.py divide_line), with len() for
    cell_len() and slicing for chop_cells(), which is what they come to on such text. A word
    (with the spaces after it) goes on the line when its letters fit the room left; else on a
    new line, folded into pieces of the width when longer than that. Each line is then cut to
    the width (rstrip_end drops the spaces beyond it, truncate the rest) and padded to it.
    tests/test_week_table_speed.py compares both with hypothesis."""
    from rich.cells import _is_single_cell_widths

    if width < 1:
        return None
    pad = " " * width
    lines: list[str] = []
    for line in text.split("\n"):  # Text.split("\n", allow_blank=True)
        if not _is_single_cell_widths(line):
            return None
        if len(line) <= width:  # every word fits: one line
            lines.append(line + pad[len(line) :])
            continue
        # divide_line(line, width, fold=True): where the line breaks.
        breaks = [0]
        offset = start = 0
        for letters, spaces in _WORD.findall(line):
            length = len(letters)
            whole = length + len(spaces)
            if width - offset >= length:  # fits the room left
                offset += whole
            elif length > width:  # longer than a line: folded
                for at in range(start, start + whole, width):
                    if at:
                        breaks.append(at)
                offset = whole - (at - start)
            else:  # on the next line (never the first word: that one always fits or folds)
                breaks.append(start)
                offset = whole
            start += whole
        breaks.append(len(line))
        for a, b in zip(breaks[:-1], breaks[1:], strict=True):
            lines.append((line[a:b] + pad)[:width])
    return lines


_WORD = re.compile(r"(\s*\S+)(\s*)")  # rich/_wrap.py's word: its letters, then its spaces


class Lines:
    """Cells of one column, one under the other, measured as rich measures a column: the widest
    of their minimums and of their maximums. Drawn, they are the Line cells of several rows
    that take one line each, drawn as one row (see one_line_rows_joined)."""

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


class Column(Lines):
    """A whole column's cells standing in for them in a one-row probe table: drawing it only
    notes the width rich gives the column."""

    __slots__ = ("width",)

    def __init__(self, cells: list[Any]) -> None:
        super().__init__(cells)
        self.width = 0  # rich skips drawing in a column of no width

    def __rich_console__(self, console, options):
        self.width = options.max_width
        return []


def split_row(console, row: list[Any], widths: list[int], columns) -> list[list[Any]] | None:
    """A row of Line and Block cells as the rows of one-line cells rich draws for it: each
    cell's lines as Text's wrap makes them (as `wrapped` draws them), those of a cell shorter
    than the row blank (rich pads a cell with spaces in its column's style, none here). None
    when a cell is not drawn that way (rich's own layout, a line that is not as wide as the
    column, a style span, a column with no room)."""
    cells = _split(console, row, widths, columns)
    return None if cells is None else [list(line) for line in zip(*cells, strict=True)]


def _split(console, row: list[Any], widths: list[int], columns) -> list[list[Any]] | None:
    """split_row's lines column by column: each cell's lines, as many for every cell."""
    cells: list[list[Any]] = []
    for cell, width, column in zip(row, widths, columns, strict=True):
        if isinstance(cell, Line) and cell.width <= width:
            cells.append([cell])
            continue
        if not isinstance(cell, (Line, Block)) or width < 3 or column.style:
            return None
        lines = wrapped_lines(console, cell, width - 2, column.overflow, column.no_wrap)
        if lines is None:
            return None
        cells.append([Line(text, width, cell.style, cell.style_name) for text in lines])
    height = max(map(len, cells))
    for cell_lines in cells:
        cell_lines += [BLANK] * (height - len(cell_lines))
    return cells


BLANK = Line("", 2, None, None)  # a line of a cell shorter than its row: spaces


class Marker:
    """A joined row's cell (Lines) standing in for it in the table rich draws: one line, one
    segment of the column's width, which `print_table` replaces by the cells' own lines.
    Measured as the cells it stands for, so rich gives the column the same width."""

    __slots__ = ("column", "lines", "segment", "width")

    def __init__(self, lines: Lines, column: int) -> None:
        self.lines = lines
        self.column = column
        self.segment = None
        self.width = 0

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        if self.segment is None or options.max_width != self.width:
            self.width = options.max_width
            self.segment = Segment(" " * self.width)
        return [self.segment]  # the same segment each time the table is drawn

    def __rich_measure__(self, console, options):
        return self.lines.__rich_measure__(console, options)


def print_table(console, make_table, rows: list[list[Any]]) -> None:
    """Print the table `make_table()` makes with these rows, each joined row (Lines cells, see
    one_line_rows_joined) drawn by rich as one line of Marker cells, then that line repeated
    with each cell's own lines in place of the markers: the same segments rich draws for the
    joined row (a Line of the column's width is drawn as it is, between the same borders),
    without rich laying out and cropping every line of it again (most of a long table's time).
    A column too narrow for a Line's padding, or not left-justified, is left to rich."""
    from rich.segment import Segments

    table = make_table()
    markers: dict[int, Marker] = {}
    for row in rows:
        if all(isinstance(c, Lines) for c in row):
            marked = [Marker(c, i) for i, c in enumerate(row)]
            markers.update((id(m), m) for m in marked)
            table.add_row(*marked)
        else:
            table.add_row(*row)
    if not markers:
        return console.print(table)
    # rich gives each column its width when it draws the table: it is drawn once, each
    # joined row one line of markers (a few lines in all), and kept; the widest line found
    # (wider than the terminal, print would crop it: left to rich).
    from rich.cells import cell_len

    drawn = list(console.render(table, console.options))
    widest = here = 0
    for segment in drawn:
        if segment.text == "\n" and not segment.control:
            widest, here = max(widest, here), 0
        else:
            here += cell_len(segment.text)
    marks = {id(m.segment): m for m in markers.values()}
    columns = table.columns
    if max(widest, here) > console.width or any(
        m.width < 3 or columns[m.column].justify != "left" for m in markers.values()
    ):
        table = make_table()
        for row in rows:
            table.add_row(*row)
        return console.print(table)
    # Printed a few thousand segments at a time: a long table's segments are never all held
    # in memory at once (each print writes its part; nothing is added between them).
    batch: list[Any] = []
    size = 0
    for segment in _expanded(console, drawn, marks):
        batch.append(segment)
        size += len(segment.text)  # a segment can be a joined row's whole text
        if len(batch) >= PRINTED_AT_ONCE or size >= PRINTED_CHARACTERS:
            console.print(Segments(batch), crop=False)
            batch = []
            size = 0
    if batch:
        console.print(Segments(batch), crop=False)
    return None


PRINTED_AT_ONCE = 4096  # segments handed to one print (a few hundred lines of a table)
PRINTED_CHARACTERS = 1 << 18  # or their characters (a few thousand lines of plain rows)


def _expanded(console, drawn: list[Any], marks: dict[int, Marker]):
    """The segments rich drew (`drawn`), each line of Marker cells repeated for every line of
    the cells they stand for, with those cells' segments in place of the markers'.

    Of a repeated line, the segments with no style (nor control) are joined into one: rich
    writes such a segment's text as it is, so the output is the same, for a few segments a
    line instead of a dozen (each costs in rich's writing and here). A Line that fits its
    column with no style is its text between spaces, as Line draws it."""
    from rich.segment import Segment

    line: list[Any] = []
    for segment in drawn:
        line.append(segment)
        if segment.text != "\n" or segment.control:
            continue
        found = {id(s): marks[id(s)] for s in line if id(s) in marks}
        if not found:
            yield from line
            line = []
            continue
        some = next(iter(found.values()))
        template = []  # (the segment, or its marker's cells, width and options)
        for s in line:
            m = found.get(id(s))
            if m is None:
                template.append((s, None, 0, None))
            else:
                options = console.options.update(width=m.width, justify="left")
                template.append((None, m.lines.cells, m.width, options))
        plain = _plain_lines(template)
        if plain is not None:
            yield Segment(plain)
            line = []
            continue
        for k in range(len(some.lines.cells)):
            texts: list[str] = []  # of segments with no style, joined
            for s, cells, width, options in template:
                if cells is None:
                    parts = (s,)
                else:
                    cell = cells[k]
                    if type(cell) is Line and not cell.style and cell.width <= width:
                        texts.append(f" {cell.text}{' ' * (width - cell.width)} ")
                        continue
                    parts = cell.__rich_console__(console, options)
                for part in parts:
                    if part.style or part.control:
                        if texts:
                            yield Segment("".join(texts))
                            texts = []
                        yield part
                    else:
                        texts.append(part.text)
            if texts:
                yield Segment("".join(texts))
        line = []
    yield from line


def _plain_lines(template: list[tuple[Any, Any, int, Any]]) -> str | None:
    """The text of a joined row's lines when nothing in them has a style (the table's borders
    and every cell a Line with none, that fits its column: most rows, colour or not), each
    line the template's text with the cells' own in place of the markers (as _expanded makes
    it, segment by segment, for less). None when anything has a style."""
    columns = []
    for s, cells, width, _ in template:
        if cells is None:
            if s.style or s.control:
                return None
            columns.append([s.text.replace("{", "{{").replace("}", "}}")])
        elif all(type(c) is Line and c.width <= width and not c.style for c in cells):
            columns.append(None)
        else:
            return None
    layout = "".join("{}" if c is None else c[0] for c in columns)
    texts = [
        [f" {c.text}{' ' * (width - c.width)} " for c in cells]
        for s, cells, width, _ in template
        if cells is not None
    ]
    return "".join(map(layout.format, *texts))
