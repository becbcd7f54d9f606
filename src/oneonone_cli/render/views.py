"""How results are shown: rich tables for people, JSON for scripts, one-line errors on stderr.

Commands hand their result rows here; nothing else prints. rich is imported only when a table
is drawn, so `--json` and plain messages stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

# Characters a person cannot see or that move what they see, beyond the C0 controls: C1
# controls and DEL, the bidirectional marks, embeddings, overrides and isolates, line and
# paragraph separators, zero-width and other invisible format characters, tag characters.
# Tables and messages show each as a visible escape; JSON as a \\uXXXX escape (the zero-width
# joiner stays: emoji are built with it).
_INVISIBLE = (
    (0x7F, 0x9F), (0x00AD, 0x00AD), (0x061C, 0x061C), (0x180E, 0x180E), (0x200B, 0x200C),
    (0x200E, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0xE0000, 0xE007F),
)
# Tables and messages: the C0 controls too (escape sequences start with one), tab and line
# feed aside. (A translation table: the equivalent regex cost half a millisecond to compile.)
_CONTROL = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
    else f"\\U{code:08x}"
    for span in ((0x00, 0x08), (0x0B, 0x1F), *_INVISIBLE)
    for code in range(span[0], span[1] + 1)
}


def inert(text: str) -> str:
    """Note text made safe for a terminal: control characters shown as \\xNN, never obeyed."""
    return text.translate(_CONTROL)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def as_dict(row: Any, keys: Sequence[str] | None = None) -> dict:
    if isinstance(row, dict):
        data = row
    elif isinstance(row, tuple):  # a NamedTuple record
        data = row._asdict()
    else:
        import dataclasses

        data = {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
    if keys is not None:
        data = {k: data[k] for k in keys}
    return {k: _plain(v) for k, v in data.items()}


def _write(stream, text: str) -> None:
    """Write text that any terminal encoding can show: what it cannot encode is escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


# What JSON output escapes beyond what json.dumps does (it escapes C0 controls itself): the
# invisible characters above, each as a JSON \\uXXXX escape (a surrogate pair past U+FFFF).
# They only ever occur inside JSON strings, so the output stays valid and decodes the same.
def _json_escape(code: int) -> str:
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


_JSON_CONTROL = {
    code: _json_escape(code) for span in _INVISIBLE for code in range(span[0], span[1] + 1)
}


def print_json(data: Any) -> None:
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_CONTROL)
    _write(sys.stdout, text + "\n")


