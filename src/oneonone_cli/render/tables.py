"""Rich tables fitted to the terminal (fit), their titles and captions, and styled cells; drawn
the fast way (render/fastpath.py). rich is imported only when a table is drawn, so `--json`
and plain messages never load it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from oneonone_cli.render.fastpath import Block, Line, one_line_rows_joined, print_table
from oneonone_cli.render.text import inert


def _console():
    from rich.console import Console

    from oneonone_cli.config import colour_options

    return Console(highlight=False, **colour_options())


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str | None = None,
    drop: Sequence[str] = (),
    want: dict[str, int] | None = None,
    give_way: Sequence[str] = (),
    wide: dict[str, int] | None = None,
) -> None:
    """A rich table of these rows, drawn for less than rich's plain way costs (half a
    millisecond a row): one-line cells hand rich their segments (Line), and rows that take
    one line each are drawn as one (one_line_rows_joined). It looks exactly as the plain table:
    tests/test_render.py draws both at many widths.

    The columns are fitted to the terminal (see `fit`): when they do not all fit, the columns
    named in `drop` go first, in that order, so that the ones that carry the meaning keep room;
    those named in `give_way` go only when the wrapping ones (the text) cannot even have a
    readable width; those named in `wide` only show on a terminal that wide. `want` is how wide
    a wrapping column should be for it to read well."""
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = _console()
    styles: dict[Any, Any] = {}

    plain = console.get_style("")

    def cell(value: Any) -> tuple[str, Any]:
        """(the cell's text, what rich draws). Cells are text, never markup: nothing a note says
        is parsed."""
        if type(value) is str and value.isascii() and value.isprintable():
            # Most cells: one line, nothing to make inert, a cell a character (as below).
            return value, Line(value, len(value) + 2, plain, "")
        if type(value) is date:  # as _cell writes it: ASCII, as above
            text = value.isoformat()
            return text, Line(text, len(text) + 2, plain, "")
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
        columns,
        [[text for text, _ in row] for row in texts],
        console.width,
        drop=drop,
        want=want,
        give_way=give_way,
        wide=wide,
    )
    cells = [[row[i][1] for i in shown_columns] for row in texts]
    headers = [Padding(Text(columns[i]), (0, 1)) for i in shown_columns]

    # Squeezed, a column of short values (not WRAPPING) wraps its header and values at their
    # spaces; measured once (the table is made two or three times).
    no_wraps = {
        index: whole(columns[index], (row[index][0] for row in texts), width)
        for index, width in zip(shown_columns, widths, strict=True)
        if columns[index] not in WRAPPING
    }

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
            else:
                empty.add_column(header, no_wrap=no_wraps[index], overflow="fold", width=width)
        return empty

    rows = one_line_rows_joined(console, grid(), cells)
    heading(console, title, "table.title")
    print_table(console, grid, rows)
    heading(console, caption, "table.caption")


def heading(console, text: str | None, style: str) -> None:
    """A table's title or caption: wrapped to the terminal, never padded with spaces to its
    width (they would end up in a file the output is saved to). A title too long for one line
    breaks before its details in parentheses rather than anywhere (see `title_lines`)."""
    if not text:
        return
    from rich.text import Text

    width = max(console.width, 20)
    parts = title_lines(inert(text), width) if style == "table.title" else [inert(text)]
    for part in parts:
        for line in Text(part, style=style).wrap(console, width):
            line.rstrip()
            console.print(line, soft_wrap=True)


def title_lines(text: str, width: int) -> list[str]:
    """A title as lines that break only before a parenthesis, each as long as fits:
    'A Long Name (handle, report, every 1w)' -> 'A Long Name', '(handle, report, every 1w)'.
    When that cannot make every line fit, the title is left to wrap at its spaces."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return [text]
    first, *rest = text.split(" (")
    lines = [first]
    for part in ("(" + r for r in rest):
        if cell_len(lines[-1]) + 1 + cell_len(part) <= width:
            lines[-1] += " " + part
        else:
            lines.append(part)
    return lines if all(cell_len(line) <= width for line in lines) else [text]


WORD_CAP = 20  # a word longer than this may be cut to fit; a shorter one never is
READABLE = (
    12  # a wrapping column is never narrower than this (unless all it holds is), padding aside
)


def fit(
    columns: Sequence[str],
    texts: Sequence[Sequence[str]],
    width: int,
    *,
    drop: Sequence[str] = (),
    want: dict[str, int] | None = None,
    give_way: Sequence[str] = (),
    wide: dict[str, int] | None = None,
) -> tuple[list[int], list[int | None]]:
    """Which columns to show at this terminal width, and each one's width with its padding.

    Short values (handles, dates, counts) are never cut: a column of them is as wide as its
    header and values, or, when room is short, as its longest word (a header or value of
    several words then wraps at its spaces). Wrapping columns get at least their longest word
    (up to WORD_CAP) and share what is left, the narrow ones first getting all they need; when
    even that does not fit, they go down to READABLE, never below (a longer word is folded).

    The columns named in `wide` are shown only on a terminal at least that wide, whatever the
    rows hold, so that the columns do not come and go with the content. When the columns
    cannot have what they want (`want`: how wide a wrapping column should be to read well),
    those named in `drop` go, in that order; when they cannot even have READABLE, those named
    in `give_way` go, in that order. If that is still too wide, the widest short values fold
    onto more lines (nothing is cut) so that the wrapping columns keep READABLE; only when
    there is no room for that either are the widths left to rich (None)."""
    from rich.cells import cell_len

    want = want or {}
    wide = wide or {}
    natural, least, wanted, lowest = [], [], [], []
    for i, column in enumerate(columns):
        longest_line, longest_word = widest(row[i] for row in texts)
        words = [cell_len(w) for w in column.split()] or [0]
        full = max(cell_len(column), longest_line) + 2
        natural.append(full)
        if column in WRAPPING:
            low = min(min(max(*words, longest_word), WORD_CAP) + 2, full)
            floor = min(READABLE + 2, full)
            least.append(max(low, floor))
            lowest.append(floor)
            wanted.append(min(full, max(low, floor, want.get(column, 0) + 2)))
        else:
            low = max(*words, longest_word) + 2
            least.append(low)
            lowest.append(low)
            wanted.append(low)
    shown = [i for i, column in enumerate(columns) if width >= wide.get(column, 0)]

    def needs(sizes: Sequence[int]) -> int:
        return sum(sizes[i] for i in shown) + len(shown) + 1  # and the borders

    for names, sizes in ((drop, wanted), (give_way, lowest)):
        for name in names:
            if needs(sizes) <= width:
                break
            if name in columns and columns.index(name) in shown and len(shown) > 1:
                shown.remove(columns.index(name))
    if needs(natural) <= width:
        return shown, [natural[i] for i in shown]
    flexible = [i for i in shown if columns[i] in WRAPPING]
    if needs(lowest) > width:  # even then too wide: the text readable, the widest values fold
        room = width - needs([0] * len(columns)) - sum(lowest[i] for i in flexible)
        fixed = {i: least[i] for i in shown if i not in flexible}
        if not fixed or room < 3 * len(fixed):  # no room for anything: widths to rich
            return shown, [None if columns[i] in WRAPPING else natural[i] for i in shown]
        while sum(fixed.values()) > room:
            fixed[max(fixed, key=lambda i: fixed[i])] -= 1
        return shown, [fixed.get(i, lowest[i]) for i in shown]
    # The short columns keep their full width while the wrapping ones can have what they
    # want; then their headers wrap before the wrapping columns go below their longest word.
    fixed = {i: natural[i] for i in shown if i not in flexible}
    if needs([wanted[i] if i in flexible else natural[i] for i in range(len(columns))]) > width:
        fixed = {i: least[i] for i in fixed}
    bottom = (
        least if needs([fixed.get(i, least[i]) for i in range(len(columns))]) <= width else lowest
    )
    room = width - needs([0] * len(columns)) - sum(fixed.values())
    # Water-filling: the largest level every wrapping column may grow to, within its needs.
    level = 0
    while (
        flexible
        and sum(min(natural[i], max(bottom[i], level + 1)) for i in flexible) <= room
        and level < max(natural[i] for i in flexible)
    ):
        level += 1
    sizes = {i: min(natural[i], max(bottom[i], level)) for i in flexible}
    spare = room - sum(sizes.values())
    for i in sorted(flexible, key=lambda i: -natural[i]):  # what rounding left: the widest
        if spare > 0 and sizes[i] < natural[i]:
            sizes[i] += 1
            spare -= 1
    if spare > 0:  # room the wrapping columns do not need: the short ones unwrap, left first
        for i in fixed:
            grow = min(spare, natural[i] - fixed[i])
            fixed[i] += grow
            spare -= grow
    return shown, [sizes.get(i, fixed.get(i)) for i in shown]


def whole(column: str, texts: Iterable[str], width: int | None) -> bool:
    """Whether a column of short values has room for its header and every value on one line
    (else they wrap at their spaces: `fit` gave it at least their longest word)."""
    from rich.cells import cell_len

    return width is not None and max(cell_len(column), widest(texts)[0]) + 2 <= width


def widest(texts: Iterable[str]) -> tuple[int, int]:
    """The cells of the longest line and of the longest word of these texts (0 when none).
    A text of printable ASCII is one line whose characters take a cell each: measured by
    len(), all such texts at once, for a tenth of cell_len's cost word by word (a week's table
    has ~20,000 words); any other text as before, by cell_len line by line and word by word."""
    from rich.cells import cell_len

    plain, other = [], []
    for text in texts:
        (plain if text.isascii() and text.isprintable() else other).append(text)
    longest_line = max(map(len, plain), default=0)
    longest_word = max(map(len, " ".join(plain).split()), default=0)
    for text in other:
        longest_line = max([longest_line, *map(cell_len, text.splitlines())])
        longest_word = max([longest_word, *map(cell_len, text.split())])
    return longest_line, longest_word


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
