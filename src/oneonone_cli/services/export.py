"""Exporting the journal: the records an export reads, streamed from one consistent view of the
journal, handed to a format's writer (render/export.py), and the file written atomically.

A writer is `write(export, out)`: it reads what it needs from `export` (an `Export`) and writes
text to `out`. The writer of a format is looked up by the command; nothing here knows the
formats, so a new one plugs in as one more writer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from oneonone_cli import messages
from oneonone_cli.domain.records import EXCHANGE_TABLES, ExportScope
from oneonone_cli.errors import OneOnOneError

if TYPE_CHECKING:
    from oneonone_cli.store.core import Store

PROGRESS_EVERY = 2_000  # records between two calls of the progress callback


class Export(NamedTuple):
    """What a writer reads. `tables()` streams (section, rows) of every table in the order of
    EXCHANGE_TABLES, each row a tuple of its columns (domain/exchange.py's `record` makes it a
    dict, `json_lines` a line of our JSON); `meetings_with_notes()`
    streams the 1:1s joined with their notes (store/exchange.py; by person for a
    per-person document); `people()` lists the people exported; `follow_ups()` maps a handle to
    its follow-up rows; `prompt_texts` maps a prompt ID to its text."""

    exported: date
    scope: ExportScope
    header: dict
    tables: Callable[[], Iterator[tuple[str, Iterator[tuple]]]]
    meetings_with_notes: Callable[[bool], Iterator[tuple]]
    people: Callable[[], list[dict]]
    follow_ups: Callable[[], dict[str, list[dict]]]
    prompt_texts: Callable[[], dict[str, str]]
    total: int  # meetings and notes exported: what the progress callback counts up to
    tick: Callable[..., None]  # a writer calls it with how many 1:1s or notes it wrote
    # The printable page's figures (services/html_page.py), for a writer marked `wants_page`:
    # gathered before the export's read transaction (the theme analysis may write its cache).
    page: Callable[[], Any] = lambda: None


class Exported(NamedTuple):
    people: int
    meetings: int
    notes: int
    dest: Path | None  # None: stdout
    # The printable page's window (since, today): the counts above are then the page's (the
    # people on it, the 1:1s held and the notes in that window), not the journal's.
    window: tuple[date, date] | None = None


def scope_of(store: Store, person: str | None, since: str | None, today: date) -> ExportScope:
    """--person (someone in the journal) and --since (a span or a date), checked."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.records import check_handle

    handle = store.person(check_handle(person)).handle if person is not None else None
    return ExportScope(handle, parse_since(since, today) if since is not None else None)


def export(
    store: Store,
    scope: ExportScope,
    today: date,
    write: Callable[[Export, TextIO], None],
    dest: str | None,
    stdout: TextIO,
    progress: Callable[[int, int], None] | None = None,
    user_file: Path | None = None,
    analysis: Callable[[int, int], None] | None = None,
    format: str | None = None,
    journal: Path | None = None,
) -> Exported:
    """Export the journal's records within `scope` with `write`, to the file `dest` (written
    under a temporary name and renamed: a reader never sees half an export, and a failed one
    leaves the file there before untouched) or to `stdout` (`dest` None or '-'). Everything is
    read in one read transaction: one consistent view, even with a `log` running meanwhile.
    `analysis(done, total)` hears a first theme analysis, for the printable page. An existing
    `dest` is replaced only when it is an export of ours in `format` (check_replaceable); a
    symlink's target is replaced, the link kept."""
    from oneonone_cli.domain import exchange

    path = _destination(dest)
    target = path
    if path is not None and format is not None:
        target = check_replaceable(path, format, journal)
    page = None
    if getattr(write, "wants_page", False):
        from oneonone_cli.services.html_page import html_page

        page = html_page(
            store,
            today,
            person=scope.person,
            since=scope.since,
            user_file=user_file,
            progress=analysis,
        )
    opened: list = []  # the streams a writer started: closed while the journal is still open

    def stream(rows: Iterator[tuple]) -> Iterator[tuple]:
        opened.append(rows)
        return rows

    def tables() -> Iterator[tuple[str, Iterator[tuple]]]:
        for table in EXCHANGE_TABLES:
            yield table, stream(store.exchange_rows(table, scope))

    try:
        with store.reading():
            counts = {t: store.exchange_count(t, scope) for t in ("people", "meetings", "notes")}
            total = counts["meetings"] + counts["notes"]
            done = [0, PROGRESS_EVERY]  # written so far, and when to call progress next

            def tick(n: int = 1) -> None:
                done[0] += n
                if progress is not None and done[0] >= done[1]:
                    done[1] = done[0] + PROGRESS_EVERY
                    progress(done[0], total)

            data = Export(
                exported=today,
                scope=scope,
                header=exchange.header(today, scope.person, scope.since),
                tables=tables,
                meetings_with_notes=lambda by_person: stream(
                    store.meetings_with_notes(scope, by_person=by_person)
                ),
                people=lambda: [
                    exchange.record("people", r) for r in store.exchange_rows("people", scope)
                ],
                follow_ups=lambda: _follow_ups(store, scope),
                prompt_texts=lambda: _prompt_texts(store),
                total=total,
                tick=tick,
                page=lambda: page,
            )
            if progress is not None:
                progress(0, total)
            if path is None:
                write(data, stdout)
            else:
                _write_atomically(target, lambda out: write(data, out))
            if progress is not None:
                progress(total, total)
    finally:
        for rows in opened:
            rows.close()
    if page is not None:  # what the page covers: its people, 1:1s held and notes in its window
        with store.reading():
            notes = sum(
                store.exchange_count("notes", ExportScope(r.person, page.since))
                for r in page.cadence
            )
        held = sum(r.cadence.held for r in page.cadence)
        return Exported(len(page.cadence), held, notes, path, (page.since, today))
    return Exported(counts["people"], counts["meetings"], counts["notes"], path)