def say(message: str) -> None:
    """A command's plain result line (a confirmation) on stdout, made inert."""
    _write(sys.stdout, f"{inert(message)}\n")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'no notes', '1 note', '2 notes'."""
    if n == 0:
        return f"no {plural or noun + 's'}"
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def rows_json(rows: Iterable[Any], keys: Sequence[str]) -> None:
    print_json([as_dict(r, keys) for r in rows])


def one_line(text: str) -> str:
    """inert(), and line breaks and tabs shown as escapes too: an error stays on one line."""
    return inert(text).replace("\n", "\\n").replace("\t", "\\t")


def error(message: str) -> None:
    _write(sys.stderr, f"oneonone: {one_line(message)}\n")


def info(message: str) -> None:
    """A message for the person at the terminal, on stderr so stdout stays the result."""
    _write(sys.stderr, f"{inert(message)}\n")


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


# ---------------------------------------------------------------- views, one per report
# Each view takes the rows a command built and either dumps JSON (keys pinned by
# tests/test_json_contract.py) or draws a table with the same columns.

PEOPLE_KEYS = ("person", "name", "relationship", "every", "added", "archived")
DUE_KEYS = ("person", "name", "relationship", "every", "last", "due", "days_overdue",
            "cancelled_90d")  # fmt: skip
PROMPT_KEYS = ("id", "kind", "text", "last_asked", "asked_them")
PROMPT_COUNT_KEYS = ("person", "name", "relationship", "morale", "roadblock")
BANK_KEYS = ("id", "kind", "audience", "topic", "text", "builtin", "retired")
THEME_KEYS = ("theme", "mentions", "people", "first", "last", "weeks", "terms", "note_ids",
              "example", "key", "trend", "previous", "weekly", "normalised")  # fmt: skip


def people_view(people: Sequence[Any], as_json: bool) -> None:
    rows = [
        {"person": p.handle, "name": p.name, "relationship": p.relationship,
         "every": str(p.every), "added": p.added, "archived": p.archived}
        for p in people
    ]  # fmt: skip
    if as_json:
        return rows_json(rows, PEOPLE_KEYS)
    if not rows:
        return info("No one in the journal yet: add someone with 'oneonone add HANDLE'.")
    table("People", ["Handle", "Name", "Relationship", "Every", "Added", "Archived"],
          [[r[k] for k in PEOPLE_KEYS] for r in rows])  # fmt: skip


def due_view(rows: Sequence[Any], as_json: bool, *, anyone: bool = True) -> None:
    if as_json:
        return rows_json(rows, DUE_KEYS)
    if not anyone:
        return info("No one in the journal yet: add someone with 'oneonone add HANDLE'.")
    if not rows:
        return info("No one is due. 'oneonone due --all' shows everyone's next 1:1.")
    table(
        "1:1s due",
        ["Person", "Name", "As", "Every", "Last 1:1", "Due", "Overdue", "Cancels"],
        [
            [r.person, r.name, r.relationship, r.every, r.last or "never", r.due,
             _overdue(r.days_overdue),
             styled(f"⚠ {r.cancelled_90d}", "bold red") if r.warning else r.cancelled_90d]
            for r in rows
        ],
        caption="Cancels: in the last 90 days; ⚠ marks repeated cancels, a warning sign." if any(
            r.warning for r in rows) else None,
        drop=("Due", "As", "Every"), want={"Name": 14},
    )


def _overdue(days: int):
    if days > 0:
        return styled(f"{days}d", "bold red")
    if days == 0:
        return styled("today", "yellow")
    return f"in {-days}d"


def prompts_view(rows: Sequence[Any], as_json: bool, *, person: str, more: int = 0) -> None:
    if as_json:
        return rows_json(rows, PROMPT_KEYS)
    if not rows:
        return info(f"Every suitable prompt has been used with {person}: add your own with "
                    "'oneonone prompts add \"...\" --kind morale'.")
    # The ID starts with the kind (m-, r-): at 80 columns the Kind column goes first. "Asked
    # them" is shown only when one of these prompts was asked of them (with --all).
    columns = ["ID", "Kind", "Prompt", "Used"]
    cells = [[r.id, r.kind, r.text, r.last_asked or "never"] for r in rows]
    if any(r.asked_them for r in rows):
        columns.append("Asked them")
        for cell, r in zip(cells, rows):
            cell.append(r.asked_them or "never")
    table(f"Prompts for {person}", columns, cells, drop=("Kind", "Asked them", "Used"),
          want={"Prompt": 36},
          caption="Used: when anyone on the team was last asked it."
          + (f" {count(more, 'more prompt')} not yet used with {person}: "
             f"'oneonone prompts {person} --all' lists them." if more else ""))  # fmt: skip


def prompt_counts_view(rows: Sequence[Any], as_json: bool) -> None:
    if as_json:
        return rows_json(rows, PROMPT_COUNT_KEYS)
    if not rows:
        return info("No one in the journal yet: add someone with 'oneonone add HANDLE'.")
    table("Unused prompts", ["Person", "Name", "Relationship", "Morale", "Roadblock"],
          [[r.person, r.name, r.relationship, r.morale, r.roadblock] for r in rows])


def bank_view(prompts: Sequence[Any], as_json: bool) -> None:
    if as_json:
        return rows_json(prompts, BANK_KEYS)
    # A retired prompt says so in its text too: at 80 columns the Source column goes.
    table("Prompt bank", ["ID", "Kind", "For", "Prompt", "Source"],
          [[p.id, p.kind, p.audience, ("(retired) " if p.retired else "") + p.text,
            ("built-in" if p.builtin else "yours") + (" (retired)" if p.retired else "")]
           for p in prompts], drop=("Kind", "For", "Source"), want={"Prompt": 36})  # fmt: skip


def themes_view(rows: Sequence[Any], as_json: bool, *, title: str,
                since: date | None = None, today: date | None = None,
                empty_hint: str = "Try a longer one: --since 90d.",
                show_hint: str = "'oneonone themes show KEY'") -> None:  # fmt: skip
    if as_json:
        return rows_json(rows, THEME_KEYS)
    if not rows:
        return info(f"No recurring themes in this window. {empty_hint}")
    weeks = f"Trend bars: the weeks from {since} (left) to {today} (right).\n" if since else ""
    table(
        title,
        ["Theme", "Notes", "Trend", "People", "Why grouped", "Latest"],
        [[_theme_name(r), r.mentions, _trend(r), _people(r.people), why_grouped(r.terms),
          r.example] for r in rows],
        caption=weeks + ("⚠ normalised: raised in many weeks by several people; the team may "
                         f"have stopped noticing. {show_hint} lists the notes."
                         if any(r.normalised for r in rows)
                         else f"{show_hint} lists a theme's notes."),
        drop=("Latest",), want={"Theme": 16, "People": 14, "Why grouped": 16, "Latest": 24},
    )


def why_grouped(terms: Sequence[str], shown: int = 3) -> str:
    """A few distinct, readable terms a theme was grouped on: not the proximity pairs
    ('prs ... sit'), and one of each word however written ('requirement', 'requirements')."""
    seen: set[str] = set()
    picked: list[str] = []
    for term in map(readable_term, terms):
        if "..." in term:
            continue
        key = " ".join(w.lstrip("#").rstrip("s") for w in term.lower().replace("-", " ").split())
        if key and key not in seen:
            seen.add(key)
            picked.append(term)
    if not picked:  # only pairs: the first, readably
        picked = [readable_term(t).replace(" ... ", " + ") for t in terms[:1]]
    return ", ".join(picked[:shown])


def readable_term(term: str) -> str:
    """A lexicon term as a person reads it: without the matcher's marks ('=call' exact,
    '~=pages' loose), and a proximity pair's gaps shown once ('... legacy ... module')."""
    words = [w.lstrip("=~") if w != "..." else w for w in term.split()]
    while words and words[0] == "...":
        words.pop(0)
    while words and words[-1] == "...":
        words.pop()
    return " ".join(w for w in words if w)


