"""The export formats' writers: `write(export, out)` for each, from the records the export service
streams (services/export.py `Export`). `WRITERS` maps a format's name to its writer (the
module and function, imported only when that format is asked for): a new format is one more
entry, and `export --format` offers exactly these.

- json: our format, complete, with a format version (domain/exchange.py). Written as it is
  read, one record per line, so an export of 300k notes never holds them all in memory.
- csv: one row per note, the header of domain/exchange.CSV_HEADER.
- markdown: a readable document per person, oldest 1:1 first, to paste into a review or hand
  to the next manager. The notes' text is escaped: it reads as written, never as markup.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from typing import Any, TextIO

from oneonone_cli import messages
from oneonone_cli.render.text import INVISIBLE, inert

WRITERS: dict[str, tuple[str, str]] = {
    "json": ("oneonone_cli.render.export", "write_json"),
    "csv": ("oneonone_cli.render.export", "write_csv"),
    "markdown": ("oneonone_cli.render.export", "write_markdown"),
    "html": ("oneonone_cli.render.html", "write_html"),
}


def writer(name: str) -> Callable[[Any, TextIO], None]:
    module, function = WRITERS[name]
    return getattr(importlib.import_module(module), function)


# ------------------------------------------------------------------------------ json

# Invisible characters (bidirectional overrides, zero-width ...) are written as \uXXXX escapes:
# the file decodes the same, and never shows a reader text that is not there (see output.py).
_INVISIBLE = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in INVISIBLE) + "]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def write_json(export: Any, out: TextIO) -> None:
    """Our JSON: the header's keys, then one list per table, one record per line, written in
    batches as the rows are read."""
    from oneonone_cli.domain.exchange import json_lines

    head = json.dumps(export.header, ensure_ascii=False, indent=2)
    out.write(head[:-2])  # the header's object, left open
    for section, rows in export.tables():
        out.write(f',\n  "{section}": [')
        line = json_lines(section)
        counted = section in ("meetings", "notes")
        batch: list[str] = []
        written = False
        for row in rows:
            batch.append(line(row))
            if len(batch) == BATCH:
                _lines(out, batch, written)
                written = True
                if counted:
                    export.tick(len(batch))
                batch = []
        if batch:
            _lines(out, batch, written)
            written = True
            if counted:
                export.tick(len(batch))
        out.write("\n  ]" if written else "]")
    out.write("\n}\n")


BATCH = 1_000


def _lines(out: TextIO, batch: list[str], after: bool) -> None:
    text = (",\n    " if after else "\n    ") + ",\n    ".join(batch)
    if (not text.isascii() or "\x7f" in text) and _INVISIBLE.search(text):
        text = _INVISIBLE.sub(_escape, text)
    out.write(text)


# ------------------------------------------------------------------------------ csv


def write_csv(export: Any, out: TextIO) -> None:
    import csv

    from oneonone_cli.domain.exchange import CSV_HEADER, csv_row

    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(CSV_HEADER)
    last = None
    for row in export.meetings_with_notes(False):
        rows.writerow(csv_row(row))
        if row[0] != last:
            export.tick()
            last = row[0]
        if row[10] is not None:
            export.tick()


# ------------------------------------------------------------------------------ markdown

# Markdown's inline markup, escaped wherever it stands; and what starts a block when it opens a
# line (a heading, a quote, a list, a rule, a setext underline, a fence), escaped there.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
_KINDS = {"roadblock": "Roadblock", "morale": "Morale", "feedback": "Feedback"}


def md_text(text: str) -> list[str]:
    """A note's text as Markdown lines that read as the text: markup escaped, line breaks
    kept (as lines of the same paragraph), indentation dropped (it would start a code block),
    control and invisible characters shown as escapes (a document is read, never obeyed)."""
    lines = []
    for raw in inert(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        line = _INLINE.sub(r"\\\1", raw.strip())
        digits = re.match(r"^\d+[.)]", line)
        if digits:
            end = digits.end() - 1
            line = line[:end] + "\\" + line[end:]
        elif _BLOCK_START.match(line):
            line = "\\" + line
        if line:
            lines.append(line)
    return lines or [""]


def write_markdown(export: Any, out: TextIO) -> None:
    """One section per person, by handle: who they are, each 1:1 oldest first (notes, prompts
    asked, how it went), then their follow-ups."""
    people = export.people()
    follow_ups = export.follow_ups()
    prompts = export.prompt_texts()
    since = export.scope.since
    since_text = messages.MD_SINCE.format(since=since) if since else ""
    rows = iter(export.meetings_with_notes(True))
    pending = next(rows, None)
    for n, person in enumerate(people):
        if n:
            out.write("\n")
        handle = person["handle"]
        archived = (
            messages.MD_ARCHIVED.format(archived=person["archived"]) if person["archived"] else ""
        )
        out.write(
            messages.MD_TITLE.format(name=_inline(person["name"]), handle=_inline(handle))
            + "\n\n"
            + messages.MD_PERSON.format(
                relationship=person["relationship"],
                every=person["every"],
                added=person["added"],
                archived=archived,
            )
            + "\n"
            + messages.MD_EXPORTED.format(exported=export.exported, since=since_text)
            + "\n"
        )
        while pending is not None and pending[1] < handle:  # (people filtered out: none)
            pending = next(rows, None)
        meetings = 0
        while pending is not None and pending[1] == handle:
            meeting_id = pending[0]
            meeting, notes = pending, []
            while pending is not None and pending[0] == meeting_id:
                if pending[10] is not None:
                    notes.append(pending)
                pending = next(rows, None)
            _meeting(out, meeting, notes, prompts)
            export.tick()
            for _ in notes:
                export.tick()
            meetings += 1
        if not meetings:
            out.write("\n" + messages.MD_NO_MEETINGS.format(since=since_text) + "\n")
        theirs = follow_ups.get(handle, [])
        if theirs:
            out.write("\n" + messages.MD_FOLLOW_UPS + "\n\n")
            for item in theirs:
                template = (
                    messages.MD_FOLLOW_UP_DONE if item["done"] else messages.MD_FOLLOW_UP_OPEN
                )
                text = _item(md_text(item["text"]))
                out.write(template.format(text=text, added=item["added"], done=item["done"]) + "\n")


def _inline(text: str) -> str:
    return " ".join(md_text(text))


def _item(lines: list[str]) -> str:
    """A list item's text: its later lines indented to stay in the item."""
    return "\n  ".join(lines)