def _follow_ups(store: Store, scope: ExportScope) -> dict[str, list[dict]]:
    from oneonone_cli.domain.exchange import record

    found: dict[str, list[dict]] = {}
    for row in store.exchange_rows("follow_ups", scope):
        item = record("follow_ups", row)
        found.setdefault(item["person"], []).append(item)
    return found


def _prompt_texts(store: Store) -> dict[str, str]:
    from oneonone_cli.services.prompts import prompt_bank

    return {p.id: p.text for p in prompt_bank(store)}


def _destination(dest: str | None) -> Path | None:
    if dest is None or dest == "-":
        return None
    if not dest.strip():
        raise OneOnOneError(messages.EXPORT_EMPTY_OUTPUT)
    path = Path(dest).expanduser()
    if path.is_dir():
        raise OneOnOneError(messages.EXPORT_DEST_FOLDER.format(path=path))
    if not path.parent.is_dir():
        raise OneOnOneError(messages.EXPORT_DEST_MISSING_FOLDER.format(path=path))
    return path


# How each format's file begins (its first bytes, or a marker in its first HEAD_BYTES): an
# existing file is replaced only when it is an export of ours of that very format.
HEAD_BYTES = 4096


def _ours(head: bytes, format: str) -> bool:
    from oneonone_cli.domain.exchange import CSV_HEADER, FORMAT

    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if format == "json":
        return bool(re.match(r'\{\s*"format":\s*"' + re.escape(FORMAT) + '"', text))
    if format == "csv":
        return text.split("\r\n", 1)[0].split("\n", 1)[0] == ",".join(CSV_HEADER)
    if format == "markdown":
        return text.startswith(messages.MD_TITLE.split("{", 1)[0])
    if format == "html":
        return text.startswith("<!DOCTYPE html>") and (
            '<meta name="generator" content="oneonone">' in text
        )
    return False


def check_replaceable(path: Path, format: str, journal: Path | None) -> Path:
    """The file an export to `path` writes: `path` itself when new, or (through any symlink)
    the existing regular file it names, if that file is an export of ours in `format` (or
    empty). Anything else - the journal, another SQLite file, a device, a fifo, a folder, a
    file of other content - is refused before anything is written."""
    import stat

    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return real  # a new file (or a link to a file yet to be made)
    except OSError as exc:
        raise OneOnOneError(
            messages.EXPORT_CANNOT_WRITE.format(path=path, reason=exc.strerror or exc)
        ) from None
    refused = OneOnOneError(messages.EXPORT_NOT_AN_EXPORT.format(path=path, format=format))
    if not stat.S_ISREG(info.st_mode):
        raise refused
    if journal is not None:
        try:
            if os.path.samefile(real, journal):
                raise refused
        except OSError:
            pass
    if info.st_size == 0:
        return real  # nothing in it to lose
    try:
        with open(real, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise OneOnOneError(
            messages.EXPORT_CANNOT_WRITE.format(path=path, reason=exc.strerror or exc)
        ) from None
    if not _ours(head, format):
        raise refused
    return real


def _write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    """Write to a new private file beside `path`, flush it to disk, then rename it over `path`;
    on any failure (or a signal) the temporary file goes and `path` is as it was."""
    from oneonone_cli.store.files import _new_private_file, remove_stale

    # A killed export's partial file (plain text, even of an encrypted journal) goes now.
    remove_stale(path.parent, f".{path.name}.*.partial", -3)  # .NAME.PID.RANDOM.partial
    try:
        fd, partial = _new_private_file(path.parent, f".{path.name}.", ".partial")
    except OSError as exc:
        raise OneOnOneError(
            messages.EXPORT_CANNOT_WRITE.format(path=path, reason=exc.strerror or exc)
        ) from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OneOnOneError(
                messages.EXPORT_CANNOT_WRITE.format(path=path, reason=exc.strerror or exc)
            ) from None
        raise