def _people(people: Sequence[str], shown: int = 4) -> str:
    names = ", ".join(people[:shown])
    return f"{len(people)}: {names}" + (f" +{len(people) - shown}" if len(people) > shown else "")


def _theme_name(row: Any):
    name = f"{row.theme}\n({row.key})"
    return styled("⚠ " + name, "bold red") if row.normalised else name


def _trend(row: Any):
    arrow = {"new": "new", "rising": "↑ rising", "steady": "→ steady", "falling": "↓ falling"}
    style = {"new": "yellow", "rising": "red", "steady": "", "falling": "green"}[row.trend]
    return styled(f"{arrow[row.trend]} from {row.previous}\n{row.sparkline}", style)


THEME_NOTE_KEYS = ("id", "date", "person", "kind", "text")
LEXICON_KEYS = ("key", "name", "kind", "terms", "tags", "yours")


def theme_notes_view(row: Any, notes: Sequence[Any], as_json: bool) -> None:
    data = [{"id": n.id, "date": n.on, "person": n.person, "kind": n.kind, "text": n.text}
            for n in sorted(notes, key=lambda n: (n.on, n.id), reverse=True)]  # fmt: skip
    if as_json:
        return rows_json(data, THEME_NOTE_KEYS)
    table(f"{row.theme} ({row.key}): {count(row.mentions, 'note')} from "
          f"{count(len(row.people), 'person', 'people')}, matched on {why_grouped(row.terms, 8)}",
          ["Note", "Date", "Person", "Text"], [[d["id"], d["date"], d["person"], d["text"]]
                                               for d in data])  # fmt: skip


def lexicon_view(themes: Sequence[Any], own_terms: Sequence[tuple[str, str]],
                 own_aliases: Sequence[tuple[str, str]], as_json: bool) -> None:  # fmt: skip
    mine: dict[str, set[str]] = {}  # theme key -> your terms and #tags
    for key, term in own_terms:
        mine.setdefault(key, set()).add(term)
    for tag, key in own_aliases:
        mine.setdefault(key, set()).add("#" + tag.lstrip("#").lower())
    rows = [
        {"key": t.key, "name": t.name, "kind": t.kind, "terms": list(t.terms),
         "tags": ["#" + g for g in t.tags], "yours": sorted(mine.get(t.key, ()))}
        for t in themes
    ]  # fmt: skip
    if as_json:
        return rows_json(rows, LEXICON_KEYS)
    table("Theme lexicon", ["Key", "Name", "Kind", "Tags", "Terms", "Yours"],
          [[r["key"], r["name"], r["kind"], r["tags"], count(len(r["terms"]), "term"),
            r["yours"]] for r in rows], drop=("Name", "Terms"),
          want={"Tags": 18, "Yours": 12})  # fmt: skip


def history_json(meetings: Sequence[Any]) -> list[dict]:
    return [
        {
            "id": m.id, "date": m.on, "status": m.status, "reason": m.reason,
            "moved_to": m.moved_to, "asked": list(m.asked),
            "notes": [{"id": n.id, "kind": n.kind, "text": n.text, "tags": list(n.tags)}
                      for n in m.notes],
        }
        for m in meetings
    ]  # fmt: skip


def history_view(person: Any, meetings: Sequence[Any], as_json: bool, *,
                 window: bool = False) -> None:  # fmt: skip
    if as_json:
        return print_json([as_dict(m) for m in history_json(meetings)])
    if not meetings and window:
        return info(f"No 1:1s with {person.handle} in this window.")
    if not meetings:
        return info(f"No 1:1s with {person.handle} yet: 'oneonone log {person.handle}' records "
                    "one.")  # fmt: skip
    rows = []
    for m in meetings:
        if m.status == "cancelled":
            rows.append([m.on, styled("cancelled", "red"), "", "", m.reason or ""])
        elif m.status == "rescheduled":
            rows.append([m.on, styled(f"moved to {m.moved_to}", "yellow"), "", "", m.reason or ""])
        else:
            rows.append([m.on, "held", "", "", ("asked: " + ", ".join(m.asked)) if m.asked else ""])
            rows += [["", "", n.id, n.kind, n.text] for n in m.notes]
    table(f"{person.name} ({person.handle}, {person.relationship}, every {person.every})",
          ["Date", "1:1", "Note", "Kind", "Text"], rows)