def _meeting(out: TextIO, meeting: tuple, notes: list[tuple], prompts: dict[str, str]) -> None:
    (_, _, day, status, reason, moved_to, mood, talk, flag, asked, *_) = meeting
    if status == "held":
        title = messages.MD_MEETING_HELD.format(date=day)
    elif status == "cancelled":
        title = messages.MD_MEETING_CANCELLED.format(date=day)
    else:
        title = messages.MD_MEETING_MOVED.format(date=day, moved_to=moved_to)
    out.write("\n" + title + "\n")
    if reason:
        out.write("\n" + messages.MD_REASON.format(reason=_inline(reason)) + "\n")
    signals = []
    if mood is not None:
        signals.append(messages.MD_MOOD.format(mood=mood))
    if talk is not None:
        signals.append(messages.MD_TALK.format(talk=talk))
    if flag is not None:
        signals.append(messages.MD_STATUS_UPDATE if flag else messages.MD_NO_STATUS_UPDATE)
    if signals:
        out.write("\n" + messages.MD_SIGNALS.format(signals=", ".join(signals)) + "\n")
    items = [
        messages.MD_NOTE.format(kind=_KINDS.get(kind, kind), text=_item(md_text(text)))
        for (*_, kind, text, _tags) in notes
    ]
    items += [
        messages.MD_ASKED.format(prompt=_inline(prompts.get(pid, pid)))
        for pid in (asked or "").split()
    ]
    if items:
        out.write("\n" + "\n".join(items) + "\n")
    elif status == "held":
        out.write("\n" + messages.MD_NO_NOTES + "\n")


# ------------------------------------------------------------------------------ import's answer

_NOUNS = {
    "people": ("person", "people"),
    "meetings": ("1:1", None),
    "notes": ("note", None),
    "follow_ups": ("follow-up", None),
    "prompt_uses": ("prompt asked", "prompts asked"),
    "prompt_sources": ("question bank", None),
    "prompts": ("prompt of yours", "prompts of yours"),
    "retired_prompts": ("retired prompt", None),
    "lexicon_terms": ("theme term", None),
    "lexicon_aliases": ("theme alias", "theme aliases"),
    "user_themes": ("theme of yours", "themes of yours"),
    "dismissed_themes": ("dismissed theme", None),
}


def _counts(numbers: dict[str, int]) -> str:
    from oneonone_cli.render.text import count

    return ", ".join(
        count(numbers[table], *_NOUNS[table]) for table in _NOUNS if numbers.get(table)
    )


def import_summary(name: str, added: dict[str, int], already: dict[str, int]) -> str:
    """The line `import` answers with: what it added, and what was already there."""
    if not any(added.values()):
        return messages.IMPORTED_NOTHING.format(file=name)
    there = (
        messages.IMPORT_ALREADY.format(already=_counts(already)) if any(already.values()) else ""
    )
    return messages.IMPORTED.format(file=name, added=_counts(added), already=there)
