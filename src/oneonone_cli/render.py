"""How results are shown: rich tables for people, JSON for scripts, one-line errors on stderr.

Commands hand their result rows here; nothing else prints. rich is imported only when a table
is drawn, so `--json` and plain messages stay fast.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

# C0 and C1 control characters (escape sequences start with one) and the bidirectional
# overrides that can visually reorder a row: shown as visible escapes.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """Note text made safe for a terminal: control characters shown as \\xNN, never obeyed."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def as_dict(row: Any, keys: Sequence[str] | None = None) -> dict:
    data = row if isinstance(row, dict) else {
        f.name: getattr(row, f.name) for f in dataclasses.fields(row)
    }
    if keys is not None:
        data = {k: data[k] for k in keys}
    return {k: _plain(v) for k, v in data.items()}


def _write(stream, text: str) -> None:
    """Write text that any terminal encoding can show: what it cannot encode is escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


def print_json(data: Any) -> None:
    _write(sys.stdout, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def say(message: str) -> None:
    """A command's plain result line (a confirmation) on stdout, made inert."""
    _write(sys.stdout, f"{inert(message)}\n")


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
          caption: str | None = None) -> None:
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title and escape(inert(title)), caption=caption and escape(inert(caption)),
                 title_justify="left", caption_justify="left")  # fmt: skip
    # Cells are Text, never markup: nothing a note says is parsed, and nothing is parsed at all,
    # which is most of what a long table costs.
    cells = [[c if isinstance(c, Text) else Text(_cell(c)) for c in row]
             for row in rows]  # fmt: skip
    for index, column in enumerate(columns):
        # Free text wraps; short values (handles, dates, counts) keep their full width, which
        # is known here, so rich need not measure every cell of the column again.
        if column in WRAPPING:
            grid.add_column(column, overflow="fold", ratio=1)
        else:
            width = max([cell_len(column), *(cell_len(line) for row in cells
                                             for line in row[index].plain.splitlines())])  # fmt: skip
            grid.add_column(column, no_wrap=True, width=width)
    for row in cells:
        grid.add_row(*row)
    _console().print(grid)


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


def due_view(rows: Sequence[Any], as_json: bool) -> None:
    if as_json:
        return rows_json(rows, DUE_KEYS)
    if not rows:
        return info("No one is due. 'oneonone due --all' shows everyone's next 1:1.")
    table(
        "1:1s due",
        ["Person", "Name", "As", "Every", "Last 1:1", "Due", "Overdue", "Cancels"],
        [
            [r.person, r.name, r.relationship, r.every, r.last or "never", r.due,
             _overdue(r.days_overdue),
             styled(str(r.cancelled_90d), "bold red") if r.warning else r.cancelled_90d]
            for r in rows
        ],  # fmt: skip
        caption="Cancels: in the last 90 days; red when repeated, a warning sign." if any(
            r.warning for r in rows) else None,
    )


def _overdue(days: int):
    if days > 0:
        return styled(f"{days}d", "bold red")
    if days == 0:
        return styled("today", "yellow")
    return f"in {-days}d"


def prompts_view(rows: Sequence[Any], as_json: bool, *, person: str) -> None:
    if as_json:
        return rows_json(rows, PROMPT_KEYS)
    if not rows:
        return info(f"Every suitable prompt has been used with {person}: add your own with "
                    "'oneonone prompts add \"...\" --kind morale'.")
    table(f"Prompts for {person}", ["ID", "Kind", "Prompt", "Last asked (team)", "Asked them"],
          [[r.id, r.kind, r.text, r.last_asked or "never", r.asked_them or "-"] for r in rows])


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
    table("Prompt bank", ["ID", "Kind", "For", "Prompt", "Source"],
          [[p.id, p.kind, p.audience, p.text,
            ("built-in" if p.builtin else "yours") + (" (retired)" if p.retired else "")]
           for p in prompts])  # fmt: skip


def themes_view(rows: Sequence[Any], as_json: bool, *, title: str) -> None:
    if as_json:
        return rows_json(rows, THEME_KEYS)
    if not rows:
        return info("No recurring themes in this window. Try a longer one: --since 90d.")
    table(
        title,
        ["Theme", "Notes", "Trend", "People", "Why grouped", "Latest"],
        [[_theme_name(r), r.mentions, _trend(r), _people(r.people), r.terms[:5], r.example]
         for r in rows],  # fmt: skip
        caption="⚠ normalised: raised in many weeks by several people; the team may have stopped "
        "noticing. 'oneonone themes show KEY' lists the notes." if any(r.normalised for r in rows)
        else "'oneonone themes show KEY' lists a theme's notes.",
    )


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
    table(f"{row.theme} ({row.key}): {row.mentions} notes from {len(row.people)} people, "
          f"matched on {', '.join(row.terms[:8])}",
          ["Note", "Date", "Person", "Text"], [[d["id"], d["date"], d["person"], d["text"]]
                                               for d in data])  # fmt: skip


def lexicon_view(themes: Sequence[Any], own_terms: Sequence[tuple[str, str]],
                 own_aliases: Sequence[tuple[str, str]], as_json: bool) -> None:  # fmt: skip
    mine_terms = {(k, t) for k, t in own_terms}
    mine_tags = {(k, t.lstrip("#").lower()) for t, k in own_aliases}
    rows = [
        {"key": t.key, "name": t.name, "kind": t.kind, "terms": list(t.terms),
         "tags": ["#" + g for g in t.tags],
         "yours": sorted({term for k, term in mine_terms if k == t.key}
                         | {"#" + g for k, g in mine_tags if k == t.key})}
        for t in themes
    ]  # fmt: skip
    if as_json:
        return rows_json(rows, LEXICON_KEYS)
    table("Theme lexicon", ["Key", "Name", "Kind", "Tags", "Terms", "Yours"],
          [[r["key"], r["name"], r["kind"], r["tags"], f"{len(r['terms'])} terms",
            r["yours"]] for r in rows])  # fmt: skip


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


def history_view(person: Any, meetings: Sequence[Any], as_json: bool) -> None:
    if as_json:
        return print_json([as_dict(m) for m in history_json(meetings)])
    if not meetings:
        return info(f"No 1:1s with {person.handle} in this window.")
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
