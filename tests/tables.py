"""Reading back a table the CLI drew: its title, headers, column widths and rows, for tests of
what a manager sees at a given terminal width."""

from __future__ import annotations

from rich.cells import cell_len


def drawn(run, *args: str, width: int = 80, joined: bool = True):
    """(title lines, headers, column widths, rows of cells) of the one table a command draws
    `width` columns wide. A header of several lines is joined with spaces; if `joined`, a line
    whose first cell is empty continues the row above (its cells joined with spaces)."""
    lines = run(*args, env={"COLUMNS": str(width)}).stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines), lines
    assert not any("…" in line for line in lines), lines  # nothing is cut short
    top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    below = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    widths = [len(c) for c in lines[top].strip("┏┓").split("┳")]
    header_lines = [
        [c.strip() for c in line.strip("┃").split("┃")] for line in lines[top + 1 : below]
    ]
    headers = [" ".join(filter(None, parts)) for parts in zip(*header_lines, strict=True)]
    rows: list[list[str]] = []
    for line in lines[below + 1 :]:
        if not line.startswith("│"):
            break
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0] or not rows or not joined:
            rows.append(cells)
        else:
            rows[-1] = [
                " ".join(filter(None, (a, b))) for a, b in zip(rows[-1], cells, strict=True)
            ]
    return lines[:top], headers, widths, rows
