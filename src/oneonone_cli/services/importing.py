"""Importing a file: an export of ours, a jrnl JSON export, or a CSV file. All of it or nothing
(one transaction; a file that fails any check writes nothing), and idempotent (what is already
in the journal is matched and skipped: see domain/exchange.plan_import)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError, usage_error

if TYPE_CHECKING:
    from oneonone_cli.domain.exchange import Bundle
    from oneonone_cli.store.core import Store

CHUNK = 5_000  # rows per insert between two calls of the progress callback
BULK_NOTES = 5_000
# The most `import` reads: an export of 300k notes (far more than a manager writes in a
# career) is 70 MiB, so 1 GiB is ~14 times that; reading it takes a few GiB of memory (the
# text, then the records), which is as far as a laptop should be asked to go. A larger file
# is not a journal of ours (a device, a disk image) or needs splitting.
MAX_IMPORT_BYTES = (
    1 << 30
)  # from this many notes to insert, their search index may be built at once


class ImportOptions(NamedTuple):
    format: str  # json | jrnl | csv
    person: str | None
    kind: str


class Imported(NamedTuple):
    added: dict[str, int]  # table -> rows added
    already: dict[str, int]  # table -> rows of the file already in the journal


def check_options(format: str, person: str | None, kind: str | None) -> ImportOptions:
    from oneonone_cli.domain.exchange import NOTE_KINDS
    from oneonone_cli.domain.records import check_handle, one_of

    if person is not None and format == "json":
        raise usage_error(messages.IMPORT_PERSON_FOR_OURS)
    if kind is not None and format != "jrnl":
        raise usage_error(messages.IMPORT_KIND_FOR_JRNL)
    if person is None and format == "jrnl":
        raise usage_error(messages.IMPORT_NEEDS_PERSON.format(format=format))
    if kind is not None:
        one_of(kind, NOTE_KINDS, "kind")
    handle = check_handle(person) if person is not None else None
    return ImportOptions(format, handle, kind or "morale")


def read_input(file: str, stdin: Any) -> tuple[str, str]:
    """The file's name (as messages say it) and its text; '-' reads stdin."""
    if file == "-":
        name = "stdin"
        stream = getattr(stdin, "buffer", stdin) if stdin is not None else None
        data = stream.read(MAX_IMPORT_BYTES + 1) if stream is not None else b""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if len(data) > MAX_IMPORT_BYTES:
            raise OneOnOneError(messages.IMPORT_TOO_BIG.format(file=name, cap=_cap()))
    else:
        import stat

        name = file
        path = Path(file).expanduser()
        if not path.exists():
            raise OneOnOneError(messages.IMPORT_NO_FILE.format(file=file))
        if path.is_dir():
            raise OneOnOneError(messages.IMPORT_IS_FOLDER.format(file=file))
        try:
            # Judged before it is opened: a fifo would hang the open, a device never ends.
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise OneOnOneError(messages.IMPORT_NOT_A_FILE.format(file=file))
            if info.st_size > MAX_IMPORT_BYTES:
                raise OneOnOneError(messages.IMPORT_TOO_BIG.format(file=file, cap=_cap()))
            with open(path, "rb") as handle:
                data = handle.read(MAX_IMPORT_BYTES + 1)  # (a file that grew meanwhile)
            if len(data) > MAX_IMPORT_BYTES:
                raise OneOnOneError(messages.IMPORT_TOO_BIG.format(file=file, cap=_cap()))
        except OSError as exc:
            raise OneOnOneError(
                messages.IMPORT_CANNOT_READ.format(file=file, reason=exc.strerror or exc)
            ) from None
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OneOnOneError(messages.IMPORT_NOT_UTF8.format(file=name, start=exc.start)) from None


def _cap() -> str:
    return f"{MAX_IMPORT_BYTES >> 30} GiB"


def parse(name: str, text: str, options: ImportOptions) -> Bundle:
    """The file as a Bundle, every record checked; the first problem is one line."""
    from oneonone_cli.domain import exchange

    if options.format == "csv":
        import csv
        import io

        csv.field_size_limit(exchange.MAX_IMPORTED_NOTE_CHARS + 1)
        try:
            return exchange.read_csv(
                csv.reader(io.StringIO(text, newline="")), name, options.person
            )
        except csv.Error as exc:
            raise OneOnOneError(messages.CSV_NOT_CSV.format(file=name, problem=exc)) from None
    data = _json(name, text, options)
    if options.format == "jrnl":
        return exchange.read_jrnl(data, name, options.person, options.kind)
    return exchange.read_ours(data, name)


def _json(name: str, text: str, options: ImportOptions) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        first = text.lstrip()[:1]
        hint = messages.IMPORT_HINT_CSV if first not in ("{", "[") and "," in text[:500] else ""
        raise OneOnOneError(
            messages.IMPORT_NOT_JSON.format(
                file=name, problem=exc.msg, line=exc.lineno, column=exc.colno, hint=hint
            )
        ) from None
    except RecursionError:
        raise OneOnOneError(messages.IMPORT_JSON_TOO_DEEP.format(file=name)) from None


def import_file(
    file: str,
    stdin: Any,
    options: ImportOptions,
    open_store: Callable[[], Store],
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> tuple[str, Imported]:
    """Read and check the file `file` ('-': stdin), then open the journal and write all of it
    in one transaction (or nothing). A file that fails a check never opens the journal; the
    file's text is let go once read (an export of 300k notes is 70 MiB of it)."""
    name, text = read_input(file, stdin)
    bundle = parse(name, text, options)
    del text
    if today is not None:
        _check_not_future(bundle, name, today)
    return name, import_bundle(open_store(), name, bundle, progress)


def import_data(
    store: Store,
    name: str,
    text: str,
    options: ImportOptions,
    progress: Callable[[int, int], None] | None = None,
) -> Imported:
    """Check a file's text, then write all of it in one transaction (or nothing)."""
    return import_bundle(store, name, parse(name, text, options), progress)


def import_bundle(
    store: Store,
    name: str,
    bundle: Bundle,
    progress: Callable[[int, int], None] | None = None,
) -> Imported:
    """Write what a checked file holds, all of it in one transaction (or nothing)."""
    from oneonone_cli.domain.exchange import Existing, people_named, plan_import
    from oneonone_cli.domain.records import EXCHANGE_TABLES

    named = people_named(bundle)
    if not bundle.ids:  # jrnl, CSV: about people already in the journal
        for handle in sorted(named):
            store.person(handle)  # an unknown one: one line, with the closest handle
        _check_prompts(store, bundle, name)
    with store.transaction():
        handles = store.handles()
        in_use = store.ids_in_use()
        if in_use:
            meetings = list(store.meetings_of(named & handles))
            ids = [m[0] for m in meetings]
            existing = Existing(
                handles,
                meetings,
                list(store.notes_of_meetings(ids)),
                store.prompt_uses_of(ids),
                list(store.follow_ups_of(named & handles)),
            )
        else:
            existing = Existing(handles, [], [], set(), [])
        plan = plan_import(bundle, existing, store.next_ids(), keep_ids=bundle.ids and not in_use)
        total = sum(len(rows) for rows in plan.rows.values())
        done = 0
        added: dict[str, int] = {}
        if progress is not None:
            progress(0, total)
        notes = plan.rows["notes"]
        # Many notes: their search index is built once at the end (store/exchange.py) when that
        # costs less than indexing each (a rebuild reads every note of the journal).
        bulk = len(notes) >= BULK_NOTES and len(notes) * 5 >= store.exchange_count("notes")
        for table in EXCHANGE_TABLES:
            rows = plan.rows[table]
            keep = table not in ("meetings", "notes", "follow_ups", "prompt_uses", "people")
            added[table] = 0
            if table == "notes" and bulk:
                added[table] = store.insert_notes_in_bulk(rows)
                done += len(rows)
                if progress is not None:
                    progress(done, total)
                continue
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                added[table] += store.insert_rows(table, chunk, keep_existing=keep)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    already = dict(plan.already)
    for table in EXCHANGE_TABLES:  # the small tables: what the journal had kept
        if table not in ("meetings", "notes", "follow_ups", "prompt_uses", "people"):
            skipped = len(plan.rows[table]) - added[table]
            if skipped:
                already[table] = skipped
    return Imported(added, already)


def _check_not_future(bundle: Bundle, name: str, today: date) -> None:
    """A 1:1 dated after today is refused, as `log` and `cancel` refuse it: a file of ours
    cannot hold one (its journal refused them too), so one here is a wrong date."""
    for row in bundle.tables["meetings"]:
        if row[2] > today.isoformat():
            raise OneOnOneError(
                messages.IMPORT_FUTURE.format(file=name, person=row[1], day=row[2], today=today)
            )


def _check_prompts(store: Store, bundle: Bundle, name: str) -> None:
    from oneonone_cli.services.prompts import prompt_bank
    from oneonone_cli.suggest import did_you_mean

    asked = {row[2] for row in bundle.tables["prompt_uses"]}
    if not asked:
        return
    known = {p.id for p in prompt_bank(store)}
    for prompt_id in sorted(asked - known):
        raise OneOnOneError(
            messages.IMPORT_UNKNOWN_PROMPT.format(
                file=name, prompt=prompt_id, hint=did_you_mean(prompt_id, sorted(known))
            )
        )
